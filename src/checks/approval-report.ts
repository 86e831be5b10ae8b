/**
 * The check run of an approval rule — "Group sponsorship", "Charter amendment", "Retirement
 * approval" (SEP-2149 § 1.1, § 1.9, § 1.10): where the rule stands, who approved, who blocks, what
 * is missing. Pending approvals are `in_progress` (updated in place as reviews arrive; there is no
 * time window to settle); a passed rule is `success`; a blocked rule, and a rule no one configured
 * could ever pass, are `failure` — never a check left running for nobody.
 */
import type { People, RuleVerdict } from '../policies/index.js';
import { includesLogin, loginKey, standingOpinions } from '../policies/reviews.js';
import type { Review } from '../policies/index.js';
import { groupList } from './vote-report.js';
import { inlineText, mention, tableCell, tableRow } from '../markdown/escape.js';

export interface ApprovalReport {
  status: 'in_progress' | 'completed';
  conclusion?: 'success' | 'failure';
  title: string;
  summary: string;
}

export interface ApprovalReportInput {
  /** What the pull request does to which groups: "Creating", "Amending the charter of", "Retiring". */
  action: string;
  /** The group ids concerned. */
  groups: readonly string[];
  /** The rule as the policy states it, with its source (`Policy.ruleText`). */
  rule: string;
  verdict: RuleVerdict;
  people: People;
  /** The pull request's reviews, for the table of standing opinions. */
  reviews: readonly Review[];
  /** Who proposes (their review does not count), when known. */
  proposer: string | null;
  /** The change's other authors, whose reviews do not count either. */
  excluded?: readonly string[];
  /** Why the configured maintainers could not be read: the rule cannot pass on what was not seen. */
  peopleError?: string;
}

/**
 * Builds an approval rule's check run from its verdict. A configured team that could not be read
 * fails the check (the maintainers were not seen, so no approval can be recognised); so does a
 * policy whose approvers no one configured. Pure.
 */
export function buildApprovalReport(input: ApprovalReportInput): ApprovalReport {
  const { verdict, people } = input;
  const opinions = standingOpinions(input.reviews, [...(input.proposer ? [input.proposer] : []), ...(input.excluded ?? [])]);
  const row = (role: string, logins: readonly string[]) => {
    const with_ = (state: string) => logins.filter((l) => opinions.get(loginKey(l)) === state);
    const approved = with_('APPROVED');
    const blocking = with_('CHANGES_REQUESTED');
    const waiting = logins.filter((l) => !approved.includes(l) && !blocking.includes(l));
    // Logins as GitHub gave them (the maintainers, read from teams and reviews); anything else is echoed.
    const who = (ls: readonly string[]) => tableCell(ls.length ? ls.map(mention).join(', ') : '—');
    return tableRow([role, who(approved), who(blocking), who(waiting)]);
  };
  const leads = people.leads;
  const core = people.core.filter((c) => !includesLogin(leads, c));
  const summary = [
    `${input.action} ${groupList(input.groups)}. ${input.rule}`,
    '',
    `**${input.peopleError !== undefined ? `The maintainers could not be read: ${inlineText(input.peopleError.slice(0, 500))}` : verdict.reason}.**`,
    '',
    '| | approved | changes requested | not yet |',
    '| --- | --- | --- | --- |',
    row('lead maintainers', leads),
    row('core maintainers', core),
    '',
    "An approval is a maintainer's latest review of this pull request that is not a comment: approve, or request changes; a dismissed review no longer counts.",
    ...(input.proposer ? ['', `Proposed by ${mention(input.proposer)}, whose own review does not count.`] : []),
  ].join('\n');
  if (input.peopleError !== undefined) return { status: 'completed', conclusion: 'failure', title: 'The maintainers could not be read', summary };
  if (people.core.length === 0 && people.leads.length === 0) return { status: 'completed', conclusion: 'failure', title: 'No core or lead maintainers configured', summary };
  // Pending for nobody: only the change's own authors could approve it.
  if (verdict.state === 'pending' && !verdict.approvable) return { status: 'completed', conclusion: 'failure', title: 'No one configured can approve it but its own authors', summary };
  switch (verdict.state) {
    case 'passed':
      return { status: 'completed', conclusion: 'success', title: `Approved by ${verdict.approvedBy.map((l) => `@${l}`).join(', ')}`, summary };
    case 'blocked':
      return { status: 'completed', conclusion: 'failure', title: `Blocked: changes requested by ${verdict.blockedBy.map((l) => `@${l}`).join(', ')}`, summary };
    case 'pending':
      return { status: 'in_progress', title: `Waiting for ${verdict.missing ?? 'approval'}`, summary };
  }
}
