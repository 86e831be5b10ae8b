/**
 * A creation request becomes a charter pull request (SEP-1302 § Lifecycle: a group
 * starts by "filling out a template"). Pure: the request as read from its issue form, the branch
 * and pull requests as read from GitHub in; the writes and the reply out.
 */
import { groupLabel } from '../charters/schema.js';
import { echoTyped, inlineCode, inlineText, listItem, mention } from '../markdown/escape.js';
import type { ExistingComment } from '../linking/markers.js';
import type { Plan } from '../plan/actions.js';
import type { GroupRequest } from '../requests/group-request.js';
import { planCharterPull } from './charter-pull.js';
import { directoryFileAfter } from './directory-file.js';
import type { FolderFile } from './directory-file.js';
import type { ExistingPull } from './charter-pull.js';
import { readRequestPullMarker, REQUEST_REPLY_MARKER, requestBranch, requestPullMarker, upsertComment } from './markers.js';

/** How the repository's policy approves a new group, as the replies and the pull request say it. */
export interface CreationApproval {
  /** The check run's name: "Group creation vote" (SEP-1302), "Group sponsorship" (SEP-2149). */
  check: string;
  /** The rule, one sentence citing its section (`Policy.ruleText.creation`). */
  rule: string;
}

/** The request issue: its number and its author, the requester (null: a deleted account). */
export interface RequestIssue {
  number: number;
  author: { login: string; id: number } | null;
}

export interface RequestPlanInput {
  /** `owner/name` of the governance repository. */
  repo: string;
  groupsDir: string;
  issue: RequestIssue;
  request: GroupRequest;
  /** The default branch, its commit, the blob ids of its charters folder by name, and the folder's files with their text. */
  base: { branch: string; sha: string; files: ReadonlyMap<string, string>; folder: readonly FolderFile[] };
  /** The blob ids of the App's branch's charters folder; null when the branch does not exist. */
  branchFiles: ReadonlyMap<string, string> | null;
  /** The App's pull requests from the request's branch, newest first. */
  pulls: readonly ExistingPull[];
  /** Comments on the request issue. */
  comments: readonly ExistingComment[];
  /** The validator's clock, for the directory file. */
  now: Date;
  /** The policy's approval of a new group: its check run's name and its rule, as the policy states it (`Policy.checks.creation`, `Policy.ruleText.creation`). */
  approval: CreationApproval;
  /**
   * The files to propose, each by its name as `groupsDir` names them, when they are not the YAML
   * charter and its directory (charter pages: the page and the navigation file, by their paths).
   */
  files?: readonly { name: string; text: string }[];
}

export type RequestOutcome = 'opened' | 'updated' | 'unchanged' | 'invalid' | 'exists' | 'not-a-request' | 'closed' | 'merged';

export interface RequestPlan {
  outcome: RequestOutcome;
  /** The writes to the branch and the pull request (applied first). */
  plan: Plan;
  /** The open pull request, when it exists before the plan is applied. */
  pull: number | null;
}

/**
 * Plans what a request issue's current form answers call for:
 * - valid: the charter file `groups/<id>.yaml` on `group-steward/request-<issue>` and one pull
 *   request from it whose body names the requester, says "Closes #<issue>" and carries the
 *   request marker (the check and the vote read the requester as the proposer from it);
 * - a pull request from that branch that was closed or merged: nothing (never a second one);
 * - anything else: no pull request writes, only the reply (`requestReply`).
 * Pure; never throws.
 */
export function planRequest(input: RequestPlanInput): RequestPlan {
  const { request } = input;
  const existing = input.pulls.find((p) => readRequestPullMarker(p.body)?.issue === input.issue.number) ?? null;
  // Once its pull request merged, the request's group exists: that is the answer, not "exists".
  if (existing?.state === 'MERGED') return { outcome: 'merged', plan: [], pull: existing.number };
  if (request.kind !== 'valid') return { outcome: request.kind, plan: [], pull: existing?.state === 'OPEN' ? existing.number : null };
  const requester = input.issue.author?.login ?? 'ghost';
  const marker = requestPullMarker(input.issue.number, requester);
  const { charter } = request;
  const label = groupLabel(charter.type, charter.id);
  const kind = charter.type === 'working' ? 'working group' : 'interest group';
  const charterFile = { name: `${charter.id}.yaml`, text: request.text };
  const files = input.files ?? [charterFile, ...[directoryFileAfter(input.base.folder, charterFile, input.now)].filter((f) => f !== null)];
  const planned = planCharterPull({
    repo: input.repo,
    base: input.base,
    branch: { name: requestBranch(input.issue.number), files: input.branchFiles },
    groupsDir: input.groupsDir,
    files,
    commit: {
      // No text from the form in a commit message or title: a squash merge makes the title the
      // commit's subject, and "Fixes #1" there would close issue 1.
      message: `Charter ${label}\n\nCreation request #${input.issue.number}.`,
      ...(input.issue.author ? { author: { name: input.issue.author.login, email: `${input.issue.author.id}+${input.issue.author.login}@users.noreply.github.com` } } : {}),
    },
    pull: {
      title: `Charter ${label}: new ${kind} (request #${input.issue.number})`,
      body: [
        marker,
        `Adds the charter of **${inlineText(charter.name)}**, a new ${kind} (label ${inlineCode(label)}), as requested by ${mention(requester)} in #${input.issue.number}.`,
        '',
        `Closes #${input.issue.number}`,
        '',
        `The charter is the request's form answers: edit the request issue to change it, and Group Steward updates this pull request (it never opens a second one). ${mention(requester)} is the proposer; the "Group charters" check validates the file, and the "${input.approval.check}" check runs here. ${input.approval.rule}`,
      ].join('\n'),
    },
    existing,
    onClosed: 'stop',
    why: `creation request #${input.issue.number}`,
  });
  if (planned.state !== 'planned') return { outcome: planned.state, plan: [], pull: planned.pull };
  const outcome: RequestOutcome = planned.pull === null ? 'opened' : planned.plan.length > 0 ? 'updated' : 'unchanged';
  return { outcome, plan: planned.plan, pull: planned.pull };
}

/**
 * The App's one reply on the request issue (marker `REQUEST_REPLY_MARKER`), once the pull request
 * writes are applied: `pull` is the open (or closed, or merged) pull request's number, null when
 * there is none. Deterministic, so a redelivered event finds it unchanged. Pure.
 */
export function requestReply(input: { repo: string; issue: number; request: GroupRequest; outcome: RequestOutcome; pull: number | null; comments: readonly ExistingComment[]; approval: CreationApproval }): Plan {
  const action = upsertComment({ repo: input.repo, number: input.issue, comments: input.comments, marker: REQUEST_REPLY_MARKER, body: [REQUEST_REPLY_MARKER, ...replyLines(input.request, input.outcome, input.pull, input.approval)].join('\n'), why: `reply to creation request #${input.issue}` });
  return action ? [action] : [];
}

function replyLines(request: GroupRequest, outcome: RequestOutcome, pull: number | null, approval: CreationApproval): string[] {
  const at = pull === null ? 'the pull request' : `#${pull}`;
  if (outcome === 'merged') return [`The charter pull request ${at} was merged: the group exists. Change its charter with a pull request to its file in the charters folder.`];
  switch (request.kind) {
    case 'not-a-request':
      return [
        'Group Steward could not read this issue as a creation request: it carries the `group-request` label, but its body is not the answers of the "New working group" or "New interest group" form (each answer under its `### <question>` heading).',
        '',
        'Open the request with one of the forms (New issue → choose the form), or remove the label.',
      ];
    case 'invalid':
      return [
        'Group Steward cannot propose this group yet. Edit the issue to fix these answers; the charter pull request opens as soon as every answer is valid:',
        '',
        // Field labels are the App's own text (the form's questions); messages quote answers safely.
        ...request.problems.map((p) => listItem(`**${p.field}**: ${p.message}`)),
        ...(pull !== null ? ['', `The pull request ${at} keeps the last valid answers until then.`] : []),
      ];
    case 'exists':
      return [
        `A group with the id ${echoTyped(request.id)} exists already: **${inlineText(request.existing.name)}** (${/^[A-Za-z0-9._/-]+$/.test(request.existing.file) ? inlineCode(request.existing.file) : echoTyped(request.existing.file)}, ${request.existing.status}${request.existing.matched === 'previous_id' ? ', which was once called so' : ''}). No pull request is opened.`,
        '',
        'Choose another id, or propose a change to that charter with a pull request.',
      ];
    case 'valid':
      if (outcome === 'closed') return [`The charter pull request ${at} was closed without merging. Group Steward does not open a second one: reopen ${at} to go on.`];
      return [
        ...(request.warnings?.length ? ['Worth a look before the vote (these do not block it):', '', ...request.warnings.map((p) => listItem(`**${p.field}**: ${p.message}`)), ''] : []),
        `Every answer is valid: the charter ${inlineCode(request.file)} is proposed in ${at}. The "Group charters" check and the "${approval.check}" check run there. ${approval.rule}`,
        '',
        'Edit this issue to change the answers: the pull request follows.',
      ];
  }
}
