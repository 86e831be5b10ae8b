/**
 * The webhook deliveries whose work is running in this process, and the drain at shutdown: while
 * serving, a delivery is admitted and counted from its receipt to the end of its handlers; once
 * the drain begins none is admitted (the server answers 503, which GitHub records as a failed
 * delivery it can redeliver), and the drain ends when the last one finishes or when the grace
 * period runs out, with the deliveries it cut. Pure: the clock and the timers are injected.
 */

/** A delivery in flight: its `X-GitHub-Delivery` id, its event name, and when it was admitted (ms, the clock's). */
export interface InFlightDelivery {
  readonly id: string;
  readonly event: string;
  readonly since: number;
}

/** The timers the drain waits with: the global ones, or a test's. */
export interface DrainTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The process's timers. */
export const systemTimers: DrainTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The deliveries in flight in this process, and its drain (one per process: a drain cannot be undone). */
export class InFlightDeliveries {
  readonly #running = new Set<InFlightDelivery>();
  readonly #clock: () => number;
  #drain: { promise: Promise<readonly InFlightDelivery[]>; end: () => void } | undefined;

  /** @param clock milliseconds (`Date.now` by default); only differences are used. */
  constructor(clock: () => number = Date.now) {
    this.#clock = clock;
  }

  /** True while serving; false from the drain's start on (readiness follows it). */
  get accepting(): boolean {
    return this.#drain === undefined;
  }

  /** The deliveries in flight, oldest first. */
  get running(): readonly InFlightDelivery[] {
    return [...this.#running];
  }

  /**
   * Counts a delivery as in flight, and returns the function to call once its handlers have
   * ended (calling it again does nothing); undefined, counting nothing, once the drain has begun.
   * Two deliveries with the same id (a redelivery while the first runs) are counted apart.
   */
  admit(delivery: { id: string; event: string }): (() => void) | undefined {
    if (!this.accepting) return undefined;
    const entry: InFlightDelivery = { id: delivery.id, event: delivery.event, since: this.#clock() };
    this.#running.add(entry);
    return () => {
      if (!this.#running.delete(entry)) return;
      if (this.#running.size === 0) this.#drain?.end();
    };
  }

  /**
   * Stops admitting deliveries and waits for those in flight: resolves with none once the last
   * has finished, or with those still running when `graceMs` (milliseconds, ≥ 0) has passed.
   * A second call returns the first call's promise.
   */
  drain(graceMs: number, timers: DrainTimers = systemTimers): Promise<readonly InFlightDelivery[]> {
    if (this.#drain) return this.#drain.promise;
    let settle: (cut: readonly InFlightDelivery[]) => void = () => {};
    const promise = new Promise<readonly InFlightDelivery[]>((resolve) => (settle = resolve));
    let timer: unknown;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      settle(this.running);
    };
    this.#drain = { promise, end };
    if (this.#running.size === 0) end();
    else timer = timers.setTimeout(end, Math.max(0, graceMs));
    return promise;
  }

  /** Ends a drain now (a second signal): it resolves with every delivery still in flight. Nothing before a drain. */
  cutShort(): void {
    this.#drain?.end();
  }

  /** How long `delivery` has run at the clock's present reading, in ms. */
  runningFor(delivery: InFlightDelivery): number {
    return Math.max(0, this.#clock() - delivery.since);
  }
}
