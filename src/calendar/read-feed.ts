/**
 * The calendar adapter (issue 23): one community calendar feed (iCalendar, RFC 5545) read into
 * meetings, with what could not be read said as coverage (`unread`/`partial`, why and fix), never
 * read as "no meetings". One request per feed per run; conditional (a 304) when a cache holds it.
 * Meetable (MCP's calendar, meet.modelcontextprotocol.io) publishes one feed per tag; Google
 * Calendar and others publish recurring events (`RRULE`, `EXDATE`, `RECURRENCE-ID`), expanded here.
 */
import { fetchFeed } from './fetch-feed.js';
import type { FeedFetch } from './fetch-feed.js';
import type { ParsedCalendar } from './parse-calendar.js';
import type { CalendarMeeting } from './meeting.js';

export type { CalendarMeeting } from './meeting.js';
export { tagFeedUrl } from '../activity/coverage.js';

export interface CalendarFeedRead {
  /** The ICS URL read. */
  feed: string;
  status: 'read' | 'partial' | 'unread';
  /** Required unless read. */
  why?: string;
  fix?: string;
  /** ISO: the span the meetings cover (past window start .. now + lookahead). */
  from: string;
  until: string;
  /** De-duplicated, recurrences expanded within from..until, sorted by start. */
  meetings: CalendarMeeting[];
  /** The feed answered with no event at all (Meetable answers 200 for a tag that never had one: maybe a typo). */
  empty: boolean;
  requests: number;
}

export interface CalendarCache {
  get(url: string): { etag?: string; lastModified?: string; text: string } | undefined;
  set(url: string, entry: { etag?: string; lastModified?: string; text: string }): void;
}

/** 5 MB: a community calendar of several thousand events. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** 15 s for the whole exchange, body included. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Reads one feed within [since, until] (UTC): one GET (`Accept: text/calendar`, conditional from
 * `cache`), at most `maxBytes` (5 MB) within `timeoutMs` (15 s), parsed by `parseCalendar`.
 * Never throws for what the server or feed does:
 * - no answer, a timeout, a status other than 2xx/304, a feed ical.js cannot parse: `unread` with why;
 * - a body past `maxBytes`: the events in its first `maxBytes` are read, `partial` (`unread` when
 *   not one event is complete there);
 * - a feed without any `VEVENT`: `read`, `empty: true`.
 * A complete 200 with an `ETag` or `Last-Modified` is stored in `cache`.
 * @throws RangeError when `since` or `until` is not a valid date (the caller's, not the feed's)
 */
export async function readCalendarFeed(
  url: string,
  options: { since: Date; until: Date; fetch?: typeof globalThis.fetch; cache?: CalendarCache; maxBytes?: number; timeoutMs?: number },
): Promise<CalendarFeedRead> {
  const window = { since: options.since, until: options.until };
  const base = { feed: url, from: options.since.toISOString(), until: options.until.toISOString(), requests: 0 };
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
    return { ...base, status: 'unread', why: 'not an http(s) URL', fix: 'give the calendar as an https URL of its iCalendar (.ics) feed', meetings: [], empty: false };
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const cached = options.cache?.get(url);
  const fetched = await fetchFeed(url, { fetch: options.fetch ?? globalThis.fetch, ...(cached ? { cached } : {}), maxBytes, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  const read = { ...base, requests: 1 };
  if (fetched.kind === 'failed') return { ...read, status: 'unread', why: fetched.why, fix: fetched.fix, meetings: [], empty: false };
  if (fetched.kind === 'too-large') return { ...read, ...(await tooLarge(fetched, maxBytes, window)) };
  // The parser (and ical.js) is loaded when a feed is first read: a run with no feed never loads it.
  const { parseCalendar } = await import('./parse-calendar.js');
  const parsed = parseCalendar(fetched.text, window);
  if (!fetched.fromCache && (fetched.etag || fetched.lastModified)) {
    options.cache?.set(url, { text: fetched.text, ...(fetched.etag ? { etag: fetched.etag } : {}), ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}) });
  }
  return { ...read, ...outcome(parsed) };
}

type Outcome = Pick<CalendarFeedRead, 'status' | 'why' | 'fix' | 'meetings' | 'empty'>;

function outcome(parsed: ParsedCalendar): Outcome {
  return { status: parsed.status, ...(parsed.why ? { why: parsed.why } : {}), ...(parsed.fix ? { fix: parsed.fix } : {}), meetings: parsed.meetings, empty: parsed.empty };
}

/** The events complete within the first `maxBytes` of a feed too large to read whole. */
async function tooLarge(fetched: Extract<FeedFetch, { kind: 'too-large' }>, maxBytes: number, window: { since: Date; until: Date }): Promise<Outcome> {
  const larger = `feed larger than ${maxBytes} bytes`;
  const fix = 'give the group a calendar of its own (a Meetable tag) instead of a whole community calendar';
  const end = /^END:VEVENT[ \t]*\r?$/gim;
  let last = -1;
  for (let match = end.exec(fetched.text); match; match = end.exec(fetched.text)) last = end.lastIndex;
  if (last < 0) return { status: 'unread', why: `${larger}, and no event complete in its first ${maxBytes} bytes`, fix, meetings: [], empty: false };
  const { parseCalendar } = await import('./parse-calendar.js');
  const parsed = parseCalendar(`${fetched.text.slice(0, last)}\r\nEND:VCALENDAR\r\n`, window);
  if (parsed.status === 'unread') return { ...outcome(parsed), why: `${larger}, and its first ${maxBytes} bytes could not be read: ${parsed.why ?? ''}`.slice(0, 1000), fix };
  const what = `${larger}: the ${parsed.events} ${parsed.events === 1 ? 'event' : 'events'} in its first ${maxBytes} bytes were read`;
  return { status: 'partial', why: (parsed.why ? `${what}; ${parsed.why}` : what).slice(0, 1000), fix: parsed.fix ?? fix, meetings: parsed.meetings, empty: false };
}
