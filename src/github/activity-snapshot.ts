/**
 * Building an activity snapshot live from GitHub: the groups' work — issues and pull requests of
 * the repositories they own, those carrying a group label anywhere in the organization, and their
 * deliverables — with each item's events, read through GraphQL search, 100 items per request
 * (not one request per item, nor one per group per repository).
 */
import type { Snapshot, SnapshotEvent, SnapshotItem } from '../activity/snapshot.js';
import type { GitHub } from './client.js';

/** The fields read of every issue or pull request. */
const ITEM_FIELDS = /* GraphQL */ `
  fragment SnapshotIssue on Issue {
    number
    title
    url
    issueState: state
    createdAt
    closedAt
    repository { nameWithOwner }
    author { __typename login }
    labels(first: 50) { nodes { name } }
    timelineItems(last: 100, itemTypes: [ISSUE_COMMENT, CLOSED_EVENT, REOPENED_EVENT, LABELED_EVENT]) {
      nodes {
        __typename
        ... on IssueComment { createdAt author { __typename login } }
        ... on ClosedEvent { createdAt actor { __typename login } }
        ... on ReopenedEvent { createdAt actor { __typename login } }
        ... on LabeledEvent { createdAt actor { __typename login } }
      }
    }
  }
  fragment SnapshotPullRequest on PullRequest {
    number
    title
    url
    pullState: state
    createdAt
    closedAt
    mergedAt
    repository { nameWithOwner }
    author { __typename login }
    labels(first: 50) { nodes { name } }
    timelineItems(
      last: 100
      itemTypes: [ISSUE_COMMENT, PULL_REQUEST_REVIEW, PULL_REQUEST_COMMIT, CLOSED_EVENT, MERGED_EVENT, REOPENED_EVENT, LABELED_EVENT]
    ) {
      nodes {
        __typename
        ... on IssueComment { createdAt author { __typename login } }
        ... on PullRequestReview { submittedAt author { __typename login } }
        ... on PullRequestCommit { commit { committedDate author { user { __typename login } name } } }
        ... on ClosedEvent { createdAt actor { __typename login } }
        ... on MergedEvent { createdAt actor { __typename login } }
        ... on ReopenedEvent { createdAt actor { __typename login } }
        ... on LabeledEvent { createdAt actor { __typename login } }
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

/** Most search pages read per query (GitHub's search returns at most 1,000 results). */
const MAX_PAGES = 10;
/** Deliverables fetched per request. */
const DELIVERABLES_PER_REQUEST = 50;

export interface LiveSnapshotInput {
  /** Repositories the groups own (`owner/name`): all their work counts. */
  ownedRepos: readonly string[];
  /** Group labels (`wg:<id>`, `ig:<id>`, and former ones) searched in `labelScope`. */
  labels: readonly string[];
  /** Where group labels are searched: `org:<owner>` or `repo:<owner/name>` qualifiers. */
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
  /** Searches cut at GitHub's 1,000-result limit (their older items are missing). */
  truncated: string[];
}

/**
 * Builds a snapshot from GitHub.
 *
 * Search queries are split so that each stays within GitHub's limits (at most 5 boolean operators
 * and 256 characters of terms; qualifiers such as `repo:` and `label:` do not count). An item met
 * by several searches is kept once.
 *
 * @throws the GraphQL or HTTP error when GitHub refuses a request (after Octokit's retries)
 */
export async function buildLiveSnapshot(gh: GitHub, input: LiveSnapshotInput): Promise<LiveSnapshotOutcome> {
  const items = new Map<string, SnapshotItem>();
  const truncated: string[] = [];
  let requests = 0;
  const keep = (node: RawItem | null | undefined) => {
    const item = node ? toItem(node) : null;
    if (item) items.set(`${item.repo.toLowerCase()}#${item.number}`, item);
  };

  const queries: string[] = [];
  for (const chunk of chunks(input.ownedRepos, 20)) {
    queries.push(`${chunk.map((r) => `repo:${r}`).join(' ')} updated:>=${input.since}`);
  }
  for (const chunk of chunks(input.labels, 20)) {
    queries.push(`${input.labelScope.join(' ')} label:${chunk.map((l) => `"${l}"`).join(',')} updated:>=${input.since}`);
  }
  for (const q of queries) {
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const data: RawSearch = await gh.graphql<RawSearch>(ACTIVITY_SEARCH_QUERY, { q, cursor });
      requests += 1;
      data.search.nodes.forEach(keep);
      if (!data.search.pageInfo.hasNextPage) break;
      cursor = data.search.pageInfo.endCursor;
      if (page === MAX_PAGES - 1) truncated.push(q);
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
    const data = await gh.graphql<Record<string, { issueOrPullRequest: RawItem | null } | null>>(deliverablesQuery(chunk.length), variables);
    requests += 1;
    for (const value of Object.values(data)) keep(value?.issueOrPullRequest);
  }

  const sorted = [...items.values()].sort((a, b) => (a.repo === b.repo ? a.number - b.number : a.repo < b.repo ? -1 : 1));
  return {
    snapshot: { generated_at: input.now.toISOString(), source: `GitHub, live: ${queries.length} searches since ${input.since}`, items: sorted },
    requests,
    truncated,
  };
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
