/** Reading back far enough for members' participation (issue 24): a unit with a read-back instant is decided only once read back to it. */
import { describe, expect, it } from '@jest/globals';
import type { GroupSource } from '../../src/activity/coverage.js';
import { decideUnits, sourceKey } from '../../src/activity/newest-first.js';
import type { ReadFrontier } from '../../src/activity/newest-first.js';
import { daysAgo, event, item, NOW } from './helpers.js';

const DAY = 86_400_000;
const repo: GroupSource = { source: 'repo', repo: 'modelcontextprotocol/registry' };
const open = (days: number): ReadFrontier => ({ done: false, reached: NOW - days * DAY });
const items = [item({ repo: 'modelcontextprotocol/registry', number: 1, events: [event(daysAgo(2), 'alice')] })];
const decide = (frontier: ReadFrontier, readBack: (number | null)[] | undefined, cut = new Map<string, number>()) =>
  decideUnits({ units: [[repo]], items, frontiers: new Map([[sourceKey(repo), frontier]]), cut, now: NOW, policy: { botLogins: [] }, ...(readBack ? { readBack } : {}) })[0];

describe('decideUnits with a read-back instant', () => {
  it('reads further while the frontier is after it, whatever the newest human event', () => {
    // Without one: decided once read below the newest human event (2 days ago).
    expect(decide(open(5), undefined)?.decided).toBe(true);
    expect(decide(open(5), [null])?.decided).toBe(true);
    // With one 100 days back: read further until the frontier reaches it.
    expect(decide(open(5), [NOW - 100 * DAY])).toMatchObject({ decided: false, readFurther: [sourceKey(repo)] });
    expect(decide(open(100), [NOW - 100 * DAY])?.decided).toBe(true);
    expect(decide({ done: true }, [NOW - 100 * DAY])?.decided).toBe(true);
  });

  it('reads whole an item read in part whose oldest event read is after it', () => {
    const cut = new Map([['modelcontextprotocol/registry#1', NOW - 3 * DAY]]);
    expect(decide(open(200), [null], cut)?.readWhole).toEqual([]);
    expect(decide(open(200), [NOW - 100 * DAY], cut)?.readWhole).toEqual(['modelcontextprotocol/registry#1']);
  });
});
