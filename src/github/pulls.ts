/** Finding pull requests: the open ones whose head is a commit (for re-requested checks). */
import type { GitHub } from './client.js';

export interface PullRef {
  number: number;
  headSha: string;
  baseSha: string;
}

/**
 * Open pull requests whose head is `sha` (GitHub omits fork pull requests from check-suite
 * payloads, so a re-requested check finds its pull request here). One REST request.
 */
export async function openPullsForCommit(gh: GitHub, owner: string, repo: string, sha: string): Promise<PullRef[]> {
  const { data } = await gh.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: sha });
  return data
    .filter((p) => p.state === 'open' && p.head.sha === sha)
    .map((p) => ({ number: p.number, headSha: p.head.sha, baseSha: p.base.sha }));
}
