/**
 * Building an activity snapshot live from GitHub: the groups' work — issues and pull requests of
 * the repositories they own, those carrying a group label anywhere in the organization or in one
 * repository, their first work and deliverables, and the discussions of their Discussions
 * categories — with each item's events, and the snapshot's coverage: for each source, whether it
 * was read, and over which span (see `src/activity/coverage.ts`).
 *
 * Each source is read newest first and only as far as its group's verdict needs (README § The
 * scheduled job, "How it reads GitHub"; `src/activity/newest-first.ts`): a verdict needs the newest
 * human event of each group, so reading stops once nothing unread can be newer than the newest
 * human event seen. The first page of every source and every item by number go in one or two
 * aliased GraphQL requests (`activity-search.ts`); further pages only for the groups still
 * undecided.
 */
import type { CoverageEntry, GroupSource } from '../activity/coverage.js';
import { notReadableFix, sameCategory } from '../activity/coverage.js';
import { nextReads, sourceKey } from '../activity/newest-first.js';
import type { ReadFrontier } from '../activity/newest-first.js';
import type { Snapshot, SnapshotItem } from '../activity/snapshot.js';
import { itemKey } from '../activity/snapshot.js';
import { FIRST_PAGE, isItem, NEXT_PAGE, packReads, SEARCH_RESULT_CAP, SEARCH_TIMELINE, sendReads, timelineCut, toItem, WHOLE_TIMELINE } from './activity-search.js';
import type { ReadResult, ReadSpec } from './activity-search.js';
import type { GitHub } from './client.js';
import { readDiscussions } from './discussions-read.js';
import type { CategoryRead } from './discussions-read.js';
import { checkRepositories } from './source-check.js';
import type { DiscussionCategory, RepoCheck } from './source-check.js';

export { SEARCH_RESULT_CAP, toItem } from './activity-search.js';

/** Repositories, or labels, named in one search. */
const TERMS_PER_SEARCH = 20;
/** Label-in-repository sources per search: at most 10 repositories and 10 labels, 20 terms. */
const REPO_LABELS_PER_SEARCH = 10;
/**
 * Most items one search source reads in one run. Only a source whose group shows no human activity
 * newer than what was read pages this far (thousands of items touched by bots alone): past it the
 * source is `partial`, and its group is never called idle on it.
 */
export const MAX_ITEMS_PER_SOURCE = 5000;
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
  /**
   * Optional: the sources of each group (`groupSources` of each active charter), so that reading
   * stops once each group's newest human event is known. Without it each source is decided on its
   * own: read until its own newest human event is known (more pages, the same verdicts).
   */
  groups?: readonly (readonly GroupSource[])[];
  /**
   * Optional, one per entry of `groups` (null: none): the instant (UTC ms) that group's sources are
   * read back to whatever its newest human event (`participationReadBack`: a working group with
   * members). From the same searches, page after page: no request per member.
   */
  readBack?: readonly (number | null)[];
  /** Where label sources without a `repo` are searched: `org:<owner>`, `user:<owner>` or `repo:<owner/name>` qualifiers. */
  labelScope: readonly string[];
  /** Only items updated on or after this UTC date (`YYYY-MM-DD`) are read. */
  since: string;
  /** The instant of the read: each source read is covered up to it; events after it are not activity. */
  now: Date;
  /** Config `activity.bot_logins`: their events do not decide a group (as in the evaluation). */
  botLogins?: readonly string[];
  /** The App's login; by default the viewer, when it is a bot (`name[bot]`), as the job decides it. */
  appLogin?: string;
  /**
   * Read every item updated since `since`, each with its whole timeline, without stopping early
   * (what a run read before it read newest first): for comparisons in tests and the bench.
   */
  exhaustive?: boolean;
  /** Most items one search source reads in this run (default `MAX_ITEMS_PER_SOURCE`): for tests of the cap. */
  maxItemsPerSource?: number;
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
  key: string;
  status?: CoverageEntry['status'];
  why?: string;
  /** For a person: what to do about it (when GitHub does not show the source to the installation). */
  fix?: string;
  /** Covered from a lower bound (`from`, default the window's start `since`); false: no lower bound (an item read whole). */
  windowed?: boolean;
  /** The oldest update time a newest-first read reached, when it stopped before the end (ISO). */
  from?: string;
  /** The category a discussions source resolved to. */
  category?: DiscussionCategory;
}

/** A search of some sources, read newest first, page after page, as far as their groups need. */
interface SearchJob {
  base: string;
  sources: Tracked[];
  /** After GitHub's 1,000 results: the next search reads items updated at or before this instant. */
  upper: string | null;
  cursor: string | null;
  /** Results read of the current search string (GitHub gives at most 1,000). */
  readInSearch: number;
  pagesRead: number;
  itemsRead: number;
  /** The oldest update time read (ISO, as GitHub spells it). */
  reached: string | null;
  done: boolean;
  /** True when the search read to its end: covered from `since`. */
  exhausted: boolean;
  /** Set when it ended otherwise than read: failed, cut at GitHub's cap, or at `MAX_ITEMS_PER_SOURCE`. */
  outcome?: { status: CoverageEntry['status']; why: string };
  /** The search strings sent. */
  sent: Set<string>;
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
 * 2. **Discussions**: a category is resolved by name or slug, ignoring case, among the
 *    repository's categories (`unread` when Discussions are off or no category matches, naming the
 *    categories there), then all categories are read together (`GroupStewardDiscussions`, see
 *    `readDiscussions`), `read` from `since` until `now`. Their human events count below.
 * 3. **Searches, newest first**: per group (or per source, without `groups`), one search of its
 *    owned repositories (up to 20), one of its labels in `labelScope` (up to 20), one of its labels
 *    in one repository (`repo:o/n label:"x"`, up to 10 and 10; none when that repository is read
 *    whole for the same group) — each sorted by update time, newest first, within GitHub's limits
 *    (at most 5 boolean operators and 256 characters of terms; qualifiers do not count). The first
 *    page (25 results) of every search and every item by number (first work, deliverables, notes
 *    issues, with their last 100 events) go in aliased requests (`GroupStewardActivitySearch`; at
 *    most 20 searches, 1,000 results and 50 items each: `packReads`). Then, as long as a group is
 *    undecided (`nextReads`: a source not read down to the group's newest human event, or an item
 *    whose older events were not read and might hide a newer one), its searches read their next
 *    page (100 results) and such items are read again whole, all together. GitHub returns at most
 *    1,000 results per search: past them a search continues below the update time of the last
 *    item read (`updated:<since>..<that instant>`).
 *    A search read to its end makes its sources `read` from `since` until `now`; one that stopped
 *    early `read` from the oldest update time it reached (`from`: every item updated after it was
 *    read) — the evaluation counts it read over the window only when that covers it, or when the
 *    group's newest human event is at or after `from`; one cut at GitHub's 1,000 results (more
 *    than 1,000 items updated at one same instant) or at `MAX_ITEMS_PER_SOURCE` is `partial`; one
 *    that fails (an error at its alias, or a failed request after Octokit's retries and one retry
 *    in halves) `unread` — `partial` when pages were read before — and the run goes on.
 * 4. An item read by number is `read` whole (no lower bound); one GitHub does not know is `unread`
 *    and listed in `notFound`.
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
  /** Items read with their whole timeline (by number): a search's shorter read never replaces them. */
  const whole = new Set<string>();
  /** Items read by a search with only their newest events: the time of the oldest event read. */
  const cut = new Map<string, number>();
  /** The search that read each item last (to record a failure to read it again whole). */
  const metBy = new Map<string, SearchJob>();
  const truncated: string[] = [];
  const notFound: string[] = [];
  let requests = 0;
  const until = input.now.toISOString();
  const nowMs = input.now.getTime();
  const tracked = distinctSources(input.sources);
  const byKey = new Map(tracked.map((t) => [t.key, t]));
  const clip = (text: string) => (text.length > MAX_WHY ? `${text.slice(0, MAX_WHY - 1)}…` : text);
  /** `{ windowed: false }`: an item read whole, not a search over the window. */
  const settle = (t: Tracked, status: CoverageEntry['status'], why?: string, { windowed = true }: { windowed?: boolean } = {}) => {
    if (t.status !== undefined) return;
    Object.assign(t, { status, windowed, ...(why === undefined ? {} : { why: clip(why) }) });
  };
  /** Unread because GitHub does not show it to the installation: with what a person can do. */
  const notShown = (t: Tracked, why: string, { windowed = true }: { windowed?: boolean } = {}) => {
    if (t.status !== undefined) return;
    settle(t, 'unread', why, { windowed });
    const fix = notReadableFix(t.source);
    if (fix !== undefined) t.fix = clip(fix);
  };
  const keepWhole = (item: SnapshotItem) => {
    const key = itemKey(item.repo, item.number);
    items.set(key, item);
    whole.add(key);
    cut.delete(key);
  };
  const keep = (item: SnapshotItem) => {
    const key = itemKey(item.repo, item.number);
    if (!whole.has(key)) items.set(key, item);
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

  // 2. Discussions categories (their human events decide groups too).
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
    const discussed = await readDiscussions(gh, reads, input.since, keepWhole);
    requests += discussed.requests;
    reads.forEach((r, i) => {
      const outcome = discussed.outcomes[i] ?? { status: 'unread', why: 'not read' };
      for (const t of readers.get(r.category.id) ?? []) settle(t, outcome.status, outcome.status === 'read' ? undefined : outcome.why);
    });
  }

  // 3. Searches, per unit of decision: a group's sources, or each source alone.
  const units: Tracked[][] = [];
  /** Each unit's read-back instant (`input.readBack`), null for none. */
  const unitReadBack: (number | null)[] = [];
  const inUnit = new Set<Tracked>();
  (input.groups ?? []).forEach((group, g) => {
    const unit = uniqueList(group.flatMap((s) => (s.source === 'unreadable' ? [] : [byKey.get(sourceKey(s))].filter((t): t is Tracked => t !== undefined))));
    unit.forEach((t) => inUnit.add(t));
    if (unit.length) {
      units.push(unit);
      unitReadBack.push(input.readBack?.[g] ?? null);
    }
  });
  for (const t of tracked) {
    if (inUnit.has(t)) continue;
    units.push([t]);
    unitReadBack.push(null);
  }

  const jobs: SearchJob[] = [];
  const jobOf = new Map<Tracked, SearchJob>();
  const newJob = (base: string, sources: Tracked[]): SearchJob => {
    const job: SearchJob = { base, sources, upper: null, cursor: null, readInSearch: 0, pagesRead: 0, itemsRead: 0, reached: null, done: false, exhausted: false, sent: new Set() };
    jobs.push(job);
    sources.forEach((t) => jobOf.set(t, job));
    return job;
  };
  const unassigned = (t: Tracked) => open(t) && !jobOf.has(t);
  let unscoped = false;
  for (const unit of units) {
    const wholeRepos = new Map<string, SearchJob>();
    const repos = unit.filter((t) => unassigned(t) && t.source.source === 'repo');
    for (const chunk of chunks(repos, TERMS_PER_SEARCH)) {
      const job = newJob(chunk.map((t) => `repo:${(t.source as { repo: string }).repo}`).join(' '), [...chunk]);
      for (const t of chunk) wholeRepos.set((t.source as { repo: string }).repo.toLowerCase(), job);
    }
    const scopedLabels = unit.filter((t) => unassigned(t) && t.source.source === 'label' && t.source.repo === undefined);
    if (scopedLabels.length > 0 && input.labelScope.length === 0) {
      unscoped = true;
    } else {
      for (const chunk of chunks(scopedLabels, TERMS_PER_SEARCH)) {
        newJob(`${input.labelScope.join(' ')} label:${chunk.map((t) => quoted((t.source as { label: string }).label)).join(',')}`, [...chunk]);
      }
    }
    const repoLabels: Tracked[] = [];
    for (const t of unit) {
      if (!unassigned(t) || t.source.source !== 'label' || t.source.repo === undefined) continue;
      // A repository read whole for the same group holds every labelled item of it, as far as that group needs.
      const wholeRepo = wholeRepos.get(t.source.repo.toLowerCase());
      if (wholeRepo) {
        wholeRepo.sources.push(t);
        jobOf.set(t, wholeRepo);
      } else repoLabels.push(t);
    }
    for (const chunk of chunks(repoLabels, REPO_LABELS_PER_SEARCH)) {
      const repos = unique(chunk.map((t) => (t.source as { repo: string }).repo));
      const labels = unique(chunk.map((t) => (t.source as { label: string }).label));
      newJob(`${repos.map((r) => `repo:${r}`).join(' ')} label:${labels.map(quoted).join(',')}`, [...chunk]);
    }
  }
  if (unscoped) {
    for (const t of tracked) if (unassigned(t) && t.source.source === 'label' && t.source.repo === undefined) settle(t, 'unread', 'no scope was given to search group labels in');
  }

  const searchText = (job: SearchJob) => `${job.base} updated:${job.upper === null ? `>=${input.since}` : `${input.since}T00:00:00Z..${job.upper}`} sort:updated-desc`;
  const endJob = (job: SearchJob, status: CoverageEntry['status'], why: string) => {
    job.done = true;
    job.outcome ??= { status, why };
  };
  const failJob = (job: SearchJob, message: string) => {
    const why = `search failed: ${message}`;
    endJob(job, job.pagesRead > 0 ? 'partial' : 'unread', job.pagesRead > 0 ? `${why} (after ${job.pagesRead} pages read)` : why);
  };
  const takePage = (job: SearchJob, q: string, result: Extract<ReadResult, { kind: 'search' }>) => {
    if (!result.ok) return failJob(job, result.message);
    job.pagesRead += 1;
    const page = result.page;
    const nodes = page.nodes ?? [];
    for (const node of nodes) {
      if (!node || !isItem(node)) continue;
      const item = toItem(node);
      if (!item) continue;
      const key = itemKey(item.repo, item.number);
      keep(item);
      metBy.set(key, job);
      const oldest = whole.has(key) ? null : timelineCut(node, item);
      if (oldest !== null) cut.set(key, oldest);
      if (node.updatedAt && (job.reached === null || Date.parse(node.updatedAt) < Date.parse(job.reached))) job.reached = node.updatedAt;
    }
    job.readInSearch += nodes.length;
    job.itemsRead += nodes.length;
    if (result.error) {
      // GitHub left part of the page out (an item it could not give): not all of it was seen.
      return endJob(job, 'partial', `GitHub left part of a search page out: ${result.error.message}`);
    }
    if (page.pageInfo.hasNextPage && page.pageInfo.endCursor) {
      job.cursor = page.pageInfo.endCursor;
      return;
    }
    // Past the cap only: fewer than 1,000 read means GitHub gave every result it has.
    if (page.issueCount > job.readInSearch && job.readInSearch >= SEARCH_RESULT_CAP && job.reached !== null) {
      if (job.reached === job.upper) {
        // More than 1,000 items updated at one same instant: the rest cannot be reached.
        truncated.push(q);
        return endJob(job, 'partial', `GitHub's search returns at most ${SEARCH_RESULT_CAP.toLocaleString('en-US')} results, and more were updated at ${job.reached}: the rest of them were not read`);
      }
      job.upper = job.reached;
      job.cursor = null;
      job.readInSearch = 0;
      return;
    }
    job.done = true;
    job.exhausted = true;
  };

  const policy = { botLogins: input.botLogins ?? [], ...(input.appLogin ? { appLogin: input.appLogin } : {}) };
  const maxItems = input.maxItemsPerSource ?? MAX_ITEMS_PER_SOURCE;
  const rereadTried = new Set<string>();
  let viewer: string | null = null;
  let pendingJobs = jobs.filter((j) => j.sources.some(open));
  let pendingItems: { key: string; repo: string; number: number; source?: Tracked }[] = tracked
    .filter((t) => open(t) && t.source.source === 'item')
    .map((t) => {
      const { repo, number } = t.source as { repo: string; number: number };
      return { key: itemKey(repo, number), repo, number, source: t };
    });
  while (pendingJobs.length > 0 || pendingItems.length > 0) {
    const specs = new Map<ReadSpec, { job: SearchJob; text: string } | (typeof pendingItems)[number]>();
    const searchSpecs = pendingJobs.map((job): ReadSpec => {
      const text = searchText(job);
      const spec: ReadSpec = { kind: 'search', query: text, first: job.readInSearch === 0 && job.pagesRead === 0 ? FIRST_PAGE : NEXT_PAGE, after: job.cursor };
      specs.set(spec, { job, text });
      return spec;
    });
    const itemSpecs = pendingItems.map((x): ReadSpec => {
      const spec: ReadSpec = { kind: 'item', repo: x.repo, number: x.number };
      specs.set(spec, x);
      return spec;
    });
    for (const batch of packReads(searchSpecs, itemSpecs)) {
      for (const spec of batch) {
        const search = specs.get(spec);
        if (search && 'job' in search) search.job.sent.add(search.text);
      }
      const sent = await sendReads(gh, batch, { viewer: viewer === null && input.appLogin === undefined });
      requests += sent.requests;
      viewer ??= sent.viewer;
      batch.forEach((spec, i) => {
        const target = specs.get(spec);
        const result = sent.results[i] as ReadResult;
        if (!target) return;
        if ('job' in target) {
          if (result.kind === 'search') takePage(target.job, target.text, result);
          return;
        }
        if (result.kind !== 'item') return;
        const x = target;
        const item = result.ok && result.node ? toItem(result.node) : null;
        if (item) keepWhole(item);
        if (!x.source && item && result.ok && result.node?.timelineItems.pageInfo?.hasPreviousPage === true) {
          // Read again whole and still longer than what one request reads: its older events are
          // not seen, so the search that met it cannot say the group's newest human event is known.
          const job = metBy.get(x.key);
          if (job && !job.outcome) job.outcome = { status: 'partial', why: `${x.repo}#${x.number} has more than the ${WHOLE_TIMELINE} newest timeline events Group Steward reads of one item` };
        }
        if (!x.source) {
          // An item read again whole: when that failed, the search that met it did not show it all.
          if (!item) {
            const job = metBy.get(x.key);
            if (job) job.outcome = { status: 'partial', why: `${x.repo}#${x.number} has more timeline events than the newest ${SEARCH_TIMELINE} read, and reading it whole failed: ${result.ok ? (result.error?.message ?? 'not found') : result.message}` };
            cut.delete(x.key);
          }
          return;
        }
        const t = x.source;
        if (!result.ok) settle(t, 'unread', `reading it failed: ${result.message}`, { windowed: false });
        else if (item) settle(t, 'read', undefined, { windowed: false });
        else if (!result.error || result.error.type === 'NOT_FOUND') {
          notFound.push(`${x.repo}#${x.number}`);
          notShown(t, 'not found or not readable by this installation', { windowed: false });
        } else notShown(t, result.error.message, { windowed: false });
      });
    }
    // What the undecided groups still need.
    const frontiers = new Map<string, ReadFrontier>();
    for (const job of jobs) {
      if (job.done) continue;
      for (const t of job.sources) frontiers.set(t.key, { done: false, reached: job.reached === null ? null : Date.parse(job.reached) });
    }
    const appLogin = input.appLogin ?? (viewer?.endsWith('[bot]') ? viewer : undefined);
    const next = nextReads({ units: units.map((u) => u.map((t) => t.source)), readBack: unitReadBack, items: [...items.values()], frontiers, cut, now: nowMs, policy: { ...policy, ...(appLogin ? { appLogin } : {}) } });
    const wanted = new Set<SearchJob>(input.exhaustive ? jobs.filter((j) => !j.done) : []);
    for (const key of next.sources) {
      const t = byKey.get(key);
      const job = t ? jobOf.get(t) : undefined;
      if (job && !job.done) wanted.add(job);
    }
    pendingJobs = [];
    for (const job of jobs.filter((j) => wanted.has(j))) {
      if (job.itemsRead >= maxItems) {
        endJob(job, 'partial', `read newest first back to ${job.reached ?? input.since} (${job.itemsRead.toLocaleString('en-US')} items, the most read of one source in one run), with no human activity newer than what was read: older items were not read`);
      } else pendingJobs.push(job);
    }
    pendingItems = (input.exhaustive ? [...cut.keys()] : next.items).filter((key) => !rereadTried.has(key) && items.has(key)).map((key) => {
      rereadTried.add(key);
      const item = items.get(key) as SnapshotItem;
      return { key, repo: item.repo, number: item.number };
    });
  }
  let searches = 0;
  for (const job of jobs) {
    searches += job.sent.size;
    const outcome = job.outcome ?? { status: 'read' as const, why: undefined };
    for (const t of job.sources) {
      settle(t, outcome.status, outcome.why);
      // Stopped before the end: read over [reached, now] only.
      if (!job.exhausted && job.reached !== null && t.status !== 'unread') t.from = job.reached;
    }
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

/** Each source once (repositories, labels and categories compared ignoring case); `unreadable` ones left out. */
function distinctSources(sources: readonly GroupSource[]): Tracked[] {
  const seen = new Set<string>();
  const out: Tracked[] = [];
  for (const source of sources) {
    if (source.source === 'unreadable') continue;
    const key = sourceKey(source);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ source, key });
  }
  return out;
}

function coverageEntry(t: Tracked, input: LiveSnapshotInput, until: string): CoverageEntry {
  const status = t.status ?? 'unread';
  const window = status === 'unread' ? {} : { ...(t.windowed === false ? {} : { from: t.from ?? input.since }), until };
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

function uniqueList<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
