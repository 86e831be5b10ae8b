/**
 * Reading an instant given by hand — the CLI's `--now`, the Action's `now` input: an ISO 8601
 * date or date-time, UTC unless it says otherwise, checked by zod's ISO validators so that an
 * impossible date (2026-02-30, 2026-02-29, 2026-04-31, 24:00) is refused, never rolled over into
 * the next month as `new Date` would.
 */
import { z } from 'zod';

/** The forms accepted, for usage errors. */
export const INSTANT_FORMS = 'YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS[.sss]] (both UTC), or a date-time with Z or ±HH:MM, e.g. 2026-11-22T06:00:00Z';

const DATE = z.iso.date();
/** With Z or an offset RFC 3339 wants seconds; without, they are optional (and the time is UTC). */
const DATE_TIME = z.iso.datetime({ offset: true, local: true });
/** `2026-11-22T10:00Z`: ISO 8601 allows leaving out the seconds before a zone, RFC 3339 (zod) not. */
const ZONED_WITHOUT_SECONDS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses `2026-11-22`, `2026-11-22T10:00`, `2026-11-22T10:00:00.5`, `2026-11-22T10:00:00Z` or
 * `…+02:00` (and `2026-11-22T10:00Z`). A date, or a date-time without `Z` or an offset, is UTC
 * (JavaScript would read a date-time in the machine's time zone and move the 30-day boundary by
 * hours).
 *
 * @returns the instant, or undefined when `value` is not such a date or names a day that does not
 *   exist (2026-02-30, 2026-02-29 — not a leap year)
 */
export function parseInstant(value: string): Date | undefined {
  if (DATE.safeParse(value).success) return new Date(`${value}T00:00:00Z`);
  const text = value.replace(ZONED_WITHOUT_SECONDS, '$1:00$2');
  if (!DATE_TIME.safeParse(text).success) return undefined;
  const zoned = /(?:Z|[+-]\d{2}:\d{2})$/.test(text);
  const date = new Date(zoned ? text : `${text}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The usage error for a value `parseInstant` refused, naming the option and the accepted forms,
 * e.g. `--now must be an ISO 8601 date or date-time (YYYY-MM-DD, …), not "2026-02-30"`.
 *
 * @param option how the caller names it: `--now` (CLI), `now` (the Action's input)
 */
export function instantProblem(option: string, value: string): string {
  return `${option} must be an ISO 8601 date or date-time that exists (${INSTANT_FORMS}), not "${value}"`;
}
