/**
 * A plan: the writes Group Steward intends, as plain data. Pure code decides the plan; one
 * executor (`src/github/apply-plan.ts`) applies it; a dry run prints it with `describeAction`
 * and applies nothing — the same plan either way. Check runs too: the charter check and the
 * approval checks are planned, and the scheduled job's vote settling is part of its plan (so its
 * dry run lists them and its write cap counts them).
 */
import type { CheckRunConclusion, CheckRunOutput, CheckRunStatus } from '../checks/check-run.js';

/** `owner/name` of a repository. */
export type RepoName = string;

interface Because {
  /** Why this write is in the plan, for dry-run output and logs. */
  why: string;
}

export type PlanAction = Because &
  (
    | { kind: 'create-label'; repo: RepoName; name: string; color: string; description: string }
    | { kind: 'update-label'; repo: RepoName; name: string; new_name?: string; color?: string; description?: string }
    | { kind: 'add-labels'; repo: RepoName; number: number; labels: string[] }
    | { kind: 'remove-label'; repo: RepoName; number: number; label: string }
    | { kind: 'create-comment'; repo: RepoName; number: number; body: string }
    | { kind: 'update-comment'; repo: RepoName; comment_id: number; body: string }
    /** Deletes one of the App's own comments (a duplicate a second replica wrote at the same moment). */
    | { kind: 'delete-comment'; repo: RepoName; comment_id: number }
    | { kind: 'create-issue'; repo: RepoName; title: string; body: string; labels: string[] }
    | {
        kind: 'update-issue';
        repo: RepoName;
        number: number;
        title?: string;
        body?: string;
        state?: 'open' | 'closed';
        state_reason?: 'completed' | 'not_planned' | 'reopened';
      }
    // The charter pull requests of the governance loop (README § The life of a group): a branch
    // the App owns, one charter file on it, one pull request from it.
    | { kind: 'create-branch'; repo: RepoName; branch: string; sha: string }
    /** Moves the App's own branch back to `sha` (a force update: only ever on a branch the App owns). */
    | { kind: 'reset-branch'; repo: RepoName; branch: string; sha: string }
    | {
        kind: 'put-file';
        repo: RepoName;
        branch: string;
        path: string;
        /** The whole file, UTF-8 text. */
        content: string;
        message: string;
        /** The blob id of the file this replaces on the branch; absent when the file is new there. */
        sha?: string;
        /** Who the commit names as its author (the requester); the App is the committer. */
        author?: { name: string; email: string };
      }
    | { kind: 'delete-file'; repo: RepoName; branch: string; path: string; sha: string; message: string }
    | { kind: 'create-pull'; repo: RepoName; head: string; base: string; title: string; body: string }
    | { kind: 'update-pull'; repo: RepoName; number: number; title?: string; body?: string }
    /**
     * Creates a check run on commit `head_sha`, already completed (with a conclusion) or in
     * progress (an open vote, a pending approval; `started_at` when it opened). Annotations go 50
     * per request, the first batch with the creation; when a later batch is refused the run is
     * marked failed ("Annotations incomplete") and the error stands.
     */
    | {
        kind: 'create-check-run';
        repo: RepoName;
        name: string;
        head_sha: string;
        status: CheckRunStatus;
        conclusion?: CheckRunConclusion;
        /** ISO 8601. */
        started_at?: string;
        output: CheckRunOutput;
        /**
         * When GitHub refuses the output itself (422: a limit not foreseen), the run is posted again
         * with the same verdict and title and a summary saying so, ending with this sentence (what
         * to do instead). Absent: a 422 is an error like any other.
         */
        on_refused_output?: string;
        /** Sent as the run's `external_id`: the digest of its content, to find it posted already (src/services/charter-check.ts). */
        external_id?: string;
      }
    /** Updates one of this App's check runs in place (an open vote as it settles, a pending approval). `name` is for people: it is not sent. */
    | {
        kind: 'update-check-run';
        repo: RepoName;
        check_run_id: number;
        name: string;
        status: CheckRunStatus;
        conclusion?: CheckRunConclusion;
        output: { title: string; summary: string };
        /** Sent as the run's `external_id` (as on `create-check-run`). */
        external_id?: string;
      }
    /**
     * Asks GitHub to deliver one of the App's webhook deliveries again (`POST
     * /app/hook/deliveries/{delivery_id}/attempts`, with the App's JWT: the executor is given the
     * App's Octokit, not an installation's). Planned only for a delivery whose every attempt failed
     * and that was never redelivered (`planRedelivery`, src/plan/redelivery.ts). Not tied to a repository.
     */
    | {
        kind: 'redeliver-webhook';
        /** The attempt asked again: the newest failed one of the delivery. */
        delivery_id: number;
        /** The delivery (`X-GitHub-Delivery`), shared by all its attempts. */
        guid: string;
        /** `issues.opened`, or the event alone when it has no action. */
        event: string;
        /** When the delivery was first attempted, ISO 8601. */
        first_attempt_at: string;
        /** The HTTP status of its first attempt; 0 when nothing answered. */
        first_status: number;
      }
  );

export type Plan = PlanAction[];

/** One line describing an action, e.g. `create-label modelcontextprotocol/registry "wg:registry" (…)`. */
export function describeAction(action: PlanAction): string {
  if (action.kind === 'redeliver-webhook') return `redeliver webhook delivery ${action.guid} (${action.event}, first attempted ${action.first_attempt_at}: ${action.first_status === 0 ? 'no answer' : `HTTP ${action.first_status}`}) — ${action.why}`;
  const where = (n: number) => `${action.repo}#${n}`;
  switch (action.kind) {
    case 'create-label':
      return `create label "${action.name}" in ${action.repo} — ${action.why}`;
    case 'update-label':
      return `update label "${action.name}"${action.new_name ? ` → "${action.new_name}"` : ''} in ${action.repo} — ${action.why}`;
    case 'add-labels':
      return `add ${action.labels.map((l) => `"${l}"`).join(', ')} to ${where(action.number)} — ${action.why}`;
    case 'remove-label':
      return `remove "${action.label}" from ${where(action.number)} — ${action.why}`;
    case 'create-comment':
      return `comment on ${where(action.number)} — ${action.why}`;
    case 'update-comment':
      return `update comment ${action.comment_id} in ${action.repo} — ${action.why}`;
    case 'delete-comment':
      return `delete comment ${action.comment_id} in ${action.repo} — ${action.why}`;
    case 'create-issue':
      return `open issue "${action.title}" in ${action.repo} — ${action.why}`;
    case 'update-issue':
      return `${action.state === 'closed' ? 'close' : action.state === 'open' ? 'reopen' : 'update'} ${where(action.number)} — ${action.why}`;
    case 'create-branch':
      return `create branch ${action.branch} in ${action.repo} at ${action.sha.slice(0, 7)} — ${action.why}`;
    case 'reset-branch':
      return `reset branch ${action.branch} in ${action.repo} to ${action.sha.slice(0, 7)} — ${action.why}`;
    case 'put-file':
      return `${action.sha ? 'update' : 'add'} ${action.path} on ${action.branch} in ${action.repo} — ${action.why}`;
    case 'delete-file':
      return `delete ${action.path} on ${action.branch} in ${action.repo} — ${action.why}`;
    case 'create-pull':
      return `open pull request "${action.title}" from ${action.head} into ${action.base} in ${action.repo} — ${action.why}`;
    case 'update-pull':
      return `update pull request ${where(action.number)} — ${action.why}`;
    case 'create-check-run':
      return `create check run "${action.name}" on ${action.repo}@${action.head_sha.slice(0, 7)}: ${checkState(action)}, "${action.output.title}" — ${action.why}`;
    case 'update-check-run':
      return `update check run ${action.check_run_id} "${action.name}" in ${action.repo}: ${checkState(action)}, "${action.output.title}" — ${action.why}`;
  }
}

/** `completed: failure`, `in progress`. */
function checkState(run: { status: CheckRunStatus; conclusion?: CheckRunConclusion }): string {
  return run.status === 'completed' ? `completed: ${run.conclusion ?? 'no conclusion'}` : 'in progress';
}
