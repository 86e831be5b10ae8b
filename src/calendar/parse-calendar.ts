/**
 * An iCalendar feed (RFC 5545) as meetings: pure, text and a window in, plain data out. Parsing and
 * recurrence expansion are ical.js's (`RRULE`, `RDATE`, `EXDATE`, `RECURRENCE-ID` overrides); the
 * bounds, time conversion, de-duplication and what counts as read are ours:
 * - at most `maxEvents` `VEVENT`s are read (counted in the text before parsing); beyond: `partial`;
 * - a recurring event is followed for at most `maxStepsPerEvent` occurrences from its first, the
 *   whole feed for at most `maxSteps`; a series cut short before the window's end: `partial`;
 * - an event outside the window (one in year 9999, one in year 1) is skipped before any time-zone
 *   arithmetic; a `VTIMEZONE` whose rules are not yearly (a hostile `FREQ=SECONDLY` that ical.js
 *   would expand for ever) is dropped, its `TZID` then read as the IANA zone of that name;
 * - an event ical.js cannot read (a bad date, a bad rule) is skipped and named: `partial`;
 * - a feed ical.js cannot parse, or that holds no `VCALENDAR`: `unread` with the parser's message.
 * Meetable's feed changes an event's `UID` on every edit: a meeting with a `URL` is de-duplicated
 * by it (the most recently modified copy kept).
 */
import ICAL from 'ical.js';
import type { CalendarMeeting } from './meeting.js';
import { discussionLink, eventUrl, oneLine, plainTitle, plainUid } from './meeting-text.js';
import { isIanaZone, utcMs } from './utc-instant.js';

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;
type Event = InstanceType<typeof ICAL.Event>;

/** The span meetings are kept in: those starting within [since, until] (UTC). */
export interface CalendarWindow {
  since: Date;
  until: Date;
}

/** Bounds of one parse; each has a default fit for a community calendar. */
export interface CalendarLimits {
  /** `VEVENT`s read, 5,000 by default. */
  maxEvents?: number;
  /** Occurrences followed per recurring event, from its first, 5,000 by default. */
  maxStepsPerEvent?: number;
  /** Occurrences followed in the whole feed, 50,000 by default. */
  maxSteps?: number;
  /** Meetings kept (the newest), 10,000 by default. */
  maxMeetings?: number;
}

/** A feed as read: `why`/`fix` unless `read`; `events` counts the `VEVENT`s read. */
export interface ParsedCalendar {
  status: 'read' | 'partial' | 'unread';
  why?: string;
  fix?: string;
  meetings: CalendarMeeting[];
  empty: boolean;
  events: number;
}

const DAY_MS = 86_400_000;
const MESSAGE_MAX = 200;
const WHY_MAX = 1000;

/** The first 200 characters of an error's message, on one line. */
export function errorMessage(error: unknown): string {
  const text = typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' ? error.message : String(error);
  return oneLine(text, MESSAGE_MAX) || 'unknown error';
}

/**
 * The meetings of an iCalendar text starting within `window`, recurrences expanded, de-duplicated,
 * sorted by start (ISO UTC instants). Never throws: what cannot be read is `unread`/`partial` with
 * why. The caller bounds the text's size (`readCalendarFeed` reads at most `maxBytes`).
 */
export function parseCalendar(text: string, window: CalendarWindow, limits: CalendarLimits = {}): ParsedCalendar {
  const maxEvents = limits.maxEvents ?? 5_000;
  const bounded = firstEvents(text, maxEvents);
  let roots: Component[];
  try {
    roots = calendars(ICAL.parse(bounded.text));
  } catch (error) {
    return unread(`not a readable iCalendar feed: ${errorMessage(error)}`);
  }
  if (roots.length === 0) return unread(`not an iCalendar feed: no VCALENDAR in it${text.trim() === '' ? ' (an empty answer)' : ''}`);

  const reader = new FeedReader(window, limits);
  let meetings: CalendarMeeting[];
  try {
    for (const root of roots) reader.readCalendar(root);
    meetings = reader.meetings();
  } catch (error) {
    return unread(`not a readable iCalendar feed: ${errorMessage(error)}`);
  }
  const problems = [...reader.problems];
  let fix: string | undefined;
  if (bounded.cut) {
    problems.unshift(`more than ${maxEvents} events in the feed: the first ${maxEvents} were read`);
    fix = 'give the group a calendar of its own (a Meetable tag) instead of a whole community calendar';
  }
  if (reader.failed) fix ??= 'correct or delete these events in the calendar';
  if (reader.capped) fix ??= 'end the recurring events that repeat too often, or give the group a calendar of its own';
  if (problems.length === 0) return { status: 'read', meetings, empty: reader.events === 0, events: reader.events };
  fix ??= 'give the group a calendar of its own (a Meetable tag)';
  return { status: 'partial', why: clip(problems.join('; '), WHY_MAX), fix, meetings, empty: false, events: reader.events };
}

function unread(why: string): ParsedCalendar {
  return { status: 'unread', why: clip(why, WHY_MAX), fix: 'check the calendar URL: it should answer an iCalendar (.ics) feed', meetings: [], empty: false, events: 0 };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The text up to its `maxEvents`-th `VEVENT`, closed; `cut` when there were more. */
function firstEvents(text: string, maxEvents: number): { text: string; cut: boolean } {
  const begins = /^BEGIN:VEVENT[ \t]*\r?$/gim;
  let count = 0;
  for (let match = begins.exec(text); match; match = begins.exec(text)) {
    count += 1;
    if (count > maxEvents) return { text: `${text.slice(0, match.index)}END:VCALENDAR\r\n`, cut: true };
  }
  return { text, cut: false };
}

/** The `VCALENDAR`s of an ical.js parse (one component, several, or none). */
function calendars(jcal: unknown): Component[] {
  if (!Array.isArray(jcal) || jcal.length === 0) return [];
  const list: unknown[] = typeof jcal[0] === 'string' ? [jcal] : jcal;
  return list
    .filter((item): item is [string, unknown[], unknown[]] => Array.isArray(item) && item[0] === 'vcalendar')
    .map((item) => new ICAL.Component(item));
}

/** The value of a property as ical.js reads it, or undefined. */
function value(component: Component, name: string): unknown {
  return component.getFirstPropertyValue(name) ?? undefined;
}

function tzidOf(component: Component, name: string): string | undefined {
  const parameter = component.getFirstProperty(name)?.getParameter('tzid');
  return typeof parameter === 'string' ? parameter : undefined;
}

/** A `VTIMEZONE` ical.js can expand in bounded time: yearly rules, few values, a start after 1500. */
function isBoundedTimezone(timezone: Component): boolean {
  const rules = timezone.getAllSubcomponents();
  if (rules.length > 50) return false;
  for (const rule of rules) {
    const start = value(rule, 'dtstart');
    if (!(start instanceof ICAL.Time) || start.year < 1500) return false;
    for (const property of rule.getAllProperties('rrule')) {
      const recur = property.getFirstValue();
      if (!(recur instanceof ICAL.Recur) || recur.freq !== 'YEARLY') return false;
      for (const values of Object.values(recur.parts)) if (Array.isArray(values) && values.length > 7) return false;
    }
    let rdates = 0;
    for (const property of rule.getAllProperties('rdate')) rdates += property.toJSON().length - 3;
    if (rdates > 200) return false;
  }
  return true;
}

/** An event's length past which ical.js's date arithmetic (end = start + duration) is slow: not a meeting. */
const MAX_EVENT_DAYS = 400;
const MAX_RDATES = 1_000;

/**
 * Throws when an event is not one ical.js can handle in bounded time: longer than 400 days
 * (`DURATION:P99999999W`, `DTEND` years after `DTSTART`) or more than 1,000 `RDATE` values.
 */
function checkBounded(component: Component): void {
  const duration = value(component, 'duration');
  if (duration instanceof ICAL.Duration && Math.abs(duration.toSeconds()) > MAX_EVENT_DAYS * 86_400) throw new Error(`lasts more than ${MAX_EVENT_DAYS} days`);
  const start = value(component, 'dtstart');
  const end = value(component, 'dtend');
  if (start instanceof ICAL.Time && end instanceof ICAL.Time && Math.abs(Date.UTC(end.year, end.month - 1, end.day) - Date.UTC(start.year, start.month - 1, start.day)) > MAX_EVENT_DAYS * DAY_MS) {
    throw new Error(`lasts more than ${MAX_EVENT_DAYS} days`);
  }
  let rdates = 0;
  for (const property of component.getAllProperties('rdate')) rdates += property.toJSON().length - 3; // undecorated: no Time built
  if (rdates > MAX_RDATES) throw new Error(`more than ${MAX_RDATES} RDATE values`);
}

interface Kept {
  meeting: CalendarMeeting;
  key: string;
  modifiedMs: number;
}

/** Reads the events of one or more calendars into meetings, keeping count of what it could not read. */
class FeedReader {
  readonly problems: string[] = [];
  private readonly failures: string[] = [];
  events = 0;
  capped = false;
  failed = false;
  private readonly sinceMs: number;
  private readonly untilMs: number;
  private readonly maxStepsPerEvent: number;
  private readonly maxMeetings: number;
  private stepsLeft: number;
  private calendarZone: string | undefined;
  private readonly kept = new Map<string, Kept>();

  constructor(window: CalendarWindow, limits: CalendarLimits) {
    this.sinceMs = window.since.getTime();
    this.untilMs = window.until.getTime();
    this.maxStepsPerEvent = limits.maxStepsPerEvent ?? 5_000;
    this.stepsLeft = limits.maxSteps ?? 50_000;
    this.maxMeetings = limits.maxMeetings ?? 10_000;
  }

  readCalendar(root: Component): void {
    for (const timezone of root.getAllSubcomponents('vtimezone')) {
      let bounded: boolean;
      try {
        bounded = isBoundedTimezone(timezone);
      } catch {
        bounded = false;
      }
      if (!bounded) root.removeSubcomponent(timezone);
    }
    const zone = root.getFirstPropertyValue('x-wr-timezone');
    this.calendarZone = typeof zone === 'string' && isIanaZone(zone) ? zone : undefined;

    const events = root.getAllSubcomponents('vevent');
    this.events += events.length;
    const series = new Map<string, Component>();
    const overrides: Component[] = [];
    for (const event of events) {
      if (event.hasProperty('recurrence-id')) overrides.push(event);
      else if (event.hasProperty('rrule') || event.hasProperty('rdate')) series.set(String(value(event, 'uid') ?? ''), event);
    }
    const exceptions = new Map<Component, Component[]>();
    for (const override of overrides) {
      const master = series.get(String(value(override, 'uid') ?? ''));
      if (master) exceptions.set(master, [...(exceptions.get(master) ?? []), override]);
    }
    for (const event of events) {
      const isRelated = event.hasProperty('recurrence-id') && series.has(String(value(event, 'uid') ?? ''));
      if (isRelated) continue;
      try {
        this.readEvent(event, exceptions.get(event) ?? []);
      } catch (error) {
        this.fail(event, error);
      }
    }
    if (this.failures.length > 0) {
      const shown = this.failures.slice(0, 3).join('; ');
      this.problems.push(`${this.failures.length} ${this.failures.length === 1 ? 'event' : 'events'} could not be read (${shown}${this.failures.length > 3 ? '; …' : ''})`);
      this.failures.length = 0;
      this.failed = true;
    }
  }

  /** The meetings kept: the newest `maxMeetings`, sorted by start. */
  meetings(): CalendarMeeting[] {
    const all = [...this.kept.values()].map((kept) => kept.meeting);
    all.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
    if (all.length <= this.maxMeetings) return all;
    this.problems.push(`more than ${this.maxMeetings} meetings within the window: the newest ${this.maxMeetings} were kept`);
    return all.slice(all.length - this.maxMeetings);
  }

  private fail(event: Component, error: unknown): void {
    let uid = '(no UID)';
    try {
      uid = plainUid(value(event, 'uid'));
    } catch {
      // the UID itself is unreadable
    }
    this.failures.push(`${uid.length > 80 ? `${uid.slice(0, 79)}…` : uid}: ${errorMessage(error)}`);
  }

  private readEvent(component: Component, overrides: Component[]): void {
    if (!component.hasProperty('dtstart')) return; // Meetable lists an event without a date: no meeting to place
    checkBounded(component);
    const exceptions: Component[] = [];
    for (const override of overrides) {
      try {
        checkBounded(override);
        exceptions.push(override);
      } catch (error) {
        this.fail(override, error);
      }
    }
    // The overrides given: unasked, ical.js relates every RECURRENCE-ID of the calendar to each event.
    const event = new ICAL.Event(component, { strictExceptions: true, exceptions });
    if (!event.isRecurring()) {
      this.keep(component, event.startDate, this.endOf(component, event), false);
      return;
    }
    const iterator = event.iterator();
    const startTzid = tzidOf(component, 'dtstart');
    const untilYear = new Date(this.untilMs).getUTCFullYear();
    const moved = exceptions.length > 0;
    let steps = 0;
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (next.year > untilYear + 1) return; // before any time-zone arithmetic (a series in year 9999)
      const recurrenceMs = utcMs(next, startTzid, this.calendarZone);
      if (recurrenceMs > this.untilMs) return;
      steps += 1;
      this.stepsLeft -= 1;
      if (steps > this.maxStepsPerEvent || this.stepsLeft < 0) {
        this.capped = true;
        this.problems.push(`the recurring event ${plainUid(value(component, 'uid'))} was followed for ${steps - 1} occurrences, not to the window's end`);
        return;
      }
      if (recurrenceMs < this.sinceMs - DAY_MS && !moved) continue; // before the window, and no override could move it in
      const details = event.getOccurrenceDetails(next);
      const item = details.item.component;
      const hasEnd = item.hasProperty('dtend') || item.hasProperty('duration') || component.hasProperty('dtend') || component.hasProperty('duration');
      this.keep(item, details.startDate, hasEnd || details.startDate.isDate ? details.endDate : undefined, true, component);
    }
  }

  /** An event's end, or undefined when it has neither `DTEND` nor `DURATION` (a timed event). */
  private endOf(component: Component, event: Event): Time | undefined {
    if (component.hasProperty('dtend') || component.hasProperty('duration') || event.startDate.isDate) return event.endDate;
    return undefined;
  }

  private instant(time: Time, component: Component, property: string, fallback?: Component): number {
    const tzid = tzidOf(component, property) ?? (fallback ? tzidOf(fallback, property) : undefined) ?? tzidOf(component, 'dtstart');
    return utcMs(time, tzid, this.calendarZone);
  }

  private keep(component: Component, start: Time, end: Time | undefined, recurring: boolean, series?: Component): void {
    const sinceYear = new Date(this.sinceMs).getUTCFullYear();
    const untilYear = new Date(this.untilMs).getUTCFullYear();
    if (start.year < sinceYear - 1 || start.year > untilYear + 1) return;
    const startMs = this.instant(start, component, 'dtstart', series);
    if (!Number.isFinite(startMs) || startMs < this.sinceMs || startMs > this.untilMs) return;
    const endMs = end === undefined ? Number.NaN : this.instant(end, component, 'dtend', series);
    const rawUrl = value(component, 'url') ?? (series ? value(series, 'url') : undefined);
    const url = eventUrl(rawUrl);
    const createdTime = value(component, 'created') ?? (series ? value(series, 'created') : undefined);
    const createdMs = createdTime instanceof ICAL.Time ? utcMs(createdTime, undefined, undefined) : Number.NaN;
    const status = value(component, 'status');
    const meeting: CalendarMeeting = {
      ...(url ? { url } : {}),
      uid: plainUid(value(component, 'uid')),
      title: plainTitle(value(component, 'summary')),
      start: new Date(startMs).toISOString(),
      ...(Number.isFinite(endMs) && endMs >= startMs ? { end: new Date(endMs).toISOString() } : {}),
      ...(Number.isFinite(createdMs) && Math.abs(createdMs) < 8.64e15 ? { created: new Date(createdMs).toISOString() } : {}),
      cancelled: typeof status === 'string' && status.trim().toUpperCase() === 'CANCELLED',
    };
    const discussion = discussionLink(rawUrl, value(component, 'description'), series ? value(series, 'description') : undefined);
    if (discussion) meeting.discussion = discussion;
    const key = url === undefined ? `uid ${meeting.uid} ${meeting.start}` : recurring ? `url ${url} ${meeting.start}` : `url ${url}`;
    const modified = value(component, 'last-modified') ?? value(component, 'dtstamp');
    const modifiedMs = modified instanceof ICAL.Time ? utcMs(modified, undefined, undefined) : 0;
    const known = this.kept.get(key);
    if (!known || modifiedMs > known.modifiedMs) this.kept.set(key, { meeting, key, modifiedMs });
  }
}
