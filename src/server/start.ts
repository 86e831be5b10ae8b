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
 * Starts the server and resolves once it listens. Probot's `run` would stop the server and exit
 * at once on SIGINT, cutting the work in flight: the listener it adds is removed, and the caller
 * drains on its signals instead. Throws what `run` throws (a port in use, an invalid key).
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const log = await serverLog(options.env, options.logDestination);
  const deliveries = new InFlightDeliveries();
  const before = process.listeners('SIGINT');
  const server = await run(
    async (probot, appOptions) => {
      guardDeliveries(probot.webhooks, deliveries, probot.log);
      appOptions.addHandler(readinessHandler(deliveries));
      await options.app(probot, appOptions);
    },
    { env: { ...options.env }, log, Octokit: options.Octokit ?? appOctokit() },
  );
  for (const listener of process.listeners('SIGINT')) if (!before.includes(listener)) process.removeListener('SIGINT', listener);
  const serverLogger = log.child({ name: 'server' });
  let drained: Promise<0 | 1> | undefined;
  return {
    port: server.port,
    log: serverLogger,
    get ready() {
      return deliveries.accepting;
    },
    drain: () =>
      (drained ??= drainServer(server, deliveries, serverLogger, options.graceMs, options.timers).catch((error: unknown) => {
        serverLogger.error({ err: error }, 'the drain failed');
        return 1 as const;
      })),
    cutShort: () => deliveries.cutShort(),
  };
}
