/**
 * The duties a policy gives a group beyond activity, judged from the activity snapshot for the
 * dashboard and the quarterly reminders (SEP-2149; SEP-1302 has none):
 * - a working group's quarterly update (SEP-2149 § 1.8), found in its Discussions category (the
 *   charter's `discussions`);
 * - meeting notes within 48 hours of a meeting whose agenda is a discussion (§ 1.2, § 1.6), in the
 *   category of `meeting_notes` when it is one, else of `discussions`;
 * - each lead's term (Part 2 § 4), and whether it ended.
 * What the snapshot did not read completely is `unknown`, never "missing": a category that was not
 * read, read only in part, or not back to the quarter's update window proves nothing. Pure: the
 * policy, charters, snapshot and `now` in.
 */
import type { Charter } from '../charters/schema.js';
import { groupLabel, groupLeaders } from '../charters/schema.js';
import type { Policy } from '../policies/policy.js';
import { leadTermEnd } from '../policies/lead-terms.js';
import { meetingNotesStatus } from '../policies/meeting-notes.js';
import type { MeetingDiscussion, MeetingNotes } from '../policies/meeting-notes.js';
import type { MeetingDiscussions } from './meetings.js';
import { quarterOf, quarterlyUpdateStatus } from '../policies/quarterly-updates.js';
import type { QuarterlyUpdate, ReportingQuarter } from '../policies/quarterly-updates.js';
import { findCoverage, meetingNotesTarget, sameCategory } from './coverage.js';
import { DAY_MS } from './dates.js';
import type { Snapshot, SnapshotItem } from './snapshot.js';

/** A working group's quarterly update, as far as the snapshot shows it. */
export type QuarterlyDuty =
  /** The update of the most recent quarter is there (`latest`). */
  | { state: 'posted'; quarter: ReportingQuarter; latest: QuarterlyUpdate; category: DutyCategory }
  /** Not there, and the reminder is not due yet (`remindAt` lies ahead). */
  | { state: 'missing'; quarter: ReportingQuarter; latest: QuarterlyUpdate | null; category: DutyCategory }
  /** Not there, and due: from 14 days after the quarter's end, one reminder is kept. */
  | { state: 'due'; quarter: ReportingQuarter; latest: QuarterlyUpdate | null; category: DutyCategory }
  /** Formed after the quarter's update window opened: nothing owed for it. */
  | { state: 'not-owed'; quarter: ReportingQuarter; latest: QuarterlyUpdate | null; category: DutyCategory }
  /** Not judged: `why` (no category in the charter, or it was not read completely). */
  | { state: 'unknown'; quarter: ReportingQuarter; why: string };

/** A Discussions category a duty is read from. */
export interface DutyCategory {
  repo: string;
  category: string;
}

/** The most recent meeting whose day has begun, or why none is judged. */
export type MeetingDuty = { state: 'judged'; meeting: MeetingNotes | null; category: DutyCategory } | { state: 'unknown'; why: string };

/** A lead's term as the charter records it. */
export interface LeadTerm {
  login: string;
  /** The term as written (absent: none recorded). */
  term?: string;
  /** Its end date, `YYYY-MM-DD`, when the term gives one. */
  ends: string | null;
  /** The end date is before today (UTC). */
  expired: boolean;
}

export interface GroupDuties {
  id: string;
  /** Working groups only, under a policy with quarterly updates. */
  quarterly?: QuarterlyDuty;
  /** Under a policy with the meeting-notes duty, for a group that names a Discussions category. */
  meetings?: MeetingDuty;
  /** A working group's `leads` with their terms, under a policy that records terms. */
  leadTerms?: LeadTerm[];
}

export interface DutiesInput {
  policy: Policy;
  /** The active groups' charters (retired ones owe nothing). */
  charters: readonly Charter[];
  snapshot: Pick<Snapshot, 'items' | 'coverage' | 'generated_at'>;
  now: Date;
  /** `activity.quarterly_update_pattern`: a JavaScript regular expression's source, matched ignoring case. */
  updatePattern: string;
}

/**
 * Each active group's duties under `policy` (none under a policy with no duties: an empty map).
 * Keyed by group id. Pure; never throws.
 */
export function evaluateDuties(input: DutiesInput): Map<string, GroupDuties> {
  const { policy, now } = input;
  const out = new Map<string, GroupDuties>();
  if (!policy.quarterlyUpdates && policy.duties.meetingNotes === false && policy.duties.leadTerms === false) return out;
  const quarter = quarterOf(now);
  const pattern = new RegExp(input.updatePattern, 'i');
  const today = now.toISOString().slice(0, 10);
  for (const charter of input.charters) {
    if (charter.status !== 'active') continue;
    const duties: GroupDuties = { id: charter.id };
    if (policy.quarterlyUpdates && charter.type === 'working') duties.quarterly = quarterlyDuty(charter, input, quarter, pattern);
    if (policy.duties.meetingNotes) {
      const meetings = meetingDuty(charter, input);
      if (meetings) duties.meetings = meetings;
    }
    if (policy.duties.leadTerms && charter.type === 'working') {
      duties.leadTerms = (charter.leads ?? []).map((l) => {
        const ends = l.term === undefined ? null : leadTermEnd(l.term);
        return { login: l.login, ...(l.term !== undefined ? { term: l.term } : {}), ends, expired: ends !== null && ends < today };
      });
    }
    out.set(charter.id, duties);
  }
  return out;
}

/** The categories a group's duties are read from: its `discussions`, and `meeting_notes` when it is a category. */
function categoriesOf(charter: Charter): DutyCategory[] {
  const notes = charter.meeting_notes ? meetingNotesTarget(charter.meeting_notes) : null;
  return [
    ...(charter.discussions ? [{ repo: charter.discussions.repo, category: charter.discussions.category }] : []),
    ...(notes?.kind === 'discussions' ? [{ repo: notes.repo, category: notes.category }] : []),
  ];
}

const sameDutyCategory = (a: DutyCategory, b: DutyCategory) => a.repo.toLowerCase() === b.repo.toLowerCase() && a.category.toLowerCase() === b.category.toLowerCase();

/**
 * The discussions of `category` that are `charter`'s: all of them when no other active group reads
 * that category, else only those whose title names the group — its id, label or name, ignoring
 * case (SEP-2149 § 1.6 has every group's agendas in one "Meeting Notes" category).
 */
function groupsOwn(items: readonly SnapshotItem[], category: DutyCategory, charter: Charter, charters: readonly Charter[]): SnapshotItem[] {
  const shared = charters.some((c) => c.id !== charter.id && c.status === 'active' && categoriesOf(c).some((k) => sameDutyCategory(k, category)));
  if (!shared) return [...items];
  const names = [charter.id, groupLabel(charter.type, charter.id), charter.name].map((n) => n.toLowerCase());
  return items.filter((i) => {
    const title = (i.title ?? '').toLowerCase();
    return names.some((n) => new RegExp(`(^|[^a-z0-9-])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z0-9-])`).test(title));
  });
}

/** The items of a category, and whether the snapshot read it completely from `from` (UTC ms) on. */
function categoryRead(input: Pick<DutiesInput, 'snapshot'>, category: DutyCategory, from: number): { items: SnapshotItem[] } | { why: string } {
  const entry = input.snapshot.coverage ? findCoverage(input.snapshot.coverage, { source: 'discussions', repo: category.repo, category: category.category, role: 'discussions' }) : undefined;
  const where = `discussions "${category.category}" in ${category.repo}`;
  if (!entry) return { why: `${where} were not read (${input.snapshot.coverage ? 'the snapshot does not record them' : 'the snapshot records no coverage'})` };
  if (entry.status !== 'read') return { why: `${where} were not read completely: ${entry.why ?? entry.status}` };
  const start = entry.from === undefined ? -Infinity : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(entry.from) ? `${entry.from}T00:00:00Z` : entry.from);
  if (start > from) return { why: `${where} were read from ${new Date(start).toISOString().slice(0, 10)} only, after ${new Date(from).toISOString().slice(0, 10)}` };
  const items = input.snapshot.items.filter(
    (i) => i.type === 'discussion' && i.repo.toLowerCase() === category.repo.toLowerCase() && i.category !== undefined && sameCategory(category.category, { category: i.category, slug: i.category_slug }),
  );
  return { items };
}

/**
 * A working group's quarterly update (SEP-2149 § 1.8): the category is the charter's
 * `discussions`; it must have been read completely from the quarter's update window
 * (`updatesFrom`) on, or the update is `unknown`.
 */
function quarterlyDuty(charter: Charter, input: DutiesInput, quarter: ReportingQuarter, pattern: RegExp): QuarterlyDuty {
  if (!charter.discussions) return { state: 'unknown', quarter, why: 'the charter names no Discussions category (`discussions`), where SEP-2149 § 1.8 has the update posted' };
  const category = { repo: charter.discussions.repo, category: charter.discussions.category };
  const read = categoryRead(input, category, Date.parse(quarter.updatesFrom));
  if ('why' in read) return { state: 'unknown', quarter, why: read.why };
  const status = quarterlyUpdateStatus({
    now: input.now,
    pattern,
    discussions: groupsOwn(read.items, category, charter, input.charters).flatMap((i) => (i.title !== null && i.created_at !== null ? [{ title: i.title, createdAt: i.created_at, url: i.url ?? `https://github.com/${i.repo}/discussions/${i.number}`, author: i.author ?? null }] : [])),
    // The group's update is one its leads post (SEP-2149 § 1.8: "Working Groups provide quarterly updates").
    authors: groupLeaders(charter),
    formed: charter.formed ?? null,
  });
  if (status.update) return { state: 'posted', quarter, latest: status.update, category };
  const formed = charter.formed ? Date.parse(`${charter.formed}T00:00:00Z`) : Number.NaN;
  if (!Number.isNaN(formed) && formed > Date.parse(quarter.updatesFrom)) return { state: 'not-owed', quarter, latest: status.latest, category };
  return { state: status.due ? 'due' : 'missing', quarter, latest: status.latest, category };
}

/** How far back a meeting's notes are looked for: the last 30 days of meetings. */
const MEETINGS_LOOKBACK_DAYS = 30;

/** The category a group's agendas and notes are in: `meeting_notes` when it is a category, else `discussions`; null when none. */
function meetingCategoryOf(charter: Charter): DutyCategory | null {
  const notes = charter.meeting_notes ? meetingNotesTarget(charter.meeting_notes) : null;
  return notes?.kind === 'discussions' ? { repo: notes.repo, category: notes.category } : charter.discussions ? { repo: charter.discussions.repo, category: charter.discussions.category } : null;
}

/** A snapshot item of a meeting category as `meeting-notes.ts` reads it: title, creation, URL and its comments. */
function asMeetingDiscussion(i: SnapshotItem): MeetingDiscussion[] {
  return i.title !== null && i.created_at !== null
    ? [{ title: i.title, createdAt: i.created_at, url: i.url ?? `https://github.com/${i.repo}/discussions/${i.number}`, comments: i.events.filter((e) => e.kind === 'comment' && e.actor !== null).map((e) => ({ author: e.actor as string, createdAt: e.at })) }]
    : [];
}

/**
 * The group's agenda discussions (SEP-2149 § 1.6), for pairing its calendar's meetings with them
 * (`checkMeetings`): the discussions of its meeting category (`meeting_notes` when a category, else
 * `discussions`) that are its own (`groupsOwn`), when that category was read completely from
 * `fromMs` (UTC ms) on; otherwise why not. Pure; never throws.
 */
export function meetingDiscussionsOf(charter: Charter, snapshot: DutiesInput['snapshot'], charters: readonly Charter[], fromMs: number): MeetingDiscussions {
  const category = meetingCategoryOf(charter);
  if (!category) return { why: 'the charter names no Discussions category for agendas and notes (SEP-2149 § 1.6)' };
  const read = categoryRead({ snapshot }, category, fromMs);
  if ('why' in read) return { why: read.why };
  return { discussions: groupsOwn(read.items, category, charter, charters).flatMap(asMeetingDiscussion) };
}

/**
 * The group's most recent meeting with an agenda discussion (SEP-2149 § 1.2, § 1.6): in the
 * category `meeting_notes` points to when it is one, else `discussions`; null when the group names
 * no category. In a category other groups read too (§ 1.6's shared "Meeting Notes"), only agendas
 * whose title names the group count. Notes are a comment by one of the group's leaders
 * (`groupLeaders`).
 */
function meetingDuty(charter: Charter, input: DutiesInput): MeetingDuty | null {
  const notes = charter.meeting_notes ? meetingNotesTarget(charter.meeting_notes) : null;
  const category = notes?.kind === 'discussions' ? { repo: notes.repo, category: notes.category } : charter.discussions ? { repo: charter.discussions.repo, category: charter.discussions.category } : null;
  if (!category) return null;
  const read = categoryRead(input, category, input.now.getTime() - MEETINGS_LOOKBACK_DAYS * DAY_MS);
  if ('why' in read) return { state: 'unknown', why: read.why };
  const meetings = meetingNotesStatus({
    leads: groupLeaders(charter),
    now: input.now,
    discussions: groupsOwn(read.items, category, charter, input.charters).flatMap((i) =>
      i.title !== null && i.created_at !== null
        ? [{ title: i.title, createdAt: i.created_at, url: i.url ?? `https://github.com/${i.repo}/discussions/${i.number}`, comments: i.events.filter((e) => e.kind === 'comment' && e.actor !== null).map((e) => ({ author: e.actor as string, createdAt: e.at })) }]
        : [],
    ),
  });
  // Only meetings inside the lookback: an older agenda may not have been read, so it is not shown as the latest.
  const earliest = new Date(input.now.getTime() - MEETINGS_LOOKBACK_DAYS * DAY_MS).toISOString().slice(0, 10);
  return { state: 'judged', meeting: meetings.find((m) => m.state !== 'upcoming' && m.meetingDate >= earliest) ?? null, category };
}
