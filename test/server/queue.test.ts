/**
 * The delivery queue (issue 22 § 4, src/server/queue/): the thread and partition of a delivery,
 * the settings, Probot kept off `REDIS_URL`, and — two servers in this process (`startServer`,
 * as `npm start` runs it, with a test App whose `issues.opened` is held until the test releases
 * it) on one real `redis-server` — one job per delivery id, one at a time per thread across both
 * servers, a refused signature, the drain leaving the cut job in Redis for another replica, and
 * Redis going away (503 and `/ready` 503).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { serverEnvironmentProblem } from '../../src/server.js';
import { partitionQueueName, QUEUE_PREFIX } from '../../src/server/queue/delivery-queue.js';
import { queueSettings, queueSettingsProblem, redactedUrl } from '../../src/server/queue/settings.js';
import { deliveryThread, threadPartition } from '../../src/server/queue/thread.js';
import { probotEnvironment } from '../../src/server/start.js';
import { examplePayload, type Json } from '../support/probot.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { deliver, request } from './http.js';
import { SECRET, startTestServer, type TestServer } from './test-server.js';

const PARTITIONS = 4;

describe('the thread of a delivery and its partition', () => {
  it('an issue, a pull request, a discussion, the check suite of one pull request by owner/repo#number; a push by repository; an installation by id', () => {
    const comment = examplePayload('issue_comment', 'created');
    expect(deliveryThread(comment)).toBe(`${String(comment.repository.full_name).toLowerCase()}#${String(comment.issue.number)}`);
    const review = examplePayload('pull_request_review', 'submitted');
    expect(deliveryThread(review)).toBe(`${String(review.repository.full_name).toLowerCase()}#${String(review.pull_request.number)}`);
    const discussion = examplePayload('discussion', 'created');
    expect(deliveryThread(discussion)).toBe(`${String(discussion.repository.full_name).toLowerCase()}#${String(discussion.discussion.number)}`);
    const rerun = examplePayload('check_suite', 'rerequested');
    rerun.check_suite.pull_requests = [{ number: 17 }];
    expect(deliveryThread(rerun)).toBe(`${String(rerun.repository.full_name).toLowerCase()}#17`);
    rerun.check_suite.pull_requests = [{ number: 17 }, { number: 18 }];
    expect(deliveryThread(rerun)).toBe(String(rerun.repository.full_name).toLowerCase());
    const push = examplePayload('push');
    expect(deliveryThread(push)).toBe(String(push.repository.full_name).toLowerCase());
    const installation = examplePayload('installation', 'created');
    expect(deliveryThread(installation)).toBe(`installation:${String(installation.installation.id)}`);
  });

  it('hostile or odd payloads fall back, never throw', () => {
    expect(deliveryThread(null)).toBe('app');
    expect(deliveryThread([1, 2])).toBe('app');
    expect(deliveryThread({ repository: { full_name: 42 }, issue: { number: '7' } })).toBe('app');
    expect(deliveryThread({ repository: { full_name: 'A/B' }, issue: { number: 1.5 } })).toBe('a/b');
    expect(deliveryThread({ repository: { full_name: `o/${'x'.repeat(10_000)}` } }).length).toBe(200);
  });

  it('a thread always lands in the same partition, within range, and threads spread over the partitions', () => {
    expect(threadPartition('o/r#1', 16)).toBe(threadPartition('o/r#1', 16));
    const seen = new Set(Array.from({ length: 200 }, (_, i) => threadPartition(`example-org/governance#${i}`, 16)));
    expect([...seen].every((p) => Number.isInteger(p) && p >= 0 && p < 16)).toBe(true);
    expect(seen.size).toBe(16);
    expect(threadPartition('ünïcode/répo#3', 1)).toBe(0);
  });
});

describe('the queue settings', () => {
  it('without REDIS_URL there is no queue, whatever else is set', () => {
    expect(queueSettings({})).toBeUndefined();
    expect(queueSettings({ REDIS_URL: '  ', QUEUE_PARTITIONS: 'many' })).toBeUndefined();
    expect(queueSettingsProblem({ QUEUE_PARTITIONS: 'many' })).toBeUndefined();
  });

  it('defaults, and every setting read in its unit', () => {
    expect(queueSettings({ REDIS_URL: 'redis://r:6379' })).toEqual({ redisUrl: 'redis://r:6379', partitions: 16, lockMs: 30_000, attempts: 5, backoffMs: 2000 });
    expect(queueSettings({ REDIS_URL: 'rediss://r', QUEUE_PARTITIONS: '3', QUEUE_LOCK_SECONDS: '1.5', QUEUE_ATTEMPTS: '2', QUEUE_BACKOFF_SECONDS: '0' })).toEqual({ redisUrl: 'rediss://r', partitions: 3, lockMs: 1500, attempts: 2, backoffMs: 0 });
  });

  it('each invalid setting in one line, the password never shown; the server does not start on them', () => {
    const problem = queueSettingsProblem({ REDIS_URL: 'http://user:hunter2@host', QUEUE_PARTITIONS: '0', QUEUE_LOCK_SECONDS: '-1', QUEUE_ATTEMPTS: '2.5' });
    expect(problem).toContain('REDIS_URL must be a redis:// or rediss:// URL, not "http://user:***@host"');
    expect(problem).toContain('QUEUE_PARTITIONS must be a whole number from 1 to 256 (default 16), not "0"');
    expect(problem).toContain('QUEUE_LOCK_SECONDS must be a number from 0.5 to 600 (default 30), not "-1"');
    expect(problem).toContain('QUEUE_ATTEMPTS must be a whole number from 1 to 50 (default 5), not "2.5"');
    expect(problem).not.toContain('hunter2');
    expect(() => queueSettings({ REDIS_URL: 'redis://h', QUEUE_PARTITIONS: '999' })).toThrow('QUEUE_PARTITIONS');
    const server = serverEnvironmentProblem({ APP_ID: '1', PRIVATE_KEY: 'k', WEBHOOK_SECRET: 's', REDIS_URL: 'redis://h', QUEUE_ATTEMPTS: 'x' }, '/nonexistent');
    expect(server).toContain('QUEUE_ATTEMPTS must be a whole number');
    expect(redactedUrl('redis://:secret@redis-1:6379/0')).toBe('redis://:***@redis-1:6379/0');
  });

  it("Probot is never given REDIS_URL (its Bottleneck cluster would switch on): the rest of the environment is", () => {
    expect(probotEnvironment({ REDIS_URL: 'redis://h', APP_ID: '1', LOG_LEVEL: 'info' })).toEqual({ APP_ID: '1', LOG_LEVEL: 'info' });
  });
});

type QueuedServer = TestServer;

let redis: TestRedis;
const servers: QueuedServer[] = [];

/** A server on the test Redis running the test App: `issues.opened` held until released. */
async function startQueued(): Promise<QueuedServer> {
  const started = await startTestServer({ LOG_LEVEL: 'debug', REDIS_URL: redis.url, QUEUE_PARTITIONS: String(PARTITIONS), QUEUE_LOCK_SECONDS: '1', QUEUE_BACKOFF_SECONDS: '0.1' });
  servers.push(started);
  return started;
}

/** GitHub's example `issues.opened` payload, for issue `number`. */
function opened(number: number): Json {
  const payload = examplePayload('issues', 'opened');
  payload.issue.number = number;
  return payload;
}

const send = (s: QueuedServer, id: string, number: number, sign = true) => deliver(s.port, { id, event: 'issues', payload: opened(number), secret: SECRET, sign });

/** Whether `promise` has settled by the time `work` has. */
async function settlesWithin(promise: Promise<unknown>, work: () => Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await work();
  return done;
}

/** The state of job `id` in the queue of issue `number`'s thread. */
async function jobState(id: string, number: number): Promise<string | null> {
  const payload = opened(number);
  const queue = partitionQueueName(threadPartition(deliveryThread(payload), PARTITIONS));
  const key = `${QUEUE_PREFIX}:${queue}`;
  if ((await redis.client.exists(`${key}:${id}`)) === 0) return null;
  if ((await redis.client.lpos(`${key}:active`, id)) !== null) return 'active';
  if ((await redis.client.lpos(`${key}:wait`, id)) !== null) return 'waiting';
  return 'other';
}

beforeAll(async () => {
  redis = await startRedis();
});

afterEach(async () => {
  for (const s of servers.splice(0)) {
    for (const id of s.held.ran) s.held.release(id);
    const drained = s.server.drain();
    s.server.cutShort();
    await drained;
  }
  await redis.client.flushall();
});

afterAll(async () => {
  await redis?.stop();
});

describe('two servers on one Redis', () => {
  it('one delivery id is one job while it waits or runs, however many receivers get it; once done, a redelivery runs again', async () => {
    const [a, b] = [await startQueued(), await startQueued()];
    const answers = await Promise.all([send(a, 'dup-1', 101), send(b, 'dup-1', 101), send(a, 'dup-1', 101)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    const runner = await Promise.race([a.held.arrived('dup-1').then(() => a), b.held.arrived('dup-1').then(() => b)]);
    // Another delivery of another thread runs meanwhile: the workers are taking jobs.
    await send(a, 'other-1', 102);
    await Promise.race([a.held.arrived('other-1'), b.held.arrived('other-1')]);
    expect([...a.held.ran, ...b.held.ran].filter((id) => id === 'dup-1')).toEqual(['dup-1']);
    expect(await jobState('dup-1', 101)).toBe('active');
    runner.held.release('dup-1');
    for (const s of [a, b]) s.held.release('other-1');
    while ((await jobState('dup-1', 101)) !== null) await new Promise((resolve) => setTimeout(resolve, 20));
    // Done and removed: a redelivery (the operator's) runs it again.
    await send(b, 'dup-1', 101);
    const runs = () => [...a.held.ran, ...b.held.ran].filter((id) => id === 'dup-1').length;
    while (runs() < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs()).toBe(2);
  });

  it('two deliveries of one issue never overlap across the servers; another issue runs meanwhile', async () => {
    const [a, b] = [await startQueued(), await startQueued()];
    await send(a, 'same-1', 201);
    const first = await Promise.race([a.held.arrived('same-1').then(() => a), b.held.arrived('same-1').then(() => b)]);
    await send(b, 'same-2', 201);
    const second = Promise.race([a.held.arrived('same-2'), b.held.arrived('same-2')]);
    // A third delivery, of another issue, sent after the second, runs to its handler first.
    await send(b, 'other-2', 299);
    expect(await settlesWithin(second, () => Promise.race([a.held.arrived('other-2'), b.held.arrived('other-2')]))).toBe(false);
    expect(await jobState('same-2', 201)).toBe('waiting');
    first.held.release('same-1');
    await second;
    expect([...a.held.ran, ...b.held.ran].filter((id) => id.startsWith('same-')).sort()).toEqual(['same-1', 'same-2']);
  });

  it('a delivery whose signature does not match is refused (400) and never queued; an id BullMQ cannot take is refused (400)', async () => {
    const a = await startQueued();
    expect((await send(a, 'forged-1', 301, false)).status).toBe(400);
    expect((await send(a, '12345', 301)).status).toBe(400);
    expect(await jobState('forged-1', 301)).toBeNull();
    expect(await redis.client.keys(`${QUEUE_PREFIX}:*:12345`)).toEqual([]);
    expect(a.entries().filter((e) => e.level >= 50).map((e) => e.msg)).toEqual([
      "delivery refused (400): its signature does not match its payload and the webhook secret; check that WEBHOOK_SECRET is the App's webhook secret",
      'delivery refused (400): its X-GitHub-Delivery id is not a delivery id (letters, digits, ".", "_", "-", at most 100)',
    ]);
  });

  it('the drain: deliveries refused (503), the job the grace period cut stays in Redis and another server runs it once its lock lapses', async () => {
    const a = await startQueued();
    await send(a, 'cut-1', 401);
    await a.held.arrived('cut-1');
    await send(a, 'waits-1', 401); // same issue: waits behind cut-1
    const drained = a.server.drain();
    expect(a.server.ready).toBe(false);
    expect((await request(a.port, 'GET', '/ready')).status).toBe(503);
    expect((await send(a, 'late-1', 402)).status).toBe(503);
    a.timers.fireAll();
    await expect(drained).resolves.toBe(1);
    expect(a.entries().filter((e) => e.level >= 50 && e.id === 'cut-1').map((e) => e.msg)).toEqual(['shutdown cut this delivery: it stays in the queue and runs again once its lock lapses (1 s)']);
    expect(await jobState('cut-1', 401)).toBe('active');
    expect(await jobState('waits-1', 401)).toBe('waiting');
    expect(await jobState('late-1', 402)).toBeNull();
    const b = await startQueued();
    await b.held.arrived('cut-1');
    b.held.release('cut-1');
    await b.held.arrived('waits-1');
    b.held.release('waits-1');
    expect(b.entries().some((e) => e.id === 'cut-1' && String(e.msg).startsWith('delivery taken up again'))).toBe(true);
  });

  it('without Redis a delivery is refused (503), to be redelivered, and /ready answers 503', async () => {
    const a = await startQueued();
    expect((await request(a.port, 'GET', '/ready')).status).toBe(200);
    await redis.stop();
    try {
      expect((await send(a, 'no-redis-1', 501)).status).toBe(503);
      expect((await request(a.port, 'GET', '/ready')).status).toBe(503);
      expect(a.entries().some((e) => e.id === 'no-redis-1' && String(e.msg).startsWith('delivery refused (503): the queue (Redis) did not take it'))).toBe(true);
    } finally {
      redis = await startRedis();
    }
  });
});
