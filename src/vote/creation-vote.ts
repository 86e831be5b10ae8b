/**
 * The creation vote for a new group (SEP-1302 § Lifecycle): "Majority positive vote by members
 * over a 72h period approves creation of the group … Core and lead maintainers can veto."
 *
 * On GitHub: the voters are the moderators; a vote is a voter's latest opinionated review of the
 * pull request that adds the charter (approve = yes, changes requested = no); a core or lead
 * maintainer's latest review requesting changes is a veto. Pure: reviews and `now` in, verdict out.
 */
import { inlineText, mention } from '../markdown/escape.js';

export type VoteState = 'draft' | 'open' | 'passed' | 'failed' | 'vetoed' | 'no-voters';

export interface VoteReview {
  login: string;
  state: string;
  submittedAt: string | null;
}

export interface VoteInput {
  /** The moderators (the voters), as GitHub logins. */
  moderators: readonly string[];
  /** Core and lead maintainers (who may veto), as GitHub logins. */
  coreMaintainers: readonly string[];
  /** Each reviewer's latest opinionated review. */
  reviews: readonly VoteReview[];
  /** When the pull request was opened, ISO 8601 UTC. */
  openedAt: string;
  /** When it was last marked ready for review, if ever. */
  readyAt: string | null;
  /**
   * When the App first posted this vote (null: never — the vote opens now). A charter added to a
   * pull request opened days ago gets its full period from the moment it appears.
   */
  firstVoteAt?: string | null;
  isDraft: boolean;
  /** Length of the voting period, in hours (SEP-1302: 72). */
  periodHours: number;
  now: Date;
  /**
   * Why the voters could not be read (a team the App cannot see): the vote cannot pass. GitHub's
   * message, untrusted: the verdict's `reason` carries it escaped (`inlineText`).
   */
  votersError?: string;
  /**
   * Who proposes the group: the pull request's author, or — for a pull request the App opened
   * from a creation request — the request's author. Their own review is no vote, as GitHub never
   * lets a pull request's author approve it.
   */
  proposer?: string;
}

export interface VoteVerdict {
  state: VoteState;
  yes: string[];
  no: string[];
  /** Moderators who have not voted. */
  pending: string[];
  vetoedBy: string[];
  /** When the period opened and closes, ISO 8601 UTC (absent while a draft). */
  opensAt?: string;
  closesAt?: string;
  /** Votes needed to pass: more than half of the moderators. */
  needed: number;
  /**
   * One sentence saying where the vote stands, for the check run's summary: Markdown, its
   * untrusted parts written by `src/markdown/escape.ts` (`mention`, `inlineText`), so it is used
   * as is, never escaped again.
   */
  reason: string;
  /** The proposer, when known (their review is not counted). */
  proposer?: string;
}

const HOUR_MS = 3_600_000;

/**
 * Evaluates a creation vote.
 * - draft: a draft pull request has not opened its vote.
 * - vetoed: a core or lead maintainer requests changes (at any time).
 * - open: the period has not elapsed. It runs from the latest of: the pull request's opening, its
 *   last "ready for review", and the first time the App posted this vote (the moment the new
 *   charter appeared on the pull request).
 * - passed: the period has elapsed and more than half of the moderators approved.
 * - failed: the period has elapsed without that majority.
 * - no-voters: no moderators are configured, so no vote can pass.
 * Logins compare case-insensitively, as GitHub's do. The proposer's own review is not counted
 * (neither a vote nor a veto): GitHub does not let a pull request's author review it, and a
 * requester whose pull request the App opened gets no vote that an author would not have.
 */
export function evaluateCreationVote(input: VoteInput): VoteVerdict {
  const key = (login: string) => login.toLowerCase();
  const proposer = input.proposer === undefined ? undefined : key(input.proposer);
  const latest = new Map(input.reviews.filter((r) => key(r.login) !== proposer).map((r) => [key(r.login), r.state]));
  const moderators = [...new Map(input.moderators.map((m) => [key(m), m])).values()];
  const yes = moderators.filter((m) => latest.get(key(m)) === 'APPROVED');
  const no = moderators.filter((m) => latest.get(key(m)) === 'CHANGES_REQUESTED');
  const pending = moderators.filter((m) => !yes.includes(m) && !no.includes(m));
  const vetoedBy = input.coreMaintainers.filter((c) => latest.get(key(c)) === 'CHANGES_REQUESTED');
  const needed = Math.floor(moderators.length / 2) + 1;
  const base = { yes, no, pending, vetoedBy, needed, ...(input.proposer !== undefined ? { proposer: input.proposer } : {}) };

  if (input.votersError !== undefined) {
    return { ...base, state: 'no-voters', reason: `the voters could not be read: ${inlineText(input.votersError)}` };
  }
  if (moderators.length === 0) {
    return { ...base, state: 'no-voters', reason: 'no moderators are configured (vote.moderators in .github/group-steward.yml), so the vote cannot pass' };
  }
  if (vetoedBy.length > 0) {
    return { ...base, state: 'vetoed', reason: `vetoed by ${vetoedBy.map(mention).join(', ')} (core/lead maintainer requested changes)` };
  }
  if (input.isDraft) {
    return { ...base, state: 'draft', reason: 'the pull request is a draft: the vote opens when it is marked ready for review' };
  }
  const firstVote = input.firstVoteAt === undefined ? 0 : input.firstVoteAt === null ? input.now.getTime() : Date.parse(input.firstVoteAt);
  const opens = Math.max(Date.parse(input.openedAt), input.readyAt ? Date.parse(input.readyAt) : 0, firstVote);
  const closes = opens + input.periodHours * HOUR_MS;
  const window = { opensAt: new Date(opens).toISOString(), closesAt: new Date(closes).toISOString() };
  const tally = `${yes.length} of ${moderators.length} moderators approved, ${needed} needed`;
  if (input.now.getTime() < closes) {
    return { ...base, ...window, state: 'open', reason: `voting is open until ${window.closesAt} (UTC): ${tally}` };
  }
  if (yes.length >= needed) {
    return { ...base, ...window, state: 'passed', reason: `the ${input.periodHours}-hour period ended with a majority: ${tally}` };
  }
  return { ...base, ...window, state: 'failed', reason: `the ${input.periodHours}-hour period ended without a majority: ${tally}` };
}
