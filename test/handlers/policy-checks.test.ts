/**
 * The approval checks under `policy: sep-2149` (SEP-2149 § 1.1, § 1.9, § 1.10) end to end: the
 * real App on Probot against the stateful fake GitHub holding MCP's real charters. A creation
 * request becomes the App's pull request; its `pull_request` and `pull_request_review` deliveries
 * post "Group sponsorship"; a hand-made charter change gets "Charter amendment"; a `/retire-wg`
 * becomes a pull request with "Retirement approval". The check runs, branches and reviews persist
 * in the fake as GitHub's do, so an in-progress check is seen — and updated in place — by the next
 * delivery. Every GraphQL query is validated against GitHub's schema, every REST request against
 * GitHub's OpenAPI description.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import { chartersOf, commentPayload, issuePayload, loopProbot, pullPayload, renderFormBody, reviewPayload, WG_ANSWERS } from '../../bench/governance-loop.js';
import type { FakeCheckRun } from '../../bench/activity-github.js';
import { GROUP_REQUEST_LABEL, WORKING_GROUP_FORM } from '../../src/requests/forms.js';
import { freshFakeGovernance } from '../support/fake-governance.js';
import type { FakeActor, FakeGovernance, FakeItem } from '../support/fake-governance.js';

const REPO = 'example-org/governance';
const REAL = chartersOf('groups');
const REQUESTER: FakeActor = { login: 'octocat', type: 'User', id: 1001 };
const CORE = ['core-one', 'core-two', 'core-three'].map((login): FakeActor => ({ login, type: 'User' }));
const [CORE_ONE, CORE_TWO] = CORE as [FakeActor, FakeActor];
const LEAD_MAINTAINER: FakeActor = { login: 'dsp-ant', type: 'User' };
const SEP_2149_CONFIG = 'policy: sep-2149\nvote:\n  core_maintainers:\n    team: core-maintainers\n  lead_maintainers:\n    logins: [dsp-ant, localden]\n';

let fake: FakeGovernance;
let probot: Probot;

beforeEach(async () => {
  fake = freshFakeGovernance(REPO, REAL);
  fake.operations.add('GroupStewardPullRequestCharters');
  fake.configs.set(REPO, SEP_2149_CONFIG);
  fake.teams.set('example-org/core-maintainers', CORE.map((c) => c.login));
  fake.now = new Date('2026-12-01T10:00:00Z');
  probot = await loopProbot();
});

afterEach(() => {
  fake.uninstall();
  fake.assertClean();
});

let delivery = 0;
const receive = (name: string, payload: unknown) => probot.receive({ id: `d-${(delivery += 1)}`, name, payload } as never);

/** A working-group request is opened; the App's pull request for it is delivered as opened. */
async function requestedPull(): Promise<FakeItem> {
  const issue = fake.add({ repo: REPO, title: '[WG request] Tool Filtering', body: renderFormBody(WORKING_GROUP_FORM, WG_ANSWERS), labels: [GROUP_REQUEST_LABEL], author: REQUESTER, createdAt: '2026-11-30T23:30:00Z' });
  await receive('issues', issuePayload(fake, issue, 'opened', REQUESTER));
  const pull = fake.governancePulls().at(-1) as FakeItem;
  expect(pull.headRef).toBe(`group-steward/request-${issue.number}`);
  await receive('pull_request', pullPayload(fake, pull, 'opened', fake.app));
  return pull;
}

/** `reviewer` reviews pull request `pull`; the review is delivered. */
async function review(pull: FakeItem, reviewer: FakeActor, state: 'APPROVED' | 'CHANGES_REQUESTED'): Promise<void> {
  fake.now = new Date(fake.now.getTime() + 60_000);
  fake.review(pull.number, fake.now.toISOString(), reviewer, state);
  await receive('pull_request_review', reviewPayload(fake, pull, reviewer, state === 'APPROVED' ? 'approved' : 'changes_requested'));
}

/** The check run named `name` GitHub shows on pull request `pull` (the newest of that name on its head). */
function shown(pull: FakeItem, name: string): FakeCheckRun {
  const run = fake.latestRuns(pull.number).get(name);
  if (!run) throw new Error(`no "${name}" check run on #${pull.number}: ${[...fake.latestRuns(pull.number).keys()].join(', ')}`);
  return run;
}

/** A person's pull request from branch `branch`, whose charters folder is the default branch's with `change` applied. */
async function handMadePull(branch: string, change: Record<string, string>, author: FakeActor = { login: 'a-contributor', type: 'User' }): Promise<FakeItem> {
  fake.branches.set(branch, { sha: `e${String(fake.branches.size).padStart(39, '0')}`, files: { ...fake.charters, ...change } });
  const pull = fake.add({ repo: REPO, type: 'pull_request', title: 'Update a charter', body: '', author, createdAt: fake.now.toISOString(), headRef: branch, baseRef: 'main' });
  await receive('pull_request', pullPayload(fake, pull, 'opened', author));
  return pull;
}

describe('"Group sponsorship" (SEP-2149 § 1.1, § 1.9: two core maintainers or one lead maintainer)', () => {
  it('waits — in progress, saying what is missing — until two core maintainers approved, updating its one run in place', async () => {
    const pull = await requestedPull();
    expect([...fake.latestRuns(pull.number).keys()].sort()).toEqual(['Group charters', 'Group sponsorship']);
    expect(shown(pull, 'Group charters').conclusion).toBe('success');
    const first = shown(pull, 'Group sponsorship');
    expect(first).toMatchObject({ status: 'in_progress', conclusion: null, output: { title: "Waiting for two core maintainers' approvals, or a lead maintainer's" } });
    expect(first.output.summary).toContain('Creates the group `tool-filtering`.');
    expect(first.output.summary).toContain('| core maintainers | — | — | @core-one, @core-two, @core-three |');

    await review(pull, CORE_ONE, 'APPROVED');
    const pending = shown(pull, 'Group sponsorship');
    expect(pending.id).toBe(first.id);
    expect(pending).toMatchObject({ status: 'in_progress', output: { title: "Waiting for one more core maintainer's approval, or a lead maintainer's" } });
    expect(pending.output.summary).toContain('Sponsorship needs one more core maintainer\'s approval, or a lead maintainer\'s: approved so far by @core-one (core maintainer) (SEP-2149 § 1.1, § 1.9)');

    await review(pull, CORE_TWO, 'APPROVED');
    const passed = shown(pull, 'Group sponsorship');
    expect(passed.id).toBe(first.id);
    expect(passed).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'Approved by @core-one, @core-two' } });
    expect(passed.output.summary).toContain('Sponsored by @core-one and @core-two (core maintainers)');
    expect(fake.checkRuns.filter((r) => r.name === 'Group sponsorship')).toHaveLength(1);
    // Under SEP-2149 there is no moderators' vote.
    expect(fake.checkRuns.some((r) => r.name === 'Group creation vote')).toBe(false);
  });

  it('passes with one lead maintainer\'s approval alone', async () => {
    const pull = await requestedPull();
    await review(pull, LEAD_MAINTAINER, 'APPROVED');
    expect(shown(pull, 'Group sponsorship')).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'Approved by @dsp-ant' } });
    expect(shown(pull, 'Group sponsorship').output.summary).toContain('Sponsored by @dsp-ant (lead maintainer)');
  });

  it('is blocked while a core maintainer\'s changes request stands, and passes once they approve', async () => {
    const pull = await requestedPull();
    await review(pull, LEAD_MAINTAINER, 'APPROVED');
    await review(pull, CORE_ONE, 'CHANGES_REQUESTED');
    expect(shown(pull, 'Group sponsorship')).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Blocked: changes requested by @core-one' } });
    await review(pull, CORE_ONE, 'APPROVED');
    expect(shown(pull, 'Group sponsorship')).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'Approved by @dsp-ant, @core-one' } });
  });

  it('never counts the requester\'s own approval, even when the requester is a core maintainer', async () => {
    const issue = fake.add({ repo: REPO, title: '[WG request] Tool Filtering', body: renderFormBody(WORKING_GROUP_FORM, WG_ANSWERS), labels: [GROUP_REQUEST_LABEL], author: { ...CORE_ONE, id: 77 }, createdAt: '2026-11-30T23:30:00Z' });
    await receive('issues', issuePayload(fake, issue, 'opened', CORE_ONE));
    const pull = fake.governancePulls().at(-1) as FakeItem;
    await receive('pull_request', pullPayload(fake, pull, 'opened', fake.app));
    await review(pull, CORE_ONE, 'APPROVED');
    await review(pull, CORE_TWO, 'APPROVED');
    const run = shown(pull, 'Group sponsorship');
    expect(run).toMatchObject({ status: 'in_progress', output: { title: "Waiting for one more core maintainer's approval, or a lead maintainer's" } });
    expect(run.output.summary).toContain('Proposed by @core-one, whose own review does not count.');
  });

  it('counts no approval given to an earlier version of the charter: the requester changed its leads since', async () => {
    const pull = await requestedPull();
    await review(pull, CORE_ONE, 'APPROVED');
    await review(pull, CORE_TWO, 'APPROVED');
    expect(shown(pull, 'Group sponsorship').conclusion).toBe('success');
    // The requester edits the form: the App pushes a charter with other facilitators.
    const issue = fake.governanceIssues().find((i) => i.title.startsWith('[WG request]')) as FakeItem;
    const before = issue.body;
    issue.body = renderFormBody(WORKING_GROUP_FORM, { ...WG_ANSWERS, facilitators: '@octocat, someone-else' });
    await receive('issues', issuePayload(fake, issue, 'edited', REQUESTER, before));
    await receive('pull_request', pullPayload(fake, pull, 'synchronize', fake.app));
    const run = shown(pull, 'Group sponsorship');
    expect(run).toMatchObject({ status: 'in_progress', output: { title: "Waiting for two core maintainers' approvals, or a lead maintainer's" } });
    expect(run.output.summary).toContain('@core-one and @core-two approved an earlier version of the charters only');
    await review(pull, CORE_ONE, 'APPROVED');
    await review(pull, CORE_TWO, 'APPROVED');
    expect(shown(pull, 'Group sponsorship').conclusion).toBe('success');
  });

  it('fails, rather than waiting for nobody, when no core or lead maintainers are configured', async () => {
    fake.configs.set(REPO, 'policy: sep-2149\n');
    const pull = await requestedPull();
    expect(shown(pull, 'Group sponsorship')).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'No core or lead maintainers configured' } });
    expect(shown(pull, 'Group sponsorship').output.summary).toContain('`vote.core_maintainers`, `vote.lead_maintainers` in `.github/group-steward.yml`');
  });
});

describe('"Charter amendment" (SEP-2149 § 1.10: a core maintainer\'s approval)', () => {
  const registry = REAL['registry.yaml'] as string;
  const amended = registry.replace(/^name: .*$/m, 'name: Registry Working Group (amended)');

  it('waits for a core maintainer on a change to an existing charter, and passes with one', async () => {
    const pull = await handMadePull('amend-registry', { 'registry.yaml': amended });
    expect([...fake.latestRuns(pull.number).keys()].sort()).toEqual(['Charter amendment', 'Group charters']);
    expect(shown(pull, 'Charter amendment')).toMatchObject({ status: 'in_progress', output: { title: "Waiting for a core maintainer's approval, or a lead maintainer's" } });
    expect(shown(pull, 'Charter amendment').output.summary).toContain('Amends the charter of `registry`.');
    await review(pull, { login: 'someone-else', type: 'User' }, 'APPROVED');
    expect(shown(pull, 'Charter amendment').status).toBe('in_progress');
    await review(pull, CORE_TWO, 'APPROVED');
    expect(shown(pull, 'Charter amendment')).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'Approved by @core-two' } });
  });

  it('asks nothing for a comment-only edit, which changes no field', async () => {
    const pull = await handMadePull('comment-registry', { 'registry.yaml': `# Reviewed in December.\n${registry}` });
    expect([...fake.latestRuns(pull.number).keys()]).toEqual(['Group charters']);
  });

  it('is not asked under SEP-1302, whose charter changes need no approval check', async () => {
    fake.configs.set(REPO, 'vote:\n  core_maintainers:\n    team: core-maintainers\n');
    const pull = await handMadePull('amend-registry', { 'registry.yaml': amended });
    expect([...fake.latestRuns(pull.number).keys()]).toEqual(['Group charters']);
  });
});

describe('"Retirement approval" (SEP-2149 § 1.9: proposed by a WG lead or core maintainer, approved by a core or lead maintainer)', () => {
  async function retireCommand(by: FakeActor, line: string): Promise<FakeItem> {
    const thread = fake.add({ repo: REPO, title: 'Retire the Interceptors WG?', body: 'Decision thread.', author: by, createdAt: '2026-12-01T09:00:00Z' });
    const comment = fake.comment(REPO, thread.number, '2026-12-01T09:30:00Z', by, line);
    await receive('issue_comment', commentPayload(fake, thread, comment, by));
    return thread;
  }

  it('turns a core maintainer\'s /retire-wg into a pull request whose approval needs someone else', async () => {
    await retireCommand(CORE_ONE, '/retire-wg interceptors its work moved to the Transports WG');
    const pull = fake.governancePulls().at(-1) as FakeItem;
    expect(pull.headRef).toBe('group-steward/retire-interceptors');
    await receive('pull_request', pullPayload(fake, pull, 'opened', fake.app));
    expect([...fake.latestRuns(pull.number).keys()].sort()).toEqual(['Group charters', 'Retirement approval']);
    await review(pull, CORE_ONE, 'APPROVED');
    const waiting = shown(pull, 'Retirement approval');
    expect(waiting).toMatchObject({ status: 'in_progress', output: { title: "Waiting for a core maintainer's approval, or a lead maintainer's" } });
    expect(waiting.output.summary).toContain('Retires `interceptors`.');
    expect(waiting.output.summary).toContain('Proposed by @core-one, whose own review does not count.');
    await review(pull, LEAD_MAINTAINER, 'APPROVED');
    expect(shown(pull, 'Retirement approval')).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'Approved by @dsp-ant' } });
    // A retirement is not an amendment.
    expect(fake.latestRuns(pull.number).has('Charter amendment')).toBe(false);
  });

  it('counts no review of anyone whose /retire the App committed: a repeated command adds its sender to the authors', async () => {
    const thread = await retireCommand(CORE_ONE, '/retire-wg interceptors its work moved to the Transports WG');
    const again = fake.comment(REPO, thread.number, '2026-12-01T09:40:00Z', CORE_TWO, '/retire-wg interceptors merged into the Transports WG');
    await receive('issue_comment', commentPayload(fake, thread, again, CORE_TWO));
    const pull = fake.governancePulls().at(-1) as FakeItem;
    await receive('pull_request', pullPayload(fake, pull, 'opened', fake.app));
    await review(pull, CORE_TWO, 'APPROVED');
    await review(pull, CORE_ONE, 'APPROVED');
    expect(shown(pull, 'Retirement approval').status).toBe('in_progress');
    await review(pull, { login: 'core-three', type: 'User' }, 'APPROVED');
    expect(shown(pull, 'Retirement approval')).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'Approved by @core-three' } });
  });

  it('lets a working group\'s own lead propose its retirement, and refuses anyone else', async () => {
    const charter = REAL['interceptors.yaml'] as string;
    const lead = /facilitators:\s*\n\s*-\s*([A-Za-z0-9-]+)/.exec(charter)?.[1] ?? /facilitators: \[([A-Za-z0-9-]+)/.exec(charter)?.[1];
    expect(lead).toBeDefined();
    const stranger: FakeActor = { login: 'passer-by', type: 'User' };
    const refused = await retireCommand(stranger, '/retire-wg interceptors nobody comes');
    expect(fake.governancePulls()).toHaveLength(0);
    const reply = fake.commentsOn(REPO, refused.number).find((c) => c.by === fake.app.login);
    expect(reply?.body).toContain("Under SEP-2149 (§ 1.9) a working group's retirement is proposed by one of its leads");
    await retireCommand({ login: lead as string, type: 'User' }, '/retire-wg interceptors its work moved to the Transports WG');
    const pull = fake.governancePulls().at(-1) as FakeItem;
    expect(fake.branchFiles(pull.headRef as string)['interceptors.yaml']).toContain('status: retired');
  });
});

describe('an invalid policy', () => {
  it('fails the charter check with a message naming the key and the allowed values', async () => {
    fake.configs.set(REPO, 'policy: sep-2150\n');
    const pull = await handMadePull('amend-registry', { 'registry.yaml': (REAL['registry.yaml'] as string).replace(/^name: .*$/m, 'name: Registry WG') });
    const run = shown(pull, 'Group charters');
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Invalid configuration' } });
    expect(run.output.summary).toContain('policy: must be one of "sep-1302", "sep-2149"');
    expect([...fake.latestRuns(pull.number).keys()]).toEqual(['Group charters']);
  });
});
