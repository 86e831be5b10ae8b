/**
 * The redelivery of failed webhook deliveries, a step of the scheduled job and `group-steward
 * redeliver`: 1. list the App's deliveries of the window (its JWT), 2. plan (`planRedelivery`:
 * every attempt failed, never redelivered, within the window and the cap), 3. send each planned
 * redelivery through the executor — or, in a dry run, send nothing. The same plan either way.
 */
import { applyPlan } from '../github/apply-plan.js';
import type { GitHub } from '../github/client.js';
import { networkFailureMessage } from '../github/network-errors.js';
import { listWebhookDeliveries } from '../github/webhook-deliveries.js';
import type { DeliveryListing } from '../github/webhook-deliveries.js';
import { planRedelivery, REDELIVERY_DEFAULTS } from '../plan/redelivery.js';
import type { RedeliverWebhook, SkippedDelivery } from '../plan/redelivery.js';

export interface RedeliveryJobInput {
  /** The App's own Octokit (`createAppJwtClient`), not an installation's. */
  gh: GitHub;
  /** The run's instant (read once by the caller). */
  now: Date;
  /** The window, in ms (default 24 h). */
  windowMs?: number;
  /** Redeliveries per run, at most (default 50). */
  max?: number;
  /** Pages of 100 listed, at most (default 20). */
  maxPages?: number;
  dryRun: boolean;
}

/** What became of one planned redelivery. */
export interface RedeliveryOutcome {
  action: RedeliverWebhook;
  /** planned: a dry run; sent: GitHub accepted it; refused: GitHub answered an error; not-sent: an earlier error stopped the run. */
  status: 'planned' | 'sent' | 'refused' | 'not-sent';
  /** GitHub's answer (refused), or why it was not sent. */
  error?: string;
}

export interface RedeliveryJobResult {
  now: Date;
  /** The window's start, ISO 8601. */
  since: string;
  dryRun: boolean;
  /** How much of the listing was read (`attempts` and `unclear` left out; `entries`: attempts read). */
  listing: Omit<DeliveryListing, 'attempts' | 'unclear'> & { entries: number };
  /** Deliveries (guids) seen, and of them delivered at the first attempt. */
  deliveries: number;
  delivered: number;
  /** The plan, oldest delivery first, and what became of each action. */
  outcomes: RedeliveryOutcome[];
  /** Deliveries with a failed attempt passed over, and why. */
  skipped: SkippedDelivery[];
}

/** Statuses that concern one delivery only (gone, not redeliverable): the run goes on after them. */
const ONE_DELIVERY_ERRORS: ReadonlySet<number> = new Set([400, 404, 410, 422]);

/**
 * Runs the step once. A listing that could not be read plans nothing and is reported `unread`;
 * a partial one plans from what was read (newest first: every later attempt of a delivery read is
 * read too). A redelivery GitHub refuses for that delivery (400, 404, 410, 422) is reported and the
 * run goes on; any other error (401, 403, 5xx after retries, no answer) stops the sending, the
 * rest reported `not-sent` — the next run plans them again.
 *
 * Never throws for GitHub's answers.
 */
export async function runRedeliveryJob(input: RedeliveryJobInput): Promise<RedeliveryJobResult> {
  const windowMs = input.windowMs ?? REDELIVERY_DEFAULTS.windowMs;
  const since = new Date(input.now.getTime() - windowMs);
  const { attempts, unclear, ...coverage } = await listWebhookDeliveries(input.gh, { since, ...(input.maxPages !== undefined ? { maxPages: input.maxPages } : {}) });
  const planned = planRedelivery({
    attempts: coverage.status === 'unread' ? [] : attempts,
    unclear,
    now: input.now,
    windowMs,
    ...(input.max !== undefined ? { max: input.max } : {}),
  });
  const outcomes: RedeliveryOutcome[] = [];
  let stopped: string | undefined;
  for (const action of planned.plan) {
    if (input.dryRun) outcomes.push({ action, status: 'planned' });
    else if (stopped !== undefined) outcomes.push({ action, status: 'not-sent', error: stopped });
    else {
      try {
        await applyPlan(input.gh, [action]);
        outcomes.push({ action, status: 'sent' });
      } catch (error) {
        const status = (error as { status?: unknown } | null)?.status;
        const message = describeFailure(error);
        outcomes.push({ action, status: 'refused', error: message });
        if (typeof status !== 'number' || !ONE_DELIVERY_ERRORS.has(status)) stopped = `not sent after an earlier refusal (${message})`;
      }
    }
  }
  return {
    now: input.now,
    since: planned.since,
    dryRun: input.dryRun,
    listing: { ...coverage, entries: attempts.length },
    deliveries: planned.deliveries,
    delivered: planned.delivered,
    outcomes,
    skipped: planned.skipped,
  };
}

/** `GitHub answered 422: …`, or the error's first line, at most 300 characters. */
function describeFailure(error: unknown): string {
  const unreachable = networkFailureMessage(error);
  if (unreachable) return unreachable;
  const e = error as { status?: unknown; message?: unknown } | null;
  const message = (typeof e?.message === 'string' ? (e.message.split('\n')[0] ?? '') : String(error)).slice(0, 300);
  return typeof e?.status === 'number' ? `GitHub answered ${e.status}: ${message}` : message;
}
