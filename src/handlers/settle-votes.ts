/**
 * Settling creation votes whose window has closed (called by the scheduled job): no review event
 * arrives when 72 hours simply pass, so the job re-evaluates every open vote.
 */
import type { Config } from '../config/schema.js';
import type { GitHub } from '../github/client.js';
import { findOpenVotes } from '../github/open-votes.js';
import { checkPullRequest } from './charter-check.js';

/**
 * Re-evaluates each open creation vote in `owner/repo` at `now`; a vote whose period has ended
 * is completed (passed or failed) in place, one still open is refreshed.
 *
 * @returns the numbers of the pull requests whose vote was re-evaluated
 * @throws the HTTP or GraphQL error when GitHub refuses a request
 */
export async function settleCreationVotes(gh: GitHub, owner: string, repo: string, config: Config, now: Date): Promise<number[]> {
  const pulls = await findOpenVotes(gh, owner, repo);
  for (const pull of pulls) {
    await checkPullRequest(gh, { owner, repo, ...pull }, config, { charters: false, now });
  }
  return pulls.map((p) => p.number);
}
