/**
 * A group's work in a snapshot (issue 5): the issues and pull requests carrying its label, every
 * issue and pull request of the repositories it owns, and its `first_work` and `deliverables` —
 * each item once. Repositories, labels and URLs are compared ignoring case.
 */
import { GITHUB_WORK_URL } from '../charters/rules.js';
import { groupLabel } from '../charters/schema.js';
import type { Charter } from '../charters/schema.js';
import { itemKey } from './snapshot.js';
import type { Snapshot, SnapshotItem } from './snapshot.js';

/** A snapshot's items looked up by label, by repository and by `repo#number`. */
export interface WorkIndex {
  items: readonly SnapshotItem[];
  byLabel: Map<string, number[]>;
  byRepo: Map<string, number[]>;
  byKey: Map<string, number>;
}

/** One listed deliverable and its state in the snapshot (`unknown`: not a tracked URL, or absent). */
export interface DeliverableState {
  url: string;
  repo: string | null;
  number: number | null;
  state: 'open' | 'closed' | 'merged' | 'unknown';
}

/** Indexes a snapshot once per run, so each group's work is found without a scan. */
export function indexSnapshot(snapshot: Snapshot): WorkIndex {
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

/** The labels a group's work may carry: its own (`wg:<id>` / `ig:<id>`) and those of its previous ids. */
export function groupLabels(charter: Charter): string[] {
  return [charter.id, ...(charter.previous_ids ?? [])].map((id) => groupLabel(charter.type, id));
}

/** `owner/name` and number of a GitHub issue or pull request URL (`issues` or `pull`), or null. */
export function parseWorkUrl(url: string): { repo: string; number: number } | null {
  const match = GITHUB_WORK_URL.exec(url);
  return match ? { repo: `${match[1]}/${match[2]}`, number: Number(match[3]) } : null;
}

/** Indices (ascending) of the snapshot items that are the group's work, each once. */
export function groupWorkItems(charter: Charter, index: WorkIndex): number[] {
  const found = new Set<number>();
  for (const label of groupLabels(charter)) for (const i of index.byLabel.get(label.toLowerCase()) ?? []) found.add(i);
  for (const repo of charter.repos ?? []) for (const i of index.byRepo.get(repo.toLowerCase()) ?? []) found.add(i);
  for (const url of [charter.first_work, ...(charter.deliverables ?? [])]) {
    const work = url === undefined ? null : parseWorkUrl(url);
    const i = work ? index.byKey.get(itemKey(work.repo, work.number)) : undefined;
    if (i !== undefined) found.add(i);
  }
  return [...found].sort((a, b) => a - b);
}

/** The state of each listed deliverable, matched by repo and number whether the URL says `issues` or `pull`. */
export function deliverableStates(charter: Charter, index: WorkIndex): DeliverableState[] {
  return (charter.deliverables ?? []).map((url) => {
    const work = parseWorkUrl(url);
    if (!work) return { url, repo: null, number: null, state: 'unknown' };
    const i = index.byKey.get(itemKey(work.repo, work.number));
    const item = i === undefined ? undefined : index.items[i];
    return { url, repo: work.repo, number: work.number, state: item ? item.state : 'unknown' };
  });
}
