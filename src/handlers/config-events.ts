/** Keeping the cached configuration honest: a push that changes `.github/` forgets it. */
import type { Context } from 'probot';
import { forgetRepoConfig } from '../github/repo-config.js';
import { pushTouches } from './push-paths.js';

/**
 * push: forget the repository's cached `.github/group-steward.yml` when the push touches `.github/`
 * — every repository's, when the push is to an organization's `.github` repository (whose file is
 * the organization-wide default). A push that lists no files (forced, or too many commits) counts.
 */
export async function onConfigPush(context: Context<'push'>): Promise<void> {
  const { repository } = context.payload;
  if (!pushTouches(context.payload, (f) => f.startsWith('.github/'))) return;
  if (repository.name === '.github') forgetRepoConfig();
  else forgetRepoConfig(repository.full_name);
}
