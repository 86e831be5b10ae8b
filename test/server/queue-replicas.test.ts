/**
 * Two App processes on one Redis (issue 22 § 4's done-when): two real children `node
 * <build>/src/server.js` (the sources as jest runs them: the black-box harness's `SERVER`) with
 * `REDIS_URL` naming one real
 * `redis-server` (test/support/redis.ts), against the stateful fake GitHub served on 127.0.0.1
 * (`GHE_HOST`). Deliveries are GitHub's example `issue_comment.created` payload, moved to the
 * fake's governance repository, carrying `/wg registry`, signed with the webhook secret.
 *
 * A burst split across both, the same delivery sent to both at once, and a kill -9 of one
 * mid-burst: every item ends linked once — one `wg:registry` label, one link comment — on the
 * fake's state. Probot's own use of `REDIS_URL` (Bottleneck's cluster keys `b_*`) never starts.
 *
 * The children (started by the black-box harness, `startServerProcess`, in a temporary directory)
 * run with a short lock (`QUEUE_LOCK_SECONDS=1`, so a killed worker's job is taken up within
 * about two seconds) and the requests' spacing unit at 1 ms (the preload the Action's tests use).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linkedMarker } from '../../src/linking/markers.js';
import { INTEREST_GROUP, WORKING_GROUP } from '../charters/helpers.js';
import { FakeGovernance, type FakeActor, type FakeItem } from '../support/fake-governance.js';
import { startFakeServer, type FakeServer } from '../support/fake-server.js';
import { testPrivateKey } from '../support/keys.js';
import { examplePayload, type Json } from '../support/probot.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { startServerProcess, type ServerProcess } from './black-box-harness.js';
import { deliver, request, type Answer } from './http.js';

const GOV = 'example-org/governance';
const [OWNER, NAME] = GOV.split('/') as [string, string];
const SECRET = 'queue-webhook-secret';
const PERSON: FakeActor = { login: 'someone', type: 'User', id: 3003 };

/** An App process: its name, port, log lines, and how to end it. */
type AppProcess = ServerProcess & { readonly name: string };

let redis: TestRedis;
let fake: FakeGovernance;
/** Each App process's own door to the one fake GitHub: holding one process's requests unanswered. */
const doors = new Map<string, { server: FakeServer; hold: boolean; held: number }>();
let cwd: string;
const apps: AppProcess[] = [];
/** A and B, in that order. */
let pair: [AppProcess, AppProcess];

/** Serves the fake GitHub to App `name` on its own port: its requests are held unanswered (and counted) while `hold` is set. */
async function openDoor(name: string): Promise<void> {
  const door = { server: undefined as unknown as FakeServer, hold: false, held: 0 };
  door.server = await startFakeServer({
    handle: (request) => {
      if (!door.hold) return fake.handle(request);
      door.held += 1;
      return new Promise(() => {}); // never answered: the process is killed meanwhile
    },
  });
  doors.set(name, door);
}

async function startApp(name: string): Promise<AppProcess> {
  await openDoor(name);
  const door = doors.get(name) as { server: FakeServer };
  const server = await startServerProcess({
    githubUrl: door.server.url,
    secret: SECRET,
    privateKey: testPrivateKey(),
    graceSeconds: 5,
    cwd,
    env: { REDIS_URL: redis.url, QUEUE_PARTITIONS: '4', QUEUE_LOCK_SECONDS: '1', QUEUE_BACKOFF_SECONDS: '0.2' },
  });
  const app: AppProcess = Object.assign(server, { name });
  apps.push(app);
  // Listening, and ready: its queue (Redis) connected.
  const ready = await request(app.port, 'GET', '/ready');
  if (ready.status !== 200) throw new Error(`App ${name} not ready (${ready.status}): ${logOf(app).slice(-3000)}`);
  return app;
}

/** An App's log lines and standard error, as written. */
const logOf = (app: AppProcess): string => [...app.lines.map((l) => JSON.stringify(l)), ...app.stderr].join('\n');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GitHub's example `issue_comment.created` payload for a `/wg registry` comment on `item`. */
function commandPayload(item: FakeItem, body: string): Json {
  const comment = fake.comment(GOV, item.number, '2026-12-01T10:00:00Z', PERSON, body);
  const payload = examplePayload('issue_comment', 'created', (p: Json) => !p.issue.pull_request);
  payload.installation = { id: fake.installationId };
  payload.repository = { ...payload.repository, name: NAME, full_name: GOV, owner: { ...payload.repository.owner, login: OWNER, type: 'Organization' }, default_branch: 'main' };
  payload.issue = { ...payload.issue, number: item.number, title: item.title, body: item.body, state: 'open', labels: [], user: { ...payload.issue.user, login: 'someone', type: 'User' } };
  delete payload.issue.pull_request;
  payload.comment = { ...payload.comment, id: comment.id, body, created_at: comment.at, user: { ...payload.comment.user, login: PERSON.login, type: PERSON.type, id: PERSON.id } };
  payload.sender = { ...payload.sender, login: PERSON.login, type: PERSON.type, id: PERSON.id };
  return payload;
}

/** New issues in the governance repository, each with a `/wg registry` comment, and its delivery. */
function commands(prefix: string, count: number): { item: FakeItem; id: string; payload: Json }[] {
  return Array.from({ length: count }, (_, i) => {
    const item = fake.add({ repo: GOV, title: `${prefix} ${i}`, createdAt: '2026-12-01T09:00:00Z' });
    return { item, id: `${prefix}-${i}-${item.number}`, payload: commandPayload(item, '/wg registry') };
  });
}

const send = (app: AppProcess, d: { id: string; payload: Json }): Promise<Answer> => deliver(app.port, { id: d.id, event: 'issue_comment', payload: d.payload, secret: SECRET });

const linkComments = (item: FakeItem) => fake.commentsOn(GOV, item.number).filter((c) => c.by === fake.app.login && c.body.includes(linkedMarker('registry')));
const linked = (item: FakeItem) => fake.get(GOV, item.number).labels.includes('wg:registry') && linkComments(item).length > 0;

/** Waits (20 s at most) until every item is labelled and has its link comment; then lets the queue settle. */
async function allLinked(items: FakeItem[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!items.every(linked)) {
    if (Date.now() > deadline) throw new Error(`not linked within 20 s: ${items.filter((i) => !linked(i)).map((i) => `#${i.number}`).join(', ')}\n${apps.flatMap((a) => a.lines.slice(-20).map((l) => `${a.name}: ${JSON.stringify(l)}`)).join('\n')}`);
    await sleep(50);
  }
  await queueEmpty();
}

/** Waits until no job of the delivery queue is waiting, delayed or running in Redis. */
async function queueEmpty(): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const keys = await redis.client.keys('group-steward:deliveries-*');
    const lists = keys.filter((k) => /:(wait|active|delayed|prioritized|paused)$/.test(k));
    const sizes = await Promise.all(lists.map(async (k) => ((await redis.client.type(k)) === 'list' ? redis.client.llen(k) : redis.client.zcard(k))));
    if (sizes.every((n) => n === 0)) return;
    if (Date.now() > deadline) throw new Error(`the queue did not empty: ${lists.map((k, i) => `${k}=${sizes[i] ?? 0}`).join(', ')}`);
    await sleep(50);
  }
}

/** Every item: one `wg:registry` label, one link comment. */
function expectLinkedOnce(items: FakeItem[]): void {
  expect(items.map((i) => ({ number: i.number, labels: fake.get(GOV, i.number).labels, linkComments: linkComments(i).length }))).toEqual(items.map((i) => ({ number: i.number, labels: ['wg:registry'], linkComments: 1 })));
}

beforeAll(async () => {
  redis = await startRedis();
  fake = new FakeGovernance({ governanceRepo: GOV, baseUrl: 'http://127.0.0.1/api/v3' });
  fake.now = new Date('2026-12-01T10:00:00Z');
  fake.charters = { 'registry.yaml': WORKING_GROUP, 'security.yaml': INTEREST_GROUP };
  for (const op of ['GroupStewardWork', 'GroupStewardCharterBranch']) fake.operations.add(op);
  cwd = await mkdtemp(join(tmpdir(), 'group-steward-queue-'));
  pair = await Promise.all([startApp('A'), startApp('B')]);
});

afterAll(async () => {
  for (const app of apps) if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
  await Promise.all(apps.map((a) => a.exited));
  for (const door of doors.values()) await door.server.close();
  await redis?.stop();
  if (cwd) await rm(cwd, { recursive: true, force: true });
});

describe('two App processes on one Redis', () => {
  it('a burst split across both: every delivery answered at once, every item linked once; Probot\'s Redis throttling never starts', async () => {
    const [a, b] = pair;
    const burst = commands('burst', 16);
    const answers = await Promise.all(burst.map((d, i) => send(i % 2 === 0 ? a : b, d)));
    expect(answers.map((r) => r.status)).toEqual(burst.map(() => 200));
    await allLinked(burst.map((d) => d.item));
    expectLinkedOnce(burst.map((d) => d.item));
    expect(await redis.client.keys('b_*')).toEqual([]);
    expect(fake.problems).toEqual([]);
  });

  it('the same delivery sent to both at once is run as one job: every item linked once', async () => {
    const [a, b] = pair;
    const twice = commands('twice', 6);
    const answers = await Promise.all(twice.flatMap((d) => [send(a, d), send(b, d)]));
    expect(answers.map((r) => r.status)).toEqual(twice.flatMap(() => [200, 200]));
    await allLinked(twice.map((d) => d.item));
    expectLinkedOnce(twice.map((d) => d.item));
    expect(fake.problems).toEqual([]);
  });

  it('a kill -9 of one mid-burst: its jobs are taken up by the other once their lock lapses, what it no longer answers is redelivered there; every item linked once', async () => {
    const [a, b] = pair;
    const doorA = doors.get('A') as { hold: boolean; held: number };
    const burst = commands('killed', 16);
    const [first, second, late] = [burst.slice(0, 8), burst.slice(8, 14), burst.slice(14)];
    // B paused (SIGSTOP) while A takes the first half: A surely runs jobs; its requests to GitHub
    // go unanswered from now on, so they are mid-job when it is killed.
    doorA.hold = true;
    b.child.kill('SIGSTOP');
    let answers: number[];
    try {
      answers = (await Promise.all(first.map((d) => send(a, d)))).map((r) => r.status);
      const deadline = Date.now() + 20_000;
      while (doorA.held === 0 && Date.now() < deadline) await sleep(5);
    } finally {
      b.child.kill('SIGCONT');
    }
    expect(answers).toEqual(first.map(() => 200));
    expect(doorA.held).toBeGreaterThan(0);
    const toB = second.map((d) => send(b, d));
    a.child.kill('SIGKILL');
    await a.exited;
    expect((await Promise.all(toB)).map((r) => r.status)).toEqual(second.map(() => 200));
    // Deliveries to A now fail (connection refused): GitHub records them as failed; redelivered, to B.
    expect((await Promise.all(late.map((d) => send(a, d).catch(() => ({ status: 0, body: '' }))))).map((r) => r.status)).toEqual(late.map(() => 0));
    expect((await Promise.all(late.map((d) => send(b, d)))).map((r) => r.status)).toEqual(late.map(() => 200));
    await allLinked(burst.map((d) => d.item));
    expectLinkedOnce(burst.map((d) => d.item));
    // B took up what A was running when it died.
    const takenUp = b.lines.filter((l) => (l.msg ?? '').includes('delivery taken up again')).map((l) => l.id);
    expect(takenUp.length).toBeGreaterThan(0);
    expect(takenUp.every((id) => first.some((d) => d.id === id))).toBe(true);
    expect(await redis.client.keys('b_*')).toEqual([]);
    expect(fake.problems).toEqual([]);
  });
});
