/**
 * Reading labels: every label of a repository, and the labels an issue or pull request carries
 * now. Reads only; label writes are plan actions applied by `applyPlan`.
 */
import type { ExistingLabel } from '../labels/sync-plan.js';
import type { GitHub } from './client.js';
import { repoParams } from './client.js';

/** Labels per page; GitHub's maximum. */
export const LABELS_PER_PAGE = 100;

/**
 * Every label of `repo` (`owner/name`), all pages followed (GitHub's Link headers): one request
 * per 100 labels (`GET /repos/{owner}/{repo}/labels`).
 *
 * @throws the HTTP error GitHub answers with (404 when the installation cannot see the repository)
 */
export async function listRepoLabels(gh: GitHub, repo: string): Promise<ExistingLabel[]> {
  const labels = await gh.paginate(gh.rest.issues.listLabelsForRepo, { ...repoParams(repo), per_page: LABELS_PER_PAGE });
  return labels.map((l) => ({ name: l.name, color: l.color, description: l.description ?? null }));
}

/**
 * The names of the labels issue or pull request `number` of `repo` carries now — read live, not
 * from a webhook payload that may be older (`GET /repos/{owner}/{repo}/issues/{number}/labels`,
 * all pages).
 *
 * @throws the HTTP error GitHub answers with
 */
export async function listIssueLabels(gh: GitHub, repo: string, number: number): Promise<string[]> {
  const labels = await gh.paginate(gh.rest.issues.listLabelsOnIssue, { ...repoParams(repo), issue_number: number, per_page: LABELS_PER_PAGE });
  return labels.map((l) => l.name);
}
