/**
 * Issue 24: work labelled with a predecessor's label counts for its successor — also for an
 * interest group that became a working group (`retired.successor`), whose label has the other
 * prefix (`ig:` → `wg:`) — and a predecessor's label the snapshot did not read keeps silence from
 * being `idle`.
 */
import { describe, expect, it } from '@jest/globals';
import { groupSources } from '../../src/activity/coverage.js';
import { evaluateActivity } from '../../src/activity/evaluate.js';
import type { Charter } from '../../src/charters/schema.js';
import { daysAgo, event, fullCoverage, interestGroup, item, NOW, readEntry, snapshot, WINDOW_DAYS, workingGroup } from './helpers.js';

const successor = workingGroup({ id: 'progressive-disclosure', name: 'Progressive Disclosure Working Group', repos: [], first_work: undefined, formed: '2025-01-01' });
const predecessor: Charter = interestGroup({ id: 'primitive-grouping', name: 'Primitive Grouping Interest Group', status: 'retired', retired: { on: '2026-06-01', reason: 'Became the Progressive Disclosure WG.', successor: 'progressive-disclosure' } });
const charters = [successor, predecessor];
const verdictOf = (items: ReturnType<typeof item>[], coverage = fullCoverage(charters).concat(groupSources(successor, charters).flatMap((s) => readEntry(s) ?? []))) =>
  evaluateActivity({ charters, snapshot: snapshot(items, coverage), now: NOW, inactivityDays: WINDOW_DAYS }).find((v) => v.id === successor.id);

describe("a successor and its predecessor's label", () => {
  it("the successor's sources include the predecessor's label, with its own prefix", () => {
    expect(groupSources(successor, charters).filter((s) => s.source === 'label')).toEqual([
      { source: 'label', label: 'wg:progressive-disclosure' },
      { source: 'label', label: 'ig:primitive-grouping' },
    ]);
  });

  it('work labelled ig:primitive-grouping last week makes the working group active', () => {
    const work = item({ number: 7, labels: ['ig:primitive-grouping'], events: [event(daysAgo(7), 'someone')] });
    expect(verdictOf([work])).toMatchObject({ verdict: 'active', lastActivity: { number: 7 } });
    // Without that work, and every source read, the working group is idle.
    expect(verdictOf([])).toMatchObject({ verdict: 'idle' });
  });

  it("the predecessor's label not read: silence is unknown, not idle", () => {
    const onlyOwn = groupSources(successor).flatMap((s) => readEntry(s) ?? []);
    expect(verdictOf([], onlyOwn)).toMatchObject({ verdict: 'unknown' });
  });
});
