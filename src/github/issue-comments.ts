/**
 * Reading the comments of an issue or pull request, to find the App's own marked comments (its
 * one reply to group commands, its "linked to a group" comments).
 */
import type { ExistingComment } from '../linking/markers.js';
import type { GitHub } from './client.js';
import { repoParams } from './client.js';
import { isAppLogin } from '../names.js';
import type { IssueThreadCommentsFragment } from './graphql-types.generated.js';

/**
 * The comments of issue or pull request `number` of `repo`, pages of 100 followed up to 1,000
 * (`GET /repos/{owner}/{repo}/issues/{number}/comments`). A comment is the App's when its author
 * is the App's bot: `appLogin` as GraphQL names it (`slug`) or as REST does (`slug[bot]`),
 * ignoring case. Bodies of deleted or empty comments are "".
 *
 * @throws the HTTP error GitHub answers with
 */
export async function listIssueComments(gh: GitHub, repo: string, number: number, appLogin: string): Promise<ExistingComment[]> {
  const found: ExistingComment[] = [];
  let pages = 0;
  // A thread of thousands of comments (spam included) costs at most MAX_COMMENT_PAGES requests.
  for await (const { data } of gh.paginate.iterator(gh.rest.issues.listComments, { ...repoParams(repo), issue_number: number, per_page: 100 })) {
    found.push(...data.map((c) => ({ id: c.id, body: c.body ?? '', authorIsApp: isAppLogin(c.user?.login, c.user?.type, appLogin) })));
    pages += 1;
    if (pages >= MAX_COMMENT_PAGES) break;
  }
  return found;
}

/**
 * The GraphQL fragment of an issue's or pull request's comments as the App reads them to find its
 * own marked ones: `...IssueThreadComments` on an `IssueCommentConnection` (append the fragment to
 * the query). `author.__typename` tells the App's bot from a user named like its slug.
 */
export const THREAD_COMMENTS_FRAGMENT = /* GraphQL */ `
  fragment IssueThreadComments on IssueCommentConnection {
    totalCount
    nodes {
      databaseId
      body
      author {
        __typename
        login
      }
    }
  }
`;

/**
 * The comments `THREAD_COMMENTS_FRAGMENT` read (`appLogin` as in `listIssueComments`); null when
 * the thread has more than were read (or none could be), for the caller to read them whole.
 */
export function threadComments(read: IssueThreadCommentsFragment | null | undefined, appLogin: string): ExistingComment[] | null {
  if (!read || read.totalCount > (read.nodes?.length ?? 0)) return null;
  return (read.nodes ?? []).flatMap((c) => (c?.databaseId ? [{ id: c.databaseId, body: c.body, authorIsApp: isAppLogin(c.author?.login, c.author?.__typename, appLogin) }] : []));
}

/**
 * Most pages of comments read (100 each). The App's marked comments are found among the first
 * 1,000: it writes its reply and its link comments when the work is young.
 */
export const MAX_COMMENT_PAGES = 10;

