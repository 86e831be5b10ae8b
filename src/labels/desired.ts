/**
 * The labels the charters call for: one per group, in every repository where the App syncs
 * labels. README § Labels and linking ("Label sync").
 */
import { groupLineage } from '../charters/lineage.js';
import { groupLabel } from '../charters/schema.js';
import type { Charter } from '../charters/schema.js';
import type { Config } from '../config/schema.js';
import { labelDescription } from './label-description.js';

/** One label as the charters want it. */
export interface DesiredLabel {
  /** `wg:<id>` or `ig:<id>`; at most 50 characters (ids are at most 47). */
  name: string;
  /** Six lowercase hex digits, without "#". */
  color: string;
  /** The group's name (`[retired] ` first for a retired group), at most 100 characters. */
  description: string;
  /** The id of the group the label belongs to. */
  groupId: string;
  /**
   * Labels of the group's `previous_ids`, same prefix (`wg:`/`ig:`): an existing one is renamed
   * to `name`. Names that are another group's label are left out.
   */
  previousNames: string[];
}

/**
 * The desired label of every group: `wg:<id>` for a working group, `ig:<id>` for an interest
 * group, colored by type from `config.labels` (`working_color`, `interest_color`), described by
 * the group's name. A retired group keeps its label, described `[retired] <name>`, and
 * `[retired] <name> → <successor's label>` when its work went to another group (`retired.successor`,
 * or a charter listing it in `previous_ids`: issue 24): labels are never deleted or merged, so its
 * issues stay labelled and history stays linked — an interest group become a working group keeps
 * `ig:<old>` on its issues while the working group gets `wg:<new>`, and work under either counts for
 * the working group (`groupLabels`).
 *
 * Charters are trusted to be valid; should two share a label name (ignoring case, as GitHub
 * does), the active one wins, then the first given. Sorted by name. Pure; never throws.
 *
 * Source: README § Labels and linking ("Label sync"); SEP-1302 § Lifecycle (retired groups remain
 * as a record).
 */
export function desiredLabels(charters: readonly Charter[], config: Pick<Config, 'labels'>): DesiredLabel[] {
  const byName = new Map<string, Charter>();
  for (const charter of charters) {
    const key = groupLabel(charter.type, charter.id).toLowerCase();
    const held = byName.get(key);
    if (!held || (held.status === 'retired' && charter.status === 'active')) byName.set(key, charter);
  }
  const taken = new Set(byName.keys());
  const lineage = groupLineage(charters);
  const typeOf = new Map(charters.map((c) => [c.id, c.type]));
  const labels = [...byName.values()].map((charter): DesiredLabel => {
    const successor = charter.status === 'retired' ? lineage.successorOf.get(charter.id) : undefined;
    const successorType = successor === undefined ? undefined : typeOf.get(successor);
    const name = groupLabel(charter.type, charter.id);
    const previous = (charter.previous_ids ?? [])
      .map((id) => groupLabel(charter.type, id))
      .filter((old) => !taken.has(old.toLowerCase()));
    return {
      name,
      color: (charter.type === 'working' ? config.labels.working_color : config.labels.interest_color).toLowerCase(),
      description: labelDescription(charter.name, {
        retired: charter.status === 'retired',
        ...(successor !== undefined && successorType !== undefined ? { successorLabel: groupLabel(successorType, successor) } : {}),
      }),
      groupId: charter.id,
      previousNames: [...new Set(previous)],
    };
  });
  return labels.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
