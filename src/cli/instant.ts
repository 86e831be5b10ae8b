/** Reading `--now`: an ISO 8601 date or date-time, always in UTC unless it says otherwise. */

/**
 * Parses `2026-11-22`, `2026-11-22T10:00`, `2026-11-22T10:00:00Z` or `…+02:00`. A date-time
 * without `Z` or an offset is UTC (JavaScript would read it in the machine's time zone and move
 * the 30-day boundary by hours).
 *
 * @returns the instant, or undefined when `value` is not such a date
 */
export function parseInstant(value: string): Date | undefined {
  const m = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (!m) return undefined;
  const date = new Date(m[1] && !m[2] ? `${value}Z` : value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
