/**
 * The scheduled job end to end (issue 5 § Done when): `runActivityJob` and `group-steward activity`
 * against a stateful fake GitHub that keeps its issues across runs, validates every GraphQL query
 * against GitHub's schema and every REST request against GitHub's OpenAPI description, and can
 * fail any request on cue.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { DASHBOARD_LABEL, readRetirementMarker, RETIREMENT_LABEL } from '../../src/activity/markers.js';
import { runCli } from '../../src/cli/run.js';
import { createCliClient } from '../../src/github/cli-client.js';
import type { GitHub } from '../../src/github/client.js';
import { forgetGroupRegistry } from '../../src/github/group-registry.js';
import { forgetRepoConfig } from '../../src/github/repo-config.js';
import { runActivityJob } from '../../src/jobs/activity-job.js';
import type { ActivityJobResult } from '../../src/jobs/activity-job.js';
import { FAILURES, FakeGovernance, PEOPLE } from '../support/fake-governance.js';
import type { FakeActor, FakeItem } from '../support/fake-governance.js';
import { INTEREST_GROUP } from '../charters/helpers.js';

const GOV = 'example-org/governance';
const REGISTRY = 'example-org/registry';
const TRANSPORTS = 'example-org/transports';
const SPECS = 'example-org/specs';
const DAY = 86_400_000;
/** The instant the tests judge at. */
const NOW = Date.parse('2026-10-01T12:00:00Z');
const at = (days: number) => new Date(NOW + days * DAY).toISOString();
const ago = (days: number) => at(-days);
const user = (login: string): FakeActor => ({ login, type: 'User' });

// ---- Charters, as YAML text (the registry query serves them from the governance repository) ----

function workingGroup(id: string, fields: { name: string; formed?: string; repos?: string[]; firstWork: string; deliverables?: string[]; facilitator?: string }): string {
  return [
    '# yaml-language-server: $schema=./charter.schema.json',
    `id: ${id}`,
    `name: ${fields.name}`,
    'type: working',
    'status: active',
    `formed: ${fields.formed ?? '2025-07-24'}`,
    'facilitators:',
    `  - ${fields.facilitator ?? 'rdimitrov'}`,
    `discord: ${id}-wg`,
    ...(fields.repos ? ['repos:', ...fields.repos.map((r) => `  - ${r}`)] : []),
    'use_cases: >-',
    `  The ${fields.name} builds things.`,
    `first_work: ${fields.firstWork}`,
    ...(fields.deliverables ? ['deliverables:', ...fields.deliverables.map((d) => `  - ${d}`)] : []),
    '',
  ].join('\n');
}

const SECURITY_IG = INTEREST_GROUP;

const OLD_WG = `id: old
name: Old Working Group
type: working
status: retired
formed: 2025-01-10
facilitators:
  - someone
discord: old-wg
retired:
  on: 2025-12-01
  reason: Folded into the Registry Working Group.
`;

/**
 * Seven groups, one of each kind of verdict:
 * - registry (owns example-org/registry): last human comment 50 days ago; since then only a human
 *   labelling and bots → idle;
 * - transports (owns example-org/transports): a human comment 2 days ago → active;
 * - docs: its deliverables (example-org/specs#10 merged, #11 closed) are done → completed;
 * - auth: its one labelled item (also its `first_work`) last touched by a person 40 days ago → idle;
 * - fresh: formed 10 days ago, no work yet → grace;
 * - security (an interest group): nothing seen on GitHub → unknown, reported, never proposed for retirement;
 * - old: retired → skipped.
 */
const CHARTERS: Record<string, string> = {
  'auth.yaml': workingGroup('auth', { name: 'Auth Working Group', firstWork: `https://github.com/${SPECS}/issues/30`, facilitator: 'pcarleton' }),
  'docs.yaml': workingGroup('docs', { name: 'Docs Working Group', firstWork: `https://github.com/${SPECS}/pull/10`, deliverables: [`https://github.com/${SPECS}/pull/10`, `https://github.com/${SPECS}/issues/11`] }),
  'fresh.yaml': workingGroup('fresh', { name: 'Fresh Working Group', formed: '2026-09-21', firstWork: 'https://github.com/orgs/example-org/discussions/5' }),
  'old.yaml': OLD_WG,
  'registry.yaml': workingGroup('registry', { name: 'Registry Working Group', repos: [REGISTRY], firstWork: `https://github.com/${REGISTRY}/issues/1` }),
  'security.yaml': SECURITY_IG,
  'transports.yaml': workingGroup('transports', { name: 'Transports Working Group', repos: [TRANSPORTS], firstWork: `https://github.com/${TRANSPORTS}/issues/1`, facilitator: 'kurtisvg' }),
};
const IDLE_OR_COMPLETED = ['auth', 'docs', 'registry'];

function seed(fake: FakeGovernance): void {
  fake.charters = { ...CHARTERS };
  fake.add({ repo: REGISTRY, number: 1, title: 'Publish API', author: user('lyz1990'), createdAt: ago(60), events: [
    { kind: 'comment', at: ago(50), actor: PEOPLE.rdimitrov },
    { kind: 'labeled', at: ago(5), actor: user('a-triager') },
    { kind: 'comment', at: ago(3), actor: PEOPLE.dependabot },
  ] });
  fake.add({ repo: REGISTRY, number: 2, type: 'pull_request', title: 'Bump deps', author: PEOPLE.dependabot, createdAt: ago(2) });
  fake.add({ repo: TRANSPORTS, number: 1, title: 'Streamable HTTP', author: user('kurtisvg'), createdAt: ago(40), events: [{ kind: 'comment', at: ago(2), actor: user('kurtisvg') }] });
  fake.add({ repo: SPECS, number: 10, type: 'pull_request', title: 'Docs site', state: 'merged', author: user('writer'), createdAt: ago(20), mergedAt: ago(5), closedAt: ago(5), events: [
    { kind: 'review', at: ago(6), actor: user('reviewer') },
    { kind: 'merged', at: ago(5), actor: user('writer') },
  ] });
  fake.add({ repo: SPECS, number: 11, title: 'Style guide', state: 'closed', stateReason: 'COMPLETED', author: user('writer'), createdAt: ago(30), closedAt: ago(7), events: [{ kind: 'closed', at: ago(7), actor: user('writer') }] });
  fake.add({ repo: SPECS, number: 20, title: 'Threat model', labels: ['ig:security'], author: user('localden'), createdAt: ago(80), events: [{ kind: 'comment', at: ago(1), actor: PEOPLE.dependabot }] });
  fake.add({ repo: SPECS, number: 30, title: 'OAuth flows', labels: ['wg:auth'], author: user('pcarleton'), createdAt: ago(45), events: [{ kind: 'comment', at: ago(40), actor: user('pcarleton') }] });
}

// ---- Running the job -------------------------------------------------------------------------

/** An Octokit without retries or throttling: each request is sent once, at once. */
function plainOctokit(): GitHub {
  return new ProbotOctokit({ auth: { token: 'ghs_test' }, retry: { enabled: false }, throttle: { enabled: false } }) as GitHub;
}

interface Run {
  result: ActivityJobResult;
  writes: string[];
  kinds: string[];
}

/** One run at `days` after NOW, as a fresh process (nothing cached from an earlier run). */
async function runJob(days = 0, options: { gh?: GitHub; dryRun?: boolean } = {}): Promise<Run> {
  forgetRepoConfig();
  forgetGroupRegistry();
  const now = new Date(NOW + days * DAY);
  fake.now = now;
  const from = fake.requests.length;
  const result = await runActivityJob({ source: { kind: 'live', gh: options.gh ?? plainOctokit(), repo: GOV }, now, clock: () => now, dryRun: options.dryRun ?? false });
  return { result, writes: fake.writes(from), kinds: fake.kinds(from) };
}

/** The open retirement issues by group id (from their hidden marker). */
function openRetirementIssues(): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const issue of fake.issuesLabelled(RETIREMENT_LABEL, 'open')) {
    const group = readRetirementMarker(issue.body) ?? '?';
    out[group] = [...(out[group] ?? []), issue.number];
  }
  return out;
}

function retirementIssueOf(group: string): FakeItem {
  const found = fake.issuesLabelled(RETIREMENT_LABEL).filter((i) => readRetirementMarker(i.body) === group);
  if (found.length !== 1) throw new Error(`${found.length} retirement issues of ${group}`);
  return found[0] as FakeItem;
}

function cliIo(cwd: string, env: Record<string, string> = { GITHUB_TOKEN: 'x' }) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), cwd, now: () => new Date(NOW), env },
  };
}

let fake: FakeGovernance;
let tmp: string;

beforeEach(async () => {
  nock.cleanAll();
  forgetRepoConfig();
  forgetGroupRegistry();
  fake = new FakeGovernance({ governanceRepo: GOV }).install();
  seed(fake);
  tmp = await mkdtemp(join(tmpdir(), 'group-steward-job-'));
});

afterEach(async () => {
  try {
    fake.assertClean();
  } finally {
    fake.uninstall();
    await rm(tmp, { recursive: true, force: true });
  }
});

const ISSUES = `POST /repos/${GOV}/issues`;

describe('the activity job against GitHub', () => {
  it('opens one retirement issue per idle or completed working group, and the dashboard, in one pass of reads', async () => {
    const { result, writes, kinds } = await runJob();

    expect(Object.fromEntries(result.verdicts.map((v) => [v.id, v.verdict]))).toEqual({
      auth: 'idle',
      docs: 'completed',
      fresh: 'grace',
      old: 'retired',
      registry: 'idle',
      security: 'unknown',
      transports: 'active',
    });
    expect(kinds).toEqual([
      'GET config',
      'GET config',
      'graphql GroupStewardRegistry',
      'graphql GroupStewardSources',
      // One aliased request: the first page of every source's search, newest first, and the
      // deliverables and first work by number (issue 10 § 4; before: two searches and a read by number).
      'graphql GroupStewardActivitySearch',
      'graphql GroupStewardGovernanceIssues',
      'POST issue',
      'POST issue',
      'POST issue',
      'POST issue',
      'graphql GroupStewardOpenVotes',
    ]);
    expect(writes).toEqual([ISSUES, ISSUES, ISSUES, ISSUES]);
    expect(openRetirementIssues()).toEqual({ auth: [expect.any(Number)], docs: [expect.any(Number)], registry: [expect.any(Number)] });

    const registry = retirementIssueOf('registry');
    expect(registry.title).toBe('Retire the Registry Working Group? (wg:registry: no activity for 30+ days)');
    expect(registry.labels).toEqual([RETIREMENT_LABEL, 'wg:registry']);
    expect(registry.body.startsWith('<!-- group-steward:retirement group=registry -->')).toBe(true);
    // The last HUMAN activity: not the labelling 5 days ago, not dependabot's comment or pull request.
    expect(registry.body).toContain(`a comment by \`rdimitrov\` on ${ago(50).slice(0, 10)}, on [${REGISTRY}#1](https://github.com/${REGISTRY}/issues/1)`);
    expect(registry.body).toContain('@rdimitrov');
    expect(retirementIssueOf('docs').title).toBe('Retire the Docs Working Group? (wg:docs: all planned work done)');
    expect(retirementIssueOf('docs').body).toContain(`[${SPECS}#10](https://github.com/${SPECS}/pull/10): merged`);

    const [dashboard, ...more] = fake.issuesLabelled(DASHBOARD_LABEL);
    expect(more).toEqual([]);
    expect(dashboard?.body).toContain('**7 groups:** 2 idle · 1 completed · 1 unknown · 1 grace · 1 active · 1 retired');
    // An interest group is reported, never proposed for retirement.
    expect(dashboard?.body).toContain(`| Security Interest Group | interest group | active | \`ig:security\` | [${ago(80).slice(0, 10)}](https://github.com/${SPECS}/issues/20) | unknown | unknown: no thread or conversation on GitHub in what was read; 1 of 2 sources read | — |`);
    expect(result.notes[0]).toMatch(/^live: charters from example-org\/governance:groups; 7 items updated since 2026-07-03; 4 GraphQL requests$/);
  });

  it('writes nothing when run again with the same data, that day or days later', async () => {
    await runJob();
    const again = await runJob();
    expect(again.writes).toEqual([]);
    expect(again.result.plan).toEqual([]);
    const later = await runJob(3);
    expect(later.writes).toEqual([]);
    expect(fake.issuesLabelled(RETIREMENT_LABEL)).toHaveLength(3);
  });

  it("does not count comments on the App's own retirement issue as the group's activity", async () => {
    await runJob();
    const issue = retirementIssueOf('registry');
    fake.event(GOV, issue.number, at(1), PEOPLE.rdimitrov, 'comment');
    const { writes } = await runJob(2);
    expect(writes).toEqual([]);
    expect(issue.state).toBe('open');
  });

  it('comments why and closes the issue when the group is active again', async () => {
    await runJob();
    const issue = retirementIssueOf('registry');
    fake.event(REGISTRY, 1, at(1), PEOPLE.rdimitrov, 'comment');
    const dashboard = fake.issuesLabelled(DASHBOARD_LABEL)[0] as FakeItem;

    const { writes } = await runJob(1.5);
    expect(writes).toEqual([`POST /repos/${GOV}/issues/${issue.number}/comments`, `PATCH /repos/${GOV}/issues/${issue.number}`, `PATCH /repos/${GOV}/issues/${dashboard.number}`]);
    expect(fake.commentsOn(GOV, issue.number).map((c) => c.body)).toEqual([expect.stringMatching(/^The Registry Working Group is active again: last human activity on 2026-10-02/)]);
    expect(issue).toMatchObject({ state: 'closed', stateReason: 'COMPLETED' });
    expect(openRetirementIssues()).toEqual({ auth: [expect.any(Number)], docs: [expect.any(Number)] });
    expect((await runJob(2)).writes).toEqual([]);
  });

  it('does not raise an issue people closed as not planned again before a full window has passed, then does', async () => {
    await runJob();
    const first = retirementIssueOf('registry');
    fake.close(GOV, first.number, at(1), PEOPLE.moderator, 'NOT_PLANNED');

    const registryIssues = () => fake.issuesLabelled(RETIREMENT_LABEL).filter((i) => readRetirementMarker(i.body) === 'registry');

    const held = await runJob(2);
    expect(held.writes).toEqual([`PATCH /repos/${GOV}/issues/${(fake.issuesLabelled(DASHBOARD_LABEL)[0] as FakeItem).number}`]);
    expect(fake.issuesLabelled(DASHBOARD_LABEL)[0]?.body).toContain(`#${first.number} closed on ${at(1).slice(0, 10)}; not raised again before ${at(31).slice(0, 10)}`);
    expect((await runJob(15)).writes).toEqual([]);
    // A month on, other groups have gone quiet too (Transports, and Fresh out of its grace period), but not Registry again.
    const late = await runJob(30.9);
    expect(late.result.plan.filter((a) => a.kind === 'create-issue').map((a) => (a as { labels: string[] }).labels[1])).toEqual(['wg:fresh', 'wg:transports']);
    expect(registryIssues().map((i) => i.state)).toEqual(['closed']);

    const after = await runJob(31.5);
    expect(after.result.plan.filter((a) => a.kind === 'create-issue').map((a) => (a as { labels: string[] }).labels[1])).toEqual(['wg:registry']);
    expect(registryIssues().map((i) => [i.number === first.number, i.state])).toEqual([
      [true, 'closed'],
      [false, 'open'],
    ]);
  });

  it('defers what the write cap leaves to the next run, which completes it without duplicates', async () => {
    fake.configs.set(GOV, 'activity:\n  max_writes: 2\n');
    const first = await runJob();
    expect(first.writes).toEqual([ISSUES, ISSUES]);
    expect(first.result.deferred.map((a) => a.kind)).toEqual(['create-issue', 'create-issue']);
    expect(fake.issuesLabelled(DASHBOARD_LABEL)).toEqual([]);

    const second = await runJob();
    expect(second.writes).toEqual([ISSUES, ISSUES]);
    expect(second.result.deferred).toEqual([]);
    expect(await runJob().then((r) => r.writes)).toEqual([]);
    expect(Object.values(openRetirementIssues()).map((n) => n.length)).toEqual([1, 1, 1]);
    expect(Object.keys(openRetirementIssues()).sort()).toEqual(IDLE_OR_COMPLETED);
    expect(fake.issuesLabelled(DASHBOARD_LABEL)).toHaveLength(1);
  });

  it('writes a comment and the close it explains together, even under a cap of one write', async () => {
    await runJob();
    fake.configs.set(GOV, 'activity:\n  max_writes: 1\n');
    fake.event(REGISTRY, 1, at(1), PEOPLE.rdimitrov, 'comment');
    const issue = retirementIssueOf('registry');
    const run = await runJob(1.5);
    expect(run.writes).toEqual([`POST /repos/${GOV}/issues/${issue.number}/comments`, `PATCH /repos/${GOV}/issues/${issue.number}`]);
    expect(issue.state).toBe('closed');
    expect((await runJob(1.5)).writes).toHaveLength(1); // the dashboard, deferred once
    expect((await runJob(1.5)).writes).toEqual([]);
  });

  it('retries a 502 and a secondary rate limit half-way, and completes the run', async () => {
    const gh = await createCliClient({ GITHUB_TOKEN: 'ghs_test' }, GOV, { retryAfterBaseMs: 1 });
    // The one search request (all sources' first pages) answers 502 once: Octokit retries it.
    fake.fail('graphql GroupStewardActivitySearch', FAILURES.badGateway, { nth: 1 });
    fake.fail('POST issue', FAILURES.badGateway, { nth: 2 });
    fake.fail('POST issue', FAILURES.secondaryRateLimit, { nth: 4 });

    const { writes, kinds } = await runJob(0, { gh });
    expect(kinds.filter((k) => k === 'graphql GroupStewardActivitySearch')).toHaveLength(2);
    expect(writes).toEqual([ISSUES, ISSUES, ISSUES, ISSUES, ISSUES, ISSUES]);
    expect(fake.requests.filter((r) => r.kind === 'POST issue').map((r) => r.status)).toEqual([201, 502, 201, 403, 201, 201]);
    expect(Object.keys(openRetirementIssues()).sort()).toEqual(IDLE_OR_COMPLETED);
    expect(Object.values(openRetirementIssues()).every((n) => n.length === 1)).toBe(true);
    expect(fake.issuesLabelled(DASHBOARD_LABEL)).toHaveLength(1);
  }, 90_000);

  it('ends with exactly one issue per idle working group after a run that died half-way is run again', async () => {
    fake.fail('POST issue', FAILURES.dies, { nth: 2 });
    await expect(runJob()).rejects.toMatchObject({ status: 401 });
    expect(fake.issuesLabelled(RETIREMENT_LABEL)).toHaveLength(1);

    const again = await runJob(0.1);
    expect(again.writes).toEqual([ISSUES, ISSUES, ISSUES]);
    expect(Object.keys(openRetirementIssues()).sort()).toEqual(IDLE_OR_COMPLETED);
    expect(Object.values(openRetirementIssues()).every((n) => n.length === 1)).toBe(true);
    expect(fake.issuesLabelled(DASHBOARD_LABEL)).toHaveLength(1);
    expect((await runJob(0.2)).writes).toEqual([]);
  });

  it('opens no duplicate when GitHub made the issue but its answer was lost (502): it looks before it creates again', async () => {
    const gh = new ProbotOctokit({ auth: { token: 'ghs_test' }, retry: { retryAfterBaseValue: 1 }, throttle: { enabled: false } }) as GitHub;
    fake.fail('POST issue', FAILURES.badGateway, { nth: 1, afterApplying: true });
    const first = await runJob(0, { gh });
    expect(first.kinds.slice(first.kinds.indexOf('POST issue'), first.kinds.indexOf('POST issue') + 2)).toEqual(['POST issue', 'GET issue']);
    expect(Object.values(openRetirementIssues()).every((n) => n.length === 1)).toBe(true);
    expect(Object.keys(openRetirementIssues()).sort()).toEqual(IDLE_OR_COMPLETED);
    expect((await runJob(0.1)).writes).toEqual([]);
  });

  it('creates the issue again when the 502 came before GitHub made it', async () => {
    const gh = new ProbotOctokit({ auth: { token: 'ghs_test' }, retry: { retryAfterBaseValue: 1 }, throttle: { enabled: false } }) as GitHub;
    fake.fail('POST issue', FAILURES.badGateway, { nth: 1 });
    await runJob(0, { gh });
    expect(Object.keys(openRetirementIssues()).sort()).toEqual(IDLE_OR_COMPLETED);
    expect(Object.values(openRetirementIssues()).every((n) => n.length === 1)).toBe(true);
  });

  it("counts a person's own activity when the job runs with that person's token", async () => {
    // kurtisvg runs the job with a personal token: their comment 2 days ago keeps Transports active.
    fake.viewer = 'kurtisvg';
    const { result, writes } = await runJob(0, { dryRun: true });
    expect(result.verdicts.find((v) => v.id === 'transports')?.verdict).toBe('active');
    expect(writes).toEqual([]);
  });

  it('judges a busy repository on all its work: past 1,000 results a search goes on below the last update time read', async () => {
    // 1,050 items in Transports touched only by dependabot over the last week; its one human comment is older.
    for (let i = 0; i < 1050; i += 1) {
      fake.add({ repo: TRANSPORTS, title: `Bump ${i}`, author: PEOPLE.dependabot, type: 'pull_request', createdAt: ago(1 + i / 150) });
    }
    fake.get(TRANSPORTS, 1).events = [{ kind: 'comment', at: ago(9), actor: user('kurtisvg') }];
    fake.get(TRANSPORTS, 1).updatedAt = ago(9);
    const { result, kinds } = await runJob(0, { dryRun: true });
    expect(result.verdicts.find((v) => v.id === 'transports')).toMatchObject({ verdict: 'active', itemsCounted: 1051 });
    expect(result.notes.some((n) => /1,000 results/.test(n))).toBe(false);
    const searches = kinds.filter((k) => k === 'graphql GroupStewardActivitySearch').length;
    // One request for every source's first page (25 items); Transports alone is undecided — its one
    // human event is older than 1,050 pull requests only a bot touched — and is read on, 100 at a
    // time, to GitHub's 1,000 results (9 more requests), then below the last update time read (1).
    expect(searches).toBe(12);
    expect(result.verdicts.find((v) => v.id === 'transports')?.lastActivity).toMatchObject({ at: ago(9), actor: 'kurtisvg' });
  });

  it('reads a busy active group one page deep, and still reports every one of its sources read', async () => {
    // 300 issues people opened in Transports over the last month: the newest decides it.
    for (let i = 0; i < 300; i += 1) fake.add({ repo: TRANSPORTS, title: `Issue ${i}`, author: user(`person-${i}`), createdAt: ago(0.5 + i / 10) });
    const { result, kinds } = await runJob();
    expect(kinds.filter((k) => k === 'graphql GroupStewardActivitySearch')).toHaveLength(1);
    const transports = result.verdicts.find((v) => v.id === 'transports');
    expect(transports).toMatchObject({ verdict: 'active', lastActivity: { at: ago(0.5), actor: 'person-0' }, itemsCounted: 25 });
    expect(transports?.coverage.map((c) => c.status)).toEqual(['read', 'read', 'read']);
    expect(fake.issuesLabelled(DASHBOARD_LABEL)[0]?.body).toMatch(/\| Transports Working Group \|[^\n]*\| active \| all 3 sources read \|/);
    // The verdicts of the other groups are those of the first test: nothing else changed.
    expect(Object.keys(openRetirementIssues()).sort()).toEqual(IDLE_OR_COMPLETED);
  });

  it('a search GitHub refuses for one group only: that group cannot be judged, the others are, and the run goes on', async () => {
    fake.refuseSearch = (q) => (q.startsWith(`repo:${REGISTRY} `) ? 'The search could not be performed.' : null);
    const { result, kinds } = await runJob();
    // GitHub voids the whole answer of a request in which one search fails: the others are asked again.
    expect(kinds.filter((k) => k === 'graphql GroupStewardActivitySearch')).toHaveLength(2);
    expect(result.verdicts.find((v) => v.id === 'registry')).toMatchObject({ verdict: 'unknown', reason: expect.stringContaining(`repository ${REGISTRY}: search failed: The search could not be performed.`) });
    expect(Object.fromEntries(result.verdicts.filter((v) => v.id !== 'registry').map((v) => [v.id, v.verdict]))).toEqual({ auth: 'idle', docs: 'completed', fresh: 'grace', old: 'retired', security: 'unknown', transports: 'active' });
    // No retirement issue on evidence that was not read.
    expect(Object.keys(openRetirementIssues()).sort()).toEqual(['auth', 'docs']);
    expect(result.notes).toContain(`not read completely: repository ${REGISTRY} unread: search failed: The search could not be performed.`);
  });
});

/** A clock that starts at NOW and moves 1 ms on every reading, as a real one does between two reads. */
function movingClock(): { clock: () => Date; readings: () => number } {
  let readings = 0;
  return { clock: () => new Date(NOW + readings++), readings: () => readings };
}

describe('the production path: no `now`, the clock read as a scheduled run reads it', () => {
  it('judges a silent working group idle and opens its retirement issue; a re-run writes nothing', async () => {
    fake.now = new Date(NOW);
    const first = movingClock();
    const result = await runActivityJob({ source: { kind: 'live', gh: plainOctokit(), repo: GOV }, clock: first.clock, dryRun: false });
    expect(Object.fromEntries(result.verdicts.map((v) => [v.id, v.verdict]))).toMatchObject({ auth: 'idle', registry: 'idle', docs: 'completed', transports: 'active' });
    // One instant for the run: the clock read once, and that reading is the instant judged.
    expect(first.readings()).toBe(1);
    expect(result.now.toISOString()).toBe(new Date(NOW).toISOString());
    // Every source of the idle groups was read up to the instant judged: none is partial.
    for (const id of ['auth', 'registry']) expect(result.verdicts.find((v) => v.id === id)?.coverage.map((c) => c.status)).not.toContain('partial');
    expect(openRetirementIssues()).toEqual({ auth: [expect.any(Number)], docs: [expect.any(Number)], registry: [expect.any(Number)] });

    forgetRepoConfig();
    forgetGroupRegistry();
    const from = fake.requests.length;
    const again = await runActivityJob({ source: { kind: 'live', gh: plainOctokit(), repo: GOV }, clock: movingClock().clock, dryRun: false });
    expect(again.plan).toEqual([]);
    expect(fake.writes(from)).toEqual([]);
  });

  it('`group-steward activity --repo` without --now: the same verdicts and plan as with it', async () => {
    const first = movingClock();
    const without = cliIo(tmp);
    expect(await runCli(['activity', '--repo', GOV, '--dry-run', '--format', 'json'], { ...without.io, now: first.clock })).toBe(0);
    forgetRepoConfig();
    forgetGroupRegistry();
    const withNow = cliIo(tmp);
    expect(await runCli(['activity', '--repo', GOV, '--dry-run', '--format', 'json', '--now', new Date(NOW).toISOString()], withNow.io)).toBe(0);
    const verdicts = (text: string) => (JSON.parse(text) as { groups: { id: string; verdict: string }[] }).groups.map((g) => `${g.id}: ${g.verdict}`);
    expect(verdicts(without.out.stdout)).toContain('registry: idle');
    expect(verdicts(without.out.stdout)).toEqual(verdicts(withNow.out.stdout));
    expect(first.readings()).toBe(1);
    expect(without.out.stderr).not.toContain('registry');
    expect(fake.writes()).toEqual([]);
  }, 60_000);
});

describe('group-steward activity (the CLI)', () => {
  it('--dry-run prints the plan and makes only reads (GET, and POST /graphql)', async () => {
    const { io, out } = cliIo(tmp);
    const code = await runCli(['activity', '--repo', GOV, '--dry-run', '--now', new Date(NOW).toISOString()], io);
    // The interest group's Discord channel is not configured: said, never read as silence (issue 23).
    expect({ code, stderr: out.stderr }).toEqual({ code: 0, stderr: 'warning: security: cannot be judged, not every source of its work was read: Discord #security-ig: not configured: Group Steward reads no Discord channel it is not given (not silence)\n' });
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql')).toEqual([]);
    expect(out.stdout).toContain('Plan (4 writes; dry run: nothing written):');
    expect(out.stdout).toContain('open issue "Retire the Registry Working Group? (wg:registry: no activity for 30+ days)" in example-org/governance');
    expect(fake.governanceIssues()).toEqual([]);
  }, 60_000);

  it('--snapshot with --groups makes no request at all', async () => {
    const groups = join(tmp, 'groups');
    await mkdir(groups);
    for (const [file, text] of Object.entries(CHARTERS)) await writeFile(join(groups, file), text);
    await writeFile(join(tmp, 'snapshot.json'), JSON.stringify({ generated_at: new Date(NOW).toISOString(), items: [] }));
    const { io, out } = cliIo(tmp, {});
    const code = await runCli(['activity', '--snapshot', 'snapshot.json', '--groups', 'groups', '--format', 'json'], io);
    expect(code).toBe(0);
    expect(fake.requests).toEqual([]);
    const report = JSON.parse(out.stdout) as { groups: { id: string; verdict: string; reason: string }[] };
    // A snapshot that records no coverage proves no silence: nothing in it is known read.
    expect(report.groups.find((g) => g.id === 'transports')).toMatchObject({ verdict: 'unknown', reason: expect.stringContaining('the snapshot records no coverage') });
    expect(out.stderr).toContain('warning: transports: cannot be judged');
  });

  it('--save-snapshot records a snapshot that --snapshot replays to the same verdicts', async () => {
    const groups = join(tmp, 'groups');
    await mkdir(groups);
    for (const [file, text] of Object.entries(CHARTERS)) await writeFile(join(groups, file), text);
    const now = new Date(NOW).toISOString();

    // Settings other than the defaults: the replay must judge with the recorded ones.
    fake.configs.set(GOV, 'inactivity_days: 45\nactivity:\n  bot_logins: [kurtisvg]\n');
    const live = cliIo(tmp);
    expect(await runCli(['activity', '--repo', GOV, '--dry-run', '--format', 'json', '--now', now, '--save-snapshot', 'recorded.json'], live.io)).toBe(0);
    const requests = fake.requests.length;
    const replay = cliIo(tmp, {});
    expect(await runCli(['activity', '--snapshot', 'recorded.json', '--groups', 'groups', '--format', 'json', '--now', now, '--repo', GOV], replay.io)).toBe(0);

    expect(fake.requests).toHaveLength(requests);
    const verdicts = (text: string) => (JSON.parse(text) as { groups: unknown[] }).groups;
    expect(verdicts(replay.out.stdout)).toEqual(verdicts(live.out.stdout));
    expect(verdicts(live.out.stdout)).toHaveLength(7);
    // Same plan too: no retirement issue exists yet, which is what a replay assumes.
    expect((JSON.parse(replay.out.stdout) as { plan: unknown[] }).plan).toEqual((JSON.parse(live.out.stdout) as { plan: unknown[] }).plan);
    expect(JSON.parse(await readFile(join(tmp, 'recorded.json'), 'utf8'))).toMatchObject({ generated_at: now, items: expect.any(Array), settings: { inactivity_days: 45, bot_logins: ['kurtisvg'] } });
  }, 60_000);

  it('reads the charters from --groups DIR on a live run (no registry query)', async () => {
    const groups = join(tmp, 'groups');
    await mkdir(groups);
    await writeFile(join(groups, 'registry.yaml'), CHARTERS['registry.yaml'] as string);
    const { io, out } = cliIo(tmp);
    expect(await runCli(['activity', '--repo', GOV, '--groups', 'groups', '--dry-run', '--format', 'json', '--now', new Date(NOW).toISOString()], io)).toBe(0);
    expect(fake.kinds()).not.toContain('graphql GroupStewardRegistry');
    expect((JSON.parse(out.stdout) as { groups: { id: string }[] }).groups.map((g) => g.id)).toEqual(['registry']);
  }, 60_000);
});

describe('evidence that knows what it saw (coverage)', () => {
  const GHOST = 'example-org/ghost-repo';
  const ghost = workingGroup('ghost', { name: 'Ghost Working Group', repos: [GHOST], firstWork: `https://github.com/${SPECS}/issues/30` });

  it('judges a group whose owned repository does not exist unknown: no retirement issue, and the dashboard says why and how to fix it', async () => {
    fake.charters['ghost.yaml'] = ghost;
    const { result, writes } = await runJob();
    const verdict = result.verdicts.find((v) => v.id === 'ghost')!;
    expect(verdict.verdict).toBe('unknown');
    expect(verdict.coverage).toContainEqual({ source: `repository ${GHOST}`, status: 'unread', why: 'not found or not readable by this installation', fix: expect.stringContaining(`install the App on ${GHOST}`) });
    // No search names the repository GitHub does not show.
    expect(fake.requests.filter((r) => r.kind === 'graphql GroupStewardActivitySearch').map((r) => String(r.variables?.q))).not.toContainEqual(expect.stringContaining(GHOST));
    expect(Object.keys(openRetirementIssues()).sort()).toEqual(IDLE_OR_COMPLETED);
    expect(writes.filter((w) => w === ISSUES)).toHaveLength(IDLE_OR_COMPLETED.length + 1);
    const dashboard = fake.issuesLabelled(DASHBOARD_LABEL)[0]!;
    expect(dashboard.body).toContain('## Groups Group Steward cannot judge');
    expect(dashboard.body).toContain(`- **Ghost Working Group** (\`wg:ghost\`)\n  - repository ${GHOST}: not found or not readable by this installation — fix: install the App on ${GHOST}`);
    expect(result.notes.some((n) => n.includes(GHOST))).toBe(true);
  }, 60_000);

  it('judges the same after --save-snapshot and a --snapshot replay, which carries the coverage', async () => {
    fake.charters['ghost.yaml'] = ghost;
    const groups = join(tmp, 'groups');
    await mkdir(groups);
    for (const [file, text] of Object.entries(fake.charters)) await writeFile(join(groups, file), text);
    const now = new Date(NOW).toISOString();
    const live = cliIo(tmp);
    expect(await runCli(['activity', '--repo', GOV, '--dry-run', '--format', 'json', '--now', now, '--save-snapshot', 'recorded.json'], live.io)).toBe(0);
    const replay = cliIo(tmp, {});
    expect(await runCli(['activity', '--snapshot', 'recorded.json', '--groups', 'groups', '--format', 'json', '--now', now, '--repo', GOV], replay.io)).toBe(0);
    type Report = { groups: { id: string; verdict: string; coverage: { source: string; status: string }[] }[] };
    const ghostOf = (text: string) => (JSON.parse(text) as Report).groups.find((g) => g.id === 'ghost')!;
    expect(ghostOf(live.out.stdout)).toMatchObject({ verdict: 'unknown' });
    expect(ghostOf(replay.out.stdout)).toEqual(ghostOf(live.out.stdout));
    for (const out of [live.out, replay.out]) expect(out.stderr).toMatch(new RegExp(`^warning: ghost: cannot be judged, not every source of its work was read: repository ${GHOST}: not found`, 'm'));
    const recorded = JSON.parse(await readFile(join(tmp, 'recorded.json'), 'utf8')) as { coverage: { source: string; repo?: string; status: string }[] };
    expect(recorded.coverage).toContainEqual(expect.objectContaining({ source: 'repo', repo: GHOST, status: 'unread' }));
    expect(recorded.coverage).toContainEqual(expect.objectContaining({ source: 'repo', repo: REGISTRY, status: 'read' }));
  }, 60_000);

  it('reads on past a deliverable GitHub does not know, and judges its group unknown, not idle', async () => {
    fake.charters['auth.yaml'] = workingGroup('auth', { name: 'Auth Working Group', firstWork: `https://github.com/${SPECS}/issues/999`, facilitator: 'pcarleton' });
    const { result } = await runJob();
    expect(result.verdicts.find((v) => v.id === 'auth')).toMatchObject({ verdict: 'unknown', reason: expect.stringContaining(`${SPECS}#999: not found or not readable by this installation`) });
    expect(Object.keys(openRetirementIssues()).sort()).toEqual(['docs', 'registry']);
    expect(result.notes).toContain(`deliverables GitHub does not know (deleted, private or mistyped; state unknown): ${SPECS}#999`);
  }, 60_000);

  it('leaves an open retirement issue untouched when its group\'s repository becomes unreadable', async () => {
    await runJob();
    const issue = retirementIssueOf('registry');
    const before = { body: issue.body, title: issue.title, state: issue.state, comments: fake.commentsOn(GOV, issue.number).length };
    // A person comments on the registry's repository (now not shown to the installation) and time passes.
    fake.event(REGISTRY, 1, ago(-1), PEOPLE.rdimitrov);
    fake.hidden.add(REGISTRY);
    const { result, writes } = await runJob(2);
    expect(result.verdicts.find((v) => v.id === 'registry')!.verdict).toBe('unknown');
    expect(writes.filter((w) => w.includes(`/issues/${issue.number}`))).toEqual([]);
    const after = retirementIssueOf('registry');
    expect({ body: after.body, title: after.title, state: after.state, comments: fake.commentsOn(GOV, issue.number).length }).toEqual(before);
    // Readable again, the comment shows the group active: the issue is relieved as usual.
    fake.hidden.delete(REGISTRY);
    await runJob(3);
    expect(retirementIssueOf('registry').state).toBe('closed');
  }, 60_000);
});
