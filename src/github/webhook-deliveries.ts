/**
 * Reads the App's recent webhook deliveries (`GET /app/hook/deliveries`, with the App's JWT:
 * `createAppJwtClient`), newest first, page by page through GitHub's `cursor` (the `next` link),
 * until the window is passed or the page cap is hit — and says honestly how much was read: a
 * listing cut short is `partial`, one that failed at once `unread`, never "nothing failed".
 */
import { readDeliveryPage } from '../plan/webhook-deliveries.js';
import type { DeliveryAttempt } from '../plan/webhook-deliveries.js';
import type { GitHub } from './client.js';
import { plural } from '../words.js';
import { networkFailureMessage } from './network-errors.js';

/** Entries per page: GitHub's most. */
export const DELIVERIES_PER_PAGE = 100;
/** Pages per run, by default: 2,000 attempts. */
export const DEFAULT_MAX_PAGES = 20;
/** Diagnostics kept for the whole listing. */
const MAX_PROBLEMS = 10;

export interface DeliveryListing {
  /** Every attempt read, newest first as listed. */
  attempts: DeliveryAttempt[];
  /** Deliveries with an entry that could not be read (never redelivered). */
  unclear: string[];
  /** read: every attempt since `since`; partial: only the newest (see `reason`); unread: none. */
  status: 'read' | 'partial' | 'unread';
  /** Why not everything was read, e.g. `stopped at the page cap (20 pages)`. */
  reason?: string;
  /** Pages read. */
  pages: number;
  /** Entries set aside as malformed, and up to 10 diagnostics about them. */
  malformed: number;
  problems: string[];
}

/**
 * Lists the deliveries since `since` (and the rest of the page that passes it).
 *
 * Never throws: GitHub refusing or not answering (after the client's retries), or an answer that
 * is not a list, ends the listing with `unread` (first page) or `partial` (a later one) and the
 * reason. A page whose oldest entry is older than `since`, an empty page or no `next` link ends it
 * `read`; `maxPages` pages with a `next` link still to follow end it `partial`.
 *
 * @param gh the App's own Octokit (its JWT), not an installation's
 */
export async function listWebhookDeliveries(gh: GitHub, options: { since: Date; maxPages?: number }): Promise<DeliveryListing> {
  const maxPages = Math.max(1, Math.floor(options.maxPages ?? DEFAULT_MAX_PAGES));
  const since = options.since.getTime();
  const listing: DeliveryListing = { attempts: [], unclear: [], status: 'read', pages: 0, malformed: 0, problems: [] };
  const stop = (reason: string) => Object.assign(listing, { status: listing.pages === 0 ? 'unread' : 'partial', reason });
  let cursor: string | undefined;
  for (;;) {
    let body: unknown;
    let link: string | undefined;
    try {
      const response = await gh.request('GET /app/hook/deliveries', { per_page: DELIVERIES_PER_PAGE, ...(cursor !== undefined ? { cursor } : {}) });
      body = response.data;
      link = typeof response.headers.link === 'string' ? response.headers.link : undefined;
    } catch (error) {
      return stop(requestFailure(error, listing.pages + 1));
    }
    let page;
    try {
      page = readDeliveryPage(body);
    } catch (error) {
      return stop(`page ${listing.pages + 1}: ${(error as Error).message}`);
    }
    // More than was asked for is not GitHub's answer: the page is not read.
    if (page.attempts.length + page.malformed > DELIVERIES_PER_PAGE) return stop(`page ${listing.pages + 1} holds more than the ${DELIVERIES_PER_PAGE} entries asked for`);
    listing.pages += 1;
    listing.attempts.push(...page.attempts);
    listing.malformed += page.malformed;
    for (const guid of page.unclear) if (!listing.unclear.includes(guid)) listing.unclear.push(guid);
    for (const problem of page.problems) if (listing.problems.length < MAX_PROBLEMS) listing.problems.push(`page ${listing.pages}, ${problem}`);

    const oldest = Math.min(...page.attempts.map((a) => Date.parse(a.delivered_at)));
    if (page.attempts.length + page.malformed === 0 || oldest < since) return listing;
    const next = nextCursor(link);
    if (next === null) return listing;
    if (next === undefined) return stop(`page ${listing.pages}'s next link has no usable cursor`);
    if (listing.pages >= maxPages) return stop(`stopped at the page cap (${plural(maxPages, 'page')} of ${DELIVERIES_PER_PAGE})`);
    cursor = next;
  }
}

/**
 * The `cursor` of the `rel="next"` link of a `link` header: null when there is no next page,
 * undefined when the link is there but its cursor is missing or implausible (over 500 characters).
 */
export function nextCursor(link: string | undefined): string | null | undefined {
  if (link === undefined || link.length > 10_000) return null;
  const next = link.split(',').find((part) => /;\s*rel="?next"?/.test(part));
  if (next === undefined) return null;
  const url = /<([^>]*)>/.exec(next)?.[1];
  if (url === undefined) return undefined;
  try {
    const cursor = new URL(url, 'https://api.github.com').searchParams.get('cursor');
    return cursor !== null && cursor !== '' && cursor.length <= 500 ? cursor : undefined;
  } catch {
    return undefined;
  }
}

/** `GitHub answered 401 to page 1: A JSON web token could not be decoded`, or that nothing answered. */
function requestFailure(error: unknown, page: number): string {
  const unreachable = networkFailureMessage(error);
  if (unreachable) return unreachable;
  const e = error as { status?: unknown; message?: unknown } | null;
  const message = typeof e?.message === 'string' ? (e.message.split('\n')[0] ?? '').slice(0, 300) : String(error).slice(0, 300);
  if (typeof e?.status === 'number') return `GitHub answered ${e.status} to page ${page} of GET /app/hook/deliveries: ${message}`;
  return `page ${page} of GET /app/hook/deliveries failed: ${message}`;
}
