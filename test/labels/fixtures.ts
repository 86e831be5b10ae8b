/** Charters for label tests, as plain objects, and a small simulator of GitHub's label API. */
import type { Charter } from '../../src/charters/schema.js';
import type { ExistingLabel } from '../../src/labels/sync-plan.js';
import type { PlanAction } from '../../src/plan/actions.js';

/** An active working group. */
export function workingGroup(id: string, extra: Partial<Charter> = {}): Charter {
  return { id, name: `${title(id)} Working Group`, type: 'working', status: 'active', formed: '2025-07-24', facilitators: ['alice'], ...extra };
}

/** An active interest group. */
export function interestGroup(id: string, extra: Partial<Charter> = {}): Charter {
  return { id, name: `${title(id)} Interest Group`, type: 'interest', status: 'active', formed: '2025-08-17', facilitators: ['bob'], ...extra };
}

/** A retired group of either type. */
export function retired(charter: Charter): Charter {
  return { ...charter, status: 'retired', retired: { on: '2026-01-01', reason: 'Folded into another group.' } };
}

function title(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/**
 * Applies label actions to a repository's labels as GitHub would, failing as GitHub does: a
 * create or rename onto a name that exists (ignoring case) is 422 already_exists, an update of a
 * missing label is 404. Any other action is a test failure.
 */
export function applyLabelPlan(labels: readonly ExistingLabel[], plan: readonly PlanAction[]): ExistingLabel[] {
  const result = labels.map((l) => ({ ...l }));
  const find = (name: string) => result.findIndex((l) => l.name.toLowerCase() === name.toLowerCase());
  for (const action of plan) {
    if (action.kind === 'create-label') {
      if (find(action.name) >= 0) throw new Error(`422 already_exists: ${action.name}`);
      result.push({ name: action.name, color: action.color, description: action.description });
    } else if (action.kind === 'update-label') {
      const at = find(action.name);
      if (at < 0) throw new Error(`404: ${action.name}`);
      const label = result[at] as ExistingLabel;
      if (action.new_name !== undefined) {
        const clash = find(action.new_name);
        if (clash >= 0 && clash !== at) throw new Error(`422 already_exists: ${action.new_name}`);
        label.name = action.new_name;
      }
      if (action.color !== undefined) label.color = action.color;
      if (action.description !== undefined) label.description = action.description;
    } else {
      throw new Error(`a label sync never plans ${action.kind}`);
    }
  }
  return result;
}
