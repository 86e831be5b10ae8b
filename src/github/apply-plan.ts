/**
 * The executor: applies a plan's actions to GitHub, one REST request each (a check run with more
 * than 50 annotations: one more per 50), in order. The write cap is the planner's (`capPlan`):
 * what it leaves is planned again by the next run. A dry run never calls this: it prints the same
 * plan with `describeAction`.
 */
import type { Plan, PlanAction } from '../plan/actions.js';
import { createCheckRun, updateCheckRun } from './check-runs.js';
import type { GitHub } from './client.js';
import { repoParams } from './client.js';

export interface ApplyOutcome {
  applied: PlanAction[];
  /** The numbers of the pull requests `create-pull` actions opened, in order. */
  createdPulls: number[];
}

/**
 * Applies `plan` in order, every action (cap it first with `capPlan` where a cap applies).
 *
 * Idempotent where GitHub allows: creating a label that already exists (422 `already_exists`) and
 * removing a label that is already gone (404) count as done. A check run's annotations past the
 * first 50 are sent in follow-up requests of the same action (`createCheckRun`).
 *
 * @throws the first HTTP error GitHub answers with (retries and rate limits are the Octokit
 *         plugins' business); actions before it stay applied, so a re-run continues from there
 */
export async function applyPlan(gh: GitHub, plan: Plan): Promise<ApplyOutcome> {
  const applied: PlanAction[] = [];
  const createdPulls: number[] = [];
  for (const action of plan) {
    const pull = await applyAction(gh, action);
    if (pull !== undefined) createdPulls.push(pull);
    applied.push(action);
  }
  return { applied, createdPulls };
}

/** Applies one action; a `create-pull` returns the new pull request's number. */
async function applyAction(gh: GitHub, action: PlanAction): Promise<number | undefined> {
  if (action.kind === 'redeliver-webhook') {
    // `gh` is the App's Octokit (its JWT): `@octokit/auth-app` signs /app routes with it. Sent once,
    // never retried: a lost answer may hide an attempt GitHub made, which the next run then sees.
    await gh.request('POST /app/hook/deliveries/{delivery_id}/attempts', { delivery_id: action.delivery_id, request: { retries: 0 } });
    return;
  }
  const repo = repoParams(action.repo);
  switch (action.kind) {
    case 'create-label':
      try {
        await gh.rest.issues.createLabel({ ...repo, name: action.name, color: action.color, description: action.description });
      } catch (error) {
        if (!isStatus(error, 422) || !/already_exists/.test(errorMessage(error))) throw error;
      }
      return;
    case 'update-label':
      await gh.rest.issues.updateLabel({
        ...repo,
        name: action.name,
        ...(action.new_name !== undefined ? { new_name: action.new_name } : {}),
        ...(action.color !== undefined ? { color: action.color } : {}),
        ...(action.description !== undefined ? { description: action.description } : {}),
      });
      return;
    case 'add-labels':
      await gh.rest.issues.addLabels({ ...repo, issue_number: action.number, labels: action.labels });
      return;
    case 'remove-label':
      try {
        await gh.rest.issues.removeLabel({ ...repo, issue_number: action.number, name: action.label });
      } catch (error) {
        if (!isStatus(error, 404)) throw error;
      }
      return;
    case 'create-comment':
      await gh.rest.issues.createComment({ ...repo, issue_number: action.number, body: action.body });
      return;
    case 'update-comment':
      await gh.rest.issues.updateComment({ ...repo, comment_id: action.comment_id, body: action.body });
      return;
    case 'delete-comment':
      try {
        await gh.rest.issues.deleteComment({ ...repo, comment_id: action.comment_id });
      } catch (error) {
        // Deleted already (by a person, or by another replica repairing the same duplicate).
        if (!isStatus(error, 404)) throw error;
      }
      return;
    case 'create-issue':
      await createIssueOnce(gh, repo, action);
      return;
    case 'update-issue':
      await gh.rest.issues.update({
        ...repo,
        issue_number: action.number,
        ...(action.title !== undefined ? { title: action.title } : {}),
        ...(action.body !== undefined ? { body: action.body } : {}),
        ...(action.state !== undefined ? { state: action.state } : {}),
        ...(action.state_reason !== undefined ? { state_reason: action.state_reason } : {}),
      });
      return;
    case 'create-branch':
      try {
        await gh.rest.git.createRef({ ...repo, ref: `refs/heads/${action.branch}`, sha: action.sha });
      } catch (error) {
        // A retried request (or another replica) created it: the branch is the App's all the same.
        if (!isStatus(error, 422) || !/already exists/i.test(errorMessage(error))) throw error;
      }
      return;
    case 'reset-branch':
      await gh.rest.git.updateRef({ ...repo, ref: `heads/${action.branch}`, sha: action.sha, force: true });
      return;
    case 'put-file':
      await gh.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: action.path,
        branch: action.branch,
        message: action.message,
        content: Buffer.from(action.content, 'utf8').toString('base64'),
        ...(action.sha !== undefined ? { sha: action.sha } : {}),
        ...(action.author !== undefined ? { author: action.author } : {}),
      });
      return;
    case 'delete-file':
      await gh.rest.repos.deleteFile({ ...repo, path: action.path, branch: action.branch, message: action.message, sha: action.sha });
      return;
    case 'create-pull':
      return createPullOnce(gh, repo, action);
    case 'update-pull':
      await gh.rest.pulls.update({
        ...repo,
        pull_number: action.number,
        ...(action.title !== undefined ? { title: action.title } : {}),
        ...(action.body !== undefined ? { body: action.body } : {}),
      });
      return;
    case 'create-check-run':
      // Annotation batches, "Annotations incomplete" and the 422 fallback: `createCheckRun`.
      await createCheckRun(gh, {
        ...repo,
        name: action.name,
        headSha: action.head_sha,
        status: action.status,
        ...(action.conclusion !== undefined ? { conclusion: action.conclusion } : {}),
        ...(action.started_at !== undefined ? { startedAt: action.started_at } : {}),
        output: action.output,
        ...(action.on_refused_output !== undefined ? { onRefusedOutput: action.on_refused_output } : {}),
        ...(action.external_id !== undefined ? { externalId: action.external_id } : {}),
      });
      return;
    case 'update-check-run':
      await updateCheckRun(gh, {
        ...repo,
        id: action.check_run_id,
        status: action.status,
        ...(action.conclusion !== undefined ? { conclusion: action.conclusion } : {}),
        output: action.output,
        ...(action.external_id !== undefined ? { externalId: action.external_id } : {}),
      });
      return;
  }
}

/**
 * Creates an issue without letting Octokit resend the POST blindly: when GitHub answers 5xx the
 * issue may exist all the same (the answer was lost), so the newest issues with its first label
 * are searched for its hidden marker before it is created again — once.
 */
async function createIssueOnce(gh: GitHub, repo: { owner: string; repo: string }, action: Extract<PlanAction, { kind: 'create-issue' }>): Promise<void> {
  const create = () => gh.rest.issues.create({ ...repo, title: action.title, body: action.body, labels: action.labels, request: { retries: 0 } });
  try {
    await create();
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (typeof status !== 'number' || status < 500) throw error;
    const marker = /<!-- group-steward:[^>]*-->/.exec(action.body)?.[0];
    if (marker && action.labels[0]) {
      const { data } = await gh.rest.issues.listForRepo({ ...repo, labels: action.labels[0], state: 'all', sort: 'created', direction: 'desc', per_page: 20 });
      if (data.some((issue) => issue.body?.includes(marker))) return;
    }
    await create();
  }
}

/**
 * Opens a pull request; when GitHub answers that one already exists from the branch (the first
 * answer was lost and the request retried, or another replica opened it), that one is returned.
 */
async function createPullOnce(gh: GitHub, repo: { owner: string; repo: string }, action: Extract<PlanAction, { kind: 'create-pull' }>): Promise<number> {
  try {
    const { data } = await gh.rest.pulls.create({ ...repo, head: action.head, base: action.base, title: action.title, body: action.body });
    return data.number;
  } catch (error) {
    if (!isStatus(error, 422) || !/already exists/i.test(errorMessage(error))) throw error;
    const { data } = await gh.rest.pulls.list({ ...repo, head: `${repo.owner}:${action.head}`, state: 'open', per_page: 1 });
    const found = data[0];
    if (!found) throw error;
    return found.number;
  }
}

/** The message and the `errors` GitHub sent with an HTTP error, as one string to test. */
function errorMessage(error: unknown): string {
  return JSON.stringify((error as { response?: { data?: unknown } }).response?.data ?? (error as Error).message ?? '');
}

function isStatus(error: unknown, status: number): boolean {
  return (error as { status?: unknown } | null)?.status === status;
}
