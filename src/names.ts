/**
 * Names as GitHub compares them: repositories ignoring case, the App's bot in its REST and GraphQL
 * spellings, a sender that is a bot, and a folder path as configured. Pure; shared by the core and
 * the adapters, so each rule has one home.
 */
import { withoutBotSuffix } from './logins.js';

/** `owner/name` compared as GitHub does, ignoring case. Pure. */
export function sameRepo(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Whether `login` is the App's bot. A bot's login is `slug` in GraphQL but `slug[bot]` in REST:
 * both forms are compared, ignoring case; a user named like the slug is not the App. Pure.
 */
export function isAppLogin(login: string | undefined, type: string | undefined, appLogin: string): boolean {
  if (!login || !appLogin) return false;
  const slug = withoutBotSuffix(appLogin).toLowerCase();
  const name = login.toLowerCase();
  return name === `${slug}[bot]` || (type === 'Bot' && name === slug);
}

/** A webhook's sender is a bot: `type: Bot`, or a `[bot]` login (GitHub Apps, this one included). Pure. */
export function isBotSender(sender: { login?: string; type?: string } | undefined): boolean {
  return sender?.type === 'Bot' || /\[bot\]$/i.test(sender?.login ?? '');
}

/** A folder as configured (`groups_dir`: `/groups/`, `groups`) as a path from the repository root: `groups`. Pure. */
export function folderPath(dir: string): string {
  return dir.replace(/^\/+|\/+$/g, '');
}
