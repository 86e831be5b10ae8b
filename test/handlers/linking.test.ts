/**
 * Linking, end to end through the App: GitHub's example webhook payloads, every request checked
 * against GitHub's OpenAPI description and GraphQL schema. The parser and the plan have their own
 * unit tests (test/linking); these test the wiring: what is read, when, and what is written.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import { GROUP_REPLY_MARKER, linkedMarker } from '../../src/linking/markers.js';
import { expectConfig, expectNoConfig } from '../support/config.js';
import type { GitHubApiMock } from '../support/github-api.js';
import type { GraphqlRequest } from '../support/github-api.js';
import { examplePayload, freshTestApp } from '../support/probot.js';
import type { Json } from '../support/probot.js';
import {
  APP_BOT,
  expectRegistry,
  expectRegistryWorkAndCharterCheck,
  expectWork,
  expectWrite,
  HELLO_WG,
  registryData,
  REPO,
  TREE,
  withQuery,
} from './group-support.js';

let probot: Probot;
let api: GitHubApiMock;

beforeEach(async () => ({ probot, api } = await freshTestApp()));
afterEach(() => api.done());

const labelsOf = (names: string[]) => names.map((name, i) => ({ id: 100 + i, node_id: 'x', url: 'u', name, color: 'ededed', default: false, description: null }));

/** issue_comment.created on issue #1 by Codertocat (a user), with `body`. */
function comment(body: string, options: { id?: number; labels?: string[]; sender?: Json; delivery?: string } = {}) {
  const payload = examplePayload('issue_comment', 'created');
  payload.comment.body = body;
  payload.comment.id = options.id ?? payload.comment.id;
  if (options.labels) payload.issue.labels = labelsOf(options.labels);
  if (options.sender) payload.sender = { ...payload.sender, ...options.sender };
  return probot.receive({ id: options.delivery ?? `comment-${body}`, name: 'issue_comment', payload } as never);
}

/** The first reads of an installation: the token, no configuration file, the registry. */
function expectColdStart(files: Record<string, string> = TREE, capture?: (r: GraphqlRequest) => void) {
  expectRegistry(expectNoConfig(api.token()), files, capture);
}

const requestsSince = (from: number) => api.requests.slice(from).map((r) => `${r.method} ${r.path}`);

describe('group commands in comments', () => {
  it('labels the issue for "/wg registry" and links the charter once; redelivered, it writes nothing and reads no charter', async () => {
    let variables: Record<string, unknown> = {};
    expectColdStart(TREE, (r) => (variables = r.variables));
    expectWork(api, 1, { labels: ['bug'] });
    const labels = expectWrite(api, 'POST', `${REPO}/issues/1/labels`);
    const linked = expectWrite(api, 'POST', `${REPO}/issues/1/comments`, 201, { id: 900 });
    await comment('Thanks!\n\n/wg registry', { labels: ['bug'], delivery: 'same' });

    expect(variables).toEqual({ owner: 'Codertocat', name: 'Hello-World', charters: 'HEAD:groups' });
    expect(labels()).toEqual({ labels: ['wg:registry'] });
    const body = (linked() as { body: string }).body;
    expect(body).toContain(linkedMarker('registry'));
    expect(body).toContain('https://github.com/Codertocat/Hello-World/blob/HEAD/groups/registry.yaml');
    expect(body).toContain('[rdimitrov](https://github.com/rdimitrov)');

    // The same delivery again (the payload still lists only "bug"): the one read shows it done.
    const before = api.requests.length;
    expectWork(api, 1, { labels: ['bug', 'wg:registry'], comments: [{ id: 900, body, user: APP_BOT }] });
    await comment('Thanks!\n\n/wg registry', { labels: ['bug'], delivery: 'same' });
    expect(requestsSince(before)).toEqual(['POST /graphql']);
  });

  it('writes the link comment a cut left out (the label is there, the comment is not) on the redelivery, then nothing', async () => {
    expectColdStart();
    expectWork(api, 1, { labels: ['bug', 'wg:registry'] });
    const linked = expectWrite(api, 'POST', `${REPO}/issues/1/comments`, 201, { id: 901 });
    await comment('/wg registry', { labels: ['bug'], delivery: 'cut' });
    const body = (linked() as { body: string }).body;
    expect(body).toContain(linkedMarker('registry'));
    expect(api.sent('POST', `${REPO}/issues/1/labels`)).toHaveLength(0);

    const before = api.requests.length;
    expectWork(api, 1, { labels: ['bug', 'wg:registry'], comments: [{ id: 901, body, user: APP_BOT }] });
    await comment('/wg registry', { labels: ['bug'], delivery: 'cut' });
    expect(requestsSince(before)).toEqual(['POST /graphql']);
  });

  it('answers an unknown id with one reply, and updates that same reply on a second attempt', async () => {
    expectColdStart();
    expectWork(api, 1);
    const reply = expectWrite(api, 'POST', `${REPO}/issues/1/comments`, 201, { id: 555 });
    await comment('/wg nope', { id: 1 });
    const first = (reply() as { body: string }).body;
    expect(first.startsWith(GROUP_REPLY_MARKER)).toBe(true);
    expect(first).toContain('no group has the id `nope`');
    expect(first).toContain('- `registry` — Registry Working Group');

    // Nothing is labelled for an unknown id: no label write happened.
    expect(api.sent('POST', `${REPO}/issues/1/labels`)).toHaveLength(0);

    expectWork(api, 1, { comments: [{ id: 555, body: first, user: APP_BOT }] });
    const updated = expectWrite(api, 'PATCH', `${REPO}/issues/comments/555`);
    await comment('/wg nada', { id: 2 });
    expect((updated() as { body: string }).body).toContain('no group has the id `nada`');
    expect(api.sent('POST', `${REPO}/issues/1/comments`)).toHaveLength(1);
  });

  it('ignores a marker pasted by someone else: the reply is the App\'s own', async () => {
    expectColdStart();
    expectWork(api, 1, { comments: [{ id: 7, body: `${GROUP_REPLY_MARKER} fake`, user: { login: 'mallory', type: 'User' } }] });
    expectWrite(api, 'POST', `${REPO}/issues/1/comments`, 201, { id: 8 });
    await comment('/ig nope');
    expect(api.sent('PATCH', `${REPO}/issues/comments/7`)).toHaveLength(0);
  });

  it('refuses a removal without write access, with the reply, and makes it with write access', async () => {
    expectColdStart();
    expectWork(api, 1, { labels: ['wg:registry'], comments: [{ id: 90, body: linkedMarker('registry'), user: APP_BOT }] });
    api.rest('GET', `${REPO}/collaborators/Codertocat/permission`, [200, { permission: 'read', role_name: 'read', user: null }]);
    const reply = expectWrite(api, 'POST', `${REPO}/issues/1/comments`, 201, { id: 556 });
    await comment('/remove-wg registry', { labels: ['wg:registry'], id: 1 });
    expect((reply() as { body: string }).body).toContain('removing `wg:registry` needs write access to this repository or being a facilitator of the group');
    expect(api.sent('DELETE', /\/labels\//)).toHaveLength(0);

    const before = api.requests.length;
    expectWork(api, 1, { labels: ['wg:registry'] });
    api.rest('GET', `${REPO}/collaborators/Codertocat/permission`, [200, { permission: 'write', role_name: 'maintain', user: null }]);
    expectWrite(api, 'DELETE', `${REPO}/issues/1/labels/wg%3Aregistry`, 200, []);
    await comment('/remove-wg registry', { labels: ['wg:registry'], id: 2 });
    expect(requestsSince(before)).toEqual([
      'POST /graphql',
      `GET ${REPO}/collaborators/Codertocat/permission`,
      `DELETE ${REPO}/issues/1/labels/wg%3Aregistry`,
    ]);
  });

  it('asks no permission when it cannot matter: a facilitator removes without a permission read', async () => {
    expectColdStart();
    expectWork(api, 1, { labels: ['wg:registry'] });
    expectWrite(api, 'DELETE', `${REPO}/issues/1/labels/wg%3Aregistry`, 200, []);
    await comment('/remove-wg registry', { labels: ['wg:registry'], sender: { login: 'rdimitrov' } });
    expect(api.sent('GET', /permission$/)).toHaveLength(0);
  });

  it('makes no request at all for a comment without commands, or one sent by a bot (the App included)', async () => {
    await comment('You are totally right! I\'ll get this fixed right away.');
    await comment('/wg registry', { sender: APP_BOT });
    await comment('/wg registry', { sender: { login: 'dependabot[bot]', type: 'Bot' } });
    expect(api.requests).toEqual([]);
  });

  it('reads the charters from the configured governance repository, with that repository\'s groups_dir', async () => {
    let variables: Record<string, unknown> = {};
    expectConfig(api.token(), 'governance_repo: modelcontextprotocol/modelcontextprotocol\n');
    expectConfig(api, 'groups_dir: charters\n', 'modelcontextprotocol', 'modelcontextprotocol');
    expectRegistry(api, TREE, (r) => (variables = r.variables));
    expectWork(api, 1);
    const reply = expectWrite(api, 'POST', `${REPO}/issues/1/comments`, 201, { id: 9 });
    await comment('/wg');
    expect(variables).toEqual({ owner: 'modelcontextprotocol', name: 'modelcontextprotocol', charters: 'HEAD:charters' });
    expect((reply() as { body: string }).body).toContain('`/wg` (line 1) names no group');
  });

  it('logs and ignores an event when the configuration is invalid', async () => {
    expectConfig(api.token(), 'linking:\n  remove_requires: nobody\n');
    await comment('/wg registry');
    expect(api.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
  });
});

describe('issues and pull requests', () => {
  it('labels an issue opened in a repository a group owns', async () => {
    expectColdStart({ ...TREE, 'hello.yaml': HELLO_WG });
    expectWork(api, 1, { labels: ['bug'] });
    const labels = expectWrite(api, 'POST', `${REPO}/issues/1/labels`);
    const linked = expectWrite(api, 'POST', `${REPO}/issues/1/comments`, 201, { id: 901 });
    await probot.receive({ id: 'opened', name: 'issues', payload: examplePayload('issues', 'opened', (p) => p.issue.body !== null) } as never);
    expect(labels()).toEqual({ labels: ['wg:hello'] });
    expect((linked() as { body: string }).body).toContain(linkedMarker('hello'));
  });

  it('makes one request, the read of the issue and of the governance commit, for an issue no group owns and without commands', async () => {
    expectColdStart();
    expectWork(api, 1);
    await probot.receive({ id: 'opened', name: 'issues', payload: examplePayload('issues', 'opened', (p) => p.issue.body !== null) } as never);
    const before = api.requests.length;
    const payload = examplePayload('issues', 'opened', (p) => p.issue.body === null);
    expectWork(api, payload.issue.number);
    await probot.receive({ id: 'opened-2', name: 'issues', payload } as never);
    expect(requestsSince(before)).toEqual(['POST /graphql']);
  });

  it('runs only the commands an edit added to the body, and nothing for an edit of the title', async () => {
    expectColdStart();
    expectWork(api, 1);
    const labels = expectWrite(api, 'POST', `${REPO}/issues/1/labels`);
    expectWrite(api, 'POST', `${REPO}/issues/1/comments`, 201, { id: 902 });
    const edited = examplePayload('issues', 'edited');
    edited.issue.body = '/wg registry\n/ig security';
    edited.issue.labels = [];
    edited.changes = { body: { from: '/wg registry' } };
    await probot.receive({ id: 'edited', name: 'issues', payload: edited } as never);
    expect(labels()).toEqual({ labels: ['ig:security'] });

    const before = api.requests.length;
    const title = examplePayload('issues', 'edited');
    title.issue.body = '/wg registry';
    title.changes = { title: { from: 'Old title' } };
    await probot.receive({ id: 'edited-title', name: 'issues', payload: title } as never);
    expect(requestsSince(before)).toEqual([]);
  });

  it('labels a pull request whose changed files match a group\'s paths (changed files paginated)', async () => {
    expectNoConfig(api.token());
    // 101 files: the one read lists 100, and the App reads them all through REST.
    const page1 = Array.from({ length: 100 }, (_, i) => `src/file-${i}.ts`);
    expectRegistryWorkAndCharterCheck(api, TREE, { files: page1, totalFiles: 101 });
    const next = `<${'https://api.github.com'}${REPO}/pulls/2/files?per_page=100&page=2>; rel="next"`;
    api.rest('GET', withQuery(`${REPO}/pulls/2/files`, 'per_page=100'), [200, page1.map((filename) => ({ filename, status: 'modified' })), { link: next }]);
    api.rest('GET', withQuery(`${REPO}/pulls/2/files`, 'per_page=100&page=2'), [200, [{ filename: 'docs/registry/api.md', status: 'added' }]]);
    const labels = expectWrite(api, 'POST', `${REPO}/issues/2/labels`);
    const linked = expectWrite(api, 'POST', `${REPO}/issues/2/comments`, 201, { id: 903 });
    const payload = examplePayload('pull_request', 'synchronize');
    await probot.receive({ id: 'sync', name: 'pull_request', payload } as never);
    expect(labels()).toEqual({ labels: ['wg:registry'] });
    expect((linked() as { body: string }).body).toContain('This pull request is part of the work of the **Registry Working Group**');
  });

  it('does not put back on a push a paths label a person removed', async () => {
    expectNoConfig(api.token());
    expectRegistryWorkAndCharterCheck(api, TREE, { files: ['docs/registry/api.md'], removed: [{ label: 'wg:registry', by: 'rdimitrov' }] });
    await probot.receive({ id: 'sync', name: 'pull_request', payload: examplePayload('pull_request', 'synchronize') } as never);
    expect(api.sent('POST', /\/issues\/2\/labels$/)).toHaveLength(0);
  });

  it('reads a pull request\'s files within its one read: no REST file list under 100 files, and no write when nothing matches', async () => {
    expectNoConfig(api.token());
    expectRegistryWorkAndCharterCheck(api, TREE, { files: ['src/index.ts'] });
    await probot.receive({ id: 'sync', name: 'pull_request', payload: examplePayload('pull_request', 'synchronize') } as never);
    expect(api.sent('GET', /\/files$/)).toHaveLength(0);
    expect(api.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql' && !r.path.endsWith('access_tokens'))).toEqual([]);
  });
});

describe('group labels added by hand', () => {
  it('answers a hand-added "wg:nope" with the reply', async () => {
    expectColdStart();
    expectWork(api, 1, { labels: ['wg:nope'] });
    const reply = expectWrite(api, 'POST', `${REPO}/issues/1/comments`, 201, { id: 557 });
    const payload = examplePayload('issues', 'labeled');
    payload.label = { ...payload.label, name: 'wg:nope' };
    payload.issue.labels = labelsOf(['wg:nope']);
    await probot.receive({ id: 'labeled', name: 'issues', payload } as never);
    expect((reply() as { body: string }).body).toContain('The label `wg:nope` was added by hand, but it is not the label of an active group');
  });

  it('links the charter when a person adds an active group\'s label to a pull request, once', async () => {
    expectColdStart();
    expectWork(api, 2, { labels: ['ig:security'] });
    const linked = expectWrite(api, 'POST', `${REPO}/issues/2/comments`, 201, { id: 904 });
    const payload = examplePayload('pull_request', 'labeled');
    payload.label = { ...payload.label, name: 'ig:security' };
    payload.pull_request.labels = labelsOf(['ig:security']);
    await probot.receive({ id: 'labeled', name: 'pull_request', payload } as never);
    const body = (linked() as { body: string }).body;
    expect(body).toContain(linkedMarker('security'));

    expectWork(api, 2, { labels: ['ig:security'], comments: [{ id: 904, body, user: APP_BOT }] });
    await probot.receive({ id: 'labeled', name: 'pull_request', payload } as never);
    expect(api.sent('POST', `${REPO}/issues/2/comments`)).toHaveLength(1);
  });

  it('makes no request for a label that is not a group\'s, and writes nothing for one the App added itself', async () => {
    await probot.receive({ id: 'bug', name: 'issues', payload: examplePayload('issues', 'labeled') } as never);
    expect(api.requests).toEqual([]);
    const own = examplePayload('issues', 'labeled');
    own.label = { ...own.label, name: 'wg:registry' };
    own.sender = { ...own.sender, ...APP_BOT };
    // Knowing the App's own login takes the (cached) registry; then nothing more.
    expectColdStart();
    await probot.receive({ id: 'own', name: 'issues', payload: own } as never);
    expect(api.requests.map((r) => r.method).filter((m) => m !== 'GET' && m !== 'POST')).toEqual([]);
    expect(api.sent('POST', /\/issues\//)).toEqual([]);
  });

  it('labels an issue another bot (renovate) opened in a repository a group owns, reading no command from it', async () => {
    expectColdStart({ ...TREE, 'hello.yaml': HELLO_WG });
    expectWork(api, 1);
    const labels = expectWrite(api, 'POST', `${REPO}/issues/1/labels`);
    expectWrite(api, 'POST', `${REPO}/issues/1/comments`, 201, { id: 902 });
    const payload = examplePayload('issues', 'opened', (p) => p.issue.body !== null);
    payload.sender = { ...payload.sender, login: 'renovate[bot]', type: 'Bot' };
    payload.issue.body = '/wg registry';
    await probot.receive({ id: 'bot-issue', name: 'issues', payload } as never);
    // The owned repository's label only: the bot's "/wg registry" is not obeyed.
    expect(labels()).toEqual({ labels: ['wg:hello'] });
  });
});

describe('the group registry cache', () => {
  it('is read once, then refreshed by a push to the default branch that changes groups/', async () => {
    expectColdStart();
    expectWork(api, 1);
    expectWrite(api, 'POST', `${REPO}/issues/1/comments`, 201, { id: 558 });
    await comment('/wg tools', { id: 1 });

    // A second linking event at steady state reads nothing of groups/: its one read finds the commit unchanged.
    let before = api.requests.length;
    expectWork(api, 1, { comments: [{ id: 558, body: `${GROUP_REPLY_MARKER}\nan older reply`, user: APP_BOT }] });
    expectWrite(api, 'PATCH', `${REPO}/issues/comments/558`);
    await comment('/wg tools', { id: 2 });
    expect(requestsSince(before)).toEqual(['POST /graphql', `PATCH ${REPO}/issues/comments/558`]);

    // A push adding groups/tools.yaml re-reads the registry and syncs the labels.
    const tools = HELLO_WG.replace('id: hello', 'id: tools').replace('Hello Working Group', 'Tools Working Group').replace('  - Codertocat/Hello-World', '  - Codertocat/Hello-World-tools');
    const push = examplePayload('push', undefined, (p) => p.ref === 'refs/heads/master');
    push.commits[0].added = ['groups/tools.yaml'];
    expectRegistry(api, { ...TREE, 'tools.yaml': tools });
    api.rest('GET', withQuery('/installation/repositories', 'per_page=100'), [200, { total_count: 1, repositories: [{ full_name: 'Codertocat/Hello-World' }] }]);
    api.rest('GET', withQuery(`${REPO}/labels`, 'per_page=100'), [200, []]);
    for (let i = 0; i < 3; i += 1) api.rest('POST', `${REPO}/labels`, [201, {}]);
    await probot.receive({ id: 'push', name: 'push', payload: push } as never);

    before = api.requests.length;
    expectWork(api, 1);
    const labels = expectWrite(api, 'POST', `${REPO}/issues/1/labels`);
    expectWrite(api, 'POST', `${REPO}/issues/1/comments`, 201, { id: 559 });
    await comment('/wg tools', { id: 3 });
    expect(labels()).toEqual({ labels: ['wg:tools'] });
    // One GraphQL request, the work read: the registry the push refreshed is at the current commit.
    expect(requestsSince(before).filter((r) => r.endsWith('/graphql'))).toHaveLength(1);
  });

  it('serves an event with the current commit\'s charters even when this replica never received the push', async () => {
    expectColdStart();
    expectWork(api, 1);
    expectWrite(api, 'POST', `${REPO}/issues/1/comments`, 201, { id: 560 });
    await comment('/wg tools', { id: 1 });

    // Another replica got the push adding groups/tools.yaml; this one only sees a newer commit.
    const tools = HELLO_WG.replace('id: hello', 'id: tools').replace('Hello Working Group', 'Tools Working Group').replace('  - Codertocat/Hello-World', '  - Codertocat/Hello-World-tools');
    expectWork(api, 1, { commit: 'b'.repeat(40) });
    api.graphql(() => registryData({ ...TREE, 'tools.yaml': tools }, 'b'.repeat(40)));
    const labels = expectWrite(api, 'POST', `${REPO}/issues/1/labels`);
    expectWrite(api, 'POST', `${REPO}/issues/1/comments`, 201, { id: 561 });
    await comment('/wg tools', { id: 2 });
    expect(labels()).toEqual({ labels: ['wg:tools'] });
  });
});
