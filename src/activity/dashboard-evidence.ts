/**
 * The dashboard's "Meetings and conversations" section (issue 23): for each group whose charter
 * names a calendar or a Discord channel, each of those sources with its coverage (read, partial,
 * unread — with why and the fix), the meetings held in the window and, under SEP-2149 (§ 1.6), how
 * many were announced late and how many lack their notes; the messages with their distinct
 * participants. Like the rest of the dashboard it holds no relative time. Pure.
 */
import type { SourceCoverage } from './coverage.js';
import type { GroupVerdict } from './evaluate.js';
import { countMeetingChecks } from './meetings.js';
import type { MeetingCheck } from './meetings.js';
import { inlineCode, inlineText, link, listItem } from '../markdown/escape.js';
import { plural } from '../words.js';

/** Most meetings listed per group with a finding (late announcement, notes missing); the rest are counted. */
const MAX_LISTED_MEETINGS = 5;

/**
 * The section's lines (empty when no group names a calendar or a channel). `sep2149`: show
 * SEP-2149 § 1.6's checks (announced ≥ 7 days ahead, agenda, notes within 48 hours). `heading`
 * defaults to `##`. What comes from a calendar, a charter or Discord is escaped.
 */
export function evidenceSection(verdicts: readonly GroupVerdict[], names: ReadonlyMap<string, string>, options: { sep2149?: boolean; heading?: string } = {}): string[] {
  const named = verdicts.filter((v) => v.verdict !== 'retired' && v.evidence);
  // A working group whose only evidence is a channel not configured: one line for them all.
  const unconfigured = named.filter((v) => !v.evidence?.meetings && v.evidence?.conversation?.configured === false && !v.coverage.some((c) => c.source === `Discord #${v.evidence?.conversation?.channel ?? ''}`));
  const groups = named.filter((v) => !unconfigured.includes(v));
  if (named.length === 0) return [];
  return [
    `${options.heading ?? '##'} Meetings and conversations`,
    '',
    `A meeting held (not cancelled, started) and a human message in a group's Discord channel are activity of the group (SEP-1302 § IG Lifecycle: "at least one substantive thread / conversation per month AND/OR a live meeting")${options.sep2149 ? '; SEP-2149 § 1.6: meetings announced at least 7 days ahead, an agenda in a GitHub Discussion, notes there within 48 hours' : ''}. A calendar or channel not read is never silence.`,
    '',
    ...groups.flatMap((v) => [
      listItem(`**${inlineText(names.get(v.id) ?? v.id)}** (${inlineCode(v.label)})`),
      // A meeting's finding is indented under its calendar.
      ...groupLines(v, options.sep2149 === true).map((l) => (l.startsWith('  ') ? listItem(l.slice(2), 2) : listItem(l, 1))),
    ]),
    ...(unconfigured.length > 0
      ? [
          '',
          `Discord not configured (\`discord\` in .github/group-steward.yml), so not read — working groups are judged on their work without them: ${unconfigured.map((v) => `${inlineText(names.get(v.id) ?? v.id)} (${inlineText(`#${v.evidence?.conversation?.channel ?? ''}`)})`).join(', ')}.`,
        ]
      : []),
    '',
  ];
}

/**
 * One line per source of the group's meetings and conversations, as Markdown (what comes from a
 * calendar, charter or Discord escaped with `text`, default `inlineText`; a terminal passes the
 * text through); a meeting's finding is indented by two spaces under its calendar.
 */
export function groupLines(v: GroupVerdict, sep2149: boolean, text: (value: string) => string = inlineText): string[] {
  const out: string[] = [];
  // A group that cannot be judged has its fixes listed under "Groups Group Steward cannot judge": not repeated here.
  const fixes = !(v.verdict === 'unknown' && v.coverage.some((c) => c.status !== 'read'));
  const coverageText = (c: SourceCoverage | undefined, kind: string, escape: (value: string) => string) => sourceText(c, kind, escape, fixes);
  const meetings = v.evidence?.meetings;
  if (meetings) {
    const name = meetings.feed ? `calendar ${meetings.feed}` : undefined;
    const coverage = v.coverage.find((c) => (name ? c.source === name : c.source.startsWith('calendar tag')));
    const counts = countMeetingChecks(meetings.checks);
    const found = [`${plural(meetings.held, 'meeting')} held`, ...(meetings.cancelled > 0 ? [`${meetings.cancelled} cancelled`] : [])];
    if (sep2149 && meetings.held > 0) found.push(`${counts.announcedLate} announced late`, `${counts.notesMissing} with notes missing`);
    else if (meetings.held > 0) found.push(`${counts.withNotes} with notes`);
    out.push(`${coverageText(coverage, 'calendar', text)}${coverage?.status === 'unread' ? '' : `: ${found.join(', ')}`}`);
    if (sep2149) out.push(...meetingFindings(meetings.checks, text));
  }
  const talk = v.evidence?.conversation;
  if (talk) {
    const coverage = v.coverage.find((c) => c.source === `Discord #${talk.channel}`);
    const line = coverage ? coverageText(coverage, 'Discord', text) : `Discord ${text(`#${talk.channel}`)}: not configured`;
    out.push(`${line}${coverage?.status === 'unread' || !coverage ? '' : `: ${plural(talk.messages, 'message')} by ${plural(talk.participants, 'person', 'people')}`}`);
  }
  return out;
}

/** `calendar <feed> (read)` / `Discord #x: not configured: … — fix: …`, as Markdown. */
function sourceText(c: SourceCoverage | undefined, kind: string, text: (value: string) => string, fixes: boolean): string {
  if (!c) return `${kind}: not judged`;
  if (c.status === 'read') return `${text(c.source)} (read)`;
  return `${text(c.source)} (${c.status}: ${text(c.why ?? c.status)}${c.fix && fixes ? ` — fix: ${text(c.fix)}` : ''})`;
}

/** The meetings with a SEP-2149 § 1.6 finding: `2026-07-10 "Auth IG": announced 3 days ahead; notes missing`. */
function meetingFindings(checks: readonly MeetingCheck[], text: (value: string) => string): string[] {
  const flagged = checks.filter((c) => c.announced.state === 'late' || c.agenda.state === 'missing' || c.notes.state === 'late');
  const lines = flagged.slice(0, MAX_LISTED_MEETINGS).map((c) => {
    const found = [
      ...(c.announced.state === 'late' ? [`announced ${plural(c.announced.daysAhead ?? 0, 'day')} ahead`] : []),
      ...(c.agenda.state === 'missing' ? [`no agenda discussion (${text(c.agenda.why ?? 'missing')})`] : []),
      ...(c.notes.state === 'late' ? [c.notes.at ? `notes late (${c.notes.at.slice(0, 10)})` : 'notes missing'] : []),
    ];
    const title = `${c.meeting.start.slice(0, 10)} "${c.meeting.title}"`;
    return `  ${c.meeting.url && text === inlineText ? link(title, c.meeting.url) : text(title)}: ${found.join('; ')}`;
  });
  const more = flagged.length - lines.length;
  return more > 0 ? [...lines, `  and ${plural(more, 'more meeting')}`] : lines;
}
