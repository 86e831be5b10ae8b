/**
 * A group's work in a snapshot (SEP-1302 § WG Lifecycle, § IG Lifecycle): the issues and pull
 * requests carrying its label, every issue and pull request of the repositories it owns, its
 * `first_work` and `deliverables`, the discussions of its Discussions category and what its
 * meeting notes URL points at — each item once. Repositories, labels and URLs are compared
 * ignoring case.
 */
import type { Charter } from '../charters/schema.js';
import { groupSources, parseWorkUrl, sameCategory } from './coverage.js';
import type { GroupSource } from './coverage.js';
import { itemKey } from './snapshot.js';
import type { SnapshotItem } from './snapshot.js';

export { groupLabels, parseWorkUrl } from './coverage.js';

/** A snapshot's items looked up by label, by repository and by `repo#number`. */
export interface WorkIndex {
  items: readonly SnapshotItem[];
  byLabel: Map<string, number[]>;
  byRepo: Map<string, number[]>;
  byKey: Map<string, number>;
}

/** One listed deliverable and its state in the snapshot (`unknown`: not a tracked URL, absent, or its state not recorded). */
export interface DeliverableState {
  url: string;
  repo: string | null;
  number: number | null;
  state: 'open' | 'closed' | 'merged' | 'unknown';
}

/** Indexes a snapshot (or any list of items) once per run, so each group's work is found without a scan. */
export function indexSnapshot(snapshot: { readonly items: readonly SnapshotItem[] }): WorkIndex {
  const byLabel = new Map<string, number[]>();
  const byRepo = new Map<string, number[]>();
  const byKey = new Map<string, number>();
  const push = (map: Map<string, number[]>, key: string, i: number) => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  snapshot.items.forEach((item, i) => {
    for (const label of new Set(item.labels.map((l) => l.toLowerCase()))) push(byLabel, label, i);
    push(byRepo, item.repo.toLowerCase(), i);
    byKey.set(itemKey(item.repo, item.number), i);
  });
  return { items: snapshot.items, byLabel, byRepo, byKey };
}

/**
 * Indices (ascending) of the snapshot items that are the group's work, each once: the issues and
 * pull requests of its repositories, those carrying its labels, its first work and deliverables,
 * the discussions of its category, and whatever its `meeting_notes` URL points at (see
 * `groupSources`).
 */
export function groupWorkItems(charter: Charter, index: WorkIndex): number[] {
  return groupWork(charter, index).items;
}

/** A group's work, with the parts an interest group's expectation is reported on. */
export interface GroupWork {
  /** Every item, each once, ascending. */
  items: number[];
  /** Discussions of its own category (`discussions`). */
  threads: number[];
  /** Items its `meeting_notes` URL points at: discussions of that category, labelled items, or the notes issue. */
  notes: number[];
  /** The notes issue, when `meeting_notes` is an issue URL: each comment on it is a post. */
  notesIssue: number | null;
}

/**
 * The items of each of the group's sources (see `groupWorkItems`); given every charter
 * (`registry`), the labels of its predecessors through `retired.successor` are its sources too.
 */
export function groupWork(charter: Charter, index: WorkIndex, registry?: readonly Charter[]): GroupWork {
  return sourcesWork(groupSources(charter, registry), index);
}

/** The items of each of these sources (a group's, as `groupSources` gives them), as `groupWork` finds them. */
export function sourcesWork(sources: readonly GroupSource[], index: WorkIndex): GroupWork {
  const found = new Set<number>();
  const threads = new Set<number>();
  const notes = new Set<number>();
  let notesIssue: number | null = null;
  const isWork = (i: number) => index.items[i]?.type !== 'discussion';
  for (const source of sources) {
    let hits: number[] = [];
    switch (source.source) {
      case 'repo':
        hits = (index.byRepo.get(source.repo.toLowerCase()) ?? []).filter(isWork);
        break;
      case 'label': {
        const labelled = index.byLabel.get(source.label.toLowerCase()) ?? [];
        hits = source.repo === undefined ? labelled : labelled.filter((i) => index.items[i]?.repo.toLowerCase() === source.repo?.toLowerCase());
        if (source.repo !== undefined) hits.forEach((i) => notes.add(i));
        break;
      }
      case 'item': {
        const i = index.byKey.get(itemKey(source.repo, source.number));
        if (i !== undefined) hits = [i];
        if (source.role === 'meeting_notes' && i !== undefined) {
          notes.add(i);
          notesIssue = i;
        }
        break;
      }
      case 'discussions':
        hits = (index.byRepo.get(source.repo.toLowerCase()) ?? []).filter((i) => {
          const item = index.items[i] as SnapshotItem;
          return item.type === 'discussion' && item.category !== undefined && sameCategory(source.category, { category: item.category, slug: item.category_slug });
        });
        hits.forEach((h) => (source.role === 'meeting_notes' ? notes : threads).add(h));
        break;
      case 'unreadable':
        break;
    }
    for (const i of hits) found.add(i);
  }
  const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
  return { items: sorted(found), threads: sorted(threads), notes: sorted(notes), notesIssue };
}

/** The state of each listed deliverable, matched by repo and number whether the URL says `issues` or `pull`. */
export function deliverableStates(charter: Charter, index: WorkIndex): DeliverableState[] {
  return (charter.deliverables ?? []).map((url) => {
    const work = parseWorkUrl(url);
    if (!work) return { url, repo: null, number: null, state: 'unknown' };
    const i = index.byKey.get(itemKey(work.repo, work.number));
    const item = i === undefined ? undefined : index.items[i];
    return { url, repo: work.repo, number: work.number, state: item?.state ?? 'unknown' };
  });
}
