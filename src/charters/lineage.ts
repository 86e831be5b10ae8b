/**
 * Lineage: groups that change shape. A group renamed, folded or merged into another, or an
 * interest group become a working group, is linked to the group that took over its work both ways:
 * - a retired charter names its `retired.successor` (a chartered group);
 * - a charter lists its `previous_ids` (several for a merge): former ids with no charter of their
 *   own (a rename), or retired charters (whose type may differ: `ig:` for an interest group that
 *   became a working group).
 * Work labelled with any predecessor's label — its own type's prefix — counts for the successor.
 * Pure: charters in, links out; never throws, whatever cycles or dangling ids the charters hold
 * (`registry-rules.ts` reports those).
 */
import { groupLabel } from './schema.js';
import type { Charter, GroupType } from './schema.js';

/** What lineage reads of a charter. */
export type LineageCharter = Pick<Charter, 'id' | 'type' | 'status' | 'previous_ids' | 'retired'>;

/** One predecessor of a group: a former id, with its charter's type when it has a charter. */
export interface Predecessor {
  id: string;
  /** The predecessor's type: its charter's, else that of the charter listing it in `previous_ids`. */
  type: GroupType;
  /** True when the predecessor has a charter of its own (a retired group). */
  chartered: boolean;
}

/** The links between groups, by id (ids as the charters write them). */
export interface GroupLineage {
  /** A group (chartered or a former id) → the group that took over its work. */
  successorOf: ReadonlyMap<string, string>;
  /** A group → its direct predecessors, in id order. */
  predecessorsOf: ReadonlyMap<string, readonly Predecessor[]>;
}

/**
 * The lineage of a registry. A retired charter's `retired.successor` is its successor; a former id
 * listed in one charter's `previous_ids` has that charter as successor (a retired charter naming
 * another successor keeps its own: `previous-id-successor` reports the conflict). Ids compare
 * ignoring case; the first charter given wins a clash. Pure.
 */
export function groupLineage(charters: readonly LineageCharter[]): GroupLineage {
  const byId = new Map<string, LineageCharter>();
  for (const c of charters) if (!byId.has(key(c.id))) byId.set(key(c.id), c);
  const successorOf = new Map<string, string>();
  const types = new Map<string, { id: string; type: GroupType; chartered: boolean }>();
  for (const c of byId.values()) {
    types.set(key(c.id), { id: c.id, type: c.type, chartered: true });
    const named = c.status === 'retired' ? c.retired?.successor : undefined;
    if (named !== undefined && key(named) !== key(c.id) && byId.has(key(named))) successorOf.set(key(c.id), (byId.get(key(named)) as LineageCharter).id);
  }
  for (const c of byId.values()) {
    for (const old of c.previous_ids ?? []) {
      if (key(old) === key(c.id) || successorOf.has(key(old))) continue;
      const own = byId.get(key(old));
      if (own && own.status === 'active') continue;
      successorOf.set(key(old), c.id);
      if (!types.has(key(old))) types.set(key(old), { id: old, type: c.type, chartered: false });
    }
  }
  const predecessorsOf = new Map<string, Predecessor[]>();
  for (const [old, successor] of successorOf) {
    const list = predecessorsOf.get(successor) ?? [];
    list.push(types.get(old) as Predecessor);
    predecessorsOf.set(successor, list);
  }
  for (const list of predecessorsOf.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { successorOf: new Map([...successorOf].map(([old, s]) => [(types.get(old) as Predecessor).id, s])), predecessorsOf };
}

/**
 * Every predecessor of a group, directly or through others (a rename of a group that had absorbed
 * another), each once, nearest first; the group itself never (a cycle stops). Pure.
 */
export function allPredecessors(lineage: GroupLineage, groupId: string): Predecessor[] {
  const out: Predecessor[] = [];
  const seen = new Set<string>([key(groupId)]);
  const queue = [groupId];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const p of lineage.predecessorsOf.get(current) ?? []) {
      if (seen.has(key(p.id))) continue;
      seen.add(key(p.id));
      out.push(p);
      queue.push(p.id);
    }
  }
  return out;
}

/**
 * The labels a group's work may carry: its own (`wg:<id>` / `ig:<id>`), then each predecessor's
 * with the predecessor's own prefix (an interest group become a working group keeps `ig:<old>`),
 * each once. With no registry given, the charter's `previous_ids` under its own prefix (what one
 * charter alone can say). Pure.
 */
export function lineageLabels(charter: LineageCharter, registry?: readonly LineageCharter[]): string[] {
  const labels = [groupLabel(charter.type, charter.id)];
  if (registry === undefined) {
    for (const old of charter.previous_ids ?? []) labels.push(groupLabel(charter.type, old));
  } else {
    const lineage = groupLineage(registry.some((c) => key(c.id) === key(charter.id)) ? registry : [...registry, charter]);
    for (const p of allPredecessors(lineage, charter.id)) labels.push(groupLabel(p.type, p.id));
    // A previous id the registry gives to another group still names this charter's history.
    for (const old of charter.previous_ids ?? []) if (!lineage.successorOf.has(old)) labels.push(groupLabel(charter.type, old));
  }
  return [...new Set(labels)];
}

function key(id: string): string {
  return id.toLowerCase();
}
