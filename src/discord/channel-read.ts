/**
 * The shapes of a Discord read (issue 23), apart from the code that reads so that every module of
 * src/discord can name them (src/discord/read-channels.ts re-exports them).
 */

/** One human message, as kept: when (ISO UTC, from its snowflake id) and who (a Discord user id). Never its content. */
export interface DiscordMessageFact {
  at: string;
  author: string;
}

/** What was read of one configured channel. */
export interface DiscordChannelRead {
  /** The charter's channel name (`discord`). */
  name: string;
  channelId: string;
  /** `read`: all of from..until; `partial`: what is in `messages` is evidence of activity, never of silence; `unread`: nothing. */
  status: 'read' | 'partial' | 'unread';
  /** Required unless `read`. */
  why?: string;
  fix?: string;
  /** ISO: every human message in from..until was read (channel and its threads); for `unread`, the window asked. */
  from: string;
  until: string;
  /** Human messages only, in from..until, channel and threads together, newest first. */
  messages: DiscordMessageFact[];
  /** HTTP requests made for this channel (a retried one counts each time; the run's one listing of the guild's active threads counts with the first channel that needs it). */
  requests: number;
}

export interface DiscordReadOptions {
  /** The bot token (the job reads env `DISCORD_BOT_TOKEN`). */
  token: string;
  /** The server (guild) id of the configuration's `discord.guild_id`. */
  guildId: string;
  /** The configured channels: the charter's name and the channel id. */
  channels: { name: string; id: string }[];
  since: Date;
  until: Date;
  /** Discord's API base URL (default `https://discord.com/api`), for tests. */
  api?: string;
  /** Messages of the window read at most per channel, its threads included (default 10,000), and so requests (⌈N/100⌉ pages + N/20 for small threads): beyond, `partial`. */
  maxMessagesPerChannel?: number;
}
