/**
 * Which approval checks a pull request gets under the repository's policy, and their content:
 * the creation vote (SEP-1302) or the sponsorship (SEP-2149) for the groups it creates, and under
 * SEP-2149 the amendment check for existing groups whose charter it changes and the retirement
 * check for the groups it retires. The policy decides; nothing here tests its name. Pure.
 */
import type { People, Policy, Review, RuleVerdict } from '../policies/index.js';
import { buildApprovalReport } from './approval-report.js';
import type { ApprovalReport } from './approval-report.js';
import { buildVoteReport } from './vote-report.js';
import type { VoteReport } from './vote-report.js';

/** One approval check run to post: its name, content, start (an open vote's) and the run to update in place. */
export interface PolicyCheck {
  name: string;
  report: VoteReport | ApprovalReport;
  /** When an in-progress run started, ISO 8601 UTC (the vote's opening). */
  startedAt?: string;
  /** This App's run of that name on the head commit, still in progress: updated instead of a new one. */
  existingRunId?: number;
}

export interface PolicyChecksInput {
  policy: Policy;
  /** What the pull request does, by group id (`reviewCharterChanges`). */
  changes: { newGroups: readonly string[]; amended: readonly string[]; retiring: readonly string[] };
  /** The pull request as read: its times, draft state, reviews and proposer. */
  pull: { createdAt: string; readyAt: string | null; firstVoteAt: string | null; isDraft: boolean; reviews: readonly Review[]; proposer: string | null; authors?: readonly string[] };
  people: People;
  /** Why a configured team could not be read (the rules that need it cannot pass). */
  peopleError?: string;
  /** This App's in-progress runs on the head commit, by name. */
  openRuns: ReadonlyMap<string, number>;
  /** The creation vote's period (`vote.period_hours`), in hours. */
  periodHours: number;
  now: Date;
}

/**
 * The approval checks for a pull request, in order: creation, amendment, retirement — each only
 * when the pull request does that and the policy has the rule.
 * - creation `vote` (SEP-1302 § Lifecycle): `Policy.creationVote` and the vote report;
 * - creation `sponsorship` (SEP-2149 § 1.1, § 1.9), amendment (§ 1.10), retirement (§ 1.9): the
 *   rule's verdict and the approval report.
 * Pure; never throws.
 */
export function policyChecks(input: PolicyChecksInput): PolicyCheck[] {
  const { policy, changes, pull } = input;
  const checks: PolicyCheck[] = [];
  const existing = (name: string) => (input.openRuns.has(name) ? { existingRunId: input.openRuns.get(name) as number } : {});
  const approval = (name: string, action: string, groups: readonly string[], rule: string, verdict: RuleVerdict): PolicyCheck => ({
    name,
    report: buildApprovalReport({ action, groups, rule, verdict, people: input.people, reviews: currentReviews, proposer: pull.proposer, excluded: pull.authors ?? [], ...(input.peopleError !== undefined ? { peopleError: input.peopleError } : {}) }),
    ...existing(name),
  });
  // The table shows an approval of an earlier version of the charters as not (yet) given.
  const currentReviews = pull.reviews.filter((r) => r.current !== false || r.state.toUpperCase() !== 'APPROVED');
  const ruleInput = { reviews: pull.reviews, people: input.people, proposer: pull.proposer, excluded: pull.authors ?? [] };

  if (changes.newGroups.length > 0) {
    const name = policy.checks.creation;
    if (policy.creation === 'vote' && policy.creationVote) {
      const verdict = policy.creationVote({
        people: input.people,
        reviews: pull.reviews,
        openedAt: pull.createdAt,
        readyAt: pull.readyAt,
        firstVoteAt: pull.firstVoteAt,
        isDraft: pull.isDraft,
        periodHours: input.periodHours,
        now: input.now,
        proposer: pull.proposer,
        ...(input.peopleError !== undefined ? { votersError: input.peopleError } : {}),
      });
      checks.push({ name, report: buildVoteReport(changes.newGroups, verdict, input.periodHours), ...(verdict.opensAt ? { startedAt: verdict.opensAt } : {}), ...existing(name) });
    } else if (policy.creation === 'sponsorship' && policy.sponsorship) {
      checks.push(approval(name, changes.newGroups.length === 1 ? 'Creates the group' : 'Creates the groups', changes.newGroups, policy.ruleText.creation, policy.sponsorship(ruleInput)));
    }
  }
  if (changes.amended.length > 0 && policy.amendment && policy.checks.amendment && policy.ruleText.amendment) {
    checks.push(approval(policy.checks.amendment, changes.amended.length === 1 ? 'Amends the charter of' : 'Amends the charters of', changes.amended, policy.ruleText.amendment, policy.amendment(ruleInput)));
  }
  if (changes.retiring.length > 0 && policy.retirementApproval && policy.checks.retirement && policy.ruleText.retirement) {
    checks.push(approval(policy.checks.retirement, 'Retires', changes.retiring, policy.ruleText.retirement, policy.retirementApproval(ruleInput)));
  }
  return checks;
}
