/**
 * What the Action shows a person in the Actions UI: the scheduled run's verdicts as a Markdown
 * table and its plan, for `$GITHUB_STEP_SUMMARY`, and the counts it sets as step outputs; for an
 * event run, what the App wrote and logged. Pure: the same result gives the same text. Everything that comes from a charter or from GitHub (group names,
 * reasons naming repositories, issue titles in the plan) is escaped, so it can neither format,
 * link, embed HTML nor mention anyone.
 */
import { unjudgedSection } from '../activity/dashboard.js';
import type { GroupVerdict, Verdict } from '../activity/evaluate.js';
import type { ActivityJobResult } from '../jobs/activity-job.js';
import type { EventRunResult, WriteRecord } from './app-events.js';
import { inlineCode, inlineText, link, listItem, tableCell, tableCellText, tableRow } from '../markdown/escape.js';
import { describeAction } from '../plan/actions.js';

/** Every verdict, in the order a reader needs them: what asks for a decision first. */
export const VERDICTS: readonly Verdict[] = ['idle', 'completed', 'unknown', 'grace', 'active', 'retired'];

/** GitHub refuses a step summary over 1 MiB; stay under it with room for the closing note. */
export const SUMMARY_MAX_BYTES = 1_000_000;

/** The step outputs: one count per verdict, and the writes of the run. */
export interface ActivityOutputs {
  /** Groups per verdict (every verdict present, 0 when none). */
  counts: Record<Verdict, number>;
  /** Writes applied by the run, or planned by a dry run. */
  writes: number;
  /** Writes the write cap left for the next run (0 in a dry run). */
  deferred: number;
  /** Creation votes re-evaluated (0 in a dry run). */
  settledVotes: number;
}

/** The counts a run's outputs report (see `ActivityOutputs`). */
export function activityOutputs(result: ActivityJobResult): ActivityOutputs {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const v of result.verdicts) counts[v.verdict] += 1;
  return {
    counts,
    writes: result.dryRun ? result.plan.length : result.applied.length,
    deferred: result.dryRun ? 0 : result.deferred.length,
    settledVotes: result.settledVotes.length,
  };
}

/**
 * The step summary of a run: a heading with the governance repository and the instant judged,
 * the counts, a table of every group (name, id, type, verdict, last human activity with its link,
 * reason; groups needing a decision first), the groups that cannot be judged with each source not
 * read and its fix, the numbered plan (each write marked written or deferred in a real run), the
 * creation votes settled, and the run's notes. Cut at `SUMMARY_MAX_BYTES` (UTF-8) with a line
 * saying so.
 *
 * @param names group id → the charter's name; a group missing from it is shown by its id
 */
export function activitySummary(result: ActivityJobResult, names: ReadonlyMap<string, string>): string {
  const { counts } = activityOutputs(result);
  const shown = VERDICTS.filter((v) => counts[v] > 0).map((v) => `${counts[v]} ${v}`);
  const rows = [...result.verdicts].sort((a, b) => VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines = [
    `## Group activity: ${inlineText(result.governanceRepo)}`,
    '',
    `As of ${result.now.toISOString()} · window ${result.config.inactivity_days} days · ${result.dryRun ? '**dry run**: nothing was written' : 'writes applied'}`,
    '',
    `**${result.verdicts.length} groups:** ${shown.join(' · ') || 'none'}`,
    '',
    '| group | id | type | verdict | last human activity | reason |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((v) => tableRow([tableCellText(names.get(v.id) ?? v.id), tableCell(inlineCode(v.id)), v.type, verdictCell(v.verdict), tableCell(lastActivityCell(v)), tableCellText(v.reason)])),
    '',
    ...unjudgedSection(rows, names, { heading: '###' }),
    ...planSection(result),
    ...(result.settledVotes.length > 0 ? ['### Creation votes settled', '', `Re-evaluated: ${result.settledVotes.map((n) => `#${n}`).join(', ')}`, ''] : []),
    ...(result.notes.length > 0 ? ['<details><summary>Notes</summary>', '', ...result.notes.map((n) => listItem(inlineText(n))), '', '</details>', ''] : []),
  ];
  return capBytes(lines, SUMMARY_MAX_BYTES);
}

function verdictCell(verdict: Verdict): string {
  return verdict === 'idle' || verdict === 'completed' ? `**${verdict}**` : verdict;
}

/** `[2026-08-12](https://github.com/o/r/issues/1)`; the date alone when the URL is not a plain https one. */
function lastActivityCell(v: GroupVerdict): string {
  if (v.verdict === 'retired') return '—';
  if (!v.lastActivity) return 'none found';
  const date = v.lastActivity.at.slice(0, 10);
  return /^https:\/\/[A-Za-z0-9.-]+\/[A-Za-z0-9._~/%#-]*$/.test(v.lastActivity.url) ? link(date, v.lastActivity.url) : inlineText(date);
}

function planSection(result: ActivityJobResult): string[] {
  if (result.plan.length === 0) return ['### Plan', '', 'Nothing to write.', ''];
  const applied = new Set(result.applied);
  const mode = result.dryRun
    ? 'dry run: nothing written'
    : `${result.applied.length} written, ${result.deferred.length} deferred to the next run by the write cap (\`activity.max_writes\`: ${result.config.activity.max_writes})`;
  return [
    `### Plan (${result.plan.length} ${result.plan.length === 1 ? 'write' : 'writes'}; ${mode})`,
    '',
    ...result.plan.map((action, i) => `${i + 1}. ${result.dryRun ? '' : applied.has(action) ? '✅ ' : '⏸ deferred: '}${inlineText(describeAction(action))}`),
    '',
  ];
}

/** The lines joined, cut before the line that would pass `max` bytes, with a note when cut. */
function capBytes(lines: readonly string[], max: number): string {
  const note = '\n\n_The summary is cut here: GitHub keeps at most 1 MiB. The step\'s log has the whole run._\n';
  let bytes = 0;
  const kept: string[] = [];
  for (const line of lines) {
    const size = Buffer.byteLength(line, 'utf8') + 1;
    if (bytes + size > max - Buffer.byteLength(note, 'utf8')) return `${kept.join('\n')}${note}`;
    kept.push(line);
    bytes += size;
  }
  return `${kept.join('\n')}\n`;
}

/** Lines of an event's summary list, at most (a push can sync many labels). */
const MAX_LISTED = 100;

/**
 * The step summary of an event run: the event, where and as whom it was handled, each write (its
 * status, what it was), what the App's handlers logged (one line each), and the pull requests the
 * run opened — delivered again as `opened` in this run when the workflow's token opened them.
 */
export function eventSummary(result: EventRunResult, context: { repo: string; tokenSource: 'app' | 'token' }): string {
  const written = result.writes.filter((w) => w.status < 300).length;
  const as = context.tokenSource === 'app' ? 'as the App (an installation token)' : 'with the token input (by default the workflow\'s `GITHUB_TOKEN`)';
  const lines = [
    `## Group Steward: ${inlineCode(result.event)}`,
    '',
    `Handled ${inlineCode(result.event)} in ${inlineText(context.repo)} ${as}: ${result.requests} ${result.requests === 1 ? 'request' : 'requests'}, ${written} ${written === 1 ? 'write' : 'writes'}.`,
    '',
    ...writesSection(result.writes),
    ...handledSection(result),
    ...followUpSection(result),
  ];
  return capBytes(lines, SUMMARY_MAX_BYTES);
}

/** The step summary of an event run that failed: the message, and what was written before it. */
export function eventFailureSummary(event: string, message: string, partial: EventRunResult | undefined): string {
  const lines = [`## Group Steward: ${inlineCode(event)} failed`, '', inlineText(message), ''];
  if (partial) lines.push(...writesSection(partial.writes), ...handledSection(partial), ...followUpSection(partial));
  return capBytes(lines, SUMMARY_MAX_BYTES);
}

function writesSection(writes: readonly WriteRecord[]): string[] {
  if (writes.length === 0) return ['Nothing to write: the App wrote nothing for this event.', ''];
  return [
    `### Writes (${writes.length})`,
    '',
    ...writes.slice(0, MAX_LISTED).map((w) => listItem(`${w.status < 300 ? '✅' : `❌ ${w.status}`} ${inlineCode(`${w.method} ${w.path}`)}${w.detail ? ` — ${inlineText(w.detail)}` : ''}`)),
    ...(writes.length > MAX_LISTED ? [listItem(`… and ${writes.length - MAX_LISTED} more (the step's log has them all)`)] : []),
    '',
  ];
}

function handledSection(result: EventRunResult): string[] {
  const lines = result.logged.filter((r) => r.bindings.name === 'event' || r.level !== 'info');
  if (lines.length === 0) return [];
  return [
    '### What the App did',
    '',
    ...lines.slice(0, MAX_LISTED).map((r) => {
      const event = typeof r.bindings.event === 'string' ? `${inlineCode(r.bindings.event)} ` : '';
      const level = r.level === 'info' ? '' : `**${r.level}** `;
      return listItem(`${level}${event}${inlineText(r.line)}`);
    }),
    '',
  ];
}

function followUpSection(result: EventRunResult): string[] {
  if (result.opened.length === 0) return [];
  const followed = new Set(result.followedUp);
  return [
    '### Pull requests this run opened',
    '',
    ...result.opened.map((n) =>
      listItem(
        followed.has(n)
          ? `#${n}: opened with the workflow's token, whose events start no workflow — its ${inlineCode('pull_request.opened')} was delivered in this run (checks, vote or sponsorship)`
          : `#${n}: GitHub starts this workflow for it (${inlineCode('pull_request_target.opened')}), which checks it`,
      ),
    ),
    '',
  ];
}
