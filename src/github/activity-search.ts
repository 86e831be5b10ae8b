/**
 * The aliased GraphQL reads of a live activity snapshot (README § The scheduled job, "How it reads
 * GitHub"): one request carries up to 20 searches (`s<i>: search(…)`, each one page of one
 * source's items, newest first) and up to 50 issues or pull requests by number
 * (`d<i>: repository(…) { issueOrPullRequest(…) }`), so a run of 20 groups reads the first page of
 * every source, and every deliverable, in two requests.
 *
 * Size. GitHub refuses a request that could return more than 500,000 nodes: each connection's
 * `first`/`last` times those of the connections it is in, counted for every fragment (an item is
 * read as an `Issue` or a `PullRequest`: both count). A search result with 50 labels and 25
 * timeline events is 1 + 2 × (50 + 25) = 151 nodes, an item by number with 50 labels and 100
 * events 1 + 2 × (50 + 100) = 301; a request holds at most 1,000 search results (20 first pages of
 * 25, or 10 further pages of 100) and 50 items: 1,000 × 151 + 50 × 301 = 166,050 nodes at most
 * (`estimatedNodes`), a third of the limit.
 */
import type { SnapshotEvent, SnapshotItem } from '../activity/snapshot.js';
import type { GitHub } from './client.js';
import { errorsByAlias, failureMessage, isSurvivable } from './graphql-errors.js';
import type { AliasError } from './graphql-errors.js';
import type { GroupStewardDeliverablesQuery, SearchedIssueFragment, SearchedPullRequestFragment, SearchPageFragment, WholeIssueFragment, WholePullRequestFragment } from './graphql-types.generated.js';

/** GitHub's search returns at most this many results per query, however many match. */
export const SEARCH_RESULT_CAP = 1000;
/** Searches (aliases) per request. */
export const SEARCHES_PER_REQUEST = 20;
/** Search results (the sum of the searches' `first`) per request: bounds its nodes. */
export const SEARCH_RESULTS_PER_REQUEST = 1000;
/** Issues or pull requests read by number per request. */
export const ITEMS_PER_REQUEST = 50;
/** Results of a source's first page: most groups are decided by it. */
export const FIRST_PAGE = 25;
/** Results of each further page (GitHub's most). */
export const NEXT_PAGE = 100;
/** Timeline events read of each item a search returns: the newest (an item with more is read again whole when that matters). */
export const SEARCH_TIMELINE = 25;
/** Timeline events read of an item read by number (deliverables, first work, notes issues, and items read again whole). */
export const WHOLE_TIMELINE = 100;
/** Labels read of each item. */
const LABELS_READ = 50;
/** GitHub's limit on the nodes one GraphQL request may return. */
export const GITHUB_NODE_LIMIT = 500_000;

/**
 * The fields read of every issue or pull request. Labelling is not activity, so labelled events are
 * not read: they would only push human events out of the timeline events read.
 */
function itemFragments(kind: 'Searched' | 'Whole', timeline: number): string {
  // Both kinds say whether older events exist than were read: a search result's newest few, or
  // an item read again whole, whose newest `WHOLE_TIMELINE` may still not be all.
  const cut = 'pageInfo { hasPreviousPage }\n      ';
  return /* GraphQL */ `
  fragment ${kind}Issue on Issue {
    number
    title
    url
    issueState: state
    createdAt
    updatedAt
    closedAt
    repository { nameWithOwner }
    author { __typename login }
    labels(first: ${LABELS_READ}) { nodes { name } }
    timelineItems(last: ${timeline}, itemTypes: [ISSUE_COMMENT, CLOSED_EVENT, REOPENED_EVENT]) {
      ${cut}nodes {
        __typename
        ... on IssueComment { createdAt author { __typename login } }
        ... on ClosedEvent { createdAt actor { __typename login } }
        ... on ReopenedEvent { createdAt actor { __typename login } }
      }
    }
  }
  fragment ${kind}PullRequest on PullRequest {
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
    labels(first: ${LABELS_READ}) { nodes { name } }
    timelineItems(
      last: ${timeline}
      itemTypes: [ISSUE_COMMENT, PULL_REQUEST_REVIEW, PULL_REQUEST_COMMIT, CLOSED_EVENT, MERGED_EVENT, REOPENED_EVENT]
    ) {
      ${cut}nodes {
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
}

const SEARCH_PAGE = /* GraphQL */ `
  fragment SearchPage on SearchResultItemConnection {
    issueCount
    pageInfo { hasNextPage endCursor }
    nodes { ...SearchedIssue ...SearchedPullRequest }
  }
`;

/** One read of a request: a page of a search, or an issue or pull request by number. */
export type ReadSpec =
  | { kind: 'search'; query: string; first: number; after: string | null }
  | { kind: 'item'; repo: string; number: number };

/** The outcome of one read. */
export type ReadResult =
  /** A search page, with the error GitHub reported beside it (a result it left out), if any. */
  | { kind: 'search'; ok: true; page: RawSearch; error?: AliasError }
  /** An item (null: GitHub does not show it; `error` says why). */
  | { kind: 'item'; ok: true; node: RawItem | null; error?: AliasError }
  | { kind: 'search'; ok: false; message: string }
  | { kind: 'item'; ok: false; message: string };

/**
 * The query of one request: `reads` in order as `s<i>` (searches) and `d<i>` (items), and the
 * viewer when asked (`GroupStewardActivitySearch`; `GroupStewardDeliverables` when it reads only items).
 */
export function activityReadQuery(reads: readonly ReadSpec[], options: { withViewer?: boolean } = {}): string {
  const vars: string[] = [];
  const fields: string[] = options.withViewer ? ['viewer { login }'] : [];
  reads.forEach((read, i) => {
    if (read.kind === 'search') {
      vars.push(`$q${i}: String!`, `$a${i}: String`);
      fields.push(`s${i}: search(query: $q${i}, type: ISSUE, first: ${read.first}, after: $a${i}) { ...SearchPage }`);
    } else {
      vars.push(`$o${i}: String!`, `$n${i}: String!`, `$k${i}: Int!`);
      fields.push(`d${i}: repository(owner: $o${i}, name: $n${i}) { issueOrPullRequest(number: $k${i}) { ...WholeIssue ...WholePullRequest } }`);
    }
  });
  const searches = reads.some((r) => r.kind === 'search');
  const items = reads.some((r) => r.kind === 'item');
  const name = searches ? 'GroupStewardActivitySearch' : 'GroupStewardDeliverables';
  const fragments = [searches ? `${SEARCH_PAGE}${itemFragments('Searched', SEARCH_TIMELINE)}` : '', items ? itemFragments('Whole', WHOLE_TIMELINE) : ''].join('');
  return `query ${name}${vars.length ? `(${vars.join(', ')})` : ''} {\n    ${fields.join('\n    ')}\n  }\n${fragments}`;
}

/** The variables of `activityReadQuery(reads)`. */
export function activityReadVariables(reads: readonly ReadSpec[]): Record<string, string | number | null> {
  const variables: Record<string, string | number | null> = {};
  reads.forEach((read, i) => {
    if (read.kind === 'search') Object.assign(variables, { [`q${i}`]: read.query, [`a${i}`]: read.after });
    else {
      const [owner = '', name = ''] = read.repo.split('/');
      Object.assign(variables, { [`o${i}`]: owner, [`n${i}`]: name, [`k${i}`]: read.number });
    }
  });
  return variables;
}

/** The most nodes a request of these reads may return, as GitHub counts them (see the module's comment). */
export function estimatedNodes(reads: readonly ReadSpec[]): number {
  return reads.reduce((n, r) => n + (r.kind === 'search' ? r.first * (1 + 2 * (LABELS_READ + SEARCH_TIMELINE)) : 1 + 2 * (LABELS_READ + WHOLE_TIMELINE)), 0);
}

/**
 * The reads in requests, in order: at most 20 searches of at most 1,000 results in all, and at
 * most 50 items, per request (items fill the requests of searches first).
 */
export function packReads(searches: readonly ReadSpec[], items: readonly ReadSpec[]): ReadSpec[][] {
  const requests: ReadSpec[][] = [];
  let current: ReadSpec[] = [];
  let results = 0;
  for (const search of searches) {
    const first = search.kind === 'search' ? search.first : 0;
    if (current.length > 0 && (current.length >= SEARCHES_PER_REQUEST || results + first > SEARCH_RESULTS_PER_REQUEST)) {
      requests.push(current);
      current = [];
      results = 0;
    }
    current.push(search);
    results += first;
  }
  if (current.length > 0) requests.push(current);
  for (let i = 0; i * ITEMS_PER_REQUEST < items.length; i += 1) {
    const chunk = items.slice(i * ITEMS_PER_REQUEST, (i + 1) * ITEMS_PER_REQUEST);
    if (requests[i]) requests[i] = [...(requests[i] as ReadSpec[]), ...chunk];
    else requests.push([...chunk]);
  }
  return requests;
}

/**
 * Sends one request of `reads` (as `packReads` makes them) and returns each read's outcome,
 * in order, and the requests made:
 *
 * - an error GitHub reports on one alias (its `path` names it) fails that read alone. `search` is
 *   non-null in GitHub's schema, so a failed search voids the answer's whole `data`: the reads
 *   without an error are then asked again, in one more request;
 * - a failure of the whole request that may be GitHub's timeout on a large query (HTTP 5xx after
 *   Octokit's retries, or a GraphQL error naming no alias) is tried once more as two halves; any
 *   other (a 403, a 422), or one that fails again, fails its reads: the caller records their sources
 *   as not read and the run goes on.
 *
 * @throws what `isSurvivable` refuses: bad credentials (HTTP 401), or anything that is not GitHub's answer
 */
export async function sendReads(gh: GitHub, reads: readonly ReadSpec[], options: { viewer?: boolean } = {}): Promise<{ results: ReadResult[]; requests: number; viewer: string | null }> {
  const results: (ReadResult | undefined)[] = reads.map(() => undefined);
  let requests = 0;
  let viewer: string | null = null;
  const fail = (i: number, message: string) => {
    results[i] = failed((reads[i] as ReadSpec).kind, message);
  };
  const attempt = async (indices: readonly number[], { maySplit }: { maySplit: boolean }): Promise<void> => {
    let pending = [...indices];
    while (pending.length > 0) {
      const batch = pending.map((i) => reads[i] as ReadSpec);
      requests += 1;
      let data: Record<string, unknown>;
      let byAlias = new Map<string, AliasError>();
      try {
        data = await gh.graphql<Record<string, unknown>>(activityReadQuery(batch, { withViewer: options.viewer === true && viewer === null }), activityReadVariables(batch));
      } catch (error) {
        if (!isSurvivable(error)) throw error;
        const errors = errorsByAlias(error);
        const answered = (error as { data?: unknown }).data;
        const named = errors !== null && pending.some((_, j) => errors.has(alias(batch, j)));
        if (!named) {
          if (maySplit && pending.length > 1 && mayBeTimeout(error)) {
            const half = Math.ceil(pending.length / 2);
            await attempt(pending.slice(0, half), { maySplit: false });
            await attempt(pending.slice(half), { maySplit: false });
          } else {
            for (const i of pending) fail(i, failureMessage(error));
          }
          return;
        }
        if (typeof answered !== 'object' || answered === null) {
          // The data was voided by the reads with an error: they fail, the others are asked again.
          const rest: number[] = [];
          pending.forEach((i, j) => {
            const e = errors.get(alias(batch, j));
            if (!e) rest.push(i);
            else if (batch[j]?.kind === 'item') results[i] = { kind: 'item', ok: true, node: null, error: e };
            else fail(i, e.message);
          });
          pending = rest;
          continue;
        }
        data = answered as Record<string, unknown>;
        byAlias = errors;
      }
      const login = (data.viewer as { login?: unknown } | null | undefined)?.login;
      if (typeof login === 'string') viewer = login;
      pending.forEach((i, j) => {
        const read = batch[j] as ReadSpec;
        const name = alias(batch, j);
        const error = byAlias.get(name);
        const value = data[name];
        if (read.kind === 'search') {
          if (value && typeof value === 'object') results[i] = { kind: 'search', ok: true, page: value as RawSearch, ...(error ? { error } : {}) };
          else fail(i, error?.message ?? 'GitHub returned no search results');
        } else {
          results[i] = { kind: 'item', ok: true, node: (value as GroupStewardDeliverablesQuery['d0'])?.issueOrPullRequest ?? null, ...(error ? { error } : {}) };
        }
      });
      return;
    }
  };
  await attempt(reads.map((_, i) => i), { maySplit: true });
  return { results: results.map((r, i) => r ?? failed((reads[i] as ReadSpec).kind, 'not read')), requests, viewer };
}

function failed(kind: ReadSpec['kind'], message: string): ReadResult {
  return kind === 'search' ? { kind, ok: false, message } : { kind, ok: false, message };
}

function alias(batch: readonly ReadSpec[], j: number): string {
  return `${batch[j]?.kind === 'search' ? 's' : 'd'}${j}`;
}

/** A failure a smaller request may not meet: a 5xx (GitHub's timeout is a 502), or a GraphQL error of the whole request. */
function mayBeTimeout(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status >= 500 : true;
}

/** Who acted, as any of the generated author and actor types reads. */
type Actor = { __typename: string; login: string } | null;
/** An issue or pull request as the fragments read it: `Searched*` in a search page, `Whole*` by number. */
export type RawItem = SearchedIssueFragment | SearchedPullRequestFragment | WholeIssueFragment | WholePullRequestFragment;
/** One search's page (`s<i>`). */
export type RawSearch = SearchPageFragment;
/** A search result: an item, or an empty object for a result of another type (the fragments select none of its fields). */
export type RawSearchNode = NonNullable<NonNullable<SearchPageFragment['nodes']>[number]>;

/** Whether a search result is an issue or pull request the fragments read. */
export function isItem(node: RawSearchNode | RawItem): node is RawItem {
  return typeof (node as Partial<RawItem>).number === 'number';
}

const actorType = (actor: Actor): SnapshotEvent['actor_type'] => (actor === null ? null : actor.__typename === 'Bot' ? 'Bot' : 'User');

/** GitHub's GraphQL item → the snapshot's plain item (events sorted by time). */
export function toItem(node: RawItem | RawSearchNode): SnapshotItem | null {
  if (!isItem(node) || !node.repository) return null;
  const isPull = 'pullState' in node;
  const state = 'pullState' in node ? node.pullState : node.issueState;
  const events: SnapshotEvent[] = [{ at: node.createdAt, actor: node.author?.login ?? null, actor_type: actorType(node.author), kind: 'opened' }];
  for (const e of node.timelineItems.nodes ?? []) {
    if (!e) continue;
    const at = (actor: Actor, kind: SnapshotEvent['kind'], when: string | null | undefined) => {
      if (when) events.push({ at: when, actor: actor?.login ?? null, actor_type: actorType(actor), kind });
    };
    switch (e.__typename) {
      case 'IssueComment': at(e.author, 'comment', e.createdAt); break;
      case 'PullRequestReview': at(e.author, 'review', e.submittedAt); break;
      case 'PullRequestCommit': {
        const user = e.commit.author?.user ?? null;
        // A commit whose author has no GitHub account is kept under the git author name.
        const actor: Actor = user ?? (e.commit.author?.name ? { __typename: 'User', login: e.commit.author.name } : null);
        at(actor, 'commit', e.commit.committedDate);
        break;
      }
      case 'ClosedEvent': at(e.actor, 'closed', e.createdAt); break;
      case 'MergedEvent': at(e.actor, 'merged', e.createdAt); break;
      case 'ReopenedEvent': at(e.actor, 'reopened', e.createdAt); break;
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

/**
 * When GitHub has older timeline events of a searched item than were read (`hasPreviousPage`):
 * the time of the oldest event read (UTC ms) — the events not read are at or before it; null when
 * the whole timeline was read.
 */
export function timelineCut(node: RawItem, item: SnapshotItem): number | null {
  if (node.timelineItems.pageInfo.hasPreviousPage !== true) return null;
  const times = item.events.filter((e) => e.kind !== 'opened').map((e) => Date.parse(e.at));
  return times.length ? Math.min(...times) : Date.parse(item.created_at ?? node.createdAt);
}
