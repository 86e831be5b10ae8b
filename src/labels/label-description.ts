/**
 * The description GitHub shows under a group's label: the group's name, fitted to GitHub's rules
 * for label descriptions. README § Labels and linking ("Label sync").
 */

/** GitHub's longest label description, in characters (code points). */
export const MAX_LABEL_DESCRIPTION_LENGTH = 100;
/** What a retired group's label description starts with (README § Labels and linking ("Label sync"); SEP-1302 § Lifecycle). */
export const RETIRED_PREFIX = '[retired] ';

const ELLIPSIS = '…';

/**
 * The label description of a group: its name, prefixed `[retired] ` when the group is retired,
 * made acceptable to GitHub's label API:
 * - characters outside the Basic Multilingual Plane (emoji such as 🔐) are dropped, because
 *   GitHub answers 422 "description doesn't accept 4-byte Unicode" for them;
 * - every run of whitespace and control characters becomes one space;
 * - a retired group with a successor (`successorLabel`, e.g. `wg:server-card`; issue 24) ends in
 *   ` → <successor label>`, kept whole however long the name;
 * - at most 100 code points: a longer text keeps its first 99 code points and ends with "…".
 *   With no 4-byte characters left, code points and UTF-16 units agree, so no surrogate pair
 *   is ever split.
 *
 * Never throws. Pure.
 */
export function labelDescription(groupName: string, { retired, successorLabel }: { retired: boolean; successorLabel?: string }): string {
  const clean = groupName
    .replace(/[\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim();
  const text = retired ? `${RETIRED_PREFIX}${clean}`.trim() : clean;
  if (!retired || successorLabel === undefined) return truncateCodePoints(text, MAX_LABEL_DESCRIPTION_LENGTH);
  // The successor's label is kept whole: the name gives way to it.
  const suffix = `${SUCCESSOR_SEPARATOR}${successorLabel}`;
  return `${truncateCodePoints(text, MAX_LABEL_DESCRIPTION_LENGTH - Array.from(suffix).length)}${suffix}`;
}

/** Between a retired group's name and its successor's label: `[retired] Server Identity Working Group → wg:server-card`. */
export const SUCCESSOR_SEPARATOR = ' → ';

/** `text` cut to at most `max` code points, ending with "…" when it was cut. */
function truncateCodePoints(text: string, max: number): string {
  const codePoints = Array.from(text);
  if (codePoints.length <= max) return text;
  return `${codePoints.slice(0, max - 1).join('').trimEnd()}${ELLIPSIS}`;
}
