/**
 * The live job's reads of meetings and conversations (issue 23): each distinct calendar feed the
 * active groups name (`readCalendarFeed`, one GET each, conditional from an in-process cache), and
 * the configured Discord channels they name (`readDiscordChannels`, token from env
 * `DISCORD_BOT_TOKEN`). What is read goes into the snapshot (`meetings`, `conversations`) with one
 * coverage entry per feed and channel: a feed that fails or is cut short is `unread`/`partial`
 * with why and fix, a channel read without a token is `unread` "no bot token". Never throws for
 * what a calendar server or Discord answers. Discord's REST client is loaded when a channel is
 * first read, the iCalendar parser when a feed is: a run whose groups name neither loads neither.
 */
import { readCalendarFeed } from '../calendar/read-feed.js';
import type { CalendarCache, CalendarFeedRead } from '../calendar/read-feed.js';
import type { DiscordChannelRead } from '../discord/read-channels.js';
import { evidenceSources } from '../activity/coverage.js';
import type { CoverageEntry, EvidenceSettings } from '../activity/coverage.js';
import type { SnapshotConversation, SnapshotMeeting } from '../activity/snapshot.js';
import type { Charter } from '../charters/schema.js';
import type { Config } from '../config/schema.js';

/** How far ahead of `now` a feed is read: upcoming meetings (announced ahead, SEP-2149 § 1.6). */
export const CALENDAR_LOOKAHEAD_DAYS = 14;
const DAY_MS = 86_400_000;
/** Most feeds the in-process cache keeps (the oldest entry is dropped first). */
const MAX_CACHED_FEEDS = 500;

/** Where the live job reads meetings and conversations from; every field optional (tests give fakes). */
export interface EvidenceReaders {
  /** The `fetch` feeds are read with (default: the global one). */
  fetch?: typeof globalThis.fetch;
  /** The feeds' cache (default: one kept in this process, across runs of a long-lived App). */
  cache?: CalendarCache;
  /** The bot token (default: env `DISCORD_BOT_TOKEN`). */
  discordToken?: string;
  /** Discord's API base URL (tests). */
  discordApi?: string;
}

/** The meetings and conversations read, their coverage, and notes for the report. */
export interface EvidenceRead {
  meetings?: SnapshotMeeting[];
  conversations?: SnapshotConversation[];
  coverage: CoverageEntry[];
  notes: string[];
}

/** A Map kept for the life of the process: a cached body is used only on the server's 304. */
class ProcessFeedCache implements CalendarCache {
  private readonly entries = new Map<string, { etag?: string; lastModified?: string; text: string }>();
  get(url: string) {
    return this.entries.get(url);
  }
  set(url: string, entry: { etag?: string; lastModified?: string; text: string }) {
    this.entries.delete(url);
    this.entries.set(url, entry);
    if (this.entries.size > MAX_CACHED_FEEDS) this.entries.delete(this.entries.keys().next().value as string);
  }
}
const processCache = new ProcessFeedCache();

/** The configuration's `meetings` and `discord`, as the evaluation reads them. */
export function evidenceSettings(config: Config): EvidenceSettings {
  return { ...(config.meetings.calendar_base ? { calendarBase: config.meetings.calendar_base } : {}), ...(config.discord ? { discord: config.discord } : {}) };
}

/**
 * Reads the feeds and channels of the active `charters`: feeds over `[since, now + 14 days]`,
 * channels over `[windowStart, now]`. Returns nothing to record (no `meetings`/`conversations`)
 * when no group names a feed or a configured channel.
 */
export async function readGroupEvidence(charters: readonly Charter[], config: Config, window: { since: Date; windowStart: Date; now: Date }, readers: EvidenceReaders = {}): Promise<EvidenceRead> {
  const settings = evidenceSettings(config);
  const sources = charters.filter((c) => c.status === 'active').flatMap((c) => evidenceSources(c, settings));
  const feeds = [...new Set(sources.flatMap((s) => (s.source === 'calendar' && s.feed !== null ? [s.feed] : [])))];
  const channels = new Map<string, { name: string; id: string }>();
  for (const s of sources) if (s.source === 'discord' && s.channelId !== null) channels.set(s.channelId, { name: s.channel, id: s.channelId });
  const out: EvidenceRead = { coverage: [], notes: [] };

  if (feeds.length > 0) {
    const until = new Date(window.now.getTime() + CALENDAR_LOOKAHEAD_DAYS * DAY_MS);
    const reads: CalendarFeedRead[] = [];
    for (const feed of feeds) reads.push(await readFeed(feed, { since: window.since, until, ...(readers.fetch ? { fetch: readers.fetch } : {}), cache: readers.cache ?? processCache }));
    out.meetings = reads.flatMap((r) => r.meetings.map((m) => snapshotMeeting(r.feed, m)));
    out.coverage.push(...reads.map((r): CoverageEntry => ({ source: 'calendar', feed: r.feed, status: r.status, from: r.from, until: r.until, ...whyFix(r) })));
    const requests = reads.reduce((n, r) => n + r.requests, 0);
    out.notes.push(`calendar: ${feeds.length} ${feeds.length === 1 ? 'feed' : 'feeds'}, ${out.meetings.length} meetings since ${window.since.toISOString().slice(0, 10)}; ${requests} HTTP requests`);
    for (const r of reads.filter((x) => x.empty && x.status === 'read')) out.notes.push(`calendar ${r.feed} answered with no event at all: check the tag or URL for a typo`);
  }
  if (channels.size > 0 && config.discord) {
    const token = readers.discordToken ?? process.env.DISCORD_BOT_TOKEN ?? '';
    let read: { channels: DiscordChannelRead[]; requests: number };
    try {
      const { readDiscordChannels } = await import('../discord/read-channels.js');
      read = await readDiscordChannels({ token, guildId: config.discord.guild_id, channels: [...channels.values()], since: window.windowStart, until: window.now, ...(readers.discordApi ? { api: readers.discordApi } : {}) });
    } catch (error) {
      const why = `the read failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 1000);
      read = { channels: [...channels.values()].map((c) => ({ name: c.name, channelId: c.id, status: 'unread', why, from: window.windowStart.toISOString(), until: window.now.toISOString(), messages: [], requests: 0 })), requests: 0 };
    }
    out.conversations = read.channels.map((c) => ({ channel: c.name, channel_id: c.channelId, messages: c.messages.map((m) => ({ at: m.at, author: m.author.slice(0, 100) })) }));
    out.coverage.push(...read.channels.map((c): CoverageEntry => ({ source: 'discord', channel: c.name, channel_id: c.channelId, status: c.status, from: c.from, until: c.until, ...whyFix(c) })));
    const messages = read.channels.reduce((n, c) => n + c.messages.length, 0);
    out.notes.push(`discord: ${channels.size} ${channels.size === 1 ? 'channel' : 'channels'}, ${messages} human messages since ${window.windowStart.toISOString().slice(0, 10)}; ${read.requests} HTTP requests`);
  }
  return out;
}

/** `readCalendarFeed`, and a failure it does not foresee recorded as the feed unread (never a crash). */
async function readFeed(feed: string, options: Parameters<typeof readCalendarFeed>[1]): Promise<CalendarFeedRead> {
  try {
    return await readCalendarFeed(feed, options);
  } catch (error) {
    const why = `the read failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 1000);
    return { feed, status: 'unread', why, from: options.since.toISOString(), until: options.until.toISOString(), meetings: [], empty: false, requests: 0 };
  }
}

/** A coverage entry's `why` and `fix`, bounded; a source not read always says why. */
function whyFix(read: { status: string; why?: string; fix?: string }): { why?: string; fix?: string } {
  const why = read.why ?? (read.status === 'read' ? undefined : 'not read');
  return { ...(why ? { why: why.slice(0, 1000) } : {}), ...(read.fix ? { fix: read.fix.slice(0, 1000) } : {}) };
}

/** A meeting of `feed` as the snapshot records it (bounded as the snapshot's schema bounds it). */
function snapshotMeeting(feed: string, m: CalendarFeedRead['meetings'][number]): SnapshotMeeting {
  const https = (url: string | undefined, protocols: RegExp) => (url !== undefined && protocols.test(url) && url.length <= 2000 && URL.canParse(url) ? url : undefined);
  const url = https(m.url, /^https?:\/\//i);
  const discussion = https(m.discussion, /^https:\/\//i);
  return {
    feed,
    ...(url ? { url } : {}),
    uid: (m.uid || `${feed} ${m.start}`).slice(0, 1000),
    title: m.title.slice(0, 300),
    start: m.start,
    ...(m.end ? { end: m.end } : {}),
    ...(m.created ? { created: m.created } : {}),
    cancelled: m.cancelled,
    ...(discussion ? { discussion } : {}),
  };
}
