/**
 * Reading newest first (issue 10 § 4): the pure decision of when a group's sources have been read
 * far enough (`decideUnits`, `nextReads`), and how the evaluation judges a source read so
 * (`judgeCoverage` with the group's latest activity; an interest group's counts "at least").
 */
import { describe, expect, it } from '@jest/globals';
import { judgeCoverage } from '../../src/activity/coverage.js';
import type { CoverageEntry, GroupSource } from '../../src/activity/coverage.js';
import { evaluateActivity } from '../../src/activity/evaluate.js';
import { decideUnits, nextReads, sourceKey } from '../../src/activity/newest-first.js';
import type { ReadFrontier, StopInput } from '../../src/activity/newest-first.js';
import type { SnapshotItem } from '../../src/activity/snapshot.js';
import { APP, daysAgo, event, interestGroup, item, NOW, snapshot, WINDOW_DAYS, workingGroup } from './helpers.js';

const DAY = 86_400_000;
const REPO = 'modelcontextprotocol/registry';
const SPEC = 'modelcontextprotocol/modelcontextprotocol';
const repo: GroupSource = { source: 'repo', repo: REPO };
const label: GroupSource = { source: 'label', label: 'wg:registry' };
const ms = (days: number) => NOW - days * DAY;

/** An item of the registry repository, last updated `updated` days ago, with these events. */
function work(number: number, events: SnapshotItem['events'], overrides: Partial<SnapshotItem> = {}): SnapshotItem {
  return item({ repo: REPO, number, author: 'someone', events, ...overrides });
}

function input(overrides: Partial<StopInput> & { frontiers?: Map<string, ReadFrontier> }): StopInput {
  return { units: [[repo]], items: [], frontiers: new Map(), cut: new Map(), now: NOW, policy: { botLogins: [], appLogin: APP }, ...overrides };
}

const open = (reachedDaysAgo: number | null): ReadFrontier => ({ done: false, reached: reachedDaysAgo === null ? null : ms(reachedDaysAgo) });

describe('when a group has been read far enough (decideUnits)', () => {
  it('stops once the source was read down to an update time before the newest human event', () => {
    const items = [work(1, [event(daysAgo(2), 'alice')]), work(2, [event(daysAgo(4), 'bob')])];
    // Read down to items updated 4 days ago: nothing unread can be newer than Alice's comment 2 days ago.
    const [decision] = decideUnits(input({ items, frontiers: new Map([[sourceKey(repo), open(4)]]) }));
    expect(decision).toEqual({ decided: true, newest: ms(2), readFurther: [], readWhole: [] });
    // Read only down to 1 day ago: an item updated 1.5 days ago, unread, could hold newer activity.
    expect(decideUnits(input({ items, frontiers: new Map([[sourceKey(repo), open(1)]]) }))[0]).toMatchObject({ decided: false, readFurther: [sourceKey(repo)] });
    // Ties: read down to the very instant of the newest human event is not enough — an unread item
    // updated at that instant could hold an event at it too, and be the one a full read shows.
    expect(decideUnits(input({ items, frontiers: new Map([[sourceKey(repo), open(2)]]) }))[0]?.decided).toBe(false);
  });

  it('reads on while no human event was seen (bots, labelling, the App, events after now do not count), until the source ends', () => {
    const bot = (at: number) => event(daysAgo(at), 'dependabot[bot]', 'opened', 'Bot');
    const items = [
      work(1, [bot(3), event(daysAgo(1), 'dependabot[bot]', 'comment', 'Bot'), event(daysAgo(1), 'triager', 'labeled')], { author: 'dependabot[bot]' }),
      work(2, [event(daysAgo(3), 'renovate', 'opened', 'Bot'), event(daysAgo(0.5), 'renovate', 'comment', 'Bot')], { author: 'renovate' }),
      // The App's own issue, and a person's comment on it: no group's work.
      work(3, [event(daysAgo(3), APP, 'opened', 'Bot'), event(daysAgo(0.2), 'rdimitrov')], { labels: ['group-retirement'], author: APP }),
      // A comment dated after the instant judged is not evidence of activity at it.
      work(4, [bot(3), event(new Date(NOW + DAY).toISOString(), 'alice')], { author: 'dependabot[bot]' }),
    ];
    const frontiers = new Map([[sourceKey(repo), open(60)]]);
    expect(decideUnits(input({ items, frontiers }))[0]).toEqual({ decided: false, newest: null, readFurther: [sourceKey(repo)], readWhole: [] });
    // A login in `bot_logins` is a bot too.
    const byConfigured = [work(5, [event(daysAgo(1), 'ci-runner')], { author: 'ci-runner' })];
    expect(decideUnits(input({ items: byConfigured, frontiers, policy: { botLogins: ['CI-Runner'] } }))[0]?.decided).toBe(false);
    // Read to its end: nothing more to read, the group is decided (no human activity in the period read).
    expect(decideUnits(input({ items, frontiers: new Map([[sourceKey(repo), { done: true }]]) }))[0]).toEqual({ decided: true, newest: null, readFurther: [], readWhole: [] });
  });

  it("decides a group on all its sources: another source's activity stops a source busy with bots", () => {
    const items = [
      ...Array.from({ length: 3 }, (_, i) => work(10 + i, [event(daysAgo(0.1 * (i + 1)), 'dependabot[bot]', 'comment', 'Bot')], { author: 'dependabot[bot]' })),
      item({ repo: SPEC, number: 7, labels: ['wg:registry'], events: [event(daysAgo(5), 'alice')] }),
    ];
    const frontiers = new Map([
      [sourceKey(repo), open(0.3)],
      [sourceKey(label), { done: true } as ReadFrontier],
    ]);
    // As one group: the labelled item's comment 5 days ago is the newest human event; the repository must be read down to it.
    expect(decideUnits(input({ units: [[repo, label]], items, frontiers }))[0]).toMatchObject({ decided: false, newest: ms(5), readFurther: [sourceKey(repo)] });
    expect(decideUnits(input({ units: [[repo, label]], items, frontiers: new Map([...frontiers, [sourceKey(repo), open(5.5)]]) }))[0]?.decided).toBe(true);
    // Each source alone: the repository has seen no human event yet.
    expect(decideUnits(input({ units: [[repo], [label]], items, frontiers: new Map([...frontiers, [sourceKey(repo), open(5.5)]]) })).map((d) => d.decided)).toEqual([false, true]);
  });

  it('reads again whole an item whose older events were not read when they could hold a newer human event', () => {
    // Item 1: 30 bot comments over the last 3 days, only the newest read: a person may have commented before them.
    const cutItem = work(1, Array.from({ length: 25 }, (_, i) => event(daysAgo(3 - i * 0.1), 'dependabot[bot]', 'comment', 'Bot')));
    const older = work(2, [event(daysAgo(6), 'alice')]);
    const frontiers = new Map([[sourceKey(repo), { done: true } as ReadFrontier]]);
    const cut = new Map([[`${REPO}#1`.toLowerCase(), ms(3)]]);
    expect(decideUnits(input({ items: [cutItem, older], frontiers, cut }))[0]).toEqual({ decided: false, newest: ms(6), readFurther: [], readWhole: [`${REPO}#1`.toLowerCase()] });
    // Its oldest event read is older than the newest human event: what was not read cannot be as new.
    const newer = work(3, [event(daysAgo(2), 'bob')]);
    expect(decideUnits(input({ items: [cutItem, older, newer], frontiers, cut }))[0]?.decided).toBe(true);
    // The same instant could be a tie: read it whole.
    const tie = work(4, [event(daysAgo(3), 'carol')]);
    expect(decideUnits(input({ items: [cutItem, older, tie], frontiers, cut }))[0]?.readWhole).toEqual([`${REPO}#1`.toLowerCase()]);
  });

  it('reads a source two groups share until both are decided, each once (nextReads)', () => {
    const shared: GroupSource = { source: 'repo', repo: 'modelcontextprotocol/shared' };
    const items = [item({ repo: 'modelcontextprotocol/shared', number: 1, events: [event(daysAgo(3), 'alice')] }), work(2, [event(daysAgo(1), 'bob')])];
    const frontiers = new Map([
      [sourceKey(shared), open(2)],
      [sourceKey(repo), open(2)],
    ]);
    // Read down to 2 days ago only: Alice's comment 3 days ago may not be the shared repository's
    // newest, so it is read further — once, for both groups.
    expect(nextReads(input({ units: [[shared], [repo, shared]], items, frontiers }))).toEqual({ sources: [sourceKey(shared)], items: [] });
    expect(nextReads(input({ units: [[shared], [repo, shared]], items, frontiers: new Map([...frontiers, [sourceKey(shared), open(3.5)]]) }))).toEqual({ sources: [], items: [] });
    // Keys ignore case, as sources do.
    expect(sourceKey({ source: 'repo', repo: 'ModelContextProtocol/Shared' })).toBe(sourceKey(shared));
  });
});

describe('judging a source read newest first', () => {
  const sources: GroupSource[] = [repo];
  const entry = (from: string): CoverageEntry[] => [{ source: 'repo', repo: REPO, status: 'read', from, until: new Date(NOW).toISOString() }];
  const judged = (from: string, latestActivity?: number) =>
    judgeCoverage({ sources, coverage: entry(from), generatedAt: NOW, windowStart: ms(WINDOW_DAYS), windowEnd: NOW, ...(latestActivity === undefined ? {} : { latestActivity }) })[0];

  it('is read over the window only when it reaches back to the window, or to the latest activity', () => {
    expect(judged(daysAgo(40))).toEqual({ source: `repository ${REPO}`, status: 'read' });
    expect(judged(daysAgo(4))).toMatchObject({ status: 'partial', why: expect.stringContaining('does not cover the window') });
    expect(judged(daysAgo(4), ms(2))).toEqual({ source: `repository ${REPO}`, status: 'read' });
    expect(judged(daysAgo(4), ms(5))).toMatchObject({ status: 'partial' });
  });

  it('an active group read newest first is active with every source read; a silent one read so is never idle', () => {
    const charter = workingGroup({ repos: [REPO], first_work: undefined });
    const coverage: CoverageEntry[] = [
      { source: 'repo', repo: REPO, status: 'read', from: daysAgo(4), until: new Date(NOW).toISOString() },
      { source: 'label', label: 'wg:registry', scope: 'user:modelcontextprotocol', status: 'read', from: '2026-06-01', until: new Date(NOW).toISOString() },
    ];
    const active = evaluateActivity({ charters: [charter], snapshot: snapshot([work(1, [event(daysAgo(2), 'alice')])], coverage), now: NOW, inactivityDays: WINDOW_DAYS })[0];
    expect(active).toMatchObject({ verdict: 'active', lastActivity: { at: daysAgo(2) } });
    expect(active?.coverage.map((c) => c.status)).toEqual(['read', 'read']);
    // The same read, but the newest human event older than where it stopped: not read far enough to call it idle.
    const silent = evaluateActivity({ charters: [charter], snapshot: snapshot([work(1, [event(daysAgo(40), 'alice')])], coverage), now: NOW, inactivityDays: WINDOW_DAYS })[0];
    expect(silent).toMatchObject({ verdict: 'unknown', reason: expect.stringContaining('does not cover the window') });
    // A completed group's evidence says what was not read, as before.
    const done = workingGroup({ repos: [REPO], first_work: undefined, deliverables: [`https://github.com/${REPO}/issues/1`] });
    const completed = evaluateActivity({ charters: [done], snapshot: snapshot([work(1, [event(daysAgo(2), 'alice')], { state: 'closed' })], [...coverage, { source: 'item', repo: REPO, number: 1, status: 'read', until: new Date(NOW).toISOString() }]), now: NOW, inactivityDays: WINDOW_DAYS })[0];
    expect(completed?.verdict).toBe('completed');
    expect(completed?.coverage.map((c) => c.status)).toEqual(['partial', 'read', 'read']);
  });

  it("an interest group's counts from a read that stopped early are said to be at least so many", () => {
    const charter = interestGroup({ repos: [REPO] });
    const coverage: CoverageEntry[] = [
      { source: 'repo', repo: REPO, status: 'read', from: daysAgo(4), until: new Date(NOW).toISOString() },
      { source: 'label', label: 'ig:security', scope: 'user:modelcontextprotocol', status: 'read', from: '2026-06-01', until: new Date(NOW).toISOString() },
    ];
    const items = [work(1, [event(daysAgo(2), 'alice')]), work(2, [event(daysAgo(3), 'bob')])];
    const [v] = evaluateActivity({ charters: [charter], snapshot: snapshot(items, coverage), now: NOW, inactivityDays: WINDOW_DAYS });
    expect(v?.expectation).toMatchObject({ state: 'met', met: true, threads: 0, notes: 0, items: 2, text: 'met: at least 2 issues or pull requests' });
    // Read over the whole window: exact counts, as before.
    const whole = coverage.map((c) => ({ ...c, from: '2026-06-01' }));
    expect(evaluateActivity({ charters: [charter], snapshot: snapshot(items, whole), now: NOW, inactivityDays: WINDOW_DAYS })[0]?.expectation?.text).toBe('met: 2 issues or pull requests');
  });
});
