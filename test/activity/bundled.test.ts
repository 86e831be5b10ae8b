/**
 * The evaluation over the bundled snapshot (real MCP activity) and the real charters in groups/,
 * as of the snapshot's date. Asserts properties that follow from the data and the rules — checked
 * against a separate, naive reading of the same data — never a hard-coded list of verdicts.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { findCoverage, groupSources } from '../../src/activity/coverage.js';
import { DAY_MS } from '../../src/activity/dates.js';
import { evaluateActivity } from '../../src/activity/evaluate.js';
import type { GroupVerdict } from '../../src/activity/evaluate.js';
import { planRetirement } from '../../src/activity/retirement.js';
import { parseSnapshot } from '../../src/activity/snapshot.js';
import type { Snapshot, SnapshotItem } from '../../src/activity/snapshot.js';
import { readCharterDirectory } from '../../src/charters/read-directory.js';
import type { Charter } from '../../src/charters/schema.js';
import { validateCharters } from '../../src/charters/validate.js';
import { FakeRepo } from './fake-github.js';
import { APP, ROOT } from './helpers.js';

const WINDOW = 30;
const GOV = 'modelcontextprotocol/modelcontextprotocol';
let snap: Snapshot;
let now: number;
let charters: Charter[];
let verdicts: GroupVerdict[];

beforeAll(async () => {
  snap = parseSnapshot(await readFile(join(ROOT, 'snapshots', 'mcp-activity.json')));
  now = Date.parse(snap.generated_at);
  charters = validateCharters(await readCharterDirectory(join(ROOT, 'groups')), { now: new Date(now) }).charters.map((c) => c.charter);
});

/** Each item with its repository, `repo#number` and labels lower-cased: worked out once for every scan of the items. */
let loweredItems: { item: SnapshotItem; repo: string; key: string; labels: string[] }[] | undefined;
function lowered(): { item: SnapshotItem; repo: string; key: string; labels: string[] }[] {
  loweredItems ??= snap.items.map((item) => {
    const repo = item.repo.toLowerCase();
    return { item, repo, key: `${repo}#${item.number}`, labels: item.labels.map((l) => l.toLowerCase()) };
  });
  return loweredItems;
}

/** A naive reading of the rules: scan every item for the group, take the latest non-bot, non-label event. */
function naive(charter: Charter): { count: number; last: number | null } {
  const prefix = charter.type === 'working' ? 'wg' : 'ig';
  const labels = [charter.id, ...(charter.previous_ids ?? [])].map((id) => `${prefix}:${id}`);
  const repos = (charter.repos ?? []).map((r) => r.toLowerCase());
  const urls = [charter.first_work, ...(charter.deliverables ?? [])].flatMap((u) => {
    const m = u ? /github\.com\/([^/]+\/[^/]+)\/(?:issues|pull)\/(\d+)/.exec(u) : null;
    return m ? [`${m[1]!.toLowerCase()}#${m[2]}`] : [];
  });
  const work = lowered()
    .filter((i) => i.labels.some((l) => labels.includes(l)) || repos.includes(i.repo) || urls.includes(i.key))
    .map((i) => i.item);
  const times = work.flatMap((i) => i.events.filter((e) => e.kind !== 'labeled' && e.actor_type !== 'Bot' && e.actor_type !== 'Unknown' && !e.actor?.endsWith('[bot]')).map((e) => Date.parse(e.at)));
  return { count: work.length, last: times.length ? Math.max(...times) : null };
}

/** A naive reading of coverage: every repository and label of the charter has an entry that says `read` up to `now`. */
function naiveAllRead(charter: Charter): boolean {
  const prefix = charter.type === 'working' ? 'wg' : 'ig';
  const read = (snap.coverage ?? []).filter((e) => e.status === 'read' && (e.until === undefined || Date.parse(e.until) >= now));
  const repoRead = (r: string) => read.some((e) => e.source === 'repo' && e.repo.toLowerCase() === r.toLowerCase());
  const labelRead = (l: string) => read.some((e) => e.source === 'label' && e.label.toLowerCase() === l);
  return (charter.repos ?? []).every(repoRead) && [charter.id, ...(charter.previous_ids ?? [])].every((id) => labelRead(`${prefix}:${id}`));
}

describe('the bundled snapshot with the real charters, as of its date', () => {
  beforeAll(() => {
    verdicts = evaluateActivity({ charters, snapshot: snap, now, inactivityDays: WINDOW, botLogins: [], appLogin: APP });
  });

  it('has real data and one verdict per charter', () => {
    expect(snap.items.length).toBeGreaterThan(100);
    expect(verdicts.map((v) => v.id)).toEqual(charters.map((c) => c.id));
  });

  it('finds for each group the work and the last human activity a naive scan finds', () => {
    for (const [i, v] of verdicts.entries()) {
      const charter = charters[i]!;
      if (charter.status === 'retired') continue;
      const expected = naive(charter);
      expect({ id: v.id, count: v.itemsCounted, last: v.lastActivity ? Date.parse(v.lastActivity.at) : null }).toEqual({ id: v.id, ...expected });
    }
  });

  it('gives each group the verdict its own evidence calls for', () => {
    for (const [i, v] of verdicts.entries()) {
      const charter = charters[i]!;
      const last = v.lastActivity ? Date.parse(v.lastActivity.at) : null;
      const formed = Date.parse(`${charter.formed}T00:00:00Z`);
      const done = v.deliverables.length > 0 && v.deliverables.every((d) => d.state === 'closed' || d.state === 'merged');
      const expected =
        charter.status === 'retired'
          ? 'retired'
          : charter.type === 'working' && done
            ? 'completed'
            : last !== null && now - last < WINDOW * DAY_MS
              ? 'active'
              : now - formed < WINDOW * DAY_MS
                ? 'grace'
                : charter.type === 'interest' || !naiveAllRead(charter)
                  ? 'unknown'
                  : 'idle';
      expect(`${v.id}: ${v.verdict}`).toBe(`${v.id}: ${expected}`);
      if (v.type === 'interest') expect(v.deliverables).toEqual([]);
      if (last !== null && (v.verdict === 'idle' || v.verdict === 'active')) expect(v.reason).toContain(v.lastActivity!.at.slice(0, 10));
    }
  });

  it('proposes no retirement its evidence cannot back: a working group none of whose repositories or label the snapshot holds is neither idle nor completed', () => {
    const unseen = charters.filter((c) => c.status === 'active' && c.type === 'working').filter((c) => {
      const repos = new Set((c.repos ?? []).map((r) => r.toLowerCase()));
      const label = `wg:${c.id}`;
      return !snap.items.some((i) => repos.has(i.repo.toLowerCase()) || i.labels.some((l) => l.toLowerCase() === label));
    });
    for (const c of unseen) expect(`${c.id}: ${verdicts.find((v) => v.id === c.id)!.verdict}`).not.toMatch(/: (idle|completed)$/);
    // And none is idle at all: no source of this recording was read completely.
    expect(verdicts.filter((v) => v.verdict === 'idle')).toEqual([]);
  });

  it('counts the renamed repository for the group whose charter names it', () => {
    for (const charter of charters.filter((c) => c.status === 'active')) {
      const owned = lowered().filter((i) => (charter.repos ?? []).some((r) => r.toLowerCase() === i.repo)).length;
      expect(verdicts.find((v) => v.id === charter.id)!.itemsCounted).toBeGreaterThanOrEqual(owned);
    }
  });

  it('plans one retirement issue per idle or completed working group, and nothing on a re-run', () => {
    const repo = new FakeRepo();
    const plan = () => planRetirement({ verdicts, charters, existing: repo.existing(), governanceRepo: GOV, now, inactivityDays: WINDOW, appLogin: APP });
    const first = plan();
    const opened = first.flatMap((a) => (a.kind === 'create-issue' && a.labels.includes('group-retirement') ? [a.labels[1]] : []));
    const due = verdicts.filter((v) => v.type === 'working' && v.status === 'active' && (v.verdict === 'idle' || v.verdict === 'completed')).map((v) => v.label);
    expect(opened).toEqual(due);
    expect(first.filter((a) => a.kind !== 'create-issue')).toEqual([]);
    repo.apply(first, snap.generated_at);
    expect(plan()).toEqual([]);
  });
});

/**
 * The bundled snapshot against the two reference files it was built from, read here naively (plain
 * JSON, no zod): nothing of either file is lost, and its coverage says what the recording could not
 * see. Skipped where the shared reference data is absent.
 */
const REFERENCE_DIR = join(ROOT, '..', 'shared', 'reference');
const THREADS_FILE = join(REFERENCE_DIR, 'mcp-activity.json');
const GIT_FILE = join(REFERENCE_DIR, 'mcp-activity-git.json');
const haveSources = existsSync(THREADS_FILE) && existsSync(GIT_FILE);

interface RefEvent {
  at: string;
  actor: string | null;
  actor_type: string | null;
  kind: string;
}
interface RefItem {
  repo: string;
  repo_alias?: string;
  number: number;
  type: string;
  title: string | null;
  state: string | null;
  labels: string[];
  events: RefEvent[];
}
interface RefCoverage {
  repo: string;
  covered: boolean;
  newest_commit_at?: string | null;
  held_out?: { cut: string };
  stale_mirror?: boolean;
  window_from?: string;
}
interface ThreadsRef {
  generated_at: string;
  items: RefItem[];
}
interface GitRef {
  generated_at: string;
  window_from: string;
  coverage: RefCoverage[];
  items: RefItem[];
}

(haveSources ? describe : describe.skip)(`the bundled snapshot against its sources${haveSources ? '' : ` (skipped: ${THREADS_FILE} or ${GIT_FILE} is absent)`}`, () => {
  let threads: ThreadsRef;
  let git: GitRef;
  /** Lower-cased repository name → the snapshot's lower-cased name (a renamed repository's two names as one). */
  const canonical = new Map<string, string>();
  const repoOf = (repo: string) => canonical.get(repo.toLowerCase()) ?? repo.toLowerCase();
  const byKey = new Map<string, SnapshotItem>();
  const keyOf = (repo: string, number: number) => `${repoOf(repo)}#${number}`;

  beforeAll(async () => {
    [threads, git] = (await Promise.all([readFile(THREADS_FILE, 'utf8'), readFile(GIT_FILE, 'utf8')])).map((t) => JSON.parse(t)) as [ThreadsRef, GitRef];
    const inSnapshot = new Set(snap.items.map((i) => i.repo.toLowerCase()));
    for (const t of threads.items) {
      if (!t.repo_alias) continue;
      const [a, b] = [t.repo.toLowerCase(), t.repo_alias.toLowerCase()];
      const name = inSnapshot.has(b) ? b : a;
      canonical.set(a, name).set(b, name);
    }
    for (const i of snap.items) byKey.set(keyOf(i.repo, i.number), i);
  });

  /** Each event of `events` is in `item` (a merge without an actor may be the same merge with one). */
  function missingEvents(events: RefEvent[], item: SnapshotItem): RefEvent[] {
    const left = [...item.events];
    return events.filter((e) => {
      const at = Date.parse(e.at);
      let i = left.findIndex((s) => s.kind === e.kind && s.actor === e.actor && Date.parse(s.at) === at);
      if (i < 0 && e.kind === 'merged' && e.actor === null) i = left.findIndex((s) => s.kind === 'merged' && Date.parse(s.at) === at);
      if (i < 0) return true;
      left.splice(i, 1);
      return false;
    });
  }

  it('holds the union of both files by repository and number, and nothing else', () => {
    const keys = new Set([...threads.items, ...git.items].map((i) => keyOf(i.repo, i.number)));
    expect(snap.items.length).toBe(keys.size);
    expect(snap.items.filter((i) => !keys.has(keyOf(i.repo, i.number)))).toEqual([]);
  });

  it('has every thread item with its type, its labels and each of its events', () => {
    const lost = threads.items.flatMap((t) => {
      const item = byKey.get(keyOf(t.repo, t.number));
      if (!item) return [`${t.repo}#${t.number}: absent`];
      const problems = [
        ...(item.type === t.type ? [] : [`type ${item.type}`]),
        ...t.labels.filter((l) => !item.labels.includes(l)).map((l) => `label ${l}`),
        ...missingEvents(t.events, item).map((e) => `event ${e.kind} ${e.at} ${e.actor}`),
      ];
      return problems.map((p) => `${t.repo}#${t.number}: ${p}`);
    });
    expect(lost).toEqual([]);
  });

  it('has every git pull request with each of its events and its merge, unless the thread file records that number as an issue', () => {
    const threadIssues = new Set(threads.items.filter((t) => t.type === 'issue').map((t) => keyOf(t.repo, t.number)));
    const lost = git.items.flatMap((g) => {
      const key = keyOf(g.repo, g.number);
      const item = byKey.get(key);
      if (!item) return [`${key}: absent`];
      if (item.type !== 'pull_request') return threadIssues.has(key) ? [] : [`${key}: a ${item.type}`];
      const problems = [
        ...(g.state === 'merged' && item.state !== 'merged' ? [`state ${item.state}, git says merged`] : []),
        ...missingEvents(g.events, item).map((e) => `event ${e.kind} ${e.at} ${e.actor}`),
      ];
      return problems.map((p) => `${key}: ${p}`);
    });
    expect(lost).toEqual([]);
  });

  it('a pull request only git knows: title and state as git has them (null: unknown), no author or creation date', () => {
    const threadKeys = new Set(threads.items.map((t) => keyOf(t.repo, t.number)));
    const wrong = git.items
      .filter((g) => !threadKeys.has(keyOf(g.repo, g.number)))
      .flatMap((g) => {
        const item = byKey.get(keyOf(g.repo, g.number))!;
        return item.title === g.title && item.state === g.state && item.author === null && item.created_at === null ? [] : [`${g.repo}#${g.number}`];
      });
    expect(wrong).toEqual([]);
  });

  it('an unrecorded merger is Unknown, never human; no other event is Unknown', () => {
    const events = snap.items.flatMap((i) => i.events);
    expect(events.filter((e) => e.kind === 'merged' && e.actor === null && e.actor_type !== 'Unknown')).toEqual([]);
    expect(events.filter((e) => e.actor_type === 'Unknown' && !(e.kind === 'merged' && e.actor === null))).toEqual([]);
  });

  it("reflects every repository of the git file's coverage: unread or transcripts only when it could not be read, else partial over its window", () => {
    const threadRepos = new Set(threads.items.map((t) => repoOf(t.repo)));
    for (const c of git.coverage) {
      const entry = findCoverage(snap.coverage ?? [], { source: 'repo', repo: c.repo });
      expect(entry).toBeDefined();
      if (!c.covered) {
        if (threadRepos.has(repoOf(c.repo))) expect(entry).toMatchObject({ status: 'partial', why: expect.stringMatching(/^thread transcripts only .*no copy of its git history could be read/) });
        else expect(entry).toMatchObject({ status: 'unread', why: expect.stringContaining('no copy of its git history') });
        expect(entry?.from).toBeUndefined();
        continue;
      }
      const until = c.held_out?.cut ?? (c.stale_mirror ? c.newest_commit_at : git.generated_at);
      expect({ repo: c.repo, ...entry }).toMatchObject({ repo: c.repo, status: 'partial', from: c.window_from ?? git.window_from, until, why: expect.stringMatching(/^git history only, .*issues, comments, reviews and labels not seen/) });
    }
  });

  it('a repository recorded unread has no items; one only the thread file has is partial', () => {
    const unread = new Set((snap.coverage ?? []).flatMap((c) => (c.source === 'repo' && c.status === 'unread' ? [repoOf(c.repo)] : [])));
    expect(snap.items.filter((i) => unread.has(repoOf(i.repo))).map((i) => `${i.repo}#${i.number}`)).toEqual([]);
    const gitRepos = new Set(git.coverage.map((c) => repoOf(c.repo)));
    for (const t of threads.items.filter((i) => !gitRepos.has(repoOf(i.repo)))) {
      expect(findCoverage(snap.coverage ?? [], { source: 'repo', repo: byKey.get(keyOf(t.repo, t.number))!.repo })).toMatchObject({ status: 'partial', why: expect.stringMatching(/^thread transcripts only/) });
    }
  });

  it('records every source of every active charter, and no entry claims read (neither file is a complete reading)', () => {
    for (const charter of charters.filter((c) => c.status === 'active')) {
      for (const source of groupSources(charter).filter((s) => s.source !== 'unreadable')) {
        const entry = findCoverage(snap.coverage ?? [], source);
        expect({ id: charter.id, source, recorded: entry !== undefined }).toEqual({ id: charter.id, source, recorded: true });
        if (source.source === 'label') expect(entry?.status).toBe('unread');
        if (source.source === 'item') expect(entry?.status).toBe(byKey.has(keyOf(source.repo, source.number)) ? 'partial' : 'unread');
      }
    }
    expect((snap.coverage ?? []).filter((c) => c.status === 'read')).toEqual([]);
    expect((snap.coverage ?? []).filter((c) => c.status !== 'read' && !c.why)).toEqual([]);
  });

  it('is dated by the later file, and says where it came from', () => {
    expect(Date.parse(snap.generated_at)).toBe(Math.max(Date.parse(threads.generated_at), Date.parse(git.generated_at)));
    expect(snap.source).toContain('mcp-activity.json');
    expect(snap.source).toContain('mcp-activity-git.json');
  });
});
