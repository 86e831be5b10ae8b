/**
 * Reading the comments of an issue or pull request, to find the App's own marked comments (its
 * one reply to group commands, its "linked to a group" comments).
 */
import type { ExistingComment } from '../linking/markers.js';
import type { GitHub } from './client.js';
import { repoParams } from './client.js';

/**
 * Every comment of issue or pull request `number` of `repo`, all pages of 100 followed
 * (`GET /repos/{owner}/{repo}/issues/{number}/comments`). A comment is the App's when its author
 * is the App's bot: `appLogin` as GraphQL names it (`slug`) or as REST does (`slug[bot]`),
 * ignoring case. Bodies of deleted or empty comments are "".
 *
 * @throws the HTTP error GitHub answers with
 */
export async function listIssueComments(gh: GitHub, repo: string, number: number, appLogin: string): Promise<ExistingComment[]> {
  const comments = await gh.paginate(gh.rest.issues.listComments, { ...repoParams(repo), issue_number: number, per_page: 100 });
  return comments.map((c) => ({ id: c.id, body: c.body ?? '', author_is_app: isAppLogin(c.user?.login, c.user?.type, appLogin) }));
}

/**
 * Whether `login` is the App's bot. A bot's login is `slug` in GraphQL but `slug[bot]` in REST:
 * both forms are compared, ignoring case; a user named like the slug is not the App.
 */
export function isAppLogin(login: string | undefined, type: string | undefined, appLogin: string): boolean {
  if (!login || !appLogin) return false;
  const slug = appLogin.toLowerCase().replace(/\[bot\]$/, '');
  const name = login.toLowerCase();
  return name === `${slug}[bot]` || (type === 'Bot' && name === slug);
}
