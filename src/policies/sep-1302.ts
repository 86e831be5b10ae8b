/**
 * SEP-1302 ("Formalize Working Groups and Interest Groups in MCP Governance"), the default policy:
 * today's behaviour as data. Creation is the moderators' vote (`evaluateCreationVote`); there is no
 * amendment or retirement-approval check (merging is the decision); moderators and core/lead
 * maintainers retire groups; a WG idle "for at least a month" is inactive; no reporting duty.
 * A channel not named `<id>-wg` / `<id>-ig` is a warning (`discord-suffix`), as under SEP-2149.
 */
import { SEP_1302_RETIREMENT_STEPS } from '../activity/retirement-issue.js';
import { VOTE_CHECK_RUN_NAME } from '../checks/check-run.js';
import { quietMention } from '../markdown/escape.js';
import { evaluateCreationVote } from '../vote/creation-vote.js';
import type { VoteVerdict } from '../vote/creation-vote.js';
import type { CreationVoteInput, People, Policy, RetirementProposalInput, RetirementProposalVerdict } from './policy.js';
import { includesLogin, uniqueLogins } from './reviews.js';

/**
 * Who may veto a creation: the core and lead maintainers. SEP-1302 § Lifecycle (IGs and WGs):
 * "Core and lead maintainers can veto." Logins without repeats, ignoring case.
 */
export function sep1302Vetoers(people: People): string[] {
  return uniqueLogins([...people.core, ...people.leads]);
}

/**
 * The creation vote (SEP-1302 § Lifecycle: "Majority positive vote by members over a 72h period
 * approves creation of the group … Core and lead maintainers can veto"): `evaluateCreationVote` with
 * the moderators as voters and the core and lead maintainers as vetoers. Pure.
 */
export function sep1302CreationVote(input: CreationVoteInput): VoteVerdict {
  const { people, proposer, ...rest } = input;
  return evaluateCreationVote({
    ...rest,
    moderators: people.moderators,
    coreMaintainers: sep1302Vetoers(people),
    ...(proposer ? { proposer } : {}),
  });
}

/**
 * Who may propose a retirement (SEP-1302 § IG Lifecycle: "IG is retired only when community
 * moderators or core+ maintainers decide it is not meeting expectations"; § WG Lifecycle: "Community
 * moderators or core+ maintainers decide it is not meeting expectations"): the moderators, core
 * maintainers and lead maintainers, for either type of group — as `src/proposals/retire.ts` does
 * today with `vote.moderators` and `vote.core_maintainers`. A group's own facilitators may not.
 * Logins compare ignoring case. Pure.
 */
export function sep1302MayProposeRetirement(input: RetirementProposalInput): RetirementProposalVerdict {
  const { people } = input;
  const allowed = includesLogin([...people.moderators, ...people.core, ...people.leads], input.sender);
  const nobody = people.moderators.length + people.core.length + people.leads.length === 0;
  return {
    allowed,
    who: 'Under SEP-1302 (§ Lifecycle) the community moderators and the core and lead maintainers retire a group (`vote.moderators`, `vote.core_maintainers`, `vote.lead_maintainers` in `.github/group-steward.yml`).',
    refusal: nobody
      ? 'No moderators or core maintainers are configured (`vote.moderators`, `vote.core_maintainers` in `.github/group-steward.yml`), so no one may retire a group through Group Steward (SEP-1302 § Lifecycle: moderators or core/lead maintainers decide).'
      : `Only the moderators and core maintainers (\`vote.moderators\`, \`vote.core_maintainers\` in \`.github/group-steward.yml\`) may retire a group (SEP-1302 § Lifecycle), so nothing was proposed for ${quietMention(input.sender)}'s command. One of them can give it.`,
  };
}

/** The SEP-1302 profile. */
export const SEP_1302: Policy = {
  name: 'sep-1302',
  sep: 'SEP-1302',
  /** SEP-1302 § WG Lifecycle: "does not have a WIP Issue/PR for at least a month". */
  inactivityDays: 30,
  creation: 'vote',
  checks: { creation: VOTE_CHECK_RUN_NAME, amendment: null, retirement: null },
  ruleText: {
    creation: 'A new group needs a majority of the moderators over the voting period; core and lead maintainers can veto (SEP-1302 § Lifecycle).',
    amendment: null,
    retirement: null,
  },
  creationVote: sep1302CreationVote,
  mayProposeRetirement: sep1302MayProposeRetirement,
  quarterlyUpdates: false,
  duties: { meetingNotes: false, leadTerms: false },
  retirementDecision: "the decision is the community moderators' and core maintainers'",
  retirementSteps: SEP_1302_RETIREMENT_STEPS,
};
