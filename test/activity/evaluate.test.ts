import { describe, expect, it } from '@jest/globals';
import { evaluateActivity } from '../../src/activity/evaluate.js';
import type { EvaluateInput, GroupVerdict } from '../../src/activity/evaluate.js';
import type { Charter } from '../../src/charters/schema.js';
import type { SnapshotItem } from '../../src/activity/snapshot.js';
import { APP, NOW, WINDOW_DAYS, dateDaysAgo, daysAgo, event, interestGroup, fullCoverage, item, snapshot, workingGroup } from './helpers.js';

const REGISTRY = 'modelcontextprotocol/registry';

function judge(items: SnapshotItem[], charters: Charter[] = [workingGroup()], options: Partial<EvaluateInput> = {}): GroupVerdict[] {
  return evaluateActivity({ charters, snapshot: snapshot(items, fullCoverage(charters)), now: NOW, inactivityDays: WINDOW_DAYS, botLogins: ['Release-Robot'], appLogin: APP, ...options });
}
const one = (items: SnapshotItem[], charter: Charter = workingGroup(), options: Partial<EvaluateInput> = {}) => judge(items, [charter], options)[0] as GroupVerdict;

describe('the inactivity window (SEP-1302 § WG Lifecycle)', () => {
  it('is idle at exactly 30 days since the last human activity', () => {
    const v = one([item({ repo: REGISTRY, events: [event(daysAgo(30), 'rdimitrov')] })]);
    expect(v.verdict).toBe('idle');
    expect(v.reason).toBe(`no human activity since ${dateDaysAgo(30)} (30 days, window 30 days)`);
    expect(v.lastActivity).toMatchObject({ actor: 'rdimitrov', kind: 'comment', repo: REGISTRY, number: 1, at: daysAgo(30) });
  });

  it('is active at 29.99 days', () => {
    const v = one([item({ repo: REGISTRY, events: [event(daysAgo(29.99), 'rdimitrov')] })]);
    expect(v.verdict).toBe('active');
    expect(v.reason).toContain(`last human activity on ${dateDaysAgo(29.99)}`);
    expect(v.reason).toContain('29 days ago');
  });

  it('takes the latest human event across all the group\'s items', () => {
    const v = one([
      item({ repo: REGISTRY, number: 1, events: [event(daysAgo(90), 'a', 'opened'), event(daysAgo(40), 'b')] }),
      item({ repo: REGISTRY, number: 2, type: 'pull_request', events: [event(daysAgo(3), 'c', 'review')] }),
    ]);
    expect(v.verdict).toBe('active');
    expect(v.lastActivity).toMatchObject({ actor: 'c', kind: 'review', number: 2 });
    expect(v.itemsCounted).toBe(2);
  });

  it('ignores events dated after the instant judged (a wrong clock, a replay with an earlier --now)', () => {
    const v = one([item({ repo: REGISTRY, events: [event(daysAgo(40), 'rdimitrov'), event(daysAgo(-365), 'time-traveller')] })]);
    expect(v.verdict).toBe('idle');
    expect(v.lastActivity).toMatchObject({ actor: 'rdimitrov' });
  });

  it('says only what the snapshot looked at when it holds items updated since a date', () => {
    const v = evaluateActivity({ charters: [workingGroup()], snapshot: { ...snapshot([], fullCoverage([workingGroup()])), since: dateDaysAgo(90) }, now: NOW, inactivityDays: WINDOW_DAYS });
    expect(v[0]).toMatchObject({ verdict: 'idle' });
    expect(v[0]?.reason).toContain(`updated since ${dateDaysAgo(90)} (90 days, window 30 days)`);
    expect(v[0]?.reason).not.toContain('since it was formed');
  });

  it('accepts now as a Date and rejects a window that is not positive', () => {
    const items = [item({ repo: REGISTRY, events: [event(daysAgo(30), 'x')] })];
    expect(one(items, workingGroup(), { now: new Date(NOW) }).verdict).toBe('idle');
    expect(() => one(items, workingGroup(), { inactivityDays: 0 })).toThrow(RangeError);
  });
});

describe('only human activity counts', () => {
  const old = event(daysAgo(60), 'rdimitrov');
  const recent = (actor: string, actorType: 'User' | 'Bot' = 'User') => event(daysAgo(1), actor, 'comment', actorType);

  it.each([
    ['a Bot actor type', recent('Copilot', 'Bot')],
    ['a [bot] login', recent('dependabot[bot]')],
    ['a configured bot login, ignoring case', recent('release-robot')],
    ['the App by its login', recent(APP)],
    ['the App as name[bot]', recent(`${APP}[bot]`)],
  ])('does not count %s', (_name, bot) => {
    const v = one([item({ repo: REGISTRY, events: [old, bot, { ...bot, kind: 'commit' }] })]);
    expect(v.verdict).toBe('idle');
    expect(v.lastActivity).toMatchObject({ actor: 'rdimitrov', at: old.at });
  });

  it('finds no activity at all when only bots acted, and says so', () => {
    const v = one([item({ repo: REGISTRY, events: [recent('renovate[bot]'), recent('Claude', 'Bot')] })]);
    expect(v).toMatchObject({ verdict: 'idle', lastActivity: null, itemsCounted: 1 });
    expect(v.reason).toBe('no human activity on its 1 item since it was formed on 2025-07-24 (423 days, window 30 days)');
  });

  it('does not count labelling, even by a human', () => {
    const v = one([item({ repo: REGISTRY, events: [old, event(daysAgo(1), 'rdimitrov', 'labeled')] })]);
    expect(v.verdict).toBe('idle');
  });

  it('does not count the App\'s own retirement issue, whoever comments on it', () => {
    const retirement = item({
      number: 7,
      labels: ['group-retirement', 'wg:registry'],
      author: `${APP}[bot]`,
      events: [event(daysAgo(2), `${APP}[bot]`, 'opened', 'Bot'), event(daysAgo(1), 'rdimitrov')],
    });
    const v = one([item({ repo: REGISTRY, events: [old] }), retirement]);
    expect(v).toMatchObject({ verdict: 'idle', itemsCounted: 1 });
  });

  it('does not count an item the App opened (e.g. its dashboard), even without the label', () => {
    const dashboard = item({ number: 8, labels: ['wg:registry'], author: APP, events: [event(daysAgo(1), 'someone')] });
    const fromEvents = item({ number: 9, labels: ['wg:registry'], author: undefined, events: [event(daysAgo(2), APP, 'opened'), event(daysAgo(1), 'someone')] });
    expect(one([dashboard, fromEvents])).toMatchObject({ verdict: 'idle', itemsCounted: 0, lastActivity: null });
  });

  it('does not count the dashboard by its label, without knowing the App (a snapshot replayed offline)', () => {
    const dashboard = item({ repo: REGISTRY, number: 8, labels: ['group-dashboard'], author: APP, events: [event(daysAgo(1), 'someone')] });
    expect(one([item({ repo: REGISTRY, events: [old] }), dashboard], workingGroup(), { appLogin: undefined })).toMatchObject({ verdict: 'idle', itemsCounted: 1 });
  });

  it.each([
    ['a null (unknown) actor', null],
    ['ghost, a deleted account', 'ghost'],
  ])('counts %s as human', (_name, actor) => {
    const v = one([item({ repo: REGISTRY, type: 'pull_request', state: 'merged', events: [old, event(daysAgo(1), actor, 'merged', null)] })]);
    expect(v.verdict).toBe('active');
    expect(v.lastActivity?.actor).toBe(actor);
  });
});

describe('the grace period', () => {
  it('keeps a group formed less than 30 days ago in grace when it has no recent activity', () => {
    const v = one([], workingGroup({ formed: dateDaysAgo(10) }));
    expect(v.verdict).toBe('grace');
    expect(v.reason).toMatch(/^formed on \d{4}-\d{2}-\d{2}, 10 days ago: in its grace period until \d{4}-\d{2}-\d{2}; no human activity yet$/);
  });

  it('calls a young group with recent activity active', () => {
    expect(one([item({ repo: REGISTRY, events: [event(daysAgo(1), 'x')] })], workingGroup({ formed: dateDaysAgo(10) })).verdict).toBe('active');
  });

  it('ends exactly 30 days after 00:00 UTC of the formed date', () => {
    const now = Date.parse('2026-09-20T00:00:00Z');
    const verdictIfFormed = (formed: string) => one([], workingGroup({ formed }), { now }).verdict;
    expect(verdictIfFormed('2026-08-21')).toBe('idle');
    expect(verdictIfFormed('2026-08-22')).toBe('grace');
  });

  it('calls a group past grace with no work at all idle, and says so', () => {
    const v = one([], workingGroup({ formed: dateDaysAgo(31) }));
    expect(v).toMatchObject({ verdict: 'idle', lastActivity: null, itemsCounted: 0 });
    expect(v.reason).toBe(`no work found (nothing labelled, in its repositories or among its deliverables) since it was formed on ${dateDaysAgo(31)} (31 days, window 30 days)`);
  });
});

describe('completed deliverables', () => {
  const spec = 'modelcontextprotocol/modelcontextprotocol';
  const charter = workingGroup({
    deliverables: [`https://github.com/${spec}/issues/5`, `https://github.com/${spec}/pull/7`],
  });
  const busy = item({ repo: REGISTRY, events: [event(daysAgo(1), 'rdimitrov')] });

  it('is completed when every deliverable is closed or merged, whether the URL says issues or pull, whatever other activity', () => {
    const v = one([busy, item({ repo: spec, number: 5, type: 'pull_request', state: 'merged' }), item({ repo: spec, number: 7, state: 'closed' })], charter);
    expect(v.verdict).toBe('completed');
    expect(v.deliverables.map((d) => d.state)).toEqual(['merged', 'closed']);
    expect(v.reason).toBe(`every listed deliverable is closed or merged (${spec}#5 merged, ${spec}#7 closed)`);
    expect(v.itemsCounted).toBe(3);
  });

  it('is not completed while one is open, or absent from the snapshot', () => {
    expect(one([busy, item({ repo: spec, number: 5, state: 'closed' }), item({ repo: spec, number: 7 })], charter).verdict).toBe('active');
    const v = one([busy, item({ repo: spec, number: 5, state: 'closed' })], charter);
    expect(v.verdict).toBe('active');
    expect(v.deliverables[1]).toEqual({ url: `https://github.com/${spec}/pull/7`, repo: spec, number: 7, state: 'unknown' });
  });

  it('is not completed while the charter lists work no issue or pull request tracks (a page\'s Active Work Items without a link)', () => {
    const done = [busy, item({ repo: spec, number: 5, type: 'pull_request', state: 'merged' }), item({ repo: spec, number: 7, state: 'closed' })];
    expect(one(done, { ...charter, untracked_deliverables: ['Skills Extension reference implementation'] }).verdict).toBe('active');
    expect(one(done, { ...charter, untracked_deliverables: [] }).verdict).toBe('completed');
  });

  it('reports a deliverable that is not an issue or PR URL as unknown, and is not completed without deliverables', () => {
    const v = one([busy], workingGroup({ deliverables: ['https://example.com/spec'] }));
    expect(v.deliverables).toEqual([{ url: 'https://example.com/spec', repo: null, number: null, state: 'unknown' }]);
    expect(one([], workingGroup()).verdict).toBe('idle');
  });
});

describe('which groups and which work', () => {
  it('skips retired groups', () => {
    const retired = workingGroup({ status: 'retired', retired: { on: '2026-08-17', reason: 'Folded into auth.' } });
    const v = one([item({ repo: REGISTRY, events: [event(daysAgo(1), 'x')] })], retired);
    expect(v).toMatchObject({ verdict: 'retired', lastActivity: null, itemsCounted: 0, reason: 'retired on 2026-08-17; not evaluated' });
  });

  it('reports interest groups active, unknown or in grace: never completed, never idle (SEP-1302 § IG Lifecycle)', () => {
    const ig = interestGroup({ deliverables: ['https://github.com/o/r/pull/1'] });
    const items = [item({ repo: 'o/r', number: 1, type: 'pull_request', state: 'merged', labels: ['ig:security'], events: [event(daysAgo(45), 'x')] })];
    const v = one(items, ig);
    expect(v).toMatchObject({ verdict: 'unknown', type: 'interest', label: 'ig:security', deliverables: [] });
    // Its channel is not configured: not read, so never "not met" (issue 23).
    expect(v.reason).toContain('Discord #security-ig: not configured');
    expect(v.expectation).toMatchObject({ state: 'unknown', met: false, text: 'unknown: no thread or conversation on GitHub in what was read' });
    expect(one([], interestGroup({ formed: dateDaysAgo(3) })).verdict).toBe('grace');
  });

  it('counts an item once when it is labelled, in an owned repository and a deliverable', () => {
    const url = `https://github.com/${REGISTRY}/pull/4`;
    const charter = workingGroup({ first_work: url, deliverables: [url.replace('/pull/', '/issues/')] });
    const v = one([item({ repo: REGISTRY, number: 4, type: 'pull_request', labels: ['wg:registry', 'WG:Registry'], events: [event(daysAgo(1), 'x')] })], charter);
    expect(v.itemsCounted).toBe(1);
  });

  it('matches labels and repositories ignoring case, and the labels of previous ids', () => {
    const charter = workingGroup({ repos: ['ModelContextProtocol/Registry'], previous_ids: ['registry-old'] });
    const v = one(
      [
        item({ repo: REGISTRY, number: 1 }),
        item({ number: 2, labels: ['WG:REGISTRY'] }),
        item({ number: 3, labels: ['wg:registry-old'] }),
        item({ number: 4, labels: ['ig:registry'] }),
        item({ number: 5, labels: ['wg:registry-other'] }),
      ],
      charter,
    );
    expect(v.itemsCounted).toBe(3);
  });

  it('gives one verdict per charter, in order, sharing items between groups', () => {
    const shared = item({ labels: ['wg:registry', 'ig:security'], events: [event(daysAgo(2), 'x')] });
    expect(judge([shared], [workingGroup(), interestGroup()]).map((v) => [v.id, v.verdict])).toEqual([
      ['registry', 'active'],
      ['security', 'active'],
    ]);
  });
});
