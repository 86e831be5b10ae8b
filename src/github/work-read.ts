/**
 * What linking needs to know about one issue or pull request, and whether the group registry it
 * would plan with is still the governance repository's: ONE GraphQL request,
 * `GroupStewardWork` — the governance repository's default-branch commit, the labels the work
 * carries now, its comments (the App's marked reply and link comments among them), the labels
 * people removed (on a push) and the files a pull request changes (when asked). README § Labels
 * and linking: every replica serves every event with the charters of the current default-branch
 * commit ("The group registry"), and a command costs 3 requests — this read, the label, the
 * comment ("Linking").
 */
import type { ExistingComment } from '../linking/markers.js';
import type { ReadIssue } from '../proposals/read-issue.js';
import type { GitHub } from './client.js';
import { repoParams } from './client.js';
import { isAppLogin } from '../names.js';
import { listIssueComments, THREAD_COMMENTS_FRAGMENT, threadComments } from './issue-comments.js';
import type { GroupStewardWorkQuery, PullWorkFragment } from './graphql-types.generated.js';
import { labelsRemovedByPeople } from './label-removals.js';
import { listIssueLabels } from './labels.js';
import { listPullRequestFiles } from './pull-files.js';

/**
 * What linking reads of a pull request, as a fragment: its labels, comments, the labels people
 * removed (`$withRemovals`) and its changed files (`$withFiles`); the operation that spreads it
 * declares both variables. `GroupStewardWork` spreads it, and so does the pull-request check's
 * read, so that one request serves both on a pull request event (`workStateOf`). With the
 * fragments it uses (`WorkLabels`, `WorkRemovals`, `IssueThreadComments`).
 */
export const PULL_WORK_FRAGMENT = /* GraphQL */ `
  fragment PullWork on PullRequest {
    labels(first: 100) {
      ...WorkLabels
    }
    comments(first: 100) {
      ...IssueThreadComments
    }
    removals: timelineItems(itemTypes: [UNLABELED_EVENT], last: 100) @include(if: $withRemovals) {
      ...WorkRemovals
    }
    files(first: 100) @include(if: $withFiles) {
      totalCount
      nodes {
        path
        changeType
      }
    }
  }
  fragment WorkLabels on LabelConnection {
    totalCount
    nodes {
      name
    }
  }
  fragment WorkRemovals on PullRequestTimelineItemsConnection {
    totalCount
    nodes {
      ... on UnlabeledEvent {
        label {
          name
        }
        actor {
          __typename
          login
        }
      }
    }
  }
  ${THREAD_COMMENTS_FRAGMENT}
`;

/** The GraphQL document sent (validated against GitHub's schema in the tests). */
export const WORK_QUERY = /* GraphQL */ `
  query GroupStewardWork(
    $governanceOwner: String!
    $governanceName: String!
    $owner: String!
    $name: String!
    $number: Int!
    $withFiles: Boolean!
    $withRemovals: Boolean!
    $withIssue: Boolean = false
  ) {
    governance: repository(owner: $governanceOwner, name: $governanceName) {
      defaultBranchRef {
        target {
          oid
        }
      }
    }
    repository(owner: $owner, name: $name) {
      issueOrPullRequest(number: $number) {
        __typename
        ... on Issue {
          labels(first: 100) {
            ...WorkLabels
          }
          comments(first: 100) {
            ...IssueThreadComments
          }
          state @include(if: $withIssue)
          stateReason @include(if: $withIssue)
          body @include(if: $withIssue)
          author @include(if: $withIssue) {
            __typename
            login
          }
        }
        ... on PullRequest {
          ...PullWork
        }
      }
    }
  }
  ${PULL_WORK_FRAGMENT}
`;

export interface WorkReadParams {
  /** `owner/name` of the repository the work is in, and of the governance repository. */
  repo: string;
  governanceRepo: string;
  number: number;
  /** Read the files a pull request changes (for `paths`). */
  withFiles: boolean;
  /** Read the labels people removed from a pull request (so a push does not put one back). */
  withRemovals: boolean;
  /** The App's login (GraphQL's `slug` or REST's `slug[bot]`): its comments and removals are told apart. */
  appLogin: string;
}

export interface WorkState {
  /** The governance repository's default-branch commit now; null for an empty repository. */
  governanceCommit: string | null;
  /** The labels the work carries now. */
  labels: string[];
  comments: ExistingComment[];
  /** With `withRemovals`: the labels people (not this App) removed. */
  removedByPeople?: string[];
  /** With `withFiles` on a pull request: the changed files (a renamed file by its new and old path). */
  changedFiles?: string[];
  /** The reads made, by name, for logs and the benchmark (`work`, then any REST follow-up). */
  reads: string[];
}

/**
 * Reads the work's state and the governance commit in one GraphQL request. A list longer than one
 * page (100 labels, comments, removals or files), or a renamed file (GraphQL gives only its new
 * path), is read again whole through REST — a request only then.
 *
 * @throws Error when the governance repository or the work cannot be read (not found, or not
 *         visible to this installation); the GraphQL or HTTP error GitHub answers with
 */
export async function readWork(gh: GitHub, params: WorkReadParams): Promise<WorkState> {
  const governance = repoParams(params.governanceRepo);
  const work = repoParams(params.repo);
  const data = await gh.graphql<GroupStewardWorkQuery>(WORK_QUERY, {
    governanceOwner: governance.owner,
    governanceName: governance.repo,
    owner: work.owner,
    name: work.repo,
    number: params.number,
    withFiles: params.withFiles,
    withRemovals: params.withRemovals,
  });
  if (!data.governance) throw new Error(`the governance repository ${params.governanceRepo} was not found, or this installation cannot read it`);
  const item = data.repository?.issueOrPullRequest;
  if (!item) throw new Error(`${params.repo}#${params.number} was not found, or this installation cannot read it`);
  return workStateOf(gh, item, data.governance.defaultBranchRef?.target?.oid ?? null, params);
}

/** One issue as the governance loop decides on it, with its comments (the App's marked ones among them). */
export interface IssueThread {
  issue: ReadIssue;
  comments: ExistingComment[];
}

/**
 * Issue `number` of `repo` and its comments, in one GraphQL request (`GroupStewardWork`, with the
 * issue's state, author and body): where a merged retirement pull request settles its issue. A
 * pull request by that number is read as one (`isPull`), without its comments. The author is
 * GraphQL's login (`slug` for an App's bot, with `authorType` `Bot`). More than 100 comments are
 * read whole through REST — a request only then.
 *
 * @returns null when the repository has no issue or pull request `number` (or this installation cannot see it)
 * @throws the GraphQL or HTTP error GitHub answers with
 */
export async function readIssueThread(gh: GitHub, params: { repo: string; number: number; appLogin: string }): Promise<IssueThread | null> {
  const { owner, repo } = repoParams(params.repo);
  const data = await gh.graphql<GroupStewardWorkQuery>(WORK_QUERY, { governanceOwner: owner, governanceName: repo, owner, name: repo, number: params.number, withFiles: false, withRemovals: false, withIssue: true });
  const item = data.repository?.issueOrPullRequest;
  if (!item) return null;
  if (item.__typename !== 'Issue') return { issue: { number: params.number, state: 'closed', author: null, body: '', isPull: true }, comments: [] };
  const state = await workStateOf(gh, item, null, { ...params, governanceRepo: params.repo, withFiles: false, withRemovals: false });
  return {
    issue: {
      number: params.number,
      state: item.state === 'OPEN' ? 'open' : 'closed',
      ...(item.stateReason ? { stateReason: item.stateReason } : {}),
      author: item.author?.login ?? null,
      ...(item.author ? { authorType: item.author.__typename } : {}),
      body: item.body ?? '',
      isPull: false,
    },
    comments: state.comments,
  };
}

/** An issue's or pull request's work fields as read: `PullWork`, or an issue's labels and comments (a field not read: absent). */
export type RawWork = Partial<PullWorkFragment>;

/**
 * The work's state from what one GraphQL request read of it (`GroupStewardWork`, or the `PullWork`
 * fragment of another read). A list longer than one page (100 labels, comments, removals or files),
 * or a renamed file (GraphQL gives only its new path), is read again whole through REST — a request
 * only then.
 *
 * @param governanceCommit the governance repository's default-branch commit, as the same request read it
 * @throws the HTTP error GitHub answers a REST follow-up with
 */
export async function workStateOf(gh: GitHub, item: RawWork, governanceCommit: string | null, params: WorkReadParams): Promise<WorkState> {
  const reads = ['work'];
  const state: WorkState = { governanceCommit, labels: [], comments: [], reads };

  if (!item.labels || item.labels.totalCount > (item.labels.nodes?.length ?? 0)) {
    state.labels = await listIssueLabels(gh, params.repo, params.number);
    reads.push('labels');
  } else {
    state.labels = (item.labels.nodes ?? []).flatMap((l) => (l ? [l.name] : []));
  }
  const comments = threadComments(item.comments ?? null, params.appLogin);
  if (comments === null) {
    state.comments = await listIssueComments(gh, params.repo, params.number, params.appLogin);
    reads.push('comments');
  } else {
    state.comments = comments;
  }
  const timeline = item.removals;
  if (params.withRemovals && timeline) {
    if (timeline.totalCount > (timeline.nodes?.length ?? 0)) {
      state.removedByPeople = await labelsRemovedByPeople(gh, params.repo, params.number, params.appLogin);
      reads.push('events');
    } else {
      const removed = new Set<string>();
      for (const e of timeline.nodes ?? []) if (e && 'label' in e && !isAppLogin(e.actor?.login, e.actor?.__typename, params.appLogin)) removed.add(e.label.name);
      state.removedByPeople = [...removed];
    }
  }
  const files = item.files;
  if (params.withFiles && files) {
    if (files.totalCount > (files.nodes?.length ?? 0) || (files.nodes ?? []).some((f) => f?.changeType === 'RENAMED')) {
      state.changedFiles = await listPullRequestFiles(gh, params.repo, params.number);
      reads.push('files');
    } else {
      state.changedFiles = (files.nodes ?? []).flatMap((f) => (f ? [f.path] : []));
    }
  }
  return state;
}
