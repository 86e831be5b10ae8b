import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { DEFAULT_MAX_BYTES, readCalendarFeed, tagFeedUrl } from '../../src/calendar/read-feed.js';
import type { CalendarCache } from '../../src/calendar/read-feed.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/calendar/${name}`, import.meta.url), 'utf8');
const since = new Date('2026-09-08T00:00:00Z');
const until = new Date('2027-01-06T00:00:00Z');

/** A loopback calendar server: each request recorded, answered by the route for its path (404 otherwise). */
type Route = (request: IncomingMessage, response: ServerResponse) => void;
const requests: { path: string; headers: IncomingHttpHeaders }[] = [];
const routes = new Map<string, Route>();
let server: Server;
let base: string;

beforeAll(async () => {
  nock.enableNetConnect('127.0.0.1');
  server = createServer((request, response) => {
    requests.push({ path: request.url ?? '', headers: request.headers });
    const route = routes.get(request.url ?? '');
    if (route) route(request, response);
    else response.writeHead(404, 'Not Found').end('no such page');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  nock.disableNetConnect();
});

beforeEach(() => {
  requests.length = 0;
  routes.clear();
});

/** A Meetable-like route: the feed with validators, 304 when the request's validators match. */
function meetable(path: string, text: string, etag = '"v1"', lastModified = 'Fri, 04 Dec 2026 11:00:00 GMT'): void {
  routes.set(path, (request, response) => {
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag, 'last-modified': lastModified }).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', etag, 'last-modified': lastModified }).end(text);
  });
}

function memoryCache(): CalendarCache & { entries: Map<string, { etag?: string; lastModified?: string; text: string }> } {
  const entries = new Map<string, { etag?: string; lastModified?: string; text: string }>();
  return { entries, get: (url) => entries.get(url), set: (url, entry) => void entries.set(url, entry) };
}

describe('readCalendarFeed over HTTP (the global fetch, as a run uses it)', () => {
  it('reads a Meetable tag feed in one request, then once more conditionally: a 304 answers the cached text', async () => {
    const url = tagFeedUrl(base, 'mcp-apps-wg');
    meetable('/ics/tag/mcp-apps-wg.ics', fixture('meetable-mcp-apps-wg.ics'));
    const cache = memoryCache();

    const first = await readCalendarFeed(url, { since, until, cache });
    expect(first).toMatchObject({ feed: url, status: 'read', from: '2026-09-08T00:00:00.000Z', until: '2027-01-06T00:00:00.000Z', empty: false, requests: 1 });
    expect(first.meetings).toHaveLength(6);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.headers.accept).toMatch(/^text\/calendar/);
    expect(requests[0]?.headers['if-none-match']).toBeUndefined();
    expect(cache.entries.get(url)).toEqual({ etag: '"v1"', lastModified: 'Fri, 04 Dec 2026 11:00:00 GMT', text: fixture('meetable-mcp-apps-wg.ics') });

    const second = await readCalendarFeed(url, { since, until, cache });
    expect(requests).toHaveLength(2);
    expect(requests[1]?.headers).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': 'Fri, 04 Dec 2026 11:00:00 GMT' });
    expect(second).toEqual(first);
  });

  it('reads the feed anew when it changed (a new ETag), and keeps the new copy', async () => {
    const url = `${base}/ics/tag/mcp-apps-wg.ics`;
    const cache = memoryCache();
    cache.set(url, { etag: '"v1"', text: fixture('meetable-mcp-apps-wg.ics') });
    meetable('/ics/tag/mcp-apps-wg.ics', fixture('meetable-mcp-apps-wg-edited.ics'), '"v2"');
    const read = await readCalendarFeed(url, { since, until, cache });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.headers['if-none-match']).toBe('"v1"');
    expect(read.meetings.at(-1)).toMatchObject({ url: 'https://meet.modelcontextprotocol.io/2026/12/mcp-apps-wg-meeting-Xk3bQ9', start: '2026-12-15T18:00:00.000Z' });
    expect(cache.get(url)?.etag).toBe('"v2"');
  });

  it('a tag that never had an event: read, empty (Meetable answers 200)', async () => {
    meetable('/ics/tag/mcp-aps-wg.ics', fixture('meetable-empty-tag.ics'));
    expect(await readCalendarFeed(tagFeedUrl(`${base}/`, 'mcp-aps-wg'), { since, until })).toMatchObject({ status: 'read', meetings: [], empty: true, requests: 1 });
  });

  it('a status other than 2xx or 304 is unread with the status; nothing is cached', async () => {
    const cache = memoryCache();
    const missing = await readCalendarFeed(`${base}/ics/tag/nope.ics`, { since, until, cache });
    expect(missing).toEqual({ feed: `${base}/ics/tag/nope.ics`, status: 'unread', why: 'answered 404 Not Found', fix: 'check the calendar URL (or the Meetable tag) in the charter', from: since.toISOString(), until: until.toISOString(), meetings: [], empty: false, requests: 1 });
    routes.set('/down.ics', (_request, response) => void response.writeHead(503, 'Service Unavailable').end());
    expect(await readCalendarFeed(`${base}/down.ics`, { since, until, cache })).toMatchObject({ status: 'unread', why: 'answered 503 Service Unavailable', fix: 'the calendar server failed: the next run reads it again' });
    expect(cache.entries.size).toBe(0);
    expect(requests).toHaveLength(2);
  });

  it('a 304 to a request that was not conditional is unread', async () => {
    routes.set('/odd.ics', (_request, response) => void response.writeHead(304).end());
    expect(await readCalendarFeed(`${base}/odd.ics`, { since, until })).toMatchObject({ status: 'unread', why: 'answered 304 Not Modified to a request that was not conditional' });
  });

  it('no answer within the timeout is unread', async () => {
    routes.set('/slow.ics', (_request, response) => void response.writeHead(200, { 'content-type': 'text/calendar' }).write('BEGIN:VCALENDAR\r\n'));
    const read = await readCalendarFeed(`${base}/slow.ics`, { since, until, timeoutMs: 200 });
    expect(read).toMatchObject({ status: 'unread', why: 'no complete answer within 0.2 s', fix: 'the calendar server is slow or unreachable: the next run reads it again', meetings: [], requests: 1 });
  });

  it('a host nothing answers on is unread with the network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const read = await readCalendarFeed(`http://127.0.0.1:${port}/x.ics`, { since, until });
    expect(read.status).toBe('unread');
    expect(read.why).toMatch(/^the request failed \(ECONNREFUSED: /);
  });

  it('a malformed feed is unread with the parser’s message', async () => {
    routes.set('/bad.ics', (_request, response) => void response.writeHead(200).end('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261201T100000Z\r\n'));
    expect(await readCalendarFeed(`${base}/bad.ics`, { since, until })).toMatchObject({ status: 'unread', why: 'not a readable iCalendar feed: invalid ical body. component began but did not end' });
  });

  it('a URL that is not http(s) is unread without a request', async () => {
    expect(await readCalendarFeed('file:///etc/passwd', { since, until })).toMatchObject({ status: 'unread', why: 'not an http(s) URL', requests: 0 });
    expect(requests).toHaveLength(0);
  });

  it('a 50 MB feed: the reading stops at maxBytes and the events before it are read, partial', async () => {
    const event = (i: number) =>
      `BEGIN:VEVENT\r\nUID:e${i}@meet.example\r\nDTSTART:202612${String((i % 28) + 1).padStart(2, '0')}T170000Z\r\nURL:https://meet.example/2026/12/e${i}\r\nSUMMARY:Meeting ${i} ${'x'.repeat(1200)}\r\nEND:VEVENT\r\n`;
    const total = 50 * 1024 * 1024;
    let sent = 0;
    let closed: (sentBytes: number) => void = () => undefined;
    const sentWhenClosed = new Promise<number>((resolve) => (closed = resolve));
    routes.set('/huge.ics', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/calendar' });
      response.on('close', () => closed(sent));
      let i = 0;
      const pump = (): void => {
        while (sent < total && !response.destroyed) {
          let chunk = i === 0 ? 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:huge\r\n' : '';
          for (let k = 0; k < 100; k += 1) chunk += event((i += 1));
          sent += Buffer.byteLength(chunk);
          if (!response.write(chunk)) {
            response.once('drain', pump);
            return;
          }
        }
        if (!response.destroyed) response.end('END:VCALENDAR\r\n');
      };
      pump();
    });
    const read = await readCalendarFeed(`${base}/huge.ics`, { since, until });
    expect(read.status).toBe('partial');
    expect(read.why).toMatch(new RegExp(`^feed larger than ${DEFAULT_MAX_BYTES} bytes: the \\d+ events in its first ${DEFAULT_MAX_BYTES} bytes were read$`));
    expect(read.meetings.length).toBeGreaterThan(1000);
    // The client hung up long before the end: the server had written at most a few MB more than it read.
    expect(await sentWhenClosed).toBeLessThan(total / 2);
    expect(requests).toHaveLength(1);
  });

  it('a feed past maxBytes with no complete event in it is unread', async () => {
    routes.set('/line.ics', (_request, response) => void response.writeHead(200).end(`BEGIN:VCALENDAR\r\nX-JUNK:${'y'.repeat(5000)}\r\nEND:VCALENDAR\r\n`));
    expect(await readCalendarFeed(`${base}/line.ics`, { since, until, maxBytes: 1000 })).toMatchObject({ status: 'unread', why: 'feed larger than 1000 bytes, and no event complete in its first 1000 bytes' });
  });
});

describe('tagFeedUrl', () => {
  it('is Meetable’s /ics/tag/<tag>.ics on the base', () => {
    expect(tagFeedUrl('https://meet.modelcontextprotocol.io', 'auth-ig')).toBe('https://meet.modelcontextprotocol.io/ics/tag/auth-ig.ics');
    expect(tagFeedUrl('https://meet.example.org/', 'a b/c')).toBe('https://meet.example.org/ics/tag/a%20b%2Fc.ics');
  });
});
