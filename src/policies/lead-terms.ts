/**
 * A working group lead's term (SEP-2149 Part 2 § 4 "Leadership": a table of leads with their
 * "Term"): free text the charter keeps as written, from which the end date is read when there is
 * one. Pure; the charter rule `lead-term-expired` and the dashboard's lead-term column share it.
 */

/**
 * A date at the very end of a term (`2027-01-31`, `until 2027-01-31`, `2026-02-01 to 2027-01-31`,
 * optionally followed by `.` or `)`), not glued to a preceding letter, digit or hyphen.
 */
const TRAILING_DATE = /(?:^|[^A-Za-z0-9-])(\d{4}-\d{2}-\d{2})[.)]?$/;

/** Words that make a trailing date a start, not an end: `since 2025-07-24`, `from 2026-01-01`. */
const START_WORDS = /(?:^|[^A-Za-z])(?:since|from|starting|started|starts|beginning|begins|effective|as of)\s*:?\s*$/i;

/**
 * The date a lead's term ends, when the term gives one.
 *
 * A term that is a date (`2027-01-31`), or ends with one (`until 2027-01-31`, `2026-02-01 to
 * 2027-01-31`), ends on that date. A date introduced as a start (`since 2025-07-24`, `from
 * 2026-01-01`), a date that does not exist (`2027-02-30`), and free text without a date
 * (`2026 H1`, `one year, renewable`) give no end date.
 *
 * @param term the charter's `term`, as written
 * @returns the end date as `YYYY-MM-DD`, or null when the term names none
 */
export function leadTermEnd(term: string): string | null {
  const text = term.trim();
  const match = TRAILING_DATE.exec(text);
  const date = match?.[1];
  if (!match || !date || !isCalendarDate(date)) return null;
  const prefix = text.slice(0, match.index + match[0].indexOf(date));
  return START_WORDS.test(prefix) ? null : date;
}

/**
 * Whether a term's trailing date is malformed: the term ends with something shaped like
 * `YYYY-MM-DD` that is not a real date (`until 2027-02-30`), so it cannot be read as an end date.
 *
 * @returns the malformed date text, or null when there is none
 */
export function malformedTermDate(term: string): string | null {
  const date = TRAILING_DATE.exec(term.trim())?.[1];
  return date && !isCalendarDate(date) ? date : null;
}

/**
 * Whether a lead's term has ended: its end date is before `today` (a term ending today is still
 * running).
 *
 * @param term  the charter's `term`, as written (absent: no term, never expired)
 * @param today the current date in UTC, `YYYY-MM-DD`
 */
export function leadTermExpired(term: string | undefined, today: string): boolean {
  if (term === undefined) return false;
  const end = leadTermEnd(term);
  return end !== null && end < today;
}

/** A real calendar date written `YYYY-MM-DD` (no 2027-02-30). */
function isCalendarDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
