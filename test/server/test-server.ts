/**
 * The App server in process for tests (`startServer`: Probot's `run` on a loopback port, with the
 * server's logger writing JSON lines to memory, the drain's timers the test's), running a test
 * App: `issues.opened` is held until the test releases it, `issues.pinned` fails.
 */
import { Writable } from 'node:stream';
import type { Probot } from 'probot';
import { startServer, type RunningServer } from '../../src/server/start.js';
import { testPrivateKey } from '../support/keys.js';
import { examplePayload } from '../support/probot.js';
import { freePort } from './http.js';
import { manualTimers, type ManualTimers } from './manual-timers.js';

export const SECRET = 'webhook-secret';
/** Text only the payloads carry: no line above debug may contain it. */
export const MARKER = 'PAYLOAD-MARKER-7f3a9c';

export interface LogEntry {
  level: number;
  name?: string;
  msg?: string;
  id?: string;
  event?: string;
  err?: unknown;
  [key: string]: unknown;
}

/** The deliveries the test App holds (`issues.opened`), by delivery id, and those it has run. */
export class HeldDeliveries {
  readonly ran: string[] = [];
  readonly #release = new Map<string, () => void>();
  readonly #arrived = new Map<string, () => void>();
  readonly #arrivals = new Map<string, Promise<void>>();

  /** Resolves once the handler of delivery `id` runs. */
  arrived(id: string): Promise<void> {
    let arrival = this.#arrivals.get(id);
    if (!arrival) {
      arrival = new Promise<void>((resolve) => this.#arrived.set(id, resolve));
      this.#arrivals.set(id, arrival);
    }
    return arrival;
  }

  /** The handler: held until `release(id)`. */
  async hold(id: string): Promise<void> {
    this.ran.push(id);
    void this.arrived(id);
    await new Promise<void>((resolve) => {
      this.#release.set(id, resolve);
      this.#arrived.get(id)?.();
    });
  }

  release(id: string): void {
    this.#release.get(id)?.();
  }
}

export interface TestServer {
  server: RunningServer;
  port: number;
  held: HeldDeliveries;
  timers: ManualTimers;
  lines: string[];
  entries(from?: number): LogEntry[];
}

/** A server on a free loopback port, with its held deliveries, its timers and its log lines; `env` adds to (or overrides) its environment. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter((l) => l !== ''));
      done();
    },
  });
  const held = new HeldDeliveries();
  const app = (probot: Probot) => {
    probot.on('issues.opened', async (context) => held.hold(context.id));
    probot.on('issues.pinned', async () => {
      throw new Error('the handler failed');
    });
  };
  const timers = manualTimers();
  const port = await freePort();
  const server = await startServer({
    env: { APP_ID: '12345', PRIVATE_KEY: testPrivateKey(), WEBHOOK_SECRET: SECRET, HOST: '127.0.0.1', PORT: String(port), LOG_FORMAT: 'json', LOG_LEVEL: 'trace', ...env },
    graceMs: 25_000,
    app,
    logDestination: destination,
    timers: timers.timers,
  });
  return { server, port, held, timers, lines, entries: (from = 0) => lines.slice(from).map((l) => JSON.parse(l) as LogEntry) };
}

/** GitHub's example `issues` payload of `action`, its issue's body carrying `MARKER`. */
export function issuesPayload(action: string): Record<string, unknown> {
  const payload = examplePayload('issues', action);
  payload.issue.body = `secret plans ${MARKER}`;
  return payload as Record<string, unknown>;
}

/** Whether `promise` has settled once the work queued so far (a loopback round trip included) has run. */
export async function settledYet(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}
