/**
 * The check runs of one pull request, as plan actions: the judged charter report and approval
 * checks (`judgePullRequest`) become `create-check-run` / `update-check-run` writes, so the
 * webhook's check, a re-run and the scheduled job's vote settling all write through the one
 * executor, and a dry run can list them. Pure.
 */
import type { Plan, PlanAction } from '../plan/actions.js';
import { CHARTER_CHECK_NAME } from './charter-report.js';
import type { CharterReport } from './charter-report.js';
import type { PolicyCheck } from './policy-checks.js';
import type { PullTarget } from './pull-request-read.js';

/** What `judgePullRequest` decided, as far as the check runs go. */
export interface JudgedChecks {
  /** The "Group charters" check run's content. */
  report: CharterReport;
  /** The approval checks the policy asks for, in order. */
  checks: readonly PolicyCheck[];
}

/** When GitHub refuses the charter check's output: where to see every problem instead. */
export const CHARTER_OUTPUT_REFUSED = 'Run `group-steward validate` on the branch to see every problem.';

/**
 * The writes of a judged pull request, in order: the "Group charters" check run (created
 * completed, with its annotations; when `charters` is false — a review, the settling job — it is
 * left out), then each approval check: an update in place of this App's run of that name still in
 * progress on the head commit, else a new run (in progress with its start, or completed).
 */
export function planCheckRuns(target: Pick<PullTarget, 'owner' | 'repo' | 'number' | 'headSha'>, judged: JudgedChecks, options: { charters: boolean }): Plan {
  const repo = `${target.owner}/${target.repo}`;
  const plan: PlanAction[] = [];
  if (options.charters) {
    const { report } = judged;
    plan.push({
      kind: 'create-check-run',
      repo,
      name: CHARTER_CHECK_NAME,
      head_sha: target.headSha,
      status: 'completed',
      conclusion: report.conclusion,
      output: { title: report.title, summary: report.summary, annotations: report.annotations },
      on_refused_output: CHARTER_OUTPUT_REFUSED,
      why: `the charter check of pull request #${target.number}`,
    });
  }
  for (const check of judged.checks) {
    const { report, startedAt, existingRunId } = check;
    const conclusion = report.conclusion ? { conclusion: report.conclusion } : {};
    const output = { title: report.title, summary: report.summary };
    if (existingRunId !== undefined) {
      plan.push({ kind: 'update-check-run', repo, check_run_id: existingRunId, name: check.name, status: report.status, ...conclusion, output, why: `pull request #${target.number}: its run still in progress, updated in place` });
    } else {
      plan.push({ kind: 'create-check-run', repo, name: check.name, head_sha: target.headSha, status: report.status, ...conclusion, ...(startedAt ? { started_at: startedAt } : {}), output, why: `pull request #${target.number} needs it under the policy` });
    }
  }
  return plan;
}

/** The "Group charters" check run failed before any judgement (an invalid configuration, a read that failed): one completed failure showing why. */
export function planFailedCharterCheck(target: Pick<PullTarget, 'owner' | 'repo' | 'number' | 'headSha'>, title: string, summary: string): Plan {
  return [
    {
      kind: 'create-check-run',
      repo: `${target.owner}/${target.repo}`,
      name: CHARTER_CHECK_NAME,
      head_sha: target.headSha,
      status: 'completed',
      conclusion: 'failure',
      output: { title, summary },
      why: `the charter check of pull request #${target.number} could not judge it`,
    },
  ];
}
