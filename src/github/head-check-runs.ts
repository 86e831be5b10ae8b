/**
 * The newest check run of one name on a commit, by REST (`GET /repos/{owner}/{repo}/commits/{ref}/check-runs`,
 * `filter=latest`): for a check planned without the pull request's GraphQL read — the failure of
 * an invalid `.github/group-steward.yml` — so that it is written only when the head differs.
 */
import type { GitHub } from './client.js';
import type { PostedCheckRun } from './vote-runs.js';

/**
 * The newest run named `name` on commit `sha` of `owner/repo` that carries a Group Steward digest
 * (`external_id` starting `gs1:`: only this App writes one), as `PostedCheckRun` (status upper-cased
 * as GraphQL says it), keyed by name; an empty map when there is none.
 *
 * @throws the HTTP error GitHub answers with
 */
export async function readHeadCheckRun(gh: GitHub, target: { owner: string; repo: string; sha: string; name: string }): Promise<Map<string, PostedCheckRun>> {
  const { data } = await gh.rest.checks.listForRef({ owner: target.owner, repo: target.repo, ref: target.sha, check_name: target.name, filter: 'latest', per_page: 100 });
  const posted = new Map<string, PostedCheckRun>();
  const ours = data.check_runs.filter((r) => r.name === target.name && typeof r.external_id === 'string' && r.external_id.startsWith('gs1:')).sort((a, b) => a.id - b.id);
  const newest = ours.at(-1);
  if (newest) posted.set(target.name, { id: newest.id, status: newest.status.toUpperCase(), externalId: newest.external_id ?? null });
  return posted;
}
