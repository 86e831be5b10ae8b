/**
 * The demo's preview of the charter check: the check runs Group Steward would post on a pull
 * request that adds `examples/new-group.yaml` to the bundled charters — computed by the same pure
 * code the App runs, from local files, with no network.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { charterStem } from '../charters/parse.js';
import type { CharterSource } from '../charters/parse.js';
import { readCharterDirectory } from '../charters/read-directory.js';
import { validateCharters } from '../charters/validate.js';
import { judgePullRequest } from '../checks/judge-pull-request.js';
import { dutyCells } from '../activity/dashboard.js';
import { ConfigSchema, DEFAULT_CONFIG } from '../config/schema.js';
import { runActivityJob } from '../jobs/activity-job.js';
import type { Config } from '../config/schema.js';
import { buildDirectory, renderDirectoryMarkdown } from '../directory/directory.js';
import type { CharterTree } from '../charters/tree.js';

const oid = (text: string) => createHash('sha1').update(text).digest('hex');

function toTree(sources: readonly CharterSource[]): CharterTree {
  const files = sources.map((s) => {
    const text = typeof s.content === 'string' ? s.content : Buffer.from(s.content).toString('utf8');
    return { name: s.file, oid: oid(text), byteSize: Buffer.byteLength(text), isBinary: false, text };
  });
  return { oid: oid(files.map((f) => `${f.name}:${f.oid}`).join('\n')), files };
}

/** A sample review of the demo's pull request. */
export interface DemoReview {
  login: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED';
}

/**
 * Renders, as text, the check runs for a pull request adding `examples/new-group.yaml` to the
 * charters in `<root>/groups`, opened one hour before `now`, under `config` (default: the default
 * configuration, SEP-1302) with `reviews` submitted since.
 */
export async function previewNewGroupCheck(root: string, now: Date, config: Config = DEFAULT_CONFIG, reviews: readonly DemoReview[] = []): Promise<string> {
  const base = await readCharterDirectory(join(root, 'groups'));
  const exampleText = await readFile(join(root, 'examples', 'new-group.yaml'), 'utf8');
  const added = { file: `${charterStem('example-group.yaml')}.yaml`, content: exampleText };
  const judged = judgePullRequest(
    {
      head: toTree([...base, added]),
      base: toTree(base),
      pull: {
        createdAt: new Date(now.getTime() - 3_600_000).toISOString(),
        isDraft: false,
        readyAt: null,
        proposer: null,
        reviews: reviews.map((r) => ({ ...r, submittedAt: new Date(now.getTime() - 1_800_000).toISOString() })),
        firstVoteAt: null,
      },
      openCheckRuns: new Map(),
    },
    config,
    now,
  );
  if (!judged) return 'The example changes nothing in groups/: no check run.\n';
  const out = [
    'A pull request adding examples/new-group.yaml as groups/example-group.yaml would get these check runs:',
    '',
    `── Group charters: ${judged.report.conclusion} — ${judged.report.title}`,
    judged.report.summary,
  ];
  for (const { name, report } of judged.checks) out.push('', `── ${name}: ${report.conclusion ?? report.status} — ${report.title}`, report.summary);
  return `${out.join('\n')}\n`;
}

/** MCP's people under SEP-2149, for the demo: the lead maintainers (MAINTAINERS.md), and sample core maintainers. */
const SEP_2149_DEMO_CONFIG: Config = ConfigSchema.parse({
  policy: 'sep-2149',
  vote: { core_maintainers: { logins: ['core-maintainer-a', 'core-maintainer-b', 'core-maintainer-c'] }, lead_maintainers: { logins: ['dsp-ant', 'localden'] } },
});

/**
 * Renders, as text, MCP's real groups under `policy: sep-2149` (MCP's rules today): the sample new
 * group's "Group sponsorship" check after one core maintainer's approval (SEP-2149 § 1.1, § 1.9),
 * and the dashboard's duty columns — quarterly update (§ 1.8), meeting notes (§ 1.2, § 1.6), lead
 * terms (Part 2 § 4) — from the bundled charters and snapshot, judged at the snapshot's date.
 */
export async function renderSep2149Demo(root: string, now: Date): Promise<string> {
  const check = await previewNewGroupCheck(root, now, SEP_2149_DEMO_CONFIG, [{ login: 'core-maintainer-a', state: 'APPROVED' }]);
  const job = await runActivityJob({
    source: { kind: 'snapshot', snapshotFile: join(root, 'snapshots', 'mcp-activity.json'), charters: { dir: join(root, 'groups') }, governanceRepo: 'modelcontextprotocol/modelcontextprotocol', config: SEP_2149_DEMO_CONFIG },
    clock: () => now,
    dryRun: true,
  });
  const rows = job.verdicts
    .filter((v) => v.status === 'active')
    .sort((a, b) => Number(a.type === 'interest') - Number(b.type === 'interest') || (a.id < b.id ? -1 : 1))
    .map((v) => {
      const [quarterly, meetings, terms] = dutyCells(job.duties.get(v.id), (t) => t);
      return `  ${v.label.padEnd(30)} quarterly update: ${quarterly}
  ${''.padEnd(30)} meeting notes: ${meetings}
  ${''.padEnd(30)} lead terms: ${terms}`;
    });
  return [
    `Under \`policy: sep-2149\` (MCP's rules today; lead maintainers ${SEP_2149_DEMO_CONFIG.vote.lead_maintainers && 'logins' in SEP_2149_DEMO_CONFIG.vote.lead_maintainers ? SEP_2149_DEMO_CONFIG.vote.lead_maintainers.logins.join(', ') : ''}, sample core maintainers), after one core maintainer approved:`,
    '',
    check.trimEnd(),
    '',
    `The dashboard's duty columns for MCP's active groups on the bundled snapshot (as of ${job.now.toISOString()}; inactivity window ${job.config.inactivity_days} days under SEP-2149). The bundled charters name no Discussions categories and record no lead terms, so nothing is called missing:`,
    '',
    ...rows,
    '',
  ].join('\n');
}

/**
 * Renders, as text, the group directory of the bundled charters (`<root>/groups`): the Markdown
 * that `groups/README.md` holds between its directory markers (SEP-1302 FAQ: "Where can I find
 * a list of all current WGs and IGs?"). Charters with errors are left out, and counted.
 */
export async function renderBundledDirectory(root: string, now: Date): Promise<string> {
  const result = validateCharters(await readCharterDirectory(join(root, 'groups')), { now });
  const valid = result.charters.filter((c) => !c.hasErrors);
  const left = result.charters.length - valid.length;
  const directory = buildDirectory(valid);
  const counts = `${directory.working_groups.length} active working groups, ${directory.interest_groups.length} active interest groups, ${directory.retired.length} retired`;
  return [
    `The group directory of MCP's groups (${counts}), as groups/README.md holds it between its markers (\`group-steward directory groups --write groups/README.md\`; \`--format json\` for the same data as JSON)${left > 0 ? `; ${left} charters with errors left out` : ''}:`,
    '',
    renderDirectoryMarkdown(directory),
  ].join('\n');
}
