/**
 * The "Group creation vote" check run's content. An open vote (or a draft) is `in_progress`; a
 * settled one is `completed` — success when it passed, failure when it failed or was vetoed.
 */
import { VOTE_CHECK_RUN_NAME } from './check-run.js';
import { ID_PATTERN } from '../charters/schema.js';
import { echoTyped, inlineCode, mention, tableCell, tableRow } from '../markdown/escape.js';
import type { VoteVerdict } from '../vote/creation-vote.js';

export const VOTE_CHECK_NAME = VOTE_CHECK_RUN_NAME;

export interface VoteReport {
  status: 'in_progress' | 'completed';
  conclusion?: 'success' | 'failure';
  title: string;
  summary: string;
}

/** Group ids for a check's text: a well-formed id as code, anything else echoed safely. Pure. */
export function groupList(groupIds: readonly string[]): string {
  return groupIds.map((id) => (ID_PATTERN.test(id) ? inlineCode(id) : echoTyped(id))).join(', ');
}

/** Builds the vote check run for the new groups `groupIds` (SEP-1302 § Lifecycle). Pure. */
export function buildVoteReport(groupIds: readonly string[], verdict: VoteVerdict, periodHours: number): VoteReport {
  const groups = groupList(groupIds);
  // Logins as GitHub gave them (the voters, read from teams and reviews); anything else is echoed.
  const who = (logins: readonly string[]) => tableCell(logins.length ? logins.map(mention).join(', ') : '—');
  const summary = [
    `Creating ${groupIds.length === 1 ? 'the group' : 'the groups'} ${groups} needs a majority of the moderators over ${periodHours} hours; core and lead maintainers can veto (SEP-1302).`,
    '',
    `**${verdict.reason}.**`,
    '',
    '| | moderators |',
    '| --- | --- |',
    tableRow(['approved (yes)', who(verdict.yes)]),
    tableRow(['changes requested (no)', who(verdict.no)]),
    tableRow(['not voted', who(verdict.pending)]),
    '',
    verdict.closesAt ? `Voting period: ${verdict.opensAt} → ${verdict.closesAt} (UTC). Votes needed: ${verdict.needed}.` : `Votes needed: ${verdict.needed}.`,
    '',
    'A vote is a moderator\'s latest review of this pull request: approve = yes, request changes = no.',
    ...(verdict.proposer !== undefined ? ['', `Proposed by ${mention(verdict.proposer)}, whose own review is not a vote.`] : []),
  ].join('\n');
  switch (verdict.state) {
    case 'passed':
      return { status: 'completed', conclusion: 'success', title: `Approved: ${verdict.yes.length} of ${verdict.yes.length + verdict.no.length + verdict.pending.length} moderators`, summary };
    case 'failed':
      return { status: 'completed', conclusion: 'failure', title: 'Not approved: no majority of moderators', summary };
    case 'vetoed':
      return { status: 'completed', conclusion: 'failure', title: `Vetoed by ${verdict.vetoedBy.join(', ')}`, summary };
    case 'no-voters':
      // Not neutral: branch protection treats neutral as passing, and SEP-1302 requires the vote.
      return { status: 'completed', conclusion: 'failure', title: 'No moderators configured', summary };
    case 'draft':
      return { status: 'in_progress', title: 'Waiting: the pull request is a draft', summary };
    case 'open':
      return { status: 'in_progress', title: `Voting until ${verdict.closesAt}: ${verdict.yes.length}/${verdict.needed} approvals`, summary };
  }
}
