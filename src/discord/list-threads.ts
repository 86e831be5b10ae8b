/**
 * The public threads of a channel that can hold messages of the window (issue 23): the guild's
 * active threads (one listing a run, `GET /guilds/{id}/threads/active`) and the channel's archived
 * public threads (`GET /channels/{id}/threads/archived/public`, newest archived first, paged with
 * `before` = an ISO timestamp). A thread archived before the window has no message in it (a
 * message unarchives a thread), so the archived listing stops there. Private threads are not read.
 */
import { ChannelType, Routes } from 'discord-api-types/v10';
import type { DiscordRest } from './discord-rest.js';
import { isSnowflake } from './snowflake.js';

/** A thread, as far as reading it needs: its id, its parent channel, its newest message id. */
export interface ThreadRef {
  id: string;
  parentId: string;
  lastMessageId: string | null;
}

/** Archived threads listed per request (Discord's maximum). */
const ARCHIVED_PAGE = 100;
/** Pages of archived threads read per channel and run: 2,000 threads archived within the window. */
export const MAX_ARCHIVED_PAGES = 20;

const PUBLIC_THREADS: ReadonlySet<unknown> = new Set([ChannelType.PublicThread, ChannelType.AnnouncementThread]);

/** The guild's active public threads, by parent channel id. @throws what {@link DiscordRest.get} throws, or an Error for a body that is not a thread list */
export async function listActiveThreads(rest: DiscordRest, guildId: string): Promise<Map<string, ThreadRef[]>> {
  const body = await rest.get(Routes.guildActiveThreads(guildId));
  const byParent = new Map<string, ThreadRef[]>();
  for (const thread of threadsOf(body)) byParent.set(thread.parentId, [...(byParent.get(thread.parentId) ?? []), thread]);
  return byParent;
}

/** The archived public threads of a channel, archived at or after `sinceMs`, and the archive instant (ms) the listing stopped at when it hit {@link MAX_ARCHIVED_PAGES} (threads archived before it were not listed). */
export interface ArchivedThreads {
  threads: ThreadRef[];
  listedFromMs?: number;
}

/** The channel's public threads archived at or after `sinceMs` (ms UTC). @throws what {@link DiscordRest.get} throws (403 without Read Message History) */
export async function listArchivedThreads(rest: DiscordRest, channelId: string, sinceMs: number): Promise<ArchivedThreads> {
  const threads: ThreadRef[] = [];
  let before: string | undefined;
  for (let page = 0; page < MAX_ARCHIVED_PAGES; page += 1) {
    const body = await rest.get(Routes.channelThreads(channelId, 'public'), { limit: String(ARCHIVED_PAGE), ...(before === undefined ? {} : { before }) });
    const listed = threadsOf(body);
    let oldest = Number.POSITIVE_INFINITY;
    for (const thread of listed) {
      if (thread.archivedMs < oldest) oldest = thread.archivedMs;
      if (thread.archivedMs >= sinceMs && thread.parentId === channelId) threads.push(thread);
    }
    const hasMore = (body as { has_more?: unknown }).has_more === true;
    if (!hasMore || listed.length === 0 || oldest < sinceMs || !Number.isFinite(oldest)) return { threads };
    before = new Date(oldest).toISOString();
  }
  return { threads, listedFromMs: Date.parse(before as string) };
}

/** The public threads of a thread-list body (`{ threads: [...] }`), with their archive instant (ms; +∞ when not archived). */
function threadsOf(body: unknown): (ThreadRef & { archivedMs: number })[] {
  const list = typeof body === 'object' && body !== null ? (body as { threads?: unknown }).threads : undefined;
  if (!Array.isArray(list)) throw new Error('Discord answered a thread list without `threads`');
  return list.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { id, type, parent_id: parentId, last_message_id: lastMessageId, thread_metadata: metadata } = item as Record<string, unknown>;
    if (!isSnowflake(id) || !isSnowflake(parentId) || !PUBLIC_THREADS.has(type)) return [];
    const meta = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>) : {};
    const archived = meta.archived === true && typeof meta.archive_timestamp === 'string' ? Date.parse(meta.archive_timestamp) : Number.NaN;
    return [{ id, parentId, lastMessageId: isSnowflake(lastMessageId) ? lastMessageId : null, archivedMs: Number.isNaN(archived) ? Number.POSITIVE_INFINITY : archived }];
  });
}
