/**
 * Building an activity snapshot live from GitHub: the groups' work — issues and pull requests of
 * the repositories they own, those carrying a group label anywhere in the organization or in one
 * repository, their first work and deliverables, and the discussions of their Discussions
 * categories — with each item's events, read through GraphQL search, 100 items per request (not
 * one request per item, nor one per group per repository), and the snapshot's coverage: for each
 * source, whether it was read, and over which window (see `src/activity/coverage.ts`).
 */
import type { CoverageEntry, GroupSource } from '../activity/coverage.js';
import { notReadableFix, sameCategory } from '../activity/coverage.js';
import type { Snapshot, SnapshotEvent, SnapshotItem } from '../activity/snapshot.js';
import type { GitHub } from './client.js';
import { readDiscussions } from './discussions-read.js';
import type { CategoryRead } from './discussions-read.js';
import { aliasedRead, failureMessage, isSurvivable } from './graphql-errors.js';
import { checkRepositories } from './source-check.js';
import type { DiscussionCategory, RepoCheck } from './source-check.js';

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
/** Label-in-repository sources per search: at most 10 repositories and 10 labels, 20 terms. */
const REPO_LABELS_PER_SEARCH = 10;
/** Longest `why` a coverage entry holds. */
const MAX_WHY = 1000;

/** A source that is read (every kind but `unreadable`). */
type ReadableSource = Exclude<GroupSource, { source: 'unreadable' }>;

export interface LiveSnapshotInput {
  /**
   * The sources of the active groups' work (`groupSources` of each active charter, all together);
   * each is read once, compared ignoring case. `unreadable` ones need no read and get no coverage.
   */
  sources: readonly GroupSource[];
  /** Where label sources without a `repo` are searched: `org:<owner>`, `user:<owner>` or `repo:<owner/name>` qualifiers. */
  labelScope: readonly string[];
  /** Only items updated on or after this UTC date (`YYYY-MM-DD`) are read. */
  since: string;
  /** The instant of the read: each source read is covered up to it. */
  now: Date;
}

export interface LiveSnapshotOutcome {
  /** The items read and, in `coverage`, one entry per distinct source (in the order given). */
  snapshot: Snapshot;
  /** GraphQL requests made (Octokit's retries not counted). */
  requests: number;
  /** Searches with more than 1,000 items updated at one same instant (the others are missing). */
  truncated: string[];
  /** Items (first work, deliverables, notes issues) GitHub does not know (deleted, private to this installation, or a mistyped number): `owner/name#n`. */
  notFound: string[];
}

/** The coverage of one source, as it is being found out. */
interface Tracked {
  source: ReadableSource;
  status?: CoverageEntry['status'];
  why?: string;
  /** For a person: what to do about it (when GitHub does not show the source to the installation). */
  fix?: string;
  /** Covered from the window's start (`since`); absent: no lower bound (an item read whole). */
  windowed?: boolean;
  /** The category a discussions source resolved to. */
  category?: DiscussionCategory;
}

/** A search and the sources it reads. */
interface SearchJob {
  base: string;
  sources: Tracked[];
}

/**
 * Builds a snapshot, and its coverage, from GitHub: the evidence for SEP-1302 § WG Lifecycle ("a
 * WIP Issue/PR" within a month) and § IG Lifecycle (threads and conversations), which says, for
 * each source, what it saw — so that a group is judged idle only on sources read over the whole
 * window, and `unknown` otherwise.
 *
 * 1. **Repositories first**: every repository a source names (owned repositories, items,
 *    Discussions categories, labels in one repository) is checked in one aliased GraphQL request
 *    (`GroupStewardSources`, 100 repositories each), with the Discussions categories of those that
 *    need them. A repository GitHub does not know or this installation cannot read (NOT_FOUND), or
 *    that GitHub resolves to another name (renamed, transferred), makes its sources `unread`, with
 *    why, and is named in no search: a search naming it fails or, worse, finds nothing.
 * 2. **Searches** name up to 20 repositories (or labels) each, so each stays within GitHub's limits
 *    (at most 5 boolean operators and 256 characters of terms; qualifiers such as `repo:` and
 *    `label:` do not count): owned repositories; group labels in `labelScope`; labels in one
 *    repository (`repo:o/n label:"x"`, several together — the evaluation keeps the items of the
 *    right repository; a label in a repository that is itself searched whole needs no search of
 *    its own). GitHub returns at most 1,000 results per search, so results are sorted by update
 *    time, newest first, and a search that matches more continues with a second search bounded by
 *    the update time of the last item read (`updated:<since>..<that instant>`), and so on: a busy
 *    group is never judged on part of its work, at about one request per 100 items. A search that
 *    completes makes its sources `read` from `since` until `now`; one cut at GitHub's 1,000 results
 *    (more than 1,000 items updated at one same instant) `partial`; one that fails (a GraphQL
 *    error, or an HTTP error after Octokit's retries) `unread` — `partial` when pages were read
 *    before it failed — and the run goes on.
 * 3. **Items** (first work, deliverables, notes issues) the searches did not meet are read by
 *    number, 50 per request; one GitHub does not know is `unread` and listed in `notFound`. An item
 *    read is `read` whole (no lower bound).
 * 4. **Discussions**: a category is resolved by name or slug, ignoring case, among the
 *    repository's categories (`unread` when Discussions are off or no category matches, naming the
 *    categories there), then all categories are read together (`GroupStewardDiscussions`, see
 *    `readDiscussions`), `read` from `since` until `now`.
 *
 * A source GitHub does not show to the installation (its repository, number or category not
 * found, not readable, renamed; Discussions off) also records the `fix` a person can apply
 * (`notReadableFix`); a failed request records none (the next run may read it).
 *
 * Items are kept once by repository and number (issues, pull requests and discussions share one
 * number space per repository). Instants are UTC.
 *
 * @throws the HTTP error of bad credentials (401: the run must fail, not judge on nothing), or an
 *   error that is not GitHub's answer (a bug); every other failure is recorded in the coverage
 */
export async function buildLiveSnapshot(gh: GitHub, input: LiveSnapshotInput): Promise<LiveSnapshotOutcome> {
  const items = new Map<string, SnapshotItem>();
  const truncated: string[] = [];
  const notFound: string[] = [];
  let requests = 0;
  let searches = 0;
  const keep = (item: SnapshotItem | null) => {
    if (item) items.set(`${item.repo.toLowerCase()}#${item.number}`, item);
  };
  const until = input.now.toISOString();
  const tracked = distinctSources(input.sources);
  const clip = (text: string) => (text.length > MAX_WHY ? `${text.slice(0, MAX_WHY - 1)}…` : text);
  const settle = (t: Tracked, status: CoverageEntry['status'], why?: string, windowed = true) => {
    if (t.status !== undefined) return;
    Object.assign(t, { status, windowed, ...(why === undefined ? {} : { why: clip(why) }) });
  };
  /** Unread because GitHub does not show it to the installation: with what a person can do. */
  const notShown = (t: Tracked, why: string, windowed = true) => {
    if (t.status !== undefined) return;
    settle(t, 'unread', why, windowed);
    const fix = notReadableFix(t.source);
    if (fix !== undefined) t.fix = clip(fix);
  };

  // 1. Repositories.
  const named = new Map<string, { repo: string; discussions: boolean }>();
  for (const { source } of tracked) {
    const repo = source.repo;
    if (repo === undefined) continue;
    const entry = named.get(repo.toLowerCase()) ?? { repo, discussions: false };
    entry.discussions ||= source.source === 'discussions';
    named.set(repo.toLowerCase(), entry);
  }
  const checked = await checkRepositories(gh, [...named.values()]);
  requests += checked.requests;
  const check = (repo: string): RepoCheck => checked.checks.get(repo.toLowerCase()) ?? { readable: false, why: 'not checked', answered: false };
  for (const t of tracked) {
    const repo = t.source.repo;
    if (repo === undefined) continue;
    const found = check(repo);
    if (found.readable) continue;
    // The repository's own entry says why; another source names the repository it lives in.
    const why = t.source.source === 'repo' ? found.why : `in ${repo}: ${found.why}`;
    if (found.answered) notShown(t, why);
    else settle(t, 'unread', why);
  }
  const open = (t: Tracked) => t.status === undefined;

  // 2. Searches.
  const jobs: SearchJob[] = [];
  const repoJobs = new Map<string, SearchJob>();
  const ownedRepos = tracked.filter((t) => open(t) && t.source.source === 'repo');
  for (const chunk of chunks(ownedRepos, TERMS_PER_SEARCH)) {
    const job: SearchJob = { base: chunk.map((t) => `repo:${(t.source as { repo: string }).repo}`).join(' '), sources: [...chunk] };
    jobs.push(job);
    for (const t of chunk) repoJobs.set((t.source as { repo: string }).repo.toLowerCase(), job);
  }
  const scopedLabels = tracked.filter((t) => open(t) && t.source.source === 'label' && t.source.repo === undefined);
  if (scopedLabels.length > 0 && input.labelScope.length === 0) {
    for (const t of scopedLabels) settle(t, 'unread', 'no scope was given to search group labels in');
  } else {
    for (const chunk of chunks(scopedLabels, TERMS_PER_SEARCH)) {
      jobs.push({ base: `${input.labelScope.join(' ')} label:${chunk.map((t) => quoted((t.source as { label: string }).label)).join(',')}`, sources: [...chunk] });
    }
  }
  const repoLabels: Tracked[] = [];
  for (const t of tracked) {
    if (!open(t) || t.source.source !== 'label' || t.source.repo === undefined) continue;
    // A repository read whole holds every labelled item of it.
    const whole = repoJobs.get(t.source.repo.toLowerCase());
    if (whole) whole.sources.push(t);
    else repoLabels.push(t);
  }
  for (const chunk of chunks(repoLabels, REPO_LABELS_PER_SEARCH)) {
    const repos = unique(chunk.map((t) => (t.source as { repo: string }).repo));
    const labels = unique(chunk.map((t) => (t.source as { label: string }).label));
    jobs.push({ base: `${repos.map((r) => `repo:${r}`).join(' ')} label:${labels.map(quoted).join(',')}`, sources: [...chunk] });
  }
  for (const job of jobs) {
    // Newest first; past GitHub's 1,000 results, go on below the last update time read.
    let upper: string | null = null;
    let pagesRead = 0;
    let outcome: { status: CoverageEntry['status']; why?: string } = { status: 'read' };
    search: for (;;) {
      const q = `${job.base} updated:${upper === null ? `>=${input.since}` : `${input.since}T00:00:00Z..${upper}`} sort:updated-desc`;
      searches += 1;
      let cursor: string | null = null;
      let read = 0;
      let matched = 0;
      let last: string | null = null;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        let data: RawSearch;
        requests += 1;
        try {
          data = await gh.graphql<RawSearch>(ACTIVITY_SEARCH_QUERY, { q, cursor });
        } catch (error) {
          if (!isSurvivable(error)) throw error;
          const why = `search failed: ${failureMessage(error)}`;
          outcome = pagesRead > 0 ? { status: 'partial', why: `${why} (after ${pagesRead} pages read)` } : { status: 'unread', why };
          break search;
        }
        pagesRead += 1;
        matched = data.search.issueCount;
        read += data.search.nodes.length;
        for (const node of data.search.nodes) {
          keep(node ? toItem(node) : null);
          if (node?.updatedAt) last = node.updatedAt;
        }
        if (!data.search.pageInfo.hasNextPage) break;
        cursor = data.search.pageInfo.endCursor;
      }
      // Past the cap only: fewer than 1,000 read means GitHub gave every result it has.
      if (matched <= read || read < SEARCH_RESULT_CAP || last === null) break;
      if (last === upper) {
        // More than 1,000 items updated at one same instant: the rest cannot be reached.
        truncated.push(q);
        outcome = { status: 'partial', why: `GitHub's search returns at most ${SEARCH_RESULT_CAP.toLocaleString('en-US')} results, and more were updated at ${last}: the rest of them were not read` };
        break;
      }
      upper = last;
    }
    for (const t of job.sources) settle(t, outcome.status, outcome.why);
  }

  // 3. Items the searches did not meet, by number.
  const byNumber: Tracked[] = [];
  for (const t of tracked) {
    if (!open(t) || t.source.source !== 'item') continue;
    if (items.has(`${t.source.repo.toLowerCase()}#${t.source.number}`)) settle(t, 'read', undefined, false);
    else byNumber.push(t);
  }
  for (const chunk of chunks(byNumber, DELIVERABLES_PER_REQUEST)) {
    const variables: Record<string, string | number> = {};
    chunk.forEach((t, i) => {
      const { repo, number } = t.source as { repo: string; number: number };
      const [owner = '', name = ''] = repo.split('/');
      Object.assign(variables, { [`o${i}`]: owner, [`n${i}`]: name, [`k${i}`]: number });
    });
    requests += 1;
    // GitHub answers an unknown number with a NOT_FOUND error beside the data of the others: one
    // mistyped deliverable must not stop the run.
    const read = await aliasedRead<Record<string, { issueOrPullRequest: RawItem | null } | null>>(gh, deliverablesQuery(chunk.length), variables);
    if (!read.ok) {
      for (const t of chunk) settle(t, 'unread', `reading it failed: ${read.message}`, false);
      continue;
    }
    const { data, byAlias } = read;
    chunk.forEach((t, i) => {
      const { repo, number } = t.source as { repo: string; number: number };
      const node = data[`d${i}`]?.issueOrPullRequest;
      const item = node ? toItem(node) : null;
      const failure = byAlias.get(`d${i}`);
      if (item) {
        keep(item);
        settle(t, 'read', undefined, false);
      } else if (!failure || failure.type === 'NOT_FOUND') {
        notFound.push(`${repo}#${number}`);
        notShown(t, 'not found or not readable by this installation', false);
      } else {
        notShown(t, failure.message, false);
      }
    });
  }

  // 4. Discussions categories.
  const reads: CategoryRead[] = [];
  const readers = new Map<string, Tracked[]>();
  for (const t of tracked) {
    if (!open(t) || t.source.source !== 'discussions') continue;
    const { repo, category } = t.source;
    const found = check(repo);
    if (!found.readable) continue;
    const discussions = found.discussions ?? { enabled: false, categories: [] };
    if (!discussions.enabled) {
      notShown(t, `Discussions are not enabled on ${found.name}`);
      continue;
    }
    const resolved = discussions.categories.find((c) => sameCategory(category, { category: c.name, slug: c.slug }));
    if (!resolved) {
      const there = discussions.categories.map((c) => `"${c.name}"`).join(', ');
      notShown(t, `${found.name} has no Discussions category "${category}" (${there ? `its categories: ${there}` : 'it has none'})`);
      continue;
    }
    t.category = resolved;
    const list = readers.get(resolved.id);
    if (list) list.push(t);
    else {
      readers.set(resolved.id, [t]);
      reads.push({ repo: found.name, category: resolved });
    }
  }
  if (reads.length > 0) {
    const discussed = await readDiscussions(gh, reads, input.since, keep);
    requests += discussed.requests;
    reads.forEach((r, i) => {
      const outcome = discussed.outcomes[i] ?? { status: 'unread', why: 'not read' };
      for (const t of readers.get(r.category.id) ?? []) settle(t, outcome.status, outcome.status === 'read' ? undefined : outcome.why);
    });
  }

  const coverage = tracked.map((t) => coverageEntry(t, input, until));
  const counts = { read: 0, partial: 0, unread: 0 };
  for (const entry of coverage) counts[entry.status] += 1;
  const sorted = [...items.values()].sort((a, b) => (a.repo === b.repo ? a.number - b.number : a.repo < b.repo ? -1 : 1));
  return {
    snapshot: {
      generated_at: until,
      source: `GitHub, live: ${searches} searches since ${input.since}; coverage of ${coverage.length} sources: ${counts.read} read, ${counts.partial} partial, ${counts.unread} unread`,
      since: input.since,
      coverage,
      items: sorted,
    },
    requests,
    truncated,
    notFound,
  };
}

/**
 * For a person: one line naming a source that was not read completely, why, and what to do, e.g.
 * `repository o/n unread: o/n: not found or not readable by this installation (to fix: install the
 * App on o/n, …)`. Never throws.
 */
export function describeCoverage(entry: CoverageEntry): string {
  let name: string;
  switch (entry.source) {
    case 'repo':
      name = `repository ${entry.repo}`;
      break;
    case 'label':
      name = entry.repo ? `label "${entry.label}" in ${entry.repo}` : `label "${entry.label}"${entry.scope ? ` (${entry.scope})` : ''}`;
      break;
    case 'item':
      name = `${entry.repo}#${entry.number}`;
      break;
    case 'discussions':
      name = `discussions "${entry.category}" in ${entry.repo}`;
      break;
  }
  return `${name} ${entry.status}${entry.why ? `: ${entry.why}` : ''}${entry.fix ? ` (to fix: ${entry.fix})` : ''}`;
}

/** Each source once (repositories, labels and categories compared ignoring case); `unreadable` ones left out. */
function distinctSources(sources: readonly GroupSource[]): Tracked[] {
  const seen = new Set<string>();
  const out: Tracked[] = [];
  for (const source of sources) {
    let key: string;
    switch (source.source) {
      case 'repo':
        key = `repo ${source.repo}`;
        break;
      case 'label':
        key = `label ${source.label} in ${source.repo ?? ''}`;
        break;
      case 'item':
        key = `item ${source.repo}#${source.number}`;
        break;
      case 'discussions':
        key = `discussions ${source.repo} ${source.category}`;
        break;
      case 'unreadable':
        continue;
    }
    if (seen.has(key.toLowerCase())) continue;
    seen.add(key.toLowerCase());
    out.push({ source });
  }
  return out;
}

function coverageEntry(t: Tracked, input: LiveSnapshotInput, until: string): CoverageEntry {
  const status = t.status ?? 'unread';
  const window = status === 'unread' ? {} : { ...(t.windowed === false ? {} : { from: input.since }), until };
  const why = status === 'read' ? {} : { why: t.why ?? 'not read', ...(t.fix === undefined ? {} : { fix: t.fix }) };
  const common = { status, ...window, ...why };
  const s = t.source;
  switch (s.source) {
    case 'repo':
      return { source: 'repo', repo: s.repo, ...common };
    case 'label':
      return s.repo === undefined ? { source: 'label', label: s.label, scope: input.labelScope.join(' ').slice(0, 200), ...common } : { source: 'label', label: s.label, repo: s.repo, ...common };
    case 'item':
      return { source: 'item', repo: s.repo, number: s.number, ...common };
    case 'discussions':
      return { source: 'discussions', repo: s.repo, category: t.category?.name ?? s.category, ...(t.category ? { slug: t.category.slug } : {}), ...common };
  }
}

/** A label as a search term: in double quotes (labels have spaces and colons). */
function quoted(label: string): string {
  return `"${label}"`;
}

function unique(list: readonly string[]): string[] {
  const seen = new Set<string>();
  return list.filter((x) => !seen.has(x.toLowerCase()) && (seen.add(x.toLowerCase()), true));
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
