/**
 * The black-box scenario (issue 22): the App server (`node <build>/src/server.js`, the sources
 * as jest runs them: the harness's `SERVER`) run as an operator runs it, against the stateful fake GitHub on 127.0.0.1,
 * with signed deliveries of GitHub's example payloads moved to the fake's repository. Asserted on
 * the fake's state (labels, link comments, check runs, the writes) and on the server's JSON log
 * lines and exit code: (a) a burst of `/wg` commands and charter pull requests, all their work
 * done, and a soak scaled down (50 deliveries at 100 a second); (b) one delivery sent 20 times
 * at once, its work done once; (c) 502s and a secondary rate limit, retried, the work done once;
 * (d) SIGTERM to that process with 20 deliveries in flight — each answered 2xx with its work done,
 * or refused 503, or logged as cut at error level with its id, and the exit code 1; (e) the cut
 * deliveries redelivered (same ids) to a new process complete their work, and one more
 * redelivery writes nothing; then that process's clean drain (a delivery refused 503 while
 * draining, Probot's request log lines) exits 0. The soak (3,000 deliveries, RSS) is
 * `npm run bench`'s (bench/server.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { chartersOf } from '../../bench/governance-loop.js';
import { CHARTER_CHECK_NAME } from '../../src/checks/charter-report.js';
import { linkedMarker } from '../../src/linking/markers.js';
import { WORKING_GROUP, withLine } from '../charters/helpers.js';
import { FAILURES } from '../support/fake-governance.js';
import type { FakeActor, FakeItem } from '../support/fake-governance.js';
import { startFakeServer } from '../support/fake-server.js';
import type { FakeServer } from '../support/fake-server.js';
import { testPrivateKey } from '../support/keys.js';
import { commentPayload, HoldingGovernance, pullRequestPayload, startServerProcess } from './black-box-harness.js';
import type { ServerProcess } from './black-box-harness.js';
import { deliver } from './http.js';
import type { Answer } from './http.js';

const GOV = 'example-org/governance';
const SECRET = 'black-box-secret';
const PERSON: FakeActor = { login: 'someone', type: 'User', id: 3003 };
const GROUPS = ['registry', 'sdk', 'transports', 'interceptors'];

let fake: HoldingGovernance;
let github: FakeServer;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  nock.enableNetConnect('127.0.0.1');
  fake = new HoldingGovernance({ governanceRepo: GOV, baseUrl: 'http://127.0.0.1/api/v3' });
  fake.now = new Date('2026-12-01T10:00:00Z');
  fake.charters = chartersOf('groups');
  fake.configs.set(GOV, 'vote:\n  moderators:\n    logins: [mod-a, mod-b, mod-c]\n');
  for (const op of ['GroupStewardWork', 'GroupStewardCharterBranch']) fake.operations.add(op);
  github = await startFakeServer(fake);
}, 120_000);
afterAll(async () => {
  fake.release();
  for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
  await github.close();
  nock.disableNetConnect();
  fake.assertClean();
});

/**
 * The grace period of the process (d) cuts: long enough for the released half on a busy machine
 * (they finish within about 0.3 s of the signal); the held half waits it out.
 */
const CUT_GRACE_SECONDS = 2;

async function start(graceSeconds = 25): Promise<ServerProcess> {
  const server = await startServerProcess({ githubUrl: github.url, secret: SECRET, privateKey: testPrivateKey(), graceSeconds });
  servers.push(server);
  return server;
}

/** Waits (polling every 10 ms) until `done`, for at most 20 s; then throws, saying what was awaited. */
async function until(done: () => boolean, what: () => string): Promise<void> {
  for (let waited = 0; !done(); waited += 10) {
    if (waited > 20_000) throw new Error(`still waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let n = 0;
/** A new issue with a `/wg <group>` comment: its delivery. */
function wgCommand(group: string): { issue: FakeItem; id: string; payload: unknown } {
  const issue = fake.add({ repo: GOV, title: `Work ${(n += 1)}`, body: 'Where do we start?', author: PERSON, createdAt: '2026-12-01T09:00:00Z' });
  const comment = fake.comment(GOV, issue.number, '2026-12-01T09:30:00Z', PERSON, `/wg ${group}`);
  const payload = commentPayload(fake, issue, comment, PERSON);
  // Spread over five installations, each with its own request queues, as an App installed in several organizations.
  payload.installation = { id: 11 + (issue.number % 5) };
  return { issue, id: `wg-${issue.number}`, payload };
}
const send = (server: ServerProcess, d: { id: string; payload: unknown }, event = 'issue_comment') => deliver(server.port, { id: d.id, event, payload: d.payload, secret: SECRET });
const links = (issue: FakeItem, group: string) => fake.commentsOn(GOV, issue.number).filter((c) => c.by === fake.app.login && c.body.includes(linkedMarker(group)));
/** The work of a `/wg <group>` command is done: the group's label, and one link comment. */
const linked = (issue: FakeItem, group: string) => ({ labels: fake.get(GOV, issue.number).labels, links: links(issue, group).length });
const LINKED = (group: string) => ({ labels: [`wg:${group}`], links: 1 });

/** A person's pull request adding a working group's charter. */
function charterPull(i: number): FakeItem {
  const id = `tool-filtering-${i}`;
  const sha = (i.toString(16).padStart(2, '0') + 'e'.repeat(38)).slice(0, 40);
  fake.branches.set(`add-${id}`, { sha, files: { ...fake.charters, [`${id}.yaml`]: withLine(withLine(WORKING_GROUP, 2, `id: ${id}`), 3, `name: Tool Filtering ${i} Working Group`) } });
  return fake.add({ repo: GOV, type: 'pull_request', title: `Charter ${id}`, body: 'A new group.', author: PERSON, createdAt: '2026-12-01T09:00:00Z', headRef: `add-${id}`, baseRef: 'main' });
}
const charterRuns = (pull: FakeItem) => fake.checkRuns.filter((r) => r.head_sha === fake.headSha(pull) && r.name === CHARTER_CHECK_NAME);

describe('the App server as a process, against the fake GitHub', () => {
  // The process (a)-(c) run on is the one (d) cuts: started with (d)'s grace period.
  let server: ServerProcess;
  beforeAll(async () => {
    server = await start(CUT_GRACE_SECONDS);
  }, 60_000);

  it('(a) a burst of /wg commands and charter pull requests: every one answered 200 and its work done', async () => {
    const commands = Array.from({ length: 24 }, (_, i) => ({ group: GROUPS[i % GROUPS.length] as string, ...wgCommand(GROUPS[i % GROUPS.length] as string) }));
    const pulls = Array.from({ length: 4 }, (_, i) => charterPull(i));
    const answers = await Promise.all([
      ...commands.map((c) => send(server, c)),
      ...pulls.map((pull) => deliver(server.port, { id: `pr-${pull.number}`, event: 'pull_request', payload: pullRequestPayload(fake, pull, PERSON), secret: SECRET })),
    ]);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    for (const c of commands) expect(linked(c.issue, c.group)).toEqual(LINKED(c.group));
    for (const pull of pulls) expect(charterRuns(pull)).toEqual([expect.objectContaining({ status: 'completed' })]);
    expect(server.lines.filter((l) => l.level >= 50)).toEqual([]);
  }, 60_000);

  it('(a) a soak, scaled down (RSS is npm run bench\'s): 50 /wg deliveries at 100 a second, each answered 200 with its work done, no error line', async () => {
    const from = server.lines.length;
    const commands = Array.from({ length: 50 }, (_, i) => ({ group: GROUPS[i % GROUPS.length] as string, ...wgCommand(GROUPS[i % GROUPS.length] as string) }));
    const answers: Promise<Answer>[] = [];
    for (const c of commands) {
      answers.push(send(server, c));
      await new Promise((resolve) => setTimeout(resolve, 1000 / 100));
    }
    expect((await Promise.all(answers)).map((a) => a.status)).toEqual(commands.map(() => 200));
    for (const c of commands) expect(linked(c.issue, c.group)).toEqual(LINKED(c.group));
    expect(server.lines.slice(from).filter((l) => l.level >= 50)).toEqual([]);
  }, 60_000);

  it('(b) the same delivery sent 20 times at once: its work once', async () => {
    const command = wgCommand('registry');
    const from = fake.requests.length;
    const answers = await Promise.all(Array.from({ length: 20 }, () => send(server, command)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(linked(command.issue, 'registry')).toEqual(LINKED('registry'));
    expect(fake.writes(from).filter((w) => w.startsWith('POST'))).toEqual([`POST /repos/${GOV}/issues/${command.issue.number}/labels`, `POST /repos/${GOV}/issues/${command.issue.number}/comments`]);
  }, 60_000);

  it('(c) a 502 on its read and on a write, a secondary rate limit on another: each retried, its work done once', async () => {
    const command = wgCommand('sdk');
    const read = fake.fail('graphql GroupStewardWork', FAILURES.badGateway);
    const comment = fake.fail('POST comment', FAILURES.badGateway);
    const label = fake.fail(`POST /repos/${GOV}/issues/${command.issue.number}/labels`, FAILURES.secondaryRateLimit);
    const from = fake.requests.length;
    expect((await send(server, command)).status).toBe(200);
    expect({ read: read.used, comment: comment.used, label: label.used }).toEqual({ read: 1, comment: 1, label: 1 });
    // Each failed request was sent again once: two label writes and two comment writes, one of each applied.
    expect(fake.writes(from)).toEqual([...Array(2).fill(`POST /repos/${GOV}/issues/${command.issue.number}/labels`), ...Array(2).fill(`POST /repos/${GOV}/issues/${command.issue.number}/comments`)]);
    expect(linked(command.issue, 'sdk')).toEqual(LINKED('sdk'));
  }, 60_000);

  // (e)'s process: the cut deliveries' redelivery, then its clean drain.
  let next: ServerProcess;

  it('(d) SIGTERM with 20 deliveries in flight: each is answered 200 with its work done, refused 503, or logged as cut by id at error level — exit 1; (e) redelivered to a new process, the cut ones complete, and again write nothing', async () => {
    const commands = Array.from({ length: 20 }, (_, i) => ({ group: GROUPS[i % GROUPS.length] as string, ...wgCommand(GROUPS[i % GROUPS.length] as string) }));
    // Half will finish within the grace period, half stay held by the fake until the process is gone.
    const cutOnes = commands.filter((_, i) => i % 2 === 1);
    for (const c of commands) fake.held.add(c.issue.number);
    const answers = commands.map((c) => send(server, c).catch((): Answer => ({ status: 0, body: '' })));
    // Every delivery has reached its first read of the thread (the configuration and registry reads are not held).
    await until(() => fake.waiting === commands.length, () => `${fake.waiting} of ${commands.length} deliveries at their first read`);
    const from = server.lines.length;
    server.child.kill('SIGTERM');
    await until(() => server.lines.slice(from).some((l) => (l.msg ?? '').startsWith('shutting down')), () => 'the drain to begin');
    const refused = await send(server, wgCommand('registry'));
    expect(refused.status).toBe(503);
    // The finishing half is let through; the other half stays held until the process is gone.
    fake.release(commands.filter((c) => !cutOnes.includes(c)).map((c) => c.issue.number));
    const code = await server.exited;
    const settled = await Promise.all(answers);
    // What the cut process had asked is answered now, to nobody (reads: the first of each delivery).
    fake.release();

    expect(code).toBe(1);
    const lines = server.lines.slice(from);
    expect(lines.find((l) => (l.msg ?? '').startsWith('shutting down'))).toMatchObject({ inFlight: 20 });
    const cut = new Set(lines.filter((l) => l.level >= 50 && (l.msg ?? '').includes('shutdown cut')).map((l) => l.id));
    commands.forEach((c, i) => {
      const status = settled[i]?.status ?? 0;
      // Nothing is answered 2xx and dropped: a 2xx has its work done; anything else is logged as cut, by its id.
      if (status >= 200 && status < 300) expect({ id: c.id, work: linked(c.issue, c.group) }).toEqual({ id: c.id, work: LINKED(c.group) });
      else expect({ id: c.id, status, cut: cut.has(c.id) }).toEqual({ id: c.id, status, cut: true });
    });
    // The held half is cut, each logged; none of the 20 is lost.
    for (const c of cutOnes) expect(cut.has(c.id)).toBe(true);

    // (e) GitHub's redelivery of the cut ones (same ids, same payloads) to a new process.
    const again = commands.filter((c) => cut.has(c.id));
    next = await start();
    const redelivered = await Promise.all(again.map((c) => send(next, c)));
    expect(redelivered.map((a) => a.status)).toEqual(again.map(() => 200));
    for (const c of commands) expect(linked(c.issue, c.group)).toEqual(LINKED(c.group));
    const before = fake.requests.length;
    await Promise.all(again.map((c) => send(next, c)));
    expect(fake.writes(before)).toEqual([]);
  }, 90_000);

  it("(e)'s process: a clean drain exits 0; Probot's request log writes the 503 of a delivery refused while draining without the request's headers or an error", async () => {
    const slow = wgCommand('registry');
    fake.held.add(slow.issue.number);
    const answered = send(next, slow);
    await until(() => fake.waiting >= 1, () => 'the delivery at its first read');
    const from = next.lines.length;
    next.child.kill('SIGTERM');
    await until(() => next.lines.slice(from).some((l) => (l.msg ?? '').startsWith('shutting down')), () => 'the drain to begin');
    const late = wgCommand('registry');
    expect((await send(next, late)).status).toBe(503);
    fake.release([slow.issue.number]);
    expect((await answered).status).toBe(200);
    expect(await next.exited).toBe(0);
    expect(linked(slow.issue, 'registry')).toEqual(LINKED('registry'));
    expect(linked(late.issue, 'registry')).toEqual({ labels: [], links: 0 });
    const lines = next.lines.slice(from);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 30, name: 'server', msg: 'shut down: the work of every delivery finished' }));
    expect(lines).toContainEqual(expect.objectContaining({ level: 40, name: 'event', id: late.id, msg: expect.stringContaining('refused (503)') }));
    const http = lines.filter((l) => l.name === 'http');
    expect(http).toContainEqual(expect.objectContaining({ res: { statusCode: 503, headers: {} } }));
    for (const line of http) {
      expect(line.req).toEqual({ id: expect.any(String), method: 'POST', url: '/api/github/webhooks' });
      expect(line.err).toBeUndefined();
      expect(line.level).toBeLessThan(50);
    }
  }, 60_000);
});
