/**
 * The text of a feed's event as Group Steward keeps it: hostile input made plain and bounded.
 * Nothing here is ever rendered as markup or followed.
 */

/** At most this many characters of a title (Unicode code points). */
export const TITLE_MAX = 300;
/** At most this many characters of a URL or UID kept. */
const REFERENCE_MAX = 500;
/** At most this many characters of a description searched for a link. */
const DESCRIPTION_SCAN_MAX = 20_000;

/** C0/C1 controls, DEL, and the bidirectional overrides and isolates that reorder text on screen. */
const CONTROL = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** A message (an error's, a server's) on one line, controls removed, at most `max` characters. */
export function oneLine(text: string, max: number): string {
  const line = text.slice(0, max * 2).replace(CONTROL, ' ').replace(/\s+/gu, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The first `max` code points of `text`, with `…` when cut. */
function bounded(text: string, max: number): string {
  const points = Array.from(text.length > max * 2 ? text.slice(0, max * 2) : text);
  return points.length > max ? `${points.slice(0, max - 1).join('')}…` : points.join('');
}

/**
 * A `SUMMARY` as plain text: control characters removed (a line break becomes a space), runs of
 * white space made one, at most 300 characters. eluceo/iCal (Meetable's writer) escapes `"` as
 * `\"`, which RFC 5545 does not define: it is read as `"`. An empty title is `(untitled)`.
 */
export function plainTitle(summary: unknown): string {
  const text = typeof summary === 'string' ? summary.slice(0, TITLE_MAX * 4) : '';
  const plain = text.replace(/\\"/g, '"').replace(CONTROL, ' ').replace(/\s+/gu, ' ').trim();
  return plain === '' ? '(untitled)' : bounded(plain, TITLE_MAX);
}

/** A `UID` as plain text, at most 500 characters; `(no UID)` when absent. */
export function plainUid(uid: unknown): string {
  const text = typeof uid === 'string' ? uid.slice(0, REFERENCE_MAX * 2).replace(CONTROL, '').trim() : '';
  return text === '' ? '(no UID)' : bounded(text, REFERENCE_MAX);
}

/** An event's `URL` when it is an http(s) URL of at most 500 characters, else undefined. */
export function eventUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.length > REFERENCE_MAX || !/^https?:\/\/[^\s]+$/i.test(text)) return undefined;
  try {
    return new URL(text).href;
  } catch {
    return undefined;
  }
}

const DISCUSSION = /https:\/\/github\.com\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})\/discussions\/(\d{1,9})(?!\d)/;

/**
 * The first GitHub Discussions link (`https://github.com/<owner>/<repo>/discussions/<n>`) in the
 * given texts (an event's `URL`, then its `DESCRIPTION`; the first 20,000 characters of each), in
 * canonical form; undefined when none. A category or search link (`/discussions/categories/…`) is
 * not one discussion and is not taken.
 */
export function discussionLink(...texts: unknown[]): string | undefined {
  for (const text of texts) {
    if (typeof text !== 'string') continue;
    const match = DISCUSSION.exec(text.slice(0, DESCRIPTION_SCAN_MAX));
    if (match) return `https://github.com/${match[1] as string}/${match[2] as string}/discussions/${Number(match[3])}`;
  }
  return undefined;
}
