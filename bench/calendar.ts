/**
 * Benchmark: the calendar adapter (issue 23). A measurement, not a test: it asserts nothing and
 * never runs under jest.
 *
 * - requests per feed per run: a Meetable-like server on the loopback interface (`node:http`,
 *   ETag and Last-Modified, 304 to a matching conditional request) read for 5 tag feeds, a first
 *   run without a cache, then a second run with the first run's cache and the feeds unchanged
 *   (goal: 1 request per feed per run, all 304 on the second);
 * - the time to parse a 1,000-event Meetable feed, and a Google-style feed whose weekly series
 *   are expanded over a year (`parseCalendar`, pure).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseCalendar } from '../src/calendar/parse-calendar.js';
import { readCalendarFeed, tagFeedUrl } from '../src/calendar/read-feed.js';
import type { CalendarCache } from '../src/calendar/read-feed.js';
import { time } from './hostile-text.js';

const SINCE = new Date('2026-09-08T00:00:00Z');
const UNTIL = new Date('2027-01-06T00:00:00Z');
const TAGS = ['mcp-apps-wg', 'auth-ig', 'registry-wg', 'transports-wg', 'security-ig'];

/** A Meetable tag feed of `count` events, one a day back from 2027-01-05, as Meetable renders them (CRLF, eluceo/iCal). */
export function meetableFeed(tag: string, count: number): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:meet.modelcontextprotocol.io ${tag}`];
  const last = Date.parse('2027-01-05T17:00:00Z');
  for (let i = 0; i < count; i += 1) {
    const start = new Date(last - i * 86_400_000);
    const stamp = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    const month = start.toISOString().slice(0, 7).replace('-', '/');
    const url = `https://meet.modelcontextprotocol.io/${month}/${tag}-meeting-k${i}`;
    lines.push(
      'BEGIN:VEVENT',
      `UID:k${i}-1796199340@meet.modelcontextprotocol.io`,
      `DTSTART:${stamp(start)}`,
      'SEQUENCE:0',
      'TRANSP:OPAQUE',
      `DTEND:${stamp(new Date(start.getTime() + 3_600_000))}`,
      `URL:${url}`,
      `SUMMARY:${tag} meeting ${i}`,
      'CLASS:PUBLIC',
      `DESCRIPTION:Agenda: https://github.com/modelcontextprotocol/modelcontextprotocol/discussions/${1000 + i}\\n\\n${url}`,
      'X-MICROSOFT-CDO-BUSYSTATUS:FREE',
      'X-MICROSOFT-CDO-INTENDEDSTATUS:FREE',
      `DTSTAMP:${stamp(new Date(start.getTime() - 14 * 86_400_000))}`,
      `CREATED:${stamp(new Date(start.getTime() - 14 * 86_400_000))}`,
      `LAST-MODIFIED:${stamp(new Date(start.getTime() - 7 * 86_400_000))}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.join('\r\n');
}

/** A Google-style feed of `series` weekly series in Europe/Berlin (with a VTIMEZONE), each with an EXDATE. */
function googleFeed(series: number): string {
  const lines = ['BEGIN:VCALENDAR', 'PRODID:-//Google Inc//Google Calendar 70.9054//EN', 'VERSION:2.0', 'X-WR-TIMEZONE:Europe/Berlin'];
  lines.push('BEGIN:VTIMEZONE', 'TZID:Europe/Berlin', 'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'DTSTART:19700329T020000', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT');
  lines.push('BEGIN:STANDARD', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'DTSTART:19701025T030000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD', 'END:VTIMEZONE');
  for (let i = 0; i < series; i += 1) {
    lines.push('BEGIN:VEVENT', `UID:series${i}@google.com`, 'DTSTART;TZID=Europe/Berlin:20250106T170000', 'DTEND;TZID=Europe/Berlin:20250106T180000');
    lines.push(`RRULE:FREQ=WEEKLY;BYDAY=${['MO', 'TU', 'WE', 'TH', 'FR'][i % 5] as string}`, 'EXDATE;TZID=Europe/Berlin:20261222T170000', `SUMMARY:Series ${i}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.join('\r\n');
}

function memoryCache(): CalendarCache {
  const entries = new Map<string, { etag?: string; lastModified?: string; text: string }>();
  return { get: (url) => entries.get(url), set: (url, entry) => void entries.set(url, entry) };
}

/** Requests per feed on a first run and an unchanged second run, and the parse times. */
export async function benchCalendar(): Promise<string[]> {
  const feeds = new Map(TAGS.map((tag) => [`/ics/tag/${tag}.ics`, meetableFeed(tag, 100)]));
  const seen: { path: string; status: number }[] = [];
  const server = createServer((request, response) => {
    const text = feeds.get(request.url ?? '');
    const etag = `"${(text ?? '').length}"`;
    const status = text === undefined ? 404 : request.headers['if-none-match'] === etag ? 304 : 200;
    seen.push({ path: request.url ?? '', status });
    response.writeHead(status, { 'content-type': 'text/calendar; charset=utf-8', etag, 'last-modified': 'Fri, 04 Dec 2026 11:00:00 GMT' }).end(status === 200 ? text : undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cache = memoryCache();
  const lines = ['calendar feeds (readCalendarFeed, a Meetable-like server on 127.0.0.1)'];
  try {
    for (const run of ['first run, no cache', 'second run, cache, feeds unchanged']) {
      seen.length = 0;
      const start = process.hrtime.bigint();
      const reads = await Promise.all(TAGS.map((tag) => readCalendarFeed(tagFeedUrl(base, tag), { since: SINCE, until: UNTIL, cache })));
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const requests = reads.reduce((sum, read) => sum + read.requests, 0);
      const notModified = seen.filter((request) => request.status === 304).length;
      const meetings = reads.reduce((sum, read) => sum + read.meetings.length, 0);
      lines.push(`  ${run}: ${TAGS.length} feeds, ${requests} requests (${(requests / TAGS.length).toFixed(1)} per feed, goal 1), ${notModified} answered 304, ${meetings} meetings, ${ms.toFixed(1)} ms`);
    }
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  const window = { since: SINCE, until: UNTIL };
  const thousand = meetableFeed('mcp-apps-wg', 1000);
  const parsed = parseCalendar(thousand, window);
  const google = googleFeed(20);
  const expanded = parseCalendar(google, { since: new Date('2026-01-01T00:00:00Z'), until: new Date('2026-12-31T23:59:59Z') });
  const line = (name: string, fn: () => unknown, goalMs: number) => {
    const { median, worst } = time(fn, 5);
    return `  ${name}: median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms (goal < ${goalMs} ms)`;
  };
  lines.push('calendar parsing (parseCalendar, ical.js)');
  lines.push(line(`a 1,000-event Meetable feed (${(thousand.length / 1024).toFixed(0)} KB, ${parsed.meetings.length} meetings in the window)`, () => parseCalendar(thousand, window), 200));
  lines.push(line(`20 weekly series since 2025 in Europe/Berlin, a year expanded (${expanded.meetings.length} meetings)`, () => parseCalendar(google, { since: new Date('2026-01-01T00:00:00Z'), until: new Date('2026-12-31T23:59:59Z') }), 200));
  return lines;
}
