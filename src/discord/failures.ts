/**
 * What a failed Discord request means for a person: why it was not read and what to do. Discord's
 * own message is quoted bounded (at most 200 characters, control characters dropped); the token
 * never appears (it is only in a request header).
 */
import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';

/** A failure, told for a person. `tokenRefused`: Discord refused the token (401): nothing more can be read this run. */
export interface DiscordFailure {
  why: string;
  fix: string;
  tokenRefused: boolean;
}

/** What to do about a token Discord refuses or that is missing. */
export const TOKEN_FIX = 'set DISCORD_BOT_TOKEN to the token of the read-only bot added to the server (Discord Developer Portal → your application → Bot → Reset Token)';

/**
 * `error` (thrown by {@link DiscordRest.get}) told for `what` (e.g. `channel "wg" (123)`);
 * `permission`: the permission the request needs (`View Channel`, `Read Message History`).
 */
export function describeFailure(error: unknown, what: string, permission: string): DiscordFailure {
  if (error instanceof DiscordAPIError) {
    const said = bounded(error.message);
    if (error.status === 401) return { why: `Discord refused the bot token (401 ${said})`, fix: TOKEN_FIX, tokenRefused: true };
    if (error.status === 403 || error.status === 404) {
      return {
        why: `the bot cannot see ${what}: Discord answered ${error.status} ${said}`,
        fix: `give the bot's role ${permission} on the channel (and check its id in discord.channels of .github/group-steward.yml)`,
        tokenRefused: false,
      };
    }
    return { why: `Discord answered ${error.status} ${said} for ${what}`, fix: 'run again later; if it persists, check the channel id and the bot\'s permissions', tokenRefused: false };
  }
  if (error instanceof RateLimitError) {
    return { why: `Discord kept rate-limiting the bot (${Math.ceil(error.retryAfter / 1000)} s asked on ${bounded(error.route)}): reading ${what} stopped`, fix: 'run again later', tokenRefused: false };
  }
  if (error instanceof HTTPError) return { why: `Discord failed (${error.status}) on ${what}, after retries`, fix: 'run again later', tokenRefused: false };
  const message = error instanceof Error ? error.message : String(error);
  return { why: `Discord could not be reached for ${what}: ${bounded(message)}`, fix: 'run again later; check that the runner can reach discord.com', tokenRefused: false };
}

/** `text` without control characters, cut to 200 characters. */
export function bounded(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean;
}
