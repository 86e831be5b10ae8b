/**
 * The health dashboard: one issue in the governance repository, updated in place, with a table of
 * every group. Like a retirement issue's body it holds no `now` and no relative time, so it is
 * rewritten only when something it shows changed.
 */
import type { Charter } from '../charters/schema.js';
import type { PlanAction } from '../plan/actions.js';
import { days, utcDate } from './dates.js';
import type { GroupVerdict, Verdict } from './evaluate.js';
import { DASHBOARD_LABEL, DASHBOARD_MARKER } from './markers.js';

export const DASHBOARD_TITLE = 'Group health dashboard';

/** The existing dashboard issue, as the GitHub side found it (by label and marker). */
export interface ExistingDashboard {
  number: number;
  body: string;
}

const VERDICT_ORDER: Verdict[] = ['idle', 'completed', 'grace', 'active', 'retired'];

/**
 * The dashboard body: a Markdown table of every group — name, type, status, label, last human
 * activity (date and link), verdict, and its retirement issue (`retirementCells`, by group id).
 * Rows: active charters first, working groups before interest groups, then by id.
 */
export function dashboardBody(
  verdicts: readonly GroupVerdict[],
  charters: readonly Charter[],
  retirementCells: ReadonlyMap<string, string>,
  inactivityDays: number,
): string {
  const names = new Map(charters.map((c) => [c.id, c.name]));
  const rows = [...verdicts].sort(
    (a, b) => Number(a.status === 'retired') - Number(b.status === 'retired') || Number(a.type === 'interest') - Number(b.type === 'interest') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const counts = VERDICT_ORDER.map((v) => [v, verdicts.filter((x) => x.verdict === v).length] as const)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`);
  return [
    DASHBOARD_MARKER,
    `# ${DASHBOARD_TITLE}`,
    '',
    `Every chartered group, as Group Steward sees it (SEP-1302 § Lifecycle). Only human activity counts — opening, commenting on, reviewing, pushing to, closing, merging or reopening the group's issues and pull requests; bots and labelling do not. A working group with no human activity for ${days(inactivityDays)}, or whose listed deliverables are all closed or merged, gets a retirement issue; the decision is the community moderators' and core maintainers'. Interest groups are reported, never proposed for retirement.`,
    '',
    `**${verdicts.length} groups:** ${counts.join(' · ') || 'none'}`,
    '',
    '| group | type | status | label | last human activity | verdict | retirement issue |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((v) =>
      [
        cell(names.get(v.id) ?? v.id),
        v.type === 'working' ? 'working group' : 'interest group',
        v.status,
        `\`${v.label}\``,
        v.verdict === 'retired' ? '—' : v.last_activity ? `[${utcDate(Date.parse(v.last_activity.at))}](${v.last_activity.url})` : 'none found',
        v.verdict === 'idle' || v.verdict === 'completed' ? `**${v.verdict}**` : v.verdict,
        cell(retirementCells.get(v.id) ?? '—'),
      ].join(' | '),
    ).map((line) => `| ${line} |`),
    '',
  ].join('\n');
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

/** A table cell: no pipe or line break can break the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}
