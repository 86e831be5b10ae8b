/**
 * What one read of a pull request yields for the charter check and the approval checks: the
 * charters after merging and at base, the pull request's opening, readiness, proposer and reviews,
 * the voters' teams, and this App's check runs still in progress. Plain data: the GitHub adapter
 * (src/github/pull-request-charters.ts) fills it, the pure judgement (`judgePullRequest`) and the
 * demo read it.
 */
import type { CharterTree } from '../charters/tree.js';

/** A reviewer's latest opinionated review (GitHub's `latestOpinionatedReviews`). */
export interface Review {
  login: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  submittedAt: string | null;
  /** Given on a commit whose charters folder is the head's (absent: unknown). */
  current?: boolean;
}

export interface PullRequestCharters {
  /**
   * The charters as they would be after merging: GitHub's test merge commit of the pull request
   * when it has one (so a base branch that moved on is not read as the pull request's change),
   * else the head commit.
   */
  head: CharterTree | null;
  /** True when `head` is the head commit because GitHub had no test merge commit (yet). */
  headIsUnmerged?: boolean;
  base: CharterTree | null;
  pull: {
    createdAt: string;
    isDraft: boolean;
    readyAt: string | null;
    /**
     * Who proposes it: the author, or — when this App opened it from a creation request, from its
     * own branch `group-steward/request-<n>` — the author of issue #n, which the pull request
     * closes; from its own branch `group-steward/retire-<id>`, the author of its first commit (the
     * App names the command's sender). Read from what the body's editors cannot change (the
     * branch, the author, the commit), never from the editable body.
     */
    proposer: string | null;
    /** The change's other authors, whose reviews do not count either (the App's retirement branch: every commit's author). */
    authors?: string[];
    reviews: Review[];
    /** When this App first posted a creation vote on the pull request (any of its last 100 commits). */
    firstVoteAt: string | null;
  } | null;
  /** Members of the moderators' team, when the configuration names a team. */
  moderatorTeam?: string[];
  /** Members of the core maintainers' team, when the configuration names a team. */
  coreTeam?: string[];
  /** Members of the lead maintainers' team, when the configuration names a team. */
  leadTeam?: string[];
  /**
   * This App's check runs on the head commit still in progress, by name (the creation vote, a
   * pending sponsorship or approval): updated in place.
   */
  openCheckRuns: Map<string, number>;
  /**
   * This App's newest check run of each name on the head commit, completed or not, with its
   * `external_id` (the digest of what it was posted with); absent when not read.
   */
  postedCheckRuns?: Map<string, { id: number; status: string; externalId: string | null }>;
  /**
   * Why the people or their reviews were not all seen: a configured team that could not be read or
   * has more members than one read, more reviewers than one read. The vote and the approval checks
   * fail with it; the charter check does not.
   */
  teamError?: string;
}

/** A pull request and the commits it is checked at: its head, and its base. */
export interface PullTarget {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  baseSha: string;
}
