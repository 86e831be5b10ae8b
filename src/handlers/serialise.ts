/**
 * One thing at a time per work item, within a replica (README § Running the App, "Limits and
 * replicas"): deliveries that concern the same issue or pull request of the same installation run
 * one after another, so the second plans from what the first wrote (two `/wg registry` comments at
 * once post one link comment, not two). Across replicas nothing is shared but GitHub: there every
 * write is found again by its marker.
 */
import { Mutex } from 'async-mutex';
import type { Context } from 'probot';

const locks = new Map<string, { mutex: Mutex; users: number }>();

/**
 * Runs `work` once every earlier call with the same `key` has settled; calls with other keys run
 * alongside. A key's lock is dropped when nobody holds or waits for it, so the map stays as small
 * as the work in flight.
 *
 * @throws whatever `work` throws (the next waiter runs all the same)
 */
export async function serialised<T>(key: string, work: () => Promise<T>): Promise<T> {
  let entry = locks.get(key);
  if (!entry) {
    entry = { mutex: new Mutex(), users: 0 };
    locks.set(key, entry);
  }
  entry.users += 1;
  try {
    return await entry.mutex.runExclusive(work);
  } finally {
    entry.users -= 1;
    if (entry.users === 0) locks.delete(key);
  }
}

/** The key of issue or pull request `number` of `repo` in this delivery's installation. */
export function workKey(context: Pick<Context, 'payload'>, repo: string, number: number): string {
  const installation = (context.payload as { installation?: { id?: unknown } }).installation?.id;
  return `${String(installation ?? '')}\0${repo.toLowerCase()}#${number}`;
}
