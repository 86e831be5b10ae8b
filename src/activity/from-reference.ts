/**
 * Converting Group Steward's shared reference data into the activity snapshot format, for the
 * bundled `snapshots/mcp-activity.json`. Two files, each a partial reading of MCP's group
 * repositories:
 *
 * - `mcp-activity.json` (the **thread file**): transcripts of public GitHub issue and pull request
 *   threads, cut short (most items carry only their first events);
 * - `mcp-activity-git.json` (the **git file**): pull requests read from public git history
 *   (`commit` and `merged` events only), with a per-repository `coverage` list saying which
 *   repositories could be read and up to when.
 *
 * The conversion merges them into one snapshot and writes its `coverage`: what the recording saw
 * of every source a charter names, never claiming `read` (neither file is a complete reading of
 * anything). Pure: JSON data in, a snapshot out.
 */
import { z } from 'zod';
import type { Charter } from '../charters/schema.js';
import { groupSources } from './coverage.js';
import type { CoverageEntry, GroupSource } from './coverage.js';
import { utcDate } from './dates.js';
import { EVENT_KINDS, formatSnapshot, SnapshotError, validateSnapshot } from './snapshot.js';
import type { Snapshot, SnapshotEvent, SnapshotItem } from './snapshot.js';

/** The thread file's name, as errors and the snapshot's `source` name it. */
export const THREADS_FILE = 'mcp-activity.json';
/** The git file's name, as errors and the snapshot's `source` name it. */
export const GIT_FILE = 'mcp-activity-git.json';

/** Above this many bytes (UTF-8), `formatBundledSnapshot` writes one item per line: 15 MB. */
export const PRETTY_LIMIT_BYTES = 15_000_000;

const instant = z.iso.datetime({ offset: true });
const repoName = z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'must be owner/name');
const EventSchema = z.object({
  at: instant,
  actor: z.string().nullable(),
  actor_type: z.enum(['User', 'Bot', 'Unknown']).nullable(),
  kind: z.enum(EVENT_KINDS),
});

/** The parts of the thread file the conversion reads; other keys (collection notes) are ignored. */
const ThreadsSchema = z.object({
  generated_at: instant,
  items: z.array(
    z.object({
      repo: repoName,
      repo_alias: repoName.optional(),
      number: z.number().int().positive(),
      type: z.enum(['issue', 'pull_request']),
      title: z.string().nullable(),
      state: z.enum(['open', 'closed', 'merged']).nullable(),
      labels: z.array(z.string()),
      created_at: instant.nullable(),
      closed_at: instant.nullable(),
      author: z.string().nullable().optional(),
      source: z.string().optional(),
      events: z.array(EventSchema),
    }),
  ),
});

/** The parts of the git file the conversion reads; other keys (collection notes) are ignored. */
const GitSchema = z.object({
  generated_at: instant,
  window_from: instant,
  coverage: z.array(
    z
      .object({
        repo: repoName,
        covered: z.boolean(),
        why: z.string().optional(),
        newest_commit_at: instant.nullable().optional(),
        held_out: z.object({ cut: instant }).optional(),
        stale_mirror: z.boolean().optional(),
        window_from: instant.optional(),
      })
      .refine((c) => !c.stale_mirror || c.held_out !== undefined || (c.newest_commit_at ?? null) !== null, {
        message: 'a stale mirror gives its newest_commit_at',
        path: ['newest_commit_at'],
      }),
  ),
  items: z.array(
    z.object({
      repo: repoName,
      number: z.number().int().positive(),
      type: z.literal('pull_request'),
      title: z.string().nullable(),
      /** `merged`, or null: git cannot tell open from closed-unmerged. */
      state: z.literal('merged').nullable(),
      labels: z.array(z.string()),
      created_at: instant.nullable(),
      closed_at: instant.nullable(),
      author: z.string().nullable().optional(),
      source: z.string().optional(),
      /** Present on pull requests chosen because they are tied to a group (not a whole repository). */
      group_evidence: z.unknown().optional(),
      events: z.array(EventSchema),
    }),
  ),
});

type ThreadItem = z.infer<typeof ThreadsSchema>['items'][number];
type GitItem = z.infer<typeof GitSchema>['items'][number];
type GitCoverage = z.infer<typeof GitSchema>['coverage'][number];
type InputEvent = z.infer<typeof EventSchema>;

/** The two reference files, as parsed JSON (`unknown`: they are checked here). */
export interface ReferenceInputs {
  /** `mcp-activity.json`: thread transcripts. */
  threads: unknown;
  /** `mcp-activity-git.json`: pull requests from git history, with per-repository coverage. */
  git: unknown;
}

export interface ReferenceOptions {
  /**
   * The charters in `groups/`: their `repos` decide the name a renamed repository takes, and the
   * sources of active charters (`groupSources`) are the coverage entries written.
   */
  charters: readonly Charter[];
}

/**
 * Merges the two reference files into one snapshot.
 *
 * Items are the union by repository and number (repository compared ignoring case, a renamed
 * repository's two names as one): thread items first, in their order, then git-only items in
 * theirs. An item in both files takes from the thread file its type, title (git's when the
 * thread's is null), state (unless git records a merge: then `merged`, and git's merge time as
 * `closed_at`), `created_at`, `author` and `url` (its public `source`); labels are the union; events
 * the union, an event in both (same instant, actor and kind) once, sorted by time. When the two
 * disagree on the type (the thread is an issue, git saw a `(#N)` commit mention as a pull request),
 * the thread wins and git's record of that number is left out. A git-only pull request that was not
 * merged has state and title null (unknown). A `merged` event with no actor (a squash merge: git
 * does not record who merged) gets `actor_type: 'Unknown'`: neither human nor bot evidence; a
 * `merged` event with no actor at the same instant as one with an actor is the same merge, kept
 * once, with the actor. Collection notes (`group_hint`, `group_evidence`, `git`, `repo_alias` …) are
 * dropped; nothing is invented (no labels are added).
 *
 * A renamed repository: a thread item carries `repo` and `repo_alias` (its other name). Any item in
 * either name takes the one the charters' `repos` use when they name exactly one of the two.
 *
 * `generated_at` is the later of the two files' (UTC). `coverage`, in order: every repository of the
 * git file's `coverage` (unread when it could not be read, unless the thread file has items of it;
 * else partial from its `window_from` until its hold-out cut, a stale mirror's newest commit, or the
 * git file's `generated_at`); repositories only the thread file has (partial); repositories an
 * active charter owns that neither file has (unread); then, per active charter, each label and
 * Discussions category (unread: the recording searched none), and each first work and deliverable
 * (partial when an item, unread when absent). No entry is `read`.
 *
 * @throws SnapshotError naming the file and path (e.g. `mcp-activity-git.json: items[3].events[0].kind: …`)
 *   when a file does not have the expected shape, or when the result is not a valid snapshot
 */
export function snapshotFromReference(inputs: ReferenceInputs, options: ReferenceOptions): Snapshot {
  const threads = parseInput(ThreadsSchema, inputs.threads, THREADS_FILE);
  const git = parseInput(GitSchema, inputs.git, GIT_FILE);
  const names = new RepoNames(threads.items, options.charters);

  // Items: the union, thread items first.
  const gitByKey = new Map<string, GitItem>();
  for (const item of git.items) gitByKey.set(names.key(item.repo, item.number), item);
  const used = new Set<string>();
  const origin = new Map<string, 'thread' | 'git' | 'both'>();
  const items: SnapshotItem[] = [];
  for (const thread of threads.items) {
    const key = names.key(thread.repo, thread.number);
    const other = gitByKey.get(key);
    const match = other && other.type === thread.type ? other : undefined;
    if (other) used.add(key);
    origin.set(key, match ? 'both' : 'thread');
    items.push(match ? mergeItems(thread, match, names.resolve(thread.repo)) : fromThread(thread, names.resolve(thread.repo)));
  }
  for (const item of git.items) {
    const key = names.key(item.repo, item.number);
    if (used.has(key)) continue;
    origin.set(key, 'git');
    items.push(fromGit(item, names.resolve(item.repo)));
  }

  const generatedAt = Date.parse(threads.generated_at) >= Date.parse(git.generated_at) ? threads.generated_at : git.generated_at;
  const coverage = buildCoverage({ threads, git, names, origin, charters: options.charters });
  return validateSnapshot({ generated_at: generatedAt, source: referenceSource(git.generated_at), coverage, items });
}

/**
 * The snapshot as the bundled file stores it: `formatSnapshot`'s two-space indentation when that is
 * at most `limitBytes` (UTF-8; default `PRETTY_LIMIT_BYTES`), else a compact layout that is still
 * line-oriented for diffs: top-level keys and each coverage entry and item on its own line. Either
 * ends in a newline and parses back to the same snapshot. Never throws.
 */
export function formatBundledSnapshot(snapshot: Snapshot, limitBytes = PRETTY_LIMIT_BYTES): string {
  const pretty = formatSnapshot(snapshot);
  if (Buffer.byteLength(pretty, 'utf8') <= limitBytes) return pretty;
  const fields = Object.entries(snapshot).map(([key, value]) => {
    if (Array.isArray(value)) {
      const rows = value.map((v) => `    ${JSON.stringify(v)}`).join(',\n');
      return `  ${JSON.stringify(key)}: [${value.length ? `\n${rows}\n  ` : ''}]`;
    }
    return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  });
  return `{\n${fields.join(',\n')}\n}\n`;
}

/** The top-level `source` sentence: both files, what each can and cannot show. */
export function referenceSource(gitGeneratedAt: string): string {
  return (
    `Merged from two files of Group Steward's shared reference data: ${THREADS_FILE}, transcripts of public GitHub issue and pull request threads that were cut short ` +
    `(most items carry only their first events, dated to the day), and ${GIT_FILE}, pull requests read from public git history up to ${utcDate(Date.parse(gitGeneratedAt))} ` +
    `(commits and merges only: no issues, comments, reviews, labels, authors or creation dates, and an unmerged pull request's state and title are unknown, null); ` +
    `each item's url is its public source, and coverage says what the recording did and did not read of each source.`
  );
}

function parseInput<T extends z.ZodType>(schema: T, data: unknown, file: string): z.infer<T> {
  const outcome = schema.safeParse(data);
  if (outcome.success) return outcome.data;
  const lines = outcome.error.issues.map((issue) => `${file}: ${formatPath(issue.path) || '(top level)'}: ${issue.message}`);
  throw new SnapshotError(lines.length > 10 ? [...lines.slice(0, 10), `${lines.length - 10} more problems`] : lines);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

/**
 * A renamed repository's two names: the thread file's `repo`/`repo_alias` pairs. `resolve` gives a
 * name the one the charters use (when they name exactly one of a pair); `key` identifies an item
 * whichever name it is recorded under.
 */
class RepoNames {
  private readonly pairs = new Map<string, [string, string]>();
  private readonly named: Set<string>;

  constructor(items: readonly ThreadItem[], charters: readonly Charter[]) {
    this.named = new Set(charters.flatMap((c) => c.repos ?? []).map((r) => r.toLowerCase()));
    for (const item of items) {
      if (!item.repo_alias || item.repo_alias.toLowerCase() === item.repo.toLowerCase()) continue;
      const pair: [string, string] = [item.repo, item.repo_alias];
      this.pairs.set(item.repo.toLowerCase(), pair);
      this.pairs.set(item.repo_alias.toLowerCase(), pair);
    }
  }

  resolve(repo: string): string {
    const pair = this.pairs.get(repo.toLowerCase());
    if (!pair) return repo;
    const [a, b] = pair.map((r) => this.named.has(r.toLowerCase()));
    if (a && !b) return pair[0];
    if (b && !a) return pair[1];
    return repo;
  }

  /** One repository, whichever of its names: lower-cased, a pair as its first name. */
  repoKey(repo: string): string {
    return (this.pairs.get(repo.toLowerCase())?.[0] ?? repo).toLowerCase();
  }

  key(repo: string, number: number): string {
    return `${this.repoKey(repo)}#${number}`;
  }
}

/** A `merged` event with no actor and no actor type: git does not say who merged (a person or a bot). */
function normalizeEvent(e: InputEvent): SnapshotEvent {
  const unknownMerger = e.kind === 'merged' && e.actor === null && e.actor_type === null;
  return { at: e.at, actor: e.actor, actor_type: unknownMerger ? 'Unknown' : e.actor_type, kind: e.kind };
}

function fromThread(item: ThreadItem, repo: string): SnapshotItem {
  return {
    repo,
    number: item.number,
    type: item.type,
    title: item.title,
    state: item.state,
    labels: item.labels,
    created_at: item.created_at,
    closed_at: item.closed_at,
    ...(item.author !== undefined ? { author: item.author } : {}),
    ...(item.source !== undefined ? { url: item.source } : {}),
    events: item.events.map(normalizeEvent),
  };
}

function fromGit(item: GitItem, repo: string): SnapshotItem {
  return {
    repo,
    number: item.number,
    type: 'pull_request',
    title: item.title,
    state: item.state,
    labels: item.labels,
    created_at: item.created_at,
    closed_at: item.closed_at,
    author: item.author ?? null,
    ...(item.source !== undefined ? { url: item.source } : {}),
    events: item.events.map(normalizeEvent),
  };
}

function mergeItems(thread: ThreadItem, git: GitItem, repo: string): SnapshotItem {
  const merged = git.state === 'merged';
  const labels = [...thread.labels];
  for (const label of git.labels) if (!labels.some((l) => l.toLowerCase() === label.toLowerCase())) labels.push(label);
  const url = thread.source ?? git.source;
  return {
    repo,
    number: thread.number,
    type: thread.type,
    title: thread.title ?? git.title ?? null,
    state: merged ? 'merged' : thread.state,
    labels,
    created_at: thread.created_at,
    closed_at: merged ? (git.closed_at ?? thread.closed_at) : thread.closed_at,
    author: thread.author !== undefined ? thread.author : (git.author ?? null),
    ...(url !== undefined ? { url } : {}),
    events: mergeEvents(thread.events.map(normalizeEvent), git.events.map(normalizeEvent)),
  };
}

const eventKey = (e: SnapshotEvent) => `${Date.parse(e.at)} ${e.kind} ${e.actor ?? '\u0000'}`;

/**
 * The union of two event lists: a git event identical to a thread event (instant, actor, kind) is
 * the same event, kept once (counted, so two real commits with equal dates in one file both stay);
 * a `merged` event without an actor at the instant of another `merged` event is the same merge,
 * kept with its actor. Sorted by time (stable: thread events first on ties).
 */
function mergeEvents(thread: SnapshotEvent[], git: SnapshotEvent[]): SnapshotEvent[] {
  const counts = new Map<string, number>();
  for (const e of thread) counts.set(eventKey(e), (counts.get(eventKey(e)) ?? 0) + 1);
  const out = [...thread];
  for (const e of git) {
    const n = counts.get(eventKey(e)) ?? 0;
    if (n > 0) counts.set(eventKey(e), n - 1);
    else out.push(e);
  }
  const mergers = new Set(out.filter((e) => e.kind === 'merged' && e.actor !== null).map((e) => Date.parse(e.at)));
  return out
    .filter((e) => !(e.kind === 'merged' && e.actor === null && mergers.has(Date.parse(e.at))))
    .map((e, i) => ({ e, i, at: Date.parse(e.at) }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map(({ e }) => e);
}

interface CoverageInput {
  threads: z.infer<typeof ThreadsSchema>;
  git: z.infer<typeof GitSchema>;
  names: RepoNames;
  origin: ReadonlyMap<string, 'thread' | 'git' | 'both'>;
  charters: readonly Charter[];
}

const GIT_SEES = 'commits and merges seen; issues, comments, reviews and labels not seen';
const NO_GIT = 'no copy of its git history could be read';
const count = (n: number) => `${n} of its ${n === 1 ? 'issues or pull requests' : 'issues and pull requests'}`;

/** The coverage entries (see `snapshotFromReference`), each source once, none `read`. */
function buildCoverage(input: CoverageInput): CoverageEntry[] {
  const { threads, git, names } = input;
  const out: CoverageEntry[] = [];
  const seen = new Set<string>();
  const add = (key: string, entry: CoverageEntry) => {
    if (seen.has(key.toLowerCase())) return;
    seen.add(key.toLowerCase());
    out.push(entry);
  };

  const threadCounts = new Map<string, { name: string; n: number }>();
  for (const item of threads.items) {
    const key = names.repoKey(item.repo);
    const entry = threadCounts.get(key) ?? { name: names.resolve(item.repo), n: 0 };
    entry.n += 1;
    threadCounts.set(key, entry);
  }
  const selected = new Set(git.items.filter((i) => i.group_evidence !== undefined).map((i) => names.repoKey(i.repo)));
  const threadPart = (key: string) => {
    const n = threadCounts.get(key)?.n ?? 0;
    return n === 0 ? '' : `; also thread transcripts (cut short) of ${count(n)}`;
  };

  for (const c of git.coverage) {
    const key = names.repoKey(c.repo);
    const repo = names.resolve(c.repo);
    if (!c.covered) {
      const n = threadCounts.get(key)?.n ?? 0;
      add(`repo ${key}`, n > 0 ? { source: 'repo', repo, status: 'partial', until: threads.generated_at, why: `thread transcripts only (cut short): ${count(n)}, most with only their first events; ${NO_GIT}` } : { source: 'repo', repo, status: 'unread', why: NO_GIT });
      continue;
    }
    const until = gitUntil(c, git.generated_at);
    const day = utcDate(Date.parse(until));
    const to = c.held_out ? `before ${day} (later events were held out of the recording)` : c.stale_mirror ? `to ${day} (a stale copy: its newest commit)` : `to ${day}`;
    const only = selected.has(key) ? ', and only the pull requests tied to a group (by the files they touch or by being named for it)' : '';
    add(`repo ${key}`, { source: 'repo', repo, status: 'partial', from: c.window_from ?? git.window_from, until, why: `git history only, ${to}${only}: ${GIT_SEES}${threadPart(key)}` });
  }
  for (const [key, { name, n }] of threadCounts) {
    add(`repo ${key}`, { source: 'repo', repo: name, status: 'partial', until: threads.generated_at, why: `thread transcripts only (cut short): ${count(n)}, most with only their first events; no git history` });
  }
  const active = input.charters.filter((c) => c.status === 'active');
  for (const charter of active) {
    for (const r of charter.repos ?? []) add(`repo ${names.repoKey(r)}`, { source: 'repo', repo: r, status: 'unread', why: 'not in the recording' });
  }
  for (const charter of active) {
    for (const source of groupSources(charter, input.charters)) {
      const entry = sourceEntry(source, input);
      if (entry) add(entry.key, entry.entry);
    }
  }
  return out;
}

function gitUntil(c: GitCoverage, generatedAt: string): string {
  if (c.held_out) return c.held_out.cut;
  if (c.stale_mirror && c.newest_commit_at) return c.newest_commit_at;
  return generatedAt;
}

function sourceEntry(source: GroupSource, input: CoverageInput): { key: string; entry: CoverageEntry } | null {
  switch (source.source) {
    case 'label':
      return {
        key: `label ${source.label} in ${source.repo ?? ''}`,
        entry: { source: 'label', label: source.label, ...(source.repo ? { repo: source.repo } : {}), status: 'unread', why: 'the recording has no search of this label' },
      };
    case 'discussions':
      return {
        key: `discussions ${input.names.repoKey(source.repo)} ${source.category}`,
        entry: { source: 'discussions', repo: source.repo, category: source.category, status: 'unread', why: 'the recording has no reading of GitHub Discussions' },
      };
    case 'item': {
      const key = input.names.key(source.repo, source.number);
      const origin = input.origin.get(key);
      const base = { source: 'item' as const, repo: source.repo, number: source.number };
      if (!origin) return { key: `item ${key}`, entry: { ...base, status: 'unread', why: 'not in the recording' } };
      const why = {
        thread: 'only its thread transcript, cut short (usually its first events)',
        git: 'only what git history shows of it: its commits, and its merge if merged (no comments, reviews or labels)',
        both: 'only its thread transcript, cut short, and what git history shows of it (its commits, and its merge if merged)',
      }[origin];
      return { key: `item ${key}`, entry: { ...base, status: 'partial', why } };
    }
    case 'repo':
    case 'unreadable':
      return null;
  }
}
