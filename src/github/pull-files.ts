/** The files a pull request changes, to match them against the groups' `paths` globs. */
import type { GitHub } from './client.js';
import { repoParams } from './client.js';

/**
 * The paths of the files pull request `number` of `repo` changes, relative to the repository
 * root, all pages of 100 followed (`GET /repos/{owner}/{repo}/pulls/{pull_number}/files`; GitHub
 * lists at most 3,000 files). A renamed file is listed by its new path and its old one, since
 * moving a file out of a group's folder touches that group's paths too.
 *
 * @throws the HTTP error GitHub answers with
 */
export async function listPullRequestFiles(gh: GitHub, repo: string, number: number): Promise<string[]> {
  const files = await gh.paginate(gh.rest.pulls.listFiles, { ...repoParams(repo), pull_number: number, per_page: 100 });
  return files.flatMap((f) => (f.previous_filename ? [f.filename, f.previous_filename] : [f.filename]));
}
