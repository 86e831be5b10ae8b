/**
 * Meeting notes within 48 hours (SEP-2149 § 1.2: leads "Ensure meeting notes are published within
 * 48 hours"; § 1.6: meetings "Have agendas published … as a GitHub Discussion in the Meeting Notes
 * category" and "Have notes published within 48 hours to the same discussion"). For the dashboard
 * only, never a reminder: the meeting's time is not reliably on GitHub. Pure: the discussions, the
 * group's leads and `now` in; each meeting's status out.
 *
 * Decisions, all in UTC:
 * - An agenda discussion is one whose title holds a real date `YYYY-MM-DD` (the first one): the
 *   meeting's date. The caller passes the group's meeting discussions (its category).
 * - The meeting's time is unknown, so the 48 hours run from the END of the meeting's day: notes are
 *   on time when a lead or facilitator comments from the start of that day (00:00Z) until 72 hours
 *   after it (the end of the day + 48 h), inclusive. A comment before the day is agenda talk, not
 *   notes. Counting from the end of the day gives every meeting held on that UTC day at least its
 *   full 48 hours; a title dated in a time zone west of UTC, for a meeting late in its day, may
 *   get a few hours less.
 * - Notes are a comment by one of the group's leads (WG) or facilitators (IG), compared ignoring
 *   case; a comment by anyone else, or notes edited into the discussion's body, are not seen.
 */

/** Hours after the end of the meeting's day (UTC) within which notes are on time. */
export const NOTES_WINDOW_HOURS = 48;

const HOUR_MS = 3_600_000;
const DATE_IN_TITLE = /(?<![0-9])(\d{4})-(\d{2})-(\d{2})(?![0-9])/g;

/** A discussion in the group's meeting category, with its comments, as read from GitHub. */
export interface MeetingDiscussion {
  title: string;
  /** When it was created, ISO 8601. */
  createdAt: string;
  url: string;
  /** Its comments: author login and creation instant (ISO 8601), any order. */
  comments: readonly { author: string; createdAt: string }[];
}

export interface MeetingNotesInput {
  discussions: readonly MeetingDiscussion[];
  /** The group's leads (WG) or facilitators (IG): the charter's `facilitators`. */
  leads: readonly string[];
  now: Date;
}

/**
 * - `upcoming`: the meeting's day has not begun.
 * - `waiting`: no notes yet, and the 48 hours have not passed.
 * - `on-time`: a lead's comment came within the window.
 * - `late`: the window passed without one (`notes` is a later lead comment, if any).
 */
export type MeetingNotesState = 'upcoming' | 'waiting' | 'on-time' | 'late';

export interface MeetingNotes {
  title: string;
  url: string;
  /** The meeting's date from the title, `YYYY-MM-DD`. */
  meetingDate: string;
  /** The last instant notes are on time: the end of the meeting's day (UTC) + 48 h, ISO 8601. */
  deadline: string;
  state: MeetingNotesState;
  /** The first lead comment from the meeting's day on (on time or late), or null. */
  notes: { author: string; createdAt: string } | null;
}

/** The first real calendar date `YYYY-MM-DD` in a title (not part of a longer number), or null. */
export function meetingDateOf(title: string): string | null {
  for (const match of title.matchAll(DATE_IN_TITLE)) {
    const [date, y, m, d] = match;
    const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (day.toISOString().slice(0, 10) === date) return date;
  }
  return null;
}

/**
 * The notes of one meeting whose time is known (from its calendar, issue 23): the first comment by
 * one of `leads` (ignoring case) at or after `from` (the meeting's start, UTC ms) is its notes;
 * they are on time when at or before `end + 48 h` (`deadline`). `upcoming` before `from`,
 * `waiting` until the deadline, `late` after it without notes (or with later ones). Pure.
 */
export function judgeNotes(input: { comments: readonly { author: string; createdAt: string }[]; leads: readonly string[]; from: number; end: number; now: number }): {
  state: MeetingNotesState;
  deadline: string;
  notes: { author: string; createdAt: string } | null;
} {
  const leads = new Set(input.leads.map((l) => l.toLowerCase()));
  const deadline = input.end + NOTES_WINDOW_HOURS * HOUR_MS;
  const first = input.comments
    .map((c) => ({ author: c.author, createdAt: c.createdAt, at: Date.parse(c.createdAt) }))
    .filter((c) => !Number.isNaN(c.at) && c.at >= input.from && leads.has(c.author.toLowerCase()))
    .sort((a, b) => a.at - b.at)[0];
  const state: MeetingNotesState = first !== undefined && first.at <= deadline ? 'on-time' : input.now < input.from ? 'upcoming' : input.now <= deadline ? 'waiting' : 'late';
  return { state, deadline: new Date(deadline).toISOString(), notes: first ? { author: first.author, createdAt: first.createdAt } : null };
}

/**
 * Whether each agenda discussion got its notes within 48 hours (SEP-2149 § 1.2, § 1.6): the
 * discussions whose title holds a meeting date, newest meeting first (ties in the given order),
 * each with its deadline (end of the meeting's UTC day + 48 h), its state and the lead comment
 * taken as its notes. Discussions without a date in the title are left out. Pure.
 */
export function meetingNotesStatus(input: MeetingNotesInput): MeetingNotes[] {
  const now = input.now.getTime();
  const meetings: MeetingNotes[] = [];
  for (const discussion of input.discussions) {
    const meetingDate = meetingDateOf(discussion.title);
    if (meetingDate === null) continue;
    const dayStart = Date.parse(`${meetingDate}T00:00:00Z`);
    // The meeting's time is unknown: its window runs from the start of its day to the end of it + 48 h.
    const judged = judgeNotes({ comments: discussion.comments, leads: input.leads, from: dayStart, end: dayStart + 24 * HOUR_MS, now });
    meetings.push({ title: discussion.title, url: discussion.url, meetingDate, deadline: judged.deadline, state: judged.state, notes: judged.notes });
  }
  // Stable: equal dates keep the given order.
  return meetings.sort((a, b) => (a.meetingDate < b.meetingDate ? 1 : a.meetingDate > b.meetingDate ? -1 : 0));
}
