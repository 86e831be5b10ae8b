/**
 * The one Octokit type the App uses: Probot's (REST endpoint methods, pagination, retries,
 * throttling, GraphQL). Handlers get it from the webhook context; the CLI builds one from a token
 * or App credentials. Only files in `src/github/` call it.
 */
import type { ProbotOctokit } from 'probot';

export type GitHub = ProbotOctokit;

/** `owner/name` split into Octokit's `{ owner, repo }`. @throws Error on a malformed name. */
export function repoParams(fullName: string): { owner: string; repo: string } {
  const [owner, repo, ...rest] = fullName.split('/');
  if (!owner || !repo || rest.length > 0) throw new Error(`not an owner/name repository: "${fullName}"`);
  return { owner, repo };
}
