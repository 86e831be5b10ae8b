/**
 * The demo's sections (`group-steward demo`): the check runs Group Steward would post on a pull
 * request that adds `examples/new-group.yaml` to the bundled charters, the group directory, MCP's
 * groups under SEP-2149 and as its charter pages keep them — computed by the same pure code the App
 * runs, from local files, with no network, and printed for a terminal: at most 120 columns, the
 * Markdown the App posts rendered as plain text (`markdownToText`), one instant (`now`) throughout.
 * Each section is `[title, body]`.
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
import { membersText } from '../activity/dashboard-members.js';
import { ConfigSchema, DEFAULT_CONFIG } from '../config/schema.js';
import { runActivityJob } from '../jobs/activity-job.js';
import type { Config, People } from '../config/schema.js';
import { buildDirectory, renderDirectoryMarkdown } from '../directory/directory.js';
import type { CharterTree } from '../charters/tree.js';
import { groupSources, sourceName } from '../activity/coverage.js';
import { groupLines } from '../activity/dashboard-evidence.js';
import type { GroupVerdict } from '../activity/evaluate.js';
import type { Charter } from '../charters/schema.js';
import { validateCharterFiles } from '../charters/layout.js';
import { readCheckoutPages } from '../charters/read-pages.js';
import { groupLeaders } from '../charters/schema.js';
import { formatText } from './activity-command.js';
import { formatValidation, markdownToText, TERMINAL_WIDTH, wrapText } from './format.js';

const oid = (text: string) => createHash('sha1').update(text).digest('hex');

function toTree(sources: readonly CharterSource[]): CharterTree {
  const files = sources.map((s) => {
    const text = typeof s.content === 'string' ? s.content : Buffer.from(s.content).toString('utf8');
    return { name: s.file, oid: oid(text), byteSize: Buffer.byteLength(text), isBinary: false, text };
  });
  return { oid: oid(files.map((f) => `${f.name}:${f.oid}`).join('\n')), files };
}

/** A demo section: its title (one paragraph) and its body. */
export type DemoSection = [title: string, body: string];

/** A sample review of the demo's pull request. */
export interface DemoReview {
  login: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED';
}

/**
 * The sample configuration of the SEP-1302 preview: three sample moderators (`vote.moderators`),
 * so the creation vote is shown open, as a repository that configured its moderators sees it —
 * not failing for want of a configuration.
 */
export const SEP_1302_DEMO_CONFIG: Config = ConfigSchema.parse({
  vote: { moderators: { logins: ['moderator-a', 'moderator-b', 'moderator-c'] } },
});

/** `vote.moderators: moderator-a, moderator-b, moderator-c`: the people a sample configuration names. */
export function describeSampleConfig(config: Config): string {
  const named = (key: string, people: People | undefined) => (people === undefined ? [] : [`vote.${key}: ${'logins' in people ? people.logins.join(', ') : `team ${people.team}`}`]);
  return [
    ...named('moderators', config.vote.moderators),
    ...named('core_maintainers', config.vote.core_maintainers),
    ...named('lead_maintainers', config.vote.lead_maintainers),
  ].join('; ');
}

/**
 * Renders, as text for a terminal, the check runs for a pull request adding
 * `examples/new-group.yaml` to the charters in `<root>/groups`, opened one hour before `now`,
 * under `config` (default: the default configuration, SEP-1302) with `reviews` submitted since:
 * each run's name, conclusion and title, then its summary — the Markdown the App posts, as plain text.
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
  const run = (name: string, conclusion: string, title: string, summary: string) =>
    `${wrapText(`── ${name}: ${conclusion} — ${title}`, TERMINAL_WIDTH, '   ')}\n\n${markdownToText(summary).trimEnd()}`;
  const out = [run('Group charters', judged.report.conclusion, judged.report.title, judged.report.summary)];
  for (const { name, report } of judged.checks) out.push(run(name, report.conclusion ?? report.status, report.title, report.summary));
  return `${out.join('\n\n')}\n`;
}

/** MCP's people under SEP-2149, for the demo: the lead maintainers (MAINTAINERS.md), and sample core maintainers. */
const SEP_2149_DEMO_CONFIG: Config = ConfigSchema.parse({
  policy: 'sep-2149',
  vote: { core_maintainers: { logins: ['core-maintainer-a', 'core-maintainer-b', 'core-maintainer-c'] }, lead_maintainers: { logins: ['dsp-ant', 'localden'] } },
});

/**
 * The duty columns of one group: three `name: value` lines, the first after its label, each
 * wrapped so its continuation lines stay in the value column (`column` wide on the left).
 */
function dutyLines(label: string, cells: readonly (readonly [string, string])[], column: number): string {
  return cells
    .map(([name, value], i) =>
      wrapText(`${name}: ${value}`, TERMINAL_WIDTH - column, '  ')
        .split('\n')
        .map((line, j) => `${i === 0 && j === 0 ? `  ${label}`.padEnd(column) : ' '.repeat(column)}${line}`)
        .join('\n'),
    )
    .join('\n');
}

/** The column the duty lines of `labels` start at: after the longest label. */
const dutyColumn = (labels: readonly string[]) => 2 + Math.max(0, ...labels.map((l) => l.length)) + 2;

/**
 * Renders, as text, MCP's real groups under `policy: sep-2149` (MCP's rules today): the sample new
 * group's "Group sponsorship" check after one core maintainer's approval (SEP-2149 § 1.1, § 1.9),
 * and the dashboard's duty columns — quarterly update (§ 1.8), meeting notes (§ 1.2, § 1.6), lead
 * terms (Part 2 § 4) — from the bundled charters and snapshot, judged at the snapshot's date.
 */
export async function renderSep2149Demo(root: string, now: Date): Promise<DemoSection> {
  const check = await previewNewGroupCheck(root, now, SEP_2149_DEMO_CONFIG, [{ login: 'core-maintainer-a', state: 'APPROVED' }]);
  const job = await runActivityJob({
    source: { kind: 'snapshot', snapshotFile: join(root, 'snapshots', 'mcp-activity.json'), charters: { dir: join(root, 'groups') }, governanceRepo: 'modelcontextprotocol/modelcontextprotocol', config: SEP_2149_DEMO_CONFIG },
    clock: () => now,
    dryRun: true,
  });
  const active = job.verdicts
    .filter((v) => v.status === 'active')
    .sort((a, b) => Number(a.type === 'interest') - Number(b.type === 'interest') || (a.id < b.id ? -1 : 1));
  const column = dutyColumn(active.map((v) => v.label));
  const rows = active.map((v) => {
    const [quarterly, meetings, terms] = dutyCells(job.duties.get(v.id), (t) => t);
    return dutyLines(
      v.label,
      [
        ['quarterly update', quarterly],
        ['meeting notes', meetings],
        ['lead terms', terms],
      ],
      column,
    );
  });
  return [
    `5. Under \`policy: sep-2149\` (MCP's rules today), with a sample configuration: ${describeSampleConfig(SEP_2149_DEMO_CONFIG)} (the lead maintainers are MCP's; the core maintainers are samples). The same pull request, after one core maintainer approved:`,
    [
      check.trimEnd(),
      '',
      wrapText(
        `The dashboard's duty columns for MCP's active groups on the bundled snapshot (as of ${job.now.toISOString()}; inactivity window ${job.config.inactivity_days} days under SEP-2149). The bundled charters name no Discussions categories and record no lead terms, so nothing is called missing:`,
        TERMINAL_WIDTH,
        '',
      ),
      '',
      ...rows,
    ].join('\n'),
  ];
}

/**
 * Renders, as text, the group directory of the bundled charters (`<root>/groups`): what
 * `groups/README.md` holds between its directory markers (SEP-1302 FAQ: "Where can I find a list
 * of all current WGs and IGs?"), as plain text. Charters with errors are left out, and counted.
 */
export async function renderBundledDirectory(root: string, now: Date): Promise<DemoSection> {
  const result = validateCharters(await readCharterDirectory(join(root, 'groups')), { now });
  const valid = result.charters.filter((c) => !c.hasErrors);
  const left = result.charters.length - valid.length;
  const directory = buildDirectory(valid);
  const counts = `${directory.working_groups.length} active working groups, ${directory.interest_groups.length} active interest groups, ${directory.retired.length} retired`;
  return [
    `4. The group directory of MCP's groups (${counts}), which groups/README.md holds as Markdown between its markers — \`group-steward directory groups --write groups/README.md\` (\`--format json\` for the same data as JSON)${left > 0 ? `; ${left} charters with errors left out` : ''}:`,
    markdownToText(renderDirectoryMarkdown(directory)),
  ];
}

/**
 * `config` with MCP's calendar base (`meetings.calendar_base`) and a sample Discord configuration:
 * a sample guild and a sample id for each channel the charters name — the demo's snapshot records
 * no Discord data, so the ids are never used; they make each channel a source to show.
 */
export function sampleEvidenceConfig(config: Config, charters: readonly Charter[]): Config {
  const names = [...new Set(charters.flatMap((c) => (c.status === 'active' && c.discord ? [c.discord] : [])))].sort();
  const channels = Object.fromEntries(names.map((name, i) => [name, String(1_000_000_000_000_000_001n + BigInt(i))]));
  return { ...config, meetings: { calendar_base: 'https://meet.modelcontextprotocol.io' }, discord: { guild_id: '1000000000000000000', channels } };
}

/**
 * The demo's lines on meetings and conversations (issue 23): for each active group whose charter
 * names a calendar or a channel, each with its coverage — "not in the recording" for the bundled
 * snapshot, which records neither — then a blank line. None when no group names one.
 */
function evidenceDemoLines(verdicts: readonly GroupVerdict[]): string[] {
  const named = verdicts.filter((v) => v.status === 'active' && v.evidence);
  if (named.length === 0) return [];
  const column = dutyColumn(named.map((v) => v.label));
  return [
    wrapText(
      "Meetings and conversations (issue 23) — the calendar tags and Discord channels the pages name, with MCP's calendar base (https://meet.modelcontextprotocol.io) and a sample Discord configuration (sample ids); the bundled snapshot records neither, so none is silence (README: \"Meetings and Discord\"):",
      TERMINAL_WIDTH,
      '',
    ),
    '',
    ...named.map((v) =>
      dutyLines(
        v.label,
        v.coverage.filter((c) => c.source.startsWith('calendar ') || c.source.startsWith('Discord #')).map((c) => [c.source, c.status === 'read' ? groupLines(v, true, (t) => t).join('; ') : (c.why ?? c.status)] as const),
        column,
      ),
    ),
    '',
  ];
}

/**
 * Renders, as text, MCP's groups as MCP keeps them — the SEP-2149 charter pages bundled in
 * `<root>/examples/mcp-pages` (a copy of modelcontextprotocol/modelcontextprotocol's `docs/`) read
 * as `charter_pages: {}` reads them: the drift the pages hold (validator findings at their lines),
 * what each page gives in the one charter model (leads with terms, sponsors, channel, the sources
 * of its work), and the scheduled job judging the groups on the bundled snapshot with the sources
 * the pages name, under `policy: sep-2149`, with the duty columns. The pages' dates are judged at
 * `now`, like every other section's.
 */
export async function renderPagesDemo(root: string, now: Date): Promise<DemoSection> {
  const pagesRoot = join(root, 'examples', 'mcp-pages');
  const checkout = await readCheckoutPages(pagesRoot);
  const validation = validateCharterFiles(checkout.layout, checkout.files, { now });
  // MCP's calendar base and a sample Discord configuration for the channels the pages name (issue 23).
  const evidenceConfig = sampleEvidenceConfig(SEP_2149_DEMO_CONFIG, validation.charters.map((c) => c.charter));
  const job = await runActivityJob({
    source: { kind: 'snapshot', snapshotFile: join(root, 'snapshots', 'mcp-activity.json'), charters: { pages: pagesRoot }, governanceRepo: 'modelcontextprotocol/modelcontextprotocol', config: evidenceConfig },
    clock: () => now,
    dryRun: true,
  });
  const loaded = validation.charters.map((c) => c.charter).sort((a, b) => Number(a.type === 'interest') - Number(b.type === 'interest') || (a.id < b.id ? -1 : 1));
  const gives = loaded.map((c) => {
    const leaders = c.type === 'working' ? (c.leads ?? []).map((l) => (l.term ? `${l.login} (${l.term})` : l.login)) : groupLeaders(c);
    const sources = groupSources(c).map((s) => sourceName(s));
    return wrapText(
      [
        `  ${c.type === 'working' ? 'wg' : 'ig'}:${c.id}${c.status === 'retired' ? ' (retired)' : ''} — ${c.name}, formed ${c.formed ?? 'unknown'}`,
        `      ${c.type === 'working' ? 'leads' : 'facilitators'}: ${leaders.join(', ') || 'none named'}${c.sponsors ? `; sponsors: ${c.sponsors.join(', ')}` : ''}; Discord: ${c.discord ? `#${c.discord}` : 'none named'}`,
        `      work read from: ${sources.join('; ')}${c.untracked_deliverables?.length ? `; ${c.untracked_deliverables.length} work items tracked by no issue or pull request` : ''}`,
      ].join('\n'),
    );
  });
  const working = job.verdicts.filter((v) => v.status === 'active' && v.type === 'working');
  const column = dutyColumn(working.map((v) => v.label));
  const duties = working.map((v) => {
    const [quarterly, meetings, terms] = dutyCells(job.duties.get(v.id), (t) => t);
    return dutyLines(
      v.label,
      [
        ['lead terms', terms],
        ['meeting notes', meetings],
        ['quarterly update', quarterly],
      ],
      column,
    );
  });
  return [
    "6. MCP's groups as MCP keeps them: the SEP-2149 charter pages of modelcontextprotocol/modelcontextprotocol at b0f60ba5 (examples/mcp-pages, CC-BY-4.0), read with `charter_pages: {}` — `group-steward validate --pages examples/mcp-pages`:",
    [
      wrapText(formatValidation(validation, 'text', 'examples/mcp-pages/')).trimEnd(),
      '',
      wrapText(`What the pages give, in the one charter model (${loaded.length} groups; a page with errors is still shown here, but left out of the registry until fixed):`, TERMINAL_WIDTH, ''),
      '',
      ...gives,
      '',
      wrapText(
        `The scheduled job on the bundled snapshot with the charters and sources the pages name, under \`policy: sep-2149\` — \`group-steward activity --snapshot snapshots/mcp-activity.json --pages examples/mcp-pages\`:`,
        TERMINAL_WIDTH,
        '',
      ),
      '',
      formatText(job).trimEnd(),
      '',
      ...evidenceDemoLines(job.verdicts),
      "The dashboard's duty columns for the working groups, from the pages (their lead terms and meeting-notes categories):",
      '',
      ...duties,
      '',
      wrapText('Members (SEP-2149 Participation Levels: a WG Member quiet 3 consecutive months moves to emeritus status): who participated in which month, ✓ yes, – not in what was read, ? not everything was read — or why it cannot tell:', TERMINAL_WIDTH, ''),
      '',
      ...membersText(job.participation ?? [], loaded).map((line) => wrapText(line, TERMINAL_WIDTH, '        ')),
    ].join('\n'),
  ];
}
