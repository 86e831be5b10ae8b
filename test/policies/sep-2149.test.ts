/**
 * The SEP-2149 profile's pull request rules and retirement proposals (SEP-2149 Part 1, Final
 * 2026-03-23): each rule with a passing and a failing case, its section in the test's name.
 */
import { describe, expect, it } from '@jest/globals';
import type { People, Review } from '../../src/policies/policy.js';
import {
  SEP_2149,
  sep2149Amendment,
  sep2149MayProposeRetirement,
  sep2149RetirementApproval,
  sep2149Sponsorship,
} from '../../src/policies/sep-2149.js';
import { DEFAULT_INACTIVITY_DAYS } from '../../src/config/schema.js';

const people: People = { moderators: ['mod-one', 'mod-two'], core: ['Core-A', 'core-b', 'core-c'], leads: ['dsp-ant', 'localden'] };
let clock = Date.parse('2026-05-01T10:00:00Z');
/** A review, each one a minute after the previous. */
const review = (login: string, state: string): Review => ({ login, state, submittedAt: new Date((clock += 60_000)).toISOString() });

describe('sponsorship (SEP-2149 § 1.1, § 1.9: two core maintainers or one lead maintainer)', () => {
  it('§ 1.1: two core maintainers approving → passed, naming the sponsors', () => {
    const v = sep2149Sponsorship({ reviews: [review('core-a', 'APPROVED'), review('CORE-B', 'APPROVED')], people, proposer: 'alice' });
    expect(v.state).toBe('passed');
    expect(v.approvedBy).toEqual(['Core-A', 'core-b']);
    expect(v.blockedBy).toEqual([]);
    expect(v.missing).toBeNull();
    expect(v.reason).toBe('Sponsored by @Core-A and @core-b (core maintainers) (SEP-2149 § 1.1, § 1.9)');
    expect(v.source).toBe('SEP-2149 § 1.1, § 1.9');
  });

  it('§ 1.1: one core maintainer approving → pending, saying what is missing', () => {
    const v = sep2149Sponsorship({ reviews: [review('core-a', 'APPROVED'), review('someone', 'APPROVED')], people });
    expect(v.state).toBe('pending');
    expect(v.approvedBy).toEqual(['Core-A']);
    expect(v.missing).toBe("one more core maintainer's approval, or a lead maintainer's");
    expect(v.reason).toContain('approved so far by @Core-A (core maintainer)');
  });

  it('§ 1.1: no approval → pending, needing two core maintainers or a lead maintainer', () => {
    const v = sep2149Sponsorship({ reviews: [review('core-a', 'COMMENTED')], people });
    expect(v.state).toBe('pending');
    expect(v.approvedBy).toEqual([]);
    expect(v.missing).toBe("two core maintainers' approvals, or a lead maintainer's");
  });

  it('§ 1.1: one lead maintainer approving → passed', () => {
    const v = sep2149Sponsorship({ reviews: [review('LocalDen', 'APPROVED')], people });
    expect(v.state).toBe('passed');
    expect(v.approvedBy).toEqual(['localden']);
    expect(v.reason).toBe('Sponsored by @localden (lead maintainer) (SEP-2149 § 1.1, § 1.9)');
  });

  it('§ 1.9: no time window — approvals weeks apart still sponsor', () => {
    const reviews: Review[] = [
      { login: 'core-a', state: 'APPROVED', submittedAt: '2026-01-01T00:00:00Z' },
      { login: 'core-c', state: 'APPROVED', submittedAt: '2026-03-01T00:00:00Z' },
    ];
    expect(sep2149Sponsorship({ reviews, people }).state).toBe('passed');
  });

  it("§ 1.1: a core maintainer's changes request blocks it; a later approval by the same core maintainer lifts it", () => {
    const blocked = [review('core-a', 'APPROVED'), review('core-b', 'APPROVED'), review('core-c', 'CHANGES_REQUESTED')];
    const v = sep2149Sponsorship({ reviews: blocked, people });
    expect(v.state).toBe('blocked');
    expect(v.blockedBy).toEqual(['core-c']);
    expect(v.missing).toBeNull();
    expect(v.reason).toContain('@core-c (core maintainer) requested changes');

    const lifted = sep2149Sponsorship({ reviews: [...blocked, review('Core-C', 'APPROVED')], people });
    expect(lifted.state).toBe('passed');
    expect(lifted.blockedBy).toEqual([]);
    expect(lifted.approvedBy).toEqual(['Core-A', 'core-b', 'core-c']);
  });

  it('§ 1.1: a comment after a changes request leaves the block standing; a dismissal lifts it', () => {
    const base = [review('core-a', 'APPROVED'), review('core-b', 'APPROVED'), review('core-c', 'CHANGES_REQUESTED')];
    expect(sep2149Sponsorship({ reviews: [...base, review('core-c', 'COMMENTED')], people }).state).toBe('blocked');
    expect(sep2149Sponsorship({ reviews: [...base, review('core-c', 'DISMISSED')], people }).state).toBe('passed');
  });

  it('§ 1.1: the latest review counts by submittedAt, whatever the list order', () => {
    const reviews: Review[] = [
      { login: 'core-c', state: 'APPROVED', submittedAt: '2026-05-02T00:00:00Z' },
      { login: 'core-c', state: 'CHANGES_REQUESTED', submittedAt: '2026-05-01T00:00:00Z' },
      { login: 'core-a', state: 'APPROVED', submittedAt: '2026-05-01T00:00:00Z' },
    ];
    expect(sep2149Sponsorship({ reviews, people }).state).toBe('passed');
  });

  it("§ 1.1: the proposer's own approval does not count (nor their changes request)", () => {
    const own = sep2149Sponsorship({ reviews: [review('core-a', 'APPROVED'), review('core-b', 'APPROVED')], people, proposer: 'CORE-B' });
    expect(own.state).toBe('pending');
    expect(own.approvedBy).toEqual(['Core-A']);
    const lead = sep2149Sponsorship({ reviews: [review('dsp-ant', 'APPROVED')], people, proposer: 'dsp-ant' });
    expect(lead.state).toBe('pending');
    const veto = sep2149Sponsorship({ reviews: [review('core-a', 'APPROVED'), review('core-b', 'CHANGES_REQUESTED'), review('core-c', 'APPROVED')], people, proposer: 'core-b' });
    expect(veto.state).toBe('passed');
  });

  it("§ 1.1 with SEP-2148: a lead maintainer's changes request blocks, even over a lead's approval", () => {
    const v = sep2149Sponsorship({ reviews: [review('localden', 'APPROVED'), review('dsp-ant', 'CHANGES_REQUESTED')], people });
    expect(v.state).toBe('blocked');
    expect(v.blockedBy).toEqual(['dsp-ant']);
  });

  it('§ 1.1: a moderator or anyone else approving does not sponsor', () => {
    const v = sep2149Sponsorship({ reviews: [review('mod-one', 'APPROVED'), review('mod-two', 'APPROVED'), review('random', 'APPROVED')], people });
    expect(v.state).toBe('pending');
    expect(v.approvedBy).toEqual([]);
  });

  it('§ 1.1: someone listed as both core and lead maintainer counts as a lead maintainer', () => {
    const v = sep2149Sponsorship({ reviews: [review('dsp-ant', 'APPROVED')], people: { ...people, core: ['DSP-ANT', 'core-a'] } });
    expect(v.state).toBe('passed');
    expect(v.approvedBy).toEqual(['dsp-ant']);
  });

  it('§ 1.1: with nobody configured it cannot pass, and says which keys to set', () => {
    const v = sep2149Sponsorship({ reviews: [review('core-a', 'APPROVED')], people: { moderators: [], core: [], leads: [] } });
    expect(v.state).toBe('pending');
    expect(v.reason).toContain('`vote.core_maintainers`, `vote.lead_maintainers`');
  });

  it('§ 1.1: without lead maintainers configured, the missing part names core maintainers only', () => {
    const v = sep2149Sponsorship({ reviews: [review('core-a', 'APPROVED')], people: { ...people, leads: [] } });
    expect(v.missing).toBe("one more core maintainer's approval");
  });
});

describe('amendment (SEP-2149 § 1.10: approval by a core maintainer)', () => {
  it('§ 1.10: one core maintainer approving → passed', () => {
    const v = sep2149Amendment({ reviews: [review('core-b', 'APPROVED')], people, proposer: 'wg-lead' });
    expect(v).toMatchObject({ state: 'passed', approvedBy: ['core-b'], missing: null, source: 'SEP-2149 § 1.10' });
  });

  it("§ 1.10 with SEP-2148: a lead maintainer's approval is a core maintainer's", () => {
    expect(sep2149Amendment({ reviews: [review('dsp-ant', 'APPROVED')], people }).state).toBe('passed');
  });

  it('§ 1.10: without a core maintainer → pending (a WG lead or a moderator does not suffice)', () => {
    const v = sep2149Amendment({ reviews: [review('wg-lead', 'APPROVED'), review('mod-one', 'APPROVED')], people });
    expect(v.state).toBe('pending');
    expect(v.missing).toBe("a core maintainer's approval, or a lead maintainer's");
  });

  it("§ 1.10: the proposer's own approval does not count", () => {
    expect(sep2149Amendment({ reviews: [review('core-a', 'APPROVED')], people, proposer: 'core-a' }).state).toBe('pending');
  });

  it("§ 1.10: a core maintainer's standing changes request blocks it", () => {
    const v = sep2149Amendment({ reviews: [review('core-a', 'APPROVED'), review('core-b', 'CHANGES_REQUESTED')], people });
    expect(v.state).toBe('blocked');
    expect(v.blockedBy).toEqual(['core-b']);
  });
});

describe('retirement approval (SEP-2149 § 1.9: a core or lead maintainer approves)', () => {
  it('§ 1.9: a core maintainer approving → passed', () => {
    expect(sep2149RetirementApproval({ reviews: [review('core-c', 'APPROVED')], people, proposer: 'wg-lead' })).toMatchObject({ state: 'passed', approvedBy: ['core-c'], source: 'SEP-2149 § 1.9' });
  });

  it('§ 1.9: a lead maintainer approving → passed', () => {
    expect(sep2149RetirementApproval({ reviews: [review('localden', 'APPROVED')], people }).state).toBe('passed');
  });

  it("§ 1.9: no core or lead maintainer's approval → pending (the proposing core maintainer's own does not count)", () => {
    const v = sep2149RetirementApproval({ reviews: [review('core-a', 'APPROVED'), review('wg-lead', 'APPROVED')], people, proposer: 'core-a' });
    expect(v.state).toBe('pending');
    expect(v.missing).toBe("a core maintainer's approval, or a lead maintainer's");
  });

  it("§ 1.9: a core maintainer's standing changes request blocks it", () => {
    expect(sep2149RetirementApproval({ reviews: [review('localden', 'APPROVED'), review('core-a', 'CHANGES_REQUESTED')], people }).state).toBe('blocked');
  });
});

describe('mayProposeRetirement (SEP-2149 § 1.9)', () => {
  const wg = { type: 'working' as const, leads: ['Wg-Lead', 'other-lead'] };
  const ig = { type: 'interest' as const, leads: ['ig-facilitator'] };

  it.each([
    ['one of its own leads', 'wg-lead'],
    ['a core maintainer', 'CORE-A'],
    ['a lead maintainer', 'dsp-ant'],
  ])('§ 1.9: a working group: %s may propose', (_who, sender) => {
    expect(sep2149MayProposeRetirement({ sender, group: wg, people }).allowed).toBe(true);
  });

  it.each([
    ['a moderator', 'mod-one'],
    ["another group's lead", 'ig-facilitator'],
    ['anyone else', 'stranger'],
  ])('§ 1.9: a working group: %s may not', (_who, sender) => {
    const v = sep2149MayProposeRetirement({ sender, group: wg, people });
    expect(v.allowed).toBe(false);
    expect(v.who).toContain('SEP-2149 (§ 1.9)');
    expect(v.who).toContain('@\u2060Wg-Lead and @\u2060other-lead');
  });

  it('§ 1.9: an interest group: core and lead maintainers may, its facilitators may not', () => {
    expect(sep2149MayProposeRetirement({ sender: 'core-b', group: ig, people }).allowed).toBe(true);
    expect(sep2149MayProposeRetirement({ sender: 'LOCALDEN', group: ig, people }).allowed).toBe(true);
    const facilitator = sep2149MayProposeRetirement({ sender: 'ig-facilitator', group: ig, people });
    expect(facilitator.allowed).toBe(false);
    expect(facilitator.who).toContain('its facilitators may not');
  });

  it('quotes the sender and the leads without notifying them (quietMention); other text is escaped', () => {
    const v = sep2149MayProposeRetirement({ sender: 'stranger', group: wg, people });
    expect(v.refusal).toBe(`${v.who} So nothing was proposed for @\u2060stranger's command.`);
    const hostile = sep2149MayProposeRetirement({ sender: '@org/team <b>', group: { type: 'working', leads: ['lead-a', '#12 `x`'] }, people });
    expect(hostile.refusal).toContain('nothing was proposed for @\u2060org/team \\<b\\>\'s command.');
    expect(hostile.who).toContain('(@\u2060lead-a and \\#\u206012 \\`x\\`)');
  });
});

describe('the SEP-2149 profile (data)', () => {
  it('§ 1.9, § 1.8: 90 days of inactivity, sponsorship, three checks, quarterly updates', () => {
    expect(SEP_2149).toMatchObject({
      name: 'sep-2149',
      inactivityDays: 90,
      creation: 'sponsorship',
      checks: { creation: 'Group sponsorship', amendment: 'Charter amendment', retirement: 'Retirement approval' },
      quarterlyUpdates: true,
    });
    expect(SEP_2149.inactivityDays).toBe(DEFAULT_INACTIVITY_DAYS['sep-2149']);
    expect(SEP_2149.sponsorship).toBe(sep2149Sponsorship);
    expect(SEP_2149.amendment).toBe(sep2149Amendment);
    expect(SEP_2149.retirementApproval).toBe(sep2149RetirementApproval);
    expect(SEP_2149.creationVote).toBeUndefined();
  });
});

describe('approvals left to the change\'s own authors, or given to an earlier version (SEP-2149 § 1.9, § 1.1)', () => {
  const people = { moderators: [], core: [], leads: ['dsp-ant'] };
  it('fails: the one lead maintainer proposed it — no one left can approve it', () => {
    expect(sep2149RetirementApproval({ reviews: [], people, proposer: 'dsp-ant' })).toMatchObject({ state: 'pending', approvable: false });
  });
  it('passes: another maintainer is configured, so it is approvable', () => {
    expect(sep2149RetirementApproval({ reviews: [], people: { ...people, core: ['core-a'] }, proposer: 'dsp-ant' })).toMatchObject({ state: 'pending', approvable: true });
  });
  it('fails: an approval of an earlier version sponsors nothing, and is named', () => {
    const verdict = sep2149Sponsorship({ reviews: [{ login: 'dsp-ant', state: 'APPROVED', submittedAt: '2026-11-01T00:00:00Z', current: false }], people });
    expect(verdict).toMatchObject({ state: 'pending', stale: ['dsp-ant'], approvedBy: [] });
    expect(sep2149Sponsorship({ reviews: [{ login: 'dsp-ant', state: 'APPROVED', submittedAt: '2026-11-01T00:00:00Z', current: true }], people })).toMatchObject({ state: 'passed' });
  });
  it('fails: the change\'s other authors are left out like the proposer', () => {
    expect(sep2149RetirementApproval({ reviews: [{ login: 'core-a', state: 'APPROVED', submittedAt: null }], people: { ...people, core: ['core-a'] }, proposer: 'dsp-ant', excluded: ['Core-A'] })).toMatchObject({ state: 'pending', approvable: false });
  });
});
