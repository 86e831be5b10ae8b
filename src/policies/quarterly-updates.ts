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
 * - The update of a quarter is one posted from 14 days before the quarter's end onwards: the SEP
 *   asks for it "at the end of" the month, so one posted in the last two weeks of the quarter
 *   counts, and so does a late one. (An update posted early for the next quarter, in its last
 *   14 days, settles the current quarter too.)
 * - The reminder is due from 14 days after the quarter's end, until that update exists.
 */

import { DAY_MS } from '../activity/dates.js';

/** The months a reporting quarter ends in, 1-based: January, April, July, October (§ 1.8). */
export const QUARTER_END_MONTHS = [1, 4, 7, 10] as const;
/** An update counts for a quarter from this many days before its end. */
export const UPDATE_WINDOW_DAYS = 14;
/** The reminder is due this many days after a quarter's end. */
export const REMINDER_DELAY_DAYS = 14;

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
  discussions: readonly QuarterlyUpdate[];
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
  /** That quarter's update exists: `latest` was created at or after `quarter.updatesFrom`. */
  posted: boolean;
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
  let latest: { update: QuarterlyUpdate; at: number } | null = null;
  for (const d of input.discussions) {
    const at = Date.parse(d.createdAt);
    if (Number.isNaN(at) || !pattern.test(d.title)) continue;
    if (!latest || at >= latest.at) latest = { update: { title: d.title, createdAt: d.createdAt, url: d.url }, at };
  }
  const posted = latest !== null && latest.at >= Date.parse(quarter.updatesFrom);
  const formed = input.formed ? Date.parse(`${input.formed}T00:00:00Z`) : Number.NaN;
  const owed = Number.isNaN(formed) || formed <= Date.parse(quarter.updatesFrom);
  const due = owed && !posted && input.now.getTime() >= Date.parse(quarter.remindAt);
  return { latest: latest?.update ?? null, quarter, posted, due };
}
