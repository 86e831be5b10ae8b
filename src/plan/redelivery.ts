/**
 * Which of the App's webhook deliveries to redeliver: the recovery GitHub documents for deliveries
 * a server missed (down, a 5xx, no answer within 10 s) — "Automatically redelivering failed
 * deliveries for a GitHub App webhook" — at most once each and never one that succeeded. Pure:
 * the attempts listed and an instant in, redeliveries (plan actions) and what was passed over out.
 */
import type { PlanAction } from './actions.js';
import type { DeliveryAttempt } from './webhook-deliveries.js';

const HOUR_MS = 3_600_000;

/** GitHub keeps an App's deliveries for 3 days: none older can be listed or redelivered. */
export const DELIVERY_RETENTION_MS = 72 * HOUR_MS;

/** The defaults of a run: the last 24 hours, at most 50 redeliveries, attempts settled for a minute. */
export const REDELIVERY_DEFAULTS = { windowMs: 24 * HOUR_MS, max: 50, settleMs: 60_000 } as const;

export type RedeliverWebhook = Extract<PlanAction, { kind: 'redeliver-webhook' }>;

/** Why a delivery with a failed attempt is not redelivered. */
export type RedeliverySkip =
  /** An attempt succeeded after a failed one (a redelivery by a person, or by an earlier run). */
  | 'succeeded-later'
  /** Every attempt failed, and one was already a redelivery: at most once each (a person decides). */
  | 'redelivered'
  /** An entry of the delivery could not be read: its outcome is not known. */
  | 'unclear'
  /** First attempted before the window. */
  | 'outside-window'
  /** Its newest attempt is under `settleMs` old (or dated after `now`): GitHub may still be on it. */
  | 'too-recent'
  /** Failed and eligible, but past the cap of this run: the next run takes it (while in the window). */
  | 'over-cap';

export interface SkippedDelivery {
  guid: string;
  /** `issues.opened`, the event alone when it has no action, `unknown` when no entry was readable. */
  event: string;
  reason: RedeliverySkip;
  /** The delivery's first attempt, ISO 8601 (absent: no entry readable). */
  first_attempt_at?: string;
  attempts: number;
}

export interface RedeliveryPlanInput {
  /** Every attempt listed (any order; attempts of one delivery share its guid). */
  attempts: readonly DeliveryAttempt[];
  /** Guids with an attempt the listing could not read (`readDeliveryPage`). */
  unclear?: readonly string[];
  /** The run's instant. */
  now: Date;
  /** How far back a delivery's first attempt may be, in ms (default 24 h; at most `DELIVERY_RETENTION_MS` is useful). */
  windowMs?: number;
  /** Redeliveries per run, at most (default 50). */
  max?: number;
  /** How old a delivery's newest attempt must be before it is judged, in ms (default 60 s). */
  settleMs?: number;
}

export interface RedeliveryPlan {
  /** The redeliveries, oldest delivery first (the order the events happened in). */
  plan: RedeliverWebhook[];
  /** Every delivery with a failed attempt that is not redelivered, and why; oldest first. */
  skipped: SkippedDelivery[];
  /** Deliveries (guids) seen. */
  deliveries: number;
  /** Of them, delivered at the first attempt (not listed). */
  delivered: number;
  /** The window's start, ISO 8601. */
  since: string;
}

/**
 * Plans the redeliveries of one run.
 *
 * Attempts are grouped by guid. An attempt failed when its `status_code` is not 2xx (0: nothing
 * answered). For each delivery, in this order:
 * 1. an attempt succeeded → nothing (listed `succeeded-later` when one had failed);
 * 2. an entry of it could not be read → `unclear`;
 * 3. an attempt was a redelivery (every attempt failed) → `redelivered`: never twice;
 * 4. first attempted before `now − windowMs` → `outside-window`;
 * 5. newest attempt less than `settleMs` before `now`, or after it → `too-recent`;
 * 6. else it is redelivered: one action naming its newest failed attempt — the first `max`
 *    deliveries by first attempt (then guid), the rest `over-cap`.
 */
export function planRedelivery(input: RedeliveryPlanInput): RedeliveryPlan {
  const windowMs = input.windowMs ?? REDELIVERY_DEFAULTS.windowMs;
  const max = Math.max(0, Math.floor(input.max ?? REDELIVERY_DEFAULTS.max));
  const settleMs = input.settleMs ?? REDELIVERY_DEFAULTS.settleMs;
  const now = input.now.getTime();
  const since = now - windowMs;
  const unclear = new Set(input.unclear ?? []);

  const byGuid = new Map<string, DeliveryAttempt[]>();
  for (const attempt of input.attempts) byGuid.set(attempt.guid, [...(byGuid.get(attempt.guid) ?? []), attempt]);
  for (const guid of unclear) if (!byGuid.has(guid)) byGuid.set(guid, []);

  const skipped: SkippedDelivery[] = [];
  const eligible: { first: DeliveryAttempt; newestFailed: DeliveryAttempt; attempts: number }[] = [];
  let delivered = 0;
  for (const [guid, attempts] of byGuid) {
    const ordered = [...attempts].sort((a, b) => Date.parse(a.delivered_at) - Date.parse(b.delivered_at) || a.id - b.id);
    const first = ordered[0];
    const newest = ordered[ordered.length - 1];
    const skip = (reason: RedeliverySkip) => skipped.push({ guid, event: first ? eventName(first) : 'unknown', reason, ...(first ? { first_attempt_at: first.delivered_at } : {}), attempts: ordered.length });
    const failed = ordered.filter((a) => !succeeded(a));
    if (failed.length < ordered.length) {
      if (failed.length === 0) delivered += 1;
      else skip('succeeded-later');
      continue;
    }
    if (!first || !newest || unclear.has(guid)) skip('unclear');
    else if (ordered.some((a) => a.redelivery)) skip('redelivered');
    else if (Date.parse(first.delivered_at) < since) skip('outside-window');
    else if (now - Date.parse(newest.delivered_at) < settleMs) skip('too-recent');
    else eligible.push({ first, newestFailed: newest, attempts: ordered.length });
  }

  eligible.sort((a, b) => Date.parse(a.first.delivered_at) - Date.parse(b.first.delivered_at) || (a.first.guid < b.first.guid ? -1 : a.first.guid > b.first.guid ? 1 : 0));
  const plan = eligible.slice(0, max).map(({ first, newestFailed, attempts }): RedeliverWebhook => ({
    kind: 'redeliver-webhook',
    delivery_id: newestFailed.id,
    guid: first.guid,
    event: eventName(first),
    first_attempt_at: first.delivered_at,
    first_status: first.status_code,
    why: `${attempts === 1 ? 'its attempt' : `all ${attempts} attempts`} failed, and it was never redelivered`,
  }));
  for (const { first, attempts } of eligible.slice(max)) skipped.push({ guid: first.guid, event: eventName(first), reason: 'over-cap', first_attempt_at: first.delivered_at, attempts });
  skipped.sort((a, b) => instant(a.first_attempt_at) - instant(b.first_attempt_at) || (a.guid < b.guid ? -1 : a.guid > b.guid ? 1 : 0));
  return { plan, skipped, deliveries: byGuid.size, delivered, since: new Date(since).toISOString() };
}

/** ms since the epoch; an absent instant sorts first. */
function instant(iso: string | undefined): number {
  return iso === undefined ? -Infinity : Date.parse(iso);
}

/** 2xx: the server took the delivery. */
function succeeded(attempt: DeliveryAttempt): boolean {
  return attempt.status_code >= 200 && attempt.status_code < 300;
}

/** `issues.opened`, or `push`. */
export function eventName(attempt: Pick<DeliveryAttempt, 'event' | 'action'>): string {
  return attempt.action ? `${attempt.event}.${attempt.action}` : attempt.event;
}
