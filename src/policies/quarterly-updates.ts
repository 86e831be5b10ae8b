/**
 * Quarterly updates (SEP-2149 § 1.8, Reporting): "Working Groups provide quarterly updates (end of
 * January, April, July, October)"; "The quarterly updates are provided as a document posted in the
 * GitHub Discussions category of the Working Group"; "Interest Groups do not have formal reporting
 * requirements". Pure: `now` and the discussions in, the quarter and the update's status out. The
 * caller asks only for working groups (`Policy.quarterlyUpdates`), with the discussions of the
 * group's category (the charter's `discussions`).
 *
 * Decisions, all in UTC:
 * - A quarter ends at the end of its month: the end of October is the instant
 *   2026-11-01T00:00:00Z. Its id is the year and ending month, `2026-10`.
 * - The update of a quarter is one posted from 14 days before the quarter's end until 14 days
 *   before the next quarter's end: the SEP asks for it "at the end of" the month, so one posted
 *   in the last two weeks of the quarter counts, and so does a late one — but one posted in the
 *   next quarter's own window is that quarter's, and never settles a missed one.
 * - An update is posted by one of the group's leads (`authors`, when given): a matching title from
 *   anyone else ("Where is the quarterly update?") is not the group's update.
 * - The reminder is due from 14 days after the quarter's end, until that update exists.
 */

import { DAY_MS } from '../activity/dates.js';

/** The months a reporting quarter ends in, 1-based: January, April, July, October (§ 1.8). */
export const QUARTER_END_MONTHS = [1, 4, 7, 10] as const;
/** An update counts for a quarter from this many days before its end. */
export const UPDATE_WINDOW_DAYS = 14;
/** The reminder is due this many days after a quarter's end. */
export const REMINDER_DELAY_DAYS = 14;
/** Longest part of a discussion title the update pattern is matched against, in code units. */
const MAX_TITLE_MATCHED = 300;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A reporting quarter, named by the month it ends in. Instants are ISO 8601 UTC. */
export interface ReportingQuarter {
  /** The year and ending month, `YYYY-MM`: `2026-01`, `2026-04`, `2026-07`, `2026-10`. Stable: use it in markers. */
  id: string;
  /** The ending month in words: `October 2026`. */
  month: string;
  /** The quarter's end: the first instant after its last day (`2026-11-01T00:00:00.000Z` for `2026-10`). */
  endsAt: string;
  /** Updates created at or after this instant (14 days before `endsAt`) are this quarter's. */
  updatesFrom: string;
  /** The reminder is due from this instant (14 days after `endsAt`). */
  remindAt: string;
}

/**
 * The most recent reporting quarter whose end is at or before `now` (SEP-2149 § 1.8: quarters end
 * at the end of January, April, July and October, here in UTC). At 2026-11-01T00:00:00Z the
 * quarter `2026-10` has just ended; a moment before, `2026-07` is the most recent; in January, the
 * previous year's October. Pure.
 *
 * @param now a valid instant
 */
export function quarterOf(now: Date): ReportingQuarter {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1; // 1-based
  // The latest ending month whose following month has begun; in January, last year's October.
  const ending = [...QUARTER_END_MONTHS].reverse().find((m) => month > m);
  const endYear = ending === undefined ? year - 1 : year;
  const endMonth = ending ?? 10;
  const end = Date.UTC(endYear, endMonth, 1); // month index endMonth = the month after endMonth (1-based)
  return {
    id: `${endYear}-${String(endMonth).padStart(2, '0')}`,
    month: `${MONTHS[endMonth - 1]} ${endYear}`,
    endsAt: new Date(end).toISOString(),
    updatesFrom: new Date(end - UPDATE_WINDOW_DAYS * DAY_MS).toISOString(),
    remindAt: new Date(end + REMINDER_DELAY_DAYS * DAY_MS).toISOString(),
  };
}

/** A discussion in a working group's category, as read from GitHub. */
export interface QuarterlyUpdate {
  title: string;
  /** When it was created, ISO 8601. */
  createdAt: string;
  url: string;
}

export interface QuarterlyUpdateInput {
  now: Date;
  /**
   * A discussion whose title matches this is an update (`activity.quarterly_update_pattern`,
   * default `/quarterly update/i`). Always matched ignoring case, whatever its flags; `g` and `y`
   * are dropped, so matching keeps no state.
   */
  pattern: RegExp;
  /** The discussions of the group's category (any order). Ones with an unreadable `createdAt` are skipped. */
  discussions: readonly (QuarterlyUpdate & { author?: string | null })[];
  /** Who may post the update: the group's leads (compared ignoring case). Absent: anyone. */
  authors?: readonly string[];
  /**
   * When the group was formed, `YYYY-MM-DD` (the charter's `formed`), if known: a group formed after
   * the quarter's update window opened (`updatesFrom`) owes nothing for that quarter.
   */
  formed?: string | null;
}

export interface QuarterlyUpdateStatus {
  /** The group's newest update (any quarter), or null when it never posted one. */
  latest: QuarterlyUpdate | null;
  /** The most recent quarter that has ended (`quarterOf(now)`). */
  quarter: ReportingQuarter;
  /** That quarter's update exists: one was created in `[quarter.updatesFrom, next quarter's updatesFrom)`. */
  posted: boolean;
  /** That quarter's update (the newest in its window), or null. */
  update: QuarterlyUpdate | null;
  /** The reminder is due: `now` ≥ `quarter.remindAt`, the update is not posted, and the group owed it. */
  due: boolean;
}

/**
 * A working group's quarterly update (SEP-2149 § 1.8): its newest update, the most recent quarter,
 * whether that quarter's update was posted (created at or after 14 days before the quarter's end),
 * and whether the reminder is due (from 14 days after the quarter's end while it is not). Pure.
 */
export function quarterlyUpdateStatus(input: QuarterlyUpdateInput): QuarterlyUpdateStatus {
  const flags = input.pattern.flags.replace(/[gyi]/g, '');
  const pattern = new RegExp(input.pattern.source, `${flags}i`);
  const quarter = quarterOf(input.now);
  const from = Date.parse(quarter.updatesFrom);
  // The next quarter's window opens 14 days before its end: three months after this one's.
  const nextEnd = new Date(quarter.endsAt);
  nextEnd.setUTCMonth(nextEnd.getUTCMonth() + 3);
  const until = nextEnd.getTime() - UPDATE_WINDOW_DAYS * DAY_MS;
  const authors = input.authors ? new Set(input.authors.map((a) => a.toLowerCase())) : null;
  let latest: { update: QuarterlyUpdate; at: number } | null = null;
  let update: { update: QuarterlyUpdate; at: number } | null = null;
  for (const d of input.discussions) {
    const at = Date.parse(d.createdAt);
    // Titles are bounded before matching: a hostile title cannot make the configured pattern slow.
    if (Number.isNaN(at) || !pattern.test(d.title.slice(0, MAX_TITLE_MATCHED))) continue;
    if (authors && !(d.author && authors.has(d.author.toLowerCase()))) continue;
    const found = { update: { title: d.title, createdAt: d.createdAt, url: d.url }, at };
    if (!latest || at >= latest.at) latest = found;
    if (at >= from && at < until && (!update || at >= update.at)) update = found;
  }
  const posted = update !== null;
  const formed = input.formed ? Date.parse(`${input.formed}T00:00:00Z`) : Number.NaN;
  const owed = Number.isNaN(formed) || formed <= Date.parse(quarter.updatesFrom);
  const due = owed && !posted && input.now.getTime() >= Date.parse(quarter.remindAt);
  return { latest: latest?.update ?? null, quarter, posted, update: update?.update ?? null, due };
}
