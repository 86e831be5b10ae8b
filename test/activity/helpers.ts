/** Test helpers for the activity evaluation and the retirement planner: charters and snapshots as data. */
import { fileURLToPath } from 'node:url';
import type { Charter } from '../../src/charters/schema.js';
import { DAY_MS } from '../../src/activity/dates.js';
import type { Snapshot, SnapshotEvent, SnapshotItem } from '../../src/activity/snapshot.js';
import { groupSources } from '../../src/activity/coverage.js';
import type { CoverageEntry, GroupSource } from '../../src/activity/coverage.js';

/** The repository root (where `groups/` and `snapshots/` are). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The instant every activity test judges at, UTC ms. */
export const NOW = Date.parse('2026-09-20T12:00:00Z');
export const WINDOW_DAYS = 30;
export const APP = 'group-steward';

/** The ISO instant `n` days (fractions allowed) before `NOW`. */
export function daysAgo(n: number): string {
  return new Date(NOW - n * DAY_MS).toISOString();
}

/** `YYYY-MM-DD` of `n` whole days before `NOW`'s day. */
export function dateDaysAgo(n: number): string {
  return daysAgo(n).slice(0, 10);
}

/** An active working group formed a year ago, owning `modelcontextprotocol/registry`. */
export function workingGroup(overrides: Partial<Charter> = {}): Charter {
  return {
    id: 'registry',
    name: 'Registry Working Group',
    type: 'working',
    status: 'active',
    formed: '2025-07-24',
    facilitators: ['rdimitrov'],
    discord: 'registry-wg',
    repos: ['modelcontextprotocol/registry'],
    use_cases: 'Builds the official MCP Registry.',
    first_work: 'https://github.com/modelcontextprotocol/modelcontextprotocol/pull/2186',
    ...overrides,
  };
}

/** An active interest group formed a year ago, owning nothing. */
export function interestGroup(overrides: Partial<Charter> = {}): Charter {
  return {
    id: 'security',
    name: 'Security Interest Group',
    type: 'interest',
    status: 'active',
    formed: '2025-08-17',
    facilitators: ['localden'],
    discord: 'security-ig',
    differentiation: 'It owns the threat model.',
    first_topic: 'Attested tool-server admission.',
    ...overrides,
  };
}

/** A human event (`User`) unless told otherwise. */
export function event(at: string, actor: string | null, kind: SnapshotEvent['kind'] = 'comment', actorType: SnapshotEvent['actor_type'] = 'User'): SnapshotEvent {
  return { at, actor, actor_type: actorType, kind };
}

/** An open issue in `modelcontextprotocol/other` (owned by no group) with no labels or events. */
export function item(overrides: Partial<SnapshotItem> = {}): SnapshotItem {
  const repo = overrides.repo ?? 'modelcontextprotocol/other';
  const number = overrides.number ?? 1;
  return {
    repo,
    number,
    type: 'issue',
    title: `item ${number}`,
    state: 'open',
    labels: [],
    created_at: null,
    closed_at: null,
    author: 'someone',
    url: `https://github.com/${repo}/issues/${number}`,
    events: [],
    ...overrides,
  };
}

/** A snapshot judged at `NOW`; `coverage` as given (absent: the snapshot records none). */
export function snapshot(items: SnapshotItem[], coverage?: CoverageEntry[]): Snapshot {
  return { generated_at: new Date(NOW).toISOString(), ...(coverage ? { coverage } : {}), items };
}

/** The coverage entry that records `source` as read completely, from a year before `NOW` to `untilMs`. */
export function readEntry(source: GroupSource, untilMs = NOW): CoverageEntry | null {
  const window = { status: 'read' as const, from: daysAgo(365), until: new Date(untilMs).toISOString() };
  switch (source.source) {
    case 'repo':
      return { source: 'repo', repo: source.repo, ...window };
    case 'label':
      return { source: 'label', label: source.label, ...(source.repo ? { repo: source.repo } : { scope: 'user:modelcontextprotocol' }), ...window };
    case 'item':
      return { source: 'item', repo: source.repo, number: source.number, ...window };
    case 'discussions':
      return { source: 'discussions', repo: source.repo, category: source.category, ...window };
    case 'unreadable':
      return null;
  }
}

/** Coverage that records every source of the active charters as read, from a year before `NOW` to `untilMs`. */
export function fullCoverage(charters: readonly Charter[], untilMs = NOW): CoverageEntry[] {
  return charters.filter((c) => c.status === 'active').flatMap((c) => groupSources(c).flatMap((s) => readEntry(s, untilMs) ?? []));
}
