/** Time for the activity rules: instants are UTC milliseconds since the epoch; periods are days. */

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` (UTC) of an instant in ms. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The instant a charter date `YYYY-MM-DD` begins (00:00 UTC), in ms; null for no date. */
export function dateStartMs(date: string | undefined): number | null {
  if (date === undefined) return null;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** Whole days in a span of ms, rounded down (29.99 days → 29). */
export function wholeDays(spanMs: number): number {
  return Math.floor(spanMs / DAY_MS);
}

/** `1 day`, `30 days`. */
export function days(n: number): string {
  return `${n} ${n === 1 ? 'day' : 'days'}`;
}

/** `now` as UTC ms, given as a Date or ms. */
export function toMs(now: Date | number): number {
  return typeof now === 'number' ? now : now.getTime();
}
