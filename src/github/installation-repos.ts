/** The repositories an installation of the App can access. */
import type { GitHub } from './client.js';

/**
 * `owner/name` of every repository the installation behind `gh` can access, all pages of 100
 * followed (`GET /installation/repositories`; needs an installation token).
 *
 * @throws the HTTP error GitHub answers with
 */
export async function listInstallationRepos(gh: GitHub): Promise<string[]> {
  const repos = await gh.paginate(gh.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
  return repos.map((r) => r.full_name);
}
