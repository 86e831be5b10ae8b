/**
 * The label sync plan of one repository: what to create, update or rename so that its group
 * labels match the charters. README § Labels and linking ("Label sync").
 */
import type { PlanAction, RepoName } from '../plan/actions.js';
import type { DesiredLabel } from './desired.js';

/** A label as GitHub lists it (`GET /repos/{owner}/{repo}/labels`). */
export interface ExistingLabel {
  name: string;
  /** Six hex digits, without "#". */
  color: string;
  description: string | null;
}

export interface LabelSyncInput {
  repo: RepoName;
  desired: readonly DesiredLabel[];
  /** Every label of the repository, all pages already read by the caller. */
  existing: readonly ExistingLabel[];
}

export interface LabelSyncPlan {
  /** Only `create-label` and `update-label` actions; empty when the repository is in sync. */
  plan: PlanAction[];
  /** One sentence per label left alone that needs a person (an old and a new label both exist). */
  conflicts: string[];
}

/**
 * Plans the writes that bring a repository's group labels in line with `desired`:
 * - a missing label is created (`create-label`);
 * - a label whose color or description differs, or whose name differs only in case, is updated
 *   (`update-label`, with `new_name` for the canonical spelling);
 * - when the label is missing but a label of one of the group's `previousNames` exists, that
 *   label is renamed in place (`update-label` with `new_name`), so its issues keep it. If several
 *   previous labels exist, the first in `previousNames` order is renamed and each other one is a
 *   conflict;
 * - when both the label and a previous label exist, both are left as they are (the new one is
 *   still kept in sync) and a conflict is reported: merging them is a person's call.
 *
 * Names compare case-insensitively, as GitHub's do; colors ignore case. A label that is not a
 * desired label or one of its previous names is never touched, and no label is ever deleted.
 * Applying the plan and planning again yields an empty plan. Cost: O(existing + desired).
 * Pure; never throws.
 *
 * Source: README § Labels and linking ("Label sync").
 */
export function planLabelSync(input: LabelSyncInput): LabelSyncPlan {
  const { repo } = input;
  const existing = new Map<string, ExistingLabel>();
  for (const label of input.existing) {
    if (!existing.has(key(label.name))) existing.set(key(label.name), label);
  }
  const desiredNames = new Set(input.desired.map((d) => key(d.name)));
  const claimed = new Set<string>();
  const plan: PlanAction[] = [];
  const conflicts: string[] = [];

  for (const desired of input.desired) {
    if (claimed.has(key(desired.name))) continue;
    const current = existing.get(key(desired.name));
    const previous = desired.previousNames
      .filter((old) => !desiredNames.has(key(old)) && !claimed.has(key(old)))
      .map((old) => existing.get(key(old)))
      .filter((label): label is ExistingLabel => label !== undefined);
    claimed.add(key(desired.name));
    for (const label of previous) claimed.add(key(label.name));

    if (current) {
      const update = labelUpdate(repo, current, desired, `group ${desired.groupId}: the label differs from its charter`);
      if (update) plan.push(update);
      for (const old of previous) conflicts.push(bothExist(repo, old.name, desired.name));
      continue;
    }
    const [renamed, ...others] = previous;
    if (renamed) {
      plan.push(
        labelUpdate(repo, renamed, desired, `group ${desired.groupId} was renamed: keep the issues of "${renamed.name}"`) as PlanAction,
      );
      for (const old of others) conflicts.push(bothExist(repo, old.name, desired.name));
      continue;
    }
    plan.push({
      kind: 'create-label',
      repo,
      name: desired.name,
      color: desired.color,
      description: desired.description,
      why: `group ${desired.groupId} has no label in ${repo}`,
    });
  }
  return { plan, conflicts };
}

/** GitHub compares label names ignoring case; group labels are ASCII. */
function key(name: string): string {
  return name.toLowerCase();
}

/** The `update-label` turning `label` into `desired`, or undefined when nothing differs. */
function labelUpdate(repo: RepoName, label: ExistingLabel, desired: DesiredLabel, why: string): PlanAction | undefined {
  const changes: { new_name?: string; color?: string; description?: string } = {};
  const changed: string[] = [];
  if (label.name !== desired.name) {
    changes.new_name = desired.name;
    changed.push('name');
  }
  if (label.color.toLowerCase() !== desired.color.toLowerCase()) {
    changes.color = desired.color;
    changed.push('color');
  }
  if ((label.description ?? '') !== desired.description) {
    changes.description = desired.description;
    changed.push('description');
  }
  if (changed.length === 0) return undefined;
  return { kind: 'update-label', repo, name: label.name, ...changes, why: `${why} (${changed.join(', ')})` };
}

function bothExist(repo: RepoName, old: string, current: string): string {
  return `${repo}: both "${old}" (a previous id) and "${current}" exist; left both as they are. Move the issues of "${old}" to "${current}", then delete "${old}" by hand.`;
}
