/**
 * Discord conversations (issue 23), for communities that add a read-only bot: who wrote in each
 * configured channel within the window — never what. REST only (no gateway, no privileged intent:
 * counting needs no message content); the bot needs View Channel and Read Message History.
 * What could not be seen is `unread`/`partial` with why and fix, never silence.
 */
import { discordRest } from './discord-rest.js';
import { describeFailure, TOKEN_FIX } from './failures.js';
import type { DiscordFailure } from './failures.js';
import { listActiveThreads } from './list-threads.js';
import type { ThreadRef } from './list-threads.js';
import { readChannel } from './read-channel.js';
import type { ChannelReadContext } from './read-channel.js';
import { isSnowflake } from './snowflake.js';
import type { DiscordChannelRead, DiscordReadOptions } from './channel-read.js';

export type { DiscordChannelRead, DiscordMessageFact, DiscordReadOptions } from './channel-read.js';

/** The default of {@link DiscordReadOptions.maxMessagesPerChannel}. */
export const DEFAULT_MAX_MESSAGES_PER_CHANNEL = 10_000;

/**
 * Reads every configured channel over `since..until` (issue 23), one after another, and returns
 * one read per channel in the order given, with the run's HTTP requests. Never throws for what
 * Discord answers (unread with why/fix); a refused token makes every channel not yet read unread.
 * @throws RangeError when `since` is not before `until`
 */
export async function readDiscordChannels(options: DiscordReadOptions): Promise<{ channels: DiscordChannelRead[]; requests: number }> {
  const sinceMs = options.since.getTime();
  const untilMs = options.until.getTime();
  if (!(sinceMs < untilMs)) throw new RangeError(`the Discord window must start before it ends (since ${options.since.toISOString()}, until ${options.until.toISOString()})`);
  const window = { since: options.since, until: options.until };
  if (options.token.trim() === '') return { channels: discordNotConfigured(options.channels, 'no bot token', window), requests: 0 };
  if (!isSnowflake(options.guildId)) {
    return { channels: discordNotConfigured(options.channels, `discord.guild_id "${String(options.guildId).slice(0, 40)}" is not a Discord id`, window, 'set discord.guild_id in .github/group-steward.yml to the server\'s id (Developer Mode → right-click the server → Copy Server ID)'), requests: 0 };
  }
  const rest = discordRest(options.token, options.api);
  let active: Promise<Map<string, ThreadRef[]> | DiscordFailure> | undefined;
  const context: ChannelReadContext = {
    rest,
    guildId: options.guildId,
    sinceMs,
    untilMs,
    maxMessages: Math.max(1, options.maxMessagesPerChannel ?? DEFAULT_MAX_MESSAGES_PER_CHANNEL),
    activeThreads: () => (active ??= listActiveThreads(rest, options.guildId).catch((error: unknown) => describeFailure(error, `the active threads of server ${options.guildId}`, 'View Channel'))),
  };
  const channels: DiscordChannelRead[] = [];
  for (const [index, channel] of options.channels.entries()) {
    const { read, tokenRefused } = await readChannel(context, channel);
    channels.push(read);
    if (tokenRefused) {
      channels.push(...discordNotConfigured(options.channels.slice(index + 1), read.why ?? 'Discord refused the bot token', window));
      break;
    }
  }
  return { channels, requests: rest.requests };
}

/**
 * The reads of channels that were not read at all (no bot token, no configuration): each
 * `unread` with `why` (e.g. "no bot token") and `fix` (default: set DISCORD_BOT_TOKEN), over the
 * window asked (default: the 30 days before now), no message, no request.
 */
export function discordNotConfigured(channels: readonly { name: string; id: string }[], why: string, window?: { since: Date; until: Date }, fix: string = TOKEN_FIX): DiscordChannelRead[] {
  const until = window?.until ?? new Date();
  const since = window?.since ?? new Date(until.getTime() - 30 * 86_400_000);
  return channels.map((channel) => ({ name: channel.name, channelId: channel.id, status: 'unread', why, fix, from: since.toISOString(), until: until.toISOString(), messages: [], requests: 0 }));
}
