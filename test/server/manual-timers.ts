/** Timers a test fires by hand (`DrainTimers`): nothing waits on the clock. */
import type { DrainTimers } from '../../src/server/in-flight.js';

export interface ManualTimers {
  timers: DrainTimers;
  /** How many timers are set and not yet fired or cleared. */
  readonly pending: number;
  /** Fires every pending timer. */
  fireAll(): void;
}

export function manualTimers(): ManualTimers {
  const pending = new Map<number, () => void>();
  let next = 0;
  return {
    timers: {
      setTimeout: (callback) => {
        next += 1;
        pending.set(next, callback);
        return next;
      },
      clearTimeout: (handle) => {
        pending.delete(handle as number);
      },
    },
    get pending() {
      return pending.size;
    },
    fireAll() {
      const due = [...pending.values()];
      pending.clear();
      for (const callback of due) callback();
    },
  };
}
