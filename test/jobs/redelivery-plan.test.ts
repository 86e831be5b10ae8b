/**
 * The redelivery planner (src/plan/redelivery.ts) and the listing's reader
 * (src/plan/webhook-deliveries.ts, src/github/webhook-deliveries.ts `nextCursor`): pure, plain
 * data and an instant, no HTTP.
 */
import { describe, expect, it } from '@jest/globals';
import { nextCursor } from '../../src/github/webhook-deliveries.js';
import { describeAction } from '../../src/plan/actions.js';
import { planRedelivery } from '../../src/plan/redelivery.js';
import { MAX_PROBLEMS, readDeliveryPage } from '../../src/plan/webhook-deliveries.js';
import type { DeliveryAttempt } from '../../src/plan/webhook-deliveries.js';

const NOW = new Date('2026-11-22T12:00:00Z');
const HOUR = 3_600_000;
/** `h` hours before NOW, ISO 8601 as GitHub writes it. */
const ago = (h: number) => new Date(NOW.getTime() - h * HOUR).toISOString().replace('.000Z', 'Z');

let nextId = 100;
function attempt(guid: string, hoursAgo: number, status_code: number, extra: Partial<DeliveryAttempt> = {}): DeliveryAttempt {
  nextId += 1;
  return { id: nextId, guid, delivered_at: ago(hoursAgo), redelivery: false, status_code, status: status_code === 200 ? 'OK' : 'failed', event: 'issues', action: 'opened', ...extra };
}

describe('planRedelivery', () => {
  it('redelivers every delivery whose every attempt failed, once, oldest first; never one that succeeded', () => {
    const ok = attempt('ok', 5, 200);
    const bad = attempt('bad', 3, 502, { event: 'issue_comment', action: 'created' });
    const silent = attempt('silent', 4, 0, { event: 'push', action: null });
    const { plan, skipped, deliveries, delivered, since } = planRedelivery({ attempts: [bad, ok, silent], now: NOW });
    expect(plan).toEqual([
      { kind: 'redeliver-webhook', delivery_id: silent.id, guid: 'silent', event: 'push', first_attempt_at: silent.delivered_at, first_status: 0, why: 'its attempt failed, and it was never redelivered' },
      { kind: 'redeliver-webhook', delivery_id: bad.id, guid: 'bad', event: 'issue_comment.created', first_attempt_at: bad.delivered_at, first_status: 502, why: 'its attempt failed, and it was never redelivered' },
    ]);
    expect({ skipped, deliveries, delivered, since }).toEqual({ skipped: [], deliveries: 3, delivered: 1, since: '2026-11-21T12:00:00.000Z' });
    expect(plan.map(describeAction)).toEqual([
      `redeliver webhook delivery silent (push, first attempted ${silent.delivered_at}: no answer) — its attempt failed, and it was never redelivered`,
      `redeliver webhook delivery bad (issue_comment.created, first attempted ${bad.delivered_at}: HTTP 502) — its attempt failed, and it was never redelivered`,
    ]);
  });

  it('passes over a delivery that succeeded later, one already redelivered, one outside the window, one too recent, one unclear', () => {
    const attempts = [
      attempt('later-ok', 6, 503),
      attempt('later-ok', 5, 200, { redelivery: true }),
      attempt('twice-failed', 8, 500),
      attempt('twice-failed', 7, 500, { redelivery: true }),
      attempt('old', 30, 502),
      attempt('fresh', 0.005, 502),
      attempt('unreadable', 2, 502),
      attempt('in-future', -1, 502),
    ];
    const { plan, skipped } = planRedelivery({ attempts, unclear: ['unreadable', 'only-unreadable'], now: NOW });
    expect(plan).toEqual([]);
    expect(skipped.map((s) => [s.guid, s.reason, s.attempts])).toEqual([
      ['only-unreadable', 'unclear', 0],
      ['old', 'outside-window', 1],
      ['twice-failed', 'redelivered', 2],
      ['later-ok', 'succeeded-later', 2],
      ['unreadable', 'unclear', 1],
      ['fresh', 'too-recent', 1],
      ['in-future', 'too-recent', 1],
    ]);
    expect(skipped[0]).toEqual({ guid: 'only-unreadable', event: 'unknown', reason: 'unclear', attempts: 0 });
  });

  it('a 2xx other than 200 is a success; a 3xx or 1xx a failure', () => {
    const { plan, delivered } = planRedelivery({ attempts: [attempt('a', 2, 202), attempt('b', 2, 204), attempt('c', 2, 301), attempt('d', 2, 100)], now: NOW });
    expect(delivered).toBe(2);
    expect(plan.map((a) => a.guid)).toEqual(['c', 'd']);
  });

  it('names the newest failed attempt of a delivery attempted more than once without a redelivery', () => {
    const first = attempt('x', 3, 502);
    const second = attempt('x', 2, 504);
    const { plan } = planRedelivery({ attempts: [second, first], now: NOW });
    expect(plan.map((a) => [a.delivery_id, a.first_status, a.first_attempt_at, a.why])).toEqual([[second.id, 502, first.delivered_at, 'all 2 attempts failed, and it was never redelivered']]);
  });

  it('caps the run: the oldest deliveries first, the rest over the cap; the window and the settling time are the caller\'s', () => {
    const attempts = [attempt('c', 1, 502), attempt('a', 3, 502), attempt('b', 2, 502), attempt('d', 5, 502)];
    const capped = planRedelivery({ attempts, now: NOW, max: 2, windowMs: 4 * HOUR });
    expect(capped.plan.map((a) => a.guid)).toEqual(['a', 'b']);
    expect(capped.skipped.map((s) => [s.guid, s.reason])).toEqual([['d', 'outside-window'], ['c', 'over-cap']]);
    expect(planRedelivery({ attempts, now: NOW, max: 0 }).plan).toEqual([]);
    expect(planRedelivery({ attempts: [attempt('e', 0.005, 502)], now: NOW, settleMs: 0 }).plan.map((a) => a.guid)).toEqual(['e']);
  });
});

describe('readDeliveryPage', () => {
  const good = { id: 12_000_000_001, guid: '0b989ba4-242f-11e5-81e1-c7b6966d2516', delivered_at: '2026-11-22T10:00:00Z', redelivery: false, duration: 0.27, status: 'Invalid HTTP Response: 503', status_code: 503, event: 'issues', action: 'opened', installation_id: 123, repository_id: 456 };

  it('reads GitHub\'s entries; a missing or null status_code is no answer (0); a missing action is none', () => {
    const bare: Record<string, unknown> = { ...good, guid: 'g2', status_code: null };
    delete bare.action;
    expect(readDeliveryPage([good, bare])).toEqual({
      attempts: [
        { id: good.id, guid: good.guid, delivered_at: good.delivered_at, redelivery: false, status_code: 503, status: 'Invalid HTTP Response: 503', event: 'issues', action: 'opened' },
        { id: good.id, guid: 'g2', delivered_at: good.delivered_at, redelivery: false, status_code: 0, status: 'Invalid HTTP Response: 503', event: 'issues', action: null },
      ],
      unclear: [],
      problems: [],
      malformed: 0,
    });
  });

  it('sets aside every malformed entry with a diagnostic, never crashing; its delivery, when named, is unclear', () => {
    const page = readDeliveryPage([
      null,
      'text',
      { ...good, guid: 'has spaces' },
      { ...good, guid: 'a'.repeat(101) },
      { ...good, guid: 'g-id', id: -1 },
      { ...good, guid: 'g-date', delivered_at: '2026-11-22 10:00 **now**' },
      { ...good, guid: 'g-code', status_code: 99_999 },
      { ...good, guid: 'g-event', event: 'issues\n::error::x' },
      { ...good, guid: 'g-redelivery', redelivery: 'yes' },
      { ...good, guid: 'g-action', action: '<img>' },
      { ...good, status: 'x'.repeat(5000) },
    ]);
    expect(page.malformed).toBe(10);
    expect(page.unclear).toEqual(['g-id', 'g-date', 'g-code', 'g-event', 'g-redelivery', 'g-action']);
    expect(page.problems).toHaveLength(MAX_PROBLEMS);
    expect(page.problems[0]).toBe('entry 1: not an object');
    expect(page.problems[4]).toBe('entry 5 (g-id): id is not a positive integer');
    expect(page.attempts.map((a) => a.status.length)).toEqual([200]);
  });

  it('refuses an answer that is not a list', () => {
    expect(() => readDeliveryPage({ message: 'Not Found' })).toThrow(new TypeError('GitHub\'s answer is not a list of deliveries (object)'));
    expect(() => readDeliveryPage(null)).toThrow(/\(null\)$/);
  });
});

describe('nextCursor', () => {
  it('reads the next page\'s cursor from GitHub\'s link header; none without a next link; undefined when the link has no cursor', () => {
    const link = '<https://api.github.com/app/hook/deliveries?per_page=100&cursor=v1_12077215967>; rel="next", <https://api.github.com/app/hook/deliveries?per_page=100>; rel="first"';
    expect(nextCursor(link)).toBe('v1_12077215967');
    expect(nextCursor('<https://api.github.com/app/hook/deliveries?per_page=100>; rel="first"')).toBeNull();
    expect(nextCursor(undefined)).toBeNull();
    expect(nextCursor('<https://api.github.com/app/hook/deliveries?per_page=100>; rel="next"')).toBeUndefined();
    expect(nextCursor(`<https://api.github.com/x?cursor=${'c'.repeat(501)}>; rel="next"`)).toBeUndefined();
  });
});
