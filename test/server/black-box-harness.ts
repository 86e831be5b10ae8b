/**
 * The black-box harness (issue 22): the App server run as an operator runs it — a child process
 * `node <build>/src/server.js`, the sources as jest runs them, their types stripped
 * (`SERVER`, made by test/support/global-setup.js) — against the stateful fake GitHub served on 127.0.0.1
 * (`GHE_HOST`, `GHE_PROTOCOL=http`: Probot's GitHub Enterprise Server settings), with the requests'
 * spacing unit at 1 ms (the preload the Action's tests use) and JSON logs read from its stdout.
 * The fake holds the requests of chosen issues until released (`HoldingGovernance`), so a test
 * can keep deliveries in flight across a SIGTERM.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeReply, FakeRequest } from '../../bench/activity-github.js';
import { FakeGovernance } from '../support/fake-governance.js';
import type { FakeActor, FakeItem } from '../support/fake-governance.js';
import { asUser, payloadIn, pullRequestPayload as governancePullRequestPayload } from '../support/payloads.js';
import type { Json } from '../support/probot.js';
import { freePort } from './http.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/**
 * The server the tests run: src/server.js of the build of src/ test/support/global-setup.js makes
 * before the workers start (`GROUP_STEWARD_TEST_SERVER`): the sources as jest runs them, their
 * types stripped by swc, never a stale dist/ (`npm start`'s, built and type-checked by `tsc`).
 */
export const SERVER = process.env.GROUP_STEWARD_TEST_SERVER ?? '';
const SPACING_PRELOAD = new URL('../action/spacing-preload.mjs', import.meta.url).href;
/**
 * Node's on-disk compile cache for the children (`NODE_COMPILE_CACHE`, as test/action/run-bundle.ts
 * gives the Action bundle): the server and its dependencies are compiled once, not in every
 * process. Node checks each entry against the file's content and its own version.
 */
const COMPILE_CACHE = join(ROOT, 'node_modules/.cache/group-steward-tests/node-compile-cache');

/**
 * The fake GitHub that holds every request naming a held issue (REST path or GraphQL variables)
 * until that issue is released, and answers an installation token for any installation (a
 * burst spread over installations, each with its own request queues).
 */
export class HoldingGovernance extends FakeGovernance {
  readonly held = new Set<number>();
  readonly #waiting: { issue: number; resolve: () => void }[] = [];

  /** How many requests are held now. */
  get waiting(): number {
    return this.#waiting.length;
  }

  override async handle(request: Request): Promise<FakeReply> {
    if (this.held.size > 0) {
      const issue = await this.#heldIssue(request);
      if (issue !== undefined) await new Promise<void>((resolve) => this.#waiting.push({ issue, resolve }));
    }
    return super.handle(request);
  }

  /** The held issue `request` names: in its REST path, else (a body, read from a clone only then) in its GraphQL variables. */
  async #heldIssue(request: Request): Promise<number | undefined> {
    const path = /\/issues\/(\d+)(\/|$)/.exec(new URL(request.url).pathname);
    if (path) {
      const number = Number(path[1]);
      if (this.held.has(number)) return number;
    }
    if (request.method === 'GET') return undefined;
    const text = await request.clone().text();
    return [...this.held].find((n) => new RegExp(`"number":${n}[,}]`).test(text));
  }

  /** Lets the held requests of `issues` through (all when omitted), and holds those issues no more. */
  release(issues?: readonly number[]): void {
    for (const issue of issues ?? [...this.held]) this.held.delete(issue);
    for (let i = this.#waiting.length - 1; i >= 0; i--) {
      const entry = this.#waiting[i] as { issue: number; resolve: () => void };
      if (issues === undefined || issues.includes(entry.issue)) {
        this.#waiting.splice(i, 1);
        entry.resolve();
      }
    }
  }

  protected override intercept(request: FakeRequest): { reply: FakeReply; afterApplying: boolean } | null {
    const token = request.method === 'POST' ? /^\/app\/installations\/(\d+)\/access_tokens$/.exec(request.path) : null;
    if (token) return { reply: [201, { token: `ghs_${token[1] as string}`, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: { issues: 'write', checks: 'write' } }], afterApplying: false };
    return super.intercept(request);
  }
}

export interface LogLine {
  level: number;
  name?: string;
  msg?: string;
  id?: string;
  event?: string;
  [key: string]: unknown;
}

export interface ServerProcess {
  port: number;
  child: ChildProcess;
  lines: LogLine[];
  stderr: string[];
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/**
 * Starts `node <SERVER>` (the run's build of src/) on a free port against `githubUrl` (`http://127.0.0.1:<port>`),
 * in `cwd` (default: the repository) with `env` added to its settings (e.g. `REDIS_URL` and the
 * `QUEUE_*` settings); resolves once it listens.
 */
export async function startServerProcess(options: { githubUrl: string; secret: string; privateKey: string; graceSeconds: number; env?: Record<string, string>; cwd?: string }): Promise<ServerProcess> {
  if (SERVER === '') throw new Error('GROUP_STEWARD_TEST_SERVER is not set: run the tests with jest.config.js, whose global setup (test/support/global-setup.js) builds the server');
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_COMPILE_CACHE: COMPILE_CACHE,
    NODE_ENV: 'production',
    APP_ID: '12345',
    PRIVATE_KEY: options.privateKey,
    WEBHOOK_SECRET: options.secret,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    GHE_HOST: new URL(options.githubUrl).host,
    GHE_PROTOCOL: 'http',
    SHUTDOWN_GRACE_SECONDS: String(options.graceSeconds),
    ...options.env,
  };
  const child = spawn(process.execPath, ['--import', SPACING_PRELOAD, SERVER], { cwd: options.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  const stderr: string[] = [];
  let buffered = '';
  let listening: () => void = () => {};
  const ready = new Promise<void>((resolve) => (listening = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts.filter((l) => l !== '')) {
      const entry = JSON.parse(line) as LogLine;
      lines.push(entry);
      if ((entry.msg ?? '').startsWith('Listening on')) listening();
    }
  });
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await Promise.race([ready, exited.then((code) => Promise.reject(new Error(`the server exited (${code}) before listening: ${stderr.join('')}`)))]);
  return { port, child, lines, stderr, exited };
}

// ---- Payloads: GitHub's examples (@octokit/webhooks-examples) moved to the fake's repository ----

/** GitHub's example payload for `event`/`action`, moved to `fake`'s governance repository and its installation. */
export function payloadFor(fake: FakeGovernance, event: string, action: string, pick?: (p: Json) => boolean): Json {
  return payloadIn(fake.governanceRepo, event, action, pick, fake.installationId);
}

/** The `issue_comment` `created` payload of a comment on issue `issue`. */
export function commentPayload(fake: FakeGovernance, issue: FakeItem, comment: { id: number; body: string; at: string }, author: FakeActor): Json {
  const payload = payloadFor(fake, 'issue_comment', 'created', (p) => !p.issue.pull_request);
  payload.sender = asUser(payload.sender, author);
  payload.issue = { ...payload.issue, number: issue.number, title: issue.title, body: issue.body, state: 'open', labels: [], user: asUser(payload.issue.user, issue.author ?? author) };
  payload.comment = { ...payload.comment, id: comment.id, body: comment.body, created_at: comment.at, updated_at: comment.at, user: asUser(payload.comment.user, author) };
  return payload;
}

/** The `pull_request` `opened` payload of `pull`, with `fake`'s installation. */
export function pullRequestPayload(fake: FakeGovernance, pull: FakeItem, author: FakeActor): Json {
  return governancePullRequestPayload(fake, pull, author, fake.installationId);
}
