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
import { groupSources, sourceName } from '../activity/coverage.js';
import { validateCharterFiles } from '../charters/layout.js';
import { readCheckoutPages } from '../charters/read-pages.js';
import { groupLeaders } from '../charters/schema.js';
import { formatText } from './activity-command.js';
import { formatValidation } from './format.js';

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

/**
 * Renders, as text, MCP's groups as MCP keeps them — the SEP-2149 charter pages bundled in
 * `<root>/examples/mcp-pages` (a copy of modelcontextprotocol/modelcontextprotocol's `docs/`) read
 * as `charter_pages: {}` reads them: the drift the pages hold (validator findings at their lines),
 * what each page gives in the one charter model (leads with terms, sponsors, channel, the sources
 * of its work), and the scheduled job judging the groups on the bundled snapshot with the sources
 * the pages name, under `policy: sep-2149`, with the duty columns.
 */
export async function renderPagesDemo(root: string, now: Date): Promise<string> {
  const pagesRoot = join(root, 'examples', 'mcp-pages');
  const checkout = await readCheckoutPages(pagesRoot);
  const validation = validateCharterFiles(checkout.layout, checkout.files, { now });
  const job = await runActivityJob({
    source: { kind: 'snapshot', snapshotFile: join(root, 'snapshots', 'mcp-activity.json'), charters: { pages: pagesRoot }, governanceRepo: 'modelcontextprotocol/modelcontextprotocol', config: SEP_2149_DEMO_CONFIG },
    clock: () => now,
    dryRun: true,
  });
  const loaded = validation.charters.map((c) => c.charter).sort((a, b) => Number(a.type === 'interest') - Number(b.type === 'interest') || (a.id < b.id ? -1 : 1));
  const gives = loaded.map((c) => {
    const leaders = c.type === 'working' ? (c.leads ?? []).map((l) => (l.term ? `${l.login} (${l.term})` : l.login)) : groupLeaders(c);
    const sources = groupSources(c).map((s) => sourceName(s));
    return [
      `  ${c.type === 'working' ? 'wg' : 'ig'}:${c.id}${c.status === 'retired' ? ' (retired)' : ''} — ${c.name}, formed ${c.formed ?? 'unknown'}`,
      `      ${c.type === 'working' ? 'leads' : 'facilitators'}: ${leaders.join(', ') || 'none named'}${c.sponsors ? `; sponsors: ${c.sponsors.join(', ')}` : ''}; Discord: ${c.discord ? `#${c.discord}` : 'none named'}`,
      `      work read from: ${sources.join('; ')}${c.untracked_deliverables?.length ? `; ${c.untracked_deliverables.length} work items tracked by no issue or pull request` : ''}`,
    ].join('\n');
  });
  const duties = job.verdicts
    .filter((v) => v.status === 'active' && v.type === 'working')
    .map((v) => {
      const [quarterly, meetings, terms] = dutyCells(job.duties.get(v.id), (t) => t);
      return `  ${v.label.padEnd(38)} lead terms: ${terms}\n  ${''.padEnd(38)} meeting notes: ${meetings}\n  ${''.padEnd(38)} quarterly update: ${quarterly}`;
    });
  return [
    "MCP's groups as MCP keeps them: the SEP-2149 charter pages of modelcontextprotocol/modelcontextprotocol at b0f60ba5 (examples/mcp-pages, CC-BY-4.0), read with `charter_pages: {}` — `group-steward validate --pages examples/mcp-pages`:",
    '',
    formatValidation(validation, 'text', 'examples/mcp-pages/').trimEnd(),
    '',
    `What the pages give, in the one charter model (${loaded.length} groups; a page with errors is still shown here, but left out of the registry until fixed):`,
    '',
    ...gives,
    '',
    `The scheduled job on the bundled snapshot with the charters and sources the pages name, under \`policy: sep-2149\` — \`group-steward activity --snapshot snapshots/mcp-activity.json --pages examples/mcp-pages\`:`,
    '',
    formatText(job).trimEnd(),
    '',
    "The dashboard's duty columns for the working groups, from the pages (their lead terms and meeting-notes categories):",
    '',
    ...duties,
    '',
  ].join('\n');
}
