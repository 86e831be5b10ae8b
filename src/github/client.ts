/**
 * The one Octokit type the App uses: what both its Octokits have — REST endpoint methods,
 * pagination and requests (`@octokit/rest`'s), GraphQL, and the config plugin's `.github/` reads.
 * Handlers get Probot's from the webhook context; the CLI, the Action and the job build
 * `@octokit/rest`'s (`createCliClient`). Retries and throttling are in the instance, not the type.
 * Only files in `src/github/` call it.
 */
import type { Octokit } from '@octokit/rest';
import type { config } from '@probot/octokit-plugin-config';

export type GitHub = Pick<Octokit, 'rest' | 'paginate' | 'graphql' | 'request'> & ReturnType<typeof config>;

/** `owner/name` split into Octokit's `{ owner, repo }`. @throws Error on a malformed name. */
export function repoParams(fullName: string): { owner: string; repo: string } {
  const [owner, repo, ...rest] = fullName.split('/');
  if (!owner || !repo || rest.length > 0) throw new Error(`not an owner/name repository: "${fullName}"`);
  return { owner, repo };
}
