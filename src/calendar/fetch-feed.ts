/**
 * One bounded HTTP GET of an iCalendar feed: conditional when a cached copy has validators
 * (`If-None-Match`, `If-Modified-Since`, RFC 9110 § 13.1), a timeout over the whole exchange, and
 * the body read as a stream and cut past `maxBytes`. Never throws.
 */
import { oneLine } from './meeting-text.js';

/** A cached copy of a feed and its validators. */
export interface CachedFeed {
  etag?: string;
  lastModified?: string;
  text: string;
}

/** The outcome of one GET. */
export type FeedFetch =
  | { kind: 'text'; text: string; etag?: string; lastModified?: string; fromCache: boolean }
  /** The body went past `maxBytes`: `text` is its first `maxBytes` bytes (decoded). */
  | { kind: 'too-large'; text: string }
  | { kind: 'failed'; why: string; fix: string };

export interface FeedFetchOptions {
  fetch: typeof globalThis.fetch;
  cached?: CachedFeed;
  maxBytes: number;
  timeoutMs: number;
}

const HEADER_MAX = 500;

/** A header's value when present and short (a hostile server's 1 MB ETag is not kept). */
function header(response: Response, name: string): string | undefined {
  const text = response.headers.get(name);
  return text !== null && text.length > 0 && text.length <= HEADER_MAX ? text : undefined;
}

/** Why a fetch failed, in a person's words: the timeout, or the innermost network error's code and message. */
function failure(error: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `no complete answer within ${timeoutMs / 1000} s`;
  let cause: unknown = error;
  // fetch wraps the network's error (`TypeError: fetch failed`, cause `connect ECONNREFUSED …`); errors may come from another realm: duck-typed.
  for (let depth = 0; depth < 3 && typeof cause === 'object' && cause !== null && 'cause' in cause && typeof cause.cause === 'object' && cause.cause !== null; depth += 1) cause = cause.cause;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' ? `${cause.code}: ` : '';
  const message = typeof cause === 'object' && cause !== null && 'message' in cause && typeof cause.message === 'string' ? cause.message : String(cause);
  return `the request failed (${oneLine(`${code}${message}`, 200)})`;
}

/**
 * GETs `url` with `Accept: text/calendar` (Meetable answers a browser's `text/html` with a page);
 * a 304 answers the cached text. Failures (network, timeout, a status other than 2xx or 304)
 * are `failed` with why and fix.
 */
export async function fetchFeed(url: string, options: FeedFetchOptions): Promise<FeedFetch> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const headers: Record<string, string> = { accept: 'text/calendar, text/plain;q=0.5, */*;q=0.1' };
  if (options.cached?.etag) headers['if-none-match'] = options.cached.etag;
  if (options.cached?.lastModified) headers['if-modified-since'] = options.cached.lastModified;
  try {
    const response = await options.fetch(url, { headers, signal: controller.signal, redirect: 'follow' });
    if (response.status === 304) {
      await response.body?.cancel().catch(() => undefined);
      if (options.cached) return { kind: 'text', text: options.cached.text, ...validators(options.cached), fromCache: true };
      return { kind: 'failed', why: 'answered 304 Not Modified to a request that was not conditional', fix: 'check the calendar URL' };
    }
    if (response.status < 200 || response.status > 299) {
      await response.body?.cancel().catch(() => undefined);
      const status = `${response.status}${response.statusText ? ` ${oneLine(response.statusText, 60)}` : ''}`;
      const fix = response.status >= 500 || response.status === 429 ? 'the calendar server failed: the next run reads it again' : 'check the calendar URL (or the Meetable tag) in the charter';
      return { kind: 'failed', why: `answered ${status}`, fix };
    }
    const body = await readBounded(response, options.maxBytes);
    if (body.cut) return { kind: 'too-large', text: body.text };
    const etag = header(response, 'etag');
    const lastModified = header(response, 'last-modified');
    return { kind: 'text', text: body.text, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}), fromCache: false };
  } catch (error) {
    return { kind: 'failed', why: failure(error, timedOut, options.timeoutMs), fix: timedOut ? 'the calendar server is slow or unreachable: the next run reads it again' : 'check the calendar URL, or the network: the next run reads it again' };
  } finally {
    clearTimeout(timer);
  }
}

function validators(cached: CachedFeed): { etag?: string; lastModified?: string } {
  return { ...(cached.etag ? { etag: cached.etag } : {}), ...(cached.lastModified ? { lastModified: cached.lastModified } : {}) };
}

/** The body as UTF-8 text, at most `maxBytes` bytes of it; `cut` when there was more. */
async function readBounded(response: Response, maxBytes: number): Promise<{ text: string; cut: boolean }> {
  if (!response.body) return { text: '', cut: false };
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - bytes;
    if (value.byteLength > room) {
      parts.push(decoder.decode(value.subarray(0, room), { stream: true }));
      await reader.cancel().catch(() => undefined);
      return { text: parts.join(''), cut: true };
    }
    bytes += value.byteLength;
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return { text: parts.join(''), cut: false };
}
