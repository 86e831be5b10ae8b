/**
 * The charter check and the policy's approval checks on a pull request (the creation vote, or
 * under SEP-2149 sponsorship, amendment and retirement approval): read (one GraphQL request), judge
 * (pure), plan the check runs (pure, `planCheckRuns`) and apply the plan with the one executor. A
 * check run is created already completed — or in progress for an open vote or a pending approval,
 * updated in place by the next review — so nothing is ever left hanging; an exception becomes a
 * failed check showing it. Runs converge: each is stamped with the digest of its content
 * (`external_id`) and written only when this App's run of that name on the head commit differs, so
 * a redelivery after a cut writes what is missing and then nothing; a review posts the "Group
 * charters" run when the head commit has none. The webhook handlers (src/handlers/pull-request-events.ts) and the
 * scheduled job's vote settling (`planVoteSettling`) both run it.
 */
import { createHash } from 'node:crypto';
import { charterLayout } from '../charters/layout.js';
import { CHARTER_CHECK_NAME } from '../checks/charter-report.js';
import { ConfigError } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { planCheckRuns, planFailedCharterCheck } from '../checks/check-run-plan.js';
import { judgePullRequest } from '../checks/judge-pull-request.js';
import type { PullTarget } from '../checks/pull-request-read.js';
import { applyPlan } from '../github/apply-plan.js';
import type { GitHub } from '../github/client.js';
import { readPullRequestCharters } from '../github/pull-request-charters.js';
import { voterTeamSlugs } from '../github/voter-teams.js';
import type { PostedCheckRun } from '../github/vote-runs.js';
import type { WorkState } from '../github/work-read.js';
import type { Plan } from '../plan/actions.js';

export interface CheckOptions {
  /**
   * The "Group charters" check run: `true` — posted unless this App's newest run of it on the head
   * commit is completed with the same content (a redelivered or repeated event writes nothing);
   * `'again'` — posted whatever is there (a re-run someone asked for); `'if-missing'` — posted only
   * when the head commit has no completed one of this App (a review: a cut left it out), and the
   * configuration's or the read's error is thrown as with false; false — left out, only the
   * approval checks are re-evaluated (the settling job).
   */
  charters: boolean | 'again' | 'if-missing';
  now: Date;
  /**
   * Also read what linking needs of the pull request, in the same request (`CheckOutcome.work`):
   * for a pull request in its own governance repository, opened or pushed to.
   */
  work?: { withFiles: boolean; withRemovals: boolean };
}

/** What a run did, for logs and the benchmark. */
export interface CheckOutcome {
  posted: string[];
  newGroups: string[];
  /** With `CheckOptions.work`: the pull request's state for linking, when the read succeeded. */
  work?: WorkState;
}

/** The check runs a pull request gets, planned and not yet written. */
export interface PlannedChecks extends CheckOutcome {
  /** `create-check-run` / `update-check-run` actions, in order; empty when the charters folder is unchanged. */
  plan: Plan;
}

/**
 * Reads and judges a pull request and plans its check runs, writing nothing: the charter check
 * (unless `options.charters` is false) and the approvals its policy asks for — the creation vote
 * or sponsorship when it creates a group; under SEP-2149 also the amendment and retirement
 * approvals.
 *
 * @param config the repository's configuration, or the error met reading it: a ConfigError plans
 *               a failed check with its message (naming the bad key), any other error a failed
 *               check "could not run" — when `options.charters` is false or `'if-missing'` (the
 *               settling job, a review) nothing is planned for it and the error is thrown instead
 * @returns the plan, and the names of the check runs it posts (none when the charters folder is unchanged)
 * @throws with `options.charters` false or `'if-missing'`: the configuration's error, or the
 *         read's (the HTTP or GraphQL error GitHub answers with)
 */
export async function planPullRequestChecks(gh: GitHub, target: PullTarget, config: Config | Error, options: CheckOptions): Promise<PlannedChecks> {
  const failed = (title: string, summary: string): PlannedChecks => {
    const plan = planFailedCharterCheck(target, title, summary);
    return { plan, posted: checkNames(plan), newGroups: [] };
  };
  const failing = options.charters === true || options.charters === 'again';
  if (config instanceof Error) {
    if (!failing) throw config;
    if (config instanceof ConfigError) {
      return failed('Invalid configuration', `${config.message}\n\nFix \`.github/group-steward.yml\` on the default branch, then re-run this check.`);
    }
    return failed('The charter check could not run', couldNotRun(config));
  }

  let judged: ReturnType<typeof judgePullRequest>;
  let work: WorkState | undefined;
  let posted: ReadonlyMap<string, PostedCheckRun>;
  try {
    const read = await readPullRequestCharters(gh, {
      ...target,
      layout: charterLayout(config),
      teams: voterTeamSlugs(config),
      ...(options.work ? { work: options.work } : {}),
    });
    work = read.work;
    judged = judgePullRequest(read, config, options.now);
    posted = read.postedCheckRuns ?? new Map();
  } catch (error) {
    if (!failing) throw error;
    return failed('The charter check could not run', couldNotRun(error));
  }
  const read = work ? { work } : {};
  if (!judged) return { plan: [], posted: [], newGroups: [], ...read };
  const charters = options.charters === 'if-missing' ? posted.get(CHARTER_CHECK_NAME)?.status !== 'COMPLETED' : options.charters !== false;
  const plan = unposted(planCheckRuns(target, judged, { charters }), posted, { again: options.charters === 'again' });
  return { plan, posted: checkNames(plan), newGroups: judged.newGroups, ...read };
}

/**
 * The check-run writes of `plan` that change something, each stamped with the digest of its
 * content as `external_id` (`checkRunDigest`): a run this App already posted on the head commit
 * with the same digest — the newest of its name, or the one an update names — is not written
 * again, so an event delivered twice, or after a cut, writes only what is missing. With `again`,
 * the "Group charters" run is written whatever is there (a re-run asked for). Pure.
 */
export function unposted(plan: Plan, posted: ReadonlyMap<string, PostedCheckRun>, options: { again: boolean }): Plan {
  const out: Plan = [];
  for (const action of plan) {
    if (action.kind !== 'create-check-run' && action.kind !== 'update-check-run') {
      out.push(action);
      continue;
    }
    const digest = checkRunDigest(action);
    const run = posted.get(action.name);
    const same = run !== undefined && run.externalId === digest && (action.kind === 'create-check-run' || run.id === action.check_run_id);
    if (same && !(options.again && action.name === CHARTER_CHECK_NAME)) continue;
    out.push({ ...action, external_id: digest });
  }
  return out;
}

/**
 * A check run's content as one digest (`gs1:` and 32 hex digits of SHA-256): its name, status,
 * conclusion and output (title, summary, annotations) — what a person sees. Pure.
 */
export function checkRunDigest(run: { name: string; status: string; conclusion?: string; output: { title: string; summary: string } }): string {
  return `gs1:${createHash('sha256').update(JSON.stringify([run.name, run.status, run.conclusion ?? null, run.output])).digest('hex').slice(0, 32)}`;
}

/**
 * Checks a pull request's charters and the approvals its policy asks for: `planPullRequestChecks`,
 * then the plan applied in order.
 *
 * @returns the check runs posted (none when the charters folder is unchanged)
 * @throws when GitHub refuses to write a check run (there is then nothing left running: the runs
 *         before it are written, completed or in progress as planned); with `options.charters`
 *         false, as `planPullRequestChecks`
 */
export async function checkPullRequest(gh: GitHub, target: PullTarget, config: Config | Error, options: CheckOptions): Promise<CheckOutcome> {
  const { plan, ...outcome } = await planPullRequestChecks(gh, target, config, options);
  await applyPlan(gh, plan);
  return outcome;
}

/** The check-run names a plan writes, in order. */
function checkNames(plan: Plan): string[] {
  return plan.flatMap((a) => (a.kind === 'create-check-run' || a.kind === 'update-check-run' ? [a.name] : []));
}

/** The summary of a check that could not run: the error's message in a code block it cannot leave. */
function couldNotRun(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000).replace(/`{3,}/g, '``');
  return `Group Steward could not check the charters of this pull request:\n\n\`\`\`\n${message}\n\`\`\`\n\nRe-run the check to try again.`;
}
