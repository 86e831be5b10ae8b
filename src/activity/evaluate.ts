/**
 * The activity evaluation: from charters, a snapshot and an explicit `now`, one verdict per group.
 * Pure: no clock, no network. Source: SEP-1302 § WG Lifecycle ("The WG does not have a WIP
 * Issue/PR for at least a month, or has completed all Issues/PRs it intends to pursue") and
 * § IG Lifecycle ("at least one substantive thread / conversation per month AND/OR a live
 * meeting"). A verdict never claims what was not looked at: silence is `idle` only when every
 * source of the group's work was read over the whole window (see `coverage.ts`).
 */
import { groupLabel } from '../charters/schema.js';
import type { Charter } from '../charters/schema.js';
import { dateStartMs, DAY_MS, toMs } from './dates.js';
import { groupSources, judgeCoverage } from './coverage.js';
import type { SourceCoverage } from './coverage.js';
import { deliverableStates, groupWork, indexSnapshot } from './group-work.js';
import type { DeliverableState, GroupWork, WorkIndex } from './group-work.js';
import { actorJudge, isAppOwnItem, isHumanActivity, latestHumanEvent } from './human-activity.js';
import type { ActorJudge } from './human-activity.js';
import type { EventKind, Snapshot } from './snapshot.js';
import { verdictReason } from './verdict-reason.js';
import type { LastActivity, Verdict } from './verdict.js';
import { plural } from '../words.js';

export type { LastActivity, Verdict } from './verdict.js';
export type { DeliverableState } from './group-work.js';
export type { SourceCoverage } from './coverage.js';

/**
 * An interest group's SEP-1302 expectation ("at least one substantive thread / conversation per
 * month AND/OR a live meeting"), on what GitHub shows within the window. Discord and live
 * meetings are not visible, so `met: false` means "not seen on GitHub", never "idle".
 */
export interface Expectation {
  met: boolean;
  /** Discussions of the group's category with human activity in the window. */
  threads: number;
  /** Meeting-notes posts in the window (discussions, labelled items, or comments on the notes issue). */
  notes: number;
  /** Other issues and pull requests of its work with human activity in the window. */
  items: number;
  /** `met: 3 discussion threads, 1 meeting-notes post` / `not seen on GitHub: …`. */
  text: string;
}

/** What the evaluation says about one group. */
export interface GroupVerdict {
  id: string;
  type: Charter['type'];
  status: Charter['status'];
  label: string;
  verdict: Verdict;
  lastActivity: LastActivity | null;
  /** One sentence for a facilitator, with absolute UTC dates. */
  reason: string;
  /** Distinct items of the group's work in the snapshot (the App's own excluded). */
  itemsCounted: number;
  deliverables: DeliverableState[];
  /** Each source of the group's work and how much of it the snapshot read over the window (empty when retired). */
  coverage: SourceCoverage[];
  /** Interest groups only: SEP-1302's expectation, on what GitHub shows. */
  expectation?: Expectation;
}

export interface EvaluateInput {
  charters: readonly Charter[];
  snapshot: Snapshot;
  /** The instant judged at: a Date or UTC ms. Never read from a clock. */
  now: Date | number;
  /** The window, in days (config `inactivity_days`, default 30). */
  inactivityDays: number;
  /** Config `activity.bot_logins`: more logins whose events are not human activity. */
  botLogins?: readonly string[];
  /** The App's login (`name` or `name[bot]`): its events and its own issues are not activity. */
  appLogin?: string;
}

/**
 * Judges every charter, in the order given.
 *
 * - `retired`: the charter says `status: retired`; the group is skipped (not evaluated).
 * - `completed` (working groups only): it lists one or more deliverables, every one is closed
 *   or merged in the snapshot, and no untracked deliverable — whatever its other activity; this
 *   takes precedence over the rest.
 * - `active`: its latest human event is less than `inactivityDays` days before `now`.
 *   Activity in what was read is certain, whatever was not read.
 * - `grace`: otherwise, when it was formed less than `inactivityDays` days before `now`.
 * - `unknown`: otherwise, when a source of its work was not read completely over the window
 *   `[now − inactivityDays, now]` (a repository not readable by the installation, a search cut
 *   short, a deliverable GitHub does not show, meeting notes on another site, a snapshot that
 *   records no coverage): silence in what was read proves nothing. The reason names the sources.
 * - `idle`: otherwise — every source read, and `now − last activity ≥ inactivityDays` days
 *   (exactly 30 days is idle, 29.99 is not), or no human activity at all, and formed at least that
 *   long ago (a charter without `formed` has no grace period).
 *
 * Interest groups are never `completed` (SEP-1302 retires an IG only by a decision of moderators
 * or core maintainers) and never `idle`: their conversation happens on Discord and in meetings,
 * which GitHub does not show, so without activity seen they are `unknown`; `expectation` reports
 * what GitHub shows of SEP-1302's monthly expectation.
 *
 * @throws RangeError when `inactivityDays` is not a positive number or `now` is not a valid instant
 */
export function evaluateActivity(input: EvaluateInput): GroupVerdict[] {
  const now = toMs(input.now);
  if (!Number.isFinite(now)) throw new RangeError('now must be a valid instant');
  if (!(input.inactivityDays > 0) || !Number.isFinite(input.inactivityDays)) {
    throw new RangeError(`inactivityDays must be a positive number of days, not ${input.inactivityDays}`);
  }
  const judge = actorJudge({ botLogins: input.botLogins ?? [], appLogin: input.appLogin });
  const work = new ItemFacts(indexSnapshot(input.snapshot), judge, now, input.snapshot.since);
  const context: GroupContext = { work, now, inactivityDays: input.inactivityDays, snapshot: input.snapshot };
  return input.charters.map((charter) => evaluateGroup(charter, context));
}

interface GroupContext {
  work: ItemFacts;
  now: number;
  inactivityDays: number;
  snapshot: Snapshot;
}

function evaluateGroup(charter: Charter, { work, now, inactivityDays, snapshot }: GroupContext): GroupVerdict {
  const base = { id: charter.id, type: charter.type, status: charter.status, label: groupLabel(charter.type, charter.id) };
  if (charter.status === 'retired') {
    return { ...base, verdict: 'retired', lastActivity: null, itemsCounted: 0, deliverables: [], coverage: [], reason: verdictReason({ verdict: 'retired', charter, now, inactivityDays, last: null, itemsCounted: 0, deliverables: [], coverage: [] }) };
  }
  const windowMs = inactivityDays * DAY_MS;
  const found = groupWork(charter, work.index);
  const mine = (list: number[]) => list.filter((i) => !work.isAppOwn(i));
  const items = mine(found.items);
  let last: LastActivity | null = null;
  let lastAt = -Infinity;
  for (const i of items) {
    const latest = work.latest(i);
    if (latest && latest.at > lastAt) {
      const item = work.index.items[i]!;
      lastAt = latest.at;
      last = {
        at: new Date(latest.at).toISOString(),
        actor: latest.event.actor,
        kind: latest.event.kind,
        repo: item.repo,
        number: item.number,
        url: item.url ?? `https://github.com/${item.repo}/${item.type === 'pull_request' ? 'pull' : 'issues'}/${item.number}`,
      };
    }
  }
  const deliverables = charter.type === 'working' ? deliverableStates(charter, work.index) : [];
  const sources = groupSources(charter);
  const judge = (latestActivity?: number) =>
    judgeCoverage({ sources, coverage: snapshot.coverage, generatedAt: Date.parse(snapshot.generated_at), windowStart: now - windowMs, windowEnd: now, ...(latestActivity === undefined ? {} : { latestActivity }) });
  const strict = judge();
  const unseen = strict.some((c) => c.status !== 'read');
  const formed = dateStartMs(charter.formed);
  let verdict: Verdict;
  // Work the charter lists without an issue or pull request to track it is never known done.
  const untracked = charter.type === 'working' ? (charter.untracked_deliverables ?? []).length : 0;
  if (deliverables.length > 0 && untracked === 0 && deliverables.every((d) => d.state === 'closed' || d.state === 'merged')) verdict = 'completed';
  else if (now - lastAt < windowMs) verdict = 'active';
  else if (formed !== null && now - formed < windowMs) verdict = 'grace';
  else if (unseen || charter.type === 'interest') verdict = 'unknown';
  else verdict = 'idle';
  // An active group's sources read newest first down to its latest activity were read far enough:
  // nothing left unread can change its verdict or its last activity (see `newest-first.ts`).
  const coverage = verdict === 'active' ? judge(lastAt) : strict;
  // Such a read did not count everything in the window: an interest group's counts are then at least those seen.
  const stoppedEarly = sources.filter((s, i) => strict[i]?.status !== 'read' && coverage[i]?.status === 'read');
  const lowerBound = { items: stoppedEarly.some((s) => s.source === 'repo' || (s.source === 'label' && s.repo === undefined)), notes: stoppedEarly.some((s) => s.source === 'label' && s.repo !== undefined) };
  const expectation = charter.type === 'interest' ? interestExpectation(found, items, work, now - windowMs, lowerBound) : undefined;
  const reason = verdictReason({ verdict, charter, now, inactivityDays, last, itemsCounted: items.length, deliverables, coverage, ...(work.since ? { dataSince: work.since } : {}) });
  return { ...base, verdict, lastActivity: last, reason, itemsCounted: items.length, deliverables, coverage, ...(expectation ? { expectation } : {}) };
}

/**
 * SEP-1302 § IG Lifecycle on what GitHub shows: threads (discussions of the group's category),
 * meeting-notes posts and other items with human activity at or after `fromMs` (and not after
 * `now`). For a notes issue, each human comment in the window is a post. Counts read from sources
 * that were read newest first only down to the group's latest activity (`lowerBound`) are said
 * to be "at least" so many: older items of the window were not read.
 */
function interestExpectation(found: GroupWork, items: readonly number[], work: ItemFacts, fromMs: number, lowerBound: { items: boolean; notes: boolean }): Expectation {
  const own = new Set(items);
  const inWindow = (i: number) => own.has(i) && (work.latest(i)?.at ?? -Infinity) >= fromMs;
  const threads = found.threads.filter(inWindow).length;
  const noteSet = new Set(found.notes);
  const threadSet = new Set(found.threads);
  let notes = 0;
  for (const i of found.notes) {
    if (!own.has(i)) continue;
    // The notes issue: each comment is a post. A notes category or label: each item is one.
    notes += i === found.notesIssue ? work.humanEventsSince(i, fromMs, 'comment') : Number(inWindow(i));
  }
  const others = items.filter((i) => !noteSet.has(i) && !threadSet.has(i) && inWindow(i)).length;
  // A count read only down to the group's latest activity is a lower bound: "at least 3 …".
  const atLeast = (text: string, count: { lowerBound: boolean }) => (count.lowerBound && !text.startsWith('0 ') ? `at least ${text}` : text);
  const parts = [plural(threads, 'discussion thread'), atLeast(plural(notes, 'meeting-notes post'), { lowerBound: lowerBound.notes }), atLeast(plural(others, 'issue or pull request', 'issues or pull requests'), { lowerBound: lowerBound.items })].filter((p) => !p.startsWith('0 '));
  const met = threads + notes + others > 0;
  return {
    met,
    threads,
    notes,
    items: others,
    text: met ? `met: ${parts.join(', ')}` : 'not seen on GitHub: Discord and live meetings are not visible to Group Steward',
  };
}

/** Per-item facts computed at most once per run, however many groups share the item. */
class ItemFacts {
  private readonly latestCache = new Map<number, ReturnType<typeof latestHumanEvent>>();
  private readonly ownCache = new Map<number, boolean>();

  constructor(
    readonly index: WorkIndex,
    private readonly judge: ActorJudge,
    private readonly nowMs: number,
    /** The snapshot's `since`: items updated earlier were not collected. */
    readonly since?: string,
  ) {}

  latest(i: number): ReturnType<typeof latestHumanEvent> {
    if (!this.latestCache.has(i)) this.latestCache.set(i, latestHumanEvent(this.index.items[i]!, this.judge, this.nowMs));
    return this.latestCache.get(i) ?? null;
  }

  /** Human events of `kind` on item `i` at or after `fromMs` and not after the instant judged. */
  humanEventsSince(i: number, fromMs: number, kind: EventKind): number {
    return this.index.items[i]!.events.filter((e) => e.kind === kind && isHumanActivity(e, this.judge) && Date.parse(e.at) >= fromMs && Date.parse(e.at) <= this.nowMs).length;
  }

  isAppOwn(i: number): boolean {
    let own = this.ownCache.get(i);
    if (own === undefined) this.ownCache.set(i, (own = isAppOwnItem(this.index.items[i]!, this.judge)));
    return own;
  }
}
