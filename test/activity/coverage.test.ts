/**
 * Evidence that knows what it saw: the `unknown` verdict, coverage per group, discussions and
 * meeting notes as activity, interest groups' expectation (SEP-1302 § WG Lifecycle, § IG Lifecycle).
 */
import { describe, expect, it } from '@jest/globals';
import { groupSources, judgeCoverage, meetingNotesTarget, notReadableFix } from '../../src/activity/coverage.js';
import type { CoverageEntry } from '../../src/activity/coverage.js';
import { dashboardBody } from '../../src/activity/dashboard.js';
import { evaluateActivity } from '../../src/activity/evaluate.js';
import type { GroupVerdict } from '../../src/activity/evaluate.js';
import { planRetirement } from '../../src/activity/retirement.js';
import { retirementBody } from '../../src/activity/retirement-issue.js';
import { validateSnapshot } from '../../src/activity/snapshot.js';
import type { SnapshotItem } from '../../src/activity/snapshot.js';
import type { Charter } from '../../src/charters/schema.js';
import { FakeRepo } from './fake-github.js';
import { APP, NOW, WINDOW_DAYS, daysAgo, event, fullCoverage, interestGroup, item, snapshot, workingGroup } from './helpers.js';

const REGISTRY = 'modelcontextprotocol/registry';
const GHOST = 'acme/ghost-repo';
const GOV = 'modelcontextprotocol/modelcontextprotocol';
const HUB = 'modelcontextprotocol/community';

function judge(charters: Charter[], items: SnapshotItem[], coverage: CoverageEntry[] | 'none' = fullCoverage(charters)): GroupVerdict[] {
  return evaluateActivity({ charters, snapshot: snapshot(items, coverage === 'none' ? undefined : coverage), now: NOW, inactivityDays: WINDOW_DAYS, botLogins: [], appLogin: APP });
}

/** `coverage` with the entry of `repo` replaced by an unread one. */
function withUnreadRepo(coverage: CoverageEntry[], repo: string): CoverageEntry[] {
  const fix = notReadableFix({ source: 'repo', repo });
  return [...coverage.filter((c) => !(c.source === 'repo' && c.repo === repo)), { source: 'repo', repo, status: 'unread', why: 'not found or not readable by this installation', ...(fix ? { fix } : {}) }];
}

function discussion(number: number, category: string, events: SnapshotItem['events'], repo = HUB, slug?: string): SnapshotItem {
  return item({ repo, number, type: 'discussion', category, ...(slug ? { category_slug: slug } : {}), url: `https://github.com/${repo}/discussions/${number}`, events });
}

const oldWork = item({ repo: REGISTRY, number: 1, events: [event(daysAgo(50), 'rdimitrov', 'opened')] });

describe('the unknown verdict: silence is idle only when every source was read', () => {
  it('all sources read and silent for the window → idle, as before', () => {
    const [v] = judge([workingGroup()], [oldWork]);
    expect(v).toMatchObject({ verdict: 'idle' });
    expect(v!.coverage.every((c) => c.status === 'read')).toBe(true);
  });

  it('a source unread and no human activity in what was read → unknown, naming the source and its fix', () => {
    const charter = workingGroup({ repos: [REGISTRY, GHOST] });
    const [v] = judge([charter], [oldWork], withUnreadRepo(fullCoverage([charter]), GHOST));
    expect(v!.verdict).toBe('unknown');
    expect(v!.reason).toContain('cannot be judged');
    expect(v!.reason).toContain(`repository ${GHOST}: not found or not readable by this installation`);
    expect(v!.coverage.find((c) => c.source === `repository ${GHOST}`)).toMatchObject({ status: 'unread', fix: expect.stringContaining(`install the App on ${GHOST}`) });
  });

  it('a source unread but human activity in the window elsewhere → active: that is certain', () => {
    const charter = workingGroup({ repos: [REGISTRY, GHOST] });
    const [v] = judge([charter], [item({ repo: REGISTRY, number: 2, events: [event(daysAgo(3), 'rdimitrov')] })], withUnreadRepo(fullCoverage([charter]), GHOST));
    expect(v!.verdict).toBe('active');
  });

  it('a search cut short (partial) → unknown, not idle; its activity still counts', () => {
    const coverage = fullCoverage([workingGroup()]).map((c): CoverageEntry => (c.source === 'label' ? { ...c, status: 'partial', why: "GitHub's 1,000-result cap: more than 1,000 items updated at one instant" } : c));
    expect(judge([workingGroup()], [oldWork], coverage)[0]!.verdict).toBe('unknown');
    const labelled = item({ number: 9, labels: ['wg:registry'], events: [event(daysAgo(1), 'someone')] });
    expect(judge([workingGroup()], [oldWork, labelled], coverage)[0]!.verdict).toBe('active');
  });

  it('a snapshot that records no coverage proves no silence', () => {
    const [v] = judge([workingGroup()], [oldWork], 'none');
    expect(v!.verdict).toBe('unknown');
    expect(v!.reason).toContain('the snapshot records no coverage');
  });

  it('a source read over a span that does not cover the whole window → unknown', () => {
    const stale = fullCoverage([workingGroup()], NOW - 10 * 86_400_000);
    const [v] = judge([workingGroup()], [oldWork], stale);
    expect(v!.verdict).toBe('unknown');
    expect(v!.coverage[0]).toMatchObject({ status: 'partial', why: expect.stringContaining('which does not cover the window') });
  });

  it('grace still wins over unknown; completed needs every deliverable known and closed, not every source', () => {
    const young = workingGroup({ formed: daysAgo(5).slice(0, 10), repos: [GHOST] });
    expect(judge([young], [], withUnreadRepo(fullCoverage([young]), GHOST))[0]!.verdict).toBe('grace');
    const url = `https://github.com/${REGISTRY}/pull/7`;
    const done = workingGroup({ repos: [GHOST], deliverables: [url] });
    const merged = item({ repo: REGISTRY, number: 7, type: 'pull_request', state: 'merged', events: [event(daysAgo(40), 'x', 'merged')] });
    expect(judge([done], [merged], withUnreadRepo(fullCoverage([done]), GHOST))[0]!.verdict).toBe('completed');
    // State unknown (git history cannot tell open from closed): not completed.
    expect(judge([done], [{ ...merged, state: null }], withUnreadRepo(fullCoverage([done]), GHOST))[0]!.verdict).toBe('unknown');
  });

  it('an unknown actor (a squash merge read from git) is neither human nor bot evidence', () => {
    const squash = item({ repo: REGISTRY, number: 3, type: 'pull_request', state: 'merged', events: [event(daysAgo(1), null, 'merged', 'Unknown')] });
    expect(judge([workingGroup()], [oldWork, squash])[0]).toMatchObject({ verdict: 'idle', lastActivity: { number: 1 } });
    // A null actor with no type is a person whose account is gone: human, as before.
    const ghost = item({ repo: REGISTRY, number: 4, events: [event(daysAgo(1), null, 'comment', null)] });
    expect(judge([workingGroup()], [oldWork, ghost])[0]!.verdict).toBe('active');
  });
});

describe('activity beyond issues and pull requests', () => {
  const wg = workingGroup({ discussions: { repo: HUB, category: 'Registry WG' } });

  it('a discussion opened, a comment or a reply by a human in its category is activity', () => {
    for (const kind of ['opened', 'comment'] as const) {
      const d = discussion(40, 'Registry WG', [event(daysAgo(60), 'rdimitrov', 'opened'), ...(kind === 'comment' ? [event(daysAgo(2), 'tadasant', 'comment')] : [])]);
      const fresh = kind === 'opened' ? { ...d, events: [event(daysAgo(2), 'rdimitrov', 'opened')] } : d;
      expect(judge([wg], [oldWork, fresh])[0]).toMatchObject({ verdict: 'active', lastActivity: { repo: HUB, number: 40, url: `https://github.com/${HUB}/discussions/40` } });
    }
  });

  it('bots in discussions do not count, and another category is not the group\'s', () => {
    const botOnly = discussion(41, 'Registry WG', [event(daysAgo(60), 'rdimitrov', 'opened'), event(daysAgo(1), 'github-actions[bot]', 'comment', 'Bot')]);
    const elsewhere = discussion(42, 'Security IG', [event(daysAgo(1), 'someone', 'opened')]);
    expect(judge([wg], [oldWork, botOnly, elsewhere])[0]).toMatchObject({ verdict: 'idle', itemsCounted: 2 });
  });

  it('the category is matched by name or slug, ignoring case, and only discussions of that repository', () => {
    const bySlug = workingGroup({ discussions: { repo: HUB, category: 'registry-wg' } });
    const d = discussion(43, 'Registry WG', [event(daysAgo(1), 'x', 'opened')], HUB, 'registry-wg');
    expect(judge([bySlug], [oldWork, d])[0]!.verdict).toBe('active');
    const other = discussion(44, 'registry wg', [event(daysAgo(1), 'x', 'opened')], 'someone/else');
    expect(judge([wg], [oldWork, other])[0]!.verdict).toBe('idle');
  });

  it('a discussion of an owned repository that is outside the group\'s category is not its work', () => {
    const d = discussion(45, 'General', [event(daysAgo(1), 'x', 'opened')], REGISTRY);
    expect(judge([workingGroup()], [oldWork, d])[0]!.verdict).toBe('idle');
  });

  it('meeting notes in a Discussions category, under a label, or on an issue count as activity', () => {
    const cases: [string, SnapshotItem][] = [
      [`https://github.com/${HUB}/discussions/categories/meeting-notes`, discussion(50, 'Meeting Notes', [event(daysAgo(1), 'rdimitrov', 'opened')], HUB, 'meeting-notes')],
      [`https://github.com/${HUB}/labels/registry%20notes`, item({ repo: HUB, number: 51, labels: ['Registry Notes'], events: [event(daysAgo(1), 'rdimitrov', 'opened')] })],
      [`https://github.com/${HUB}/issues/52`, item({ repo: HUB, number: 52, events: [event(daysAgo(200), 'rdimitrov', 'opened'), event(daysAgo(1), 'rdimitrov', 'comment')] })],
    ];
    for (const [url, notes] of cases) {
      const charter = workingGroup({ meeting_notes: url });
      expect(judge([charter], [oldWork])[0]!.verdict).toBe('idle');
      expect(judge([charter], [oldWork, notes])[0]).toMatchObject({ verdict: 'active', lastActivity: { number: notes.number } });
    }
    // A label in another repository is not the notes label.
    const charter = workingGroup({ meeting_notes: `https://github.com/${HUB}/labels/registry%20notes` });
    expect(judge([charter], [oldWork, item({ repo: 'o/elsewhere', number: 3, labels: ['registry notes'], events: [event(daysAgo(1), 'x', 'opened')] })])[0]!.verdict).toBe('idle');
  });

  it('meeting notes on another site are reported as not readable, never as silence', () => {
    const charter = workingGroup({ meeting_notes: 'https://docs.google.com/document/d/abc' });
    const [v] = judge([charter], [oldWork]);
    expect(v!.verdict).toBe('unknown');
    expect(v!.coverage.at(-1)).toMatchObject({ source: 'meeting notes https://docs.google.com/document/d/abc', status: 'unread', why: expect.stringContaining('docs.google.com is not readable by Group Steward') });
  });

  it('classifies meeting-notes URLs', () => {
    expect(meetingNotesTarget('https://github.com/o/r/discussions/categories/notes')).toEqual({ kind: 'discussions', repo: 'o/r', category: 'notes' });
    expect(meetingNotesTarget('https://github.com/o/r/labels/meeting%20notes')).toEqual({ kind: 'label', repo: 'o/r', label: 'meeting notes' });
    expect(meetingNotesTarget('https://github.com/o/r/issues/12#issuecomment-1')).toEqual({ kind: 'item', repo: 'o/r', number: 12 });
    expect(meetingNotesTarget('https://github.com/orgs/o/discussions/categories/notes')).toEqual({ kind: 'unreadable', url: 'https://github.com/orgs/o/discussions/categories/notes' });
    expect(meetingNotesTarget('https://github.com/o/r/labels/%E0%A4%A')).toMatchObject({ kind: 'unreadable' });
    // Bounded as a recorded snapshot's coverage is, so the run that reads it can be replayed.
    expect(meetingNotesTarget(`https://github.com/o/r/labels/${'x'.repeat(150)}`)).toMatchObject({ kind: 'unreadable' });
    expect(meetingNotesTarget('https://github.com/o/r/issues/0')).toMatchObject({ kind: 'unreadable' });
    expect(meetingNotesTarget('https://github.com/o/r/issues/99999999999')).toMatchObject({ kind: 'unreadable' });
    expect(meetingNotesTarget('https://github.com/o/../issues/3')).toMatchObject({ kind: 'unreadable' });
  });
});

describe("an interest group's expectation, on what GitHub shows (SEP-1302 § IG Lifecycle)", () => {
  const ig = interestGroup({ discussions: { repo: HUB, category: 'Security IG' }, meeting_notes: `https://github.com/${HUB}/issues/60` });
  const notesIssue = item({ repo: HUB, number: 60, events: [event(daysAgo(300), 'localden', 'opened'), event(daysAgo(20), 'localden', 'comment'), event(daysAgo(3), 'localden', 'comment'), event(daysAgo(40), 'localden', 'comment')] });
  const threads = [
    discussion(61, 'Security IG', [event(daysAgo(10), 'a', 'opened')]),
    discussion(62, 'Security IG', [event(daysAgo(90), 'a', 'opened'), event(daysAgo(5), 'b', 'comment')]),
    discussion(63, 'Security IG', [event(daysAgo(90), 'a', 'opened')]),
    discussion(64, 'Security IG', [event(daysAgo(2), 'dependabot[bot]', 'opened', 'Bot')]),
  ];

  it('counts threads and meeting-notes posts in the window; says met', () => {
    const [v] = judge([ig], [notesIssue, ...threads, item({ number: 70, labels: ['ig:security'], events: [event(daysAgo(1), 'x', 'opened')] })]);
    expect(v!.verdict).toBe('active');
    expect(v!.expectation).toEqual({ state: 'met', met: true, meetings: 0, meetingsWithNotes: 0, messages: 0, participants: 0, threads: 2, notes: 2, items: 1, text: 'met: 2 discussion threads, 2 meeting-notes posts, 1 issue or pull request' });
  });

  it('says "unknown", never idle, when nothing shows in the window and its Discord channel is not configured', () => {
    const [v] = judge([ig], [threads[2]!]);
    expect(v!.verdict).toBe('unknown');
    expect(v!.expectation).toMatchObject({ state: 'unknown', met: false, text: 'unknown: no thread or conversation on GitHub in what was read' });
    expect(v!.coverage.at(-1)).toMatchObject({ source: 'Discord #security-ig', status: 'unread', why: expect.stringContaining('not configured') });
  });

  it('says "not met" when every source was read and nothing shows in the window', () => {
    const [v] = judge([{ ...ig, discord: undefined }], [threads[2]!]);
    expect(v!.verdict).toBe('unknown');
    expect(v!.expectation).toMatchObject({ state: 'not met', met: false, text: 'not met: no thread or conversation on GitHub' });
    expect(v!.reason).toMatch(/^not met: no thread or conversation on GitHub \(window 30 days; every source read\)$/);
  });
});

describe('what the retirement planner and the dashboard do with unknown', () => {
  const charter = workingGroup({ repos: [REGISTRY, GHOST] });
  const unread = withUnreadRepo(fullCoverage([charter]), GHOST);

  it('opens no retirement issue for an unknown working group', () => {
    const verdicts = judge([charter], [oldWork], unread);
    const plan = planRetirement({ verdicts, charters: [charter], existing: new FakeRepo().existing(), governanceRepo: GOV, now: NOW, inactivityDays: WINDOW_DAYS, appLogin: APP });
    expect(plan.map((a) => a.kind)).toEqual(['create-issue']);
    expect(plan[0]).toMatchObject({ labels: ['group-dashboard'] });
  });

  it('leaves an open retirement issue exactly as it is while the evidence is incomplete', () => {
    const repo = new FakeRepo();
    const idle = judge([charter], [oldWork]);
    repo.apply(planRetirement({ verdicts: idle, charters: [charter], existing: repo.existing(), governanceRepo: GOV, now: NOW, inactivityDays: WINDOW_DAYS, appLogin: APP }), new Date(NOW).toISOString());
    expect(repo.issues).toHaveLength(1);
    const before = JSON.stringify(repo.issues);
    // New activity, but one repository can no longer be read: still neither closed nor rewritten
    // (unknown only when nothing was seen) — and with no activity, nothing but the dashboard changes.
    const plan = planRetirement({ verdicts: judge([charter], [oldWork], unread), charters: [charter], existing: repo.existing(), governanceRepo: GOV, now: NOW, inactivityDays: WINDOW_DAYS, appLogin: APP });
    expect(plan.filter((a) => a.kind !== 'update-issue' || a.number !== repo.dashboard?.number)).toEqual([]);
    repo.apply(plan, new Date(NOW).toISOString());
    expect(JSON.stringify(repo.issues)).toBe(before);
    expect(repo.dashboard?.body).toContain('left as it is while its evidence is incomplete');
  });

  it('lists the groups that cannot be judged under their own heading, each source with why and fix', () => {
    const ig = interestGroup();
    const verdicts = judge([charter, ig], [oldWork], [...unread, ...fullCoverage([ig])]);
    const body = dashboardBody(verdicts, [charter, ig], new Map(), WINDOW_DAYS);
    const section = body.slice(body.indexOf('## Groups Group Steward cannot judge'));
    expect(section).toContain('- **Registry Working Group** (`wg:registry`)');
    expect(section).toContain(`  - repository ${GHOST}: not found or not readable by this installation — fix: install the App on ${GHOST}`);
    // The interest group's Discord channel is not configured: not read, so listed with its fix (issue 23).
    expect(section).toContain('- **Security Interest Group** (`ig:security`)');
    expect(section).toMatch(/ {2}- Discord .*security-ig: not configured: .* — fix: add .*discord: /);
    expect(body).toMatch(/\| Registry Working Group \|.*\| unknown \| 3 of 4 sources read \|/);
  });

  it("the retirement issue states that every source was read", () => {
    const [v] = judge([charter], [oldWork]);
    // The source names are escaped: `owner/name#2186` written raw would reference that issue on every write.
    expect(retirementBody(charter, v!, WINDOW_DAYS)).toContain(`- **Sources read:** all 4 sources of its work, over the whole window (repository ${REGISTRY}, repository ${GHOST}, label "wg:registry", ${GOV}\\#\u20602186)`);
  });
});

describe('coverage in the snapshot format', () => {
  it('accepts every kind of entry and refuses a partial or unread entry without a why', () => {
    const entries = [
      { source: 'repo', repo: 'o/r', status: 'read', from: '2026-06-01', until: '2026-09-20T00:00:00Z' },
      { source: 'label', label: 'wg:x', scope: 'user:o', status: 'partial', why: 'cut short' },
      { source: 'item', repo: 'o/r', number: 3, status: 'unread', why: 'not found' },
      { source: 'discussions', repo: 'o/r', category: 'WG', slug: 'wg', status: 'read' },
    ];
    expect(validateSnapshot({ generated_at: '2026-09-20T00:00:00Z', coverage: entries, items: [] }).coverage).toHaveLength(4);
    expect(() => validateSnapshot({ generated_at: '2026-09-20T00:00:00Z', coverage: [{ source: 'repo', repo: 'o/r', status: 'unread' }], items: [] })).toThrow('coverage[0].why: a partial or unread source says why');
    expect(() => validateSnapshot({ generated_at: '2026-09-20T00:00:00Z', coverage: [{ source: 'wiki', status: 'read' }], items: [] })).toThrow(/coverage\[0\]/);
    expect(() => validateSnapshot({ generated_at: '2026-09-20T00:00:00Z', items: [{ ...item(), type: 'discussion' }] })).toThrow('a discussion has a category');
  });

  it("lists a group's sources once each, ignoring case", () => {
    const charter = workingGroup({ repos: [REGISTRY, 'ModelContextProtocol/Registry'], deliverables: ['https://github.com/modelcontextprotocol/modelcontextprotocol/issues/2186', 'https://example.com/plan'], discussions: { repo: HUB, category: 'WG' }, meeting_notes: `https://github.com/${HUB}/discussions/categories/wg` });
    expect(groupSources(charter).map((s) => s.source)).toEqual(['repo', 'label', 'item', 'discussions']);
    // A number no GitHub issue can have (past GraphQL's Int) is no source: one such typo cannot
    // fail the read of the other deliverables sent with it.
    expect(groupSources(workingGroup({ deliverables: ['https://github.com/o/r/issues/99999999999'] })).map((s) => s.source)).toEqual(['repo', 'label', 'item']);
  });

  it('judges an entry read with no bounds as covering any window up to the snapshot date', () => {
    const sources = groupSources(workingGroup());
    const coverage: CoverageEntry[] = [{ source: 'repo', repo: REGISTRY, status: 'read' }];
    const judged = judgeCoverage({ sources, coverage, generatedAt: NOW, windowStart: NOW - 1e9, windowEnd: NOW });
    expect(judged.map((j) => j.status)).toEqual(['read', 'unread', 'unread']);
    expect(judgeCoverage({ sources, coverage, generatedAt: NOW - 1, windowStart: NOW - 1e9, windowEnd: NOW })[0]!.status).toBe('partial');
  });
});
