/** Members' participation by calendar month, with coverage (SEP-2149 "Participation Levels": emeritus after 3 quiet months). */
import { describe, expect, it } from '@jest/globals';
import { memberParticipation, participationReadBack } from '../../src/activity/participation.js';
import type { CoverageEntry } from '../../src/activity/coverage.js';
import type { Charter } from '../../src/charters/schema.js';
import type { SnapshotItem } from '../../src/activity/snapshot.js';
import { event, item, workingGroup } from './helpers.js';

// Judged on 2026-12-07: the full months are 2026-09, 2026-10, 2026-11; then 2026-12 to date.
const now = new Date('2026-12-07T10:00:00Z');
const REPO = 'modelcontextprotocol/registry';
const charter: Charter = workingGroup({
  discussions: { repo: 'modelcontextprotocol/modelcontextprotocol', category: 'Registry WG' },
  members: [
    { login: 'rdimitrov', level: 'lead' },
    { login: 'tadasant', level: 'member' },
    { login: 'BobDickinson', level: 'member' },
    { login: 'pree-dew', level: 'member' },
  ],
  emeritus: [{ login: 'domdomegg', level: 'member' }, { login: 'toby' }],
});
const readAll = (from = '2026-09-01'): CoverageEntry[] => [
  { source: 'repo', repo: REPO, status: 'read', from, until: now.toISOString() },
  { source: 'label', label: 'wg:registry', status: 'read', from, until: now.toISOString() },
  { source: 'item', repo: 'modelcontextprotocol/modelcontextprotocol', number: 2186, status: 'read' },
  { source: 'discussions', repo: 'modelcontextprotocol/modelcontextprotocol', category: 'Registry WG', status: 'read', from, until: now.toISOString() },
];
const issue = (number: number, events: SnapshotItem['events'], extra: Partial<SnapshotItem> = {}) => item({ repo: REPO, number, events, ...extra });
const judge = (items: SnapshotItem[], coverage: CoverageEntry[] | undefined = readAll(), botLogins: string[] = []) =>
  memberParticipation({ charter, snapshot: { items, ...(coverage ? { coverage } : {}), generated_at: now.toISOString() }, now, botLogins });
const states = (p: ReturnType<typeof judge>, login: string) => p.members.find((m) => m.login === login);

describe('memberParticipation', () => {
  it('judges three full calendar months and the current one, UTC', () => {
    const p = judge([]);
    expect(p.months.map((m) => [m.month, m.toDate])).toEqual([['2026-09', false], ['2026-10', false], ['2026-11', false], ['2026-12', true]]);
    expect(participationReadBack(now)).toBe(Date.parse('2026-09-01T00:00:00Z'));
    // A month boundary: 23:59:59 on 2026-09-30 is September's, 00:00 on 2026-10-01 October's.
    const q = judge([issue(1, [event('2026-09-30T23:59:59Z', 'tadasant'), event('2026-10-01T00:00:00Z', 'BobDickinson')])]);
    expect(states(q, 'tadasant')?.months).toEqual(['participated', 'none', 'none', 'none']);
    expect(states(q, 'BobDickinson')?.months).toEqual(['none', 'participated', 'none', 'none']);
  });

  it('is quiet only when every source was read over every month', () => {
    const items = [issue(1, [event('2026-10-03T00:00:00Z', 'tadasant')])];
    const read = judge(items);
    expect(states(read, 'pree-dew')).toEqual({ login: 'pree-dew', level: 'member', months: ['none', 'none', 'none', 'none'], last: null, status: 'quiet' });
    expect(states(read, 'tadasant')?.status).toBe('active');
    expect(read.months.every((m) => m.read)).toBe(true);

    // The repository read only from 2026-10-15: September and October unknown, never quiet.
    const partial = judge(items, readAll().map((c) => (c.source === 'repo' ? { ...c, from: '2026-10-15' } : c)));
    expect(states(partial, 'pree-dew')?.months).toEqual(['unknown', 'unknown', 'none', 'none']);
    expect(states(partial, 'pree-dew')?.status).toBe('unknown');
    expect(partial.months[0]?.notRead.map((c) => c.source)).toEqual([`repository ${REPO}`]);

    // The Discussions category unread: every month unknown, with why.
    const unread = judge(items, readAll().map((c) => (c.source === 'discussions' ? { ...c, status: 'unread' as const, why: 'Discussions are not enabled' } : c)));
    expect(states(unread, 'pree-dew')?.months).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(unread.months[1]?.notRead[0]?.why).toBe('Discussions are not enabled');
    // What was seen still counts.
    expect(states(unread, 'tadasant')?.months).toEqual(['unknown', 'participated', 'unknown', 'unknown']);

    // A snapshot without coverage proves no silence.
    expect(states(memberParticipation({ charter, snapshot: { items, generated_at: now.toISOString() }, now, botLogins: [] }), 'pree-dew')?.status).toBe('unknown');
  });

  it('never counts bots, labelling or the App\'s own issues', () => {
    const items = [
      issue(1, [event('2026-09-05T00:00:00Z', 'tadasant', 'comment', 'Bot'), event('2026-10-05T00:00:00Z', 'tadasant', 'labeled'), event('2026-11-05T00:00:00Z', 'pree-dew')]),
      issue(2, [event('2026-11-06T00:00:00Z', 'BobDickinson')], { labels: ['group-dashboard'] }),
      issue(3, [event('2026-11-07T00:00:00Z', 'renovate[bot]', 'opened', null), event('2026-11-08T00:00:00Z', 'ci-helper')]),
    ];
    const p = judge(items, readAll(), ['ci-helper']);
    expect(states(p, 'tadasant')?.status).toBe('quiet');
    expect(states(p, 'BobDickinson')?.status).toBe('quiet');
    expect(states(p, 'pree-dew')?.months).toEqual(['none', 'none', 'participated', 'none']);
    expect(p.candidates).toEqual([]);
  });

  it('counts a member active only in a Discussion of the group\'s category', () => {
    const discussion: SnapshotItem = {
      ...item({ repo: 'modelcontextprotocol/modelcontextprotocol', number: 900, events: [event('2026-11-20T00:00:00Z', 'BobDickinson')] }),
      type: 'discussion',
      category: 'Registry WG',
      url: 'https://github.com/modelcontextprotocol/modelcontextprotocol/discussions/900',
    };
    const elsewhere: SnapshotItem = { ...discussion, number: 901, category: 'General', events: [event('2026-11-20T00:00:00Z', 'pree-dew')] };
    const p = judge([discussion, elsewhere]);
    expect(states(p, 'BobDickinson')).toMatchObject({ status: 'active', months: ['none', 'none', 'participated', 'none'], last: { at: '2026-11-20T00:00:00.000Z', url: discussion.url } });
    expect(states(p, 'pree-dew')?.status).toBe('quiet');
  });

  it('shows an emeritus member who came back, and candidates active in each of the three months', () => {
    const items = [
      issue(1, [event('2026-08-01T00:00:00Z', 'domdomegg'), event('2026-12-02T00:00:00Z', 'DomDomEgg', 'review')]),
      issue(2, [event('2026-09-02T00:00:00Z', 'newcomer'), event('2026-10-02T00:00:00Z', 'newcomer'), event('2026-11-02T00:00:00Z', 'newcomer', 'commit')]),
      issue(3, [event('2026-09-02T00:00:00Z', 'drive-by'), event('2026-11-02T00:00:00Z', 'drive-by')]),
      issue(4, [event('2026-09-02T00:00:00Z', 'rdimitrov'), event('2026-10-02T00:00:00Z', 'rdimitrov'), event('2026-11-02T00:00:00Z', 'rdimitrov')]),
    ];
    const p = judge(items);
    expect(p.returning.map((r) => [r.login, r.months, r.last?.at])).toEqual([['domdomegg', ['none', 'none', 'none', 'participated'], '2026-12-02T00:00:00.000Z']]);
    // The lead is listed; drive-by missed October; a member is never a candidate.
    expect(p.candidates.map((c) => c.login)).toEqual(['newcomer']);
  });

  it('gives its last participation from before the months, when the snapshot holds it', () => {
    const p = judge([issue(1, [event('2026-07-14T00:00:00Z', 'pree-dew', 'opened')])], readAll('2026-06-01'));
    expect(states(p, 'pree-dew')).toMatchObject({ status: 'quiet', last: { at: '2026-07-14T00:00:00.000Z' } });
  });
});
