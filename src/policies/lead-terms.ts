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

/** English month names and their abbreviations (`Sep`, `Sept`), matched ignoring case. */
const MONTH_WORDS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * An English date at the very end of a term, as MCP's charter pages write it: `Mon D, YYYY` or
 * `Month D, YYYY` (`ends Aug 14, 2026`, `6 months (ends Aug 14, 2026)`, `until January 31, 2027.`),
 * the month optionally abbreviated with a `.`, the day optionally with `st`/`nd`/`rd`/`th`, the
 * comma optional; not glued to a preceding letter, digit or hyphen.
 */
const TRAILING_ENGLISH_DATE = new RegExp(`(?:^|[^A-Za-z0-9-])((${MONTH_WORDS})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4}))[.)]?$`, 'i');

/** Words that make a trailing date a start, not an end: `since 2025-07-24`, `from 2026-01-01`. */
const START_WORDS = /(?:^|[^A-Za-z])(?:since|from|starting|started|starts|beginning|begins|effective|as of)\s*:?\s*$/i;

/**
 * The date written at the very end of a term: the text as written, the same date as `YYYY-MM-DD`
 * (null when no such day exists: `2027-02-30`, `Feb 30, 2027`), and the text before it.
 */
function trailingDate(term: string): { written: string; iso: string | null; before: string } | null {
  const iso = TRAILING_DATE.exec(term);
  if (iso?.[1]) {
    return { written: iso[1], iso: isCalendarDate(iso[1]) ? iso[1] : null, before: term.slice(0, iso.index + iso[0].indexOf(iso[1])) };
  }
  const english = TRAILING_ENGLISH_DATE.exec(term);
  const [, written, month, day, year] = english ?? [];
  if (!english || !written || !month || !day || !year) return null;
  const date = `${year}-${String(MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
  return { written, iso: isCalendarDate(date) ? date : null, before: term.slice(0, english.index + english[0].indexOf(written)) };
}

/**
 * The date a lead's term ends, when the term gives one.
 *
 * A term that is a date (`2027-01-31`), or ends with one (`until 2027-01-31`, `2026-02-01 to
 * 2027-01-31`), ends on that date; so does a term ending in an English date (`Aug 14, 2026`,
 * `6 months (ends Aug 14, 2026)`, `until January 31, 2027`), as MCP's charter pages write them. A
 * date introduced as a start (`since 2025-07-24`, `from Aug 14, 2026`), a date that does not exist
 * (`2027-02-30`, `Feb 30, 2027`), and free text without a date (`2026 H1`, `one year, renewable`,
 * `Initial`) give no end date.
 *
 * @param term the charter's `term`, as written
 * @returns the end date as `YYYY-MM-DD`, or null when the term names none
 */
export function leadTermEnd(term: string): string | null {
  const date = trailingDate(term.trim());
  if (!date?.iso) return null;
  return START_WORDS.test(date.before) ? null : date.iso;
}

/**
 * Whether a term's trailing date is malformed: the term ends with something shaped like
 * `YYYY-MM-DD` or `Mon D, YYYY` that is not a real date (`until 2027-02-30`, `ends Feb 30, 2027`),
 * so it cannot be read as an end date.
 *
 * @returns the malformed date text, as written, or null when there is none
 */
export function malformedTermDate(term: string): string | null {
  const date = trailingDate(term.trim());
  return date && date.iso === null ? date.written : null;
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

/** Whether `text` is a real calendar date written `YYYY-MM-DD` (no 2027-02-30, no 2026-7-1). Pure. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
