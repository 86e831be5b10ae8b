/**
 * Settling creation votes whose window has closed (the scheduled job): no review event arrives
 * when 72 hours simply pass, so the job re-evaluates every open vote. Planned, then applied: the
 * check-run writes are part of the job's plan — listed by a dry run, counted by its write cap.
 */
import type { Config } from '../config/schema.js';
import { applyPlan } from '../github/apply-plan.js';
import type { GitHub } from '../github/client.js';
import { findOpenVotes } from '../github/open-votes.js';
import type { Plan } from '../plan/actions.js';
import { planPullRequestChecks } from './charter-check.js';

/** The check-run writes that settle the open votes of a repository, per pull request. */
export interface VoteSettling {
  /** Each pull request re-evaluated, with its writes (often one `update-check-run`; none when nothing changes). */
  pulls: { number: number; plan: Plan }[];
  /** Every pull request's writes, in order: what the job adds to its plan. */
  plan: Plan;
}

/**
 * Re-evaluates each open creation vote in `owner/repo` at `now` and plans its check runs: a vote
 * whose period has ended is completed (passed or failed) in place, one still open is refreshed.
 * Reads only (one GraphQL request for the open votes, one per pull request).
 *
 * @param log where a pull request that could not be read is reported (it is skipped: one pull
 *            request must not leave the others' votes unsettled)
 * @throws the HTTP or GraphQL error when GitHub refuses to list the open votes
 */
export async function planVoteSettling(gh: GitHub, owner: string, repo: string, config: Config, now: Date, log: (message: string) => void = () => {}): Promise<VoteSettling> {
  const open = await findOpenVotes(gh, owner, repo);
  const pulls: VoteSettling['pulls'] = [];
  for (const pull of open) {
    try {
      const { plan } = await planPullRequestChecks(gh, { owner, repo, ...pull }, config, { charters: false, now });
      pulls.push({ number: pull.number, plan });
    } catch (error) {
      log(couldNotSettle(pull.number, error));
    }
  }
  return { pulls, plan: pulls.flatMap((p) => p.plan) };
}

/**
 * Writes the part of `settling` that `allowed` holds (the job's plan after its write cap), pull
 * request by pull request: a write GitHub refuses is reported and ends that pull request's writes,
 * not the others'.
 *
 * @returns the writes made, and the pull requests settled: re-evaluated, with every write of theirs made
 */
export async function applyVoteSettling(gh: GitHub, settling: VoteSettling, allowed: Plan, log: (message: string) => void = () => {}): Promise<{ applied: Plan; settled: number[] }> {
  const allow = new Set(allowed);
  const applied: Plan = [];
  const settled: number[] = [];
  for (const pull of settling.pulls) {
    let complete = true;
    for (const action of pull.plan) {
      // The cap keeps a prefix of the job's plan: past the first write it left, it left the rest.
      if (!allow.has(action)) {
        complete = false;
        break;
      }
      try {
        applied.push(...(await applyPlan(gh, [action])).applied);
      } catch (error) {
        log(couldNotSettle(pull.number, error));
        complete = false;
        break;
      }
    }
    if (complete) settled.push(pull.number);
  }
  return { applied, settled };
}

function couldNotSettle(number: number, error: unknown): string {
  return `the creation vote of #${number} could not be settled: ${error instanceof Error ? error.message : String(error)}`;
}
