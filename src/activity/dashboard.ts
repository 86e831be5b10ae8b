/**
 * The health dashboard: one issue in the governance repository, updated in place, with a table of
 * every group. Like a retirement issue's body it holds no `now` and no relative time, so it is
 * rewritten only when something it shows changed.
 */
import type { Charter } from '../charters/schema.js';
import type { PlanAction } from '../plan/actions.js';
import { days, utcDate } from './dates.js';
import type { GroupVerdict, Verdict } from './evaluate.js';
import type { GroupDuties, LeadTerm, MeetingDuty, QuarterlyDuty } from './duties.js';
import { DASHBOARD_LABEL, DASHBOARD_MARKER } from './markers.js';
import { evidenceSection } from './dashboard-evidence.js';
import { membersSection } from './dashboard-members.js';
import type { GroupParticipation } from './participation.js';
import { inlineCode, inlineText, link, listItem, tableCell, tableCellText, tableRow } from '../markdown/escape.js';

export const DASHBOARD_TITLE = 'Group health dashboard';

/** The existing dashboard issue, as the GitHub side found it (by label and marker). */
export interface ExistingDashboard {
  number: number;
  body: string;
}

const VERDICT_ORDER: Verdict[] = ['idle', 'completed', 'unknown', 'grace', 'active', 'retired'];

/** What a policy adds to the dashboard. */
export interface DashboardOptions {
  /** Who decides a retirement (`Policy.retirementDecision`); default SEP-1302's moderators and core maintainers. */
  retirementDecision?: string;
  /**
   * The groups' duties (`evaluateDuties`): given, the table gains the columns "quarterly update",
   * "meeting notes" and "lead terms" (SEP-2149 § 1.8, § 1.2 and § 1.6, Part 2 § 4).
   */
  duties?: ReadonlyMap<string, GroupDuties>;
  /** Each working group's members' participation (`memberParticipation`): given, the "Members" section follows (`membersSection`). */
  participation?: readonly GroupParticipation[];
}

/**
 * The dashboard body: a Markdown table of every group — name, type, status, label, last human
 * activity (date and link), verdict, what was seen (a working group's sources read; an interest
 * group's SEP-1302 expectation on GitHub), and its retirement issue (`retirementCells`, by group
 * id) — then, under their own heading, the groups that cannot be judged because a source of their
 * work was not read, each source with why and its fix. Rows: active charters first, working groups
 * before interest groups, then by id. With `options.duties`, three more columns show each group's
 * quarterly update, latest meeting's notes and lead terms (`dutyCells`).
 */
export function dashboardBody(
  verdicts: readonly GroupVerdict[],
  charters: readonly Charter[],
  retirementCells: ReadonlyMap<string, string>,
  inactivityDays: number,
  options: DashboardOptions = {},
): string {
  const names = new Map(charters.map((c) => [c.id, c.name]));
  const rows = [...verdicts].sort(
    (a, b) => Number(a.status === 'retired') - Number(b.status === 'retired') || Number(a.type === 'interest') - Number(b.type === 'interest') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const counts = VERDICT_ORDER.map((v) => [v, verdicts.filter((x) => x.verdict === v).length] as const)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`);
  const duties = options.duties;
  const decision = options.retirementDecision ?? "the decision is the community moderators' and core maintainers'";
  return [
    DASHBOARD_MARKER,
    `# ${DASHBOARD_TITLE}`,
    '',
    `Every chartered group, as Group Steward sees it (SEP-1302 § Lifecycle). Only human activity counts — opening, commenting on, reviewing, pushing to, closing, merging or reopening the group's issues and pull requests; bots and labelling do not. A working group with no human activity for ${days(inactivityDays)} in every source of its work, all of them read, or whose listed deliverables are all closed or merged, gets a retirement issue; ${decision}. A group whose work could not all be read is \`unknown\`: never called idle. Interest groups are judged against SEP-1302's expectation on what was read — GitHub, and the meetings and Discord conversations a charter and the configuration name: met, not met (every source read, nothing) or unknown — never proposed for retirement.`,
    ...(duties ? ['', DUTIES_NOTE] : []),
    '',
    `**${verdicts.length} groups:** ${counts.join(' · ') || 'none'}`,
    '',
    `| group | type | status | label | last human activity | verdict | seen | retirement issue |${duties ? ' quarterly update | meeting notes | lead terms |' : ''}`,
    `| --- | --- | --- | --- | --- | --- | --- | --- |${duties ? ' --- | --- | --- |' : ''}`,
    ...rows.map((v) =>
      tableRow([
        tableCellText(names.get(v.id) ?? v.id),
        v.type === 'working' ? 'working group' : 'interest group',
        v.status,
        tableCell(inlineCode(v.label)),
        tableCell(v.verdict === 'retired' ? '—' : v.lastActivity ? link(utcDate(Date.parse(v.lastActivity.at)), v.lastActivity.url) : 'none found'),
        v.verdict === 'idle' || v.verdict === 'completed' ? `**${v.verdict}**` : v.verdict,
        tableCell(seenCell(v)),
        // The App's own Markdown (links to the retirement issue), with nothing from a charter in it.
        tableCell(retirementCells.get(v.id) ?? '—'),
        ...(duties ? dutyCells(duties.get(v.id)).map(tableCell) : []),
      ]),
    ),
    '',
    ...unjudgedSection(rows, names),
    ...evidenceSection(rows, names, { sep2149: duties !== undefined }),
    ...(options.participation ? membersSection(options.participation, charters) : []),
  ].join('\n');
}

/** What the duty columns show, under the table's introduction. */
const DUTIES_NOTE =
  "Duties (SEP-2149): a working group posts a quarterly update in its Discussions category at the end of January, April, July and October (§ 1.8) — from 14 days after a quarter's end Group Steward keeps one reminder comment on this issue per group until the update is there; meeting notes are due within 48 hours of a meeting whose agenda is a discussion (§ 1.2, § 1.6; shown, never reminded: the meeting's time is not reliably on GitHub); a lead's term ends on the date the charter records (Part 2 § 4). `unknown` means the category was not read completely: nothing is called missing on that evidence.";

/**
 * The quarterly-update, meeting-notes and lead-terms cells of a group (`—` where it owes nothing),
 * as Markdown: what comes from a charter, a snapshot or GitHub (a term, why a category was not
 * read, a URL) is escaped with `text` (default `inlineText`; a terminal report passes the text
 * through as it is). Dates are UTC; logins are written without `@`, so rewriting the dashboard
 * notifies no one. Pure.
 */
export function dutyCells(duties: GroupDuties | undefined, text: (value: string) => string = inlineText): [string, string, string] {
  if (!duties) return ['—', '—', '—'];
  return [quarterlyCell(duties.quarterly, text), meetingCell(duties.meetings, text), termsCell(duties.leadTerms, text)];
}

function quarterlyCell(q: QuarterlyDuty | undefined, text: (value: string) => string): string {
  if (!q) return '—';
  const day = (iso: string) => iso.slice(0, 10);
  switch (q.state) {
    case 'posted':
      return `${link(`posted ${day(q.latest.createdAt)}`, q.latest.url)} (${q.quarter.month})`;
    case 'missing':
      return `not yet for ${q.quarter.month}; reminder from ${day(q.quarter.remindAt)}${q.latest ? ` — ${link(`last ${day(q.latest.createdAt)}`, q.latest.url)}` : ''}`;
    case 'due':
      return `**missing** for ${q.quarter.month} (reminded below)${q.latest ? ` — ${link(`last ${day(q.latest.createdAt)}`, q.latest.url)}` : ''}`;
    case 'not-owed':
      return `not owed for ${q.quarter.month} (formed after its update window)`;
    case 'unknown':
      return `unknown: ${text(q.why)}`;
  }
}

function meetingCell(m: MeetingDuty | undefined, text: (value: string) => string): string {
  if (!m) return '—';
  if (m.state === 'unknown') return `unknown: ${text(m.why)}`;
  if (!m.meeting) return 'no agenda discussion dated in the last 30 days';
  const { meeting } = m;
  const state = meeting.state === 'on-time' ? 'notes on time' : meeting.state === 'late' ? `**notes late**${meeting.notes ? ` (${meeting.notes.createdAt.slice(0, 10)})` : ' (none yet)'}` : `notes due by ${meeting.deadline.slice(0, 16).replace('T', ' ')} UTC`;
  return `${link(meeting.meetingDate, meeting.url)}: ${state}`;
}

function termsCell(terms: readonly LeadTerm[] | undefined, text: (value: string) => string): string {
  if (!terms) return '—';
  // A charter naming its leaders `facilitators` (SEP-1302's word) records no terms either.
  if (terms.every((t) => t.term === undefined)) return 'no terms recorded';
  return terms
    .map((t) => {
      const login = text(t.login);
      return t.term === undefined ? `${login}: no term` : t.expired ? `${login}: **ended ${text(t.ends ?? '')}**` : `${login}: ${text(t.term)}`;
    })
    .join('; ');
}

/** A working group's sources read (`all 4 sources read`, `2 of 4 sources read`); an interest group's expectation. Markdown. */
function seenCell(v: GroupVerdict): string {
  if (v.verdict === 'retired') return '—';
  const read = v.coverage.filter((c) => c.status === 'read').length;
  const all = v.coverage.length === 1 ? 'its one source read' : `all ${v.coverage.length} sources read`;
  const sources = read === v.coverage.length ? all : `${read} of ${v.coverage.length} sources read`;
  return v.expectation ? `${inlineText(v.expectation.text)}; ${sources}` : sources;
}

/**
 * `<heading> Groups Group Steward cannot judge`: each active group whose verdict is `unknown`
 * because a source of its work was not read, with each such source, why, and the fix, each
 * escaped (`inlineText`: names, sources and reasons come from charters, snapshots and GitHub).
 * Empty when there is none. The dashboard (`##`) and the Action's step summary (`###`) both show
 * it. Pure.
 */
export function unjudgedSection(rows: readonly GroupVerdict[], names: ReadonlyMap<string, string>, options: { heading?: string } = {}): string[] {
  const heading = options.heading ?? '##';
  const unjudged = rows.filter((v) => v.verdict === 'unknown' && v.coverage.some((c) => c.status !== 'read'));
  if (unjudged.length === 0) return [];
  return [
    `${heading} Groups Group Steward cannot judge`,
    '',
    'Group Steward could not read all of these groups\' work, and found no human activity in what it read: it proposes no retirement and closes none on this evidence. Each needs a person\'s look.',
    '',
    ...unjudged.flatMap((v) => [
      listItem(`**${inlineText(names.get(v.id) ?? v.id)}** (${inlineCode(v.label)})`),
      ...v.coverage.filter((c) => c.status !== 'read').map((c) => listItem(`${inlineText(c.source)}: ${inlineText(c.why ?? c.status)}${c.fix ? ` — fix: ${inlineText(c.fix)}` : ''}`, 1)),
    ]),
    '',
  ];
}

/** Creates the dashboard when missing, updates it when its body changed, else plans nothing. */
export function planDashboard(existing: ExistingDashboard | null, body: string, repo: string): PlanAction[] {
  if (!existing) return [{ kind: 'create-issue', repo, title: DASHBOARD_TITLE, body, labels: [DASHBOARD_LABEL], why: 'no health dashboard issue exists yet' }];
  if (sameText(existing.body, body)) return [];
  return [{ kind: 'update-issue', repo, number: existing.number, body, why: 'the health dashboard changed' }];
}

/** Bodies compare equal ignoring line-ending style and trailing whitespace (GitHub may store `\r\n`). */
export function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\r\n?/g, '\n').trimEnd();
  return norm(a) === norm(b);
}
