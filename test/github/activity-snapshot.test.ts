/**
 * `buildLiveSnapshot` against the stateful fake GitHub (GraphQL executed against GitHub's schema,
 * every query validated): the snapshot records, for each source of the groups' work, whether it was
 * read and over which window — a repository that cannot be read, a search that failed or was cut
 * at 1,000 results, a Discussions category that does not exist are never read as silence — and
 * reads each source newest first, only as far as its group's verdict needs (issue 10 § 4).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import type { DefinitionNode, SelectionSetNode } from 'graphql';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { groupSources } from '../../src/activity/coverage.js';
import type { GroupSource } from '../../src/activity/coverage.js';
import { evaluateActivity } from '../../src/activity/evaluate.js';
import type { GroupVerdict } from '../../src/activity/evaluate.js';
import { validateSnapshot } from '../../src/activity/snapshot.js';
import type { Snapshot, SnapshotItem } from '../../src/activity/snapshot.js';
import type { Charter } from '../../src/charters/schema.js';
import { validateCharters } from '../../src/charters/validate.js';
import { activityReadQuery, estimatedNodes, FIRST_PAGE, GITHUB_NODE_LIMIT, ITEMS_PER_REQUEST, NEXT_PAGE, packReads, SEARCHES_PER_REQUEST } from '../../src/github/activity-search.js';
import type { ReadSpec } from '../../src/github/activity-search.js';
import { describeCoverage } from '../../src/activity/describe-coverage.js';
import { buildLiveSnapshot, MAX_ITEMS_PER_SOURCE } from '../../src/github/activity-snapshot.js';
import type { LiveSnapshotInput, LiveSnapshotOutcome } from '../../src/github/activity-snapshot.js';
import type { GitHub } from '../../src/github/client.js';
import { FAILURES, FakeGovernance, PEOPLE } from '../support/fake-governance.js';
import type { FakeActor, FakeEvent } from '../support/fake-governance.js';
import { interestGroup, workingGroup } from '../activity/helpers.js';

const GOV = 'example-org/governance';
const REGISTRY = 'example-org/registry';
const SPECS = 'example-org/specs';
const DAY = 86_400_000;
const NOW = new Date('2026-10-01T12:00:00Z');
const SINCE = '2026-07-03';
const UNTIL = NOW.toISOString();
const agoText = new Map<number, string>();
/** The instant `days` before NOW (remembered: the data sets below ask for the same half-days thousands of times). */
const ago = (days: number): string => {
  let text = agoText.get(days);
  if (text === undefined) {
    text = new Date(NOW.getTime() - days * DAY).toISOString();
    agoText.set(days, text);
  }
  return text;
};
const user = (login: string): FakeActor => ({ login, type: 'User' });
const SCOPE = ['user:example-org'];
const NOT_READABLE = 'not found or not readable by this installation';

/** An Octokit without retries or throttling: each request is sent once, at once. */
function plainOctokit(): GitHub {
  return new ProbotOctokit({ auth: { token: 'ghs_test' }, retry: { enabled: false }, throttle: { enabled: false } }) as GitHub;
}

/** Octokit's retries as in production (3 more tries on a 5xx), with 1 ms waits. */
function retryingOctokit(): GitHub {
  return new ProbotOctokit({ auth: { token: 'ghs_test' }, retry: { retryAfterBaseValue: 1 }, throttle: { enabled: false } }) as GitHub;
}

let fake: FakeGovernance;
beforeEach(() => {
  nock.cleanAll();
  fake = new FakeGovernance({ governanceRepo: GOV }).install();
});
afterEach(() => {
  try {
    fake.assertClean();
  } finally {
    fake.uninstall();
  }
});

async function build(sources: readonly GroupSource[], gh: GitHub = plainOctokit(), more: Partial<LiveSnapshotInput> = {}): Promise<LiveSnapshotOutcome> {
  return buildLiveSnapshot(gh, { sources, labelScope: SCOPE, since: SINCE, now: NOW, ...more });
}

/** The groups' sources, read together (`groups`) so that each group is decided on all of them. */
async function buildGroups(charters: readonly Charter[], more: Partial<LiveSnapshotInput> = {}): Promise<LiveSnapshotOutcome> {
  const groups = charters.map((c) => groupSources(c));
  return build(groups.flat(), plainOctokit(), { groups, ...more });
}

const judge = (charters: readonly Charter[], snapshot: Snapshot, now = NOW.getTime()) => evaluateActivity({ charters, snapshot, now, inactivityDays: 30, appLogin: 'group-steward[bot]' });
const bot = PEOPLE.dependabot;
const comment = (days: number, actor: FakeActor | null = user('alice')): FakeEvent => ({ kind: 'comment', at: ago(days), actor });
/** A working group owning `repos` (and its label `wg:<id>`), with no first work or deliverables. */
const group = (id: string, repos: string[]): Charter => workingGroup({ id, name: `${id} Working Group`, repos, first_work: undefined });

const graphqlKinds = () => fake.requests.filter((r) => r.path === '/graphql').map((r) => r.kind.replace(/^graphql /, ''));
/** The search strings sent, in order (each request names its searches `$q0`, `$q1`, …). */
const searches = () =>
  fake.requests.filter((r) => r.kind === 'graphql GroupStewardActivitySearch').flatMap((r) => Object.entries(r.variables ?? {}).filter(([k]) => /^q\d+$/.test(k)).map(([, v]) => String(v)));
const searchRequests = () => fake.requests.filter((r) => r.kind === 'graphql GroupStewardActivitySearch');
const coverageOf = (outcome: LiveSnapshotOutcome) => outcome.snapshot.coverage ?? [];
const itemKeys = (outcome: LiveSnapshotOutcome) => outcome.snapshot.items.map((i) => `${i.repo}#${i.number}`);

describe('the repository check', () => {
  it('checks every repository in one request; one that cannot be read is unread, with why, and no search names it', async () => {
    fake.add({ repo: REGISTRY, number: 1, createdAt: ago(10) });
    fake.repos.add('example-org/empty');
    // The installation cannot see this one: its items (even labelled ones) must not be read.
    fake.hidden.add('example-org/private');
    fake.add({ repo: 'example-org/private', number: 1, labels: ['wg:registry'], createdAt: ago(2), events: [{ kind: 'comment', at: ago(1), actor: user('someone') }] });
    fake.renamed.set('example-org/old-name', REGISTRY);
    const sources: GroupSource[] = [
      { source: 'repo', repo: REGISTRY },
      { source: 'repo', repo: 'example-org/empty' },
      { source: 'repo', repo: 'example-org/private' },
      { source: 'repo', repo: 'example-org/ghost' },
      { source: 'repo', repo: 'example-org/old-name' },
      { source: 'label', label: 'wg:registry' },
      { source: 'label', label: 'notes', repo: 'example-org/ghost' },
      { source: 'item', repo: 'example-org/ghost', number: 3, role: 'deliverable' },
      { source: 'discussions', repo: 'example-org/private', category: 'General', role: 'discussions' },
      { source: 'unreadable', url: 'https://docs.google.com/document/d/x', role: 'meeting_notes' },
    ];

    const outcome = await build(sources);

    expect(coverageOf(outcome)).toEqual([
      { source: 'repo', repo: REGISTRY, status: 'read', from: SINCE, until: UNTIL },
      { source: 'repo', repo: 'example-org/empty', status: 'read', from: SINCE, until: UNTIL },
      { source: 'repo', repo: 'example-org/private', status: 'unread', why: NOT_READABLE, fix: expect.stringMatching(/^install the App on example-org\/private/) },
      { source: 'repo', repo: 'example-org/ghost', status: 'unread', why: NOT_READABLE, fix: expect.stringMatching(/^install the App on example-org\/ghost/) },
      { source: 'repo', repo: 'example-org/old-name', status: 'unread', why: expect.stringContaining(`GitHub answers with ${REGISTRY} (renamed or transferred)`), fix: expect.stringContaining('renamed') },
      { source: 'label', label: 'wg:registry', scope: 'user:example-org', status: 'read', from: SINCE, until: UNTIL },
      { source: 'label', label: 'notes', repo: 'example-org/ghost', status: 'unread', why: `in example-org/ghost: ${NOT_READABLE}`, fix: expect.any(String) },
      { source: 'item', repo: 'example-org/ghost', number: 3, status: 'unread', why: `in example-org/ghost: ${NOT_READABLE}`, fix: expect.stringContaining('example-org/ghost#3') },
      { source: 'discussions', repo: 'example-org/private', category: 'General', status: 'unread', why: `in example-org/private: ${NOT_READABLE}`, fix: expect.any(String) },
    ]);
    // One check for all five repositories; the searches name only the readable ones, all in one request.
    expect(graphqlKinds()).toEqual(['GroupStewardSources', 'GroupStewardActivitySearch']);
    const check = fake.requests.find((r) => r.kind === 'graphql GroupStewardSources');
    expect(Object.values(check?.variables ?? {}).filter((v) => v !== 'example-org')).toEqual(['registry', 'empty', 'private', 'ghost', 'old-name']);
    // The Discussions categories are asked only of the repository that has a discussions source.
    expect(check?.query?.match(/discussionCategories/g)).toHaveLength(1);
    // Without the groups, each source is read (and decided) on its own.
    expect(searches()).toEqual([
      `repo:${REGISTRY} updated:>=${SINCE} sort:updated-desc`,
      `repo:example-org/empty updated:>=${SINCE} sort:updated-desc`,
      `user:example-org label:"wg:registry" updated:>=${SINCE} sort:updated-desc`,
    ]);
    expect(itemKeys(outcome)).toEqual([`${REGISTRY}#1`]);
    expect(outcome.requests).toBe(2);
    expect(outcome.snapshot.source).toBe(`GitHub, live: 3 searches since ${SINCE}; coverage of 9 sources: 3 read, 0 partial, 6 unread`);
    expect(() => validateSnapshot(outcome.snapshot)).not.toThrow();
  });

  it('reads each source once, ignoring case, and checks a repository named by many sources once', async () => {
    fake.add({ repo: REGISTRY, number: 1, createdAt: ago(10) });
    const outcome = await build([
      { source: 'repo', repo: REGISTRY },
      { source: 'repo', repo: 'Example-Org/Registry' },
      { source: 'label', label: 'wg:registry' },
      { source: 'label', label: 'WG:Registry' },
      { source: 'item', repo: REGISTRY, number: 1, role: 'first_work' },
      { source: 'item', repo: 'example-org/REGISTRY', number: 1, role: 'deliverable' },
    ]);
    expect(coverageOf(outcome).map((e) => e.source)).toEqual(['repo', 'label', 'item']);
    const check = fake.requests.find((r) => r.kind === 'graphql GroupStewardSources');
    expect(check?.variables).toEqual({ o0: 'example-org', n0: 'registry' });
  });

  it('fails the run on bad credentials (401) at the check, before any search', async () => {
    fake.fail('graphql GroupStewardSources', FAILURES.dies);
    await expect(build([{ source: 'repo', repo: REGISTRY }])).rejects.toMatchObject({ status: 401 });
    expect(searches()).toEqual([]);
  });
});

describe('searches', () => {
  it('a request that fails after Octokit’s retries is tried again in halves; a search that still fails is unread, and the run goes on', async () => {
    fake.add({ repo: REGISTRY, number: 1, createdAt: ago(10) });
    fake.add({ repo: SPECS, number: 7, labels: ['wg:registry'], createdAt: ago(3) });
    // The aliased request (both searches and the item) fails 4 times (the first try and Octokit's 3
    // retries); its first half, the two searches, fails 4 times again; the second half, the item, is read.
    const failure = fake.fail('graphql GroupStewardActivitySearch', FAILURES.badGateway, { times: 8 });

    const outcome = await build([{ source: 'repo', repo: REGISTRY }, { source: 'label', label: 'wg:registry' }, { source: 'item', repo: SPECS, number: 7, role: 'deliverable' }], retryingOctokit());

    expect(failure.used).toBe(8);
    expect(coverageOf(outcome)).toEqual([
      { source: 'repo', repo: REGISTRY, status: 'unread', why: 'search failed: HTTP 502: Server Error' },
      { source: 'label', label: 'wg:registry', scope: 'user:example-org', status: 'unread', why: 'search failed: HTTP 502: Server Error' },
      { source: 'item', repo: SPECS, number: 7, status: 'read', until: UNTIL },
    ]);
    expect(itemKeys(outcome)).toEqual([`${SPECS}#7`]);
    expect(graphqlKinds()).toEqual(['GroupStewardSources', ...Array(8).fill('GroupStewardActivitySearch'), 'GroupStewardDeliverables']);
    expect(describeCoverage(coverageOf(outcome)[0] as never)).toBe(`repository ${REGISTRY} unread: search failed: HTTP 502: Server Error`);
    // The check, the request, and its two halves (Octokit's retries not counted).
    expect(outcome.requests).toBe(4);
  });

  it('a request that fails once is read in halves: a timeout of a large query does not leave its sources unread', async () => {
    fake.add({ repo: REGISTRY, number: 1, createdAt: ago(10) });
    fake.add({ repo: SPECS, number: 7, labels: ['wg:registry'], createdAt: ago(3) });
    fake.fail('graphql GroupStewardActivitySearch', [200, { data: null, errors: [{ message: 'Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug.' }] }]);
    const outcome = await build([{ source: 'repo', repo: REGISTRY }, { source: 'label', label: 'wg:registry' }]);
    expect(coverageOf(outcome).map((e) => e.status)).toEqual(['read', 'read']);
    expect(searchRequests().map((r) => Object.keys(r.variables ?? {}).filter((k) => /^q\d+$/.test(k)).length)).toEqual([2, 1, 1]);
  });

  it('a search GitHub answers with a GraphQL error leaves its sources unread with GitHub’s message', async () => {
    fake.add({ repo: REGISTRY, number: 1, createdAt: ago(10) });
    fake.fail('graphql GroupStewardActivitySearch', [200, { data: null, errors: [{ type: 'INVALID', path: ['s0'], message: 'The search is invalid.' }] }]);
    const outcome = await build([{ source: 'repo', repo: REGISTRY }]);
    expect(coverageOf(outcome)).toEqual([{ source: 'repo', repo: REGISTRY, status: 'unread', why: 'search failed: The search is invalid.' }]);
  });

  it('a search that fails after pages were read is partial: what was read is kept', async () => {
    // Pull requests only bots touched: no human event decides the repository, so it is read on.
    for (let i = 0; i < 150; i += 1) fake.add({ repo: REGISTRY, type: 'pull_request', author: PEOPLE.dependabot, createdAt: ago(1 + i / 10) });
    fake.fail('graphql GroupStewardActivitySearch', FAILURES.badGateway, { nth: 2 });
    const outcome = await build([{ source: 'repo', repo: REGISTRY }]);
    // Read newest first down to the 25th item of the first page.
    expect(coverageOf(outcome)).toEqual([{ source: 'repo', repo: REGISTRY, status: 'partial', from: ago(1 + 24 / 10), until: UNTIL, why: 'search failed: HTTP 502: Server Error (after 1 pages read)' }]);
    expect(outcome.snapshot.items).toHaveLength(25);
  });

  it('fails the run on bad credentials (401) during a search', async () => {
    fake.add({ repo: REGISTRY, number: 1, createdAt: ago(10) });
    fake.fail('graphql GroupStewardActivitySearch', FAILURES.dies);
    await expect(build([{ source: 'repo', repo: REGISTRY }, { source: 'label', label: 'wg:registry' }])).rejects.toMatchObject({ status: 401 });
    // One request (both searches), never tried again in halves.
    expect(searchRequests()).toHaveLength(1);
  });

  it('more than 1,000 items updated at one instant: the source is partial, naming GitHub’s cap', async () => {
    // Opened by a bot, all at one instant: no human event stops the read before GitHub's cap.
    for (let i = 0; i < 1001; i += 1) fake.add({ repo: REGISTRY, author: PEOPLE.dependabot, createdAt: ago(2) });
    const outcome = await build([{ source: 'repo', repo: REGISTRY }]);
    expect(coverageOf(outcome)).toEqual([
      { source: 'repo', repo: REGISTRY, status: 'partial', from: ago(2), until: UNTIL, why: `GitHub's search returns at most 1,000 results, and more were updated at ${ago(2)}: the rest of them were not read` },
    ]);
    expect(outcome.truncated).toEqual([`repo:${REGISTRY} updated:${SINCE}T00:00:00Z..${ago(2)} sort:updated-desc`]);
    expect(outcome.snapshot.items).toHaveLength(1000);
  });

  it('searches a label in one repository there, and not at all when that repository is read whole for the same group', async () => {
    fake.add({ repo: SPECS, number: 3, labels: ['meeting-notes'], createdAt: ago(4) });
    fake.add({ repo: REGISTRY, number: 1, labels: ['notes'], createdAt: ago(4) });
    const sources: GroupSource[] = [
      { source: 'repo', repo: REGISTRY },
      { source: 'label', label: 'notes', repo: REGISTRY },
      { source: 'label', label: 'meeting-notes', repo: SPECS },
    ];
    const outcome = await buildLiveSnapshot(plainOctokit(), { sources, groups: [sources.slice(0, 2), sources.slice(2)], labelScope: SCOPE, since: SINCE, now: NOW });
    expect(searches()).toEqual([`repo:${REGISTRY} updated:>=${SINCE} sort:updated-desc`, `repo:${SPECS} label:"meeting-notes" updated:>=${SINCE} sort:updated-desc`]);
    expect(coverageOf(outcome).map((e) => [e.source, e.status])).toEqual([
      ['repo', 'read'],
      ['label', 'read'],
      ['label', 'read'],
    ]);
    expect(coverageOf(outcome)[2]).toMatchObject({ label: 'meeting-notes', repo: SPECS, from: SINCE, until: UNTIL });
    expect(itemKeys(outcome)).toEqual([`${REGISTRY}#1`, `${SPECS}#3`]);
  });
});

describe('items by number', () => {
  it('reads the items by number, in one request: found ones read whole, unknown numbers unread', async () => {
    fake.add({ repo: SPECS, number: 10, type: 'pull_request', state: 'merged', createdAt: ago(200), mergedAt: ago(150), closedAt: ago(150) });
    const outcome = await build([
      { source: 'item', repo: SPECS, number: 10, role: 'deliverable' },
      { source: 'item', repo: SPECS, number: 999, role: 'first_work' },
    ]);
    expect(coverageOf(outcome)).toEqual([
      { source: 'item', repo: SPECS, number: 10, status: 'read', until: UNTIL },
      { source: 'item', repo: SPECS, number: 999, status: 'unread', why: NOT_READABLE, fix: expect.stringMatching(/^check that example-org\/specs#999 exists/) },
    ]);
    expect(outcome.notFound).toEqual([`${SPECS}#999`]);
    expect(outcome.snapshot.items.map((i) => [i.number, i.state])).toEqual([[10, 'merged']]);
    expect(graphqlKinds()).toEqual(['GroupStewardSources', 'GroupStewardDeliverables']);
  });

  it('an item read that fails leaves it unread with the error, and the run goes on', async () => {
    fake.add({ repo: SPECS, number: 10, createdAt: ago(200) });
    fake.fail('graphql GroupStewardDeliverables', [403, { message: 'Resource not accessible by integration' }]);
    const outcome = await build([{ source: 'item', repo: SPECS, number: 10, role: 'deliverable' }]);
    expect(coverageOf(outcome)).toEqual([{ source: 'item', repo: SPECS, number: 10, status: 'unread', why: 'reading it failed: HTTP 403: Resource not accessible by integration' }]);
  });
});

describe('discussions', () => {
  const bot = PEOPLE.dependabot;

  it('reads every category in one request, with comments and replies; bots are Bot; paging stops past the window', async () => {
    const [registryWg] = fake.enableDiscussions(REGISTRY, ['Registry WG', { name: 'Meeting Notes', slug: 'meeting-notes' }, 'General']);
    // 55 discussions touched in the window, then 60 older ones: page 2 ends outside the window, so
    // page 3 is never read.
    for (let i = 0; i < 55; i += 1) fake.addDiscussion({ repo: REGISTRY, category: 'Registry WG', createdAt: ago(1 + i) });
    for (let i = 0; i < 60; i += 1) fake.addDiscussion({ repo: REGISTRY, category: 'Registry WG', createdAt: ago(100 + i) });
    fake.addDiscussion({ repo: REGISTRY, category: 'General', createdAt: ago(1) });
    const notes = fake.addDiscussion({
      repo: REGISTRY,
      category: 'Meeting Notes',
      title: 'Notes of 2026-09-24',
      author: user('rdimitrov'),
      createdAt: ago(7),
      closed: true,
      closedAt: ago(6),
      comments: [
        { at: ago(6), actor: bot, replies: [{ at: ago(5), actor: user('lyz1990') }] },
        { at: ago(4), actor: null },
      ],
    });
    fake.discussionReply(REGISTRY, notes.number, 1, ago(3), bot);

    const outcome = await build([
      { source: 'discussions', repo: REGISTRY, category: 'registry wg', role: 'discussions' },
      { source: 'discussions', repo: REGISTRY, category: 'meeting-notes', role: 'meeting_notes' },
    ]);

    expect(coverageOf(outcome)).toEqual([
      { source: 'discussions', repo: REGISTRY, category: 'Registry WG', slug: 'registry-wg', status: 'read', from: SINCE, until: UNTIL },
      { source: 'discussions', repo: REGISTRY, category: 'Meeting Notes', slug: 'meeting-notes', status: 'read', from: SINCE, until: UNTIL },
    ]);
    const reads = fake.requests.filter((r) => r.kind === 'graphql GroupStewardDiscussions');
    expect(reads.map((r) => Object.keys(r.variables ?? {}).filter((k) => k.startsWith('c')).map((k) => r.variables?.[k]))).toEqual([[registryWg?.id, `DIC_${REGISTRY}/meeting-notes`], [registryWg?.id]]);
    expect(graphqlKinds()).toEqual(['GroupStewardSources', 'GroupStewardDiscussions', 'GroupStewardDiscussions']);
    expect(outcome.requests).toBe(3);

    const byCategory = (name: string) => outcome.snapshot.items.filter((i) => i.category === name);
    expect(byCategory('Registry WG')).toHaveLength(55); // the older ones read on page 2 are left out
    expect(byCategory('General')).toEqual([]);
    const expected: SnapshotItem = {
      repo: REGISTRY,
      number: notes.number,
      type: 'discussion',
      category: 'Meeting Notes',
      category_slug: 'meeting-notes',
      title: 'Notes of 2026-09-24',
      state: 'closed',
      labels: [],
      created_at: ago(7),
      closed_at: ago(6),
      author: 'rdimitrov',
      url: `https://github.com/${REGISTRY}/discussions/${notes.number}`,
      events: [
        { at: ago(7), actor: 'rdimitrov', actor_type: 'User', kind: 'opened' },
        { at: ago(6), actor: 'dependabot', actor_type: 'Bot', kind: 'comment' },
        { at: ago(5), actor: 'lyz1990', actor_type: 'User', kind: 'comment' },
        { at: ago(4), actor: null, actor_type: null, kind: 'comment' },
        { at: ago(3), actor: 'dependabot', actor_type: 'Bot', kind: 'comment' },
      ],
    };
    expect(outcome.snapshot.items.find((i) => i.number === notes.number)).toEqual(expected);
    expect(() => validateSnapshot(outcome.snapshot)).not.toThrow();
  });

  it('a discussion updated in the period with more comments than were read makes its category partial, not read', async () => {
    fake.enableDiscussions(REGISTRY, ['Registry WG']);
    const comments = Array.from({ length: 60 }, (_, i) => ({ at: ago(90 - i), actor: user(`person-${i}`) }));
    const busy = fake.addDiscussion({ repo: REGISTRY, category: 'Registry WG', createdAt: ago(100), comments });
    // Someone replies today to the third comment, outside the newest 50 read.
    fake.discussionReply(REGISTRY, busy.number, 3, ago(0.5), user('rdimitrov'));
    const outcome = await build([{ source: 'discussions', repo: REGISTRY, category: 'Registry WG', role: 'discussions' }]);
    expect(coverageOf(outcome)).toEqual([
      expect.objectContaining({ source: 'discussions', status: 'partial', why: `not every discussion was read completely: discussion #${busy.number} has more comments or replies than the newest 50 and 20 read` }),
    ]);
  });

  it('a repository without Discussions, and a category that does not exist, are unread with a clear why', async () => {
    fake.repos.add('example-org/plain');
    fake.enableDiscussions(REGISTRY, ['Registry WG', 'Announcements']);
    const outcome = await build([
      { source: 'discussions', repo: 'example-org/plain', category: 'General', role: 'discussions' },
      { source: 'discussions', repo: REGISTRY, category: 'Nope', role: 'meeting_notes' },
    ]);
    expect(coverageOf(outcome)).toEqual([
      { source: 'discussions', repo: 'example-org/plain', category: 'General', status: 'unread', why: 'Discussions are not enabled on example-org/plain', fix: expect.stringMatching(/^enable Discussions on example-org\/plain/) },
      { source: 'discussions', repo: REGISTRY, category: 'Nope', status: 'unread', why: `${REGISTRY} has no Discussions category "Nope" (its categories: "Registry WG", "Announcements")`, fix: expect.stringContaining('(category "Nope")') },
    ]);
    expect(graphqlKinds()).toEqual(['GroupStewardSources']);
  });

  it('a failed discussions read leaves its categories unread; 401 fails the run', async () => {
    fake.enableDiscussions(REGISTRY, ['Registry WG']);
    fake.fail('graphql GroupStewardDiscussions', [200, { data: null, errors: [{ message: 'Something else went wrong' }] }]);
    const source: GroupSource = { source: 'discussions', repo: REGISTRY, category: 'Registry WG', role: 'discussions' };
    const outcome = await build([source]);
    expect(coverageOf(outcome)).toEqual([{ source: 'discussions', repo: REGISTRY, category: 'Registry WG', slug: 'registry-wg', status: 'unread', why: 'reading the discussions failed: Something else went wrong' }]);

    fake.fail('graphql GroupStewardDiscussions', FAILURES.dies);
    await expect(build([source])).rejects.toMatchObject({ status: 401 });
  });
});

describe('the fake GitHub', () => {
  it('refuses a search naming a repository that does not exist or is hidden, as GitHub does (no silent empty result)', async () => {
    fake.add({ repo: REGISTRY, number: 1, createdAt: ago(1) });
    fake.hidden.add('example-org/private');
    fake.add({ repo: 'example-org/private', number: 1, createdAt: ago(1) });
    const gh = plainOctokit();
    const query = 'query GroupStewardActivitySearch($q: String!) { search(query: $q, type: ISSUE, first: 1) { issueCount } }';
    for (const repo of ['example-org/ghost', 'example-org/private']) {
      await expect(gh.graphql(query, { q: `repo:${REGISTRY} repo:${repo}` })).rejects.toMatchObject({
        errors: [expect.objectContaining({ type: 'INVALID', message: expect.stringMatching(/^The listed users and repositories cannot be searched/) })],
      });
    }
    await expect(gh.graphql(query, { q: `repo:${REGISTRY}` })).resolves.toEqual({ search: { issueCount: 1 } });
    // A hidden repository's items are not in a search by owner either.
    await expect(gh.graphql(query, { q: 'user:example-org' })).resolves.toEqual({ search: { issueCount: 1 } });
  });
});

describe('with the groups’ charters', () => {
  it('reads the sources groupSources gives, and records each', async () => {
    const content = [
        'id: registry',
        'name: Registry Working Group',
        'type: working',
        'status: active',
        'formed: 2025-07-24',
        'facilitators: [rdimitrov]',
        'discord: registry-wg',
        `repos: [${REGISTRY}]`,
        'use_cases: Builds the registry.',
        `first_work: https://github.com/${REGISTRY}/issues/1`,
        `discussions: { repo: ${REGISTRY}, category: Registry WG }`,
        'meeting_notes: https://docs.google.com/document/d/notes',
        '',
      ].join('\n');
    const validated = validateCharters([{ file: 'registry.yaml', content }], { now: NOW });
    expect(validated.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const charter = validated.charters[0]?.charter;
    if (!charter) throw new Error('no charter');
    fake.enableDiscussions(REGISTRY, ['Registry WG']);
    fake.add({ repo: REGISTRY, number: 1, createdAt: ago(10) });
    fake.addDiscussion({ repo: REGISTRY, category: 'Registry WG', createdAt: ago(3) });
    const outcome = await build(groupSources(charter));
    expect(coverageOf(outcome).map((e) => `${describeCoverage(e)}`)).toEqual([`repository ${REGISTRY} read`, 'label "wg:registry" (user:example-org) read', `${REGISTRY}#1 read`, `discussions "Registry WG" in ${REGISTRY} read`]);
    expect(itemKeys(outcome)).toEqual([`${REGISTRY}#1`, `${REGISTRY}#2`]);
    expect(outcome.snapshot.items.map((i) => i.type)).toEqual(['issue', 'discussion']);
  });
});

describe('reading newest first (issue 10 § 4)', () => {
  it('stops a source once its group is decided: one page of 25, covered from the oldest update time read', async () => {
    // 200 issues opened by people, one every 0.2 days: the newest is activity, the first page decides.
    for (let i = 0; i < 200; i += 1) fake.add({ repo: REGISTRY, createdAt: ago(1 + i * 0.2), author: user(`person-${i}`) });
    const outcome = await build([{ source: 'repo', repo: REGISTRY }]);
    expect(coverageOf(outcome)).toEqual([{ source: 'repo', repo: REGISTRY, status: 'read', from: ago(1 + 24 * 0.2), until: UNTIL }]);
    expect(outcome.snapshot.items).toHaveLength(25);
    expect(searchRequests().map((r) => r.query?.match(/first: (\d+)/)?.[1])).toEqual(['25']);
    expect(outcome.requests).toBe(2);
    expect(() => validateSnapshot(outcome.snapshot)).not.toThrow();
    // Judged now, the group is active and its source read as far as needed; judged 10 days later, the
    // same read no longer reaches its latest activity's window: not idle — unknown.
    const charter = group('registry', [REGISTRY]);
    const sources = { ...outcome.snapshot, coverage: [...coverageOf(outcome), { source: 'label' as const, label: 'wg:registry', scope: 'user:example-org', status: 'read' as const, from: SINCE, until: UNTIL }] };
    expect(judge([charter], sources)[0]).toMatchObject({ verdict: 'active', lastActivity: { at: ago(1) }, coverage: [{ status: 'read' }, { status: 'read' }] });
    const later = judge([charter], { ...sources, generated_at: UNTIL }, NOW.getTime() + 40 * DAY)[0];
    expect(later?.verdict).toBe('unknown');
  });

  it('pages further (100 at a time) only the sources of a group still undecided', async () => {
    // Busy: 60 pull requests only dependabot touched in the last two days, then people's issues.
    for (let i = 0; i < 60; i += 1) fake.add({ repo: REGISTRY, type: 'pull_request', author: bot, createdAt: ago(0.1 + i / 30) });
    for (let i = 0; i < 200; i += 1) fake.add({ repo: REGISTRY, createdAt: ago(5 + i * 0.2), author: user(`person-${i}`) });
    // Quiet: a person's issue decides it at once.
    fake.add({ repo: SPECS, createdAt: ago(3) });
    const outcome = await build([{ source: 'repo', repo: REGISTRY }, { source: 'repo', repo: SPECS }]);
    const pages = searchRequests().map((r) => [...(r.query ?? '').matchAll(/(s\d+): search\(query: \$q\d+, type: ISSUE, first: (\d+)/g)].map((m) => `${m[1]} first ${m[2]}`));
    expect(pages).toEqual([['s0 first 25', 's1 first 25'], ['s0 first 100']]);
    expect(searches()).toEqual([`repo:${REGISTRY} updated:>=${SINCE} sort:updated-desc`, `repo:${SPECS} updated:>=${SINCE} sort:updated-desc`, `repo:${REGISTRY} updated:>=${SINCE} sort:updated-desc`]);
    // Page two read down to the 125th item: its people's issues decide it.
    expect(coverageOf(outcome)).toEqual([
      { source: 'repo', repo: REGISTRY, status: 'read', from: ago(5 + 64 * 0.2), until: UNTIL },
      { source: 'repo', repo: SPECS, status: 'read', from: SINCE, until: UNTIL },
    ]);
    expect(outcome.snapshot.items).toHaveLength(126);
  });

  it("finds an idle group's last human activity beyond the window, and covers the window, so it is idle", async () => {
    // Bots only in the window; a person's comment 45 days ago; older work below it.
    for (let i = 0; i < 40; i += 1) fake.add({ repo: REGISTRY, type: 'pull_request', author: bot, createdAt: ago(1 + i / 2) });
    fake.add({ repo: REGISTRY, createdAt: ago(60), author: user('lyz1990'), events: [comment(45, PEOPLE.rdimitrov), { kind: 'labeled', at: ago(44), actor: user('triager') }] });
    for (let i = 0; i < 100; i += 1) fake.add({ repo: REGISTRY, createdAt: ago(50 + i / 4), author: user(`person-${i}`) });
    const charter = group('registry', [REGISTRY]);
    const outcome = await buildGroups([charter]);
    const [verdict] = judge([charter], outcome.snapshot);
    expect(verdict).toMatchObject({ verdict: 'idle', lastActivity: { at: ago(45), kind: 'comment', actor: 'rdimitrov' }, reason: `no human activity since ${ago(45).slice(0, 10)} (45 days, window 30 days)` });
    expect(verdict?.coverage.map((c) => c.status)).toEqual(['read', 'read']);
    // Two pages (25 and 100): read down past the comment 45 days ago, so over the whole window — not to the end.
    expect(searchRequests()).toHaveLength(2);
    const from = Date.parse(coverageOf(outcome)[0]?.from ?? '');
    expect(from).toBeLessThanOrEqual(Date.parse(ago(45)));
    expect(from).toBeGreaterThan(Date.parse(ago(90)));
    expect(outcome.snapshot.items.length).toBeLessThan(141);
  });

  it('a group whose only recent updates are bots: its other source decides it, and the busy one is read down to that', async () => {
    // 150 pull requests only bots touched over the last 10 days; the repository's one person 20 days ago.
    for (let i = 0; i < 150; i += 1) fake.add({ repo: REGISTRY, type: 'pull_request', author: bot, createdAt: ago(0.1 + i / 15), events: [comment(0.05 + i / 15, bot)] });
    fake.add({ repo: REGISTRY, createdAt: ago(20), author: user('lyz1990') });
    fake.add({ repo: SPECS, labels: ['wg:registry'], createdAt: ago(30), author: user('pcarleton'), events: [comment(5)] });
    const charter = group('registry', [REGISTRY]);
    const together = await buildGroups([charter]);
    expect(judge([charter], together.snapshot)[0]).toMatchObject({ verdict: 'active', lastActivity: { at: ago(5), repo: SPECS }, coverage: [{ status: 'read' }, { status: 'read' }] });
    // The repository read down past the labelled comment 5 days ago, not to its own person 20 days ago.
    const from = Date.parse(coverageOf(together)[0]?.from ?? '');
    expect(from).toBeLessThanOrEqual(Date.parse(ago(5)));
    expect(from).toBeGreaterThan(Date.parse(ago(20)));
    expect(searchRequests()).toHaveLength(2);
    // Source by source, the repository is read on to its own human event: more pages, the same verdict.
    fake.requests.length = 0;
    const alone = await build(groupSources(charter));
    expect(judge([charter], alone.snapshot)[0]).toMatchObject({ verdict: 'active', lastActivity: { at: ago(5), repo: SPECS } });
    expect(searchRequests()).toHaveLength(3);
  });

  it('reads an item again whole when its older events, not read, could hold the newest human event', async () => {
    // A person's comment 6 days ago, then 30 bot comments: a search reads only the newest 25.
    const busy = fake.add({ repo: REGISTRY, number: 1, createdAt: ago(40), author: bot, events: [comment(6, user('lyz1990')), ...Array.from({ length: 30 }, (_, i) => comment(5 - i / 10, bot))] });
    const outcome = await build([{ source: 'repo', repo: REGISTRY }]);
    expect(graphqlKinds()).toEqual(['GroupStewardSources', 'GroupStewardActivitySearch', 'GroupStewardDeliverables']);
    expect(fake.requests.at(-1)?.query).toContain('timelineItems(last: 100');
    expect(outcome.snapshot.items[0]?.events.filter((e) => e.actor === 'lyz1990')).toEqual([{ at: ago(6), actor: 'lyz1990', actor_type: 'User', kind: 'comment' }]);
    expect(outcome.snapshot.items[0]?.events).toHaveLength(busy.events.length + 1);
    expect(coverageOf(outcome)).toEqual([{ source: 'repo', repo: REGISTRY, status: 'read', from: SINCE, until: UNTIL }]);
  });

  it('an item with more events than one whole read holds leaves its source partial: the newest human event may be older than what was read', async () => {
    // A person's comment 20 days ago, then 120 bot comments: even the whole read (newest 100) cannot see it.
    fake.add({ repo: REGISTRY, number: 1, createdAt: ago(40), author: bot, events: [comment(20, user('lyz1990')), ...Array.from({ length: 120 }, (_, i) => comment(10 - i / 20, bot))] });
    const outcome = await build([{ source: 'repo', repo: REGISTRY }]);
    expect(outcome.snapshot.items[0]?.events.some((e) => e.actor === 'lyz1990')).toBe(false);
    expect(coverageOf(outcome)).toEqual([expect.objectContaining({ source: 'repo', repo: REGISTRY, status: 'partial', why: expect.stringContaining(`${REGISTRY}#1 has more than the 100 newest timeline events`) })]);
  });

  it('a search GitHub refuses for one group only leaves that group’s sources unread; the others are read, asked again without it', async () => {
    fake.add({ repo: REGISTRY, createdAt: ago(2) });
    fake.add({ repo: SPECS, createdAt: ago(2) });
    fake.refuseSearch = (q) => (q.startsWith(`repo:${SPECS} `) ? 'The search could not be performed.' : null);
    const charters = [group('registry', [REGISTRY]), group('specs', [SPECS])];
    const outcome = await buildGroups(charters);
    expect(coverageOf(outcome)).toEqual([
      { source: 'repo', repo: REGISTRY, status: 'read', from: SINCE, until: UNTIL },
      { source: 'label', label: 'wg:registry', scope: 'user:example-org', status: 'read', from: SINCE, until: UNTIL },
      { source: 'repo', repo: SPECS, status: 'unread', why: 'search failed: The search could not be performed.' },
      { source: 'label', label: 'wg:specs', scope: 'user:example-org', status: 'read', from: SINCE, until: UNTIL },
    ]);
    // GitHub voids the whole answer when one (non-null) search fails: the three others are asked again.
    expect(searchRequests().map((r) => Object.keys(r.variables ?? {}).filter((k) => /^q\d+$/.test(k)).length)).toEqual([4, 3]);
    expect(judge(charters, outcome.snapshot).map((v) => v.verdict)).toEqual(['active', 'unknown']);
  });

  it('a search GitHub refuses on a later page is partial: the first page is kept', async () => {
    for (let i = 0; i < 40; i += 1) fake.add({ repo: REGISTRY, type: 'pull_request', author: bot, createdAt: ago(1 + i / 10) });
    fake.add({ repo: SPECS, createdAt: ago(2) });
    fake.refuseSearch = (q, after) => (q.startsWith(`repo:${REGISTRY} `) && after !== null ? 'The search could not be performed.' : null);
    const outcome = await build([{ source: 'repo', repo: REGISTRY }, { source: 'repo', repo: SPECS }]);
    expect(coverageOf(outcome)).toEqual([
      { source: 'repo', repo: REGISTRY, status: 'partial', from: ago(1 + 24 / 10), until: UNTIL, why: 'search failed: The search could not be performed. (after 1 pages read)' },
      { source: 'repo', repo: SPECS, status: 'read', from: SINCE, until: UNTIL },
    ]);
    expect(outcome.snapshot.items).toHaveLength(26);
  });

  it(`stops a source touched only by bots at the cap (${MAX_ITEMS_PER_SOURCE.toLocaleString('en-US')} items in a run; 325 here): partial, so its group is never idle on it`, async () => {
    expect(MAX_ITEMS_PER_SOURCE).toBe(5000);
    const cap = 325;
    for (let i = 0; i < cap + 50; i += 1) fake.add({ repo: REGISTRY, type: 'pull_request', author: bot, createdAt: ago(1 + i / 100) });
    const charter = group('registry', [REGISTRY]);
    const outcome = await buildGroups([charter], { maxItemsPerSource: cap });
    const entry = coverageOf(outcome)[0];
    expect(entry).toMatchObject({ source: 'repo', status: 'partial', from: ago(1 + (cap - 1) / 100), why: expect.stringMatching(/^read newest first back to \S+ \(325 items, the most read of one source in one run\), with no human activity newer than what was read/) });
    expect(outcome.snapshot.items).toHaveLength(cap);
    expect(judge([charter], outcome.snapshot)[0]?.verdict).toBe('unknown');
    // Without the cap, the same source is read to the window's start: every item, and read.
    const whole = await buildGroups([charter], { maxItemsPerSource: cap + 50 });
    expect(coverageOf(whole)[0]).toMatchObject({ source: 'repo', status: 'read' });
    expect(whole.snapshot.items).toHaveLength(cap + 50);
  });

  it("keeps every request's nodes far below GitHub's limit of 500,000", () => {
    const searchesOf = (first: number) => Array.from({ length: SEARCHES_PER_REQUEST * 2 }, (_, i): ReadSpec => ({ kind: 'search', query: `repo:o/n${i}`, first, after: null }));
    const items = Array.from({ length: ITEMS_PER_REQUEST * 2 }, (_, i): ReadSpec => ({ kind: 'item', repo: 'o/n', number: i + 1 }));
    // First pages: 20 searches and 50 items per request; further pages: 10 searches of 100.
    const firstPages = packReads(searchesOf(FIRST_PAGE), items);
    const further = packReads(searchesOf(NEXT_PAGE), items);
    expect(firstPages.map((r) => r.length)).toEqual([70, 70]);
    expect(further.map((r) => r.length)).toEqual([60, 60, 10, 10]);
    const counted = [...firstPages, ...further].map((r) => countNodes(activityReadQuery(r, { withViewer: true })));
    expect(counted).toEqual([...firstPages, ...further].map((r) => estimatedNodes(r)));
    expect(Math.max(...counted)).toBe(166_050);
    expect(Math.max(...counted)).toBeLessThan(GITHUB_NODE_LIMIT / 3);
  });
});

describe('newest first gives the verdicts of a read of everything', () => {
  /** A deterministic pseudo-random sequence (mulberry32). */
  function random(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /**
   * Eight groups: owned repositories (one shared by two groups) and labelled work; bots and
   * labelling everywhere (recent too); quiet groups whose people last acted 31+ days ago; one only
   * bots touched; an interest group; a group with a first work, one whose deliverables are done;
   * long timelines (30 bot comments) on some items; times on a half-day grid, so that update times
   * tie across page boundaries.
   */
  function seed(seedValue: number): Charter[] {
    const next = random(seedValue);
    const grid = (days: number) => Math.round(days * 2) / 2;
    const charters: Charter[] = [];
    const repoOf = (g: number) => `example-org/group-${g === 6 ? 5 : g}`;
    for (let g = 0; g < 8; g += 1) {
      const repo = repoOf(g);
      const id = `group-${g}`;
      if (g === 1) fake.add({ repo, number: 1, createdAt: ago(200), author: user('founder') });
      if (g === 4) {
        fake.add({ repo: SPECS, number: 400, createdAt: ago(100), state: 'closed', closedAt: ago(50), events: [{ kind: 'closed', at: ago(50), actor: user('p1') }] });
        fake.add({ repo: SPECS, number: 401, type: 'pull_request', createdAt: ago(100), state: 'merged', mergedAt: ago(3), closedAt: ago(3), events: [{ kind: 'merged', at: ago(3), actor: user('p2') }] });
      }
      const deliverables = g === 4 ? { deliverables: [`https://github.com/${SPECS}/issues/400`, `https://github.com/${SPECS}/pull/401`] } : {};
      charters.push(
        g === 5
          ? interestGroup({ id, name: `${id} Interest Group`, repos: [repo] })
          : workingGroup({ id, name: `${id} Working Group`, repos: [repo], first_work: g === 1 ? `https://github.com/${repo}/issues/1` : undefined, ...deliverables }),
      );
      if (g === 6) continue; // shares group 5's repository
      const quiet = g % 3 === 0;
      const botsOnly = g === 7;
      const count = 10 + Math.floor(next() * 250);
      for (let n = 0; n < count; n += 1) {
        const age = grid(quiet ? 35 + next() * 60 : next() * 80);
        const human = () => grid(quiet ? 31 + next() * (age - 31) : age * next());
        const events: FakeEvent[] = [];
        const kinds = Math.floor(next() * 6);
        for (let e = 0; e < kinds; e += 1) events.push(next() < 0.5 || botsOnly ? comment(grid(age * next()), bot) : comment(human(), user(`p${n % 7}`)));
        if (next() < 0.1) for (let e = 0; e < 30; e += 1) events.push(comment(grid(age * next() * 0.5), bot));
        if (next() < 0.3) events.push({ kind: 'labeled', at: ago(grid(age * next() * 0.3)), actor: user('triager') });
        const labelled = next() < 0.2;
        fake.add({ repo: labelled ? SPECS : repo, ...(labelled ? { labels: [`${g === 5 ? 'ig' : 'wg'}:${id}`] } : {}), type: next() < 0.4 ? 'pull_request' : 'issue', author: next() < 0.3 || botsOnly ? bot : user(`p${n}`), createdAt: ago(age), events });
      }
    }
    return charters;
  }

  const summary = (verdicts: GroupVerdict[]) => verdicts.map((v) => ({ id: v.id, verdict: v.verdict, last: v.lastActivity, reason: v.reason, coverage: v.verdict === 'completed' ? [] : v.coverage, met: v.expectation?.met }));

  for (const seedValue of [1, 2, 3, 4, 5, 6]) {
    it(`data set ${seedValue}: the same verdicts, last activities, reasons and sources read, by group and source by source`, async () => {
      const charters = seed(seedValue);
      const everything = await buildGroups(charters, { exhaustive: true });
      const byGroup = await buildGroups(charters);
      const bySource = await build(charters.flatMap((c) => groupSources(c)));
      const expected = summary(judge(charters, everything.snapshot));
      expect(summary(judge(charters, byGroup.snapshot))).toEqual(expected);
      expect(summary(judge(charters, bySource.snapshot))).toEqual(expected);
      expect(byGroup.snapshot.items.length).toBeLessThanOrEqual(everything.snapshot.items.length);
      expect(new Set(expected.map((v) => v.verdict)).size).toBeGreaterThan(1);
    });
  }
});

/** Nodes a query may return as GitHub counts them: each connection's `first`/`last` times its parents'. */
function countNodes(query: string): number {
  const document = parse(query);
  const fragments = new Map(document.definitions.flatMap((d: DefinitionNode) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d.selectionSet] as const] : [])));
  const walk = (set: SelectionSetNode, multiplier: number): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === 'FragmentSpread') total += walk(fragments.get(selection.name.value) as SelectionSetNode, multiplier);
      else if (selection.kind === 'InlineFragment') total += walk(selection.selectionSet, multiplier);
      else if (selection.selectionSet) {
        const size = selection.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
        const n = size && size.value.kind === 'IntValue' ? Number(size.value.value) : null;
        total += n === null ? walk(selection.selectionSet, multiplier) : multiplier * n + walk(selection.selectionSet, multiplier * n);
      }
    }
    return total;
  };
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
  return operation && operation.kind === 'OperationDefinition' ? walk(operation.selectionSet, 1) + countRoots(operation.selectionSet) : 0;
}

/** Root fields that are not connections (a `repository` by name): one node each. */
function countRoots(set: SelectionSetNode): number {
  return set.selections.filter((s) => s.kind === 'Field' && s.name.value === 'repository').length;
}
