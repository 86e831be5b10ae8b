import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import { buildDirectory, renderDirectoryMarkdown } from '../../src/directory/directory.js';
import { DIRECTORY_END_MARKER, DIRECTORY_START_MARKER, spliceDirectory } from '../../src/directory/section.js';
import { INTEREST_GROUP, validate, WORKING_GROUP, withLine } from '../charters/helpers.js';
import { pullRequestChartersData } from '../support/charter-trees.js';
import { expectConfig, expectNoConfig } from '../support/config.js';
import type { GitHubApiMock } from '../support/github-api.js';
import type { GraphqlRequest } from '../support/github-api.js';
import { examplePayload, freshTestApp } from '../support/probot.js';
import { allowRegistryRead } from './group-support.js';
import type { Json } from '../support/probot.js';

const REPO = '/repos/Codertocat/Hello-World';
const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const BASE = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const BASE_TREE = { 'registry.yaml': WORKING_GROUP, 'security.yaml': INTEREST_GROUP };

let probot: Probot;
let api: GitHubApiMock;

beforeEach(async () => ({ probot, api } = await freshTestApp(allowRegistryRead)));
afterEach(() => api.done());

type CheckRunBody = {
  name: string;
  head_sha: string;
  status: string;
  conclusion?: string;
  output: { title: string; summary: string; annotations?: { path: string; start_line: number; start_column?: number; annotation_level: string; title: string; message: string }[] };
};

function pullRequestEvent(action = 'opened', change: (p: Json) => void = () => {}) {
  const payload = examplePayload('pull_request', action, (p) => p.installation);
  change(payload);
  return probot.receive({ id: `delivery-${action}`, name: 'pull_request', payload } as never);
}

function expectCharters(head: Record<string, string> | null, base: Record<string, string> | null, pull = {}, teams = {}, capture?: (r: GraphqlRequest) => void) {
  api.graphql((request) => {
    capture?.(request);
    return pullRequestChartersData(head, base, pull, teams);
  });
}

function expectCheckRun(id = 1): () => CheckRunBody {
  let body: CheckRunBody | undefined;
  api.rest('POST', `${REPO}/check-runs`, (b) => {
    body = b as CheckRunBody;
    return [201, { id }];
  });
  return () => {
    if (!body) throw new Error('no check run was posted');
    return body;
  };
}

describe('the "Group charters" check run', () => {
  it('posts a successful check for a valid change, read in one GraphQL request at head and base', async () => {
    let variables: Record<string, unknown> = {};
    expectNoConfig(api.token());
    expectCharters({ ...BASE_TREE, 'registry.yaml': withLine(WORKING_GROUP, 3, 'name: MCP Registry Working Group') }, BASE_TREE, {}, {}, (r) => (variables = r.variables));
    const check = expectCheckRun();
    await pullRequestEvent('opened');

    expect(variables).toMatchObject({ owner: 'Codertocat', name: 'Hello-World', number: 2, head: `${HEAD}:groups`, base: `${BASE}:groups`, headOid: HEAD });
    const run = check();
    expect(run).toMatchObject({ name: 'Group charters', head_sha: HEAD, status: 'completed', conclusion: 'success', output: { title: 'Charters valid' } });
    expect(run.output.summary).toContain('| changed | `registry` | working | `wg:registry` | @rdimitrov |');
    expect(run.output.annotations).toBeUndefined();
    // One check only: the pull request changes a group, it does not create one.
    expect(api.sent('POST', `${REPO}/check-runs`)).toHaveLength(1);
  });

  it('makes exactly two requests per event at steady state (token and configuration cached)', async () => {
    expectNoConfig(api.token());
    const changed = { ...BASE_TREE, 'registry.yaml': withLine(WORKING_GROUP, 3, 'name: Registry WG') };
    expectCharters(changed, BASE_TREE);
    expectCheckRun(1);
    await pullRequestEvent('opened');
    const before = api.requests.length;
    expectCharters(changed, BASE_TREE);
    expectCheckRun(2);
    await pullRequestEvent('synchronize');
    expect(api.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /graphql', `POST ${REPO}/check-runs`]);
  });

  it('fails an invalid charter with annotations at the offending lines and columns', async () => {
    expectNoConfig(api.token());
    const broken = withLine(withLine(WORKING_GROUP, 8, '  - "@rdimitrov"'), 9, 'discord: registry');
    expectCharters({ ...BASE_TREE, 'registry.yaml': broken }, BASE_TREE);
    const check = expectCheckRun();
    await pullRequestEvent('synchronize');

    const run = check();
    expect(run.conclusion).toBe('failure');
    expect(run.output.title).toBe('1 error, 1 warning in the charters');
    expect(run.output.annotations?.map((a) => [a.path, a.start_line, a.start_column, a.annotation_level, a.title])).toEqual([
      ['groups/registry.yaml', 8, 5, 'failure', 'login-format'],
      ['groups/registry.yaml', 9, 10, 'warning', 'discord-suffix'],
    ]);
    expect(run.output.annotations?.[0]?.message).toContain('write logins without "@"');
    expect(run.output.summary).toContain('`groups/registry.yaml:8:5` **error** `login-format`');
  });

  it('annotates only changed charters and lists problems elsewhere in the summary', async () => {
    expectNoConfig(api.token());
    const staleBase = { ...BASE_TREE, 'security.yaml': withLine(INTEREST_GROUP, 8, 'discord: security') };
    expectCharters({ ...staleBase, 'registry.yaml': withLine(WORKING_GROUP, 3, 'name: Registry WG') }, staleBase);
    const check = expectCheckRun();
    await pullRequestEvent('opened');
    const run = check();
    expect(run.conclusion).toBe('success');
    expect(run.output.annotations).toBeUndefined();
    expect(run.output.summary).toContain('1 warning in charters this pull request does not change (`group-steward validate groups` lists them).');
    expect(run.output.summary).not.toContain('security.yaml:8:10');
  });

  it('sends more than 50 annotations in follow-up updates of 50', async () => {
    expectNoConfig(api.token());
    const unknownKeys = Array.from({ length: 120 }, (_, i) => `extra_key_${i}: x`).join('\n');
    expectCharters({ ...BASE_TREE, 'registry.yaml': `${WORKING_GROUP}${unknownKeys}\n` }, BASE_TREE);
    const check = expectCheckRun(77);
    const updates: { output: { annotations: unknown[] } }[] = [];
    for (let i = 0; i < 2; i += 1) {
      api.rest('PATCH', `${REPO}/check-runs/77`, (b) => {
        updates.push(b as never);
        return [200, { id: 77 }];
      });
    }
    await pullRequestEvent('opened');
    // 100 unknown keys are listed, then one too-many-problems: 101 annotations = 50 + 50 + 1.
    expect(check().output.annotations).toHaveLength(50);
    expect(updates.map((u) => u.output.annotations.length)).toEqual([50, 1]);
    expect(check().conclusion).toBe('failure');
  });

  it('posts nothing when the pull request leaves groups/ unchanged', async () => {
    expectNoConfig(api.token());
    expectCharters(BASE_TREE, BASE_TREE);
    await pullRequestEvent('reopened');
    expect(api.sent('POST', `${REPO}/check-runs`)).toHaveLength(0);
  });

  it('reads a fork pull request through the base repository, never from the fork', async () => {
    let variables: Record<string, unknown> = {};
    expectNoConfig(api.token());
    expectCharters({ ...BASE_TREE, 'registry.yaml': withLine(WORKING_GROUP, 3, 'name: Registry WG') }, BASE_TREE, {}, {}, (r) => (variables = r.variables));
    const check = expectCheckRun();
    await pullRequestEvent('opened', (p) => {
      p.pull_request.head.repo = { ...p.pull_request.head.repo, full_name: 'mallory/Hello-World', name: 'Hello-World', owner: { ...p.pull_request.head.repo.owner, login: 'mallory' } };
    });
    expect(variables).toMatchObject({ owner: 'Codertocat', name: 'Hello-World', head: `${HEAD}:groups` });
    expect(check().conclusion).toBe('success');
  });

  it('ends as a failure showing the error when reading the charters fails half-way', async () => {
    expectNoConfig(api.token());
    api.graphql(() => ({ message: 'Server Error' }), 502);
    const check = expectCheckRun();
    await pullRequestEvent('opened');
    const run = check();
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'The charter check could not run' } });
    expect(run.output.summary).toContain('Server Error');
  });

  it('marks the run failed when a follow-up batch of annotations is refused', async () => {
    expectNoConfig(api.token());
    const unknownKeys = Array.from({ length: 60 }, (_, i) => `extra_key_${i}: x`).join('\n');
    expectCharters({ ...BASE_TREE, 'registry.yaml': `${WORKING_GROUP}${unknownKeys}\n` }, BASE_TREE);
    expectCheckRun(9);
    api.rest('PATCH', `${REPO}/check-runs/9`, [500, { message: 'boom' }]);
    let final: { conclusion?: string; output?: { title: string } } = {};
    api.rest('PATCH', `${REPO}/check-runs/9`, (b) => {
      final = b as never;
      return [200, { id: 9 }];
    });
    await expect(pullRequestEvent('opened')).rejects.toThrow();
    expect(final).toMatchObject({ conclusion: 'failure', output: { title: 'Annotations incomplete' } });
  });

  it('fails removing a charter of a group that was not retired, and allows a retired one', async () => {
    expectNoConfig(api.token());
    const retired = [
      'id: old-group', 'name: Old Group', 'type: working', 'status: retired',
      'retired:', '  on: 2026-01-01', '  reason: Done.', '',
    ].join('\n');
    expectCharters({ 'security.yaml': INTEREST_GROUP }, { ...BASE_TREE, 'old-group.yaml': retired });
    const check = expectCheckRun();
    await pullRequestEvent('opened');
    const run = check();
    expect(run.conclusion).toBe('failure');
    expect(run.output.summary).toContain('### Errors elsewhere in `groups/` (1)');
    expect(run.output.summary).toContain('`groups/registry.yaml:1:1` **error** `charter-removed`');
    expect(run.output.summary).not.toContain('old-group.yaml:1:1');
    expect(run.output.summary).toContain('| removed | `registry` | working | `wg:registry` | @rdimitrov |');
    expect(run.output.annotations).toBeUndefined();
  });

  it('accepts a rename that lists the old id in previous_ids, and flags one that does not', async () => {
    expectNoConfig(api.token());
    const renamed = withLine(withLine(WORKING_GROUP, 2, 'id: mcp-registry'), 16, '  - https://github.com/modelcontextprotocol/modelcontextprotocol/pull/2186\nprevious_ids:\n  - registry');
    expectCharters({ 'mcp-registry.yaml': renamed, 'security.yaml': INTEREST_GROUP }, BASE_TREE);
    const good = expectCheckRun(1);
    await pullRequestEvent('opened');
    expect(good().conclusion).toBe('success');
    expect(good().output.summary).toContain('| renamed from `registry.yaml` | `mcp-registry` | working | `wg:mcp-registry` |');

    expectCharters({ 'mcp-registry.yaml': withLine(WORKING_GROUP, 2, 'id: mcp-registry'), 'security.yaml': INTEREST_GROUP }, BASE_TREE);
    const bad = expectCheckRun(2);
    await pullRequestEvent('synchronize');
    expect(bad().conclusion).toBe('failure');
    expect(bad().output.annotations?.map((a) => [a.path, a.start_line, a.title])).toEqual([['groups/mcp-registry.yaml', 2, 'rename-without-previous-id']]);
    // A rename is not a new group: no creation vote.
    expect(api.sent('POST', `${REPO}/check-runs`).map((r) => (r.body as CheckRunBody).name)).toEqual(['Group charters', 'Group charters']);
  });

  it('fails the check with a message naming the bad key when the configuration is invalid', async () => {
    expectConfig(api.token(), 'inactivity_days: soon\nvote:\n  period_hourz: 24\n');
    // The head commit's newest "Group charters" run, so that the same failure is not posted twice: none yet.
    api.rest('GET', new RegExp(`^${REPO}/commits/[0-9a-f]{40}/check-runs`), [200, { total_count: 0, check_runs: [] }]);
    const check = expectCheckRun();
    await pullRequestEvent('opened');
    const run = check();
    expect(run).toMatchObject({ conclusion: 'failure', output: { title: 'Invalid configuration' } });
    expect(run.output.summary).toContain('inactivity_days');
    expect(run.output.summary).toContain('vote.period_hourz: unknown key');
  });

  it('fails the check naming the key and the allowed values when the policy is unknown', async () => {
    expectConfig(api.token(), 'policy: sep-2150\n');
    // The head commit's newest "Group charters" run, so that the same failure is not posted twice: none yet.
    api.rest('GET', new RegExp(`^${REPO}/commits/[0-9a-f]{40}/check-runs`), [200, { total_count: 0, check_runs: [] }]);
    const check = expectCheckRun();
    await pullRequestEvent('opened');
    const run = check();
    expect(run).toMatchObject({ conclusion: 'failure', output: { title: 'Invalid configuration' } });
    expect(run.output.summary).toContain('policy: must be one of "sep-1302", "sep-2149"; found "sep-2150"');
  });

  it('reads charters from the configured groups_dir', async () => {
    let variables: Record<string, unknown> = {};
    expectConfig(api.token(), 'groups_dir: governance/groups\n');
    expectCharters({ ...BASE_TREE, 'registry.yaml': withLine(WORKING_GROUP, 8, '  - "@x"') }, BASE_TREE, {}, {}, (r) => (variables = r.variables));
    const check = expectCheckRun();
    await pullRequestEvent('opened');
    expect(variables.head).toBe(`${HEAD}:governance/groups`);
    expect(check().output.annotations?.[0]?.path).toBe('governance/groups/registry.yaml');
  });
});

describe('the pull request\'s own change, safely shown', () => {
  it('judges the test merge: a charter added on the base branch since branching is not "removed"', async () => {
    expectNoConfig(api.token());
    const baseNow = { ...BASE_TREE, 'new-wg.yaml': withLine(withLine(WORKING_GROUP, 2, 'id: new-wg'), 3, 'name: New WG') };
    // The head commit predates new-wg.yaml; GitHub's test merge has it, as the base does.
    expectCharters(BASE_TREE, baseNow, { merged: baseNow });
    await pullRequestEvent('synchronize');
    expect(api.sent('POST', `${REPO}/check-runs`)).toHaveLength(0);
  });

  it('says so when GitHub has no test merge yet and a removal may come from a moved base', async () => {
    expectNoConfig(api.token());
    const baseNow = { ...BASE_TREE, 'new-wg.yaml': withLine(withLine(WORKING_GROUP, 2, 'id: new-wg'), 3, 'name: New WG') };
    expectCharters(BASE_TREE, baseNow, { merged: null });
    const check = expectCheckRun();
    await pullRequestEvent('synchronize');
    expect(check().output.summary).toContain('GitHub had no test merge of this pull request yet');
  });

  describe('reads the test merge only when it merges the current head (GitHub recomputes it after a push)', () => {
    const PREVIOUS_HEAD = '1'.repeat(40);
    const TIP = '2'.repeat(40);
    const newWg = withLine(withLine(withLine(WORKING_GROUP, 2, 'id: new-wg'), 3, 'name: New WG'), 11, '  - modelcontextprotocol/new-wg');
    const baseNow = { ...BASE_TREE, 'new-wg.yaml': newWg };
    // The head commit branched before new-wg.yaml was added to the base branch and names @alice;
    // the previous head named @bob.
    const head = { ...BASE_TREE, 'registry.yaml': withLine(WORKING_GROUP, 8, '  - alice') };
    const previousMerge = { ...baseNow, 'registry.yaml': withLine(WORKING_GROUP, 8, '  - bob') };
    const freshMerge = { ...baseNow, 'registry.yaml': withLine(WORKING_GROUP, 8, '  - alice') };
    const names = () => api.sent('POST', `${REPO}/check-runs`).map((r) => (r.body as CheckRunBody).name);

    it('checks the head commit, and says so, on a synchronize whose test merge is still the previous head\'s', async () => {
      let query = '';
      expectNoConfig(api.token());
      expectCharters(head, baseNow, { merged: previousMerge, mergeParents: [BASE, PREVIOUS_HEAD] }, {}, (r) => (query = r.query));
      const check = expectCheckRun();
      await pullRequestEvent('synchronize');

      expect(query).toMatch(/potentialMergeCommit \{\s*oid\s*parents\(first: 2\)/);
      const { summary } = check().output;
      expect(summary).toContain('| changed | `registry` | working | `wg:registry` | @alice |');
      expect(summary).not.toContain('@bob');
      // Compared with the base, the head lacks what the base branch gained: the report explains it.
      expect(summary).toContain('| removed | `new-wg` |');
      expect(summary).toContain('GitHub had no test merge of this pull request yet');
    });

    it('checks the merged charters when the test merge\'s parents are the head and the base', async () => {
      expectNoConfig(api.token());
      expectCharters(head, baseNow, { merged: freshMerge, mergeParents: [BASE, HEAD] });
      const check = expectCheckRun();
      await pullRequestEvent('synchronize');

      const run = check();
      expect(run).toMatchObject({ conclusion: 'success', output: { title: 'Charters valid' } });
      expect(run.output.summary).toContain('| changed | `registry` | working | `wg:registry` | @alice |');
      expect(run.output.summary).not.toContain('removed');
      expect(run.output.summary).not.toContain('no test merge');
      expect(names()).toEqual(['Group charters']);
    });

    it('compares a test merge onto a base branch that moved past the payload\'s base with that newer base', async () => {
      expectNoConfig(api.token());
      // pull_request.base.sha (BASE) predates new-wg.yaml; the test merge was computed on the tip.
      expectCharters(head, BASE_TREE, { merged: freshMerge, mergeParents: [TIP, HEAD], baseTip: { oid: TIP, files: baseNow } });
      const check = expectCheckRun();
      await pullRequestEvent('synchronize');

      // new-wg.yaml came from the base branch: not added by this pull request, so no creation vote.
      expect(names()).toEqual(['Group charters']);
      expect(check()).toMatchObject({ conclusion: 'success', output: { title: 'Charters valid' } });
      expect(check().output.summary).not.toContain('new-wg');
      expect(check().output.summary).toContain('| changed | `registry` | working | `wg:registry` | @alice |');
    });

    it('reads the head commit when the test merge is onto a base commit it did not read', async () => {
      expectNoConfig(api.token());
      const broken = { ...freshMerge, 'registry.yaml': withLine(WORKING_GROUP, 8, '  - "@alice"') };
      expectCharters(head, BASE_TREE, { merged: broken, mergeParents: [TIP, HEAD], baseTip: { oid: '3'.repeat(40), files: BASE_TREE } });
      const check = expectCheckRun();
      await pullRequestEvent('synchronize');
      expect(check()).toMatchObject({ conclusion: 'success', output: { title: 'Charters valid' } });
    });

    it('reads the head commit when the test merge has more than the two parents (not GitHub\'s test merge)', async () => {
      expectNoConfig(api.token());
      const broken = { ...freshMerge, 'registry.yaml': withLine(WORKING_GROUP, 8, '  - "@alice"') };
      expectCharters(head, BASE_TREE, { merged: broken, mergeParents: [BASE, HEAD, TIP] });
      const check = expectCheckRun();
      await pullRequestEvent('synchronize');
      expect(check().conclusion).toBe('success');
    });
  });

  it('never lets an id, a file name or a message from the pull request format the summary', async () => {
    expectNoConfig(api.token());
    const evilId = 'x` <img src=https://evil.example/p.png> [Approve](https://evil.example) @everyone';
    const evil = withLine(WORKING_GROUP, 2, `id: "${evilId}"`);
    expectCharters({ ...BASE_TREE, 'evil <b>.yaml': evil }, BASE_TREE);
    const check = expectCheckRun(1);
    const vote = expectCheckRun(2);
    await pullRequestEvent('opened');
    expect(check().conclusion).toBe('failure');
    for (const { summary } of [check().output, vote().output]) {
      // Every < and ] from the pull request arrives escaped; the mention is broken by a word joiner.
      expect(summary).not.toMatch(/(?<!\\)<(img|b)|(?<!\\)\]\(https|@everyone/);
    }
    expect(check().output.summary).toContain('x[U+0060][U+0020][U+003C]img');
  });

  it('posts the verdict without the output when GitHub refuses the output (422)', async () => {
    expectNoConfig(api.token());
    expectCharters({ ...BASE_TREE, 'registry.yaml': withLine(WORKING_GROUP, 8, '  - "@x"') }, BASE_TREE);
    api.rest('POST', `${REPO}/check-runs`, [422, { message: 'Invalid request: summary is too long' }]);
    const fallback = expectCheckRun(2);
    await pullRequestEvent('opened');
    expect(fallback()).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(fallback().output.summary).toContain('GitHub refused this check\'s full output');
  });

  it('fails the check as "could not run" when reading the configuration fails', async () => {
    api.token();
    api.rest('GET', `${REPO}/contents/.github%2Fgroup-steward.yml`, [500, { message: 'Server Error' }]);
    const check = expectCheckRun();
    // The linking handler of the same delivery fails on the same error, and says so; the check does not hang.
    await pullRequestEvent('opened').catch((error: Error) => expect(error.message).toContain('Server Error'));
    expect(check()).toMatchObject({ conclusion: 'failure', output: { title: 'The charter check could not run' } });
  });
});

describe('re-requested checks', () => {
  it('re-runs on check_run.rerequested of our check, finding a fork pull request among the open ones', async () => {
    const payload = examplePayload('check_run', 'rerequested');
    payload.check_run.name = 'Group charters';
    const sha = payload.check_run.head_sha as string;
    expectNoConfig(api.token(), 'github', 'hello-world');
    // GitHub's commit → pull requests lookup does not know commits that live only in a fork.
    api.rest('GET', `/repos/github/hello-world/commits/${sha}/pulls`, [200, []]);
    api.rest('GET', '/repos/github/hello-world/pulls', [200, [{ number: 4, state: 'open', head: { sha: 'c'.repeat(40) }, base: { sha: BASE } }, { number: 5, state: 'open', head: { sha }, base: { sha: BASE } }]]);
    let variables: Record<string, unknown> = {};
    expectCharters({ ...BASE_TREE, 'registry.yaml': withLine(WORKING_GROUP, 3, 'name: R') }, BASE_TREE, {}, {}, (r) => (variables = r.variables));
    api.rest('POST', '/repos/github/hello-world/check-runs', [201, { id: 3 }]);
    await probot.receive({ id: 'rr', name: 'check_run', payload } as never);
    expect(variables).toMatchObject({ owner: 'github', name: 'hello-world', number: 5, head: `${sha}:groups` });
  });

  it('ignores a re-requested check run of another app', async () => {
    const payload = examplePayload('check_run', 'rerequested');
    await probot.receive({ id: 'rr2', name: 'check_run', payload } as never);
    expect(api.requests).toEqual([]);
  });

  it('re-runs on check_suite.rerequested for the suite\'s pull requests', async () => {
    const payload = examplePayload('check_suite', 'rerequested');
    expectNoConfig(api.token());
    expectCharters({ ...BASE_TREE, 'registry.yaml': withLine(WORKING_GROUP, 3, 'name: R') }, BASE_TREE);
    const check = expectCheckRun();
    await probot.receive({ id: 'rs', name: 'check_suite', payload } as never);
    expect(check()).toMatchObject({ name: 'Group charters', head_sha: HEAD, conclusion: 'success' });
  });
});

describe('the group directory (groups/README.md) in the "Group charters" check', () => {
  const directoryOf = (files: Record<string, string>) =>
    renderDirectoryMarkdown(buildDirectory(validate(Object.fromEntries(Object.entries(files).filter(([name]) => name.endsWith('.yaml')))).charters));
  const readme = (files: Record<string, string>) =>
    spliceDirectory(`# groups/\n\nWritten by hand.\n\n${DIRECTORY_START_MARKER}\n${DIRECTORY_END_MARKER}\n`, directoryOf(files));
  const renamed = { ...BASE_TREE, 'registry.yaml': withLine(WORKING_GROUP, 3, 'name: MCP Registry Working Group') };

  it('warns at the start marker, with the command, when the pull request leaves the directory stale; no extra request, still a success', async () => {
    expectNoConfig(api.token());
    const base = { ...BASE_TREE, 'README.md': readme(BASE_TREE) };
    expectCharters({ ...renamed, 'README.md': readme(BASE_TREE) }, base);
    const check = expectCheckRun();
    await pullRequestEvent('opened');

    const run = check();
    expect(run.conclusion).toBe('success');
    expect(run.output.title).toBe('Charters valid; group directory out of date');
    expect(run.output.annotations).toEqual([
      {
        path: 'groups/README.md',
        start_line: 5,
        end_line: 5,
        annotation_level: 'warning',
        title: 'group directory out of date',
        message: expect.stringContaining('Regenerate it with `group-steward directory groups --write groups/README.md`'),
      },
    ]);
    expect(run.output.summary).toContain('### Group directory');
    expect(run.output.summary).toContain('`group-steward directory groups --write groups/README.md`');
    expect(api.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`).filter((r) => !r.includes('access_tokens') && !r.includes('contents'))).toEqual(['POST /graphql', `POST ${REPO}/check-runs`]);
  });

  it('says nothing when the pull request regenerated the directory', async () => {
    expectNoConfig(api.token());
    expectCharters({ ...renamed, 'README.md': readme(renamed) }, { ...BASE_TREE, 'README.md': readme(BASE_TREE) });
    const check = expectCheckRun();
    await pullRequestEvent('opened');
    expect(check()).toMatchObject({ conclusion: 'success', output: { title: 'Charters valid' } });
    expect(check().output.annotations).toBeUndefined();
  });

  it('says nothing for a README.md without markers', async () => {
    expectNoConfig(api.token());
    expectCharters({ ...renamed, 'README.md': '# groups/\n\nNo directory here.\n' }, { ...BASE_TREE, 'README.md': '# groups/\n\nNo directory here.\n' });
    const check = expectCheckRun();
    await pullRequestEvent('opened');
    expect(check().output.annotations).toBeUndefined();
    expect(check().output.summary).not.toContain('Group directory');
  });

  it('reads the directory in the configured groups_dir', async () => {
    expectConfig(api.token(), 'groups_dir: governance/groups\n');
    expectCharters({ ...renamed, 'README.md': readme(BASE_TREE) }, { ...BASE_TREE, 'README.md': readme(BASE_TREE) });
    const check = expectCheckRun();
    await pullRequestEvent('opened');
    expect(check().output.annotations?.[0]).toMatchObject({ path: 'governance/groups/README.md', start_line: 5 });
    expect(check().output.annotations?.[0]?.message).toContain('`group-steward directory governance/groups --write governance/groups/README.md`');
  });

  it('leaves the directory unjudged while the charters have errors (it cannot be regenerated yet)', async () => {
    expectNoConfig(api.token());
    expectCharters({ ...BASE_TREE, 'registry.yaml': withLine(WORKING_GROUP, 8, '  - "@rdimitrov"'), 'README.md': readme(BASE_TREE) }, { ...BASE_TREE, 'README.md': readme(BASE_TREE) });
    const check = expectCheckRun();
    await pullRequestEvent('opened');
    expect(check().conclusion).toBe('failure');
    expect(check().output.annotations?.map((a) => a.path)).toEqual(['groups/registry.yaml']);
  });
});
