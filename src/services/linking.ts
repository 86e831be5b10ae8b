/**
 * Linking one issue or pull request to its groups after one webhook delivery: gather the plain
 * input `planLinking` needs, reading from GitHub only what the plan can depend on, then apply the
 * plan. README § Labels and linking ("Linking"). The webhook handlers
 * (src/handlers/linking-events.ts) and the benchmark both run it.
 *
 * Reads: the handler's one GraphQL request (`readWork`: the governance commit, so the registry is
 * the current one; the labels the work carries now, so a redelivered event — whose payload still
 * lists the labels of before — writes nothing the second time; the comments, with the App's marked
 * reply and link comments; a pull request's changed files and the labels people removed, when the
 * event is a push), then only the actor's permission, when planning with and without write access
 * gives different plans (a removal that needs it, of a label that is there). At steady state a
 * command costs 3 requests: the read, the label, the comment. An event that asks for nothing (a
 * comment without commands) makes no request at all.
 */
import { applyPlan } from '../github/apply-plan.js';
import type { GitHub } from '../github/client.js';
import { hasWriteAccess } from '../github/permissions.js';
import { readGroupRegistry, readGroupRegistryAt, registryLocation } from '../github/group-registry.js';
import { readWork } from '../github/work-read.js';
import type { WorkState } from '../github/work-read.js';
import { planLinking } from '../linking/plan.js';
import type { LinkingInput } from '../linking/plan.js';
import { duplicateMarkedComments } from '../linking/markers.js';
import type { PlanAction } from '../plan/actions.js';
import type { Governance, GovernanceConfig } from './governance.js';

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
  previousBody?: string;
  /** Who sent the event. */
  actor: string;
  /** The labels the payload lists (possibly older than GitHub's state). */
  labels: readonly string[];
  /** `labeled`: the label added. */
  addedLabel?: string;
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
export async function linkWork(gh: GitHub, event: WorkEvent, governance: Governance, work: WorkState): Promise<LinkingOutcome> {
  const { registry } = governance;
  const reads: string[] = [...work.reads];
  const input: LinkingInput = {
    repo: event.repo,
    number: event.number,
    kind: event.kind,
    trigger: event.trigger,
    ...(event.body !== undefined ? { body: event.body } : {}),
    ...(event.previousBody !== undefined ? { previousBody: event.previousBody } : {}),
    actor: event.actor,
    actorCanWrite: false,
    // The labels as they are now, not as the (possibly redelivered) payload lists them.
    currentLabels: work.labels,
    ...(event.addedLabel !== undefined ? { addedLabel: event.addedLabel, labelAddedByApp: false } : {}),
    comments: work.comments,
    ...(work.changedFiles !== undefined ? { changedFiles: work.changedFiles } : {}),
    ...(work.removedByPeople !== undefined ? { removedByPeople: work.removedByPeople } : {}),
    registry: registry.charters,
    config: governance.config,
    governanceRepo: governance.governanceRepo,
    layout: registry.layout,
  };
  const [withWrite, withoutWrite] = planBoth(input);
  if (JSON.stringify(withWrite) !== JSON.stringify(withoutWrite)) {
    // An event without a sender (GitHub omits it on a few) cannot prove write access.
    input.actorCanWrite = event.actor !== '' && (await hasWriteAccess(gh, event.repo, event.actor));
    if (event.actor !== '') reads.push('permission');
  }
  // Across replicas there is no lock: two that handled two deliveries at once may each have
  // written a link comment. The next event's read finds the later one, and it goes.
  const duplicates: PlanAction[] = duplicateMarkedComments(work.comments).map((c) => ({ kind: 'delete-comment', repo: event.repo, comment_id: c.id, why: 'a duplicate of the App\'s own comment (two replicas at once)' }));
  const plan = [...(input.actorCanWrite ? withWrite : withoutWrite), ...duplicates];
  const { applied } = await applyPlan(gh, plan);
  return { applied, reads };
}

/** How `linkWorkEvent` treats the event's sender. */
export interface SenderRule {
  /** Skip the event when the App itself sent it (its login, as the registry's viewer names it). */
  isApp: (viewerLogin: string) => boolean;
  /** Another bot sent it: its commands are not read (ownership, paths and labels still link). */
  isBot: boolean;
}

/**
 * One linking delivery, whole: the registry (cached), the work's state and the governance commit
 * (`readWork`, one GraphQL request — none when `options.work` brings it from the pull-request
 * check's read of the same delivery), the registry again only when that commit is newer than the
 * cached one's, then `linkWork`. The handlers and the benchmark run this.
 *
 * @returns null when the App sent the event itself (nothing is done)
 * @throws Error when the governance repository or the work cannot be read; the HTTP or GraphQL
 *         error GitHub answers with
 */
export async function linkWorkEvent(gh: GitHub, event: WorkEvent, config: GovernanceConfig, options: { scope: string; now: Date; sender: SenderRule; work?: WorkState }): Promise<LinkingOutcome | null> {
  const location = registryLocation(config.governanceRepo, config.governanceConfig, options.scope);
  const cached = await readGroupRegistry(gh, location, options.now);
  if (options.sender.isApp(cached.viewerLogin)) return null;
  const read = options.sender.isBot ? { ...event, body: undefined, previousBody: undefined } : event;
  // The work as this delivery's earlier read gave it (the pull-request check's, same request), or read now.
  const work = options.work ?? (await readWork(gh, { repo: read.repo, governanceRepo: config.governanceRepo, number: read.number, appLogin: cached.viewerLogin, ...workReadNeeds(read) }));
  // Another replica may have received the push that changed the charters: plan with the current commit's.
  const registry = await readGroupRegistryAt(gh, location, work.governanceCommit, options.now);
  return linkWork(gh, read, { ...config, registry }, work);
}

/**
 * What `readWork` should read for this event: the files of a pull request opened or pushed to
 * (a group's `paths` may match them), the labels people removed on a push (so it does not put one
 * back). Pure.
 */
export function workReadNeeds(event: Pick<WorkEvent, 'kind' | 'trigger'>): { withFiles: boolean; withRemovals: boolean } {
  const push = event.kind === 'pull_request' && (event.trigger === 'opened' || event.trigger === 'synchronize');
  return { withFiles: push, withRemovals: event.kind === 'pull_request' && event.trigger === 'synchronize' };
}

/** The plan as someone with write access would get it, and as someone without. */
function planBoth(input: LinkingInput): [PlanAction[], PlanAction[]] {
  return [planLinking({ ...input, actorCanWrite: true }), planLinking({ ...input, actorCanWrite: false })];
}
