/**
 * One message history (a channel's or a thread's), read newest first in pages of 100
 * (`GET /channels/{id}/messages?before=&limit=100`) from the end of the window back to its start:
 * the first `before` is the snowflake of `until` + 1 ms (nothing later is read), each next one the
 * oldest id read, and reading stops at the first message older than `since`, a short page, or the
 * channel's own id (when it was made).
 */
import { Routes } from 'discord-api-types/v10';
import type { DiscordRest } from './discord-rest.js';
import { humanMessageFact } from './human-message.js';
import type { DiscordMessageFact } from './channel-read.js';
import { isSnowflake, snowflakeAt, snowflakeTime } from './snowflake.js';

/** Messages per page (Discord's maximum). */
export const MESSAGE_PAGE = 100;

/** A history being read. `frontierMs`: every message after it (to `until`) has been read; `done`: read back to `since`. */
export interface MessageHistory {
  channelId: string;
  /** The newest message id Discord gave for the channel or thread (`last_message_id`), if any. */
  lastMessageId: string | null;
  before: string;
  frontierMs: number;
  done: boolean;
  /** Pages read. */
  pages: number;
  /** Messages of the window read (every type and author). */
  scanned: number;
  /** The first page was empty although `last_message_id` lies within the window: the bot may not read the history (no Read Message History). */
  hiddenHistory: boolean;
}

/** A history of `channelId` over `sinceMs..untilMs` (ms UTC), done at once when its newest message is older than the window. */
export function messageHistory(channelId: string, lastMessageId: string | null, sinceMs: number, untilMs: number): MessageHistory {
  const lastMs = lastMessageId === null ? null : snowflakeTime(lastMessageId);
  const done = lastMs === null || lastMs < sinceMs;
  return { channelId, lastMessageId, before: snowflakeAt(untilMs + 1), frontierMs: Math.min(untilMs, lastMs ?? untilMs), done, pages: 0, scanned: 0, hiddenHistory: false };
}

/**
 * Reads the next page of `history` into `facts` (human messages within `sinceMs..untilMs`) and
 * moves it on. @throws what {@link DiscordRest.get} throws, or an Error for a body that is not a message list
 */
export async function readNextPage(rest: DiscordRest, history: MessageHistory, sinceMs: number, untilMs: number, facts: DiscordMessageFact[]): Promise<void> {
  const body = await rest.get(Routes.channelMessages(history.channelId), { before: history.before, limit: String(MESSAGE_PAGE) });
  if (!Array.isArray(body)) throw new Error('Discord answered a message list that is not an array');
  history.pages += 1;
  const page = body.filter((message: unknown): message is { id: string } => isSnowflake((message as { id?: unknown } | null)?.id));
  if (page.length === 0) {
    history.done = true;
    if (history.pages === 1) history.hiddenHistory = await historyHidden(rest, history, sinceMs, untilMs);
    return;
  }
  const before = BigInt(history.before);
  let oldest = before;
  for (const message of page) {
    const id = BigInt(message.id);
    if (id >= before) continue;
    if (id < oldest) oldest = id;
    const ms = snowflakeTime(message.id);
    if (ms < sinceMs) continue;
    history.scanned += 1;
    const fact = humanMessageFact(message);
    if (fact !== null) facts.push(fact);
  }
  const oldestMs = snowflakeTime(oldest.toString());
  history.before = oldest.toString();
  history.frontierMs = oldestMs;
  // A short page is the start of the history, and so is the channel's own id (nothing in a channel or
  // thread is older than it: a forum post's first message has the thread's id); a page of nothing
  // older than the cursor would never end.
  if (body.length < MESSAGE_PAGE || oldestMs < sinceMs || oldest <= BigInt(history.channelId) || oldest === before) history.done = true;
}

/**
 * Whether an empty first page hides messages: Discord answers an empty list, not 403, when the bot
 * lacks Read Message History. So a newest message (`last_message_id`) within the window means
 * hidden; one after the window is checked with one more request (`limit=1`, no cursor), which sees
 * any message at all when the history is readable.
 */
async function historyHidden(rest: DiscordRest, history: MessageHistory, sinceMs: number, untilMs: number): Promise<boolean> {
  const lastMs = history.lastMessageId === null ? null : snowflakeTime(history.lastMessageId);
  if (lastMs === null || lastMs < sinceMs) return false;
  if (lastMs <= untilMs) return true;
  const newest = await rest.get(Routes.channelMessages(history.channelId), { limit: '1' });
  return Array.isArray(newest) && newest.length === 0;
}
