import { createHmac } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createNodeMiddleware } from 'probot';
import groupSteward from '../src/index.js';
import { serverEnvironmentProblem } from '../src/server.js';
import { shutdownGraceMs } from '../src/server/drain.js';
import { createTestProbot, examplePayload } from './support/probot.js';
import { deliver as deliverTo, request } from './server/http.js';
import { issuesPayload, MARKER, SECRET as TEST_SECRET, settledYet, startTestServer, type LogEntry, type TestServer } from './server/test-server.js';

const SECRET = 'webhook-secret';
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const middleware = await createNodeMiddleware(groupSteward, { probot: createTestProbot(SECRET) });
  const server = createServer((req, res) => {
    void middleware(req, res, () => {
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  await close();
});

/**
 * POSTs a webhook delivery over a plain TCP socket — not through `http`, which nock patches for the
 * whole worker (a torn-down test file's interceptor would answer) — and resolves with the status.
 */
function deliver(body: string, signature: string | undefined): Promise<{ status: number }> {
  const { hostname, port, pathname } = new URL(url);
  const headers = [
    `POST ${pathname} HTTP/1.1`,
    `Host: ${hostname}:${port}`,
    'Content-Type: application/json',
    'X-GitHub-Event: pull_request',
    'X-GitHub-Delivery: delivery-1',
    ...(signature ? [`X-Hub-Signature-256: ${signature}`] : []),
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
  ];
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(Number(port), hostname, () => socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`));
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0) }));
  });
}

describe('the webhook server (Probot middleware at /api/github/webhooks)', () => {
  // A closed pull request is an event Group Steward does not act on: no GitHub request follows.
  const body = JSON.stringify(examplePayload('pull_request', 'closed'));
  const sign = (text: string) => `sha256=${createHmac('sha256', SECRET).update(text).digest('hex')}`;

  it('accepts a delivery signed with the webhook secret', async () => {
    const response = await deliver(body, sign(body));
    expect(response.status).toBe(200);
  });

  it('refuses a delivery with a wrong or missing signature, running nothing', async () => {
    expect((await deliver(body, sign(`${body} `))).status).toBe(400);
    expect((await deliver(body, undefined)).status).toBe(400);
  });
});

describe('the environment the server needs (serverEnvironmentProblem)', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'group-steward-server-'));
  });
  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });
  const complete = { NODE_ENV: 'production', APP_ID: '12345', PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----', WEBHOOK_SECRET: 's' };

  it('names, in one line, everything production lacks', () => {
    expect(serverEnvironmentProblem({ NODE_ENV: 'production' }, cwd)).toBe(
      'the App cannot start: set APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH) and WEBHOOK_SECRET (in the environment or .env); see docs/app.md',
    );
    expect(serverEnvironmentProblem({ ...complete, APP_ID: undefined }, cwd)).toBe('the App cannot start: set APP_ID (in the environment or .env); see docs/app.md');
    expect(serverEnvironmentProblem({ ...complete, WEBHOOK_SECRET: ' ' }, cwd)).toContain('set WEBHOOK_SECRET');
  });

  it('accepts a complete environment, a key given by PRIVATE_KEY_PATH, and values from .env', async () => {
    expect(serverEnvironmentProblem(complete, cwd)).toBeUndefined();
    await writeFile(join(cwd, 'app.pem'), 'key');
    expect(serverEnvironmentProblem({ ...complete, PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: 'app.pem' }, cwd)).toBeUndefined();
    expect(serverEnvironmentProblem({ ...complete, PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: 'nope.pem' }, cwd)).toBe('the App cannot start: PRIVATE_KEY_PATH names no file: nope.pem; see docs/app.md');
    const withDotEnv = await mkdtemp(join(tmpdir(), 'group-steward-dotenv-'));
    await writeFile(join(withDotEnv, '.env'), 'APP_ID=12345\nWEBHOOK_SECRET=s\nPRIVATE_KEY="k"\n');
    expect(serverEnvironmentProblem({ NODE_ENV: 'production' }, withDotEnv)).toBeUndefined();
    await rm(withDotEnv, { recursive: true, force: true });
  });

  it("refuses an APP_ID that is not a number, and leaves Probot's setup mode (development, no App yet) alone", () => {
    expect(serverEnvironmentProblem({ ...complete, APP_ID: 'my-app' }, cwd)).toBe('the App cannot start: APP_ID must be the App\'s numeric id, not "my-app"; see docs/app.md');
    expect(serverEnvironmentProblem({}, cwd)).toBeUndefined();
    expect(serverEnvironmentProblem({ NODE_ENV: 'development' }, cwd)).toBeUndefined();
    // Outside production, an App id without the rest is a half-configured App, not setup mode.
    expect(serverEnvironmentProblem({ APP_ID: '12345' }, cwd)).toContain('set PRIVATE_KEY (or PRIVATE_KEY_PATH) and WEBHOOK_SECRET');
  });

  it('takes the grace period of the drain from SHUTDOWN_GRACE_SECONDS (25 s by default), and names a wrong one in one line', () => {
    expect(shutdownGraceMs({})).toBe(25_000);
    expect(shutdownGraceMs({ SHUTDOWN_GRACE_SECONDS: '' })).toBe(25_000);
    expect(shutdownGraceMs({ SHUTDOWN_GRACE_SECONDS: ' 8.5 ' })).toBe(8_500);
    expect(shutdownGraceMs({ SHUTDOWN_GRACE_SECONDS: '0' })).toBe(0);
    expect(serverEnvironmentProblem({ ...complete, SHUTDOWN_GRACE_SECONDS: '40' }, cwd)).toBeUndefined();
    const wrong = 'the App cannot start: SHUTDOWN_GRACE_SECONDS must be a number of seconds from 0 to 3600 (default 25), not "%s"; see docs/app.md';
    for (const value of ['30s', '-1', '3601', 'soon']) {
      expect(serverEnvironmentProblem({ ...complete, SHUTDOWN_GRACE_SECONDS: value }, cwd)).toBe(wrong.replace('%s', value));
      expect(() => shutdownGraceMs({ SHUTDOWN_GRACE_SECONDS: value })).toThrow(wrong.replace('the App cannot start: ', '').replace('; see docs/app.md', '').replace('%s', value));
    }
    // Checked in setup mode too, with the rest.
    expect(serverEnvironmentProblem({ SHUTDOWN_GRACE_SECONDS: 'x' }, cwd)).toContain('SHUTDOWN_GRACE_SECONDS must be');
    expect(serverEnvironmentProblem({ NODE_ENV: 'production', SHUTDOWN_GRACE_SECONDS: 'x' }, cwd)).toMatch(/SHUTDOWN_GRACE_SECONDS must be .*; set APP_ID/);
  });

  it('refuses a LOG_LEVEL pino does not know, instead of a stack trace at start', () => {
    expect(serverEnvironmentProblem({ ...complete, LOG_LEVEL: 'debug' }, cwd)).toBeUndefined();
    expect(serverEnvironmentProblem({ ...complete, LOG_LEVEL: 'verbose' }, cwd)).toBe(
      'the App cannot start: LOG_LEVEL must be one of trace, debug, info, warn, error, fatal or silent, not "verbose"; see docs/app.md',
    );
  });
});

// ---- The server as `npm start` runs it (`startServer`, in process), with a test App ----
// Its `issues.opened` is held until the test releases it; the drain's timers are the test's
// (`manualTimers`): no test waits on the clock. Requests go over plain sockets (test/server/http.ts).

describe('the App server (startServer)', () => {
  let a: TestServer;
  beforeAll(async () => {
    nock.enableNetConnect('127.0.0.1');
    a = await startTestServer();
  });
  afterAll(async () => {
    await a.server.drain();
    nock.disableNetConnect();
  });

  describe("the server's logs (LOG_FORMAT=json; issue 22 § 6)", () => {
    it('a delivery with a wrong signature is refused (400) with one line — its id, event and reason — and never its payload', async () => {
      const from = a.lines.length;
      const answer = await deliverTo(a.port, { id: 'bad-signature-1', event: 'issues', payload: issuesPayload('opened'), secret: TEST_SECRET, sign: false });
      expect(answer.status).toBe(400);
      expect(a.held.ran).not.toContain('bad-signature-1');
      const above = a.entries(from).filter((e) => e.level > 20);
      expect(above.length).toBeGreaterThan(0);
      for (const entry of above) expect(JSON.stringify(entry)).not.toContain(MARKER);
      const warnings = above.filter((e) => e.level >= 40);
      expect(warnings).toEqual([
        expect.objectContaining({ level: 50, name: 'event', id: 'bad-signature-1', event: 'issues', msg: expect.stringContaining('signature does not match') }),
      ]);
      expect(warnings[0]?.err).toBeUndefined(); // no error object, no stack
    });

    it("a handler's failure is logged with its delivery id, and without its payload", async () => {
      const from = a.lines.length;
      const answer = await deliverTo(a.port, { id: 'failing-1', event: 'issues', payload: issuesPayload('pinned'), secret: TEST_SECRET });
      expect(answer.status).toBe(500);
      const errors = a.entries(from).filter((e) => e.level >= 50);
      expect(errors.some((e) => e.id === 'failing-1' && JSON.stringify(e.err).includes('the handler failed'))).toBe(true);
      for (const entry of a.entries(from).filter((e) => e.level > 20)) expect(JSON.stringify(entry)).not.toContain(MARKER);
    });

    it('every line is one JSON object carrying `name` once', () => {
      expect(a.lines.length).toBeGreaterThan(5);
      for (const line of a.lines) {
        const entry = JSON.parse(line) as LogEntry;
        expect(typeof entry.name).toBe('string');
        // A key written twice is kept once by JSON.parse: the line as written has more `"name":` than the same object written again.
        const names = (text: string) => text.split('"name":').length - 1;
        expect({ line, names: names(line) }).toEqual({ line, names: names(JSON.stringify(entry)) });
      }
    });
  });

  describe('the drain at SIGTERM (issue 22 § 1)', () => {
    it('refuses deliveries (503) and answers /ready 503, lets the work in flight finish, then stops: 0', async () => {
      expect(await request(a.port, 'GET', '/ready')).toEqual({ status: 200, body: 'READY' });
      const slow = deliverTo(a.port, { id: 'slow-1', event: 'issues', payload: issuesPayload('opened'), secret: TEST_SECRET });
      await a.held.arrived('slow-1');
      const from = a.lines.length;

      const drained = a.server.drain();
      expect(a.server.ready).toBe(false);
      expect(await request(a.port, 'GET', '/ready')).toEqual({ status: 503, body: 'DRAINING' });
      expect((await request(a.port, 'GET', '/ping')).status).toBe(200); // liveness stays
      const late = await deliverTo(a.port, { id: 'late-1', event: 'issues', payload: issuesPayload('opened'), secret: TEST_SECRET });
      expect(late.status).toBe(503);
      expect(a.held.ran).not.toContain('late-1');
      expect(await settledYet(drained)).toBe(false); // slow-1 still runs

      a.held.release('slow-1');
      expect((await slow).status).toBe(200);
      await expect(drained).resolves.toBe(0);
      const entries = a.entries(from);
      expect(entries).toContainEqual(expect.objectContaining({ level: 40, id: 'late-1', event: 'issues', msg: expect.stringContaining('refused (503)') }));
      expect(entries.filter((e) => (e.msg ?? '').includes('cut'))).toEqual([]);
      expect(entries.at(-1)).toMatchObject({ level: 30, name: 'server', msg: expect.stringContaining('shut down') });
    });

    it('when the grace period runs out, logs each delivery it cut — id and event, at error level — and resolves 1', async () => {
      const b = await startTestServer();
      const slow = deliverTo(b.port, { id: 'slow-2', event: 'issues', payload: issuesPayload('opened'), secret: TEST_SECRET });
      await b.held.arrived('slow-2');
      const from = b.lines.length;
      const drained = b.server.drain();
      expect(await settledYet(drained)).toBe(false);
      expect(b.timers.pending).toBe(1);
      b.timers.fireAll(); // the grace period runs out
      await expect(drained).resolves.toBe(1);
      const cut = b.entries(from).filter((e) => e.level >= 50);
      expect(cut).toEqual([expect.objectContaining({ name: 'server', id: 'slow-2', event: 'issues', msg: expect.stringContaining('grace period') })]);
      // The process would exit now; here the held work ends, and its connection with it.
      b.held.release('slow-2');
      await slow;
    });
  });
});
