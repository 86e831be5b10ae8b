/**
 * The governance loop end to end (issue 9): creation requests → charter pull requests, retirement
 * commands → retirement pull requests, a merged retirement → its issue closed. The real App on
 * Probot against the stateful fake GitHub holding MCP's real charters: every GraphQL query is
 * validated against GitHub's schema and executed, every REST request checked against GitHub's
 * OpenAPI description, and the state (branches, files, pull requests, comments) persists across
 * deliveries as GitHub's does.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import { parse } from 'yaml';
import { chartersOf, commentPayload, issuePayload, loopProbot, payloadBase, renderFormBody, WG_ANSWERS } from '../../bench/governance-loop.js';
import { retirementMarker, RETIREMENT_LABEL } from '../../src/activity/markers.js';
import { retireCharterText } from '../../src/charters/retire-edit.js';
import { findStaleDirectory } from '../../src/directory/stale-directory.js';
import { validateCharters } from '../../src/charters/validate.js';
import { GROUP_REQUEST_LABEL, INTEREST_GROUP_FORM, WORKING_GROUP_FORM } from '../../src/requests/forms.js';
import { freshFakeGovernance } from '../support/fake-governance.js';
import type { FakeGovernance } from '../support/fake-governance.js';
import type { FakeActor, FakeItem } from '../support/fake-governance.js';

const REPO = 'example-org/governance';
const REQUESTER: FakeActor = { login: 'octocat', type: 'User', id: 1001 };
const MODERATOR: FakeActor = { login: 'a-moderator', type: 'User' };
const STRANGER: FakeActor = { login: 'passer-by', type: 'User' };
const REAL = chartersOf('groups');

let fake: FakeGovernance;
let probot: Probot;

beforeEach(async () => {
  fake = freshFakeGovernance(REPO, REAL);
  fake.configs.set(REPO, 'vote:\n  moderators:\n    logins: [a-moderator]\n  core_maintainers:\n    team: core-maintainers\n');
  fake.teams.set('example-org/core-maintainers', ['core-one']);
  fake.now = new Date('2026-12-01T10:00:00Z');
  probot = await loopProbot();
});

afterEach(() => {
  fake.uninstall();
  fake.assertClean();
});

let delivery = 0;
const receive = (name: string, payload: unknown) => probot.receive({ id: `d-${(delivery += 1)}`, name, payload } as never);

/** Opens a request issue with the form's answers and delivers `issues.opened`. */
async function openRequest(body: string, author: FakeActor = REQUESTER): Promise<FakeItem> {
  const issue = fake.add({ repo: REPO, title: '[WG request] Tool Filtering', body, labels: [GROUP_REQUEST_LABEL], author, createdAt: '2026-11-30T23:30:00Z' });
  await receive('issues', issuePayload(fake, issue, 'opened', author));
  return issue;
}

/** The requester edits the request's answers; `issues.edited` is delivered. */
async function editRequest(issue: FakeItem, body: string, redeliver = 1): Promise<void> {
  const before = issue.body;
  issue.body = body;
  const payload = issuePayload(fake, issue, 'edited', REQUESTER, before);
  for (let i = 0; i < redeliver; i += 1) await probot.receive({ id: `edit-${issue.number}-${body.length}`, name: 'issues', payload } as never);
}

/** `body` commented on `item` by `by`, then `issue_comment.created` delivered. */
async function command(item: FakeItem, body: string, by: FakeActor, at = '2026-12-01T12:00:00Z') {
  const comment = fake.comment(REPO, item.number, at, by, body);
  await receive('issue_comment', commentPayload(fake, item, comment, by));
  return comment;
}

/** The requests since `from`, less the installation token, the configuration and linking's reads (its cached registry, its read of the issue). */
const counted = (from: number) => fake.kinds(from).filter((k) => !k.endsWith('access token') && k !== 'GET config' && k !== 'graphql GroupStewardRegistry' && k !== 'graphql GroupStewardWork');
const appComments = (item: FakeItem) => fake.commentsOn(REPO, item.number).filter((c) => c.by === fake.app.login);

describe('a creation request', () => {
  it('becomes exactly one pull request whose charter validates, credits the requester, and costs at most 6 requests', async () => {
    const from = fake.requests.length;
    const issue = await openRequest(renderFormBody(WORKING_GROUP_FORM, WG_ANSWERS));

    // The charter, then the directory in groups/README.md regenerated with it.
    expect(counted(from)).toEqual(['graphql GroupStewardCharterBranch', 'POST branch', 'PUT file', 'PUT file', 'POST pull', 'POST comment']);
    const pulls = fake.governancePulls();
    expect(pulls).toHaveLength(1);
    const pull = pulls[0] as FakeItem;
    expect(pull).toMatchObject({ headRef: `group-steward/request-${issue.number}`, baseRef: 'main', author: fake.app, state: 'open' });
    expect(pull.body).toContain(`Closes #${issue.number}`);
    expect(pull.body).toContain('@octocat');
    expect(pull.body).toContain(`<!-- group-steward:request issue=${issue.number} requester=octocat -->`);

    const files = fake.branchFiles(`group-steward/request-${issue.number}`);
    const text = files['tool-filtering.yaml'] as string;
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./charter.schema.json');
    expect(parse(text)).toMatchObject({ id: 'tool-filtering', type: 'working', status: 'active', formed: '2026-11-30', facilitators: ['octocat', 'hubot'], discord: 'tool-filtering-wg' });
    const sources = Object.entries(files).filter(([name]) => name.endsWith('.yaml')).map(([name, content]) => ({ file: `groups/${name}`, content }));
    const validation = validateCharters(sources, { now: fake.now });
    expect(validation.diagnostics.filter((d) => d.file === 'groups/tool-filtering.yaml' && d.severity === 'error')).toEqual([]);
    // Its own "Group charters" check (which reads the folder's files by name) finds the directory up to date.
    const folder = Object.entries(files).map(([name, text]) => ({ name, text }));
    const asChecked = validateCharters(sources.map((f) => ({ ...f, file: f.file.slice('groups/'.length) })), { now: fake.now });
    expect(findStaleDirectory(folder, asChecked.charters, 'groups')).toBeUndefined();
    expect(files['README.md']).toContain('Tool Filtering Working Group');
    // The title and the commit message carry no text from the form: a squash merge makes the title a commit subject.
    expect(pull.title).toBe(`Charter wg:tool-filtering: new working group (request #${issue.number})`);
    // The commit names the requester as its author; the App commits.
    const put = fake.requests.find((r) => r.kind === 'PUT file');
    expect((put?.body as { author?: unknown }).author).toEqual({ name: 'octocat', email: '1001+octocat@users.noreply.github.com' });
    // The requester hears where the charter went.
    expect(appComments(issue).map((c) => c.body)).toEqual([expect.stringContaining(`is proposed in #${pull.number}`)]);
  });

  it('an edit updates the same branch and pull request; a redelivery writes nothing', async () => {
    const issue = await openRequest(renderFormBody(WORKING_GROUP_FORM, WG_ANSWERS));
    const from = fake.requests.length;
    await editRequest(issue, renderFormBody(WORKING_GROUP_FORM, { ...WG_ANSWERS, 'use-cases': 'Filtering tools by task.' }), 2);

    expect(fake.governancePulls()).toHaveLength(1);
    expect(parse(fake.branchFiles(`group-steward/request-${issue.number}`)['tool-filtering.yaml'] as string).use_cases).toBe('Filtering tools by task.');
    // The first delivery replaced the file; the reply already says where the pull request is; the second changed nothing.
    expect(fake.writes(from).map((w) => decodeURIComponent(w))).toEqual([`PUT /repos/${REPO}/contents/groups/tool-filtering.yaml`]);
  });

  it('a changed id moves the file on the branch and keeps the one pull request', async () => {
    const issue = await openRequest(renderFormBody(WORKING_GROUP_FORM, WG_ANSWERS));
    await editRequest(issue, renderFormBody(WORKING_GROUP_FORM, { ...WG_ANSWERS, 'group-id': 'tool-selection', 'group-name': 'Tool Selection Working Group' }));

    const files = fake.branchFiles(`group-steward/request-${issue.number}`);
    expect(Object.keys(files).filter((f) => !(f in REAL))).toEqual(['tool-selection.yaml']);
    const pulls = fake.governancePulls();
    expect(pulls).toHaveLength(1);
    expect(pulls[0]?.title).toContain('wg:tool-selection');
  });

  it('an invalid form gets one reply naming each problem by its form field, no pull request; a second attempt updates that reply', async () => {
    const issue = await openRequest(renderFormBody(WORKING_GROUP_FORM, { ...WG_ANSWERS, facilitators: '@bad login', 'first-work': 'not a url' }));
    expect(fake.governancePulls()).toEqual([]);
    expect(fake.branches.size).toBe(0);
    const [reply] = appComments(issue);
    expect(reply?.body).toContain('Facilitator(s)');
    expect(reply?.body).toContain('First Issue/PR/SEP you intend to procure');

    await editRequest(issue, renderFormBody(WORKING_GROUP_FORM, { ...WG_ANSWERS, 'first-work': 'not a url' }));
    const replies = appComments(issue);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).not.toContain('Facilitator(s)');
    expect(replies[0]?.body).toContain('First Issue/PR/SEP you intend to procure');
    expect(fake.governancePulls()).toEqual([]);

    // Fixed: the pull request opens and the same reply says so.
    await editRequest(issue, renderFormBody(WORKING_GROUP_FORM, WG_ANSWERS));
    expect(fake.governancePulls()).toHaveLength(1);
    expect(appComments(issue)).toHaveLength(1);
    expect(appComments(issue)[0]?.body).toContain(`is proposed in #${fake.governancePulls()[0]?.number}`);
  });

  it('a request for an id that exists (in other letters, or as a previous id) gets a reply naming the group, and no pull request', async () => {
    const issue = await openRequest(renderFormBody(WORKING_GROUP_FORM, { ...WG_ANSWERS, 'group-id': 'registry', 'group-name': 'Another Registry WG' }));
    expect(fake.governancePulls()).toEqual([]);
    expect(appComments(issue)[0]?.body).toContain('Registry Working Group');

    const previous = Object.entries(REAL).filter(([f]) => f.endsWith('.yaml')).map(([, t]) => parse(t) as { id: string; previous_ids?: string[] }).find((c) => c.previous_ids?.length);
    if (previous) {
      const other = await openRequest(renderFormBody(WORKING_GROUP_FORM, { ...WG_ANSWERS, 'group-id': previous.previous_ids?.[0] as string }));
      expect(fake.governancePulls()).toEqual([]);
      expect(appComments(other)).toHaveLength(1);
    }
  });

  it('hostile answers — HTML, mentions, 100 KB, YAML specials, an id escaping the folder — give a clear reply, never a broken file or a crash', async () => {
    const issue = await openRequest(
      renderFormBody(INTEREST_GROUP_FORM, {
        'group-id': '../x',
        'group-name': '<script>alert(1)</script> @org/team',
        facilitators: 'octocat',
        discord: 'x-ig',
        'first-topic': 'a'.repeat(100_000),
      }),
    );
    expect(fake.governancePulls()).toEqual([]);
    expect(fake.branches.size).toBe(0);
    const [reply] = appComments(issue);
    expect(reply?.body).toContain('Group id');
    expect(reply?.body).not.toContain('<script>');
    expect(reply?.body).not.toMatch(/(^|[^\u2060\w])@org\/team/);
    expect((reply?.body ?? '').length).toBeLessThan(10_000);

    // YAML-special answers are kept as text: the charter file parses back to the same strings.
    const other = await openRequest(renderFormBody(WORKING_GROUP_FORM, { ...WG_ANSWERS, 'group-id': 'yaml-specials', 'group-name': 'yes', 'use-cases': 'null: &anchor *anchor\n- x # not a comment' }));
    const text = fake.branchFiles(`group-steward/request-${other.number}`)['yaml-specials.yaml'] as string;
    expect(parse(text)).toMatchObject({ name: 'yes', use_cases: 'null: &anchor *anchor\n- x # not a comment' });
  });

  it('ignores a plain issue and a closed request before any request; a form without its label is a request all the same', async () => {
    const from = fake.requests.length;
    const plain = fake.add({ repo: REPO, title: 'Question', body: 'How do I start a group?', author: REQUESTER, createdAt: '2026-11-30T00:00:00Z' });
    await receive('issues', issuePayload(fake, plain, 'opened', REQUESTER));
    const closed = fake.add({ repo: REPO, title: 'Old', body: renderFormBody(WORKING_GROUP_FORM, WG_ANSWERS), labels: [GROUP_REQUEST_LABEL], state: 'closed', author: REQUESTER, createdAt: '2026-11-30T00:00:00Z' });
    await receive('issues', issuePayload(fake, closed, 'opened', REQUESTER));
    expect(counted(from)).toEqual([]);

    // GitHub drops a form's label that does not exist in the repository: the answers still make it a request.
    const unlabelled = fake.add({ repo: REPO, title: 'WG', body: renderFormBody(WORKING_GROUP_FORM, WG_ANSWERS), author: REQUESTER, createdAt: '2026-11-30T00:00:00Z' });
    await receive('issues', issuePayload(fake, unlabelled, 'opened', REQUESTER));
    expect(fake.governancePulls()).toHaveLength(1);
    expect(fake.requests.some((r) => r.method === 'POST' && r.path.endsWith(`/issues/${unlabelled.number}/labels`))).toBe(true);
  });

  it('decides on the issue as it is now: a late or redelivered "opened" does not roll the pull request back', async () => {
    const issue = await openRequest(renderFormBody(WORKING_GROUP_FORM, WG_ANSWERS));
    const opened = issuePayload(fake, issue, 'opened', REQUESTER);
    await editRequest(issue, renderFormBody(WORKING_GROUP_FORM, { ...WG_ANSWERS, 'use-cases': 'The newer answer.' }));
    const before = fake.requests.length;
    await receive('issues', opened);
    expect(fake.writes(before)).toEqual([]);
    expect(parse(fake.branchFiles(`group-steward/request-${issue.number}`)['tool-filtering.yaml'] as string).use_cases).toBe('The newer answer.');
  });

  it('two deliveries at once (the opening and an edit, on two replicas) end with one pull request holding the newest answers', async () => {
    const issue = fake.add({ repo: REPO, title: '[WG request]', body: renderFormBody(WORKING_GROUP_FORM, WG_ANSWERS), labels: [GROUP_REQUEST_LABEL], author: REQUESTER, createdAt: '2026-11-30T23:30:00Z' });
    const opened = issuePayload(fake, issue, 'opened', REQUESTER);
    const first = issue.body;
    issue.body = renderFormBody(WORKING_GROUP_FORM, { ...WG_ANSWERS, 'use-cases': 'Edited at once.' });
    const other = await loopProbot();
    await Promise.all([receive('issues', opened), other.receive({ id: 'edit-at-once', name: 'issues', payload: issuePayload(fake, issue, 'edited', REQUESTER, first) } as never)]);
    expect(fake.governancePulls().filter((p) => p.state === 'open')).toHaveLength(1);
    expect(parse(fake.branchFiles(`group-steward/request-${issue.number}`)['tool-filtering.yaml'] as string).use_cases).toBe('Edited at once.');
  });

  it('a closing keyword in a group name closes nothing: it never reaches a title or commit message, and the body breaks the reference', async () => {
    await openRequest(renderFormBody(WORKING_GROUP_FORM, { ...WG_ANSWERS, 'group-name': 'Fixes #1 Working Group' }));
    const [pull] = fake.governancePulls();
    expect(pull?.title).not.toContain('Fixes');
    expect(pull?.body).toContain('Fixes \\#\u20601');
    expect(pull?.body).not.toMatch(/Fixes \\?#1/);
    const put = fake.requests.find((r) => r.kind === 'PUT file');
    expect((put?.body as { message: string }).message).not.toContain('Fixes');
  });
});

describe('a retirement decided', () => {
  const thread = () => fake.add({ repo: REPO, title: 'Interceptors WG', body: 'Where the moderators decide.', author: MODERATOR, createdAt: '2026-12-01T09:00:00Z' });

  it('by a moderator: one pull request with a comment-preserving edit of the charter, at most 6 requests; repeated, the same pull request', async () => {
    const where = thread();
    const from = fake.requests.length;
    const comment = await command(where, '/retire-wg interceptors its work moved to the Transports WG', MODERATOR);
    expect(counted(from)).toEqual(['graphql GroupStewardCharterBranch', 'POST branch', 'PUT file', 'PUT file', 'POST pull', 'POST comment']);

    const [pull] = fake.governancePulls();
    expect(pull).toMatchObject({ headRef: 'group-steward/retire-interceptors', state: 'open' });
    const today = '2026-12-01'; // the command's day (UTC), whenever it is delivered
    const expected = retireCharterText(REAL['interceptors.yaml'] as string, { on: today, reason: 'its work moved to the Transports WG', issue: `https://github.com/${REPO}/issues/${where.number}#issuecomment-${comment.id}` });
    expect(expected.ok).toBe(true);
    const text = fake.branchFiles('group-steward/retire-interceptors')['interceptors.yaml'];
    expect(text).toBe(expected.ok ? expected.text : '');
    expect(text).toContain('# Sources:');
    expect(parse(text as string)).toMatchObject({ status: 'retired', retired: { on: today, reason: 'its work moved to the Transports WG' } });
    expect(appComments(where).at(-1)?.body).toContain(`#${pull?.number}`);

    // Redelivered the next day: the decision is the comment's, so nothing changes.
    const before = fake.requests.length;
    await probot.receive({ id: 'late', name: 'issue_comment', payload: commentPayload(fake, where, comment, MODERATOR) } as never);
    expect(fake.writes(before)).toEqual([]);

    await command(where, '/retire-wg interceptors merged into the Transports WG', MODERATOR, '2026-12-01T13:00:00Z');
    expect(fake.governancePulls()).toHaveLength(1);
    expect(parse(fake.branchFiles('group-steward/retire-interceptors')['interceptors.yaml'] as string).retired.reason).toBe('merged into the Transports WG');
  });

  it('decided again after its pull request was closed: the branch starts over and a new pull request opens', async () => {
    const where = thread();
    await command(where, '/retire-wg interceptors first try', MODERATOR);
    const [first] = fake.governancePulls();
    (first as FakeItem).state = 'closed';
    await command(where, '/retire-wg interceptors decided at the next meeting', MODERATOR, '2026-12-01T15:00:00Z');
    const pulls = fake.governancePulls();
    expect(pulls.map((p) => p.state)).toEqual(['closed', 'open']);
    expect(parse(fake.branchFiles('group-steward/retire-interceptors')['interceptors.yaml'] as string).retired.reason).toBe('decided at the next meeting');
  });

  it('an interest group is retired the same way, with no retirement issue', async () => {
    const where = thread();
    const ig = Object.entries(REAL).filter(([f]) => f.endsWith('.yaml')).map(([f, t]) => [f, parse(t)] as const).find(([, c]) => c.type === 'interest' && c.status === 'active');
    const [file, charter] = ig as [string, { id: string }];
    await command(where, `/retire-ig ${charter.id} folded into another group`, MODERATOR);
    const [pull] = fake.governancePulls();
    expect(pull?.title).toBe(`Retire ig:${charter.id}`);
    expect(parse(fake.branchFiles(`group-steward/retire-${charter.id}`)[file] as string)).toMatchObject({ status: 'retired', retired: { reason: 'folded into another group' } });
  });

  it('by anyone else: one reply saying who may retire a group, and no pull request', async () => {
    const where = thread();
    await command(where, '/retire-wg interceptors nobody comes', STRANGER);
    expect(fake.governancePulls()).toEqual([]);
    expect(fake.branches.size).toBe(0);
    const replies = appComments(where);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain('moderators and core maintainers');
  });

  it('a core maintainer from the configured team may; the wrong command for the type gets a reply', async () => {
    const where = thread();
    await command(where, '/retire-ig interceptors wrong type', { login: 'core-one', type: 'User' });
    expect(fake.governancePulls()).toEqual([]);
    expect(appComments(where)[0]?.body).toContain('/retire-wg');
    await command(where, '/retire-wg interceptors done', { login: 'core-one', type: 'User' }, '2026-12-01T13:00:00Z');
    expect(fake.governancePulls()).toHaveLength(1);
  });

  it('/retire on the retirement issue records the issue; merging the pull request closes that issue as completed', async () => {
    const issue = fake.add({ repo: REPO, title: 'Retire the Interceptors WG?', body: `${retirementMarker('interceptors')}\nIdle for 40 days.`, labels: [RETIREMENT_LABEL, 'wg:interceptors'], author: fake.app, createdAt: '2026-11-20T00:00:00Z' });
    await command(issue, '/retire no activity since the spring', MODERATOR);
    const [pull] = fake.governancePulls();
    const text = fake.branchFiles('group-steward/retire-interceptors')['interceptors.yaml'] as string;
    expect(parse(text).retired.issue).toBe(`https://github.com/${REPO}/issues/${issue.number}`);
    expect(pull?.body).toContain(`<!-- group-steward:retire group=interceptors issue=${issue.number} -->`);

    const merged = fake.merge(pull?.number as number, '2026-12-02T09:00:00Z', MODERATOR);
    await receive('pull_request', { action: 'closed', number: merged.number, ...payloadBase(fake, MODERATOR), pull_request: merged });
    expect(fake.get(REPO, issue.number)).toMatchObject({ state: 'closed', stateReason: 'COMPLETED' });
    expect(appComments(issue).at(-1)?.body).toContain(`#${pull?.number}`);
    expect(parse(fake.charters['interceptors.yaml'] as string).status).toBe('retired');
  });

  it('a marker pasted into someone else\'s issue names no group', async () => {
    const issue = fake.add({ repo: REPO, title: 'Fake', body: retirementMarker('interceptors'), labels: [RETIREMENT_LABEL], author: STRANGER, createdAt: '2026-11-20T00:00:00Z' });
    await command(issue, '/retire because', MODERATOR);
    expect(fake.governancePulls()).toEqual([]);
    expect(appComments(issue)[0]?.body).toContain('/retire-wg <id> <reason>');
  });
});
