/**
 * Coverage: what a snapshot read of each source of a group's work, and over which window. A
 * verdict is only as good as what it looked at: a group with no human activity in what was read
 * is `idle` only when every one of its sources was read completely over the whole window; when one
 * was not (a repository the installation cannot see, a search cut short, notes kept on another
 * site), the group is `unknown` and its reason names what was not read. Pure: plain data in and out.
 *
 * A group's sources (SEP-1302 § WG Lifecycle "a WIP Issue/PR"; § IG Lifecycle "at least one
 * substantive thread / conversation per month AND/OR a live meeting"):
 * - `repo`: each repository it owns (`repos`): all its issues and pull requests;
 * - `label`: its label and those of its previous ids, across the governance owner's repositories;
 * - `item`: its `first_work` and `deliverables` (GitHub issue or pull request URLs);
 * - `discussions`: its GitHub Discussions category (`discussions`), and a `meeting_notes` URL of a
 *   category;
 * - `label` in one repository, or `item`: a `meeting_notes` URL of a label or an issue;
 * - `unreadable`: a `meeting_notes` URL on another site (a Google Doc …): never read, never silence.
 */
import { z } from 'zod';
import { GITHUB_WORK_URL } from '../charters/rules.js';
import { lineageLabels } from '../charters/lineage.js';
import { REPO_PATTERN } from '../charters/schema.js';
import type { Charter } from '../charters/schema.js';
import { utcDate } from './dates.js';

const instant = z.iso.datetime({ offset: true });
/** A window bound: an ISO instant, or a UTC date (`YYYY-MM-DD`, its first instant). */
const bound = z.union([instant, z.iso.date()]);
const repo = z.string().regex(REPO_PATTERN, 'must be owner/name');
const why = z.string().min(1).max(1000);

/**
 * How completely a source was read:
 * - `read`: every issue, pull request or discussion of it updated within `from`..`until`, with
 *   their events (the newest timeline events of each: 100 for an item read by number, 25 for one a
 *   search found — read again whole when its older events could hold the group's newest human
 *   event). A live run reads each source newest first and stops once its group's newest human event
 *   is known (`newest-first.ts`): `from` is then the oldest update time it reached, and every item
 *   updated after it was read;
 * - `partial`: some of it was read (a search cut short at GitHub's 1,000 results, a recording of
 *   git history that has commits and merges but no conversation): what was read is evidence of
 *   activity, never of silence;
 * - `unread`: nothing was read (not found or not readable by the installation, an error).
 */
export const COVERAGE_STATUSES = ['read', 'partial', 'unread'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

const common = {
  status: z.enum(COVERAGE_STATUSES),
  /** Earliest update time collected (absent: no lower bound): every item updated after it, and until `until`, was read. */
  from: bound.optional(),
  /** Latest instant the source was read at (absent: the snapshot's `generated_at`). */
  until: bound.optional(),
  /** Required unless `read`: what was not read, and why, for a person. */
  why: why.optional(),
  /** Optional: what a person can do about it (install the App, correct the charter …). */
  fix: why.optional(),
};

/** One source a snapshot meant to read, and what it read of it. */
export const CoverageEntrySchema = z
  .discriminatedUnion('source', [
    z.strictObject({ source: z.literal('repo'), repo, ...common }),
    /** A label searched across `scope` (e.g. `user:modelcontextprotocol`), or in one `repo`. */
    z.strictObject({ source: z.literal('label'), label: z.string().min(1).max(100), scope: z.string().max(200).optional(), repo: repo.optional(), ...common }),
    z.strictObject({ source: z.literal('item'), repo, number: z.number().int().positive(), ...common }),
    /** A Discussions category, by name (and slug, when known). */
    z.strictObject({ source: z.literal('discussions'), repo, category: z.string().min(1).max(200), slug: z.string().max(200).optional(), ...common }),
    /** A calendar feed (an ICS URL): its meetings within `from`..`until` (issue 23; SEP-1302 § IG Lifecycle "a live meeting"). */
    z.strictObject({ source: z.literal('calendar'), feed: z.url({ protocol: /^https?$/ }).max(2000), ...common }),
    /** A Discord channel, by the charter's name (and its configured id): human messages within `from`..`until`, threads included. */
    z.strictObject({ source: z.literal('discord'), channel: z.string().min(1).max(100), channel_id: z.string().regex(/^\d{1,25}$/).optional(), ...common }),
  ])
  .refine((entry) => entry.status === 'read' || entry.why !== undefined, { message: 'a partial or unread source says why', path: ['why'] });

export type CoverageEntry = z.infer<typeof CoverageEntrySchema>;

/** A source of a group's work, as its charter names it. */
export type GroupSource =
  | { source: 'repo'; repo: string }
  | { source: 'label'; label: string; repo?: string }
  | { source: 'item'; repo: string; number: number; role: 'first_work' | 'deliverable' | 'meeting_notes' }
  | { source: 'discussions'; repo: string; category: string; role: 'discussions' | 'meeting_notes' }
  | { source: 'unreadable'; url: string; role: 'meeting_notes' };

/**
 * The labels a group's work may carry: its own (`wg:<id>` / `ig:<id>`) and those of its previous
 * ids. Given the registry (every charter, active and retired), also those of every predecessor —
 * a retired charter naming it as `retired.successor`, transitively — each with the predecessor's
 * own prefix (`ig:<old>` for an interest group become this working group): `lineageLabels`.
 */
export function groupLabels(charter: Charter, registry?: readonly Charter[]): string[] {
  return lineageLabels(charter, registry);
}

/** `owner/name` and number of a GitHub issue or pull request URL (`issues` or `pull`), or null. */
export function parseWorkUrl(url: string): { repo: string; number: number } | null {
  const match = GITHUB_WORK_URL.exec(url);
  if (!match) return null;
  const work = { repo: `${match[1]}/${match[2]}`, number: Number(match[3]) };
  return trackable(work.repo, work.number) ? work : null;
}

/** Largest issue number GraphQL's `Int` carries; a larger one is no GitHub issue. */
const MAX_ISSUE_NUMBER = 2_147_483_647;

/** True when `repo` is `owner/name` and `number` an issue number GitHub can have. */
function trackable(repo: string, number: number): boolean {
  return REPO_PATTERN.test(repo) && Number.isSafeInteger(number) && number >= 1 && number <= MAX_ISSUE_NUMBER;
}

/** What Group Steward can make of a `meeting_notes` URL. */
export type MeetingNotesTarget =
  | { kind: 'discussions'; repo: string; category: string }
  | { kind: 'label'; repo: string; label: string }
  | { kind: 'item'; repo: string; number: number }
  | { kind: 'unreadable'; url: string };

const NOTES_CATEGORY = /^https:\/\/github\.com\/([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)\/discussions\/categories\/([^/?#\s]+)\/?(?:[?#].*)?$/;
const NOTES_LABEL = /^https:\/\/github\.com\/([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)\/labels\/([^/?#\s]+)\/?(?:[?#].*)?$/;
const NOTES_ISSUE = /^https:\/\/github\.com\/([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)\/issues\/(\d+)\/?(?:[?#].*)?$/;

/**
 * Classifies a `meeting_notes` URL: a GitHub Discussions category
 * (`https://github.com/o/r/discussions/categories/<slug>`), a label (`…/labels/<name>`, URL-decoded)
 * or an issue (`…/issues/<n>`) is read; anything else (a Google Doc, another site, an organization's
 * discussions page) is `unreadable`. Never throws.
 */
export function meetingNotesTarget(url: string): MeetingNotesTarget {
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return null;
    }
  };
  // `github.com/orgs/<org>/discussions/…`: an organization's discussions live in a repository the URL does not name.
  if (/^https:\/\/github\.com\/orgs\//i.test(url)) return { kind: 'unreadable', url };
  let m = NOTES_CATEGORY.exec(url);
  const category = m ? decode(m[3] as string) : null;
  const repoOf = (match: RegExpExecArray) => `${match[1]}/${match[2]}`;
  // Bounded as a snapshot's coverage entries are, so a recorded run always loads again.
  if (m && category && category.length <= 200 && REPO_PATTERN.test(repoOf(m))) return { kind: 'discussions', repo: repoOf(m), category };
  m = NOTES_LABEL.exec(url);
  const label = m ? decode(m[3] as string) : null;
  if (m && label && label.length <= 100 && REPO_PATTERN.test(repoOf(m))) return { kind: 'label', repo: repoOf(m), label };
  m = NOTES_ISSUE.exec(url);
  if (m && trackable(repoOf(m), Number(m[3]))) return { kind: 'item', repo: repoOf(m), number: Number(m[3]) };
  return { kind: 'unreadable', url };
}

/**
 * The sources of an active group's work, each once (repositories, labels and categories compared
 * ignoring case), in a stable order: repositories, labels, first work and deliverables,
 * discussions, meeting notes. With `registry`, labels include every predecessor's (`groupLabels`). A deliverable that is not a GitHub issue or pull request URL is not a
 * source (nothing there to read as activity; it keeps the group from `completed`).
 */
export function groupSources(charter: Charter, registry?: readonly Charter[]): GroupSource[] {
  const out: GroupSource[] = [];
  const seen = new Set<string>();
  const add = (key: string, source: GroupSource) => {
    if (seen.has(key.toLowerCase())) return;
    seen.add(key.toLowerCase());
    out.push(source);
  };
  for (const r of charter.repos ?? []) add(`repo ${r}`, { source: 'repo', repo: r });
  for (const label of groupLabels(charter, registry)) add(`label ${label}`, { source: 'label', label });
  const items: [string | undefined, 'first_work' | 'deliverable'][] = [[charter.first_work, 'first_work'], ...(charter.deliverables ?? []).map((u) => [u, 'deliverable'] as [string, 'deliverable'])];
  for (const [url, role] of items) {
    const work = url === undefined ? null : parseWorkUrl(url);
    if (work) add(`item ${work.repo}#${work.number}`, { source: 'item', repo: work.repo, number: work.number, role });
  }
  if (charter.discussions) {
    const { repo: r, category } = charter.discussions;
    add(`discussions ${r} ${category}`, { source: 'discussions', repo: r, category, role: 'discussions' });
  }
  if (charter.meeting_notes) {
    const target = meetingNotesTarget(charter.meeting_notes);
    switch (target.kind) {
      case 'discussions':
        add(`discussions ${target.repo} ${target.category}`, { source: 'discussions', repo: target.repo, category: target.category, role: 'meeting_notes' });
        break;
      case 'label':
        add(`label ${target.label} in ${target.repo}`, { source: 'label', label: target.label, repo: target.repo });
        break;
      case 'item':
        add(`item ${target.repo}#${target.number}`, { source: 'item', repo: target.repo, number: target.number, role: 'meeting_notes' });
        break;
      case 'unreadable':
        add(`unreadable ${target.url}`, { source: 'unreadable', url: target.url, role: 'meeting_notes' });
        break;
    }
  }
  return out;
}

/**
 * The configuration that decides which meetings and conversations of a group can be read (issue
 * 23): `meetings.calendar_base` resolves a charter's `meetings.tag`; `discord` names the guild and
 * the id of each channel (the bot token comes from the environment, not from here).
 */
export interface EvidenceSettings {
  /** Config `meetings.calendar_base`, e.g. `https://meet.modelcontextprotocol.io`; absent: a tag cannot be resolved. */
  calendarBase?: string;
  /** Config `discord`: the guild and each channel's id by its name. Absent: Discord is not read. */
  discord?: { guild_id: string; channels: Readonly<Record<string, string>> };
}

/**
 * A source of a group's meetings or conversations, as its charter and the configuration name it:
 * - `calendar`: its ICS feed (`meetings.calendar`, or `meetings.tag` on `calendarBase`); `feed`
 *   null when the tag cannot be resolved (no `meetings.calendar_base`): never read, never silence;
 * - `discord`: its channel (`discord`), with the configured id; `channelId` null when the
 *   configuration does not name it: never read, never silence.
 */
export type EvidenceSource = { source: 'calendar'; feed: string | null; tag?: string } | { source: 'discord'; channel: string; channelId: string | null };

/**
 * The ICS URL of a Meetable tag on a calendar base: `https://meet.modelcontextprotocol.io` +
 * `auth-ig` → `https://meet.modelcontextprotocol.io/ics/tag/auth-ig.ics` (Meetable's route
 * `/ics/tag/{tag}.ics`). Trailing slashes of `base` are dropped; the tag is percent-encoded. Pure:
 * the calendar adapter re-exports it.
 */
export function tagFeedUrl(base: string, tag: string): string {
  return `${base.replace(/\/+$/, '')}/ics/tag/${encodeURIComponent(tag)}.ics`;
}

/**
 * The meeting and conversation sources of a group (issue 23), in this order: its calendar feed,
 * then its Discord channel. A calendar source whenever the charter names `meetings` (a tag without
 * `calendarBase` is one that cannot be read). A Discord source when `discord.channels` names the
 * channel; otherwise only an interest group's channel is one (`channelId` null, "not configured"):
 * SEP-1302 expects an IG's conversation, so a channel nobody configured keeps the IG `unknown`,
 * never `not met`; a working group is judged on its work (SEP-1302 § WG Lifecycle), so an
 * unconfigured channel is no source of it (its messages, when configured, are activity). Pure.
 */
export function evidenceSources(charter: Charter, settings: EvidenceSettings = {}): EvidenceSource[] {
  const out: EvidenceSource[] = [];
  const meetings = charter.meetings;
  if (meetings?.calendar) out.push({ source: 'calendar', feed: meetings.calendar });
  else if (meetings?.tag) out.push({ source: 'calendar', feed: settings.calendarBase ? tagFeedUrl(settings.calendarBase, meetings.tag) : null, tag: meetings.tag });
  if (charter.discord) {
    const id = settings.discord ? Object.entries(settings.discord.channels).find(([name]) => name.replace(/^#/, '').toLowerCase() === charter.discord?.toLowerCase())?.[1] : undefined;
    if (id !== undefined) out.push({ source: 'discord', channel: charter.discord, channelId: id });
    else if (charter.type === 'interest') out.push({ source: 'discord', channel: charter.discord, channelId: null });
  }
  return out;
}

/** A short, stable name of a meeting or conversation source: `calendar <feed>`, `Discord #auth-ig`. */
export function evidenceSourceName(source: EvidenceSource): string {
  return source.source === 'calendar' ? `calendar ${source.feed ?? `tag "${source.tag ?? ''}"`}` : `Discord #${source.channel}`;
}

/** The coverage entry that records a meeting or conversation source, or undefined. */
export function findEvidenceCoverage(coverage: readonly CoverageEntry[], source: EvidenceSource): CoverageEntry | undefined {
  return coverage.find((entry) =>
    source.source === 'calendar'
      ? entry.source === 'calendar' && source.feed !== null && entry.feed === source.feed
      : entry.source === 'discord' && entry.channel.toLowerCase() === source.channel.toLowerCase() && (source.channelId === null || entry.channel_id === undefined || entry.channel_id === source.channelId),
  );
}

/**
 * Judges meeting and conversation sources for the window, as `judgeCoverage` does GitHub's: a
 * calendar tag with no base, or a channel with no configured id, is `unread` with the fix; a
 * source the snapshot does not record is `unread` ("not in the recording" when the snapshot holds
 * no meetings, or no conversations, at all); a recorded one is `read` only when its `from`..`until`
 * spans the window. Never throws.
 */
export function judgeEvidenceCoverage(
  sources: readonly EvidenceSource[],
  input: Omit<JudgeCoverageInput, 'sources' | 'latestActivity'> & { recorded: { meetings: boolean; conversations: boolean } },
): SourceCoverage[] {
  return sources.map((source) => {
    const name = evidenceSourceName(source);
    if (source.source === 'calendar' && source.feed === null) {
      return { source: name, status: 'unread', why: 'no calendar base is configured, so the tag names no feed', fix: 'set `meetings.calendar_base` in .github/group-steward.yml (MCP: https://meet.modelcontextprotocol.io), or give the charter `meetings.calendar` (the ICS URL)' };
    }
    if (source.source === 'discord' && source.channelId === null) {
      return { source: name, status: 'unread', why: 'not configured: Group Steward reads no Discord channel it is not given (not silence)', fix: `add \`discord: { guild_id, channels: { ${source.channel}: <channel id> } }\` to .github/group-steward.yml and set DISCORD_BOT_TOKEN` };
    }
    const entry = input.coverage ? findEvidenceCoverage(input.coverage, source) : undefined;
    if (!entry) {
      const held = source.source === 'calendar' ? input.recorded.meetings : input.recorded.conversations;
      return { source: name, status: 'unread', why: held ? 'not read: the snapshot does not record it' : `not in the recording: the snapshot holds no ${source.source === 'calendar' ? 'calendar' : 'Discord'} data` };
    }
    if (entry.status !== 'read') return { source: name, status: entry.status, why: entry.why ?? 'not read', ...(entry.fix ? { fix: entry.fix } : {}) };
    const from = entry.from === undefined ? -Infinity : boundMs(entry.from);
    const until = entry.until === undefined ? input.generatedAt : boundMs(entry.until);
    if (from > input.windowStart || until < input.windowEnd) {
      return { source: name, status: 'partial', why: `read over ${entry.from === undefined ? '…' : utcDate(from)}..${utcDate(until)}, which does not cover the window ${utcDate(input.windowStart)}..${utcDate(input.windowEnd)}` };
    }
    return { source: name, status: 'read' };
  });
}

/** True when a discussion category named in a charter (name or slug) is `entry`'s, ignoring case. */
export function sameCategory(wanted: string, category: { category: string; slug?: string | undefined }): boolean {
  const w = wanted.toLowerCase();
  return category.category.toLowerCase() === w || (category.slug !== undefined && category.slug.toLowerCase() === w);
}

/** The coverage entry that records `source`, or undefined when the snapshot does not record it. */
export function findCoverage(coverage: readonly CoverageEntry[], source: GroupSource): CoverageEntry | undefined {
  const lower = (s: string | undefined) => s?.toLowerCase();
  return coverage.find((entry) => {
    if (entry.source !== source.source) return false;
    switch (source.source) {
      case 'repo':
        return lower(entry.repo) === lower(source.repo);
      case 'label': {
        const e = entry as Extract<CoverageEntry, { source: 'label' }>;
        return lower(e.label) === lower(source.label) && lower(e.repo) === lower(source.repo);
      }
      case 'item': {
        const e = entry as Extract<CoverageEntry, { source: 'item' }>;
        return lower(e.repo) === lower(source.repo) && e.number === source.number;
      }
      case 'discussions': {
        const e = entry as Extract<CoverageEntry, { source: 'discussions' }>;
        return lower(e.repo) === lower(source.repo) && sameCategory(source.category, e);
      }
      default:
        return false;
    }
  });
}

/** One source of a group, judged for the window: did the snapshot see all of it? */
export interface SourceCoverage {
  /** `repo owner/name`, `label wg:x`, `label notes in owner/name`, `item owner/name#12`, `discussions owner/name "Category"`, `meeting notes <url>`. */
  source: string;
  /** `read`: all of it, over the whole window; `partial` or `unread`: see `why`. */
  status: CoverageStatus;
  /** For a person: what was not read, and why. Absent when `read`. */
  why?: string;
  /** For a person: how to make it readable. Absent when `read`, or when nothing can be done. */
  fix?: string;
}

export interface JudgeCoverageInput {
  sources: readonly GroupSource[];
  /** The snapshot's coverage; absent: it records none (an older snapshot), so nothing is known read. */
  coverage: readonly CoverageEntry[] | undefined;
  /** The snapshot's `generated_at`, UTC ms: a source's `until` when it gives none. */
  generatedAt: number;
  /** The window judged, UTC ms: [start, end]. */
  windowStart: number;
  windowEnd: number;
  /**
   * Optional: the group's latest human activity, UTC ms. A source read newest first from `from`
   * (later than the window's start) to the window's end counts as `read` when this is at or after
   * `from`: nothing it left unread (updated at or before `from`) can hold newer activity, so its
   * verdict and last activity are those of a read of the whole window. Give it only for a group
   * whose verdict is `active` (see `evaluateActivity`).
   */
  latestActivity?: number;
}

/**
 * Judges each source for the window `[windowStart, windowEnd]`: `read` only when the snapshot
 * records it read and its `from`..`until` spans the whole window (or, given `latestActivity`, reaches
 * back to the group's latest human activity); otherwise `partial` or `unread`,
 * with the reason and the fix the snapshot records. A source the snapshot does not record is `unread` ("not recorded in the
 * snapshot"); an `unreadable` meeting-notes URL is always `unread`. Never throws.
 */
export function judgeCoverage(input: JudgeCoverageInput): SourceCoverage[] {
  return input.sources.map((source) => {
    const name = sourceName(source);
    if (source.source === 'unreadable') {
      return { source: name, status: 'unread', why: `${hostOf(source.url)} is not readable by Group Steward: meeting notes kept there are not seen (not silence)`, fix: 'publish the notes in a GitHub Discussions category, under a label or on an issue, and point `meeting_notes` there; until then a person checks them' };
    }
    const entry = input.coverage ? findCoverage(input.coverage, source) : undefined;
    if (!entry) return { source: name, status: 'unread', why: input.coverage ? 'not read: the snapshot does not record it' : 'not read: the snapshot records no coverage' };
    if (entry.status !== 'read') return { source: name, status: entry.status, why: entry.why ?? 'not read', ...(entry.fix ? { fix: entry.fix } : {}) };
    const from = entry.from === undefined ? -Infinity : boundMs(entry.from);
    const until = entry.until === undefined ? input.generatedAt : boundMs(entry.until);
    const newestFirst = input.latestActivity !== undefined && entry.from !== undefined && input.latestActivity >= from && until >= input.windowEnd;
    if ((from > input.windowStart && !newestFirst) || until < input.windowEnd) {
      const span = `${entry.from === undefined ? '…' : utcDate(from)}..${utcDate(until)}`;
      return { source: name, status: 'partial', why: `read over ${span}, which does not cover the window ${utcDate(input.windowStart)}..${utcDate(input.windowEnd)}` };
    }
    return { source: name, status: 'read' };
  });
}

/** A short, stable name of a source for reasons and the dashboard. */
export function sourceName(source: GroupSource): string {
  switch (source.source) {
    case 'repo':
      return `repository ${source.repo}`;
    case 'label':
      return source.repo ? `label "${source.label}" in ${source.repo}` : `label "${source.label}"`;
    case 'item':
      return `${source.role === 'meeting_notes' ? 'meeting notes ' : ''}${source.repo}#${source.number}`;
    case 'discussions':
      return `${source.role === 'meeting_notes' ? 'meeting notes in ' : ''}discussions "${source.category}" in ${source.repo}`;
    case 'unreadable':
      return `meeting notes ${source.url}`;
  }
}

/**
 * What a person can do when GitHub does not show a source to the installation (not found, or not
 * readable): the `fix` a live run records with it.
 */
export function notReadableFix(source: GroupSource): string | undefined {
  switch (source.source) {
    case 'repo':
      return `install the App on ${source.repo}, or correct the charter's \`repos\` if it was renamed or deleted`;
    case 'label':
      return source.repo ? `install the App on ${source.repo}, or correct the charter's \`meeting_notes\`` : undefined;
    case 'item':
      return `check that ${source.repo}#${source.number} exists and the App is installed on ${source.repo}, or correct the charter's \`${source.role === 'deliverable' ? 'deliverables' : source.role}\``;
    case 'discussions':
      return `enable Discussions on ${source.repo} and install the App there, or correct the charter's \`${source.role}\` (category "${source.category}")`;
    default:
      return undefined;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

function boundMs(value: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value);
}
