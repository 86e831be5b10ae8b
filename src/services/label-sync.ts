/**
 * Label sync: bring a repository's group labels in line with the charters. Read every label
 * (paginated), plan with `planLabelSync` (pure), apply with `applyPlan`. Only differences are
 * written, so a second sync writes nothing; no label is ever deleted. README § Labels and linking
 * ("Label sync"). Where it runs and which labels it wants are the core's (src/labels/sync-repos.ts).
 */
import { applyPlan } from '../github/apply-plan.js';
import type { GitHub } from '../github/client.js';
import { listRepoLabels } from '../github/labels.js';
import type { DesiredLabel } from '../labels/desired.js';
import { planLabelSync } from '../labels/sync-plan.js';
import type { PlanAction } from '../plan/actions.js';

/** What one repository's sync did. */
export interface RepoLabelSync {
  repo: string;
  /** The writes made (all of the plan: label sync has no write cap). */
  applied: PlanAction[];
  /** Labels left alone that need a person (an old and a new label both exist), one sentence each. */
  conflicts: string[];
}

/**
 * Plans the label sync of `repo` against all its labels, without writing: the dry run's plan.
 *
 * @throws the HTTP error GitHub answers with when the labels cannot be listed
 */
export async function planRepoLabels(gh: GitHub, repo: string, desired: readonly DesiredLabel[]): Promise<{ plan: PlanAction[]; conflicts: string[] }> {
  const existing = await listRepoLabels(gh, repo);
  return planLabelSync({ repo, desired, existing });
}

/**
 * Syncs the group labels of one repository: lists its labels, plans, applies.
 *
 * @throws the HTTP error GitHub answers with; writes made before it stay made (a re-run plans
 *         only what is left)
 */
export async function syncRepoLabels(gh: GitHub, repo: string, desired: readonly DesiredLabel[]): Promise<RepoLabelSync> {
  const { plan, conflicts } = await planRepoLabels(gh, repo, desired);
  const { applied } = await applyPlan(gh, plan);
  return { repo, applied, conflicts };
}
