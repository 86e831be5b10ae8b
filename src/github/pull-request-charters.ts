/**
 * One GraphQL request that reads everything the charter check and the creation vote need about a
 * pull request: the charters folder at its head and base commits (entry oids and blob texts), the
 * pull request's opening / ready times and its latest opinionated review per reviewer, and — when
 * the configuration names teams — the members of the moderators' and core maintainers' teams.
 *
 * Content is read through the API, never checked out: a fork's head commit is readable in the base
 * repository, so fork pull requests need nothing special.
 */
import { CHARTER_TREE_FRAGMENT, toTree } from './charter-tree.js';
import type { CharterTree, RawTree } from './charter-tree.js';
import { readRequestBranch, readRetireBranch } from '../proposals/markers.js';
import type { GitHub } from './client.js';
import { graphqlWithVoterTeams, VOTER_TEAMS_FIELDS, VOTER_TEAMS_VARIABLES, voterTeamVariables } from './voter-teams.js';
import type { VoterTeamSlugs } from './voter-teams.js';
import { isAppLogin } from './issue-comments.js';
import { firstStart, OWN_RUNS_FRAGMENT, ownOpenRuns, ownVoteRuns, VOTE_RUNS_FRAGMENT } from './vote-runs.js';
import type { RawSuite } from './vote-runs.js';

export type { CharterTree, TreeFile } from './charter-tree.js';


/** The GraphQL document sent (validated against GitHub's schema in the tests). */
export const PULL_REQUEST_CHARTERS_QUERY = /* GraphQL */ `
  query GroupStewardPullRequestCharters(
    $owner: String!
    $name: String!
    $number: Int!
    $head: String!
    $base: String!
    $headOid: GitObjectID!
    $groupsDir: String!
    ${VOTER_TEAMS_VARIABLES}
  ) {
    viewer {
      login
    }
    repository(owner: $owner, name: $name) {
      headCommit: object(oid: $headOid) {
        ... on Commit {
          checkSuites(first: 20) {
            nodes {
              ...OwnRuns
            }
          }
        }
      }
      head: object(expression: $head) {
        ...CharterTree
      }
      base: object(expression: $base) {
        ...CharterTree
      }
      pullRequest(number: $number) {
        createdAt
        isDraft
        headRefName
        headRepository {
          nameWithOwner
        }
        author {
          __typename
          login
        }
        closingIssuesReferences(first: 10) {
          nodes {
            number
            author {
              login
            }
          }
        }
        potentialMergeCommit {
          oid
          file(path: $groupsDir) {
            object {
              ...CharterTree
            }
          }
        }
        timelineItems(itemTypes: [READY_FOR_REVIEW_EVENT], last: 1) {
          nodes {
            ... on ReadyForReviewEvent {
              createdAt
            }
          }
        }
        commits(last: 100) {
          nodes {
            commit {
              author {
                user {
                  login
                }
              }
              checkSuites(first: 20) {
                nodes {
                  ...VoteRuns
                }
              }
            }
          }
        }
        latestOpinionatedReviews(first: 100) {
          nodes {
            state
            submittedAt
            author {
              login
            }
          }
        }
      }
    }
    ${VOTER_TEAMS_FIELDS}
  }

  ${CHARTER_TREE_FRAGMENT}
  ${VOTE_RUNS_FRAGMENT}
  ${OWN_RUNS_FRAGMENT}
`;

/** A reviewer's latest opinionated review (GitHub's `latestOpinionatedReviews`). */
export interface Review {
  login: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  submittedAt: string | null;
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
     * closes; from its own branch `group-steward/retire-<id>`, the author of its head commit (the
     * App names the command's sender). Read from what the body's editors cannot change (the
     * branch, the issue's author, the commit), never from the editable body.
     */
    proposer: string | null;
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
  /** Why a configured team could not be read (the vote fails with it; the charter check does not). */
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

export interface PullRequestChartersParams extends PullTarget {
  groupsDir: string;
  /** Team slugs to read the members of (`voterTeamSlugs(config)`). */
  teams: VoterTeamSlugs;
}

/**
 * Reads a pull request's charters (after merging, and at base), its review state and the voters'
 * teams, in one GraphQL request. Team members are read up to 100 per team.
 *
 * @throws the GraphQL or HTTP error when GitHub refuses the request (a team that cannot be read
 *         is reported in `teamError` instead)
 */
export async function readPullRequestCharters(gh: GitHub, params: PullRequestChartersParams): Promise<PullRequestCharters> {
  const slugs = params.teams;
  const variables = {
    owner: params.owner,
    name: params.repo,
    number: params.number,
    head: `${params.headSha}:${params.groupsDir}`,
    headOid: params.headSha,
    base: `${params.baseSha}:${params.groupsDir}`,
    groupsDir: params.groupsDir,
    ...voterTeamVariables(params.owner, slugs),
  };
  // A team that cannot be read (a user-owned repository, a wrong slug) fails the vote only.
  const { data, teams } = await graphqlWithVoterTeams<RawResponse>(gh, PULL_REQUEST_CHARTERS_QUERY, variables, slugs);
  const repository = data.repository;
  const pr = repository?.pullRequest;
  const merged = pr?.potentialMergeCommit;
  const result: PullRequestCharters = {
    head: merged ? toTree(merged.file?.object) : toTree(repository?.head),
    base: toTree(repository?.base),
    pull: pr
      ? {
          createdAt: pr.createdAt,
          isDraft: pr.isDraft,
          proposer: proposerOf(pr, data.viewer?.login, `${params.owner}/${params.repo}`),
          readyAt: pr.timelineItems.nodes.map((n) => n?.createdAt).find((t): t is string => typeof t === 'string') ?? null,
          firstVoteAt: firstStart(ownVoteRuns(data.viewer?.login, (pr.commits?.nodes ?? []).flatMap((c) => c?.commit.checkSuites?.nodes ?? []))),
          reviews: pr.latestOpinionatedReviews.nodes.flatMap((r) =>
            r?.author ? [{ login: r.author.login, state: r.state, submittedAt: r.submittedAt }] : [],
          ),
        }
      : null,
    openCheckRuns: ownOpenRuns(data.viewer?.login, repository?.headCommit?.checkSuites?.nodes),
  };
  if (!merged) result.headIsUnmerged = true;
  if (teams.moderatorTeam !== undefined) result.moderatorTeam = teams.moderatorTeam;
  if (teams.coreTeam !== undefined) result.coreTeam = teams.coreTeam;
  if (teams.leadTeam !== undefined) result.leadTeam = teams.leadTeam;
  if (teams.teamError !== undefined) result.teamError = teams.teamError;
  return result;
}

function proposerOf(pr: NonNullable<NonNullable<RawResponse['repository']>['pullRequest']>, viewer: string | undefined, repo: string): string | null {
  const author = pr.author?.login ?? null;
  if (author === null || viewer === undefined || !isAppLogin(author, pr.author?.__typename, viewer)) return author;
  if (pr.headRepository?.nameWithOwner.toLowerCase() !== repo.toLowerCase()) return author;
  const request = readRequestBranch(pr.headRefName);
  if (request !== null) return pr.closingIssuesReferences?.nodes.find((n) => n?.number === request)?.author?.login ?? author;
  if (readRetireBranch(pr.headRefName) !== null) return pr.commits?.nodes.at(-1)?.commit.author?.user?.login ?? author;
  return author;
}


interface RawResponse {
  viewer?: { login: string };
  repository: {
    headCommit?: { checkSuites?: { nodes: RawSuite[] } } | null;
    head: RawTree | null;
    base: RawTree | null;
    pullRequest: {
      createdAt: string;
      isDraft: boolean;
      headRefName?: string;
      headRepository?: { nameWithOwner: string } | null;
      author?: { __typename: string; login: string } | null;
      closingIssuesReferences?: { nodes: ({ number: number; author: { login: string } | null } | null)[] } | null;
      potentialMergeCommit: { oid: string; file: { object: RawTree | null } | null } | null;
      commits?: { nodes: ({ commit: { author?: { user: { login: string } | null } | null; checkSuites: { nodes: RawSuite[] } | null } } | null)[] };
      timelineItems: { nodes: ({ createdAt?: string } | null)[] };
      latestOpinionatedReviews: { nodes: ({ state: Review['state']; submittedAt: string | null; author: { login: string } | null } | null)[] };
    } | null;
  } | null;
}
