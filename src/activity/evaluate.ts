/**
 * The activity evaluation: from charters, a snapshot and an explicit `now`, one verdict per group.
 * Pure: no clock, no network. Source: SEP-1302 § WG Lifecycle ("The WG does not have a WIP
 * Issue/PR for at least a month, or has completed all Issues/PRs it intends to pursue"), as issue 5
 * turns it into rules.
 */
import { groupLabel } from '../charters/schema.js';
import type { Charter } from '../charters/schema.js';
import { dateStartMs, DAY_MS, toMs } from './dates.js';
import { deliverableStates, groupWorkItems, indexSnapshot } from './group-work.js';
import type { DeliverableState, WorkIndex } from './group-work.js';
import { actorJudge, isAppOwnItem, latestHumanEvent } from './human-activity.js';
import type { ActorJudge } from './human-activity.js';
import type { EventKind, Snapshot } from './snapshot.js';
import { verdictReason } from './verdict-reason.js';

export type Verdict = 'active' | 'idle' | 'completed' | 'grace' | 'retired';
export type { DeliverableState } from './group-work.js';

/** The latest human event on a group's work. `at` is ISO 8601 UTC. */
export interface LastActivity {
  at: string;
  /** Login (or, for a commit, possibly a git author name); null when unknown. */
  actor: string | null;
  kind: EventKind;
  repo: string;
  number: number;
  url: string;
}

/** What the evaluation says about one group. */
export interface GroupVerdict {
  id: string;
  type: Charter['type'];
  status: Charter['status'];
  label: string;
  verdict: Verdict;
  last_activity: LastActivity | null;
  /** One sentence for a facilitator, with absolute UTC dates. */
  reason: string;
  /** Distinct items of the group's work in the snapshot (the App's own excluded). */
  items_counted: number;
  deliverables: DeliverableState[];
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
 * - `completed` (working groups only): it lists one or more deliverables and every one is closed
 *   or merged in the snapshot — whatever its other activity; this takes precedence over the rest.
 * - `active`: its latest human event is less than `inactivityDays` days before `now`.
 * - `grace`: otherwise, when it was formed less than `inactivityDays` days before `now`.
 * - `idle`: otherwise — `now − last activity ≥ inactivityDays` days (exactly 30 days is idle,
 *   29.99 is not), or no human activity at all, and formed at least that long ago (a charter
 *   without `formed` has no grace period).
 *
 * Interest groups get active / idle / grace like working groups, but are never `completed`: SEP-1302
 * retires an IG only by a decision of moderators or core maintainers.
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
  return input.charters.map((charter) => evaluateGroup(charter, work, now, input.inactivityDays));
}

function evaluateGroup(charter: Charter, work: ItemFacts, now: number, inactivityDays: number): GroupVerdict {
  const base = { id: charter.id, type: charter.type, status: charter.status, label: groupLabel(charter.type, charter.id) };
  if (charter.status === 'retired') {
    return { ...base, verdict: 'retired', last_activity: null, items_counted: 0, deliverables: [], reason: verdictReason({ verdict: 'retired', charter, now, inactivityDays, last: null, itemsCounted: 0, deliverables: [] }) };
  }
  const items = groupWorkItems(charter, work.index).filter((i) => !work.isAppOwn(i));
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
  const windowMs = inactivityDays * DAY_MS;
  const formed = dateStartMs(charter.formed);
  let verdict: Verdict;
  if (deliverables.length > 0 && deliverables.every((d) => d.state === 'closed' || d.state === 'merged')) verdict = 'completed';
  else if (now - lastAt < windowMs) verdict = 'active';
  else if (formed !== null && now - formed < windowMs) verdict = 'grace';
  else verdict = 'idle';
  const reason = verdictReason({ verdict, charter, now, inactivityDays, last, itemsCounted: items.length, deliverables, ...(work.since ? { dataSince: work.since } : {}) });
  return { ...base, verdict, last_activity: last, reason, items_counted: items.length, deliverables };
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

  isAppOwn(i: number): boolean {
    let own = this.ownCache.get(i);
    if (own === undefined) this.ownCache.set(i, (own = isAppOwnItem(this.index.items[i]!, this.judge)));
    return own;
  }
}
