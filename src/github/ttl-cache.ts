/**
 * The App's read caches (the group registry, each repository's configuration): `lru-cache`,
 * bounded (`max` entries, the least recently used dropped first) and expiring (`ttlMs`), holding
 * the promise of a read so that callers asking at the same time share one read. A read that fails
 * is not kept: the next caller reads again.
 *
 * The clock is the caller's (`nowMs` on each call), not the machine's: an entry is served while a
 * caller's `nowMs` is at most `ttlMs` after the read started (lru-cache's rule), then read again.
 */
import { LRUCache } from 'lru-cache';

export interface TtlCacheOptions {
  /** The most entries kept; past it, the least recently used is dropped. */
  max: number;
  /** How long an entry is served after its read started, in ms. */
  ttlMs: number;
}

/**
 * Added to the callers' clock for lru-cache, which reads an entry started at 0 as one without a
 * TTL (never stale) — and a caller's clock may well start at 0. Shifted by it, every date from
 * about 33,700 BC to AD 250,000 is positive and an exact integer (below 2^53).
 */
const CLOCK_SHIFT_MS = 2 ** 50;

export class TtlCache<V> {
  /** The clock lru-cache reads (`perf.now()`): the `nowMs` of the current call. */
  #now = 0;
  readonly #entries: LRUCache<string, Promise<V>>;

  constructor(options: TtlCacheOptions) {
    this.#entries = new LRUCache<string, Promise<V>>({
      max: options.max,
      ttl: options.ttlMs,
      // Read the clock on every check: lru-cache otherwise reuses a reading for 1 ms, by a timer.
      ttlResolution: 0,
      perf: { now: () => this.#now + CLOCK_SHIFT_MS },
    });
  }

  /**
   * The value under `key`: the kept read when it started at most `ttlMs` before `nowMs`
   * (pending or done), otherwise `load()`, kept until it fails, expires or is dropped.
   *
   * @throws what `load` throws (to every caller sharing that read)
   */
  get(key: string, nowMs: number, load: () => Promise<V>): Promise<V> {
    this.#now = nowMs;
    const kept = this.#entries.get(key);
    if (kept !== undefined) return kept;
    const read = load();
    this.#entries.set(key, read);
    read.catch(() => {
      // Only this read: a newer one (after a `delete`) under the same key stays.
      if (this.#entries.peek(key, { allowStale: true }) === read) this.#entries.delete(key);
    });
    return read;
  }

  /** Forgets `key`; a read in flight still answers its callers, but is not kept. */
  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Forgets every key for which `matches` holds, or every key. */
  clear(matches?: (key: string) => boolean): void {
    if (matches === undefined) {
      this.#entries.clear();
      return;
    }
    for (const key of [...this.#entries.keys()]) if (matches(key)) this.#entries.delete(key);
  }
}
