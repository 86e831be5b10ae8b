/**
 * The redelivery step in words, for the CLI's text output and the Action's log: what was read,
 * one line per redelivery (guid, event.action, its first failure, when), the deliveries passed
 * over and why, and a total. Pure.
 */
import type { RedeliverySkip, SkippedDelivery } from '../plan/redelivery.js';
import { plural } from '../words.js';
import type { RedeliveryJobResult, RedeliveryOutcome } from './redelivery-job.js';

/** Lines about deliveries passed over, at most; the rest are counted. */
export const MAX_SKIPPED_LINES = 50;

const SKIP_WORDS: Record<RedeliverySkip, string> = {
  'succeeded-later': 'a later attempt succeeded',
  redelivered: 'every attempt failed, a redelivery too: never redelivered twice (see its deliveries in the App\'s settings)',
  unclear: 'an entry of it could not be read',
  'outside-window': 'first attempted before the window',
  'too-recent': 'attempted under a minute ago: GitHub may still be on it, the next run decides',
  'over-cap': 'over this run\'s cap: the next run takes it while it is in the window',
};

/** What was read: `read 340 deliveries (4 pages), every one since …`, or why not all, or not at all. */
export function listingLine(result: RedeliveryJobResult): string {
  const { listing } = result;
  const read = `read ${plural(listing.entries, 'delivery attempt')} (${plural(listing.pages, 'page')})`;
  if (listing.status === 'read') return `webhook deliveries: ${read}, every one since ${result.since}`;
  if (listing.status === 'partial') return `webhook deliveries: ${read}, then ${listing.reason ?? 'stopped'}: older deliveries since ${result.since} were not read, so not judged`;
  return `webhook deliveries not read: ${listing.reason ?? 'unknown reason'}; nothing was redelivered, and failed deliveries may be waiting`;
}

/** One line per planned redelivery: `redelivered 58474f00-… issues.opened: first attempt 2026-…Z answered 502`. */
export function outcomeLine(outcome: RedeliveryOutcome): string {
  const { action } = outcome;
  const what = `${action.guid} ${action.event}: first attempt ${action.first_attempt_at} ${action.first_status === 0 ? 'got no answer' : `answered ${action.first_status}`}`;
  switch (outcome.status) {
    case 'planned':
      return `would redeliver ${what}`;
    case 'sent':
      return `redelivered ${what}`;
    case 'refused':
      return `redelivery refused for ${what} — ${outcome.error ?? ''}`;
    case 'not-sent':
      return `not redelivered ${what} — ${outcome.error ?? ''}`;
  }
}

/** `passed over 9f1c… pull_request.opened (first attempt …): a later attempt succeeded`. */
export function skippedLine(skipped: SkippedDelivery): string {
  return `passed over ${skipped.guid} ${skipped.event}${skipped.first_attempt_at ? ` (first attempt ${skipped.first_attempt_at})` : ''}: ${SKIP_WORDS[skipped.reason]}`;
}

/** Every line of the report, the total last. */
export function redeliveryLines(result: RedeliveryJobResult): string[] {
  const sent = result.outcomes.filter((o) => o.status === 'sent').length;
  const planned = result.outcomes.filter((o) => o.status === 'planned').length;
  const failed = result.outcomes.length - sent - planned;
  const { listing } = result;
  const total = [
    plural(result.deliveries, 'delivery', 'deliveries'),
    `${result.delivered} delivered at the first attempt`,
    result.dryRun ? `${planned} to redeliver (dry run: nothing sent)` : `${sent} redelivered`,
    ...(failed > 0 ? [`${failed} not redelivered (refused or not sent)`] : []),
    `${result.skipped.length} passed over`,
  ].join(', ');
  return [
    listingLine(result),
    ...(listing.malformed > 0 ? [`${plural(listing.malformed, 'entry', 'entries')} of the listing could not be read: ${listing.problems.join('; ')}`] : []),
    ...result.outcomes.map(outcomeLine),
    ...result.skipped.slice(0, MAX_SKIPPED_LINES).map(skippedLine),
    ...(result.skipped.length > MAX_SKIPPED_LINES ? [`… and ${result.skipped.length - MAX_SKIPPED_LINES} more passed over`] : []),
    ...(listing.status === 'unread' ? [] : [total]),
  ];
}
