/**
 * A group's meetings as evidence (issue 23), from the meetings a snapshot recorded of its calendar
 * feed. Pure: plain data and `now` in.
 *
 * - Activity (SEP-1302 § IG Lifecycle "a live meeting"; a working group's meetings count as well):
 *   a meeting is held when it is not cancelled (`STATUS:CANCELLED`) and its start is at or before
 *   `now`; one held within the window is activity of the group. A future meeting is not.
 * - SEP-2149 § 1.6, per meeting held in the window: "announced at least 7 days in advance"
 *   (`created` to `start`); "agendas published … as a GitHub Discussion" (a discussion of the
 *   group's meeting category created before the meeting, paired with it by the event's
 *   `discussion` link, else by the date in its title); "notes published within 48 hours to the same
 *   discussion" (a lead's comment from the meeting's start to 48 hours after its end:
 *   `notesWithin` of `policies/meeting-notes.ts`). Each check is `unknown` when what it needs was
 *   not read: an event without `CREATED`, a category not read, a group that names none.
 */
import { judgeNotes, meetingDateOf, NOTES_WINDOW_HOURS } from '../policies/meeting-notes.js';
import type { MeetingDiscussion, MeetingNotesState } from '../policies/meeting-notes.js';
import { DAY_MS } from './dates.js';
import type { SnapshotMeeting } from './snapshot.js';

/** SEP-2149 § 1.6: meetings are announced at least this many days ahead. */
export const ANNOUNCE_DAYS = 7;

/** The meetings of one feed, in the window, as evidence. */
export interface HeldMeetings {
  /** Held within `[fromMs, nowMs]` (not cancelled), oldest first. */
  held: SnapshotMeeting[];
  /** The latest meeting held at or before `nowMs` (in the window or not), or null. */
  latest: SnapshotMeeting | null;
  /** Cancelled meetings whose start falls in the window (never activity). */
  cancelled: number;
}

/**
 * The meetings of `feed` (compared exactly) held in the window `[fromMs, nowMs]` (UTC ms): not
 * cancelled, start at or before `nowMs`; and the latest one held before `nowMs`. A meeting listed
 * twice (same `url`, else same `uid` and start) counts once. Never throws; a start that is no
 * instant is skipped.
 */
export function heldMeetings(meetings: readonly SnapshotMeeting[] | undefined, feed: string, fromMs: number, nowMs: number): HeldMeetings {
  const seen = new Set<string>();
  const held: SnapshotMeeting[] = [];
  let latest: SnapshotMeeting | null = null;
  let latestAt = -Infinity;
  let cancelled = 0;
  for (const m of meetings ?? []) {
    if (m.feed !== feed) continue;
    const at = Date.parse(m.start);
    if (!Number.isFinite(at) || at > nowMs) continue;
    const key = m.url ?? `${m.uid} ${at}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (m.cancelled) {
      if (at >= fromMs) cancelled += 1;
      continue;
    }
    if (at >= fromMs) held.push(m);
    if (at > latestAt) {
      latestAt = at;
      latest = m;
    }
  }
  held.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return { held, latest, cancelled };
}

/** A check of one meeting: its state, and for a person why (always when `unknown`). */
export interface MeetingFinding<S extends string> {
  state: S | 'unknown';
  why?: string;
}

/** SEP-2149 § 1.6 for one meeting held. */
export interface MeetingCheck {
  meeting: SnapshotMeeting;
  /** `on-time`: `created` at least 7 days before `start`; `late`: fewer (`daysAhead` whole days). */
  announced: MeetingFinding<'on-time' | 'late'> & { daysAhead?: number };
  /** The agenda discussion paired with it: `present` (created before the meeting) or `missing`. */
  agenda: MeetingFinding<'present' | 'missing'> & { url?: string };
  /** Its notes: a lead's comment on the agenda discussion within 48 hours of the meeting's end. */
  notes: MeetingFinding<MeetingNotesState> & { deadline?: string; at?: string };
}

/** The group's meeting discussions (its meeting category, read), or why they are not known. */
export type MeetingDiscussions = { discussions: readonly MeetingDiscussion[] } | { why: string };

/**
 * SEP-2149 § 1.6 for each meeting held (see the module note), in the order given. The agenda is
 * the discussion the event links (`discussion`, compared without a trailing `/`, `#…` or `?…`),
 * else the first discussion whose title's date (`YYYY-MM-DD`) is the meeting's start date (UTC);
 * it is `present` when created before the meeting's start. `notes` are judged on the paired
 * discussion (`judgeNotes`): from the meeting's start to 48 hours after its end (its start when the
 * feed gives no end). Pure; never throws.
 */
export function checkMeetings(held: readonly SnapshotMeeting[], discussions: MeetingDiscussions, leads: readonly string[], now: Date): MeetingCheck[] {
  return held.map((meeting) => {
    const start = Date.parse(meeting.start);
    const created = meeting.created === undefined ? Number.NaN : Date.parse(meeting.created);
    const announced: MeetingCheck['announced'] = Number.isNaN(created)
      ? { state: 'unknown', why: 'the calendar does not say when the event was published (no CREATED)' }
      : { state: start - created >= ANNOUNCE_DAYS * DAY_MS ? 'on-time' : 'late', daysAhead: Math.max(0, Math.floor((start - created) / DAY_MS)) };
    if ('why' in discussions) return { meeting, announced, agenda: { state: 'unknown', why: discussions.why }, notes: { state: 'unknown', why: discussions.why } };
    const end = meeting.end === undefined ? start : Math.max(start, Date.parse(meeting.end) || start);
    const paired = pairDiscussion(meeting, discussions.discussions);
    if (!paired) {
      const why = meeting.discussion ? `the discussion the event links (${meeting.discussion}) is not in the meeting category read` : `no discussion in the meeting category is dated ${meeting.start.slice(0, 10)}`;
      // No discussion to hold them: the notes are missing once their 48 hours have passed.
      const deadline = end + NOTES_WINDOW_HOURS * 3_600_000;
      const notes: MeetingCheck['notes'] = { state: now.getTime() > deadline ? 'late' : 'waiting', deadline: new Date(deadline).toISOString(), why: 'no agenda discussion holds notes' };
      return { meeting, announced, agenda: { state: 'missing', why }, notes };
    }
    const agendaAt = Date.parse(paired.createdAt);
    const agenda: MeetingCheck['agenda'] = agendaAt <= start ? { state: 'present', url: paired.url } : { state: 'missing', url: paired.url, why: `its discussion was created on ${paired.createdAt.slice(0, 10)}, after the meeting began` };
    const judged = judgeNotes({ comments: paired.comments, leads, from: start, end, now: now.getTime() });
    return { meeting, announced, agenda, notes: { state: judged.state, deadline: judged.deadline, ...(judged.notes ? { at: judged.notes.createdAt } : {}) } };
  });
}

/** `https://github.com/o/r/discussions/12/` → `https://github.com/o/r/discussions/12`, lower-cased. */
function normalUrl(url: string): string {
  return url.replace(/[?#].*$/, '').replace(/\/+$/, '').toLowerCase();
}

function pairDiscussion(meeting: SnapshotMeeting, discussions: readonly MeetingDiscussion[]): MeetingDiscussion | undefined {
  if (meeting.discussion !== undefined) {
    const wanted = normalUrl(meeting.discussion);
    return discussions.find((d) => normalUrl(d.url) === wanted);
  }
  const day = meeting.start.slice(0, 10);
  const dayUtc = new Date(Date.parse(meeting.start)).toISOString().slice(0, 10);
  return discussions.find((d) => {
    const date = meetingDateOf(d.title);
    return date !== null && (date === dayUtc || date === day);
  });
}

/** Counts of a group's meeting checks, for reasons and the dashboard. */
export interface MeetingCounts {
  held: number;
  /** Announced fewer than 7 days ahead. */
  announcedLate: number;
  /** With notes found (on time or late). */
  withNotes: number;
  /** Whose 48 hours passed without notes, or with notes late. */
  notesMissing: number;
  /** Some check could not be made (see each check's `why`). */
  unknown: number;
}

/** Sums `checks`. Pure. */
export function countMeetingChecks(checks: readonly MeetingCheck[]): MeetingCounts {
  return {
    held: checks.length,
    announcedLate: checks.filter((c) => c.announced.state === 'late').length,
    withNotes: checks.filter((c) => c.notes.at !== undefined).length,
    notesMissing: checks.filter((c) => c.notes.state === 'late').length,
    unknown: checks.filter((c) => c.announced.state === 'unknown' || c.agenda.state === 'unknown' || c.notes.state === 'unknown').length,
  };
}
