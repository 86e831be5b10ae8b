/**
 * The scheduled job settles creation votes through its plan: the check-run writes of the votes
 * whose period ended come after the retirement issues and the dashboard, a dry run lists them,
 * and the write cap (`activity.max_writes`) counts them — against the stateful fake GitHub, which
 * keeps its check runs across runs and validates every request against GitHub's schema and
 * OpenAPI description.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ProbotOctokit } from 'probot';
import type { GitHub } from '../../src/github/client.js';
import { forgetGroupRegistry } from '../../src/github/group-registry.js';
import { forgetRepoConfig } from '../../src/github/repo-config.js';
import { runActivityJob } from '../../src/jobs/activity-job.js';
import { describeAction } from '../../src/plan/actions.js';
import { FAILURES, FakeGovernance } from '../support/fake-governance.js';
import type { FakeActor, FakeItem } from '../support/fake-governance.js';

const GOV = 'example-org/governance';
const REGISTRY = 'example-org/registry';
const NOW = Date.parse('2026-10-01T12:00:00Z');
const HOUR = 3_600_000;
const hoursAgo = (h: number) => new Date(NOW - h * HOUR).toISOString();
const user = (login: string): FakeActor => ({ login, type: 'User' });
const VOTE_RUN = 5001;
const CHECK_RUN = `PATCH /repos/${GOV}/check-runs/${VOTE_RUN}`;

function workingGroup(id: string, name: string, repo: string): string {
  return [
    `id: ${id}`,
    `name: ${name}`,
    'type: working',
    'status: active',
    'formed: 2025-07-24',
    'facilitators:',
    '  - rdimitrov',
    `discord: ${id}-wg`,
    'repos:',
    `  - ${repo}`,
    'use_cases: >-',
    `  The ${name} builds things.`,
    `first_work: https://github.com/${repo}/issues/1`,
    '',
  ].join('\n');
}

/** One idle working group: the job plans its retirement issue and the dashboard (2 writes). */
const CHARTERS = { 'registry.yaml': workingGroup('registry', 'Registry Working Group', REGISTRY) };
const config = (maxWrites: number) => `vote:\n  moderators:\n    logins: [mod-a, mod-b, mod-c]\nactivity:\n  max_writes: ${maxWrites}\n`;

let fake: FakeGovernance;
let pull: FakeItem;

beforeEach(() => {
  forgetRepoConfig();
  forgetGroupRegistry();
  fake = new FakeGovernance({ governanceRepo: GOV }).install();
  fake.now = new Date(NOW);
  fake.charters = { ...CHARTERS };
  fake.add({ repo: REGISTRY, number: 1, title: 'Publish API', author: user('lyz1990'), createdAt: hoursAgo(60 * 24), events: [{ kind: 'comment', at: hoursAgo(50 * 24), actor: user('rdimitrov') }] });
  // A pull request adding a group, whose vote opened 80 hours ago (72-hour period): two of the
  // three moderators approved, so it passes — once the job settles it.
  fake.branches.set('add-tool-filtering', { sha: 'e'.repeat(40), files: { ...CHARTERS, 'tool-filtering.yaml': workingGroup('tool-filtering', 'Tool Filtering Working Group', 'example-org/tool-filtering') } });
  pull = fake.add({ repo: GOV, type: 'pull_request', title: 'Add the Tool Filtering WG', body: '', author: user('proposer'), createdAt: hoursAgo(80), headRef: 'add-tool-filtering', baseRef: 'main' });
  fake.review(pull.number, hoursAgo(70), user('mod-a'), 'APPROVED');
  fake.review(pull.number, hoursAgo(60), user('mod-b'), 'APPROVED');
  fake.checkRuns.push({ id: VOTE_RUN, app: fake.appSlug, name: 'Group creation vote', head_sha: fake.headSha(pull), status: 'in_progress', conclusion: null, started_at: hoursAgo(80), output: { title: 'Voting until …', summary: '' }, annotations: [] });
});

afterEach(() => {
  try {
    fake.assertClean();
  } finally {
    fake.uninstall();
  }
});

/** One run of the job at NOW, as a fresh process (nothing cached from an earlier run). */
async function runJob(maxWrites: number, dryRun = false) {
  forgetRepoConfig();
  forgetGroupRegistry();
  fake.configs.set(GOV, config(maxWrites));
  const from = fake.requests.length;
  const gh = new ProbotOctokit({ auth: { token: 'ghs_test' }, retry: { enabled: false }, throttle: { enabled: false } }) as GitHub;
  const result = await runActivityJob({ source: { kind: 'live', gh, repo: GOV }, now: new Date(NOW), clock: () => new Date(NOW), dryRun });
  return { result, writes: fake.writes(from), kinds: fake.kinds(from) };
}

const voteRun = () => fake.checkRuns.find((r) => r.id === VOTE_RUN);

describe('settling creation votes in the scheduled job', () => {
  it('a dry run reads the open votes and lists the check-run write that settles each, writing nothing', async () => {
    const { result, writes, kinds } = await runJob(20, true);
    expect(writes).toEqual([]);
    expect(kinds.slice(-2)).toEqual(['graphql GroupStewardOpenVotes', 'graphql GroupStewardPullRequestCharters']);
    expect(result.plan.map((a) => a.kind)).toEqual(['create-issue', 'create-issue', 'update-check-run']);
    const vote = result.plan[2];
    expect(vote).toMatchObject({ kind: 'update-check-run', repo: GOV, check_run_id: VOTE_RUN, name: 'Group creation vote', status: 'completed', conclusion: 'success', output: { title: 'Approved: 2 of 3 moderators' } });
    expect(describeAction(vote as never)).toBe(`update check run ${VOTE_RUN} "Group creation vote" in ${GOV}: completed: success, "Approved: 2 of 3 moderators" — pull request #${pull.number}: its run still in progress, updated in place`);
    expect({ applied: result.applied, deferred: result.deferred, settledVotes: result.settledVotes }).toEqual({ applied: [], deferred: [], settledVotes: [] });
    expect(voteRun()?.status).toBe('in_progress');
  });

  it('writes the vote after the issue writes, in one plan', async () => {
    const { result, writes } = await runJob(20);
    expect(writes).toEqual([`POST /repos/${GOV}/issues`, `POST /repos/${GOV}/issues`, CHECK_RUN]);
    expect(result.applied).toEqual(result.plan);
    expect(result.settledVotes).toEqual([pull.number]);
    expect(voteRun()).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'Approved: 2 of 3 moderators' } });
  });

  it('counts the vote against max_writes: past the cap it is deferred, and the next run settles it', async () => {
    const first = await runJob(2);
    expect(first.writes).toEqual([`POST /repos/${GOV}/issues`, `POST /repos/${GOV}/issues`]);
    expect(first.result.deferred).toEqual([expect.objectContaining({ kind: 'update-check-run', check_run_id: VOTE_RUN })]);
    expect(first.result.settledVotes).toEqual([]);
    expect(voteRun()?.status).toBe('in_progress');

    const second = await runJob(2);
    expect(second.writes).toEqual([CHECK_RUN]);
    expect(second.result.settledVotes).toEqual([pull.number]);
    expect(voteRun()).toMatchObject({ status: 'completed', conclusion: 'success' });
  });

  it('a vote GitHub refuses to update is reported and leaves the rest of the run standing', async () => {
    fake.fail(`PATCH /repos/${GOV}/check-runs/${VOTE_RUN}`, FAILURES.dies);
    const { result, writes } = await runJob(20);
    expect(writes).toEqual([`POST /repos/${GOV}/issues`, `POST /repos/${GOV}/issues`, CHECK_RUN]);
    expect(result.applied.map((a) => a.kind)).toEqual(['create-issue', 'create-issue']);
    expect(result.settledVotes).toEqual([]);
    expect(result.notes).toContain(`the creation vote of #${pull.number} could not be settled: Bad credentials - https://docs.github.com/rest`);
    expect(voteRun()?.status).toBe('in_progress');
  });
});
