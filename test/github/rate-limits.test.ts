import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createCliClient } from '../../src/github/cli-client.js';
import { GITHUB_SPACING_BASE_MS, setDefaultSpacingBaseMs, spacedGroups, throttleOptions } from '../../src/github/rate-limits.js';

const warn = () => {};

describe('the spacing between requests', () => {
  it('is the throttling plugin\'s own against GitHub: no limiter of ours, so its 1 s / 3 s / 2 s groups (and Redis) apply', () => {
    expect(GITHUB_SPACING_BASE_MS).toBe(1000);
    const options = throttleOptions({ warn, spacingBaseMs: GITHUB_SPACING_BASE_MS });
    expect(options).not.toHaveProperty('write');
    expect(options).not.toHaveProperty('notifications');
    expect(options).not.toHaveProperty('search');
    expect(options).toMatchObject({ enabled: true, retryAfterBaseValue: 1000 });
  });

  it('at another unit, is the same three limiters scaled — Bottleneck groups shared by every Octokit of that unit — and never off', async () => {
    const groups = spacedGroups(7);
    expect(throttleOptions({ warn, spacingBaseMs: 7 })).toMatchObject(groups);
    expect(spacedGroups(7)).toBe(groups);
    // The tests' unit (test/setup.ts) is what an Octokit gets without one.
    expect(throttleOptions({ warn })).toMatchObject(spacedGroups(1));
    for (const bad of [0, -1, Number.NaN]) expect(() => setDefaultSpacingBaseMs(bad)).toThrow(RangeError);
    // One job at a time per key, 1, 3 and 2 units apart.
    const gaps = async (group: (typeof groups)['write']) => {
      const limiter = group.key('gaps');
      const starts: number[] = [];
      await Promise.all([0, 1, 2].map(() => limiter.schedule(async () => void starts.push(Date.now()))));
      return starts.slice(1).map((t, i) => t - (starts[i] as number));
    };
    // Measured at a larger unit. A start is recorded when its job runs, which a loaded machine can
    // delay: a late first start shortens the gap after it, by as much as it was late. Unspaced jobs
    // start within a millisecond or two of each other, so half a unit still tells spacing from none,
    // and the span of the three starts is at least the two gaps less one delay.
    const wide = spacedGroups(40);
    for (const [group, unit] of [[wide.write, 40], [wide.notifications, 120], [wide.search, 80]] as const) {
      const measured = await gaps(group);
      expect(measured).toHaveLength(2);
      for (const gap of measured) expect(gap).toBeGreaterThanOrEqual(unit / 2);
      expect(measured[0]! + measured[1]!).toBeGreaterThanOrEqual(1.5 * unit);
    }
  });
});

describe('an Octokit with a spacing unit', () => {
  beforeEach(() => nock.cleanAll());
  afterEach(() => nock.cleanAll());

  it('sends writes a unit apart and issue creations three units apart, in order', async () => {
    const arrived: [number, string][] = [];
    const record = async (request: Request): Promise<[number, Record<string, unknown>]> => {
      const at = Date.now(); // before anything asynchronous
      const body = (await request.json()) as { name?: string; title?: string };
      arrived.push([at, `${new URL(request.url).pathname.split('/').pop()} ${body.name ?? body.title}`]);
      return [201, { id: 1, number: 1 }];
    };
    const scope = nock('https://api.github.com').post('/repos/o/r/labels').times(4).reply(record).post('/repos/o/r/issues').times(2).reply(record);
    const gh = await createCliClient({ GITHUB_TOKEN: 'ghs_x' }, 'o/r', { spacingBaseMs: 100 });
    // A first write warms the HTTP path up, so that the times compared are the limiter's.
    await gh.rest.issues.createLabel({ owner: 'o', repo: 'r', name: 'warm-up', color: 'ffffff' });
    await Promise.all(['a', 'b', 'c'].map((name) => gh.rest.issues.createLabel({ owner: 'o', repo: 'r', name, color: 'ffffff' })));
    await Promise.all(['x', 'y'].map((title) => gh.rest.issues.create({ owner: 'o', repo: 'r', title })));
    expect(scope.isDone()).toBe(true);
    arrived.sort(([a], [b]) => a - b);
    expect(arrived.map(([, what]) => what)).toEqual(['labels warm-up', 'labels a', 'labels b', 'labels c', 'issues x', 'issues y']);
    const gaps = arrived.slice(1).map(([time], i) => time - arrived[i]![0]);
    // One unit (100 ms) between writes (issue x included), three between issue creations, less up
    // to 25 ms of a loaded machine's jitter between the limiter and the arrival. (The warm-up's own
    // trip was slower: the gap after it is not the limiter's.) At GitHub's unit the same burst
    // would take over 6 s.
    for (const gap of gaps.slice(1, 4)) expect(gap).toBeGreaterThanOrEqual(75);
    expect(gaps[4]).toBeGreaterThanOrEqual(275);
    expect(arrived[5]![0] - arrived[1]![0]).toBeGreaterThanOrEqual(575);
    expect(arrived[5]![0] - arrived[1]![0]).toBeLessThan(6000);
  });
});
