/**
 * Building an activity snapshot live from GitHub: the groups' work — issues and pull requests of
 * the repositories they own, those carrying a group label anywhere in the organization, and their
 * deliverables — with each item's events, read through GraphQL search, 100 items per request
 * (not one request per item, nor one per group per repository).
 */
import type { Snapshot, SnapshotEvent, SnapshotItem } from '../activity/snapshot.js';
import type { GitHub } from './client.js';

/**
 * The fields read of every issue or pull request. Labelling is not activity, so labelled events are
 * not read: they would only push human events out of the last 100 timeline items read.
 */
const ITEM_FIELDS = /* GraphQL */ `
  fragment SnapshotIssue on Issue {
    number
    title
    url
    issueState: state
    createdAt
    updatedAt
    closedAt
    repository { nameWithOwner }
    author { __typename login }
    labels(first: 50) { nodes { name } }
    timelineItems(last: 100, itemTypes: [ISSUE_COMMENT, CLOSED_EVENT, REOPENED_EVENT]) {
      nodes {
        __typename
        ... on IssueComment { createdAt author { __typename login } }
        ... on ClosedEvent { createdAt actor { __typename login } }
        ... on ReopenedEvent { createdAt actor { __typename login } }
      }
    }
  }
  fragment SnapshotPullRequest on PullRequest {
    number
    title
    url
    pullState: state
    createdAt
    updatedAt
    closedAt
    mergedAt
    repository { nameWithOwner }
    author { __typename login }
    labels(first: 50) { nodes { name } }
    timelineItems(
      last: 100
      itemTypes: [ISSUE_COMMENT, PULL_REQUEST_REVIEW, PULL_REQUEST_COMMIT, CLOSED_EVENT, MERGED_EVENT, REOPENED_EVENT]
    ) {
      nodes {
        __typename
        ... on IssueComment { createdAt author { __typename login } }
        ... on PullRequestReview { submittedAt author { __typename login } }
        ... on PullRequestCommit { commit { committedDate author { user { __typename login } name } } }
        ... on ClosedEvent { createdAt actor { __typename login } }
        ... on MergedEvent { createdAt actor { __typename login } }
        ... on ReopenedEvent { createdAt actor { __typename login } }
      }
    }
  }
`;

/** One page of a search over issues and pull requests. */
export const ACTIVITY_SEARCH_QUERY = /* GraphQL */ `
  query GroupStewardActivitySearch($q: String!, $cursor: String) {
    search(query: $q, type: ISSUE, first: 100, after: $cursor) {
      issueCount
      pageInfo { hasNextPage endCursor }
      nodes {
        ...SnapshotIssue
        ...SnapshotPullRequest
      }
    }
  }
  ${ITEM_FIELDS}
`;

/** Issues or pull requests by repository and number (deliverables), up to 50 per request. */
export function deliverablesQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$o${i}: String!, $n${i}: String!, $k${i}: Int!`).join(', ');
  const fields = Array.from(
    { length: count },
    (_, i) => `d${i}: repository(owner: $o${i}, name: $n${i}) { issueOrPullRequest(number: $k${i}) { ...SnapshotIssue ...SnapshotPullRequest } }`,
  ).join('\n    ');
  return `query GroupStewardDeliverables(${vars}) {\n    ${fields}\n  }\n  ${ITEM_FIELDS}`;
}

/** GitHub's search returns at most this many results per query, however many match. */
export const SEARCH_RESULT_CAP = 1000;
/** Most search pages read per query (100 results each: GitHub's cap). */
const MAX_PAGES = SEARCH_RESULT_CAP / 100;
/** Deliverables fetched per request. */
const DELIVERABLES_PER_REQUEST = 50;
/** Repositories, or labels, named in one search. */
const TERMS_PER_SEARCH = 20;

export interface LiveSnapshotInput {
  /** Repositories the groups own (`owner/name`): all their work counts. */
  ownedRepos: readonly string[];
  /** Group labels (`wg:<id>`, `ig:<id>`, and former ones) searched in `labelScope`. */
  labels: readonly string[];
  /** Where group labels are searched: `org:<owner>`, `user:<owner>` or `repo:<owner/name>` qualifiers. */
  labelScope: readonly string[];
  /** Deliverable issues / pull requests. */
  deliverables: readonly { repo: string; number: number }[];
  /** Only items updated on or after this UTC date (`YYYY-MM-DD`) are searched. */
  since: string;
  now: Date;
}

export interface LiveSnapshotOutcome {
  snapshot: Snapshot;
  /** GraphQL requests made. */
  requests: number;
  /** Searches with more than 1,000 items updated at one same instant (the others are missing). */
  truncated: string[];
  /** Deliverables GitHub does not know (deleted, private to this token, or a mistyped number): `owner/name#n`. */
  notFound: string[];
}

/**
 * Builds a snapshot from GitHub.
 *
 * Searches name up to 20 repositories (or labels) each, so each stays within GitHub's limits (at
 * most 5 boolean operators and 256 characters of terms; qualifiers such as `repo:` and `label:` do
 * not count). GitHub returns at most 1,000 results per search, so results are sorted by update
 * time, newest first, and a search that matches more continues with a second search bounded by
 * the update time of the last item read (`updated:<since>..<that instant>`), and so on: a busy
 * group is never judged on part of its work, at about one request per 100 items. An item met by
 * several searches is kept once. Deliverables the searches did not meet are read by number, 50 per
 * request; one GitHub does not know is reported in `notFound` (its state stays unknown).
 *
 * @throws the GraphQL or HTTP error when GitHub refuses a request (after Octokit's retries)
 */
export async function buildLiveSnapshot(gh: GitHub, input: LiveSnapshotInput): Promise<LiveSnapshotOutcome> {
  const items = new Map<string, SnapshotItem>();
  const truncated: string[] = [];
  const notFound: string[] = [];
  let requests = 0;
  let searches = 0;
  const keep = (node: RawItem | null | undefined) => {
    const item = node ? toItem(node) : null;
    if (item) items.set(`${item.repo.toLowerCase()}#${item.number}`, item);
  };
  const bases = [
    ...chunks(input.ownedRepos, TERMS_PER_SEARCH).map((repos) => repos.map((r) => `repo:${r}`).join(' ')),
    ...chunks(input.labels, TERMS_PER_SEARCH).map((labels) => `${input.labelScope.join(' ')} label:${labels.map((l) => `"${l}"`).join(',')}`),
  ];
  for (const base of bases) {
    // Newest first; past GitHub's 1,000 results, go on below the last update time read.
    let upper: string | null = null;
    for (;;) {
      const q = `${base} updated:${upper === null ? `>=${input.since}` : `${input.since}T00:00:00Z..${upper}`} sort:updated-desc`;
      searches += 1;
      let cursor: string | null = null;
      let read = 0;
      let matched = 0;
      let last: string | null = null;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const data: RawSearch = await gh.graphql<RawSearch>(ACTIVITY_SEARCH_QUERY, { q, cursor });
        requests += 1;
        matched = data.search.issueCount;
        read += data.search.nodes.length;
        for (const node of data.search.nodes) {
          keep(node);
          if (node?.updatedAt) last = node.updatedAt;
        }
        if (!data.search.pageInfo.hasNextPage) break;
        cursor = data.search.pageInfo.endCursor;
      }
      if (matched <= read || last === null) break;
      if (last === upper) {
        // More than 1,000 items updated at one same instant: the rest cannot be reached.
        truncated.push(q);
        break;
      }
      upper = last;
    }
  }

  const missing = input.deliverables.filter((d) => !items.has(`${d.repo.toLowerCase()}#${d.number}`));
  for (const chunk of chunks(missing, DELIVERABLES_PER_REQUEST)) {
    const variables: Record<string, string | number> = {};
    chunk.forEach((d, i) => {
      const [owner = '', name = ''] = d.repo.split('/');
      variables[`o${i}`] = owner;
      variables[`n${i}`] = name;
      variables[`k${i}`] = d.number;
    });
    type Found = Record<string, { issueOrPullRequest: RawItem | null } | null>;
    let data: Found;
    try {
      data = await gh.graphql<Found>(deliverablesQuery(chunk.length), variables);
    } catch (error) {
      // GitHub answers an unknown repository or number with a NOT_FOUND error beside the data of
      // the others: one mistyped deliverable must not stop the run.
      const partial = notFoundOnly<Found>(error);
      if (!partial) throw error;
      data = partial;
    }
    requests += 1;
    chunk.forEach((d, i) => {
      const node = data[`d${i}`]?.issueOrPullRequest;
      if (node) keep(node);
      else notFound.push(`${d.repo}#${d.number}`);
    });
  }

  const sorted = [...items.values()].sort((a, b) => (a.repo === b.repo ? a.number - b.number : a.repo < b.repo ? -1 : 1));
  return {
    snapshot: { generated_at: input.now.toISOString(), source: `GitHub, live: ${searches} searches since ${input.since}`, since: input.since, items: sorted },
    requests,
    truncated,
    notFound,
  };
}

/** The partial data of a GraphQL answer whose every error is NOT_FOUND, or null. */
function notFoundOnly<T>(error: unknown): T | null {
  const e = error as { errors?: unknown; data?: unknown } | null;
  if (!e || !Array.isArray(e.errors) || e.errors.length === 0 || typeof e.data !== 'object' || e.data === null) return null;
  return e.errors.every((x) => (x as { type?: unknown }).type === 'NOT_FOUND') ? (e.data as T) : null;
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

type Actor = { __typename: string; login: string } | null;
interface RawEvent {
  __typename: string;
  createdAt?: string;
  submittedAt?: string | null;
  author?: Actor;
  actor?: Actor;
  commit?: { committedDate: string; author: { user: Actor; name: string | null } | null };
}
interface RawItem {
  number?: number;
  title: string;
  url: string;
  issueState?: 'OPEN' | 'CLOSED';
  pullState?: 'OPEN' | 'CLOSED' | 'MERGED';
  createdAt: string;
  updatedAt?: string;
  closedAt: string | null;
  mergedAt?: string | null;
  repository: { nameWithOwner: string };
  author: Actor;
  labels: { nodes: ({ name: string } | null)[] } | null;
  timelineItems: { nodes: (RawEvent | null)[] };
}
interface RawSearch {
  search: { issueCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: (RawItem | null)[] };
}

const actorType = (actor: Actor): SnapshotEvent['actor_type'] => (actor === null ? null : actor.__typename === 'Bot' ? 'Bot' : 'User');

/** GitHub's GraphQL item → the snapshot's plain item (events sorted by time). */
export function toItem(node: RawItem): SnapshotItem | null {
  if (typeof node.number !== 'number' || !node.repository) return null;
  const isPull = node.pullState !== undefined;
  const state = node.pullState ?? node.issueState ?? 'OPEN';
  const events: SnapshotEvent[] = [{ at: node.createdAt, actor: node.author?.login ?? null, actor_type: actorType(node.author), kind: 'opened' }];
  for (const e of node.timelineItems.nodes) {
    if (!e) continue;
    const at = (actor: Actor, kind: SnapshotEvent['kind'], when: string | null | undefined) => {
      if (when) events.push({ at: when, actor: actor?.login ?? null, actor_type: actorType(actor), kind });
    };
    switch (e.__typename) {
      case 'IssueComment': at(e.author ?? null, 'comment', e.createdAt); break;
      case 'PullRequestReview': at(e.author ?? null, 'review', e.submittedAt); break;
      case 'PullRequestCommit': {
        const user = e.commit?.author?.user ?? null;
        // A commit whose author has no GitHub account is kept under the git author name.
        const actor: Actor = user ?? (e.commit?.author?.name ? { __typename: 'User', login: e.commit.author.name } : null);
        at(actor, 'commit', e.commit?.committedDate);
        break;
      }
      case 'ClosedEvent': at(e.actor ?? null, 'closed', e.createdAt); break;
      case 'MergedEvent': at(e.actor ?? null, 'merged', e.createdAt); break;
      case 'ReopenedEvent': at(e.actor ?? null, 'reopened', e.createdAt); break;
      case 'LabeledEvent': at(e.actor ?? null, 'labeled', e.createdAt); break;
    }
  }
  events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return {
    repo: node.repository.nameWithOwner,
    number: node.number,
    type: isPull ? 'pull_request' : 'issue',
    title: node.title.slice(0, 10_000),
    state: state === 'MERGED' ? 'merged' : state === 'CLOSED' ? 'closed' : 'open',
    labels: (node.labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : [])),
    created_at: node.createdAt,
    closed_at: node.closedAt,
    author: node.author?.login ?? null,
    url: node.url,
    events,
  };
}
