/**
 * The registry of groups, indexed for linking: by id and by former id (`previous_ids`), so a
 * renamed group is still found by the id people knew.
 */
import type { Charter } from '../charters/schema.js';

export interface GroupIndex {
  /** Every group given, active and retired. */
  groups: readonly Charter[];
  /** Active groups, sorted by id: the ones work may be linked to. */
  active: readonly Charter[];
  byId: ReadonlyMap<string, Charter>;
  /** A former id (`previous_ids`) → the group that now has it. */
  byPreviousId: ReadonlyMap<string, Charter>;
}

/**
 * Indexes the registry (active and retired charters). Ids are unique across the registry when
 * the charters are valid; should two groups share one, the active one wins, then the first given.
 * Pure; never throws.
 */
export function indexGroups(charters: readonly Charter[]): GroupIndex {
  const byId = new Map<string, Charter>();
  const byPreviousId = new Map<string, Charter>();
  for (const charter of charters) {
    const held = byId.get(charter.id);
    if (!held || (held.status === 'retired' && charter.status === 'active')) byId.set(charter.id, charter);
  }
  for (const charter of charters) {
    for (const old of charter.previous_ids ?? []) {
      if (!byId.has(old) && !byPreviousId.has(old)) byPreviousId.set(old, charter);
    }
  }
  const active = [...byId.values()]
    .filter((c) => c.status === 'active')
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { groups: charters, active, byId, byPreviousId };
}
