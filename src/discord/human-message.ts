/**
 * Which Discord messages are a person's, and the only facts kept of one (issue 23): a message of
 * type Default (0) or Reply (19) whose author is not a bot (`author.bot`), not Discord itself
 * (`author.system`), and that no webhook (`webhook_id`) or application (`application_id`: an
 * interaction's reply) sent. Thread-created, pins, joins, boosts, a thread's starter copy … are
 * other types: not counted. Nothing else is read of a message — never its content.
 */
import { MessageType } from 'discord-api-types/v10';
import type { DiscordMessageFact } from './channel-read.js';
import { isSnowflake, snowflakeTime } from './snowflake.js';

const HUMAN_TYPES: ReadonlySet<unknown> = new Set([MessageType.Default, MessageType.Reply]);

/**
 * The fact `{ at, author }` of a human message (`at`: the ISO UTC instant its id encodes), or
 * `null` for any other message and for anything that is not a message object with snowflake ids.
 */
export function humanMessageFact(message: unknown): DiscordMessageFact | null {
  if (typeof message !== 'object' || message === null) return null;
  const { id, type, author, webhook_id: webhookId, application_id: applicationId } = message as Record<string, unknown>;
  if (!isSnowflake(id) || !HUMAN_TYPES.has(type) || present(webhookId) || present(applicationId)) return null;
  if (typeof author !== 'object' || author === null) return null;
  const { id: authorId, bot, system } = author as Record<string, unknown>;
  if (!isSnowflake(authorId) || bot === true || system === true) return null;
  return { at: new Date(snowflakeTime(id)).toISOString(), author: authorId };
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}
