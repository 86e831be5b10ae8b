/** GraphQL response fixtures for `readPullRequestCharters`: trees made from charter texts. */
import { createHash } from 'node:crypto';

const oid = (text: string) => createHash('sha1').update(text).digest('hex');

/** A tree as GitHub's GraphQL API returns it, from `{ 'name.yaml': text }`; null for `null`. */
export function graphqlTree(files: Record<string, string> | null) {
  if (files === null) return null;
  const entries = Object.entries(files)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, text]) => ({
      name,
      type: 'blob',
      oid: oid(text),
      object: { byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false, text },
    }));
  return { oid: oid(JSON.stringify(entries)), entries };
}

/** The head and base commits of GitHub's example `pull_request` payloads (`examplePayload`). */
export const EXAMPLE_HEAD_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
export const EXAMPLE_BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';

export interface PullFixture {
  /**
   * GitHub's test merge commit: its charters folder (default: the same as head), or null when
   * GitHub has not computed one.
   */
  merged?: Record<string, string> | null;
  /**
   * The test merge's parents, as GitHub orders them: the base side, then the head (default: the
   * example payloads' base and head, a merge of the current head).
   */
  mergeParents?: string[];
  /**
   * The base branch's current commit (`baseRef.target`) and its charters folder (default: the
   * example payloads' base commit with `base`); null: the base branch is gone.
   */
  baseTip?: { oid: string; files: Record<string, string> | null } | null;
  createdAt?: string;
  /** When this App first posted the vote (default: when the pull request was opened; null: never). */
  firstVoteAt?: string | null;
  isDraft?: boolean;
  readyAt?: string | null;
  reviews?: { login: string; state: string; submittedAt?: string }[];
  /** The pull request's author as GraphQL names it (default: none given), its branch and the issues it closes. */
  author?: { __typename: 'User' | 'Bot'; login: string };
  headRefName?: string;
  closes?: { number: number; author: string }[];
}

/** The whole `data` of the pull-request charters query. */
export function pullRequestChartersData(
  head: Record<string, string> | null,
  base: Record<string, string> | null,
  pull: PullFixture = {},
  teams: { moderators?: string[]; core?: string[] } = {},
  /** This App's existing vote check run on the head commit (GraphQL names the App by its slug). */
  voteRunId?: number,
  voteRunStatus: 'IN_PROGRESS' | 'COMPLETED' = 'IN_PROGRESS',
  voteRunName = 'Group creation vote',
) {
  const merged = pull.merged === undefined ? head : pull.merged;
  const team = (logins: string[] | undefined) =>
    logins === undefined ? undefined : { team: { members: { nodes: logins.map((login) => ({ login })) } } };
  return {
    viewer: { login: 'group-steward' },
    repository: {
      headCommit: {
        checkSuites: {
          nodes: [
            { app: { slug: 'another-app' }, checkRuns: { nodes: [{ databaseId: 999 }] } },
            // The App's "Group charters" run the pull request's opening posted (a review posts none while it is there).
            { app: { slug: 'group-steward' }, checkRuns: { nodes: [{ name: 'Group charters', databaseId: 3, status: 'COMPLETED' }, ...(voteRunId === undefined ? [] : [{ name: voteRunName, databaseId: voteRunId, status: voteRunStatus }])] } },
          ],
        },
      },
      head: graphqlTree(head),
      base: graphqlTree(base),
      pullRequest: {
        potentialMergeCommit:
          merged === null
            ? null
            : {
                oid: 'f'.repeat(40),
                parents: (() => {
                  const parents = pull.mergeParents ?? [EXAMPLE_BASE_SHA, EXAMPLE_HEAD_SHA];
                  return { totalCount: parents.length, nodes: parents.slice(0, 2).map((oid) => ({ oid })) };
                })(),
                file: merged === undefined || head === null ? null : { object: graphqlTree(merged) },
              },
        baseRef: (() => {
          const tip = pull.baseTip === undefined ? { oid: EXAMPLE_BASE_SHA, files: base } : pull.baseTip;
          return tip === null ? null : { target: { oid: tip.oid, file: tip.files === null ? null : { object: graphqlTree(tip.files) } } };
        })(),
        createdAt: pull.createdAt ?? '2026-11-20T00:00:00Z',
        commits: {
          nodes: [
            {
              commit: {
                checkSuites: {
                  nodes: (() => {
                    const first = pull.firstVoteAt === undefined ? (pull.createdAt ?? '2026-11-20T00:00:00Z') : pull.firstVoteAt;
                    return first === null ? [] : [{ app: { slug: 'group-steward' }, checkRuns: { nodes: [{ databaseId: 7, status: 'COMPLETED', startedAt: first }] } }];
                  })(),
                },
              },
            },
          ],
        },
        isDraft: pull.isDraft ?? false,
        ...(pull.author ? { author: pull.author } : {}),
        ...(pull.headRefName !== undefined ? { headRefName: pull.headRefName, headRepository: { nameWithOwner: 'Codertocat/Hello-World' } } : {}),
        ...(pull.closes ? { closingIssuesReferences: { nodes: pull.closes.map((c) => ({ number: c.number, author: { login: c.author } })) } } : {}),
        timelineItems: { nodes: pull.readyAt ? [{ createdAt: pull.readyAt }] : [] },
        latestOpinionatedReviews: {
          nodes: (pull.reviews ?? []).map((r) => ({ state: r.state, submittedAt: r.submittedAt ?? '2026-11-20T01:00:00Z', author: { login: r.login } })),
        },
      },
    },
    ...(teams.moderators ? { moderators: team(teams.moderators) } : {}),
    ...(teams.core ? { core: team(teams.core) } : {}),
  };
}

/** What a pull request carries for linking: its labels, comments, changed files and the labels people removed. */
export interface PullWorkFixture {
  labels?: string[];
  comments?: { id: number; body: string; user: { login: string; type: string } }[];
  /** Changed files; `totalFiles` more than listed sends the App to REST. */
  files?: string[];
  totalFiles?: number;
  removed?: { label: string; by: string }[];
}

/**
 * The `PullWork` fields (src/github/work-read.ts) as GitHub answers them for `fixture`: the labels
 * and comments always, the files and the removals when the request's variables ask for them
 * (`withFiles`, `withRemovals`; both when the variables do not say).
 */
export function pullWorkData(fixture: PullWorkFixture, variables: { withFiles?: unknown; withRemovals?: unknown } = {}) {
  const gql = (login: string) => login.replace(/\[bot\]$/, '');
  return {
    labels: { totalCount: (fixture.labels ?? []).length, nodes: (fixture.labels ?? []).map((name) => ({ name })) },
    comments: { totalCount: (fixture.comments ?? []).length, nodes: (fixture.comments ?? []).map((c) => ({ databaseId: c.id, body: c.body, author: { __typename: c.user.type, login: gql(c.user.login) } })) },
    ...(variables.withFiles !== false ? { files: { totalCount: fixture.totalFiles ?? (fixture.files ?? []).length, nodes: (fixture.files ?? []).map((path) => ({ path, changeType: 'MODIFIED' })) } } : {}),
    ...(variables.withRemovals !== false ? { removals: { totalCount: (fixture.removed ?? []).length, nodes: (fixture.removed ?? []).map((r) => ({ label: { name: r.label }, actor: { __typename: 'User', login: r.by } })) } } : {}),
  };
}

/**
 * A `GroupStewardPullRequestCharters` answer completed with what a request that also asks for
 * linking's part (`withWork`) gets from GitHub: the repository's default-branch commit and the pull
 * request's `PullWork` fields (for `fixture`: by default none of anything). Unchanged for a
 * request that does not ask.
 */
export function withPullWork(variables: Record<string, unknown>, data: unknown, fixture: PullWorkFixture & { commit?: string } = {}): unknown {
  if (variables.withWork !== true || typeof data !== 'object' || data === null) return data;
  const answer = data as { repository?: { pullRequest?: Record<string, unknown> | null; defaultBranchRef?: unknown } | null };
  const repository = answer.repository;
  if (!repository) return data;
  return {
    ...answer,
    repository: {
      defaultBranchRef: { target: { oid: fixture.commit ?? 'a'.repeat(40) } },
      ...repository,
      pullRequest: repository.pullRequest ? { ...pullWorkData(fixture, variables), ...repository.pullRequest } : repository.pullRequest,
    },
  };
}
