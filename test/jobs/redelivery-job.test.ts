/**
 * The redelivery step (src/jobs/redelivery-job.ts) against the stateful fake GitHub: the App's
 * deliveries listed with its JWT (cursor paging through the `link` header, as GitHub gives it),
 * redeliveries posted, each new attempt recorded as GitHub records it (`redelivery: true`) — so a
 * second run sees the first's work. Every request is checked against GitHub's OpenAPI description.
 * And the Action's step (src/action/redelivery-step.ts): with the App's credentials, and with a
 * token alone (not read).
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { runRedeliveryStep } from '../../src/action/redelivery-step.js';
import { createAppJwtClient } from '../../src/github/app-jwt-client.js';
import type { GitHub } from '../../src/github/client.js';
import { runRedeliveryJob } from '../../src/jobs/redelivery-job.js';
import type { RedeliveryJobInput } from '../../src/jobs/redelivery-job.js';
import { redeliveryLines } from '../../src/jobs/redelivery-report.js';
import { FAILURES, FakeGovernance } from '../support/fake-governance.js';
import { testPrivateKey } from '../support/keys.js';

const NOW = new Date('2026-11-22T12:00:00Z');
const HOUR = 3_600_000;
const ago = (h: number) => new Date(NOW.getTime() - h * HOUR).toISOString().replace('.000Z', 'Z');
const CREDENTIALS = { APP_ID: '7', PRIVATE_KEY: testPrivateKey() };

let fake: FakeGovernance;
let gh: GitHub;
beforeEach(() => {
  fake = new FakeGovernance({ governanceRepo: 'example-org/governance' }).install();
  fake.now = NOW;
  gh = createAppJwtClient(CREDENTIALS, { retryAfterBaseMs: 1, rateLimitRetries: 1 });
});
afterEach(() => {
  fake.uninstall();
  fake.assertClean();
});

const run = (extra: Partial<RedeliveryJobInput> = {}) => runRedeliveryJob({ gh, now: NOW, dryRun: false, ...extra });

/** The fake's deliveries, seeded: one delivered, two failed (a 502, no answer), one that failed and was redelivered with success. */
function seed() {
  fake.deliver({ delivered_at: ago(6), status_code: 200 });
  const bad = fake.deliver({ delivered_at: ago(5), status_code: 502, event: 'issue_comment', action: 'created' });
  const silent = fake.deliver({ delivered_at: ago(4), status_code: 0, event: 'push', action: null });
  const healed = fake.deliver({ delivered_at: ago(3), status_code: 503 });
  fake.deliver({ ...healed, delivered_at: ago(2), status_code: 200, redelivery: true });
  return { bad, silent, healed };
}

describe('the redelivery step against GitHub', () => {
  it('redelivers each delivery whose every attempt failed, once; a second run redelivers nothing', async () => {
    const { bad, silent, healed } = seed();
    const first = await run();
    expect(fake.writes()).toEqual([`POST /app/hook/deliveries/${bad.id}/attempts`, `POST /app/hook/deliveries/${silent.id}/attempts`]);
    expect(fake.requests.every((r) => r.auth === 'app')).toBe(true);
    expect(first.outcomes.map((o) => [o.action.guid, o.status])).toEqual([[bad.guid, 'sent'], [silent.guid, 'sent']]);
    expect(first.skipped.map((s) => [s.guid, s.reason])).toEqual([[healed.guid, 'succeeded-later']]);
    expect(redeliveryLines(first)).toEqual([
      `webhook deliveries: read 5 delivery attempts (1 page), every one since 2026-11-21T12:00:00.000Z`,
      `redelivered ${bad.guid} issue_comment.created: first attempt ${bad.delivered_at} answered 502`,
      `redelivered ${silent.guid} push: first attempt ${silent.delivered_at} got no answer`,
      `passed over ${healed.guid} issues.opened (first attempt ${healed.delivered_at}): a later attempt succeeded`,
      '4 deliveries, 1 delivered at the first attempt, 2 redelivered, 1 passed over',
    ]);
    // GitHub records each redelivery as a new attempt of the same delivery.
    expect(fake.deliveries.slice(-2).map((d) => [d.guid, d.redelivery, d.status_code])).toEqual([[bad.guid, true, 200], [silent.guid, true, 200]]);

    fake.now = new Date(NOW.getTime() + HOUR);
    const second = await run({ now: fake.now });
    expect(second.outcomes).toEqual([]);
    expect(fake.writes()).toHaveLength(2);
    expect(second.skipped.map((s) => s.reason)).toEqual(['succeeded-later', 'succeeded-later', 'succeeded-later']);
  });

  it('a redelivery that failed too is never sent again', async () => {
    const { bad, silent } = seed();
    fake.redeliveryStatus = 503;
    await run({ max: 1 });
    const again = await run({ now: new Date(NOW.getTime() + HOUR) });
    // The second run sends the one the cap left, never the one whose redelivery failed.
    expect(fake.writes()).toEqual([`POST /app/hook/deliveries/${bad.id}/attempts`, `POST /app/hook/deliveries/${silent.id}/attempts`]);
    expect(again.skipped.find((s) => s.guid === bad.guid)?.reason).toBe('redelivered');
  });

  it('a dry run lists and plans the same, and writes nothing', async () => {
    const { bad, silent } = seed();
    const dry = await run({ dryRun: true });
    expect(fake.writes()).toEqual([]);
    expect(dry.outcomes.map((o) => [o.action.delivery_id, o.status])).toEqual([[bad.id, 'planned'], [silent.id, 'planned']]);
    expect(redeliveryLines(dry).slice(1, 3)).toEqual([
      `would redeliver ${bad.guid} issue_comment.created: first attempt ${bad.delivered_at} answered 502`,
      `would redeliver ${silent.guid} push: first attempt ${silent.delivered_at} got no answer`,
    ]);
    expect(redeliveryLines(dry).at(-1)).toBe('4 deliveries, 1 delivered at the first attempt, 2 to redeliver (dry run: nothing sent), 1 passed over');
  });

  it('pages with the cursor of the link header until the window is passed; the cap and the window hold', async () => {
    // 150 failed in the window, 60 more before it: two pages of 100 cover the window.
    for (let i = 0; i < 60; i += 1) fake.deliver({ delivered_at: ago(30 - i / 100), status_code: 502 });
    for (let i = 0; i < 150; i += 1) fake.deliver({ delivered_at: ago(20 - i / 10), status_code: 502 });
    const result = await run({ max: 3 });
    expect(fake.requests.filter((r) => r.kind === 'GET deliveries').map((r) => r.path.replace(/\d{6,}/, 'ID'))).toEqual(['/app/hook/deliveries?per_page=100', '/app/hook/deliveries?per_page=100&cursor=v1_ID']);
    expect(result.listing).toMatchObject({ status: 'read', pages: 2, entries: 200 });
    // The oldest three of the window, in the order they happened; the rest wait for the next run.
    expect(result.outcomes.map((o) => o.action.first_attempt_at)).toEqual([ago(20), ago(19.9), ago(19.8)]);
    expect(fake.writes()).toHaveLength(3);
    const reasons = result.skipped.map((s) => s.reason);
    expect({ over: reasons.filter((r) => r === 'over-cap').length, outside: reasons.filter((r) => r === 'outside-window').length }).toEqual({ over: 147, outside: 50 });
  });

  it('a listing stopped at the page cap is partial, and says so; what was read is still planned', async () => {
    for (let i = 0; i < 120; i += 1) fake.deliver({ delivered_at: ago(10 - i / 100), status_code: 200 });
    const failed = fake.deliver({ delivered_at: ago(1), status_code: 500 });
    const result = await run({ maxPages: 1 });
    expect(result.listing).toMatchObject({ status: 'partial', pages: 1, entries: 100, reason: 'stopped at the page cap (1 page of 100)' });
    expect(redeliveryLines(result)[0]).toBe('webhook deliveries: read 100 delivery attempts (1 page), then stopped at the page cap (1 page of 100): older deliveries since 2026-11-21T12:00:00.000Z were not read, so not judged');
    expect(result.outcomes.map((o) => o.action.guid)).toEqual([failed.guid]);
  });

  it('a listing GitHub refuses is not read, never "nothing failed"; a later page refused leaves it partial', async () => {
    seed();
    fake.fail('GET deliveries', FAILURES.dies);
    const refused = await run();
    expect(refused.listing).toMatchObject({ status: 'unread', pages: 0, reason: 'GitHub answered 401 to page 1 of GET /app/hook/deliveries: Bad credentials - https://docs.github.com/rest' });
    expect(refused.outcomes).toEqual([]);
    expect(redeliveryLines(refused)).toEqual(['webhook deliveries not read: GitHub answered 401 to page 1 of GET /app/hook/deliveries: Bad credentials - https://docs.github.com/rest; nothing was redelivered, and failed deliveries may be waiting']);

    for (let i = 0; i < 100; i += 1) fake.deliver({ delivered_at: ago(1), status_code: 200 });
    fake.fail('GET deliveries', FAILURES.dies, { nth: 2 });
    const cut = await run();
    expect(cut.listing).toMatchObject({ status: 'partial', pages: 1, reason: 'GitHub answered 401 to page 2 of GET /app/hook/deliveries: Bad credentials - https://docs.github.com/rest' });
    expect(fake.writes()).toEqual([]);
  });

  it('an answer that is not a list is not read; malformed entries are set aside, their deliveries never redelivered', async () => {
    fake.fail('GET deliveries', [200, { message: 'surprise' }]);
    expect((await run()).listing).toMatchObject({ status: 'unread', reason: 'page 1: GitHub\'s answer is not a list of deliveries (object)' });

    const good = { id: 5, guid: 'good', delivered_at: ago(2), redelivery: false, status: 'x', status_code: 502, event: 'issues', action: 'opened', duration: 1, installation_id: 1, repository_id: 1 };
    fake.fail('GET deliveries', [200, [good, { ...good, id: 6, guid: 'odd', status_code: 'five hundred' }, { ...good, id: 7, guid: 'odd', status_code: 502 }, 42]]);
    const result = await run();
    expect(result.listing).toMatchObject({ status: 'read', malformed: 2, problems: ['page 1, entry 2 (odd): status_code is not an HTTP status', 'page 1, entry 4: not an object'] });
    expect(fake.writes()).toEqual(['POST /app/hook/deliveries/5/attempts']);
    expect(result.skipped.map((s) => [s.guid, s.reason])).toEqual([['odd', 'unclear']]);
  });

  it('a redelivery refused for that delivery is reported and the run goes on; another error stops the sending', async () => {
    const { bad, silent } = seed();
    fake.fail('POST redelivery', [422, { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest' }]);
    const result = await run();
    expect(result.outcomes.map((o) => [o.action.guid, o.status, o.error])).toEqual([[bad.guid, 'refused', 'GitHub answered 422: Validation Failed - https://docs.github.com/rest'], [silent.guid, 'sent', undefined]]);

    const more = fake.deliver({ delivered_at: ago(1), status_code: 502 });
    const last = fake.deliver({ delivered_at: ago(0.5), status_code: 502 });
    fake.fail('POST redelivery', FAILURES.dies);
    const stopped = await run({ now: new Date(NOW.getTime() + 60_000) });
    expect(stopped.outcomes.map((o) => [o.action.guid, o.status])).toEqual([[bad.guid, 'refused'], [more.guid, 'not-sent'], [last.guid, 'not-sent']]);
    // A refused POST is sent once: never retried blindly.
    expect(fake.kinds().filter((k) => k === 'POST redelivery')).toHaveLength(3);
  });
});

describe('the Action\'s redelivery step', () => {
  /** Runs the step with stdout captured (where `@actions/core` writes the log). */
  async function step(credentials: Record<string, string>, dryRun = false) {
    let log = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((log += String(chunk)), true));
    try {
      return { ...(await runRedeliveryStep({ ...credentials, GITHUB_API_URL: fake.baseUrl }, NOW, dryRun, { retryAfterBaseMs: 1 })), log };
    } finally {
      write.mockRestore();
    }
  }

  it('with a token alone: the deliveries are not read, and the summary says so — never "nothing to redeliver"', async () => {
    seed();
    const { summary, result, log } = await step({ GITHUB_TOKEN: 'ghs_workflow' });
    expect(result).toBeUndefined();
    expect(fake.requests).toEqual([]);
    expect(summary).toBe(
      "### Webhook redelivery\n\n**Not read**: this run has a token, not the App's credentials \\(app-id and private-key\\): GitHub lists an App's webhook deliveries to the App itself only \\(its JWT\\). Failed deliveries were not looked for, and none was redelivered.\n",
    );
    expect(log).toContain('webhook deliveries not read: this run has a token');
  });

  it('with the App\'s credentials: one line per redelivery in the log and the summary; a dry run sends nothing', async () => {
    const { bad, silent } = seed();
    const dry = await step(CREDENTIALS, true);
    expect(fake.writes()).toEqual([]);
    expect(dry.summary).toContain(`- would redeliver ${bad.guid} issue\\_comment.created: first attempt ${bad.delivered_at} answered 502`);

    const { summary, log } = await step(CREDENTIALS);
    expect(fake.writes()).toHaveLength(2);
    expect(summary.split('\n').slice(0, 3)).toEqual(['### Webhook redelivery', '', 'webhook deliveries: read 5 delivery attempts \\(1 page\\), every one since 2026-11-21T12:00:00.000Z']);
    expect(summary).toContain(`- ✅ redelivered ${silent.guid} push: first attempt ${silent.delivered_at} got no answer`);
    expect(summary).toContain('4 deliveries, 1 delivered at the first attempt, 2 redelivered, 1 passed over');
    expect(log).toContain(`redelivered ${bad.guid} issue_comment.created`);
    // The lines run under stop-commands: nothing from GitHub can be a workflow command.
    expect(log).toMatch(/^::stop-commands::group-steward-/m);
  });

  it('a listing refused is a warning and "not read whole" in the summary; the step does not fail', async () => {
    fake.fail('GET deliveries', FAILURES.dies);
    const { summary, log } = await step(CREDENTIALS);
    expect(summary).toContain('**Not read whole**: webhook deliveries not read: GitHub answered 401');
    expect(log).toMatch(/^::warning::webhook deliveries not read: GitHub answered 401/m);
    expect(process.exitCode ?? 0).toBe(0);
  });
});
