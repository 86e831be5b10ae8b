/**
 * One GraphQL request that reads everything the charter check and the creation vote need about a
 * pull request: the charters folder at its head and base commits (entry oids and blob texts), the
 * pull request's opening / ready times and its latest opinionated review per reviewer, and — when
 * the configuration names teams — the members of the moderators' and core maintainers' teams.
 *
 * Content is read through the API, never checked out: a fork's head commit is readable in the base
 * repository, so fork pull requests need nothing special.
 */
import { charterFolders } from '../charters/layout.js';
import type { CharterLayout } from '../charters/layout.js';
import { charterSourceOid, charterSourceTree } from '../charters/tree.js';
import { CHARTER_TREE_FRAGMENT, COMMIT_CHARTERS_FRAGMENT, commitCharters, NAV_BLOB_FRAGMENT, navFile, toTree } from './charter-tree.js';
import type { GroupStewardPullRequestChartersQuery } from './graphql-types.generated.js';
import type { PullRequestCharters, PullTarget } from '../checks/pull-request-read.js';
import { readRequestBranch, readRetireBranch } from '../proposals/markers.js';
import type { GitHub } from './client.js';
import { graphqlWithVoterTeams, VOTER_TEAMS_FIELDS, VOTER_TEAMS_VARIABLES, voterTeamVariables } from './voter-teams.js';
import type { VoterTeamSlugs } from './voter-teams.js';
import { isAppLogin } from '../names.js';
import { PULL_WORK_FRAGMENT, workStateOf } from './work-read.js';
import type { WorkState } from './work-read.js';
import { firstStart, OWN_RUNS_FRAGMENT, ownLatestRuns, ownOpenRuns, ownVoteRuns, VOTE_RUNS_FRAGMENT } from './vote-runs.js';



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
    $pages: Boolean = false
    $headInterest: String = ""
    $baseInterest: String = ""
    $headNav: String = ""
    $baseNav: String = ""
    $interestDir: String = ""
    $navPath: String = ""
    $withWork: Boolean = false
    $withFiles: Boolean = false
    $withRemovals: Boolean = false
    ${VOTER_TEAMS_VARIABLES}
  ) {
    viewer {
      login
    }
    repository(owner: $owner, name: $name) {
      defaultBranchRef @include(if: $withWork) {
        target {
          oid
        }
      }
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
      headInterest: object(expression: $headInterest) @include(if: $pages) {
        ...CharterTree
      }
      baseInterest: object(expression: $baseInterest) @include(if: $pages) {
        ...CharterTree
      }
      headNav: object(expression: $headNav) @include(if: $pages) {
        ...NavBlob
      }
      baseNav: object(expression: $baseNav) @include(if: $pages) {
        ...NavBlob
      }
      pullRequest(number: $number) {
        ...PullWork @include(if: $withWork)
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
          parents(first: 2) {
            totalCount
            nodes {
              oid
            }
          }
          ...CommitCharters
        }
        baseRef {
          target {
            oid
            ... on Commit {
              ...CommitCharters
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
          totalCount
          nodes {
            state
            submittedAt
            author {
              login
            }
            commit {
              file(path: $groupsDir) {
                oid
              }
              interest: file(path: $interestDir) @include(if: $pages) {
                oid
              }
              nav: file(path: $navPath) @include(if: $pages) {
                oid
              }
            }
          }
        }
      }
    }
    ${VOTER_TEAMS_FIELDS}
  }

  ${COMMIT_CHARTERS_FRAGMENT}
  ${CHARTER_TREE_FRAGMENT}
  ${NAV_BLOB_FRAGMENT}
  ${PULL_WORK_FRAGMENT}
  ${VOTE_RUNS_FRAGMENT}
  ${OWN_RUNS_FRAGMENT}
`;

/** What the check reads, and — when asked (`work`) — the pull request's state for linking, from the same request. */
export interface PullRequestRead extends PullRequestCharters {
  work?: WorkState;
}

export interface PullRequestChartersParams extends PullTarget {
  /** The charter source: a YAML folder, or charter pages (both folders and the navigation file are read). */
  layout: CharterLayout;
  /** Team slugs to read the members of (`voterTeamSlugs(config)`). */
  teams: VoterTeamSlugs;
  /**
   * Also read what linking needs of the pull request (`PullWork`, and the repository's default
   * branch commit) — when the repository is its own governance repository — so that one request
   * serves the check and linking (`PullRequestCharters.work`).
   */
  work?: { withFiles: boolean; withRemovals: boolean };
}

/**
 * Reads a pull request's charters (after merging, and at base), its review state and the voters'
 * teams, in one GraphQL request. Team members are read up to 100 per team.
 *
 * Which commit is read as "after merging": GitHub's test merge (`potentialMergeCommit`) only when
 * it merges this head. GitHub recomputes the test merge asynchronously after a push, and its
 * parents are the head commit and the base branch's tip at the time it was computed, so right
 * after a `synchronize` it may still be the merge of the previous head. It is used only when its
 * parents are exactly two: `headSha`, and a base commit whose charters this same request read —
 * `baseSha` (the webhook's `pull_request.base.sha`, which GitHub does not move along with the base
 * branch: it can be older than the base the test merge was computed on) or the base branch's
 * current tip (`baseRef`). `base` is then the charters at that same parent, so the comparison is
 * exactly the pull request's own change: comparing a merge onto a newer base with the older
 * `baseSha` would count every charter added to the base branch in between as added by the pull
 * request (and open a creation vote for it). Any other test merge (stale, or onto a base commit
 * neither of those) is not read: `head` is the head commit's charters, compared with `baseSha`'s,
 * and `headIsUnmerged` is set, as when GitHub has no test merge at all.
 *
 * @throws the GraphQL or HTTP error when GitHub refuses the request (a team that cannot be read
 *         is reported in `teamError` instead)
 */
export async function readPullRequestCharters(gh: GitHub, params: PullRequestChartersParams): Promise<PullRequestRead> {
  const slugs = params.teams;
  const { layout } = params;
  const [first = '', second = ''] = charterFolders(layout);
  const pages =
    layout.kind === 'pages'
      ? { pages: true, headInterest: `${params.headSha}:${second}`, baseInterest: `${params.baseSha}:${second}`, headNav: `${params.headSha}:${layout.nav}`, baseNav: `${params.baseSha}:${layout.nav}`, interestDir: second, navPath: layout.nav }
      : {};
  const variables = {
    owner: params.owner,
    name: params.repo,
    number: params.number,
    head: `${params.headSha}:${first}`,
    headOid: params.headSha,
    base: `${params.baseSha}:${first}`,
    groupsDir: first,
    ...pages,
    ...(params.work ? { withWork: true, withFiles: params.work.withFiles, withRemovals: params.work.withRemovals } : {}),
    ...voterTeamVariables(params.owner, slugs),
  };
  // A team that cannot be read (a user-owned repository, a wrong slug) fails the vote only.
  const { data, teams } = await graphqlWithVoterTeams<GroupStewardPullRequestChartersQuery>(gh, PULL_REQUEST_CHARTERS_QUERY, variables, slugs);
  const repository = data.repository;
  const pr = repository?.pullRequest;
  const merged = pr?.potentialMergeCommit;
  const tip = pr?.baseRef?.target;
  const onto = mergedOnto(merged, params.headSha, [params.baseSha, tip?.oid]);
  const atHead = charterSourceTree(layout, [toTree(repository?.head), toTree(repository?.headInterest)], navFile(repository?.headNav));
  const atBase = charterSourceTree(layout, [toTree(repository?.base), toTree(repository?.baseInterest)], navFile(repository?.baseNav));
  const atTip = tip && 'file' in tip ? commitCharters(layout, tip) : null;
  const atMerge = commitCharters(layout, merged);
  const headTree = atHead?.oid;
  const result: PullRequestRead = {
    head: onto !== null ? atMerge : atHead,
    base: onto !== null && !sameOid(onto, params.baseSha) ? atTip : atBase,
    pull: pr
      ? {
          createdAt: pr.createdAt,
          isDraft: pr.isDraft,
          proposer: proposerOf(pr, data.viewer?.login, `${params.owner}/${params.repo}`),
          readyAt: (pr.timelineItems.nodes ?? []).map((n) => n?.createdAt).find((t): t is string => typeof t === 'string') ?? null,
          firstVoteAt: firstStart(ownVoteRuns(data.viewer?.login, (pr.commits?.nodes ?? []).flatMap((c) => c?.commit.checkSuites?.nodes ?? []))),
          // A review is of the charters proposed now when the commit it was given on has the head
          // commit's charters folder (same tree id); an unknown commit leaves it unknown.
          reviews: (pr.latestOpinionatedReviews?.nodes ?? []).flatMap((r) =>
            r?.author
              ? [{ login: r.author.login, state: r.state, submittedAt: r.submittedAt, ...(r.commit && headTree ? { current: charterSourceOid(layout, [r.commit.file?.oid, r.commit.interest?.oid], r.commit.nav?.oid) === headTree } : {}) }]
              : [],
          ),
          authors: authorsOf(pr, data.viewer?.login, `${params.owner}/${params.repo}`),
        }
      : null,
    openCheckRuns: ownOpenRuns(data.viewer?.login, repository?.headCommit?.checkSuites?.nodes),
    postedCheckRuns: ownLatestRuns(data.viewer?.login, repository?.headCommit?.checkSuites?.nodes),
  };
  if (onto === null) result.headIsUnmerged = true;
  if (params.work && pr && data.viewer) {
    const repo = `${params.owner}/${params.repo}`;
    const target = { repo, governanceRepo: repo, number: params.number, appLogin: data.viewer.login, ...params.work };
    // Linking's part never fails the check: without it, linking reads the pull request itself.
    try {
      result.work = await workStateOf(gh, pr, repository?.defaultBranchRef?.target?.oid ?? null, target);
    } catch {
      delete result.work;
    }
  }
  if (teams.moderatorTeam !== undefined) result.moderatorTeam = teams.moderatorTeam;
  if (teams.coreTeam !== undefined) result.coreTeam = teams.coreTeam;
  if (teams.leadTeam !== undefined) result.leadTeam = teams.leadTeam;
  // What was not seen cannot pass: a team larger than one read, more reviewers than one read.
  const reviewers = pr?.latestOpinionatedReviews?.totalCount;
  const reviewsRead = pr?.latestOpinionatedReviews?.nodes?.length ?? 0;
  const unseen = [teams.teamError, teams.teamIncomplete, reviewers !== undefined && reviewers > reviewsRead ? `the pull request has ${reviewers} reviewers; Group Steward read the first ${reviewsRead}` : undefined].filter((t): t is string => t !== undefined);
  if (unseen.length > 0) result.teamError = unseen.join('; ');
  return result;
}

type RawMergeCommit = NonNullable<NonNullable<NonNullable<GroupStewardPullRequestChartersQuery['repository']>['pullRequest']>['potentialMergeCommit']>;

/**
 * The base side of a test merge of `headSha`: the one of `bases` that, with `headSha`, is exactly
 * the merge commit's two parents (in either order); null when there is no merge or it is another one.
 */
function mergedOnto(merge: RawMergeCommit | null | undefined, headSha: string, bases: (string | undefined)[]): string | null {
  const parents = (merge?.parents?.nodes ?? []).map((n) => n?.oid);
  if (parents.length !== 2 || (merge?.parents?.totalCount ?? parents.length) !== 2) return null;
  const side = parents.findIndex((oid) => sameOid(oid, headSha));
  if (side === -1) return null;
  const other = parents[1 - side];
  return bases.find((oid): oid is string => oid !== undefined && sameOid(oid, other)) ?? null;
}

function sameOid(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

function proposerOf(pr: NonNullable<NonNullable<GroupStewardPullRequestChartersQuery['repository']>['pullRequest']>, viewer: string | undefined, repo: string): string | null {
  const author = pr.author?.login ?? null;
  if (author === null || viewer === undefined || !isAppLogin(author, pr.author?.__typename, viewer)) return author;
  if (pr.headRepository?.nameWithOwner.toLowerCase() !== repo.toLowerCase()) return author;
  const request = readRequestBranch(pr.headRefName);
  if (request !== null) return pr.closingIssuesReferences?.nodes?.find((n) => n?.number === request)?.author?.login ?? author;
  if (readRetireBranch(pr.headRefName) !== null) return pr.commits?.nodes?.[0]?.commit.author?.user?.login ?? author;
  return author;
}

/**
 * Everyone else who wrote the change, whose reviews do not count: on the App's own retirement
 * branch, the author of every commit (each `/retire` sender the App committed for, and anyone who
 * pushed there or updated the branch). Elsewhere none. Logins as GitHub gives them.
 */
function authorsOf(pr: NonNullable<NonNullable<GroupStewardPullRequestChartersQuery['repository']>['pullRequest']>, viewer: string | undefined, repo: string): string[] {
  const author = pr.author?.login;
  if (author === undefined || viewer === undefined || !isAppLogin(author, pr.author?.__typename, viewer)) return [];
  if (pr.headRepository?.nameWithOwner.toLowerCase() !== repo.toLowerCase() || readRetireBranch(pr.headRefName) === null) return [];
  return [...new Set((pr.commits?.nodes ?? []).flatMap((c) => (c?.commit.author?.user?.login ? [c.commit.author.user.login] : [])))];
}

