import { describe, expect, it } from '@jest/globals';
import { TtlCache } from '../../src/github/ttl-cache.js';

/** A load that counts its calls and resolves (or rejects) when told. */
function deferredLoads() {
  const pending: { resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  let calls = 0;
  const load = () => {
    calls += 1;
    return new Promise<string>((resolve, reject) => pending.push({ resolve, reject }));
  };
  return { load, pending, calls: () => calls };
}

describe('the TTL cache', () => {
  it('gives concurrent callers one read, and the value until the TTL has passed by the caller\'s clock', async () => {
    const cache = new TtlCache<string>({ max: 10, ttlMs: 1000 });
    const { load, pending, calls } = deferredLoads();
    const a = cache.get('k', 0, load);
    const b = cache.get('k', 10, load);
    expect(calls()).toBe(1);
    pending[0]?.resolve('one');
    expect(await a).toBe('one');
    expect(await b).toBe('one');
    expect(await cache.get('k', 1000, load)).toBe('one');
    expect(calls()).toBe(1);

    const c = cache.get('k', 1001, load);
    expect(calls()).toBe(2);
    pending[1]?.resolve('two');
    expect(await c).toBe('two');
    expect(await cache.get('k', 1500, load)).toBe('two');
    expect(calls()).toBe(2);
  });

  it('keeps no failed read: its callers share the error, the next caller reads again', async () => {
    const cache = new TtlCache<string>({ max: 10, ttlMs: 1000 });
    const { load, pending, calls } = deferredLoads();
    const a = cache.get('k', 0, load);
    const b = cache.get('k', 0, load);
    pending[0]?.reject(new Error('502'));
    await expect(a).rejects.toThrow('502');
    await expect(b).rejects.toThrow('502');
    const c = cache.get('k', 1, load);
    expect(calls()).toBe(2);
    pending[1]?.resolve('ok');
    expect(await c).toBe('ok');
  });

  it('lets a read in flight answer its callers after a delete, and keeps the newer read when the old one fails', async () => {
    const cache = new TtlCache<string>({ max: 10, ttlMs: 1000 });
    const { load, pending, calls } = deferredLoads();
    const old = cache.get('k', 0, load);
    cache.delete('k');
    const fresh = cache.get('k', 0, load);
    expect(calls()).toBe(2);
    pending[0]?.reject(new Error('old'));
    await expect(old).rejects.toThrow('old');
    pending[1]?.resolve('new');
    expect(await fresh).toBe('new');
    expect(await cache.get('k', 1, load)).toBe('new');
    expect(calls()).toBe(2);
  });

  it('is bounded: past `max` entries the least recently used is dropped', async () => {
    const cache = new TtlCache<string>({ max: 2, ttlMs: 1000 });
    let calls = 0;
    const load = (v: string) => () => ((calls += 1), Promise.resolve(v));
    await cache.get('a', 0, load('a'));
    await cache.get('b', 0, load('b'));
    await cache.get('a', 0, load('a')); // a is now the most recently used
    await cache.get('c', 0, load('c')); // drops b
    expect(calls).toBe(3);
    await cache.get('a', 0, load('a'));
    expect(calls).toBe(3);
    await cache.get('b', 0, load('b'));
    expect(calls).toBe(4);
  });

  it('forgets the keys a predicate picks, or every key', async () => {
    const cache = new TtlCache<string>({ max: 10, ttlMs: 1000 });
    let calls = 0;
    const load = () => ((calls += 1), Promise.resolve('v'));
    for (const key of ['o/a\u00001', 'o/a\u00002', 'o/b\u00001']) await cache.get(key, 0, load);
    cache.clear((key) => key.startsWith('o/a\u0000'));
    for (const key of ['o/a\u00001', 'o/a\u00002', 'o/b\u00001']) await cache.get(key, 0, load);
    expect(calls).toBe(5);
    cache.clear();
    await cache.get('o/b\u00001', 0, load);
    expect(calls).toBe(6);
  });
});
