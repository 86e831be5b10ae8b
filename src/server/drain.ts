/**
 * The shutdown of the App server (issue 22 § 1): on SIGTERM or SIGINT it stops taking deliveries
 * (503, and `/ready` 503), lets the work in flight finish within the grace period, then stops;
 * what the grace period cut is logged at error level, one line per delivery, and the exit code
 * says so. `SHUTDOWN_GRACE_SECONDS` sets the grace period: 25 s by default, under the 30 s
 * Kubernetes (`terminationGracePeriodSeconds`) waits before it kills the process.
 *
 * The exit code (src/server.ts exits with `drainServer`'s result): 0 after a clean drain, 1 when
 * work was cut. Kubernetes records it (`lastState.terminated.exitCode`) and restarts nothing for a
 * pod it is deleting, so a non-zero code only marks the cut for an operator or an alert; the
 * error lines name the deliveries to redeliver (test/server/black-box.test.ts checks both codes).
 */
import type { Logger } from 'pino';
import { systemTimers, type DrainTimers, type InFlightDeliveries } from './in-flight.js';

export const DEFAULT_GRACE_SECONDS = 25;
export const MAX_GRACE_SECONDS = 3600;
/** How long the server may take to close once the work is done, in ms (its idle connections close at once). */
export const STOP_WAIT_MS = 1000;

/** What is wrong with `SHUTDOWN_GRACE_SECONDS` (seconds, 0 to 3600, decimals allowed; unset or empty: 25), in one line; undefined when nothing is. */
export function shutdownGraceProblem(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const text = (env.SHUTDOWN_GRACE_SECONDS ?? '').trim();
  if (text === '') return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (seconds <= MAX_GRACE_SECONDS) return undefined;
  return `SHUTDOWN_GRACE_SECONDS must be a number of seconds from 0 to ${MAX_GRACE_SECONDS} (default ${DEFAULT_GRACE_SECONDS}), not "${text.slice(0, 40)}"`;
}

/** The grace period in ms from `SHUTDOWN_GRACE_SECONDS`. Throws the problem's line when it is invalid. */
export function shutdownGraceMs(env: Readonly<Record<string, string | undefined>>): number {
  const problem = shutdownGraceProblem(env);
  if (problem !== undefined) throw new Error(problem);
  const text = (env.SHUTDOWN_GRACE_SECONDS ?? '').trim();
  return Math.round((text === '' ? DEFAULT_GRACE_SECONDS : Number(text)) * 1000);
}

/**
 * Drains `deliveries` for at most `graceMs` (ms), then stops `server`: resolves 0 when every
 * delivery's work finished (after the server closed, or `STOP_WAIT_MS` at most), 1 when the grace
 * period cut some — each logged at error level with its delivery id and event; the server is then
 * closed without waiting, the process's exit ending the cut work's connections.
 */
export async function drainServer(server: { stop(): Promise<void> }, deliveries: InFlightDeliveries, log: Logger, graceMs: number, timers: DrainTimers = systemTimers): Promise<0 | 1> {
  const seconds = graceMs / 1000;
  log.info({ inFlight: deliveries.running.length, graceSeconds: seconds }, 'shutting down: new deliveries are refused (503) and /ready answers 503; waiting for the work in flight');
  const cut = await deliveries.drain(graceMs, timers);
  for (const delivery of cut) {
    log.error(
      { id: delivery.id, event: delivery.event, runningMs: deliveries.runningFor(delivery) },
      `shutdown cut this delivery: its work had not finished when the grace period (${seconds} s) ran out`,
    );
  }
  if (cut.length > 0) {
    server.stop().catch(() => {});
    return 1;
  }
  await new Promise<void>((resolve) => {
    const timer = timers.setTimeout(resolve, STOP_WAIT_MS);
    server.stop().then(
      () => {
        timers.clearTimeout(timer);
        resolve();
      },
      () => resolve(),
    );
  });
  log.info('shut down: the work of every delivery finished');
  return 0;
}
