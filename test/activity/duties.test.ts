/**
 * `evaluateDuties` (SEP-2149 § 1.8 quarterly updates, § 1.2/§ 1.6 meeting notes, Part 2 § 4 lead
 * terms) and `planQuarterlyReminders`, as pure functions: what the snapshot did not read
 * completely is `unknown`, never missing, and only the App's own reminders are ever removed.
 */
import { describe, expect, it } from '@jest/globals';
import { evaluateDuties } from '../../src/activity/duties.js';
import type { GroupDuties } from '../../src/activity/duties.js';
import { planQuarterlyReminders, quarterlyReminderMarker } from '../../src/activity/reminders.js';
import type { CoverageEntry } from '../../src/activity/coverage.js';
import type { SnapshotItem } from '../../src/activity/snapshot.js';
import { policyFor } from '../../src/policies/index.js';
import { interestGroup, workingGroup } from './helpers.js';

/** The July quarter ended 2026-08-01: its update window opened 2026-07-18, its reminder is due from 2026-08-15. */
const NOW = new Date('2026-09-20T12:00:00Z');
const CATEGORY = { repo: 'modelcontextprotocol/registry', category: 'Registry WG' };
const WG = workingGroup({ discussions: CATEGORY, leads: [{ login: 'rdimitrov', term: 'until 2026-09-01' }, { login: 'tadasant', term: 'two years' }] });

function discussion(title: string, createdAt: string, comments: { actor: string; at: string }[] = [], author = 'rdimitrov'): SnapshotItem {
  return {
    author,
    repo: CATEGORY.repo, number: Math.floor(Date.parse(createdAt) / 1e6), type: 'discussion', category: 'Registry WG', category_slug: 'registry-wg',
    title, state: 'open', labels: [], created_at: createdAt, closed_at: null, url: `https://github.com/${CATEGORY.repo}/discussions/${title.length}`,
    events: [{ at: createdAt, actor: 'rdimitrov', actor_type: 'User', kind: 'opened' }, ...comments.map((c) => ({ at: c.at, actor: c.actor, actor_type: 'User' as const, kind: 'comment' as const }))],
  };
}

function read(from = '2026-03-01'): CoverageEntry[] {
  return [{ source: 'discussions', repo: CATEGORY.repo, category: 'Registry WG', slug: 'registry-wg', status: 'read', from }];
}

function duties(items: SnapshotItem[], coverage: CoverageEntry[] | undefined = read(), charters = [WG], policy = policyFor('sep-2149')): Map<string, GroupDuties> {
  return evaluateDuties({ policy, charters, snapshot: { items, coverage, generated_at: NOW.toISOString() }, now: NOW, updatePattern: 'quarterly update' });
}

describe('evaluateDuties: quarterly updates (SEP-2149 § 1.8)', () => {
  it('passes: an update posted in the quarter\'s window is "posted"', () => {
    expect(duties([discussion('Quarterly update, July', '2026-07-30T10:00:00Z')]).get('registry')?.quarterly).toMatchObject({ state: 'posted', quarter: { id: '2026-07' } });
  });

  it('fails: a matching title by someone who is not a lead is no update', () => {
    expect(duties([discussion('Where is the quarterly update?', '2026-07-30T10:00:00Z', [], 'a-member')]).get('registry')?.quarterly).toMatchObject({ state: 'due', latest: null });
  });

  it('fails: none in the window, past the reminder date, is "due" (an older update is shown as the last)', () => {
    const q = duties([discussion('Quarterly update, April', '2026-04-29T10:00:00Z')]).get('registry')?.quarterly;
    expect(q).toMatchObject({ state: 'due', latest: { createdAt: '2026-04-29T10:00:00Z' } });
  });

  it('is "unknown" — never due — when the category was read only from after the update window opened, or not read', () => {
    expect(duties([], read('2026-08-01')).get('registry')?.quarterly).toMatchObject({ state: 'unknown', why: expect.stringContaining('were read from 2026-08-01 only, after 2026-07-18') });
    expect(duties([], []).get('registry')?.quarterly).toMatchObject({ state: 'unknown', why: expect.stringContaining('the snapshot does not record them') });
    const recordsNone = evaluateDuties({ policy: policyFor('sep-2149'), charters: [WG], snapshot: { items: [], generated_at: NOW.toISOString() }, now: NOW, updatePattern: 'quarterly update' });
    expect(recordsNone.get('registry')?.quarterly).toMatchObject({ state: 'unknown', why: expect.stringContaining('the snapshot records no coverage') });
    expect(duties([], [{ ...(read()[0] as CoverageEntry), status: 'partial', why: 'cut short' }]).get('registry')?.quarterly).toMatchObject({ state: 'unknown', why: expect.stringContaining('cut short') });
  });

  it('owes nothing for a group formed after the window opened, nothing for an interest group, nothing under SEP-1302', () => {
    expect(duties([], read(), [{ ...WG, formed: '2026-07-25' }]).get('registry')?.quarterly?.state).toBe('not-owed');
    expect(duties([], read(), [interestGroup({ discussions: CATEGORY })]).get('security')?.quarterly).toBeUndefined();
    expect(duties([], read(), [WG], policyFor('sep-1302')).size).toBe(0);
  });
});

describe('evaluateDuties: lead terms (SEP-2149 Part 2 § 4) and meeting notes (§ 1.2, § 1.6)', () => {
  it('marks a term whose end date passed as expired, and free text as no end', () => {
    expect(duties([]).get('registry')?.leadTerms).toEqual([
      { login: 'rdimitrov', term: 'until 2026-09-01', ends: '2026-09-01', expired: true },
      { login: 'tadasant', term: 'two years', ends: null, expired: false },
    ]);
  });

  it('judges the newest meeting of the last 30 days by a lead\'s comment within 48 hours of its day', () => {
    const onTime = duties([discussion('Meeting 2026-09-10', '2026-09-08T00:00:00Z', [{ actor: 'tadasant', at: '2026-09-12T20:00:00Z' }])]).get('registry')?.meetings;
    expect(onTime).toMatchObject({ state: 'judged', meeting: { meetingDate: '2026-09-10', state: 'on-time' } });
    const late = duties([discussion('Meeting 2026-09-10', '2026-09-08T00:00:00Z', [{ actor: 'someone', at: '2026-09-11T00:00:00Z' }])]).get('registry')?.meetings;
    expect(late).toMatchObject({ state: 'judged', meeting: { state: 'late', notes: null } });
    const old = duties([discussion('Meeting 2026-07-01', '2026-06-28T00:00:00Z')]).get('registry')?.meetings;
    expect(old).toEqual({ state: 'judged', meeting: null, category: CATEGORY });
  });
});

describe('planQuarterlyReminders', () => {
  const due = duties([]);
  const marker = quarterlyReminderMarker('registry', '2026-07');
  const plan = (comments: { id: number; body: string; authorIsApp: boolean }[], d = due, dashboard: number | null = 7) =>
    planQuarterlyReminders({ repo: 'o/gov', dashboard, comments, duties: d, charters: [WG], updatePattern: 'quarterly `update`' });

  it('creates one reminder naming the leads, then leaves it', () => {
    const [created, ...rest] = plan([]);
    expect(rest).toEqual([]);
    expect(created).toMatchObject({ kind: 'create-comment', number: 7 });
    const body = (created as { body: string }).body;
    expect(body.startsWith(marker)).toBe(true);
    expect(body).toContain('@rdimitrov @tadasant: the update for the quarter that ended in July 2026');
    expect(body).toContain('whose title matches `` quarterly `update` ``');
    expect(plan([{ id: 1, body, authorIsApp: true }])).toEqual([]);
  });

  it('deletes the App\'s reminder once posted, and an earlier quarter\'s; keeps it while unknown; ignores others\' comments; waits for a dashboard', () => {
    const posted = duties([discussion('Quarterly update', '2026-07-30T00:00:00Z')]);
    expect(plan([{ id: 1, body: `${marker}\nx`, authorIsApp: true }], posted)).toEqual([{ kind: 'delete-comment', repo: 'o/gov', comment_id: 1, why: 'the quarterly update of registry is posted' }]);
    expect(plan([{ id: 2, body: `${quarterlyReminderMarker('registry', '2026-04')}\nx`, authorIsApp: true }], posted)).toMatchObject([{ kind: 'delete-comment', comment_id: 2 }]);
    expect(plan([{ id: 1, body: `${marker}\nx`, authorIsApp: true }], duties([], []))).toEqual([]);
    expect(plan([{ id: 1, body: `${marker}\nx`, authorIsApp: false }], posted)).toEqual([]);
    expect(plan([], due, null)).toEqual([]);
  });
});

describe('evaluateDuties: a Meeting Notes category several groups share (SEP-2149 § 1.6)', () => {
  it("judges each group only on the agendas whose title names it", () => {
    const shared = { repo: CATEGORY.repo, category: 'Registry WG' };
    const security = interestGroup({ discussions: shared });
    const items = [discussion('Security IG meeting 2026-09-15', '2026-09-12T00:00:00Z'), discussion('Registry WG meeting 2026-09-10', '2026-09-08T00:00:00Z', [{ actor: 'tadasant', at: '2026-09-11T00:00:00Z' }])];
    const both = duties(items, read(), [WG, security]);
    expect(both.get('registry')?.meetings).toMatchObject({ meeting: { meetingDate: '2026-09-10', state: 'on-time' } });
    expect(both.get('security')?.meetings).toMatchObject({ meeting: { meetingDate: '2026-09-15', state: 'late' } });
    // Alone in the category, a group reads every agenda there.
    expect(duties(items, read(), [WG]).get('registry')?.meetings).toMatchObject({ meeting: { meetingDate: '2026-09-15' } });
  });
});
