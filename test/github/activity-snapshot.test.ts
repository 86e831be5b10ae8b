/**
 * `buildLiveSnapshot` against the stateful fake GitHub (GraphQL executed against GitHub's schema,
 * every query validated): the snapshot records, for each source of the groups' work, whether it was
 * read and over which window — a repository that cannot be read, a search that failed or was cut
 * at 1,000 results, a Discussions category that does not exist are never read as silence.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { groupSources } from '../../src/activity/coverage.js';
import type { GroupSource } from '../../src/activity/coverage.js';
import { validateSnapshot } from '../../src/activity/snapshot.js';
import type { SnapshotItem } from '../../src/activity/snapshot.js';
import { validateCharters } from '../../src/charters/validate.js';
import { buildLiveSnapshot, describeCoverage } from '../../src/github/activity-snapshot.js';
import type { LiveSnapshotOutcome } from '../../src/github/activity-snapshot.js';
import type { GitHub } from '../../src/github/client.js';
import { FAILURES, FakeGovernance, PEOPLE } from '../support/fake-governance.js';
import type { FakeActor } from '../support/fake-governance.js';

const GOV = 'example-org/governance';
const REGISTRY = 'example-org/registry';
const SPECS = 'example-org/specs';
const DAY = 86_400_000;
const NOW = new Date('2026-10-01T12:00:00Z');
const SINCE = '2026-07-03';
const UNTIL = NOW.toISOString();
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
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

async function build(sources: readonly GroupSource[], gh: GitHub = plainOctokit()): Promise<LiveSnapshotOutcome> {
  return buildLiveSnapshot(gh, { sources, labelScope: SCOPE, since: SINCE, now: NOW });
}

const graphqlKinds = () => fake.requests.filter((r) => r.path === '/graphql').map((r) => r.kind.replace(/^graphql /, ''));
const searches = () => fake.requests.filter((r) => r.kind === 'graphql GroupStewardActivitySearch').map((r) => String(r.variables?.q));
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
    // One check for all five repositories; the searches name only the readable ones.
    expect(graphqlKinds()).toEqual(['GroupStewardSources', 'GroupStewardActivitySearch', 'GroupStewardActivitySearch']);
    const check = fake.requests.find((r) => r.kind === 'graphql GroupStewardSources');
    expect(Object.values(check?.variables ?? {}).filter((v) => v !== 'example-org')).toEqual(['registry', 'empty', 'private', 'ghost', 'old-name']);
    // The Discussions categories are asked only of the repository that has a discussions source.
    expect(check?.query?.match(/discussionCategories/g)).toHaveLength(1);
    expect(searches()).toEqual([
      `repo:${REGISTRY} repo:example-org/empty updated:>=${SINCE} sort:updated-desc`,
      `user:example-org label:"wg:registry" updated:>=${SINCE} sort:updated-desc`,
    ]);
    expect(itemKeys(outcome)).toEqual([`${REGISTRY}#1`]);
    expect(outcome.requests).toBe(3);
    expect(outcome.snapshot.source).toBe(`GitHub, live: 2 searches since ${SINCE}; coverage of 9 sources: 3 read, 0 partial, 6 unread`);
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
  it('a search that fails after Octokit’s retries leaves its sources unread, and the run goes on', async () => {
    fake.add({ repo: REGISTRY, number: 1, createdAt: ago(10) });
    fake.add({ repo: SPECS, number: 7, labels: ['wg:registry'], createdAt: ago(3) });
    const failure = fake.fail('graphql GroupStewardActivitySearch', FAILURES.badGateway, { times: 4 });

    const outcome = await build([{ source: 'repo', repo: REGISTRY }, { source: 'label', label: 'wg:registry' }, { source: 'item', repo: SPECS, number: 7, role: 'deliverable' }], retryingOctokit());

    expect(failure.used).toBe(4); // the first try and Octokit's 3 retries
    expect(coverageOf(outcome)).toEqual([
      { source: 'repo', repo: REGISTRY, status: 'unread', why: 'search failed: HTTP 502: Server Error' },
      { source: 'label', label: 'wg:registry', scope: 'user:example-org', status: 'read', from: SINCE, until: UNTIL },
      // Met by the label search: read whole.
      { source: 'item', repo: SPECS, number: 7, status: 'read', until: UNTIL },
    ]);
    expect(itemKeys(outcome)).toEqual([`${SPECS}#7`]);
    expect(describeCoverage(coverageOf(outcome)[0] as never)).toBe(`repository ${REGISTRY} unread: search failed: HTTP 502: Server Error`);
  });

  it('a search GitHub answers with a GraphQL error leaves its sources unread with GitHub’s message', async () => {
    fake.add({ repo: REGISTRY, number: 1, createdAt: ago(10) });
    fake.fail('graphql GroupStewardActivitySearch', [200, { data: null, errors: [{ type: 'INVALID', path: ['search'], message: 'The search is invalid.' }] }]);
    const outcome = await build([{ source: 'repo', repo: REGISTRY }]);
    expect(coverageOf(outcome)).toEqual([{ source: 'repo', repo: REGISTRY, status: 'unread', why: 'search failed: The search is invalid.' }]);
  });

  it('a search that fails after pages were read is partial: what was read is kept', async () => {
    for (let i = 0; i < 150; i += 1) fake.add({ repo: REGISTRY, createdAt: ago(1 + i / 10) });
    fake.fail('graphql GroupStewardActivitySearch', FAILURES.badGateway, { nth: 2 });
    const outcome = await build([{ source: 'repo', repo: REGISTRY }]);
    expect(coverageOf(outcome)).toEqual([{ source: 'repo', repo: REGISTRY, status: 'partial', from: SINCE, until: UNTIL, why: 'search failed: HTTP 502: Server Error (after 1 pages read)' }]);
    expect(outcome.snapshot.items).toHaveLength(100);
  });

  it('fails the run on bad credentials (401) during a search', async () => {
    fake.add({ repo: REGISTRY, number: 1, createdAt: ago(10) });
    fake.fail('graphql GroupStewardActivitySearch', FAILURES.dies);
    await expect(build([{ source: 'repo', repo: REGISTRY }, { source: 'label', label: 'wg:registry' }])).rejects.toMatchObject({ status: 401 });
    expect(searches()).toHaveLength(1);
  });

  it('more than 1,000 items updated at one instant: the source is partial, naming GitHub’s cap', async () => {
    for (let i = 0; i < 1001; i += 1) fake.add({ repo: REGISTRY, createdAt: ago(2) });
    const outcome = await build([{ source: 'repo', repo: REGISTRY }]);
    expect(coverageOf(outcome)).toEqual([
      { source: 'repo', repo: REGISTRY, status: 'partial', from: SINCE, until: UNTIL, why: `GitHub's search returns at most 1,000 results, and more were updated at ${ago(2)}: the rest of them were not read` },
    ]);
    expect(outcome.truncated).toEqual([`repo:${REGISTRY} updated:${SINCE}T00:00:00Z..${ago(2)} sort:updated-desc`]);
    expect(outcome.snapshot.items).toHaveLength(1000);
  });

  it('searches a label in one repository there, and not at all when that repository is read whole', async () => {
    fake.add({ repo: SPECS, number: 3, labels: ['meeting-notes'], createdAt: ago(4) });
    fake.add({ repo: REGISTRY, number: 1, labels: ['notes'], createdAt: ago(4) });
    const outcome = await build([
      { source: 'repo', repo: REGISTRY },
      { source: 'label', label: 'notes', repo: REGISTRY },
      { source: 'label', label: 'meeting-notes', repo: SPECS },
    ]);
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
  it('reads the items no search met, in one request: found ones read whole, unknown numbers unread', async () => {
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
