/**
 * What the governance loop needs to propose a charter change (README § The life of a group): the
 * governance repository's default branch with its charters, the App's branch for the change and
 * the pull requests from it, the App's comments on the issue the change came from, and the members
 * of the configured teams — in ONE GraphQL request, `GroupStewardCharterBranch`.
 */
import type { ExistingComment } from '../linking/markers.js';
import { charterFolders } from '../charters/layout.js';
import type { CharterLayout } from '../charters/layout.js';
import { charterSourceTree } from '../charters/tree.js';
import { CHARTER_TREE_FRAGMENT, COMMIT_CHARTERS_FRAGMENT, commitCharters, NAV_BLOB_FRAGMENT } from './charter-tree.js';
import type { BranchEntriesFragment, GroupStewardCharterBranchQuery } from './graphql-types.generated.js';
import { selected } from './graphql-select.js';
import type { CharterTree } from '../charters/tree.js';
import type { GitHub } from './client.js';
import { repoParams } from './client.js';
import { isAppLogin } from '../names.js';
import { listIssueComments, THREAD_COMMENTS_FRAGMENT, threadComments } from './issue-comments.js';
import { graphqlWithVoterTeams, VOTER_TEAMS_FIELDS, VOTER_TEAMS_VARIABLES, voterTeamVariables } from './voter-teams.js';
import type { VoterTeams, VoterTeamSlugs } from './voter-teams.js';

/** The GraphQL document sent (validated against GitHub's schema in the tests). */
export const CHARTER_BRANCH_QUERY = /* GraphQL */ `
  query GroupStewardCharterBranch(
    $owner: String!
    $name: String!
    $groupsDir: String!
    $pages: Boolean = false
    $interestDir: String = ""
    $navPath: String = ""
    $branch: String!
    $headRefName: String!
    $issue: Int!
    ${VOTER_TEAMS_VARIABLES}
  ) {
    viewer {
      login
    }
    repository(owner: $owner, name: $name) {
      defaultBranchRef {
        name
        target {
          oid
          ... on Commit {
            ...CommitCharters
          }
        }
      }
      branch: ref(qualifiedName: $branch) {
        target {
          oid
          ... on Commit {
            file(path: $groupsDir) {
              object {
                ...BranchEntries
              }
            }
            interest: file(path: $interestDir) @include(if: $pages) {
              object {
                ...BranchEntries
              }
            }
            nav: file(path: $navPath) @include(if: $pages) {
              oid
            }
          }
        }
      }
      pullRequests(headRefName: $headRefName, first: 100, orderBy: { field: CREATED_AT, direction: DESC }) {
        nodes {
          number
          state
          title
          body
          url
          author {
            __typename
            login
          }
          headRepository {
            nameWithOwner
          }
        }
      }
      thread: issueOrPullRequest(number: $issue) {
        ... on Issue {
          state
          body
          createdAt
          author {
            __typename
            login
            ... on User {
              databaseId
            }
          }
          labels(first: 100) {
            nodes {
              name
            }
          }
          comments(first: 100) {
            ...IssueThreadComments
          }
        }
        ... on PullRequest {
          comments(first: 100) {
            ...IssueThreadComments
          }
        }
      }
    }
    ${VOTER_TEAMS_FIELDS}
  }
  ${THREAD_COMMENTS_FRAGMENT}
  ${COMMIT_CHARTERS_FRAGMENT}
  ${CHARTER_TREE_FRAGMENT}
  ${NAV_BLOB_FRAGMENT}
  fragment BranchEntries on GitObject {
    ... on Tree {
      oid
      entries {
        name
        type
        oid
      }
    }
  }
`;

export interface CharterBranchParams {
  /** `owner/name` of the governance repository. */
  repo: string;
  /** The charter source: a YAML folder, or charter pages (both folders and the navigation file). */
  layout: CharterLayout;
  /** The App's branch for this change, e.g. `group-steward/request-12` (without `refs/heads/`). */
  branch: string;
  /** The issue or pull request whose comments are read (the request, or where the command was given). */
  issue: number;
  /** Team slugs to read the members of (`vote.*` given as teams: `voterTeamSlugs(config)`). */
  teams: VoterTeamSlugs;
}

/** A pull request from the App's branch, opened by the App in the governance repository itself. */
export interface BranchPull {
  number: number;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  title: string;
  body: string;
  url: string;
}

export interface CharterBranch extends VoterTeams {
  /** The App's login, as GraphQL's `viewer` names it (`slug`, no `[bot]`). */
  viewerLogin: string;
  /** The default branch: its name, its commit, the charter source there (`charterSourceTree`; null: none). */
  base: { branch: string; sha: string; charters: CharterTree | null };
  /** The App's branch: its commit and the blob ids of its charter files, by name as `charterSourceTree` names them; null when it does not exist. */
  branch: { sha: string; files: Map<string, string> } | null;
  /** Pull requests from the branch that the App opened, newest first (others are never touched). */
  pulls: BranchPull[];
  /** Comments on the issue, the App's marked (up to 1,000). */
  comments: ExistingComment[];
  /** The issue as it is now (null: the number is a pull request, or no issue): decide on this, never on an older payload. */
  issue: { state: 'OPEN' | 'CLOSED'; body: string; createdAt: string; author: { login: string; id: number | null; type: string } | null; labels: string[] } | null;
}

/**
 * Reads what a charter change is proposed against, in one GraphQL request (a second, REST, only
 * when the issue has more than 100 comments). Team members are read up to 100 per team; a team
 * that cannot be read is reported in `teamError`.
 *
 * @throws Error when the repository has no default branch; the GraphQL or HTTP error GitHub
 *         answers with otherwise
 */
export async function readCharterBranch(gh: GitHub, params: CharterBranchParams): Promise<CharterBranch> {
  const { owner, repo } = repoParams(params.repo);
  const slugs = params.teams;
  const { layout } = params;
  const [first = '', second = ''] = charterFolders(layout);
  const variables = {
    owner,
    name: repo,
    groupsDir: first,
    ...(layout.kind === 'pages' ? { pages: true, interestDir: second, navPath: layout.nav } : {}),
    branch: `refs/heads/${params.branch}`,
    headRefName: params.branch,
    issue: params.issue,
    ...voterTeamVariables(owner, slugs),
  };
  const { data, teams } = await graphqlWithVoterTeams<GroupStewardCharterBranchQuery>(gh, CHARTER_BRANCH_QUERY, variables, slugs);
  const repository = data.repository;
  const head = repository?.defaultBranchRef;
  if (!repository || !head?.target) throw new Error(`${params.repo} has no default branch Group Steward can read`);
  const headTarget = head.target;
  const viewer = data.viewer?.login ?? '';
  const branchTarget = repository.branch?.target;
  const onBranch = branchTarget && 'file' in branchTarget ? branchTarget : undefined;
  const branchTree = charterSourceTree(layout, [entriesTree(onBranch?.file?.object), entriesTree(onBranch?.interest?.object)], onBranch?.nav ? { name: '', oid: onBranch.nav.oid, byteSize: 0, isBinary: false, text: null } : null);
  const thread = repository.thread;
  const comments = thread ? (threadComments(thread.comments, viewer) ?? (await listIssueComments(gh, params.repo, params.issue, viewer))) : [];
  const result: CharterBranch = {
    viewerLogin: viewer,
    base: { branch: head.name, sha: headTarget.oid, charters: 'file' in headTarget ? commitCharters(layout, headTarget) : null },
    branch: repository.branch?.target ? { sha: repository.branch.target.oid, files: new Map((branchTree?.files ?? []).map((f) => [f.name, f.oid])) } : null,
    pulls: (repository.pullRequests.nodes ?? []).flatMap((p) =>
      p && isAppLogin(p.author?.login, p.author?.__typename, viewer) && p.headRepository?.nameWithOwner.toLowerCase() === params.repo.toLowerCase()
        ? [{ number: p.number, state: p.state, title: p.title, body: p.body, url: p.url }]
        : [],
    ),
    comments,
    ...teams,
    issue: thread && 'state' in thread && thread.state !== undefined
      ? {
          state: thread.state,
          body: thread.body ?? '',
          createdAt: thread.createdAt ?? '',
          author: thread.author ? { login: thread.author.login, id: selected(thread.author, 'databaseId') ?? null, type: thread.author.__typename } : null,
          labels: (thread.labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : [])),
        }
      : null,
  };
  return result;
}


/** A branch folder's blob entries (names and ids, no text) as a tree; null for a missing folder or a non-tree. */
function entriesTree(object: BranchEntriesFragment | Record<PropertyKey, never> | null | undefined): CharterTree | null {
  if (!object || !('entries' in object) || !Array.isArray(object.entries)) return null;
  return { oid: object.oid, files: object.entries.filter((e) => e.type === 'blob').map((e) => ({ name: e.name, oid: e.oid, byteSize: 0, isBinary: false, text: null })) };
}
