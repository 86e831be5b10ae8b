import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { findCoverage } from '../../src/activity/coverage.js';
import type { CoverageEntry } from '../../src/activity/coverage.js';
import { formatBundledSnapshot, referenceSource, snapshotFromReference } from '../../src/activity/from-reference.js';
import { SnapshotError, formatSnapshot, parseSnapshot } from '../../src/activity/snapshot.js';
import type { Snapshot, SnapshotItem } from '../../src/activity/snapshot.js';
import { readCharterDirectory } from '../../src/charters/read-directory.js';
import type { Charter } from '../../src/charters/schema.js';
import { validateCharters } from '../../src/charters/validate.js';
import { interestGroup, ROOT, workingGroup } from './helpers.js';

const REFERENCE_DIR = join(ROOT, '..', 'shared', 'reference');
const THREADS_FILE = join(REFERENCE_DIR, 'mcp-activity.json');
const GIT_FILE = join(REFERENCE_DIR, 'mcp-activity-git.json');
const SNAPSHOT_FILE = join(ROOT, 'snapshots', 'mcp-activity.json');

const SKILLS = 'modelcontextprotocol/experimental-ext-skills';
const SKILLS_OLD = 'modelcontextprotocol/ext-skills';
const GOV = 'modelcontextprotocol/modelcontextprotocol';

/** A thread-file item (with collection notes the conversion drops). */
function threadItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    repo: 'modelcontextprotocol/transports-wg',
    number: 7,
    type: 'pull_request',
    title: 'Thread title',
    state: 'open',
    labels: ['spec'],
    created_at: '2026-05-01T00:00:00Z',
    closed_at: null,
    author: 'alice',
    author_type: 'User',
    events: [{ at: '2026-05-01T00:00:00Z', actor: 'alice', actor_type: 'User', kind: 'opened' }],
    source: 'https://github.com/modelcontextprotocol/transports-wg/pull/7',
    group_hint: 'Transports WG',
    group_evidence: 'in the repository',
    ...overrides,
  };
}

/** A git-file item (with collection notes the conversion drops). */
function gitItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    repo: 'modelcontextprotocol/transports-wg',
    number: 7,
    type: 'pull_request',
    title: 'Git title',
    state: 'merged',
    labels: [],
    created_at: null,
    closed_at: '2026-05-03T10:00:00Z',
    author: null,
    author_type: null,
    events: [
      { at: '2026-05-02T09:00:00Z', actor: 'alice', actor_type: 'User', kind: 'commit' },
      { at: '2026-05-03T10:00:00Z', actor: null, actor_type: null, kind: 'merged' },
    ],
    source: 'https://github.com/modelcontextprotocol/transports-wg/pull/7',
    group_hint: 'transports',
    git_name_actors: [],
    git: { merge_how: 'squash' },
    ...overrides,
  };
}

function gitCoverage(repo: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { repo, groups: ['x'], covered: true, mirror_commit: 'abc', newest_commit_at: '2026-08-20T00:00:00Z', items: 1, window_from: '2025-06-01T00:00:00Z', ...overrides };
}

function threadsFile(items: Record<string, unknown>[], generatedAt = '2026-09-20T00:00:00Z'): Record<string, unknown> {
  return { about: 'notes', generated_at: generatedAt, items, repo_activity: [], notes: [] };
}

function gitFile(items: Record<string, unknown>[], coverage: Record<string, unknown>[] = [], generatedAt = '2026-08-22T00:00:00Z'): Record<string, unknown> {
  return { about: 'notes', generated_at: generatedAt, window_from: '2025-06-01T00:00:00Z', coverage, notes: [], items };
}

const transports = workingGroup({ id: 'transports', repos: ['modelcontextprotocol/transports-wg'], first_work: `https://github.com/${GOV}/pull/2243` });

function convert(threads: Record<string, unknown>[], git: Record<string, unknown>[], charters: Charter[] = [], coverage: Record<string, unknown>[] = []): Snapshot {
  return snapshotFromReference({ threads: threadsFile(threads), git: gitFile(git, coverage) }, { charters });
}

function only(snap: Snapshot): SnapshotItem {
  expect(snap.items).toHaveLength(1);
  return snap.items[0]!;
}

describe('snapshotFromReference: items', () => {
  it('merges an item in both files: thread title, dates, author, url; git merge; labels union; events once; notes dropped', () => {
    const snap = convert(
      [threadItem({ events: [{ at: '2026-05-01T00:00:00Z', actor: 'alice', actor_type: 'User', kind: 'opened' }, { at: '2026-05-02T09:00:00Z', actor: 'alice', actor_type: 'User', kind: 'commit' }] })],
      [gitItem({ labels: ['Spec', 'docs'] })],
    );
    expect(snap.generated_at).toBe('2026-09-20T00:00:00Z');
    expect(snap.source).toBe(referenceSource('2026-08-22T00:00:00Z'));
    expect(only(snap)).toEqual({
      repo: 'modelcontextprotocol/transports-wg',
      number: 7,
      type: 'pull_request',
      title: 'Thread title',
      state: 'merged',
      labels: ['spec', 'docs'],
      created_at: '2026-05-01T00:00:00Z',
      closed_at: '2026-05-03T10:00:00Z',
      author: 'alice',
      url: 'https://github.com/modelcontextprotocol/transports-wg/pull/7',
      events: [
        { at: '2026-05-01T00:00:00Z', actor: 'alice', actor_type: 'User', kind: 'opened' },
        { at: '2026-05-02T09:00:00Z', actor: 'alice', actor_type: 'User', kind: 'commit' },
        { at: '2026-05-03T10:00:00Z', actor: null, actor_type: 'Unknown', kind: 'merged' },
      ],
    });
  });

  it('keeps two equal events of one file (two real commits), and dedupes only across files', () => {
    const commit = { at: '2026-05-02T09:00:00Z', actor: 'alice', actor_type: 'User', kind: 'commit' };
    const snap = convert([threadItem({ events: [commit] })], [gitItem({ state: null, title: null, closed_at: null, events: [commit, commit] })]);
    expect(only(snap).events.filter((e) => e.kind === 'commit')).toHaveLength(2);
    const same = convert([threadItem({ events: [commit, commit] })], [gitItem({ state: null, events: [commit, commit] })]);
    expect(only(same).events).toHaveLength(2);
  });

  it('keeps one merge when the thread has it without an actor and git with one', () => {
    const snap = convert(
      [threadItem({ state: 'merged', events: [{ at: '2026-05-03T10:00:00Z', actor: null, actor_type: null, kind: 'merged' }] })],
      [gitItem({ events: [{ at: '2026-05-03T10:00:00Z', actor: 'cliff', actor_type: 'User', kind: 'merged' }] })],
    );
    expect(only(snap).events).toEqual([{ at: '2026-05-03T10:00:00Z', actor: 'cliff', actor_type: 'User', kind: 'merged' }]);
  });

  it.each([
    ['open', 'merged', 'merged'],
    ['closed', null, 'closed'],
    ['merged', null, 'merged'],
    ['open', null, 'open'],
    [null, 'merged', 'merged'],
  ] as const)('state: thread %s, git %s → %s (a merge commit is a fact; git cannot tell open from closed)', (thread, git, expected) => {
    const snap = convert([threadItem({ state: thread })], [gitItem({ state: git, closed_at: git ? '2026-05-03T10:00:00Z' : null })]);
    expect(only(snap).state).toBe(expected);
    expect(only(snap).closed_at).toBe(git ? '2026-05-03T10:00:00Z' : null);
  });

  it("title: the thread's, else git's, else null", () => {
    expect(only(convert([threadItem({ title: null })], [gitItem()])).title).toBe('Git title');
    expect(only(convert([threadItem({ title: null })], [gitItem({ title: null, state: null })])).title).toBeNull();
  });

  it('a git-only pull request: unmerged has state and title null (unknown); a squash merge has an Unknown actor', () => {
    const snap = convert([], [gitItem({ number: 8, state: null, title: null, closed_at: null, events: [{ at: '2026-05-02T09:00:00Z', actor: 'bob', actor_type: 'User', kind: 'commit' }] }), gitItem({ number: 9 })]);
    expect(snap.items.map((i) => [i.number, i.state, i.title, i.author, i.created_at])).toEqual([
      [8, null, null, null, null],
      [9, 'merged', 'Git title', null, null],
    ]);
    expect(snap.items[1]!.events.find((e) => e.kind === 'merged')).toEqual({ at: '2026-05-03T10:00:00Z', actor: null, actor_type: 'Unknown', kind: 'merged' });
  });

  it('a merge commit with its author keeps it as a User; a thread merge with no actor is Unknown too', () => {
    const snap = convert(
      [threadItem({ repo: 'modelcontextprotocol/ext-apps', source: 'https://github.com/modelcontextprotocol/ext-apps/pull/7', events: [{ at: '2026-05-03T00:00:00Z', actor: null, actor_type: null, kind: 'merged' }, { at: '2026-05-03T00:00:00Z', actor: null, actor_type: null, kind: 'comment' }] })],
      [gitItem({ number: 9, events: [{ at: '2026-05-03T10:00:00Z', actor: 'Koichi ITO', actor_type: 'User', kind: 'merged' }] })],
    );
    expect(snap.items[0]!.events.map((e) => e.actor_type)).toEqual(['Unknown', null]);
    expect(snap.items[1]!.events[0]!.actor_type).toBe('User');
  });

  it('when the thread is an issue and git saw a pull request of that number, the thread wins', () => {
    const snap = convert([threadItem({ type: 'issue', state: 'closed', source: 'https://github.com/modelcontextprotocol/transports-wg/issues/7' })], [gitItem({ labels: ['docs'] })]);
    expect(only(snap)).toMatchObject({ type: 'issue', state: 'closed', title: 'Thread title', labels: ['spec'], closed_at: null });
    expect(only(snap).events.map((e) => e.kind)).toEqual(['opened']);
  });

  it('a renamed repository is one repository: an item takes the name the charters use, keeping its url', () => {
    const thread = threadItem({ repo: SKILLS_OLD, repo_alias: SKILLS, number: 88, source: `https://github.com/${SKILLS_OLD}/pull/88` });
    const git = [gitItem({ repo: SKILLS, number: 88, source: `https://github.com/${SKILLS}/pull/88` }), gitItem({ repo: SKILLS, number: 89 })];
    const skills = workingGroup({ id: 'skills-over-mcp', repos: ['ModelContextProtocol/Experimental-Ext-Skills'] });
    const snap = convert([thread], git, [skills]);
    expect(snap.items.map((i) => [i.repo, i.number, i.url])).toEqual([
      [SKILLS, 88, `https://github.com/${SKILLS_OLD}/pull/88`],
      [SKILLS, 89, 'https://github.com/modelcontextprotocol/transports-wg/pull/7'],
    ]);
    const oldName = convert([thread], git, [workingGroup({ id: 'skills-over-mcp', repos: [SKILLS_OLD] })]);
    expect(oldName.items.map((i) => i.repo)).toEqual([SKILLS_OLD, SKILLS_OLD]);
    const neither = convert([thread], git);
    expect(neither.items.map((i) => `${i.repo}#${i.number}`)).toEqual([`${SKILLS_OLD}#88`, `${SKILLS}#89`]);
    expect(neither.items[0]!.state).toBe('merged');
  });

  it('generated_at is the later of the two files', () => {
    const snap = snapshotFromReference({ threads: threadsFile([], '2026-01-01T00:00:00Z'), git: gitFile([], [], '2026-08-22T00:00:00+02:00') }, { charters: [] });
    expect(snap.generated_at).toBe('2026-08-22T00:00:00+02:00');
  });

  it('names the file and the path when a file has another shape', () => {
    const bad = (threads: unknown, git: unknown) => () => snapshotFromReference({ threads, git }, { charters: [] });
    expect(bad(threadsFile([]), { ...gitFile([]), generated_at: 'soon' })).toThrow('mcp-activity-git.json: generated_at: Invalid ISO datetime');
    expect(bad(threadsFile([threadItem({ events: [{ at: '2026-05-01T00:00:00Z', actor: 'a', actor_type: 'User', kind: 'poked' }] })]), gitFile([]))).toThrow(/mcp-activity\.json: items\[0\]\.events\[0\]\.kind: /);
    expect(bad(threadsFile([]), gitFile([], [gitCoverage('o/r', { covered: 'yes' })]))).toThrow(/mcp-activity-git\.json: coverage\[0\]\.covered: /);
    expect(bad(threadsFile([]), gitFile([], [gitCoverage('o/r', { stale_mirror: true, newest_commit_at: null })]))).toThrow('coverage[0].newest_commit_at: a stale mirror gives its newest_commit_at');
    expect(bad(null, gitFile([]))).toThrow(SnapshotError);
    expect(bad(threadsFile([threadItem(), threadItem()]), gitFile([]))).toThrow('items[1]: modelcontextprotocol/transports-wg#7 is already items[0]');
  });
});

describe('snapshotFromReference: coverage', () => {
  const coverageOf = (snap: Snapshot) => snap.coverage ?? [];
  const repoEntry = (snap: Snapshot, repo: string) => findCoverage(coverageOf(snap), { source: 'repo', repo });

  it('git coverage: unread, held out, stale, whole; a repository of only pull requests tied to a group says so', () => {
    const snap = convert(
      [],
      [gitItem({ repo: GOV, number: 2243, group_evidence: 'named for the group' })],
      [],
      [
        gitCoverage('modelcontextprotocol/agents-wg', { covered: false, why: 'fetch: No snapshot of that repository can be had here', newest_commit_at: null }),
        gitCoverage('modelcontextprotocol/kotlin-sdk', { newest_commit_at: null, held_out: { cut: '2026-06-23T00:00:00Z', items_in_holdout: 80 } }),
        gitCoverage('modelcontextprotocol/registry', { stale_mirror: true, newest_commit_at: '2025-07-03T01:40:25Z' }),
        gitCoverage('modelcontextprotocol/go-sdk'),
        gitCoverage(GOV),
      ],
    );
    expect(coverageOf(snap)).toEqual([
      { source: 'repo', repo: 'modelcontextprotocol/agents-wg', status: 'unread', why: 'no copy of its git history could be read' },
      { source: 'repo', repo: 'modelcontextprotocol/kotlin-sdk', status: 'partial', from: '2025-06-01T00:00:00Z', until: '2026-06-23T00:00:00Z', why: expect.stringMatching(/^git history only, before 2026-06-23 \(later events were held out/) },
      { source: 'repo', repo: 'modelcontextprotocol/registry', status: 'partial', from: '2025-06-01T00:00:00Z', until: '2025-07-03T01:40:25Z', why: expect.stringMatching(/^git history only, to 2025-07-03 \(a stale copy/) },
      { source: 'repo', repo: 'modelcontextprotocol/go-sdk', status: 'partial', from: '2025-06-01T00:00:00Z', until: '2026-08-22T00:00:00Z', why: 'git history only, to 2026-08-22: commits and merges seen; issues, comments, reviews and labels not seen' },
      { source: 'repo', repo: GOV, status: 'partial', from: '2025-06-01T00:00:00Z', until: '2026-08-22T00:00:00Z', why: expect.stringContaining('only the pull requests tied to a group') },
    ]);
  });

  it('thread transcripts: a repository only they have is partial; they are named beside git; an unreadable mirror with transcripts is partial', () => {
    const snap = convert(
      [threadItem(), threadItem({ repo: 'modelcontextprotocol/ext-apps', number: 3 }), threadItem({ repo: 'modelcontextprotocol/inspector', number: 4 })],
      [],
      [],
      [gitCoverage('modelcontextprotocol/ext-apps', { covered: false, why: 'fetch: no', newest_commit_at: null }), gitCoverage('modelcontextprotocol/inspector')],
    );
    expect(repoEntry(snap, 'modelcontextprotocol/ext-apps')).toEqual({ source: 'repo', repo: 'modelcontextprotocol/ext-apps', status: 'partial', until: '2026-09-20T00:00:00Z', why: expect.stringMatching(/^thread transcripts only \(cut short\): 1 of its issues or pull requests.*no copy of its git history could be read$/) });
    expect(repoEntry(snap, 'modelcontextprotocol/inspector')?.why).toMatch(/^git history only, to 2026-08-22: .*; also thread transcripts \(cut short\) of 1 of its issues or pull requests$/);
    expect(repoEntry(snap, 'modelcontextprotocol/transports-wg')).toEqual({ source: 'repo', repo: 'modelcontextprotocol/transports-wg', status: 'partial', until: '2026-09-20T00:00:00Z', why: expect.stringMatching(/^thread transcripts only \(cut short\)/) });
  });

  it("an active charter's repositories neither file has, labels, discussions and items; retired charters add nothing", () => {
    const withNotes = interestGroup({ discussions: { repo: GOV, category: 'Security IG' }, meeting_notes: `https://github.com/${GOV}/labels/security-notes` });
    const retired = workingGroup({ id: 'old', status: 'retired', repos: ['modelcontextprotocol/old'], retired: { on: '2026-01-01', reason: 'done' } });
    const snap = convert([threadItem({ repo: GOV, number: 2243 })], [gitItem({ repo: GOV, number: 2186 })], [transports, withNotes, retired, workingGroup({ repos: ['modelcontextprotocol/transports-wg'] })]);
    expect(coverageOf(snap)).toEqual([
      { source: 'repo', repo: GOV, status: 'partial', until: '2026-09-20T00:00:00Z', why: expect.stringMatching(/^thread transcripts only/) },
      { source: 'repo', repo: 'modelcontextprotocol/transports-wg', status: 'unread', why: 'not in the recording' },
      { source: 'label', label: 'wg:transports', status: 'unread', why: 'the recording has no search of this label' },
      { source: 'item', repo: GOV, number: 2243, status: 'partial', why: 'only its thread transcript, cut short (usually its first events)' },
      { source: 'label', label: 'ig:security', status: 'unread', why: 'the recording has no search of this label' },
      { source: 'discussions', repo: GOV, category: 'Security IG', status: 'unread', why: 'the recording has no reading of GitHub Discussions' },
      { source: 'label', label: 'security-notes', repo: GOV, status: 'unread', why: 'the recording has no search of this label' },
      { source: 'label', label: 'wg:registry', status: 'unread', why: 'the recording has no search of this label' },
      { source: 'item', repo: GOV, number: 2186, status: 'partial', why: expect.stringMatching(/^only what git history shows of it/) },
    ]);
  });

  it('an item absent from both files is unread; one in both says so', () => {
    const snap = convert([threadItem({ repo: GOV, number: 2243 })], [gitItem({ repo: GOV, number: 2243 })], [transports, workingGroup({ id: 'x', repos: [], first_work: `https://github.com/${GOV}/issues/1` })]);
    expect(findCoverage(coverageOf(snap), { source: 'item', repo: GOV, number: 2243, role: 'first_work' })?.why).toMatch(/^only its thread transcript, cut short, and what git history shows/);
    expect(findCoverage(coverageOf(snap), { source: 'item', repo: GOV, number: 1, role: 'first_work' })).toEqual({ source: 'item', repo: GOV, number: 1, status: 'unread', why: 'not in the recording' });
  });

  it('no entry is read, whatever the files say', () => {
    const snap = convert([threadItem()], [gitItem()], [transports], [gitCoverage('modelcontextprotocol/transports-wg')]);
    expect(coverageOf(snap).length).toBeGreaterThan(0);
    expect(coverageOf(snap).filter((c: CoverageEntry) => c.status === 'read')).toEqual([]);
  });
});

describe('formatBundledSnapshot', () => {
  const snap = convert([threadItem()], [gitItem({ number: 8 }), gitItem({ number: 9 })], [transports]);

  it("is formatSnapshot's output up to the limit", () => {
    expect(formatBundledSnapshot(snap)).toBe(formatSnapshot(snap));
  });

  it('over the limit, puts each item and coverage entry on one line, and reads back the same', () => {
    const text = formatBundledSnapshot(snap, 100);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n').filter((l) => l.startsWith('    {"repo":'))).toHaveLength(3);
    expect(text.split('\n').length).toBe(snap.items.length + (snap.coverage?.length ?? 0) + 9); // {, generated_at, source, coverage [ ], items [ ], }, and the final newline
    expect(parseSnapshot(text)).toEqual(snap);
  });
});

const shared = existsSync(THREADS_FILE) && existsSync(GIT_FILE);
describe('the bundled snapshot, snapshots/mcp-activity.json', () => {
  (shared ? it : it.skip)(
    `equals what the converter makes of the two reference files${shared ? '' : ` (skipped: ${THREADS_FILE} or ${GIT_FILE} is absent)`}`,
    async () => {
      const [threads, git] = await Promise.all([readFile(THREADS_FILE, 'utf8'), readFile(GIT_FILE, 'utf8')]).then((texts) => texts.map((t) => JSON.parse(t) as unknown));
      const { charters } = validateCharters(await readCharterDirectory(join(ROOT, 'groups')), { now: new Date('2026-09-20T00:00:00Z') });
      const expected = formatBundledSnapshot(snapshotFromReference({ threads, git }, { charters: charters.map((c) => c.charter) }));
      const committed = await readFile(SNAPSHOT_FILE, 'utf8');
      // Not toBe: a 9 MB string diff would swamp the report; say where they first differ.
      const same = committed === expected;
      let at = 0;
      if (!same) while (at < committed.length && committed[at] === expected[at]) at += 1;
      expect({ same, firstDifference: same ? null : committed.slice(Math.max(0, at - 200), at + 200) }).toEqual({ same: true, firstDifference: null });
    },
  );
});
