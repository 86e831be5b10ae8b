/**
 * Reading a group's work newest first, and knowing when to stop (README § The scheduled job,
 * "How it reads GitHub"). A verdict needs only the newest human event of each group (SEP-1302 §
 * WG Lifecycle: "a WIP Issue/PR" within a month), so a live run reads each source sorted by update
 * time, newest first, and pages further only while the group's newest human event may still lie in
 * what was not read. Pure: no clock, no
 * network; the instant judged is given.
 *
 * Why stopping is safe. An item's `updatedAt` is at or after every event on it (a comment, a
 * review, a push, a close or a merge all update it). Once a source has been read newest first down
 * to the update time `reached` (every item updated after `reached` was read), an item not read was
 * updated at or before `reached`, so every event on it is at or before `reached`. When the group's
 * newest human event seen, `newest`, is after `reached`, nothing unread can be as new: the group's
 * newest human event is known exactly — its verdict, and the last activity its evidence shows (the
 * instant and the item), are those a read of everything would give. (At `reached` itself an unread
 * item could tie with it, and show another item: so the rule is strict.) A group with no human
 * event seen is read to the end of its sources (the period searched), as before.
 *
 * Timelines are read in part (the newest events of each item): an item whose older events were not
 * read hides nothing newer than its oldest event read, so it matters only when that event is at or
 * after the group's newest human event; such an item is read again whole.
 */
import type { GroupSource } from './coverage.js';
import { indexSnapshot, sourcesWork } from './group-work.js';
import { actorJudge, isAppOwnItem, latestHumanEvent } from './human-activity.js';
import type { BotPolicy } from './human-activity.js';
import { itemKey } from './snapshot.js';
import type { SnapshotItem } from './snapshot.js';

/** How far a source has been read, newest first. */
export type ReadFrontier =
  /** Nothing more can be read of it: read to its end (or whole, an item by number), or not readable, or its read failed. */
  | { done: true }
  /** More of it can be read. `reached`: the oldest update time read so far (UTC ms; every item updated after it was read); null: nothing read yet. */
  | { done: false; reached: number | null };

/** A stable key of a source, ignoring case (repositories, labels, categories): the same source of two groups has one key. */
export function sourceKey(source: GroupSource): string {
  switch (source.source) {
    case 'repo':
      return `repo ${source.repo}`.toLowerCase();
    case 'label':
      return `label ${source.label} in ${source.repo ?? ''}`.toLowerCase();
    case 'item':
      return `item ${source.repo}#${source.number}`.toLowerCase();
    case 'discussions':
      return `discussions ${source.repo} ${source.category}`.toLowerCase();
    case 'unreadable':
      return `unreadable ${source.url}`.toLowerCase();
  }
}

export interface StopInput {
  /**
   * The units decided together: each a group's sources (`groupSources`), or a single source when
   * the groups are not known. A source shared by two units is read until both are decided.
   */
  units: readonly (readonly GroupSource[])[];
  /** Every item read so far (issues, pull requests, discussions), each once. */
  items: readonly SnapshotItem[];
  /** How far each source has been read (by `sourceKey`); a source not listed counts as done. */
  frontiers: ReadonlyMap<string, ReadFrontier>;
  /** Items read with only their newest events: `itemKey` → the time of the oldest event read (UTC ms). */
  cut: ReadonlyMap<string, number>;
  /** The instant judged, UTC ms: later events are not activity (as in the evaluation). */
  now: number;
  /** Who is a bot (config `activity.bot_logins`, the App). */
  policy: BotPolicy;
  /**
   * Optional, one per unit (null: none): an instant (UTC ms) the unit's sources must be read back
   * to whatever its newest human event — a working group with members, whose participation per
   * month is judged (`participationReadBack`). Its sources are read further while their frontier is
   * after it, and its items read in part whose oldest event read is after it are read whole.
   */
  readBack?: readonly (number | null)[];
}

/** What one unit still needs. */
export interface UnitDecision {
  /** True when its newest human event is known exactly (nothing unread can be as new). */
  decided: boolean;
  /** Its newest human event seen, UTC ms; null when none. */
  newest: number | null;
  /** Keys (`sourceKey`) of its sources to read further, newest first. */
  readFurther: string[];
  /** Keys (`itemKey`) of its items to read again with their whole timeline. */
  readWhole: string[];
}

/**
 * Decides each unit on the items read so far: a unit is decided when, for each of its sources,
 * the source is done or was read down to an update time before the unit's newest human event, and
 * no item of its work read in part could hide one as new. The App's own items
 * (retirement issues, the dashboard) and bots' events do not count, as in the evaluation.
 */
export function decideUnits(input: StopInput): UnitDecision[] {
  const index = indexSnapshot({ items: input.items });
  const judge = actorJudge(input.policy);
  const latest = new Map<number, number | null>();
  const latestOf = (i: number): number | null => {
    if (!latest.has(i)) {
      const item = index.items[i] as SnapshotItem;
      latest.set(i, isAppOwnItem(item, judge) ? null : (latestHumanEvent(item, judge, input.now)?.at ?? null));
    }
    return latest.get(i) ?? null;
  };
  return input.units.map((unit, u) => {
    const back = input.readBack?.[u] ?? null;
    const work = sourcesWork(unit, index).items;
    let newest: number | null = null;
    for (const i of work) {
      const at = latestOf(i);
      if (at !== null && (newest === null || at > newest)) newest = at;
    }
    const readFurther: string[] = [];
    for (const source of unit) {
      const key = sourceKey(source);
      const frontier = input.frontiers.get(key) ?? { done: true };
      if (frontier.done) continue;
      if (newest === null || frontier.reached === null || frontier.reached >= newest || (back !== null && frontier.reached > back)) readFurther.push(key);
    }
    const readWhole: string[] = [];
    for (const i of work) {
      const item = index.items[i] as SnapshotItem;
      const oldestRead = input.cut.get(itemKey(item.repo, item.number));
      if (oldestRead === undefined || isAppOwnItem(item, judge)) continue;
      if (newest === null || oldestRead >= newest || (back !== null && oldestRead > back)) readWhole.push(itemKey(item.repo, item.number));
    }
    return { decided: readFurther.length === 0 && readWhole.length === 0, newest, readFurther: unique(readFurther), readWhole };
  });
}

/** What to read next for every unit still undecided: sources to page further and items to read whole, each once. */
export function nextReads(input: StopInput): { sources: string[]; items: string[] } {
  const sources = new Set<string>();
  const items = new Set<string>();
  for (const decision of decideUnits(input)) {
    decision.readFurther.forEach((k) => sources.add(k));
    decision.readWhole.forEach((k) => items.add(k));
  }
  return { sources: [...sources], items: [...items] };
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}
