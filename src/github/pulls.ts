/** Finding pull requests: the open ones whose head is a commit (for re-requested checks). */
import type { GitHub } from './client.js';

export interface PullRef {
  number: number;
  headSha: string;
  baseSha: string;
}

/** Most pages of open pull requests scanned (100 each) when the commit lookup finds nothing. */
const MAX_PAGES = 5;

/**
 * Open pull requests whose head is `sha`, for a re-requested check (GitHub leaves fork pull
 * requests out of check payloads). First GitHub's commit → pull requests lookup (one request);
 * it does not know commits that exist only in a fork, so then the open pull requests are scanned
 * (up to 500) for that head.
 */
export async function openPullsForCommit(gh: GitHub, owner: string, repo: string, sha: string): Promise<PullRef[]> {
  const toRef = (p: { number: number; head: { sha: string }; base: { sha: string } }) => ({ number: p.number, headSha: p.head.sha, baseSha: p.base.sha });
  const { data } = await gh.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: sha });
  const found = data.filter((p) => p.state === 'open' && p.head.sha === sha).map(toRef);
  if (found.length > 0) return found;
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const { data: open } = await gh.rest.pulls.list({ owner, repo, state: 'open', per_page: 100, page });
    const match = open.filter((p) => p.head.sha === sha).map(toRef);
    if (match.length > 0) return match;
    if (open.length < 100) break;
  }
  return [];
}
