/**
 * Webhook handlers for the charter check and the policy's approval checks: turn each event into a pull
 * request target and the repository's configuration, then call `checkPullRequest`.
 */
import type { Context } from 'probot';
import { ConfigError } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { OWN_CHECK_NAMES } from '../checks/own-check-names.js';
import { openPullsForCommit } from '../github/pulls.js';
import type { PullRef } from '../github/pulls.js';
import { loadRepoConfig } from '../github/repo-config.js';
import { CHARTER_CHECK_NAME } from '../checks/charter-report.js';
import { applyPlan } from '../github/apply-plan.js';
import { readHeadCheckRun } from '../github/head-check-runs.js';
import { checkPullRequest, planPullRequestChecks, unposted } from '../services/charter-check.js';
import type { CheckOptions, CheckOutcome } from '../services/charter-check.js';
import { workReadNeeds } from '../services/linking.js';
import { sameRepo } from '../names.js';
import { governanceOrSkip, linkInOrder, pullRequestWorkEvent } from './linking-events.js';
import { serialised, workKey } from './serialise.js';

/** The configuration, or the error met reading it (reported in the check, never lost). */
export async function configOrError(context: Context, now: Date): Promise<Config | Error> {
  const { owner, repo } = context.repo();
  try {
    return await loadRepoConfig(context, `${owner}/${repo}`, now.getTime());
  } catch (error) {
    return error instanceof Error ? error : new ConfigError([String(error)]);
  }
}

/**
 * Judges each pull request: the charter check too when `charters`, else the approval checks only.
 * With `work`, the read also brings what linking needs of the pull request (the outcomes' `work`).
 */
async function check(context: Context, pulls: readonly PullRef[], options: { charters: CheckOptions['charters']; now?: Date; config?: Config | Error; work?: CheckOptions['work'] }): Promise<CheckOutcome[]> {
  const now = options.now ?? new Date();
  const { owner, repo } = context.repo();
  const config = options.config ?? (await configOrError(context, now));
  const outcomes: CheckOutcome[] = [];
  for (const pull of pulls) {
    try {
      const outcome =
        config instanceof ConfigError && options.charters === true
          ? await checkInvalidConfig(context, { owner, repo, ...pull }, config, now)
          : await checkPullRequest(context.octokit, { owner, repo, ...pull }, config, { charters: options.charters, now, ...(options.work ? { work: options.work } : {}) });
      outcomes.push(outcome);
      context.log.info({ repo: `${owner}/${repo}`, pull: pull.number, posted: outcome.posted, newGroups: outcome.newGroups }, 'charter check');
    } catch (error) {
      // GitHub refused the check run itself, after the rate-limit retries: say so with the delivery
      // (Probot's context logger carries its id), so it can be found and redelivered.
      context.log.error({ repo: `${owner}/${repo}`, pull: pull.number, err: error }, 'charter check: the check run could not be written');
      throw error;
    }
  }
  return outcomes;
}

/**
 * An invalid `.github/group-steward.yml`: the failed "Group charters" check, written only when the
 * head commit's newest run of it differs (read by REST: the pull request's GraphQL read needs the
 * configuration) — so each delivery while the configuration stays invalid writes nothing more.
 */
async function checkInvalidConfig(context: Context, target: PullRef & { owner: string; repo: string }, config: ConfigError, now: Date): Promise<CheckOutcome> {
  const { plan, ...outcome } = await planPullRequestChecks(context.octokit, target, config, { charters: true, now });
  const posted = await readHeadCheckRun(context.octokit, { owner: target.owner, repo: target.repo, sha: target.headSha, name: CHARTER_CHECK_NAME });
  const writes = unposted(plan, posted, { again: false });
  await applyPlan(context.octokit, writes);
  return { ...outcome, posted: writes.length > 0 ? outcome.posted : [] };
}

/**
 * pull_request edited: when the edit moved the pull request to another base branch
 * (`changes.base`), the charters it changes are others: the full check runs again. An edit of the
 * title or body changes no check (it is linked by `onPullRequestLinking`).
 */
export async function onPullRequestEdited(context: Context<'pull_request.edited'>): Promise<void> {
  const { payload } = context;
  if (payload.changes.base === undefined) return;
  const pr = payload.pull_request;
  await check(context, [{ number: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha }], { charters: true });
}

/**
 * pull_request opened / synchronize / reopened / ready_for_review: the full check (what is posted
 * already with the same content on the head commit is not posted again). Opened and
 * synchronize are linked here too, after the check and in the work item's turn (`serialised`):
 * in its own governance repository, from the check's one read (`CheckOptions.work`), else — or
 * when that read failed — with linking's own.
 */
export async function onPullRequest(context: Context<'pull_request'>): Promise<void> {
  const { payload } = context;
  const pr = payload.pull_request;
  const pull = { number: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha };
  if (payload.action !== 'opened' && payload.action !== 'synchronize') {
    await check(context, [pull], { charters: true });
    return;
  }
  const event = pullRequestWorkEvent(payload as Context<'pull_request.opened' | 'pull_request.synchronize'>['payload']);
  const repo = payload.repository.full_name;
  await serialised(workKey(context, repo, pr.number), async () => {
    const now = new Date();
    // The repository's configuration once: an invalid one fails the check, saying why, and linking is skipped.
    const config = await configOrError(context, now);
    const governance = config instanceof Error ? null : await governanceOrSkip(context, repo, now);
    const own = governance !== null && event !== null && sameRepo(governance.governanceRepo, repo);
    const [outcome] = await check(context, [pull], { charters: true, now, config, ...(own && event ? { work: workReadNeeds(event) } : {}) });
    if (governance && event) await linkInOrder(context, event, { now, config: governance, ...(outcome?.work ? { work: outcome.work } : {}) });
  });
}

/**
 * pull_request_review submitted / edited / dismissed: re-evaluate the approval checks (the vote,
 * sponsorship, amendment, retirement), and post the "Group charters" check when the head commit
 * has none of this App's completed (a cut left it out) — from the same read.
 */
export async function onPullRequestReview(context: Context<'pull_request_review'>): Promise<void> {
  const pr = context.payload.pull_request;
  await check(context, [{ number: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha }], { charters: 'if-missing' });
}

/** check_run rerequested on one of our checks (`OWN_CHECK_NAMES`): run the check again. */
export async function onCheckRunRerequested(context: Context<'check_run.rerequested'>): Promise<void> {
  const run = context.payload.check_run;
  if (!OWN_CHECK_NAMES.has(run.name)) return;
  await check(context, await pullsOf(context, run.pull_requests, run.head_sha), { charters: 'again' });
}

/** check_suite rerequested: run the check again for the suite's pull requests. */
export async function onCheckSuiteRerequested(context: Context<'check_suite.rerequested'>): Promise<void> {
  const suite = context.payload.check_suite;
  await check(context, await pullsOf(context, suite.pull_requests, suite.head_sha), { charters: 'again' });
}

async function pullsOf(
  context: Context,
  fromPayload: readonly { number: number; head: { sha: string }; base: { sha: string } }[],
  headSha: string,
): Promise<PullRef[]> {
  if (fromPayload.length > 0) return fromPayload.map((p) => ({ number: p.number, headSha: p.head.sha, baseSha: p.base.sha }));
  // GitHub leaves fork pull requests out of check payloads: find them by their head commit.
  const { owner, repo } = context.repo();
  return openPullsForCommit(context.octokit, owner, repo, headSha);
}
