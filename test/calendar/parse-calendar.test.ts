import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseCalendar } from '../../src/calendar/parse-calendar.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/calendar/${name}`, import.meta.url), 'utf8');
const window = (since: string, until: string) => ({ since: new Date(since), until: new Date(until) });

/** A minimal VCALENDAR around `events` (VEVENT bodies, without BEGIN/END), CRLF lines. */
function calendar(events: string[], head: string[] = []): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...head];
  for (const event of events) lines.push('BEGIN:VEVENT', event, 'END:VEVENT');
  lines.push('END:VCALENDAR');
  return lines.join('\r\n');
}

describe('parseCalendar: a Meetable tag feed (its ICSController rendered by eluceo/ical 0.16)', () => {
  const read = parseCalendar(fixture('meetable-mcp-apps-wg.ics'), window('2026-09-08T00:00:00Z', '2027-01-06T00:00:00Z'));

  it('reads every event within the window, sorted by start, older ones left out', () => {
    expect(read.status).toBe('read');
    expect(read.empty).toBe(false);
    expect(read.events).toBe(7);
    expect(read.meetings.map((m) => [m.start, m.end])).toEqual([
      ['2026-10-06T16:00:00.000Z', undefined], // a start time only: no DTEND
      ['2026-10-20T00:00:00.000Z', '2026-10-22T00:00:00.000Z'], // a two-day event: DATE values
      ['2026-11-03T16:00:00.000Z', '2026-11-03T17:00:00.000Z'], // no time zone: floating, read as UTC
      ['2026-11-17T17:00:00.000Z', '2026-11-17T18:30:00.000Z'],
      ['2026-12-01T17:00:00.000Z', '2026-12-01T18:00:00.000Z'],
      ['2026-12-15T17:00:00.000Z', '2026-12-15T18:00:00.000Z'],
    ]);
  });

  it('keeps the URL, UID, CREATED and STATUS:CANCELLED of each', () => {
    const next = read.meetings.at(-1);
    expect(next).toEqual({
      url: 'https://meet.modelcontextprotocol.io/2026/12/mcp-apps-wg-meeting-Xk3bQ9',
      uid: 'Xk3bQ9-1796199340@meet.modelcontextprotocol.io',
      title: 'MCP Apps WG Meeting',
      start: '2026-12-15T17:00:00.000Z',
      end: '2026-12-15T18:00:00.000Z',
      created: '2026-11-30T19:04:11.000Z',
      cancelled: false,
      discussion: 'https://github.com/modelcontextprotocol/modelcontextprotocol/discussions/1893',
    });
    expect(read.meetings.filter((m) => m.cancelled).map((m) => m.start)).toEqual(['2026-12-01T17:00:00.000Z']);
  });

  it('reads titles as plain text (eluceo escapes `"` as `\\"`) and the discussion a description links', () => {
    const review = read.meetings.find((m) => m.start.startsWith('2026-11-17'));
    expect(review?.title).toBe('MCP Apps WG: "UI resources", review; round 2');
    expect(review?.discussion).toBe('https://github.com/modelcontextprotocol/ext-apps/discussions/412');
    expect(read.meetings.find((m) => m.start.startsWith('2026-10-06'))?.title).toBe('MCP Apps WG Office Hours 🛠️');
    // A category link is not one discussion.
    expect(read.meetings.find((m) => m.start.startsWith('2026-10-20'))?.discussion).toBeUndefined();
  });

  it('a tag that never had an event is read and empty', () => {
    expect(parseCalendar(fixture('meetable-empty-tag.ics'), window('2026-09-08T00:00:00Z', '2027-01-06T00:00:00Z'))).toEqual({ status: 'read', meetings: [], empty: true, events: 0 });
  });

  it('a feed with events, none in the window, is not empty', () => {
    const old = parseCalendar(fixture('meetable-mcp-apps-wg.ics'), window('2020-01-01T00:00:00Z', '2020-12-31T00:00:00Z'));
    expect(old).toMatchObject({ status: 'read', meetings: [], empty: false });
  });

  it('de-duplicates by URL: two copies of an edited event (new UID each) are one meeting, the last modified', () => {
    const text = fixture('meetable-mcp-apps-wg.ics');
    const edited = fixture('meetable-mcp-apps-wg-edited.ics');
    const first = /BEGIN:VEVENT[\s\S]*?END:VEVENT\r\n/.exec(edited)?.[0] ?? '';
    expect(first).toContain('Xk3bQ9');
    const both = text.replace('BEGIN:VEVENT', `${first}BEGIN:VEVENT`);
    const read = parseCalendar(both, window('2026-12-10T00:00:00Z', '2026-12-31T00:00:00Z'));
    expect(read.meetings).toHaveLength(1);
    expect(read.meetings[0]).toMatchObject({ start: '2026-12-15T18:00:00.000Z', uid: 'Xk3bQ9-1796382000@meet.modelcontextprotocol.io' });
  });
});

describe('parseCalendar: a Google Calendar feed with RRULE, EXDATE, RECURRENCE-ID and a VTIMEZONE', () => {
  const read = parseCalendar(fixture('google-recurring.ics'), window('2026-09-07T00:00:00Z', '2026-12-31T23:59:59Z'));
  const weekly = read.meetings.filter((m) => m.uid.startsWith('4q1v'));

  it('expands the weekly series in Europe/Berlin across the DST change, without the EXDATE', () => {
    expect(read.status).toBe('read');
    expect(weekly.map((m) => m.start)).toEqual([
      '2026-09-08T15:00:00.000Z',
      '2026-09-15T15:00:00.000Z',
      '2026-09-22T15:00:00.000Z',
      '2026-09-29T15:00:00.000Z',
      '2026-10-06T15:00:00.000Z',
      '2026-10-13T15:00:00.000Z',
      '2026-10-20T15:00:00.000Z',
      // 2026-10-27: EXDATE
      '2026-11-03T16:00:00.000Z', // CET from 2026-10-25
      '2026-11-10T18:00:00.000Z', // moved by its RECURRENCE-ID override
      '2026-11-17T16:00:00.000Z',
      '2026-11-24T16:00:00.000Z',
      '2026-12-01T16:00:00.000Z',
      '2026-12-08T16:00:00.000Z',
      '2026-12-15T16:00:00.000Z',
      '2026-12-22T16:00:00.000Z',
      '2026-12-29T16:00:00.000Z',
    ]);
    expect(weekly[0]).toMatchObject({ end: '2026-09-08T16:00:00.000Z', created: '2026-08-25T09:15:00.000Z', title: 'Transport WG weekly', discussion: 'https://github.com/example-org/community/discussions/77' });
  });

  it('takes an override’s own title, description and status', () => {
    expect(weekly.find((m) => m.start === '2026-11-10T18:00:00.000Z')).toMatchObject({ title: 'Transport WG weekly (release review)', end: '2026-11-10T19:00:00.000Z', discussion: 'https://github.com/example-org/community/discussions/91', cancelled: false });
    expect(weekly.filter((m) => m.cancelled).map((m) => m.start)).toEqual(['2026-11-24T16:00:00.000Z']);
  });

  it('ends a series at its UNTIL and reads all-day events as 00:00 UTC of their date', () => {
    expect(read.meetings.filter((m) => m.uid.startsWith('7h2j')).map((m) => m.start)).toEqual(['2026-10-01T14:00:00.000Z', '2026-11-05T15:00:00.000Z', '2026-12-03T15:00:00.000Z']);
    expect(read.meetings.find((m) => m.uid.startsWith('0a9b'))).toMatchObject({ start: '2026-11-19T00:00:00.000Z', end: '2026-11-20T00:00:00.000Z' });
  });

  it('reads a TZID the feed does not define as the IANA zone, and floating times in X-WR-TIMEZONE', () => {
    const text = calendar(['UID:a\r\nDTSTART;TZID=America/New_York:20260706T090000\r\nSUMMARY:a']) + '\r\n';
    expect(parseCalendar(text, window('2026-07-01T00:00:00Z', '2026-08-01T00:00:00Z')).meetings[0]?.start).toBe('2026-07-06T13:00:00.000Z');
    const floating = calendar(['UID:b\r\nDTSTART:20260106T090000\r\nSUMMARY:b'], ['X-WR-TIMEZONE:Asia/Tokyo']);
    expect(parseCalendar(floating, window('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')).meetings[0]?.start).toBe('2026-01-06T00:00:00.000Z');
  });
});

describe('parseCalendar: hostile input', () => {
  const wide = window('2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z');

  it('malformed ICS is unread with the parser’s message, bounded', () => {
    const read = parseCalendar('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:never closed\r\n', wide);
    expect(read).toMatchObject({ status: 'unread', why: 'not a readable iCalendar feed: invalid ical body. component began but did not end', meetings: [], empty: false });
    const html = parseCalendar(`<html>${'x'.repeat(10_000)}</html>`, wide);
    expect(html.status).toBe('unread');
    expect(html.why?.length).toBeLessThanOrEqual(250);
    expect(parseCalendar('', wide)).toMatchObject({ status: 'unread', why: 'not an iCalendar feed: no VCALENDAR in it (an empty answer)' });
    expect(parseCalendar('BEGIN:VCARD\r\nVERSION:4.0\r\nEND:VCARD\r\n', wide)).toMatchObject({ status: 'unread', why: 'not an iCalendar feed: no VCALENDAR in it' });
  });

  it('an event it cannot read is skipped and named: partial', () => {
    const read = parseCalendar(calendar(['UID:good\r\nDTSTART:20260301T100000Z\r\nSUMMARY:ok', 'UID:bad\r\nDTSTART:2026-03-02 nonsense\r\nSUMMARY:bad']), wide);
    expect(read.status).toBe('partial');
    expect(read.why).toMatch(/^1 event could not be read \(bad: /);
    expect(read.fix).toBe('correct or delete these events in the calendar');
    expect(read.meetings.map((m) => m.uid)).toEqual(['good']);
  });

  it('100,000 events: the first 5,000 are read, the feed is partial', () => {
    const events: string[] = [];
    for (let i = 0; i < 100_000; i += 1) events.push(`UID:e${i}\r\nDTSTART:2026${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}T100000Z\r\nSUMMARY:e${i}`);
    const read = parseCalendar(calendar(events), wide);
    expect(read.status).toBe('partial');
    expect(read.events).toBe(5000);
    expect(read.why).toBe('more than 5000 events in the feed: the first 5000 were read');
    expect(read.meetings.length).toBeGreaterThan(0);
    expect(read.meetings.length).toBeLessThanOrEqual(5000);
  });

  it('an event in year 9999 (or a series starting there) is outside any window; one in year 1 too', () => {
    const read = parseCalendar(
      calendar([
        'UID:far\r\nDTSTART;TZID=Europe/Berlin:99991231T100000\r\nSUMMARY:far',
        'UID:far-series\r\nDTSTART:99990101T100000Z\r\nRRULE:FREQ=DAILY\r\nSUMMARY:far series',
        'UID:ancient\r\nDTSTART:00010101T100000Z\r\nSUMMARY:ancient',
        'UID:created-far\r\nDTSTART:20260601T100000Z\r\nCREATED:99991231T235959Z\r\nSUMMARY:now',
      ], ['BEGIN:VTIMEZONE', 'TZID:Europe/Berlin', 'BEGIN:STANDARD', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'DTSTART:19701025T030000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD', 'END:VTIMEZONE']),
      wide,
    );
    expect(read.status).toBe('read');
    expect(read.meetings).toEqual([{ uid: 'created-far', title: 'now', start: '2026-06-01T10:00:00.000Z', created: '9999-12-31T23:59:59.000Z', cancelled: false }]);
  });

  it('a series repeating every second since year 1 is followed a bounded number of steps: partial', () => {
    const read = parseCalendar(calendar(['UID:storm\r\nDTSTART:00010101T000000Z\r\nRRULE:FREQ=SECONDLY\r\nSUMMARY:storm', 'UID:ok\r\nDTSTART:20260301T100000Z\r\nSUMMARY:ok']), wide);
    expect(read.status).toBe('partial');
    expect(read.why).toBe("the recurring event storm was followed for 5000 occurrences, not to the window's end");
    expect(read.meetings.map((m) => m.uid)).toEqual(['ok']);
  });

  it('a VTIMEZONE whose rules are not yearly is dropped (ical.js would expand it for ever); its TZID read as the IANA zone', () => {
    const hostileZone = ['BEGIN:VTIMEZONE', 'TZID:Europe/Paris', 'BEGIN:STANDARD', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0900', 'DTSTART:19700101T000000', 'RRULE:FREQ=SECONDLY', 'END:STANDARD', 'END:VTIMEZONE'];
    const read = parseCalendar(calendar(['UID:p\r\nDTSTART;TZID=Europe/Paris:20260601T100000\r\nSUMMARY:p'], hostileZone), wide);
    expect(read.meetings.map((m) => m.start)).toEqual(['2026-06-01T08:00:00.000Z']);
  });

  it('an event too long or with too many RDATEs for bounded date arithmetic is skipped and named', () => {
    const rdates = Array.from({ length: 2000 }, (_, i) => `2026${String((i % 12) + 1).padStart(2, '0')}01T10${String(i % 60).padStart(2, '0')}00Z`).join(',');
    const read = parseCalendar(
      calendar(['UID:long\r\nDTSTART:20260601T100000Z\r\nDURATION:P99999999W', `UID:many\r\nDTSTART:20260101T100000Z\r\nRDATE:${rdates}`, 'UID:far-end\r\nDTSTART:20260601T100000Z\r\nDTEND:99991231T100000Z', 'UID:fine\r\nDTSTART:20260601T100000Z\r\nDURATION:PT1H']),
      wide,
    );
    expect(read.status).toBe('partial');
    expect(read.why).toBe('3 events could not be read (long: lasts more than 400 days; many: more than 1000 RDATE values; far-end: lasts more than 400 days)');
    expect(read.meetings).toEqual([{ uid: 'fine', title: '(untitled)', start: '2026-06-01T10:00:00.000Z', end: '2026-06-01T11:00:00.000Z', cancelled: false }]);
  });

  it('titles lose control characters and bidi overrides, and are at most 300 characters', () => {
    const read = parseCalendar(calendar([`UID:t\r\nDTSTART:20260601T100000Z\r\nSUMMARY:a\\nb\u0007c\u202Ed ${'x'.repeat(5000)}\r\nURL:javascript:alert(1)`]), wide);
    const title = read.meetings[0]?.title ?? '';
    expect(title.startsWith('a b c d xxx')).toBe(true);
    expect(Array.from(title)).toHaveLength(300);
    expect(title.endsWith('…')).toBe(true);
    expect(read.meetings[0]?.url).toBeUndefined();
  });
});
