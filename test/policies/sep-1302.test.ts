/**
 * The SEP-1302 profile (the default): today's behaviour as data — the moderators' vote, no
 * amendment or retirement-approval checks, moderators and core/lead maintainers retire a group.
 */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_INACTIVITY_DAYS } from '../../src/config/schema.js';
import { VOTE_CHECK_RUN_NAME } from '../../src/checks/check-run.js';
import type { People } from '../../src/policies/policy.js';
import { SEP_1302, sep1302CreationVote, sep1302MayProposeRetirement, sep1302Vetoers } from '../../src/policies/sep-1302.js';
import { evaluateCreationVote } from '../../src/vote/creation-vote.js';

const people: People = { moderators: ['mod-one', 'mod-two', 'mod-three'], core: ['core-a', 'Dsp-Ant'], leads: ['dsp-ant', 'localden'] };

describe('the SEP-1302 profile (data)', () => {
  it('§ WG Lifecycle: 30 days; creation by vote; one check; no quarterly updates', () => {
    expect(SEP_1302).toMatchObject({
      name: 'sep-1302',
      inactivityDays: 30,
      creation: 'vote',
      checks: { creation: 'Group creation vote', amendment: null, retirement: null },
      quarterlyUpdates: false,
    });
    expect(SEP_1302.checks.creation).toBe(VOTE_CHECK_RUN_NAME);
    expect(SEP_1302.inactivityDays).toBe(DEFAULT_INACTIVITY_DAYS['sep-1302']);
    expect(SEP_1302.sponsorship).toBeUndefined();
    expect(SEP_1302.amendment).toBeUndefined();
    expect(SEP_1302.retirementApproval).toBeUndefined();
    expect(SEP_1302.creationVote).toBe(sep1302CreationVote);
  });
});

describe('creationVote (SEP-1302 § Lifecycle)', () => {
  const base = { openedAt: '2026-05-01T00:00:00Z', readyAt: null, isDraft: false, periodHours: 72 };

  it('is evaluateCreationVote with the moderators voting and the core and lead maintainers vetoing', () => {
    const reviews = [
      { login: 'mod-one', state: 'APPROVED', submittedAt: '2026-05-01T01:00:00Z' },
      { login: 'mod-two', state: 'APPROVED', submittedAt: '2026-05-01T02:00:00Z' },
    ];
    const now = new Date('2026-05-05T00:00:00Z');
    const verdict = sep1302CreationVote({ ...base, reviews, now, people, proposer: 'alice' });
    expect(verdict).toEqual(evaluateCreationVote({ ...base, reviews, now, moderators: people.moderators, coreMaintainers: ['core-a', 'Dsp-Ant', 'localden'], proposer: 'alice' }));
    expect(verdict.state).toBe('passed');
  });

  it('a lead maintainer who is not a core maintainer vetoes ("Core and lead maintainers can veto")', () => {
    const reviews = [{ login: 'localden', state: 'CHANGES_REQUESTED', submittedAt: '2026-05-01T01:00:00Z' }];
    const verdict = sep1302CreationVote({ ...base, reviews, now: new Date('2026-05-02T00:00:00Z'), people, proposer: null });
    expect(verdict.state).toBe('vetoed');
    expect(verdict.vetoedBy).toEqual(['localden']);
    expect(verdict.proposer).toBeUndefined();
  });

  it('vetoers are the core and lead maintainers without repeats, ignoring case', () => {
    expect(sep1302Vetoers(people)).toEqual(['core-a', 'Dsp-Ant', 'localden']);
  });
});

describe('mayProposeRetirement (SEP-1302 § Lifecycle: moderators or core+ maintainers)', () => {
  const wg = { type: 'working' as const, leads: ['wg-lead'] };
  const ig = { type: 'interest' as const, leads: ['ig-facilitator'] };

  it.each([
    ['a moderator', 'MOD-TWO'],
    ['a core maintainer', 'core-a'],
    ['a lead maintainer', 'LocalDen'],
  ])('%s may propose, for a working or an interest group', (_who, sender) => {
    expect(sep1302MayProposeRetirement({ sender, group: wg, people }).allowed).toBe(true);
    expect(sep1302MayProposeRetirement({ sender, group: ig, people }).allowed).toBe(true);
  });

  it("a group's own lead or facilitator may not (as today), and the reply names who may", () => {
    const v = sep1302MayProposeRetirement({ sender: 'wg-lead', group: wg, people });
    expect(v.allowed).toBe(false);
    expect(v.who).toContain('SEP-1302 (§ Lifecycle)');
    expect(v.who).toContain('`vote.moderators`');
    expect(sep1302MayProposeRetirement({ sender: 'ig-facilitator', group: ig, people }).allowed).toBe(false);
  });

  it('quotes the sender without notifying them (quietMention), the refusal text unchanged', () => {
    expect(sep1302MayProposeRetirement({ sender: 'wg-lead', group: wg, people }).refusal).toBe(
      'Only the moderators and core maintainers (`vote.moderators`, `vote.core_maintainers` in `.github/group-steward.yml`) may retire a group (SEP-1302 § Lifecycle), so nothing was proposed for @\u2060wg-lead\'s command. One of them can give it.',
    );
    // A sender that is not a login (an App's `name[bot]`) is escaped, never a mention or a link.
    expect(sep1302MayProposeRetirement({ sender: 'x[bot]', group: wg, people }).refusal).toContain('nothing was proposed for x\\[bot\\]\'s command.');
  });
});
