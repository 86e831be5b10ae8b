/**
 * Quarterly-update reminders (SEP-2149 § 1.8: "Working Groups provide quarterly updates (end of
 * January, April, July, October)", posted in the group's GitHub Discussions category). From 14 days
 * after a quarter's end, the App keeps ONE comment per working group and quarter on the health
 * dashboard issue, found again by its hidden marker, until the update is there; then it deletes it.
 * Pure: the duties, the charters and the dashboard's comments in, the writes out.
 */
import type { Charter } from '../charters/schema.js';
import { groupLabel, groupLeaders } from '../charters/schema.js';
import type { ExistingComment } from '../linking/markers.js';
import { findMarkedComment } from '../linking/markers.js';
import { inlineCode, inlineText, link, mention } from '../markdown/escape.js';
import type { PlanAction } from '../plan/actions.js';
import type { GroupDuties } from './duties.js';

/** The marker of the reminder for group `groupId` and quarter `quarterId` (`YYYY-MM`). */
export function quarterlyReminderMarker(groupId: string, quarterId: string): string {
  return `<!-- group-steward:quarterly-reminder group=${groupId} quarter=${quarterId} -->`;
}

const REMINDER_MARKER = /<!-- group-steward:quarterly-reminder group=([a-z0-9]+(?:-[a-z0-9]+)*) quarter=(\d{4}-\d{2}) -->/;

/** The group and quarter a comment's reminder marker names, or null. Pure. */
export function readQuarterlyReminderMarker(body: string): { group: string; quarter: string } | null {
  const match = REMINDER_MARKER.exec(body);
  return match ? { group: match[1] as string, quarter: match[2] as string } : null;
}

export interface ReminderPlanInput {
  /** `owner/name` of the governance repository. */
  repo: string;
  /** The dashboard issue's number; null when it does not exist yet (no reminder before it does). */
  dashboard: number | null;
  /** The dashboard's comments (the App's are recognised by `authorIsApp`). */
  comments: readonly ExistingComment[];
  duties: ReadonlyMap<string, GroupDuties>;
  charters: readonly Charter[];
  /** `activity.quarterly_update_pattern`, quoted in the reminder. */
  updatePattern: string;
}

/**
 * The writes that leave exactly the due reminders on the dashboard:
 * - a working group whose update is `due` has one comment with its marker — created when missing,
 *   updated when its text changed (e.g. its leads), else left;
 * - the App's reminder of a group whose update was posted, that owes none, is no longer an active
 *   working group, or of an earlier quarter, is deleted;
 * - a reminder for the current quarter of a group whose update is `unknown` (its category not read
 *   completely) is left exactly as it is: the App cannot tell it was answered.
 * Comments by anyone else are never touched, whatever they contain. Nothing without a dashboard.
 * Pure; never throws.
 */
export function planQuarterlyReminders(input: ReminderPlanInput): PlanAction[] {
  if (input.dashboard === null) return [];
  const { repo } = input;
  const number = input.dashboard;
  const charters = new Map(input.charters.map((c) => [c.id, c]));
  const plan: PlanAction[] = [];
  const wanted = new Set<string>();
  for (const [id, duties] of input.duties) {
    const q = duties.quarterly;
    const charter = charters.get(id);
    if (!charter || q?.state !== 'due') continue;
    const marker = quarterlyReminderMarker(id, q.quarter.id);
    wanted.add(marker);
    // The leads are asked for the update, so they are mentioned (logins the charter schema validated).
    const leaders = groupLeaders(charter).map(mention);
    const body = [
      marker,
      `**Quarterly update due: ${inlineText(charter.name)}** (${inlineCode(groupLabel(charter.type, charter.id))})`,
      '',
      `${leaders.length ? `${leaders.join(' ')}: the` : 'The'} update for the quarter that ended in ${q.quarter.month} is not in the group's Discussions category ("${inlineText(q.category.category)}" in ${link(q.category.repo, `https://github.com/${q.category.repo}/discussions`)}) yet${q.latest ? `; the last one is ${link(q.latest.createdAt.slice(0, 10), q.latest.url)}` : ''}. SEP-2149 § 1.8 asks working groups for an update at the end of January, April, July and October, posted there.`,
      '',
      `Post it as a discussion in that category whose title matches ${inlineCode(input.updatePattern)} (ignoring case). Group Steward removes this reminder on its first run after the update is there.`,
    ].join('\n');
    const existing = findMarkedComment(input.comments, marker);
    if (!existing) plan.push({ kind: 'create-comment', repo, number, body, why: `the quarterly update of ${id} for ${q.quarter.id} is due (SEP-2149 § 1.8)` });
    else if (existing.body.replace(/\r\n/g, '\n') !== body) plan.push({ kind: 'update-comment', repo, comment_id: existing.id, body, why: `the quarterly reminder of ${id} changed` });
  }
  for (const comment of input.comments) {
    if (!comment.authorIsApp) continue;
    const named = readQuarterlyReminderMarker(comment.body);
    if (!named) continue;
    const marker = quarterlyReminderMarker(named.group, named.quarter);
    if (wanted.has(marker) && findMarkedComment(input.comments, marker)?.id === comment.id) continue;
    const q = input.duties.get(named.group)?.quarterly;
    // Unseen is not answered: the current quarter's reminder stays while the category was not read.
    if (q?.state === 'unknown' && q.quarter.id === named.quarter && !wanted.has(marker)) continue;
    const why = wanted.has(marker) ? 'a duplicate reminder' : q === undefined ? `${named.group} owes no quarterly update now` : q.quarter.id !== named.quarter ? `the ${named.quarter} quarter is over` : `the quarterly update of ${named.group} is ${q.state}`;
    plan.push({ kind: 'delete-comment', repo, comment_id: comment.id, why });
  }
  return plan;
}
