/** Reading one issue by number, for the App to decide about it. */
import type { ReadIssue } from '../proposals/read-issue.js';
import type { GitHub } from './client.js';
import { repoParams } from './client.js';

/**
 * Issue `number` of `repo` (`GET /repos/{owner}/{repo}/issues/{number}`), or null when GitHub
 * answers 404 or 410 (deleted, transferred, or never there).
 *
 * @throws any other HTTP error GitHub answers with
 */
export async function readIssue(gh: GitHub, repo: string, number: number): Promise<ReadIssue | null> {
  try {
    const { data } = await gh.rest.issues.get({ ...repoParams(repo), issue_number: number });
    return { number: data.number, state: data.state === 'open' ? 'open' : 'closed', author: data.user?.login ?? null, body: data.body ?? '', isPull: data.pull_request !== undefined };
  } catch (error) {
    const status = (error as { status?: unknown } | null)?.status;
    if (status === 404 || status === 410) return null;
    throw error;
  }
}
