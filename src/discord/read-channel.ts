/**
 * One configured channel read over the window (issue 23): the channel (`GET /channels/{id}`), its
 * own messages (text, announcement, voice and stage channels; a thread), and the messages of its
 * public threads, active and archived (forum and media channels have threads only). The histories
 * are read newest first together — always the one whose read part reaches least far back — so
 * that when the message cap stops the reading, the channel's `from` (every message after it was
 * read) is as early as the requests allowed.
 */
import { ChannelType, Routes } from 'discord-api-types/v10';
import type { DiscordRest } from './discord-rest.js';
import { describeFailure } from './failures.js';
import type { DiscordFailure } from './failures.js';
import { listArchivedThreads, MAX_ARCHIVED_PAGES } from './list-threads.js';
import type { ThreadRef } from './list-threads.js';
import { MESSAGE_PAGE, messageHistory, readNextPage } from './message-history.js';
import type { MessageHistory } from './message-history.js';
import type { DiscordChannelRead, DiscordMessageFact } from './channel-read.js';
import { isSnowflake } from './snowflake.js';

/** What every channel of a run shares. */
export interface ChannelReadContext {
  rest: DiscordRest;
  guildId: string;
  sinceMs: number;
  untilMs: number;
  maxMessages: number;
  /** The guild's active threads by parent id (read once a run), or why they could not be listed. */
  activeThreads(): Promise<Map<string, ThreadRef[]> | DiscordFailure>;
}

const OWN_MESSAGES: ReadonlySet<unknown> = new Set([ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildVoice, ChannelType.GuildStageVoice, ChannelType.PublicThread, ChannelType.AnnouncementThread]);
const HAS_THREADS: ReadonlySet<unknown> = new Set([ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum, ChannelType.GuildMedia]);
/** Requests beyond the pages the message cap needs, for threads of few messages: one per this many messages of the cap. */
const MESSAGES_PER_THREAD_REQUEST = 20;

const HISTORY_FIX = 'give the bot\'s role Read Message History on the channel (View Channel alone shows no message)';
const CAP_FIX = 'none needed to see activity (the messages counted show it); the cap bounds a run\'s requests';

/** What went wrong while reading a channel: for a person (`why`, `fix`), and whether the token was refused. */
interface Problems {
  why: string[];
  fix: string[];
  refused?: DiscordFailure;
}

/** Reads `channel`; never throws for what Discord answers. `tokenRefused`: Discord refused the token (stop the run). */
export async function readChannel(context: ChannelReadContext, channel: { name: string; id: string }): Promise<{ read: DiscordChannelRead; tokenRefused: boolean }> {
  const { rest, sinceMs, untilMs } = context;
  const startRequests = rest.requests;
  const what = `channel "${channel.name}" (${channel.id})`;
  const window = { from: new Date(sinceMs).toISOString(), until: new Date(untilMs).toISOString() };
  const done = ({ messages, ...read }: Omit<DiscordChannelRead, 'name' | 'channelId' | 'requests' | 'until'>, tokenRefused = false) => ({
    read: { name: channel.name, channelId: channel.id, ...read, until: window.until, messages, requests: rest.requests - startRequests },
    tokenRefused,
  });
  const unread = (why: string, fix: string, tokenRefused = false) => done({ status: 'unread', why, fix, from: window.from, messages: [] }, tokenRefused);

  if (!isSnowflake(channel.id)) return unread(`${what}: the id is not a Discord id (digits)`, 'set discord.channels in .github/group-steward.yml to the channel\'s id (Discord Developer Mode → right-click the channel → Copy Channel ID)');
  let body: unknown;
  try {
    body = await rest.get(Routes.channel(channel.id));
  } catch (error) {
    const failure = describeFailure(error, what, 'View Channel');
    return unread(failure.why, failure.fix, failure.tokenRefused);
  }
  const { type, guild_id: guildId, last_message_id: lastMessageId } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (guildId !== context.guildId) return unread(`${what} is not in the configured server (guild ${context.guildId})`, 'check discord.guild_id and discord.channels in .github/group-steward.yml');
  if (!OWN_MESSAGES.has(type) && !HAS_THREADS.has(type)) return unread(`${what} is not a channel with messages (type ${String(type).slice(0, 20)}: a category, a private thread or a directory)`, 'name a text, announcement, forum or voice channel, or a public thread');

  const problems: Problems = { why: [], fix: [] };
  let floorMs = sinceMs;
  const histories: MessageHistory[] = [];
  if (OWN_MESSAGES.has(type)) histories.push(messageHistory(channel.id, isSnowflake(lastMessageId) ? lastMessageId : null, sinceMs, untilMs));
  if (HAS_THREADS.has(type)) {
    const { threads, listedFromMs } = await listThreads(context, channel.id, what, problems);
    for (const thread of threads) histories.push(messageHistory(thread.id, thread.lastMessageId, sinceMs, untilMs));
    floorMs = Math.max(floorMs, listedFromMs);
  }
  const facts = problems.refused ? [] : await readTogether(context, histories, (id) => (id === channel.id ? what : `thread ${id} of ${what}`), problems, startRequests);
  if (problems.refused) return unread(problems.refused.why, problems.refused.fix, true);
  if (histories.some((history) => history.hiddenHistory)) {
    return unread(`missing Read Message History: ${what} has messages in the window (last_message_id) but Discord showed the bot none`, HISTORY_FIX);
  }

  for (const history of histories) if (!history.done) floorMs = Math.max(floorMs, history.frontierMs + 1);
  const messages = facts.filter((fact) => Date.parse(fact.at) >= floorMs).sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  if (problems.why.length === 0) return done({ status: 'read', from: window.from, messages });
  // Nothing read, and part of the window not covered: nothing to show for it.
  const nothingRead = messages.length === 0 && histories.every((history) => history.pages === 0) && floorMs > sinceMs;
  const why = [...new Set(problems.why)].join('; ');
  const fix = [...new Set(problems.fix)].join('; ');
  return done({ status: nothingRead ? 'unread' : 'partial', why, fix, from: nothingRead ? window.from : new Date(Math.min(floorMs, untilMs)).toISOString(), messages });
}

/**
 * The public threads of `channelId` that may hold messages of the window: the run's active ones and
 * its archived ones. `listedFromMs`: the instant (ms) before which threads may be missing (the
 * window's start, or where the archived listing stopped at its cap); failures go to `problems`.
 */
async function listThreads(context: ChannelReadContext, channelId: string, what: string, problems: Problems): Promise<{ threads: ThreadRef[]; listedFromMs: number }> {
  const threads = new Map<string, ThreadRef>();
  let listedFromMs = context.sinceMs;
  const active = await context.activeThreads();
  if (active instanceof Map) for (const thread of active.get(channelId) ?? []) threads.set(thread.id, thread);
  else if (active.tokenRefused) problems.refused = active;
  else {
    problems.why.push(`the active threads were not listed: ${active.why}`);
    problems.fix.push(active.fix);
  }
  if (problems.refused) return { threads: [], listedFromMs };
  try {
    const archived = await listArchivedThreads(context.rest, channelId, context.sinceMs);
    for (const thread of archived.threads) threads.set(thread.id, thread);
    if (archived.listedFromMs !== undefined) {
      listedFromMs = archived.listedFromMs;
      problems.why.push(`more than ${MAX_ARCHIVED_PAGES * 100} threads archived in the window: listed those archived since ${new Date(archived.listedFromMs).toISOString()}`);
      problems.fix.push(CAP_FIX);
    }
  } catch (error) {
    const failure = describeFailure(error, `the archived threads of ${what}`, 'Read Message History');
    if (failure.tokenRefused) problems.refused = failure;
    problems.why.push(failure.why);
    problems.fix.push(failure.fix);
  }
  return { threads: [...threads.values()], listedFromMs };
}

/**
 * Reads `histories` newest first together, always the one whose read part reaches least far back,
 * until each reaches the window's start or the channel's cap (messages, or requests since
 * `startRequests`) stops them; the human messages read. A history that fails is left (its unread
 * part bounds the channel's `from`), the others go on; failures and caps go to `problems`.
 */
async function readTogether(context: ChannelReadContext, histories: MessageHistory[], describe: (id: string) => string, problems: Problems, startRequests: number): Promise<DiscordMessageFact[]> {
  const { rest, sinceMs, untilMs, maxMessages } = context;
  const facts: DiscordMessageFact[] = [];
  const maxRequests = Math.ceil(maxMessages / MESSAGE_PAGE) + Math.ceil(maxMessages / MESSAGES_PER_THREAD_REQUEST);
  const failed = new Set<MessageHistory>();
  for (;;) {
    const open = histories.filter((history) => !history.done && !failed.has(history));
    const next = open.reduce<MessageHistory | undefined>((a, b) => (a === undefined || b.frontierMs > a.frontierMs ? b : a), undefined);
    if (next === undefined) return facts;
    const back = new Date(next.frontierMs).toISOString();
    if (histories.reduce((sum, history) => sum + history.scanned, 0) >= maxMessages) {
      problems.why.push(`more than ${maxMessages} messages in the window: counted the newest, back to ${back}`);
      problems.fix.push(CAP_FIX);
      return facts;
    }
    if (rest.requests - startRequests >= maxRequests) {
      problems.why.push(`more than ${maxRequests} requests needed (the channel and ${histories.length - 1} threads): counted back to ${back}`);
      problems.fix.push(CAP_FIX);
      return facts;
    }
    try {
      await readNextPage(rest, next, sinceMs, untilMs, facts);
    } catch (error) {
      const failure = describeFailure(error, describe(next.channelId), 'Read Message History');
      if (failure.tokenRefused) {
        problems.refused = failure;
        return facts;
      }
      problems.why.push(failure.why);
      problems.fix.push(failure.fix);
      failed.add(next);
    }
  }
}
