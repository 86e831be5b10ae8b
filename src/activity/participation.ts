/**
 * Members' participation by calendar month (SEP-2149 as MCP's docs state it, "Participation
 * Levels": "WG Members who do not participate for 3 consecutive months are moved to emeritus
 * status and may return by demonstrating renewed participation"; becoming a WG Member takes
 * "sustained participation over 3 months"). Pure: a charter, a snapshot and `now` in.
 *
 * Participation is a human event (`isHumanActivity`: opening, commenting on, reviewing, pushing to,
 * closing, merging or reopening an issue, pull request or discussion) by the login, in the group's
 * work (`groupWork`: its repositories, labels, items and Discussions category), never on the App's
 * own issues. Meetings count where a source records attendance; no source of a snapshot records it
 * yet, so a meeting attended is not seen (and never read as absence: months stay `unknown` only
 * through the sources' coverage). Months are calendar months, UTC.
 */
import type { Charter, MemberLevel } from '../charters/schema.js';
import { groupSources, judgeCoverage } from './coverage.js';
import type { CoverageEntry, SourceCoverage } from './coverage.js';
import { groupWork, indexSnapshot } from './group-work.js';
import type { WorkIndex } from './group-work.js';
import { actorJudge, isAppOwnItem, isHumanActivity } from './human-activity.js';
import type { SnapshotItem } from './snapshot.js';

/** Consecutive months without participation after which a WG Member is moved to emeritus status. */
export const QUIET_MONTHS = 3;

/** One calendar month judged: `YYYY-MM`, its span (UTC ms, `end` exclusive, or `now` for the current month) and what was read of it. */
export interface ParticipationMonth {
  month: string;
  start: number;
  end: number;
  /** True for the current month, judged to `now`. */
  toDate: boolean;
  /** True when every source of the group was read over the whole month. */
  read: boolean;
  /** The sources not read over the month (`partial` or `unread`), with why and fix. */
  notRead: SourceCoverage[];
}

/** What one login did in one month: `participated`; `none` (every source read, nothing by them); `unknown` (nothing seen, not everything read). */
export type MonthState = 'participated' | 'none' | 'unknown';

/** A login's participation over the months judged. */
export interface LoginParticipation {
  login: string;
  /** Its level in the member list, when listed. */
  level?: MemberLevel;
  /** One state per month, in the order of `GroupParticipation.months`. */
  months: MonthState[];
  /** Its latest participation in the group's work seen in the snapshot (any month), or null. */
  last: { at: string; url?: string } | null;
  /**
   * `active`: participated in one of the months; `quiet`: no participation in any of them and every
   * month read (the 3 full months before the current one, and the current one to `now`); `unknown`
   * otherwise — never quiet on what was not read.
   */
  status: 'active' | 'quiet' | 'unknown';
}

/** One group's participation. */
export interface GroupParticipation {
  id: string;
  /** The 3 full calendar months before `now`'s, oldest first, then the current month to `now`. */
  months: ParticipationMonth[];
  /** Each listed WG Member (level `member`), in list order. */
  members: LoginParticipation[];
  /** Emeritus members who participated in one of the months: "may return by demonstrating renewed participation". */
  returning: LoginParticipation[];
  /** People in no list (members, emeritus, leaders) who participated in each of the 3 full months: candidates a lead may nominate. */
  candidates: LoginParticipation[];
}

export interface ParticipationInput {
  charter: Charter;
  snapshot: { items: readonly SnapshotItem[]; coverage?: readonly CoverageEntry[] | undefined; generated_at: string };
  /** The instant judged. */
  now: Date;
  /** Config `activity.bot_logins`; the App's login: bots never participate. */
  botLogins: readonly string[];
  appLogin?: string;
  /** The snapshot indexed once per run (`indexSnapshot`); built when absent. */
  index?: WorkIndex;
}

/** The first instant (UTC ms) of the calendar month `offset` months from `now`'s (−3: three months before). */
export function monthStart(now: Date, offset: number): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1);
}

/** The earliest instant a run must read back to for participation: the first day of the month 3 months before `now`'s, UTC ms. */
export function participationReadBack(now: Date): number {
  return monthStart(now, -QUIET_MONTHS);
}

/**
 * Each listed WG Member's participation in the group's work per calendar month (the 3 full months
 * before `now`'s and the current month to `now`), emeritus members active again, and candidates
 * (people not listed who participated in each of the 3 full months), with the coverage of each
 * month: a member is `quiet` only when every source of the group was read over every month
 * (`judgeCoverage` per month), otherwise `unknown` — what was seen still counts as participation.
 * A charter without `members` gives no members. Bots (config, `[bot]`, the App) never count.
 * Never throws.
 */
export function memberParticipation(input: ParticipationInput): GroupParticipation {
  const { charter } = input;
  const nowMs = input.now.getTime();
  const sources = groupSources(charter);
  const generatedAt = Date.parse(input.snapshot.generated_at);
  const months: ParticipationMonth[] = [];
  for (let offset = -QUIET_MONTHS; offset <= 0; offset += 1) {
    const start = monthStart(input.now, offset);
    const end = offset === 0 ? nowMs : monthStart(input.now, offset + 1);
    const judged = judgeCoverage({ sources, coverage: input.snapshot.coverage, generatedAt, windowStart: start, windowEnd: end });
    const notRead = judged.filter((c) => c.status !== 'read');
    months.push({ month: new Date(start).toISOString().slice(0, 7), start, end, toDate: offset === 0, read: notRead.length === 0, notRead });
  }

  // Every human event in the group's work, by login (lower-cased).
  const index = input.index ?? indexSnapshot(input.snapshot);
  const judge = actorJudge({ botLogins: input.botLogins, ...(input.appLogin ? { appLogin: input.appLogin } : {}) });
  const seen = new Map<string, { login: string; months: boolean[]; last: { at: number; url?: string } | null }>();
  for (const i of groupWork(charter, index).items) {
    const item = index.items[i] as SnapshotItem;
    if (isAppOwnItem(item, judge)) continue;
    for (const event of item.events) {
      if (event.actor === null || !isHumanActivity(event, judge)) continue;
      const at = Date.parse(event.at);
      if (!(at <= nowMs)) continue;
      const key = event.actor.toLowerCase();
      let entry = seen.get(key);
      if (!entry) {
        entry = { login: event.actor, months: months.map(() => false), last: null };
        seen.set(key, entry);
      }
      const m = months.findIndex((month) => at >= month.start && (month.toDate ? at <= month.end : at < month.end));
      if (m >= 0) (entry.months as boolean[])[m] = true;
      if (entry.last === null || at > entry.last.at) entry.last = { at, ...(item.url ? { url: item.url } : {}) };
    }
  }

  const of = (login: string, level?: MemberLevel): LoginParticipation => {
    const entry = seen.get(login.toLowerCase());
    const states = months.map((month, m): MonthState => (entry?.months[m] ? 'participated' : month.read ? 'none' : 'unknown'));
    const status = states.includes('participated') ? 'active' : states.every((s) => s === 'none') ? 'quiet' : 'unknown';
    const last = entry?.last ? { at: new Date(entry.last.at).toISOString(), ...(entry.last.url ? { url: entry.last.url } : {}) } : null;
    return { login, ...(level ? { level } : {}), months: states, last, status };
  };

  const members = (charter.members ?? []).filter((m) => m.level === 'member').map((m) => of(m.login, m.level));
  const returning = (charter.emeritus ?? []).map((e) => of(e.login, e.level)).filter((p) => p.status === 'active');
  const listed = new Set([...(charter.members ?? []).map((m) => m.login), ...(charter.emeritus ?? []).map((e) => e.login), ...(charter.leads ?? []).map((l) => l.login), ...(charter.facilitators ?? [])].map((l) => l.toLowerCase()));
  const full = months.filter((m) => !m.toDate).length;
  const candidates = [...seen.values()]
    .filter((entry) => !listed.has(entry.login.toLowerCase()) && entry.months.slice(0, full).every(Boolean))
    .map((entry) => of(entry.login))
    .sort((a, b) => (a.login.toLowerCase() < b.login.toLowerCase() ? -1 : 1));
  return { id: charter.id, months, members, returning, candidates };
}

/**
 * The instant (UTC ms) a live run reads `charter`'s sources back to for its members'
 * participation (`participationReadBack`), or null when it is no active working group listing WG
 * Members (level `member`) or emeritus members.
 */
export function membersReadBack(charter: Charter, now: Date): number | null {
  const listed = (charter.members ?? []).some((m) => m.level === 'member') || (charter.emeritus ?? []).length > 0;
  return charter.status === 'active' && charter.type === 'working' && listed ? participationReadBack(now) : null;
}

/**
 * `memberParticipation` of every active working group listing WG Members or emeritus members
 * (`membersReadBack`), by id, the snapshot indexed once. Pure.
 */
export function groupsParticipation(input: Omit<ParticipationInput, 'charter' | 'index'> & { charters: readonly Charter[] }): GroupParticipation[] {
  const tracked = input.charters.filter((c) => membersReadBack(c, input.now) !== null);
  if (tracked.length === 0) return [];
  const index = indexSnapshot(input.snapshot);
  return tracked.map((charter) => memberParticipation({ ...input, charter, index })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
