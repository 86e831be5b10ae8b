/**
 * The App's one reply to group commands and hand-added labels it could not apply: what went wrong,
 * and the groups that can be named: one reply listing the valid groups — a single comment, found
 * again by a hidden marker and updated in place, so repeated commands never pile up comments.
 */
import type { Charter } from '../charters/schema.js';
import type { GroupCommandReading } from './commands.js';
import { MAX_BODY_LENGTH, MAX_COMMANDS, MAX_GROUP_IDS } from './commands.js';
import { describeProblem } from './group-problem.js';
import type { GroupProblem } from './group-problem.js';
import { GROUP_REPLY_MARKER } from './markers.js';
import { inlineCode, inlineText, listItem } from '../markdown/escape.js';

/** Most groups listed in a reply; a longer registry is cut with a count. */
export const MAX_LISTED_GROUPS = 200;

/** What the bounds of the command reader left out of the body. */
export type ReadingBounds = Pick<GroupCommandReading, 'bodyTruncated' | 'ignoredIds' | 'ignoredCommands'>;

/**
 * The reply's body: the marker, one line per distinct problem (in the order found), what the
 * reading bounds left out, and the active groups by type with their ids and names. Deterministic
 * (same input, same text), so redelivering an event finds the reply unchanged. At most
 * `MAX_LISTED_GROUPS` groups are listed. Pure; never throws.
 */
export function groupReplyBody(problems: readonly GroupProblem[], bounds: ReadingBounds, active: readonly Charter[]): string {
  const lines = [...new Set(problems.map(describeProblem))].map((sentence) => listItem(sentence));
  const notes: string[] = [];
  if (bounds.bodyTruncated) notes.push(`Only the first ${MAX_BODY_LENGTH.toLocaleString('en-US')} characters of the message were read.`);
  if (bounds.ignoredIds > 0) notes.push(`Only the first ${MAX_GROUP_IDS} group ids of a message are read: ${bounds.ignoredIds} more were ignored.`);
  if (bounds.ignoredCommands > 0) notes.push(`Only the first ${MAX_COMMANDS} commands of a message are read: ${bounds.ignoredCommands} more were ignored.`);

  return [
    GROUP_REPLY_MARKER,
    'Group Steward could not apply all of this:',
    '',
    ...lines,
    ...(notes.length ? ['', ...notes] : []),
    '',
    'Commands go at the start of a line: `/wg <id> …`, `/ig <id> …`, `/remove-wg <id> …`, `/remove-ig <id> …`, ids separated by spaces.',
    '',
    groupList(active),
  ].join('\n');
}

function groupList(active: readonly Charter[]): string {
  const listed = active.slice(0, MAX_LISTED_GROUPS);
  const section = (type: Charter['type'], title: string) => {
    const groups = listed.filter((c) => c.type === type);
    return groups.length ? [`${title}:`, ...groups.map((c) => listItem(`${inlineCode(c.id)} — ${inlineText(c.name)}`)), ''] : [];
  };
  const more = active.length - listed.length;
  return [
    `<details><summary>Active groups (${active.length})</summary>`,
    '',
    ...section('working', 'Working groups — `/wg <id>`'),
    ...section('interest', 'Interest groups — `/ig <id>`'),
    ...(more > 0 ? [`…and ${more} more, in the governance repository's charters.`, ''] : []),
    ...(active.length === 0 ? ['No group is active.', ''] : []),
    '</details>',
  ].join('\n');
}
