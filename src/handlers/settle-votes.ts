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
 * @returns the numbers of the pull requests whose vote was re-evaluated (a failure is logged and skipped)
 * @throws the HTTP or GraphQL error when GitHub refuses to list the open votes
 */
export async function settleCreationVotes(
  gh: GitHub,
  owner: string,
  repo: string,
  config: Config,
  now: Date,
  log: (message: string) => void = () => {},
): Promise<number[]> {
  const pulls = await findOpenVotes(gh, owner, repo);
  const settled: number[] = [];
  for (const pull of pulls) {
    // One pull request that cannot be read must not leave the others' votes unsettled.
    try {
      await checkPullRequest(gh, { owner, repo, ...pull }, config, { charters: false, now });
      settled.push(pull.number);
    } catch (error) {
      log(`the creation vote of #${pull.number} could not be settled: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return settled;
}
