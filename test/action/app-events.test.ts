/**
 * The whole App as GitHub Actions (issue 21 § 1): the COMMITTED bundle (dist/action/index.js) run
 * as GitHub Actions runs it for a webhook event — `GITHUB_EVENT_NAME`, the payload in the file
 * `GITHUB_EVENT_PATH` names, `INPUT_*`, the step summary and outputs in files, GitHub at
 * `GITHUB_API_URL` / `GITHUB_GRAPHQL_URL` — against the stateful fake GitHub served on 127.0.0.1
 * (every GraphQL query validated against GitHub's schema and executed, every REST request checked
 * against GitHub's OpenAPI description). The payloads are GitHub's own examples
 * (`@octokit/webhooks-examples`) adapted to the fake's governance repository. The App's handlers
 * do the work: the same code the App server runs.
 *
 * With the workflow's token the fake's App is `github-actions` (its bot `github-actions[bot]`,
 * as GitHub names the account behind `GITHUB_TOKEN`): a pull request the run opens starts no
 * workflow, so the run delivers its `opened` itself.
 *
 * Every event kind (`pull_request_target`, `issue_comment`, `issues`, `pull_request_review`,
 * `push`, `schedule`) runs the bundle itself; the App's credentials, the failures and the dry run
 * run the same step in this process (`runInProcess`: `run()` of src/action/main.ts, the bundle's
 * entry, with the same variables and files, against the same fake through nock), a child process
 * with a cold node and bundle costing several times as much per run.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { renderFormBody, WG_ANSWERS } from '../../bench/governance-loop.js';
import { linkedMarker } from '../../src/linking/markers.js';
import { GROUP_REQUEST_LABEL, WORKING_GROUP_FORM } from '../../src/requests/forms.js';
import { INTEREST_GROUP, WORKING_GROUP, withLine } from '../charters/helpers.js';
import { FAILURES, FakeGovernance } from '../support/fake-governance.js';
import type { FakeActor, FakeItem } from '../support/fake-governance.js';
import { startFakeServer } from '../support/fake-server.js';
import type { FakeServer } from '../support/fake-server.js';
import { testPrivateKey } from '../support/keys.js';
import { asUser, payloadIn, pullRequestPayload } from '../support/payloads.js';
import type { Json } from '../support/probot.js';
import { requireBundle, runBundle } from './run-bundle.js';
import type { BundleRun } from './run-bundle.js';
import { runInProcess } from './run-in-process.js';

const GOV = 'example-org/governance';
const CONTRIBUTOR: FakeActor = { login: 'a-contributor', type: 'User', id: 2002 };
const REQUESTER: FakeActor = { login: 'octocat', type: 'User', id: 1001 };
const PERSON: FakeActor = { login: 'someone', type: 'User', id: 3003 };
const CONFIG = 'vote:\n  moderators:\n    logins: [mod-a, mod-b, mod-c]\n';
const NEW_GROUP = withLine(withLine(WORKING_GROUP, 2, 'id: tool-filtering'), 3, 'name: Tool Filtering Working Group');

/** The fake GitHub of a fresh governance repository: two charters in groups/, the vote's moderators as logins. */
function governance(options: { appSlug: string }): FakeGovernance {
  const fake = new FakeGovernance({ governanceRepo: GOV, baseUrl: 'http://127.0.0.1/api/v3', appSlug: options.appSlug });
  fake.now = new Date('2026-12-01T10:00:00Z');
  fake.charters = { 'registry.yaml': WORKING_GROUP, 'security.yaml': INTEREST_GROUP };
  fake.configs.set(GOV, CONFIG);
  // The work the charters name, so that every source can be read.
  fake.add({ repo: 'modelcontextprotocol/modelcontextprotocol', number: 2186, type: 'pull_request', createdAt: '2026-01-01T00:00:00Z' });
  for (const op of ['GroupStewardWork', 'GroupStewardCharterBranch']) fake.operations.add(op);
  return fake;
}

/** GitHub's example payload for `event`/`action`, moved to the governance repository, as Actions gives it (no `installation`). */
const payloadFor = (event: string, action: string | undefined, pick?: (p: Json) => boolean): Json => payloadIn(GOV, event, action, pick);

/** The `issues` `opened` payload of `issue`, from GitHub's example. */
function issueOpenedPayload(issue: FakeItem, author: FakeActor): Json {
  const payload = payloadFor('issues', 'opened');
  payload.sender = asUser(payload.sender, author);
  payload.issue = {
    ...payload.issue,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: 'open',
    labels: issue.labels.map((name, i) => ({ ...(payload.issue.labels?.[0] ?? {}), id: i + 1, name })),
    user: asUser(payload.issue.user, author),
    created_at: issue.createdAt,
    html_url: `https://github.com/${GOV}/issues/${issue.number}`,
  };
  return payload;
}

/** The `issue_comment` `created` payload of `comment` on issue `issue`, from GitHub's example (one on an issue, not a pull request). */
function commentPayload(issue: FakeItem, comment: { id: number; body: string; at: string }, author: FakeActor): Json {
  const payload = payloadFor('issue_comment', 'created', (p) => !p.issue.pull_request);
  payload.sender = asUser(payload.sender, author);
  payload.issue = {
    ...payload.issue,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: 'open',
    labels: [],
    user: asUser(payload.issue.user, issue.author ?? author),
    html_url: `https://github.com/${GOV}/issues/${issue.number}`,
  };
  payload.comment = {
    ...payload.comment,
    id: comment.id,
    body: comment.body,
    created_at: comment.at,
    updated_at: comment.at,
    user: asUser(payload.comment.user, author),
    html_url: `https://github.com/${GOV}/issues/${issue.number}#issuecomment-${comment.id}`,
  };
  return payload;
}

/** The `pull_request_review` `submitted` (approved) payload of `reviewer`'s review of `pull`, from GitHub's example. */
function reviewPayload(fake: FakeGovernance, pull: FakeItem, reviewer: FakeActor): Json {
  const payload = payloadFor('pull_request_review', 'submitted');
  const opened = pullRequestPayload(fake, pull, pull.author ?? CONTRIBUTOR);
  payload.sender = asUser(payload.sender, reviewer);
  payload.pull_request = { ...opened.pull_request, user: { ...opened.pull_request.user, login: pull.author?.login, type: pull.author?.type } };
  payload.review = { ...payload.review, state: 'approved', commit_id: fake.headSha(pull), user: asUser(payload.review.user, reviewer), submitted_at: '2026-12-01T11:00:00Z' };
  return payload;
}

/** No `::error` line, exit code 0. */
const succeeded = (run: BundleRun) => ({ code: run.code, errors: run.stdout.split('\n').filter((l) => l.startsWith('::error')), stderr: run.stderr });
const OK = { code: 0, errors: [], stderr: '' };

let fake: FakeGovernance;
let server: FakeServer | undefined;
let env: Record<string, string>;

beforeAll(() => {
  requireBundle();
  // The child process reaches the fake over loopback; this process itself stays off the network.
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => {
  nock.disableNetConnect();
});

/** The fake, served on 127.0.0.1 for the bundle's child process. */
async function serve(appSlug = 'github-actions'): Promise<void> {
  fake = governance({ appSlug });
  server = await startFakeServer(fake);
  env = { GITHUB_API_URL: server.apiUrl, GITHUB_GRAPHQL_URL: server.graphqlUrl, GITHUB_REPOSITORY: GOV };
}

/** The fake for a run in this process (`runInProcess`): answering at its own base URL through nock, no server between. */
function serveHere(appSlug = 'github-actions'): void {
  fake = governance({ appSlug }).install();
  env = { GITHUB_API_URL: fake.baseUrl, GITHUB_GRAPHQL_URL: `${new URL(fake.baseUrl).origin}/api/graphql`, GITHUB_REPOSITORY: GOV };
}

afterEach(async () => {
  await server?.close();
  server = undefined;
  fake.uninstall();
  fake.assertClean();
});

/** The inputs as the example workflow gives them for an event, with the workflow's token (no App secrets). */
const WORKFLOW_TOKEN_INPUTS = { 'governance-repo': GOV, 'dry-run': 'false', token: 'ghs_workflow_token', 'app-id': '', 'private-key': '', now: '', 'snapshot-path': 'activity-snapshot.json' };

/** A person's pull request adding groups/tool-filtering.yaml (a new working group), from branch `add-tool-filtering`. */
function charterPull(): FakeItem {
  fake.branches.set('add-tool-filtering', { sha: 'e'.repeat(40), files: { ...fake.charters, 'tool-filtering.yaml': NEW_GROUP } });
  return fake.add({ repo: GOV, type: 'pull_request', title: 'Charter the Tool Filtering WG', body: 'A new group.', author: CONTRIBUTOR, createdAt: '2026-12-01T09:00:00Z', headRef: 'add-tool-filtering', baseRef: 'main' });
}

/** A creation request issue with the working-group form's valid answers. */
function creationRequest(): FakeItem {
  return fake.add({ repo: GOV, title: '[WG request] Tool Filtering', body: renderFormBody(WORKING_GROUP_FORM, WG_ANSWERS), labels: [GROUP_REQUEST_LABEL], author: REQUESTER, createdAt: '2026-12-01T09:00:00Z' });
}

describe('a charter pull request (pull_request_target opened)', () => {
  it('gets its "Group charters" check and its creation vote from the App\'s handlers: 5 requests, 2 writes', async () => {
    await serve();
    const pull = charterPull();
    const run = await runBundle(WORKFLOW_TOKEN_INPUTS, env, { event: { name: 'pull_request_target', payload: pullRequestPayload(fake, pull, CONTRIBUTOR) } });
    expect(succeeded(run)).toEqual(OK);

    const runs = fake.latestRuns(pull.number);
    expect([...runs.keys()].sort()).toEqual(['Group charters', 'Group creation vote']);
    // Posted with the workflow's token: the check runs are GitHub Actions'.
    expect(runs.get('Group charters')).toMatchObject({ app: 'github-actions', head_sha: 'e'.repeat(40), status: 'completed', conclusion: 'success' });
    expect(runs.get('Group creation vote')).toMatchObject({ app: 'github-actions', status: 'in_progress', conclusion: null, output: { title: expect.stringMatching(/^Voting until .+: 0\/2 approvals$/) } });
    // The configuration, the pull request's charters at head and base (one GraphQL request), the
    // two check runs; then linking's registry (the process starts with no cache).
    expect(fake.kinds()).toEqual(['GET config', 'graphql GroupStewardPullRequestCharters', `POST /repos/${GOV}/check-runs`, `POST /repos/${GOV}/check-runs`, 'graphql GroupStewardRegistry']);

    // `pull_request_target` reaches the App as `pull_request`: the handler's own log line says so.
    expect(run.stdout).toContain('[pull_request.opened] charter check repo=example-org/governance pull=1 posted=["Group charters","Group creation vote"] newGroups=tool-filtering');
    expect(run.outputs).toEqual({ writes: '2' });
    expect(run.summary).toContain('## Group Steward: `pull_request_target.opened`');
    expect(run.summary).toContain('5 requests, 2 writes.');
    expect(run.summary).toContain(`- ✅ \`POST /repos/${GOV}/check-runs\` — "Group charters": success`);
    expect(run.summary).toContain(`- ✅ \`POST /repos/${GOV}/check-runs\` — "Group creation vote": in\\_progress`);
    expect(run.summary).toMatch(/^- `pull_request\.opened` charter check repo=example-org\/governance pull=1 /m);
    // The token never reaches the log (the runner masks what `::add-mask::` registered).
    expect(run.stdout.split('\n').filter((l) => l.includes('ghs_workflow_token'))).toEqual(['::add-mask::ghs_workflow_token']);
  }, 60_000);
});

describe('a /wg command (issue_comment created)', () => {
  it('links the issue: the group\'s label and one comment, 5 requests', async () => {
    await serve();
    const issue = fake.add({ repo: GOV, title: 'Publish the registry API', body: 'Where do we start?', author: PERSON, createdAt: '2026-12-01T09:00:00Z' });
    const comment = fake.comment(GOV, issue.number, '2026-12-01T09:30:00Z', PERSON, '/wg registry');
    const run = await runBundle(WORKFLOW_TOKEN_INPUTS, env, { event: { name: 'issue_comment', payload: commentPayload(issue, comment, PERSON) } });
    expect(succeeded(run)).toEqual(OK);

    expect(fake.get(GOV, issue.number).labels).toEqual(['wg:registry']);
    const links = fake.commentsOn(GOV, issue.number).filter((c) => c.by === 'github-actions[bot]');
    expect(links).toHaveLength(1);
    expect(links[0]?.body).toContain(linkedMarker('registry'));
    expect(links[0]?.body).toContain('**Registry Working Group**');
    expect(fake.kinds()).toEqual(['GET config', 'graphql GroupStewardRegistry', 'graphql GroupStewardWork', `POST /repos/${GOV}/issues/${issue.number}/labels`, 'POST comment']);
    expect(run.outputs).toEqual({ writes: '2' });
    expect(run.summary).toContain(`- ✅ \`POST /repos/${GOV}/issues/${issue.number}/labels\` — wg:registry`);
    expect(run.summary).toContain('writes=add-labels,create-comment');
  }, 60_000);
});

describe('a creation request (issues opened)', () => {
  it('with the workflow\'s token: opens its pull request, which gets its checks in the same run — 11 requests; a review then updates the vote in place', async () => {
    await serve();
    const issue = creationRequest();
    const run = await runBundle(WORKFLOW_TOKEN_INPUTS, env, { event: { name: 'issues', payload: issueOpenedPayload(issue, REQUESTER), runId: '555', runAttempt: '2' } });
    expect(succeeded(run)).toEqual(OK);

    const pulls = fake.governancePulls();
    expect(pulls).toHaveLength(1);
    const pull = pulls[0] as FakeItem;
    expect(pull).toMatchObject({ headRef: `group-steward/request-${issue.number}`, state: 'open', author: { login: 'github-actions[bot]' } });
    // GitHub would start no workflow for it: the run delivered its `opened` itself.
    const runs = fake.latestRuns(pull.number);
    expect([...runs.keys()].sort()).toEqual(['Group charters', 'Group creation vote']);
    expect(runs.get('Group charters')).toMatchObject({ head_sha: fake.headSha(pull), conclusion: 'success' });
    expect(runs.get('Group creation vote')).toMatchObject({ status: 'in_progress', output: { title: expect.stringMatching(/0\/2 approvals$/) } });
    expect(fake.kinds()).toEqual([
      // issues.opened: the configuration, linking's reads, the request's one read and its writes.
      'GET config',
      'graphql GroupStewardRegistry',
      'graphql GroupStewardWork',
      'graphql GroupStewardCharterBranch',
      'POST branch',
      'PUT file',
      'POST pull',
      'POST comment',
      // pull_request.opened of the pull request just opened, in the same run (configuration and registry cached).
      'graphql GroupStewardPullRequestCharters',
      `POST /repos/${GOV}/check-runs`,
      `POST /repos/${GOV}/check-runs`,
    ]);
    expect(run.stdout).toContain(`pull request #${pull.number} was opened with the workflow's token, whose events start no workflow: delivering its pull_request.opened in this run`);
    expect(run.stdout).toContain(`[pull_request.opened] charter check repo=example-org/governance pull=${pull.number}`);
    // The delivery ids: the run's id and attempt, and the follow-up's.
    expect(run.stdout).toContain('::debug::Webhook received event={"id":"555-2","name":"issues"');
    expect(run.stdout).toContain(`::debug::Webhook received event={"id":"555-2-pull-${pull.number}","name":"pull_request"`);
    expect(run.outputs).toEqual({ writes: '6' });
    expect(run.summary).toContain('11 requests, 6 writes.');
    expect(run.summary).toContain(`- #${pull.number}: opened with the workflow's token, whose events start no workflow — its \`pull_request.opened\` was delivered in this run`);

    // A moderator approves: GitHub starts the workflow for the review; the vote is updated in place.
    const vote = runs.get('Group creation vote');
    fake.review(pull.number, '2026-12-01T11:00:00Z', { login: 'mod-a', type: 'User' }, 'APPROVED');
    const from = fake.requests.length;
    const reviewed = await runBundle(WORKFLOW_TOKEN_INPUTS, env, { event: { name: 'pull_request_review', payload: reviewPayload(fake, pull, { login: 'mod-a', type: 'User', id: 4004 }) } });
    expect(succeeded(reviewed)).toEqual(OK);
    const updated = fake.latestRuns(pull.number).get('Group creation vote');
    expect(updated).toMatchObject({ id: vote?.id, status: 'in_progress', output: { title: expect.stringMatching(/1\/2 approvals$/) } });
    expect(fake.kinds(from)).toEqual(['GET config', 'graphql GroupStewardPullRequestCharters', `PATCH /repos/${GOV}/check-runs/${vote?.id}`]);
  }, 90_000);

  it('as the App (app-id, private-key): an installation token; the pull request is left to the run GitHub starts for it', async () => {
    serveHere('group-steward');
    fake.installationId = 7;
    const issue = creationRequest();
    const run = await runInProcess({ ...WORKFLOW_TOKEN_INPUTS, 'app-id': '12', 'private-key': testPrivateKey() }, env, { event: { name: 'issues', payload: issueOpenedPayload(issue, REQUESTER) } });
    expect(succeeded(run)).toEqual(OK);

    const [pull] = fake.governancePulls();
    expect(pull).toMatchObject({ author: { login: 'group-steward[bot]' } });
    expect(fake.checkRuns).toEqual([]);
    expect(fake.kinds()).toEqual(['GET installation', 'POST access token', 'GET config', 'graphql GroupStewardRegistry', 'graphql GroupStewardWork', 'graphql GroupStewardCharterBranch', 'POST branch', 'PUT file', 'POST pull', 'POST comment']);
    expect(run.stdout).toContain(`pull request #${pull?.number} was opened as group-steward[bot], whose events GitHub delivers: its own pull_request_target run checks it`);
    expect(run.stdout).toContain('::add-mask::ghs_fake');
    expect(run.summary).toContain('as the App (an installation token)');
    expect(run.summary).toContain(`- #${pull?.number}: GitHub starts this workflow for it (\`pull_request_target.opened\`), which checks it`);
  }, 60_000);
});

describe('a push to the default branch', () => {
  it('that adds a charter syncs the governance repository\'s labels', async () => {
    await serve();
    fake.charters = { ...fake.charters, 'tool-filtering.yaml': NEW_GROUP };
    fake.defaultSha = 'd'.repeat(40);
    const payload = payloadFor('push', undefined, (p) => p.ref === 'refs/heads/main' || p.ref?.startsWith('refs/heads/'));
    Object.assign(payload, { ref: 'refs/heads/main', before: 'c'.repeat(40), after: fake.defaultSha, created: false, deleted: false, forced: false, base_ref: null });
    payload.commits = [{ ...(payload.head_commit ?? {}), id: fake.defaultSha, added: ['groups/tool-filtering.yaml'], modified: [], removed: [] }];
    payload.head_commit = payload.commits[0];
    payload.sender = asUser(payload.sender, PERSON);
    const run = await runBundle(WORKFLOW_TOKEN_INPUTS, env, { event: { name: 'push', payload } });
    expect(succeeded(run)).toEqual(OK);
    // The registry, the repositories the token can reach (the one the charters name is not among
    // them: skipped, and said so), the labels there, the three created.
    expect(fake.kinds()).toEqual(['GET config', 'graphql GroupStewardRegistry', 'GET /installation/repositories', `GET /repos/${GOV}/labels`, ...Array(3).fill(`POST /repos/${GOV}/labels`)]);
    expect((fake.repoLabels.get(GOV) ?? []).map((l) => l.name).sort()).toEqual(['ig:security', 'wg:registry', 'wg:tool-filtering']);
    expect(run.summary).toContain('## Group Steward: `push`');
    expect(run.summary).toContain(`- ✅ \`POST /repos/${GOV}/labels\` — wg:tool-filtering`);
    expect(run.summary).toContain('label sync: repositories named in charters where this installation has no access skipped=modelcontextprotocol/registry');
  }, 60_000);
});

describe('the scheduled events', () => {
  it('schedule runs the activity job, not the handlers (the payload is not needed)', async () => {
    await serve();
    const run = await runBundle({ ...WORKFLOW_TOKEN_INPUTS, 'dry-run': 'true', now: '2026-12-01T12:00:00Z' }, env, { event: { name: 'schedule', payload: { schedule: '17 6 * * *' } } });
    expect(succeeded(run)).toEqual(OK);
    expect(run.summary).toContain('## Group activity: example-org/governance');
    expect(run.outputs).toMatchObject({ active: expect.any(String), idle: expect.any(String), writes: expect.any(String), 'settled-votes': '0' });
    expect(fake.writes()).toEqual([]);
    expect(fake.kinds()).toContain('graphql GroupStewardRegistry');
  }, 60_000);
});

describe('failures', () => {
  it('a check run GitHub refuses fails the step with one line naming the request, and one annotation', async () => {
    serveHere();
    const pull = charterPull();
    fake.fail(`POST /repos/${GOV}/check-runs`, FAILURES.dies);
    const run = await runInProcess(WORKFLOW_TOKEN_INPUTS, env, { event: { name: 'pull_request_target', payload: pullRequestPayload(fake, pull, CONTRIBUTOR) } });
    expect(run.code).toBe(1);
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
    // The handler's own error line, and the step's failure.
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^::error::\[pull_request\.opened\] charter check: the check run could not be written: Bad credentials/);
    expect(errors[1]).toMatch(/^::error::Group Steward could not handle pull_request_target\.opened: GitHub answered 401 to POST http:\/\/127\.0\.0\.1\/api\/v3\/repos\/example-org\/governance\/check-runs: Bad credentials/);
    expect(run.stdout).not.toMatch(/^\s+at /m);
    expect(run.stderr).toBe('');
    expect(run.summary).toContain('## Group Steward: `pull_request_target.opened` failed');
    expect(run.summary).toContain(`- ❌ 401 \`POST /repos/${GOV}/check-runs\` — "Group charters": success`);
  }, 60_000);

  it('no payload file, one that is not JSON, or not an object: the step says so and reads nothing', async () => {
    serveHere();
    const missing = await runInProcess(WORKFLOW_TOKEN_INPUTS, { ...env, GITHUB_EVENT_NAME: 'issues' });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('::error::Group Steward could not handle issues: GITHUB_EVENT_PATH is not set: GitHub Actions names the event payload\'s file there');

    const gone = await runInProcess(WORKFLOW_TOKEN_INPUTS, { ...env, GITHUB_EVENT_NAME: 'issues', GITHUB_EVENT_PATH: '/nonexistent/event.json' });
    expect(gone.stdout).toContain('::error::Group Steward could not handle issues: the event payload /nonexistent/event.json (GITHUB_EVENT_PATH) cannot be read: no such file');

    const garbled = await runInProcess(WORKFLOW_TOKEN_INPUTS, env, { event: { name: 'issues', payload: '{"action": "opened",' } });
    expect(garbled.code).toBe(1);
    expect(garbled.stdout).toMatch(/^::error::Group Steward could not handle issues: the event payload \S+event\.json \(GITHUB_EVENT_PATH\) is not JSON: /m);

    const list = await runInProcess(WORKFLOW_TOKEN_INPUTS, env, { event: { name: 'issues', payload: [1, 2] } });
    expect(list.stdout).toMatch(/is not a JSON object$/m);
    expect(fake.requests).toEqual([]);
  }, 60_000);

  it('a dry run of an event handles nothing', async () => {
    serveHere();
    const issue = creationRequest();
    const run = await runInProcess({ ...WORKFLOW_TOKEN_INPUTS, 'dry-run': 'true' }, env, { event: { name: 'issues', payload: issueOpenedPayload(issue, REQUESTER) } });
    expect(succeeded(run)).toEqual(OK);
    expect(fake.requests).toEqual([]);
    expect(run.outputs).toEqual({ writes: '0' });
    expect(run.summary).toContain('**Dry run**: the event was not handled');
  }, 60_000);
});
