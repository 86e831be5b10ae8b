/**
 * iCalendar times (RFC 5545 § 3.3.4, § 3.3.5) as UTC instants. ical.js resolves a `TZID` against
 * the feed's own `VTIMEZONE` (never a process-wide registry a hostile feed could poison); what it
 * cannot resolve it leaves "floating", and this module settles those:
 * - a `TZID` the feed does not define but the IANA database knows (`Europe/Berlin`): that zone;
 * - a floating time (no `TZID`, no `Z`), or a `TZID` neither defines: the calendar's
 *   `X-WR-TIMEZONE` when it names an IANA zone, else UTC (Meetable writes floating times for
 *   events without a time zone);
 * - a `DATE` (all-day event): 00:00 UTC of that date.
 */
import type ICAL from 'ical.js';

type Time = InstanceType<typeof ICAL.Time>;

const zoneFormats = new Map<string, Intl.DateTimeFormat | null>();

/** A formatter for an IANA zone name, or null when the name is not one (cached, at most 200 names). */
function zoneFormat(zone: string): Intl.DateTimeFormat | null {
  const known = zoneFormats.get(zone);
  if (known !== undefined) return known;
  let format: Intl.DateTimeFormat | null = null;
  if (zone.length <= 64 && /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      format = null;
    }
  }
  if (zoneFormats.size < 200) zoneFormats.set(zone, format);
  return format;
}

/** True when `zone` is an IANA time zone name this runtime knows. */
export function isIanaZone(zone: string): boolean {
  return zoneFormat(zone) !== null;
}

/** The offset of `zone` from UTC at the instant `ms`, in ms (positive east of Greenwich). */
function zoneOffsetMs(format: Intl.DateTimeFormat, ms: number): number {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(ms))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** A wall-clock time in an IANA zone, as UTC ms (a time skipped by a DST change moves forward). */
function wallTimeInZoneMs(wallMs: number, format: Intl.DateTimeFormat): number {
  const first = wallMs - zoneOffsetMs(format, wallMs);
  const second = wallMs - zoneOffsetMs(format, first);
  return second;
}

/** The wall-clock fields of an ical.js time as if they were UTC, in ms. */
function wallMs(time: Time): number {
  const ms = Date.UTC(time.year, time.month - 1, time.day, time.isDate ? 0 : time.hour, time.isDate ? 0 : time.minute, time.isDate ? 0 : time.second);
  return ms;
}

/**
 * The UTC instant of an ical.js time, in ms; NaN when the time is not a valid date.
 * `tzid` is the property's `TZID` parameter (when any), `calendarZone` the feed's `X-WR-TIMEZONE`.
 */
export function utcMs(time: Time, tzid: string | undefined, calendarZone: string | undefined): number {
  if (time.isDate) return wallMs(time);
  const zone = time.zone?.tzid;
  if (zone !== undefined && zone !== 'floating') return time.toUnixTime() * 1000;
  const format = (tzid === undefined ? null : zoneFormat(tzid)) ?? (calendarZone === undefined ? null : zoneFormat(calendarZone));
  return format === null ? wallMs(time) : wallTimeInZoneMs(wallMs(time), format);
}
