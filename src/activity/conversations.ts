/**
 * A group's conversations as evidence (issue 23; SEP-1302 § IG Lifecycle "at least one substantive
 * thread / conversation per month"): the human messages a snapshot recorded of its Discord channel
 * (and the channel's threads), counted with their distinct participants. Only when and by whom a
 * message was written is kept, never what it says. Pure: plain data and `now` in.
 */
import type { SnapshotConversation } from './snapshot.js';

/** A channel's conversation in the window. */
export interface ChannelConversation {
  /** The channel's name, as the charter gives it (`discord`). */
  channel: string;
  /** Messages within `[fromMs, nowMs]`. */
  messages: number;
  /** Distinct authors (Discord user ids) of those messages. */
  participants: number;
  /** The latest message at or before `nowMs` (in the window or not), ISO UTC; null when none. */
  latest: string | null;
}

/**
 * The conversation of `channel` (compared ignoring case and a leading `#`; `channelId`, when
 * given, must match the recorded id) within the window `[fromMs, nowMs]` (UTC ms). A channel
 * recorded more than once is counted once per distinct `at`+`author` pair. Messages after `nowMs`
 * are not counted. Never throws; an `at` that is no instant is skipped.
 */
export function channelConversation(conversations: readonly SnapshotConversation[] | undefined, channel: string, channelId: string | null, fromMs: number, nowMs: number): ChannelConversation {
  const name = channel.replace(/^#/, '').toLowerCase();
  const seen = new Set<string>();
  const authors = new Set<string>();
  let messages = 0;
  let latest = -Infinity;
  for (const c of conversations ?? []) {
    if (c.channel.replace(/^#/, '').toLowerCase() !== name || (channelId !== null && c.channel_id !== channelId)) continue;
    for (const m of c.messages) {
      const at = Date.parse(m.at);
      if (!Number.isFinite(at) || at > nowMs) continue;
      const key = `${at} ${m.author}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (at > latest) latest = at;
      if (at < fromMs) continue;
      messages += 1;
      authors.add(m.author);
    }
  }
  return { channel, messages, participants: authors.size, latest: Number.isFinite(latest) ? new Date(latest).toISOString() : null };
}
