/**
 * The activity evaluation: from charters, a snapshot and an explicit `now`, one verdict per group.
 * Pure: no clock, no network. Source: SEP-1302 § WG Lifecycle ("The WG does not have a WIP
 * Issue/PR for at least a month, or has completed all Issues/PRs it intends to pursue") and
 * § IG Lifecycle ("at least one substantive thread / conversation per month AND/OR a live
 * meeting"). A verdict never claims what was not looked at: silence is `idle` only when every
 * source of the group's work was read over the whole window (see `coverage.ts`).
 */
import { groupLabel, groupLeaders } from '../charters/schema.js';
import type { Charter } from '../charters/schema.js';
import { dateStartMs, DAY_MS, toMs } from './dates.js';
import { evidenceSources, groupSources, judgeCoverage, judgeEvidenceCoverage } from './coverage.js';
import type { EvidenceSettings, EvidenceSource, SourceCoverage } from './coverage.js';
import { channelConversation } from './conversations.js';
import type { ChannelConversation } from './conversations.js';
import { meetingDiscussionsOf } from './duties.js';
import { checkMeetings, countMeetingChecks, heldMeetings } from './meetings.js';
import type { MeetingCheck } from './meetings.js';
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
 * month AND/OR a live meeting") on what was read within the window: GitHub, its calendar's
 * meetings and its Discord channel's messages (issue 23). `met`: something in the window;
 * `not met`: every source read, nothing; `unknown`: nothing in what was read, but a source was not
 * read (a feed that failed, a channel not configured) — never "idle".
 */
export interface Expectation {
  /** SEP-1302's expectation, judged: `met` / `not met` / `unknown`. */
  state: 'met' | 'not met' | 'unknown';
  /** True when `state` is `met`. */
  met: boolean;
  /** Meetings held in the window (not cancelled, started), and how many of them have notes found. */
  meetings: number;
  meetingsWithNotes: number;
  /** Human messages in its Discord channel in the window, and their distinct authors. */
  messages: number;
  participants: number;
  /** Discussions of the group's category with human activity in the window. */
  threads: number;
  /** Meeting-notes posts in the window (discussions, labelled items, or comments on the notes issue). */
  notes: number;
  /** Other issues and pull requests of its work with human activity in the window. */
  items: number;
  /** `met: 3 meetings held, 2 with notes; 41 messages by 12 people in #auth-ig; 1 discussion thread` / `not met: …` / `unknown: …`. */
  text: string;
}

/** A group's meetings and conversations in the window (issue 23), for the dashboard. */
export interface GroupEvidence {
  /** Its calendar feed (null: a tag no base resolves), the meetings held in the window with SEP-2149 § 1.6's checks, and the cancelled ones. */
  meetings?: { feed: string | null; held: number; cancelled: number; checks: MeetingCheck[] };
  /** Its Discord channel's conversation in the window; `configured: false` when no channel id is configured. */
  conversation?: ChannelConversation & { configured: boolean };
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
  /** Interest groups only: SEP-1302's expectation, on what was read. */
  expectation?: Expectation;
  /** Its meetings and conversations in the window, when its charter names a calendar or a channel (issue 23). */
  evidence?: GroupEvidence;
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
  /**
   * Config `meetings` and `discord` (issue 23): which calendars and channels are the groups'.
   * Channels and feeds the snapshot recorded are added (a replay judges what was recorded).
   */
  evidence?: EvidenceSettings;
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
 * A meeting held (not cancelled, started) and a human message in the group's Discord channel are
 * activity like a GitHub event (issue 23), and a calendar or channel not read is a source not read.
 * Interest groups are never `completed` (SEP-1302 retires an IG only by a decision of moderators
 * or core maintainers) and never `idle`: without activity seen they are `unknown`, and
 * `expectation` judges SEP-1302's monthly expectation on what was read — `met`, `not met` (every
 * source read, nothing), `unknown`.
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
  const context: GroupContext = { work, now, inactivityDays: input.inactivityDays, snapshot: input.snapshot, evidence: withRecorded(input.evidence ?? {}, input.snapshot), charters: input.charters };
  return input.charters.map((charter) => evaluateGroup(charter, context));
}

interface GroupContext {
  work: ItemFacts;
  now: number;
  inactivityDays: number;
  snapshot: Snapshot;
  evidence: EvidenceSettings & { recordedFeeds?: readonly string[] };
  charters: readonly Charter[];
}

/**
 * The settings, with what the snapshot recorded: the channels its `conversations` hold (name → id)
 * join `discord.channels` when not configured, and its calendar feeds are kept to resolve a tag
 * without a configured base (`…/ics/tag/<tag>.ics`).
 */
function withRecorded(settings: EvidenceSettings, snapshot: Snapshot): EvidenceSettings & { recordedFeeds?: readonly string[] } {
  const recordedChannels = Object.fromEntries((snapshot.conversations ?? []).map((c) => [c.channel, c.channel_id]));
  const discord = settings.discord || snapshot.conversations?.length ? { guild_id: settings.discord?.guild_id ?? '', channels: { ...recordedChannels, ...(settings.discord?.channels ?? {}) } } : undefined;
  const recordedFeeds = (snapshot.coverage ?? []).flatMap((c) => (c.source === 'calendar' ? [c.feed] : []));
  return { ...settings, ...(discord ? { discord } : {}), ...(recordedFeeds.length ? { recordedFeeds } : {}) };
}

/** A calendar source whose tag no base resolves, resolved by a recorded feed of that tag (`…/ics/tag/<tag>.ics`), when there is one. */
function resolveRecorded(source: EvidenceSource, feeds: readonly string[] | undefined): EvidenceSource {
  if (source.source !== 'calendar' || source.feed !== null || source.tag === undefined || !feeds) return source;
  const suffix = `/ics/tag/${encodeURIComponent(source.tag)}.ics`;
  const feed = feeds.find((f) => f.endsWith(suffix));
  return feed ? { ...source, feed } : source;
}

function evaluateGroup(charter: Charter, { work, now, inactivityDays, snapshot, evidence: settings, charters }: GroupContext): GroupVerdict {
  const base = { id: charter.id, type: charter.type, status: charter.status, label: groupLabel(charter.type, charter.id) };
  if (charter.status === 'retired') {
    return { ...base, verdict: 'retired', lastActivity: null, itemsCounted: 0, deliverables: [], coverage: [], reason: verdictReason({ verdict: 'retired', charter, now, inactivityDays, last: null, itemsCounted: 0, deliverables: [], coverage: [] }) };
  }
  const windowMs = inactivityDays * DAY_MS;
  const found = groupWork(charter, work.index, charters);
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
  // Meetings held and conversations (issue 23): activity of the group, whatever its type.
  const evidenceFound = groupEvidence(charter, { now, windowStart: now - windowMs, snapshot, settings, charters });
  for (const candidate of evidenceFound.latest) {
    if (Date.parse(candidate.at) > lastAt) {
      lastAt = Date.parse(candidate.at);
      last = candidate;
    }
  }
  const deliverables = charter.type === 'working' ? deliverableStates(charter, work.index) : [];
  const sources = groupSources(charter, charters);
  const evidenceCoverage = judgeEvidenceCoverage(evidenceFound.sources, {
    coverage: snapshot.coverage,
    generatedAt: Date.parse(snapshot.generated_at),
    windowStart: now - windowMs,
    windowEnd: now,
    recorded: { meetings: snapshot.meetings !== undefined, conversations: snapshot.conversations !== undefined },
  });
  const judge = (latestActivity?: number) => [
    ...judgeCoverage({ sources, coverage: snapshot.coverage, generatedAt: Date.parse(snapshot.generated_at), windowStart: now - windowMs, windowEnd: now, ...(latestActivity === undefined ? {} : { latestActivity }) }),
    ...evidenceCoverage,
  ];
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
  const expectation =
    charter.type === 'interest' ? interestExpectation(found, items, work, now - windowMs, lowerBound, evidenceFound.evidence, coverage.every((c) => c.status === 'read')) : undefined;
  const reason = verdictReason({ verdict, charter, now, inactivityDays, last, itemsCounted: items.length, deliverables, coverage, ...(work.since ? { dataSince: work.since } : {}), ...(expectation ? { expectation } : {}) });
  const evidence = evidenceFound.evidence;
  return { ...base, verdict, lastActivity: last, reason, itemsCounted: items.length, deliverables, coverage, ...(expectation ? { expectation } : {}), ...(evidence.meetings || evidence.conversation ? { evidence } : {}) };
}

/**
 * SEP-1302 § IG Lifecycle on what GitHub shows: threads (discussions of the group's category),
 * meeting-notes posts and other items with human activity at or after `fromMs` (and not after
 * `now`). For a notes issue, each human comment in the window is a post. Counts read from sources
 * that were read newest first only down to the group's latest activity (`lowerBound`) are said
 * to be "at least" so many: older items of the window were not read.
 */
function interestExpectation(
  found: GroupWork,
  items: readonly number[],
  work: ItemFacts,
  fromMs: number,
  lowerBound: { items: boolean; notes: boolean },
  evidence: GroupEvidence,
  allRead: boolean,
): Expectation {
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
  const onGitHub = [plural(threads, 'discussion thread'), atLeast(plural(notes, 'meeting-notes post'), { lowerBound: lowerBound.notes }), atLeast(plural(others, 'issue or pull request', 'issues or pull requests'), { lowerBound: lowerBound.items })].filter((p) => !p.startsWith('0 '));
  const held = evidence.meetings?.held ?? 0;
  const withNotes = evidence.meetings ? countMeetingChecks(evidence.meetings.checks).withNotes : 0;
  const talk = evidence.conversation;
  const messages = talk?.messages ?? 0;
  const participants = talk?.participants ?? 0;
  const parts = [
    ...(held > 0 ? [`${plural(held, 'meeting')} held${withNotes > 0 ? `, ${withNotes} with notes` : ''}`] : []),
    ...(messages > 0 && talk ? [`${plural(messages, 'message')} by ${plural(participants, 'person', 'people')} in #${talk.channel}`] : []),
    ...(onGitHub.length > 0 ? [onGitHub.join(', ')] : []),
  ];
  const met = threads + notes + others + held + messages > 0;
  const state = met ? 'met' : allRead ? 'not met' : 'unknown';
  const looked = [evidence.meetings ? 'no meeting held' : null, talk && talk.configured ? `no message in #${talk.channel}` : null, 'no thread or conversation on GitHub'].filter((p) => p !== null).join(', ');
  return {
    state,
    met,
    meetings: held,
    meetingsWithNotes: withNotes,
    messages,
    participants,
    threads,
    notes,
    items: others,
    text: met ? `met: ${parts.join('; ')}` : state === 'not met' ? `not met: ${looked}` : `unknown: ${looked} in what was read`,
  };
}

/**
 * A group's meeting and conversation sources, what they hold in the window, and the latest meeting
 * and message as `LastActivity` candidates (issue 23). SEP-2149 § 1.6's checks pair each meeting
 * held with the group's agenda discussions (`meetingDiscussionsOf`), read back to the window's start.
 */
function groupEvidence(
  charter: Charter,
  ctx: { now: number; windowStart: number; snapshot: Snapshot; settings: EvidenceSettings & { recordedFeeds?: readonly string[] }; charters: readonly Charter[] },
): { sources: EvidenceSource[]; evidence: GroupEvidence; latest: LastActivity[] } {
  const sources = evidenceSources(charter, ctx.settings).map((s) => resolveRecorded(s, ctx.settings.recordedFeeds));
  const evidence: GroupEvidence = {};
  const latest: LastActivity[] = [];
  for (const source of sources) {
    if (source.source === 'calendar') {
      if (source.feed === null) {
        evidence.meetings = { feed: null, held: 0, cancelled: 0, checks: [] };
        continue;
      }
      const found = heldMeetings(ctx.snapshot.meetings, source.feed, ctx.windowStart, ctx.now);
      const discussions = meetingDiscussionsOf(charter, ctx.snapshot, ctx.charters, ctx.windowStart - 2 * DAY_MS);
      const checks = checkMeetings(found.held, discussions, groupLeaders(charter), new Date(ctx.now));
      evidence.meetings = { feed: source.feed, held: found.held.length, cancelled: found.cancelled, checks };
      if (found.latest) latest.push({ at: new Date(Date.parse(found.latest.start)).toISOString(), actor: null, kind: 'meeting', title: found.latest.title, url: found.latest.url ?? source.feed, feed: source.feed });
    } else {
      const talk = channelConversation(ctx.snapshot.conversations, source.channel, source.channelId, ctx.windowStart, ctx.now);
      evidence.conversation = { ...talk, configured: source.channelId !== null };
      if (source.channelId === null) continue;
      const guild = ctx.settings.discord?.guild_id;
      const url = guild ? `https://discord.com/channels/${guild}/${source.channelId}` : `discord:#${source.channel}`;
      if (talk.latest) latest.push({ at: talk.latest, actor: null, kind: 'message', channel: source.channel, url });
    }
  }
  // A working group's channel that is not configured: no source (see `evidenceSources`), but said on the dashboard.
  if (charter.discord && !evidence.conversation) evidence.conversation = { channel: charter.discord, messages: 0, participants: 0, latest: null, configured: false };
  return { sources, evidence, latest };
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
