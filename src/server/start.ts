/**
 * Starts the App server: Probot's `run` (its HTTP server, the webhook route, `/ping`, its
 * environment options) with an App, the App's Octokit, the server's logger (`serverLog`), the
 * delivery gate (`guardDeliveries`) and `/ready`; and returns how to drain it. `src/server.ts`
 * calls it with the process's environment and wires the signals.
 */
import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { run, type ApplicationFunction, type ProbotOctokit } from 'probot';
import { appOctokit } from '../github/app-octokit.js';
import { guardDeliveries } from './delivery-gate.js';
import { drainServer } from './drain.js';
import { InFlightDeliveries, type DrainTimers } from './in-flight.js';
import { serverLog } from './log.js';
import { enqueueDeliveries } from './queue/receiver.js';
import { queueSettings } from './queue/settings.js';
import { readinessHandler } from './readiness.js';

export interface StartOptions {
  /** The environment as Probot reads it (`APP_ID`, `PRIVATE_KEY`, `WEBHOOK_SECRET`, `HOST`, `PORT`, `LOG_*`…), `.env` applied. */
  env: Readonly<Record<string, string | undefined>>;
  /** The grace period of the drain, in ms. */
  graceMs: number;
  /** The App: Group Steward's (`src/index.ts`), or a test's. */
  app: ApplicationFunction;
  /** The Octokit class (the App's, `appOctokit()`, by default). */
  Octokit?: typeof ProbotOctokit;
  /** Where log lines go (stdout by default). */
  logDestination?: Writable;
  /** The drain's timers (the process's by default). */
  timers?: DrainTimers;
}

export interface RunningServer {
  /** The port the server listens on. */
  readonly port: number;
  /** The server's own logger (`name`: `server`): the drain's lines. */
  readonly log: Logger;
  /** The readiness the server answers on `/ready`: true until the drain begins. */
  readonly ready: boolean;
  /** Drains, then stops the server: 0 when all the work in flight finished, 1 when the grace period cut some (`drainServer`). Once: later calls return the same promise. */
  drain(): Promise<0 | 1>;
  /** Ends a drain under way at once (a second signal): what is in flight is logged as cut, and the drain resolves 1. */
  cutShort(): void;
}

/**
 * The environment Probot's `run` is given: `env` without `REDIS_URL`. Probot reads `REDIS_URL` as
 * its own (a Bottleneck cluster for request throttling, loading ioredis through npx); here it
 * turns on the delivery queue (src/server/queue/), and the App paces its own requests.
 */
export function probotEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'REDIS_URL'));
}

/**
 * Starts the server and resolves once it listens. Probot's `run` would stop the server and exit
 * at once on SIGINT, cutting the work in flight: the listener it adds is removed, and the caller
 * drains on its signals instead. Throws what `run` throws (a port in use, an invalid key).
 *
 * With `REDIS_URL` (issue 22 § 4) the server is a receiver and workers on the delivery queue
 * (`DeliveryQueue`): deliveries are enqueued, the workers run the App's handlers, `/ready` also
 * needs Redis, and the drain lets the workers finish their jobs within the same grace period.
 * Throws when Redis cannot be reached at the start.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const log = await serverLog(options.env, options.logDestination);
  const deliveries = new InFlightDeliveries();
  const settings = queueSettings(options.env);
  // BullMQ and its Redis client are loaded only when the queue is on (REDIS_URL).
  const queue = settings === undefined ? undefined : await (await import('./queue/delivery-queue.js')).DeliveryQueue.connect(settings, log.child({ name: 'queue' }));
  const readiness = { get accepting() { return deliveries.accepting && (queue?.connected ?? true); } };
  const before = process.listeners('SIGINT');
  const server = await run(
    async (probot, appOptions) => {
      if (queue) enqueueDeliveries(probot.webhooks, deliveries, queue, probot.log);
      else guardDeliveries(probot.webhooks, deliveries, probot.log);
      appOptions.addHandler(readinessHandler(readiness));
      await options.app(probot, appOptions);
      queue?.startWorkers((delivery) => probot.receive(delivery as Parameters<typeof probot.receive>[0]));
    },
    { env: probotEnvironment(options.env), log, Octokit: options.Octokit ?? appOctokit() },
  ).catch(async (error: unknown) => {
    await queue?.close(0);
    throw error;
  });
  for (const listener of process.listeners('SIGINT')) if (!before.includes(listener)) process.removeListener('SIGINT', listener);
  const serverLogger = log.child({ name: 'server' });
  let drained: Promise<0 | 1> | undefined;
  // With a queue the receivers refuse at once, and the server answers (503, `/ready` 503) until the workers have stopped.
  const drainQueueThenServer = async (): Promise<(0 | 1)[]> => {
    if (!queue) return [await drainServer(server, deliveries, serverLogger, options.graceMs, options.timers)];
    serverLogger.info({ graceSeconds: options.graceMs / 1000 }, 'shutting down: new deliveries are refused (503) and /ready answers 503; the queue workers finish their jobs, the others stay in the queue');
    const received = deliveries.drain(options.graceMs, options.timers);
    const worked = await queue.close(options.graceMs, options.timers);
    await received;
    return [worked, await drainServer(server, deliveries, serverLogger, options.graceMs, options.timers)];
  };
  return {
    port: server.port,
    log: serverLogger,
    get ready() {
      return readiness.accepting;
    },
    drain: () =>
      (drained ??= drainQueueThenServer()
        .then((codes) => (codes.includes(1) ? 1 : 0) as 0 | 1)
        .catch((error: unknown) => {
          serverLogger.error({ err: error }, 'the drain failed');
          return 1 as const;
        })),
    cutShort: () => {
      deliveries.cutShort();
      queue?.cutShort();
    },
  };
}
