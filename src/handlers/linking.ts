/**
 * Linking one issue or pull request to its groups after one webhook delivery: gather the plain
 * input `planLinking` needs, reading from GitHub only what the plan can depend on, then apply the
 * plan. Issue 4 § Linking.
 *
 * Reads, each only when needed (a pure plan tells which):
 * - the pull request's changed files — on `opened`/`synchronize`, when some active group has `paths`;
 * - the labels the work carries now — when the plan would add or remove a label, so a redelivered
 *   event (whose payload still lists the labels of before) writes nothing the second time;
 * - the actor's permission — when planning with and without write access gives different plans
 *   (a removal that needs it, of a label that is there);
 * - the comments — when the plan would comment, to find the App's marked reply and link comments.
 * An event that asks for nothing (a comment without commands) makes no request at all.
 */
import { applyPlan } from '../github/apply-plan.js';
import type { GitHub } from '../github/client.js';
import { listIssueComments } from '../github/issue-comments.js';
import { labelsRemovedByPeople } from '../github/label-removals.js';
import { listIssueLabels } from '../github/labels.js';
import { hasWriteAccess } from '../github/permissions.js';
import { listPullRequestFiles } from '../github/pull-files.js';
import { planLinking } from '../linking/plan.js';
import type { LinkingInput } from '../linking/plan.js';
import type { PlanAction } from '../plan/actions.js';
import type { Governance } from './governance.js';

/** What a webhook delivery says about the work, as plain data. */
export interface WorkEvent {
  /** `owner/name`. */
  repo: string;
  number: number;
  kind: LinkingInput['kind'];
  trigger: LinkingInput['trigger'];
  /** The new body (issue/PR on `opened`/`edited`; the comment on `comment`). */
  body?: string;
  /** `edited`: the body before the edit. */
  previous_body?: string;
  /** Who sent the event. */
  actor: string;
  /** The labels the payload lists (possibly older than GitHub's state). */
  labels: readonly string[];
  /** `labeled`: the label added. */
  added_label?: string;
}

/** What one delivery did, for logs and the benchmark. */
export interface LinkingOutcome {
  /** The writes made. */
  applied: PlanAction[];
  /** The reads made, by name, in order (`files`, `labels`, `permission`, `comments`). */
  reads: string[];
}

/**
 * Plans and applies the linking of one issue or pull request.
 *
 * @throws the HTTP error GitHub answers with; writes made before it stay made, and planning again
 *         on a redelivery continues from there
 */
export async function linkWork(gh: GitHub, event: WorkEvent, governance: Governance): Promise<LinkingOutcome> {
  const { registry } = governance;
  const reads: string[] = [];
  const input: LinkingInput = {
    repo: event.repo,
    number: event.number,
    kind: event.kind,
    trigger: event.trigger,
    ...(event.body !== undefined ? { body: event.body } : {}),
    ...(event.previous_body !== undefined ? { previous_body: event.previous_body } : {}),
    actor: event.actor,
    actor_can_write: false,
    current_labels: event.labels,
    ...(event.added_label !== undefined ? { added_label: event.added_label, label_added_by_app: false } : {}),
    comments: [],
    registry: registry.charters,
    config: governance.config,
    governance_repo: governance.governance_repo,
    groups_dir: registry.groups_dir,
  };

  const pathsMatter = registry.charters.some((c) => c.status === 'active' && (c.paths?.length ?? 0) > 0);
  if (event.kind === 'pull_request' && (event.trigger === 'opened' || event.trigger === 'synchronize') && pathsMatter) {
    input.changed_files = await listPullRequestFiles(gh, event.repo, event.number);
    reads.push('files');
  }

  let [withWrite, withoutWrite] = planBoth(input);
  if (withWrite.length === 0 && withoutWrite.length === 0) return { applied: [], reads };

  if ([...withWrite, ...withoutWrite].some(changesLabels)) {
    input.current_labels = await listIssueLabels(gh, event.repo, event.number);
    reads.push('labels');
    [withWrite, withoutWrite] = planBoth(input);
  }
  if (event.trigger === 'synchronize' && [...withWrite, ...withoutWrite].some((a) => a.kind === 'add-labels')) {
    // A label a person removed is not put back by the next push.
    input.removed_by_people = await labelsRemovedByPeople(gh, event.repo, event.number, registry.viewer_login);
    reads.push('events');
    [withWrite, withoutWrite] = planBoth(input);
  }
  if (JSON.stringify(withWrite) !== JSON.stringify(withoutWrite)) {
    // An event without a sender (GitHub omits it on a few) cannot prove write access.
    input.actor_can_write = event.actor !== '' && (await hasWriteAccess(gh, event.repo, event.actor));
    if (event.actor !== '') reads.push('permission');
  }
  let plan = input.actor_can_write ? withWrite : withoutWrite;
  if (plan.some(comments)) {
    input.comments = await listIssueComments(gh, event.repo, event.number, registry.viewer_login);
    reads.push('comments');
    plan = planLinking(input);
  }
  const { applied } = await applyPlan(gh, plan);
  return { applied, reads };
}

/** The plan as someone with write access would get it, and as someone without. */
function planBoth(input: LinkingInput): [PlanAction[], PlanAction[]] {
  return [planLinking({ ...input, actor_can_write: true }), planLinking({ ...input, actor_can_write: false })];
}

function changesLabels(action: PlanAction): boolean {
  return action.kind === 'add-labels' || action.kind === 'remove-label';
}

function comments(action: PlanAction): boolean {
  return action.kind === 'create-comment' || action.kind === 'update-comment';
}
