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
    // One job at a time per key, 1, 3 and 2 units apart. Bottleneck reserves each job's start one
    // unit after the reserved start of the job before it, all reserved when the jobs are
    // scheduled, so the k-th job of a burst starts at least k units after the burst: a loaded
    // machine only makes a start later (measuring the gap between two starts instead fails when
    // the first of them is late). Less 2 ms: a timer may fire a millisecond before Date.now()
    // says its delay is over. Unspaced, the three start within a millisecond or two of the burst.
    const starts = async (group: (typeof groups)['write']) => {
      const limiter = group.key('starts');
      const burst = Date.now();
      const at: number[] = [];
      await Promise.all([0, 1, 2].map(() => limiter.schedule(async () => void at.push(Date.now() - burst))));
      return at;
    };
    const wide = spacedGroups(40);
    for (const [group, unit] of [[wide.write, 40], [wide.notifications, 120], [wide.search, 80]] as const) {
      const at = await starts(group);
      expect(at).toHaveLength(3);
      at.forEach((start, k) => expect(start).toBeGreaterThanOrEqual(k * unit - 2));
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
    const unit = 100;
    const gh = await createCliClient({ GITHUB_TOKEN: 'ghs_x' }, 'o/r', { spacingBaseMs: unit });
    // The client spaces with the Bottleneck groups of its unit (shared by unit), not GitHub's.
    expect(spacedGroups(unit).write.keys()).toEqual([]);
    await gh.rest.issues.createLabel({ owner: 'o', repo: 'r', name: 'warm-up', color: 'ffffff' });
    expect(spacedGroups(unit).write.keys()).toHaveLength(1);
    const labels = Date.now();
    await Promise.all(['a', 'b', 'c'].map((name) => gh.rest.issues.createLabel({ owner: 'o', repo: 'r', name, color: 'ffffff' })));
    const issues = Date.now();
    await Promise.all(['x', 'y'].map((title) => gh.rest.issues.create({ owner: 'o', repo: 'r', title })));
    expect(scope.isDone()).toBe(true);
    expect(spacedGroups(unit).notifications.keys()).toHaveLength(1);
    arrived.sort(([a], [b]) => a - b);
    expect(arrived.map(([, what]) => what)).toEqual(['labels warm-up', 'labels a', 'labels b', 'labels c', 'issues x', 'issues y']);
    // Each write's start is reserved a unit after the one before it, an issue creation's three
    // units after the one before it (see above): counted from the start of each burst, which a
    // loaded machine can only make later, less 2 ms of timer rounding. At GitHub's unit the same
    // burst would take over 6 s.
    const after = (from: number, i: number) => (arrived[i] as [number, string])[0] - from;
    expect(after(labels, 2)).toBeGreaterThanOrEqual(unit - 2); // b
    expect(after(labels, 3)).toBeGreaterThanOrEqual(2 * unit - 2); // c
    expect(after(labels, 4)).toBeGreaterThanOrEqual(3 * unit - 2); // x: a write after c
    expect(after(labels, 5)).toBeGreaterThanOrEqual(6 * unit - 2); // y: an issue creation after x
    expect(after(issues, 5)).toBeGreaterThanOrEqual(3 * unit - 2);
  });
});
