/**
 * The App's webhook deliveries as GitHub lists them (`GET /app/hook/deliveries`: one entry per
 * attempt, newest first), read from an answer that is not trusted: every field checked and
 * bounded, a malformed entry set aside with a diagnostic, never a crash. Pure.
 */

/** One attempt to deliver a webhook event to the App, as listed. */
export interface DeliveryAttempt {
  /** The attempt's id (`delivery_id` of the REST API): what a redelivery names. */
  id: number;
  /** The delivery's id (`X-GitHub-Delivery`), shared by all its attempts. */
  guid: string;
  /** When GitHub attempted it, ISO 8601 (as GitHub wrote it). */
  delivered_at: string;
  /** True for an attempt asked for after the first one (through the API or by a person on GitHub). */
  redelivery: boolean;
  /** The HTTP status the server answered; 0 when nothing answered (refused, timed out). */
  status_code: number;
  /** GitHub's words for the outcome (`OK`, `Invalid HTTP Response: 503`), at most 200 characters. */
  status: string;
  /** The event (`issues`) and its action (`opened`; null when the event has none). */
  event: string;
  action: string | null;
}

/** What one page of the listing yields. */
export interface DeliveryPage {
  attempts: DeliveryAttempt[];
  /** Deliveries (guids) with an entry that could not be read: their outcome is unknown, so they are never redelivered. */
  unclear: string[];
  /** One line per entry set aside (at most `MAX_PROBLEMS` per page), e.g. `entry 3: delivered_at is not a date`. */
  problems: string[];
  /** Entries set aside, all of them counted. */
  malformed: number;
}

/** Diagnostics kept per page; the count says how many there were. */
export const MAX_PROBLEMS = 5;

/** The longest guid, event, action and status text accepted (GitHub's are far shorter). */
const MAX_NAME = 100;
const MAX_STATUS = 200;
const NAME = /^[A-Za-z0-9_.:-]+$/;
/** An instant as GitHub writes one: `2021-05-12T20:33:44Z` (fractions and an offset allowed). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads one page of `GET /app/hook/deliveries` (`body`: the parsed JSON GitHub answered).
 *
 * Rules: an entry needs an `id` (a positive safe integer), a `guid` and an `event` (1–100 of
 * `A-Z a-z 0-9 _ . : -`), a `delivered_at` that is an ISO 8601 instant, a boolean `redelivery`;
 * `status_code` is an integer 0–999, null or absent meaning 0 (no answer); `action` is such a name
 * or null; `status` is cut to 200 characters. An entry that breaks a rule is set aside; when its guid is readable,
 * that delivery is `unclear`.
 *
 * @throws TypeError when `body` is not a list (the page cannot be read at all)
 */
export function readDeliveryPage(body: unknown): DeliveryPage {
  if (!Array.isArray(body)) throw new TypeError(`GitHub's answer is not a list of deliveries (${body === null ? 'null' : typeof body})`);
  const page: DeliveryPage = { attempts: [], unclear: [], problems: [], malformed: 0 };
  body.forEach((entry: unknown, index) => {
    const read = readAttempt(entry);
    if ('attempt' in read) {
      page.attempts.push(read.attempt);
      return;
    }
    page.malformed += 1;
    if (read.guid !== undefined && !page.unclear.includes(read.guid)) page.unclear.push(read.guid);
    if (page.problems.length < MAX_PROBLEMS) page.problems.push(`entry ${index + 1}${read.guid === undefined ? '' : ` (${read.guid})`}: ${read.problem}`);
  });
  return page;
}

function readAttempt(entry: unknown): { attempt: DeliveryAttempt } | { problem: string; guid?: string } {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return { problem: 'not an object' };
  const e = entry as Record<string, unknown>;
  const guid = isName(e.guid) ? e.guid : undefined;
  const fail = (problem: string) => (guid === undefined ? { problem } : { problem, guid });
  if (guid === undefined) return fail('guid is missing or not a delivery id');
  if (typeof e.id !== 'number' || !Number.isSafeInteger(e.id) || e.id <= 0) return fail('id is not a positive integer');
  if (typeof e.delivered_at !== 'string' || !ISO_INSTANT.test(e.delivered_at) || !Number.isFinite(Date.parse(e.delivered_at))) return fail('delivered_at is not a date');
  if (typeof e.redelivery !== 'boolean') return fail('redelivery is not true or false');
  const code = e.status_code ?? 0;
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 999) return fail('status_code is not an HTTP status');
  if (!isName(e.event)) return fail('event is missing or not an event name');
  if (e.action !== null && e.action !== undefined && !isName(e.action)) return fail('action is not an action name');
  const status = typeof e.status === 'string' ? e.status.slice(0, MAX_STATUS) : '';
  return {
    attempt: {
      id: e.id,
      guid,
      delivered_at: e.delivered_at,
      redelivery: e.redelivery,
      status_code: code,
      status,
      event: e.event,
      action: typeof e.action === 'string' ? e.action : null,
    },
  };
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME && NAME.test(value);
}
