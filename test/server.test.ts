import { createHmac } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createNodeMiddleware } from 'probot';
import groupSteward from '../src/index.js';
import { serverEnvironmentProblem } from '../src/server.js';
import { createTestProbot, examplePayload } from './support/probot.js';

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
});
