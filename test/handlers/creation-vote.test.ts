import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import { parseConfig } from '../../src/config/load.js';
import { applyVoteSettling, planVoteSettling } from '../../src/services/settle-votes.js';
import { INTEREST_GROUP, WORKING_GROUP, withLine } from '../charters/helpers.js';
import { pullRequestChartersData } from '../support/charter-trees.js';
import type { PullFixture } from '../support/charter-trees.js';
import { expectConfig } from '../support/config.js';
import type { GitHubApiMock } from '../support/github-api.js';
import { examplePayload, freshTestApp } from '../support/probot.js';
import { allowRegistryRead } from './group-support.js';

const REPO = '/repos/Codertocat/Hello-World';
const BASE_TREE = { 'registry.yaml': WORKING_GROUP, 'security.yaml': INTEREST_GROUP };
const NEW_GROUP = withLine(withLine(WORKING_GROUP, 2, 'id: tool-filtering'), 3, 'name: Tool Filtering Working Group');
const HEAD_TREE = { ...BASE_TREE, 'tool-filtering.yaml': NEW_GROUP };
const CONFIG = 'vote:\n  moderators:\n    logins: [mod-a, mod-b, mod-c]\n  core_maintainers:\n    team: core-maintainers\n';
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

let probot: Probot;
let api: GitHubApiMock;
beforeEach(async () => ({ probot, api } = await freshTestApp(allowRegistryRead)));
afterEach(() => api.done());

type Run = { name: string; status: string; conclusion?: string; started_at?: string; output: { title: string; summary: string } };

/** Sends a pull_request.opened event adding tool-filtering.yaml; returns the two check runs. */
async function openPullRequest(pull: PullFixture, core: string[] = ['dsp-ant']) {
  expectConfig(api.token(), CONFIG);
  let variables: Record<string, unknown> = {};
  api.graphql((r) => {
    variables = r.variables;
    return pullRequestChartersData(HEAD_TREE, BASE_TREE, pull, { core });
  });
  const runs: Run[] = [];
  for (const id of [1, 2]) api.rest('POST', `${REPO}/check-runs`, (b) => (runs.push(b as Run), [201, { id }]));
  await probot.receive({ id: 'pr', name: 'pull_request', payload: examplePayload('pull_request', 'opened', (p) => p.installation) } as never);
  expect(variables).toMatchObject({ withModeratorTeam: false, withCoreTeam: true, coreTeam: 'core-maintainers' });
  expect(runs.map((r) => r.name)).toEqual(['Group charters', 'Group creation vote']);
  return runs[1] as Run;
}

describe('the "Group creation vote" check run (SEP-1302: moderators\' majority over 72 h, core veto)', () => {
  it('is in progress while the vote is open, with the tally and the closing time in UTC', async () => {
    const opened = hoursAgo(1);
    const vote = await openPullRequest({ createdAt: opened, reviews: [{ login: 'mod-a', state: 'APPROVED' }] });
    const closes = new Date(Date.parse(opened) + 72 * 3_600_000).toISOString();
    expect(vote).toMatchObject({ status: 'in_progress', started_at: new Date(Date.parse(opened)).toISOString() });
    expect(vote.conclusion).toBeUndefined();
    expect(vote.output.title).toBe(`Voting until ${closes}: 1/2 approvals`);
    expect(vote.output.summary).toContain(`voting is open until ${closes} (UTC): 1 of 3 moderators approved, 2 needed`);
    expect(vote.output.summary).toContain('| approved (yes) | @mod-a |');
    expect(vote.output.summary).toContain('| not voted | @mod-b, @mod-c |');
  });

  it('treats a creation request\'s author as the proposer of the pull request the App opened: their review is no vote', async () => {
    const app = { __typename: 'Bot' as const, login: 'group-steward' };
    const vote = await openPullRequest({ createdAt: hoursAgo(73), author: app, headRefName: 'group-steward/request-12', closes: [{ number: 12, author: 'mod-a' }], reviews: [{ login: 'mod-a', state: 'APPROVED' }, { login: 'mod-b', state: 'APPROVED' }] });
    expect(vote).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Not approved: no majority of moderators' } });
    expect(vote.output.summary).toContain('Proposed by @mod-a, whose own review is not a vote.');
    expect(vote.output.summary).toContain('| not voted | @mod-a, @mod-c |');
  });

  it('takes the requester only from the App\'s own request branch and the issue it names, never from anyone else\'s pull request', async () => {
    const human = await openPullRequest({ createdAt: hoursAgo(73), author: { __typename: 'User', login: 'mod-a' }, headRefName: 'group-steward/request-12', closes: [{ number: 12, author: 'mod-c' }], reviews: [{ login: 'mod-b', state: 'APPROVED' }, { login: 'mod-c', state: 'APPROVED' }] });
    expect(human).toMatchObject({ conclusion: 'success' });
    expect(human.output.summary).toContain('Proposed by @mod-a');
  });

  it('does not take the requester from an issue other than the one the App\'s branch names', async () => {
    const app = { __typename: 'Bot' as const, login: 'group-steward' };
    const vote = await openPullRequest({ createdAt: hoursAgo(73), author: app, headRefName: 'group-steward/request-12', closes: [{ number: 13, author: 'mod-b' }], reviews: [{ login: 'mod-a', state: 'APPROVED' }, { login: 'mod-b', state: 'APPROVED' }] });
    expect(vote).toMatchObject({ conclusion: 'success' });
    expect(vote.output.summary).toContain('Proposed by @group-steward');
  });

  it('passes after 72 hours with a majority of moderators', async () => {
    const vote = await openPullRequest({ createdAt: hoursAgo(73), reviews: [{ login: 'MOD-A', state: 'APPROVED' }, { login: 'mod-b', state: 'APPROVED' }, { login: 'someone', state: 'APPROVED' }] });
    expect(vote).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'Approved: 2 of 3 moderators' } });
  });

  it('does not pass before the period ends, even with every moderator approving', async () => {
    const approvals = ['mod-a', 'mod-b', 'mod-c'].map((login) => ({ login, state: 'APPROVED' }));
    const vote = await openPullRequest({ createdAt: hoursAgo(71), reviews: approvals });
    expect(vote.status).toBe('in_progress');
  });

  it('counts the period from the moment the pull request was marked ready', async () => {
    const approvals = ['mod-a', 'mod-b'].map((login) => ({ login, state: 'APPROVED' }));
    const vote = await openPullRequest({ createdAt: hoursAgo(200), readyAt: hoursAgo(10), reviews: approvals });
    expect(vote.status).toBe('in_progress');
  });

  it('gives a charter added to an older pull request its full period from the moment it appears', async () => {
    const approvals = ['mod-a', 'mod-b'].map((login) => ({ login, state: 'APPROVED' }));
    // Opened 100 hours ago, but the App has never posted this vote: the new charter just arrived.
    const vote = await openPullRequest({ createdAt: hoursAgo(100), firstVoteAt: null, reviews: approvals });
    expect(vote.status).toBe('in_progress');
    expect(Date.parse(vote.started_at as string)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('fails after 72 hours without a majority', async () => {
    const vote = await openPullRequest({ createdAt: hoursAgo(80), reviews: [{ login: 'mod-a', state: 'APPROVED' }, { login: 'mod-b', state: 'CHANGES_REQUESTED' }, { login: 'mod-c', state: 'COMMENTED' }] });
    expect(vote).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Not approved: no majority of moderators' } });
    expect(vote.output.summary).toContain('| changes requested (no) | @mod-b |');
  });

  it('is vetoed at once when a core maintainer requests changes', async () => {
    const approvals = ['mod-a', 'mod-b', 'mod-c'].map((login) => ({ login, state: 'APPROVED' }));
    const vote = await openPullRequest({ createdAt: hoursAgo(1), reviews: [...approvals, { login: 'dsp-ant', state: 'CHANGES_REQUESTED' }] });
    expect(vote).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Vetoed by dsp-ant' } });
  });

  it('waits while the pull request is a draft', async () => {
    const vote = await openPullRequest({ createdAt: hoursAgo(100), isDraft: true });
    expect(vote).toMatchObject({ status: 'in_progress', output: { title: 'Waiting: the pull request is a draft' } });
  });

  it('re-evaluates on a review, updating its own check run in place and leaving the charter check alone', async () => {
    expectConfig(api.token(), CONFIG);
    api.graphql(() => pullRequestChartersData(HEAD_TREE, BASE_TREE, { createdAt: hoursAgo(100), reviews: [{ login: 'mod-a', state: 'APPROVED' }, { login: 'mod-c', state: 'APPROVED' }] }, { core: [] }, 41));
    let update: Run | undefined;
    api.rest('PATCH', `${REPO}/check-runs/41`, (b) => ((update = b as Run), [200, { id: 41 }]));
    await probot.receive({ id: 'rv', name: 'pull_request_review', payload: examplePayload('pull_request_review', 'submitted', (p) => p.installation) } as never);
    expect(update).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(api.sent('POST', `${REPO}/check-runs`)).toHaveLength(0);
  });
});

describe('who votes, and what counts as creating a group', () => {
  async function voteWith(config: string, data: unknown) {
    expectConfig(api.token(), config);
    api.graphql(() => data);
    const runs: Run[] = [];
    for (const id of [1, 2]) api.rest('POST', `${REPO}/check-runs`, (b) => (runs.push(b as Run), [201, { id }]));
    await probot.receive({ id: 'pr', name: 'pull_request', payload: examplePayload('pull_request', 'opened', (p) => p.installation) } as never);
    return runs;
  }

  it('fails (not neutral: branch protection passes neutral) when no moderators are configured', async () => {
    const runs = await voteWith('inactivity_days: 30\n', pullRequestChartersData(HEAD_TREE, BASE_TREE, { createdAt: hoursAgo(100) }));
    expect(runs[1]).toMatchObject({ name: 'Group creation vote', status: 'completed', conclusion: 'failure', output: { title: 'No moderators configured' } });
  });

  it('fails only the vote when the moderators\' team cannot be read', async () => {
    expectConfig(api.token(), 'vote:\n  moderators:\n    team: moderators\n');
    // GitHub answers with the data it could read and an error for the team (a user-owned repository).
    api.graphql(() => pullRequestChartersData(HEAD_TREE, BASE_TREE, { createdAt: hoursAgo(100) }, { moderators: undefined }), 200, [
      { type: 'NOT_FOUND', path: ['moderators'], message: "Could not resolve to an Organization with the login of 'Codertocat'." },
    ]);
    const runs: Run[] = [];
    for (const id of [1, 2]) api.rest('POST', `${REPO}/check-runs`, (b) => (runs.push(b as Run), [201, { id }]));
    await probot.receive({ id: 'pr', name: 'pull_request', payload: examplePayload('pull_request', 'opened', (p) => p.installation) } as never);
    expect(runs.map((r) => [r.name, r.conclusion])).toEqual([['Group charters', 'success'], ['Group creation vote', 'failure']]);
    expect(runs[1]?.output.summary).toContain('the voters could not be read: Could not resolve to an Organization');
  });

  it('treats bringing a retired group back to active as a creation that needs the vote', async () => {
    const retired = `${withLine(withLine(WORKING_GROUP, 5, 'status: retired'), 17, '')}retired:\n  on: 2026-01-01\n  reason: Paused.\n`;
    const runs = await voteWith(CONFIG, pullRequestChartersData(BASE_TREE, { ...BASE_TREE, 'registry.yaml': retired }, { createdAt: hoursAgo(1) }, { core: [] }));
    expect(runs.map((r) => r.name)).toEqual(['Group charters', 'Group creation vote']);
    expect(runs[1]?.output.summary).toContain('`registry`');
  });

  it('opens a new vote run when its run on this commit is already completed (GitHub cannot reopen one)', async () => {
    const data = pullRequestChartersData(HEAD_TREE, BASE_TREE, { createdAt: hoursAgo(1) }, { core: [] }, 41, 'COMPLETED');
    const runs = await voteWith(CONFIG, data);
    expect(runs.map((r) => [r.name, r.status])).toEqual([['Group charters', 'completed'], ['Group creation vote', 'in_progress']]);
    expect(api.sent('PATCH', `${REPO}/check-runs/41`)).toHaveLength(0);
  });
});

describe('planVoteSettling and applyVoteSettling (called by the scheduled job)', () => {
  it('completes the votes whose window has closed, found in one query', async () => {
    api.token();
    api.graphql((r) => {
      expect(r.variables).toMatchObject({ owner: 'Codertocat', name: 'Hello-World' });
      const suites = (runs: number[]) => ({ nodes: [{ app: { slug: 'group-steward' }, checkRuns: { nodes: runs.map((databaseId) => ({ databaseId, status: 'IN_PROGRESS', startedAt: null })) } }] });
      return {
        viewer: { login: 'group-steward' },
        repository: {
          pullRequests: {
            pageInfo: { hasNextPage: false, endCursor: null },
            nodes: [
              { number: 7, headRefOid: 'a'.repeat(40), baseRefOid: 'b'.repeat(40), commits: { nodes: [{ commit: { checkSuites: suites([55]) } }] } },
              { number: 8, headRefOid: 'c'.repeat(40), baseRefOid: 'd'.repeat(40), commits: { nodes: [{ commit: { checkSuites: suites([]) } }] } },
            ],
          },
        },
      };
    });
    api.graphql((r) => {
      expect(r.variables).toMatchObject({ number: 7, headOid: 'a'.repeat(40) });
      return pullRequestChartersData(HEAD_TREE, BASE_TREE, { createdAt: hoursAgo(90), reviews: [{ login: 'mod-a', state: 'APPROVED' }] }, {}, 55);
    });
    let update: Run | undefined;
    api.rest('PATCH', `${REPO}/check-runs/55`, (b) => ((update = b as Run), [200, { id: 55 }]));
    const octokit = await probot.auth(1);
    const config = parseConfig({ vote: { moderators: { logins: ['mod-a', 'mod-b', 'mod-c'] } } });
    const settling = await planVoteSettling(octokit, 'Codertocat', 'Hello-World', config, new Date());
    // Planned first, written nothing: the job lists these in a dry run and counts them against its cap.
    expect(update).toBeUndefined();
    expect(settling.pulls.map((p) => [p.number, p.plan.map((a) => a.kind)])).toEqual([[7, ['update-check-run']]]);
    expect(settling.plan[0]).toMatchObject({ kind: 'update-check-run', repo: 'Codertocat/Hello-World', check_run_id: 55, name: 'Group creation vote', status: 'completed', conclusion: 'failure' });
    const { applied, settled } = await applyVoteSettling(octokit, settling, settling.plan);
    expect(settled).toEqual([7]);
    expect(applied).toEqual(settling.plan);
    expect(update).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Not approved: no majority of moderators' } });
  });
});
