/**
 * `group-steward labels`: the label sync from the command line, against a nock-backed GitHub
 * (every REST request checked against GitHub's OpenAPI description; no real network).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { runCli } from '../../src/cli/run.js';
import { forgetGroupRegistry } from '../../src/github/group-registry.js';
import { forgetRepoConfig } from '../../src/github/repo-config.js';
import { INTEREST_GROUP, WORKING_GROUP, withLine } from '../charters/helpers.js';
import { expectConfig, expectNoConfig } from '../support/config.js';
import { GitHubApiMock } from '../support/github-api.js';
import { expectRegistry, label, REPO, TREE, withQuery } from '../handlers/group-support.js';

const NOW = () => new Date('2026-11-22T12:00:00Z');
const ENV = { GITHUB_TOKEN: 'ghp_test' };

let api: GitHubApiMock;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'group-steward-labels-'));
  await writeFile(join(dir, 'registry.yaml'), withLine(WORKING_GROUP, 11, '  - Codertocat/Hello-World'));
  await writeFile(join(dir, 'security.yaml'), INTEREST_GROUP);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));
beforeEach(() => {
  nock.cleanAll();
  forgetRepoConfig();
  forgetGroupRegistry();
  api = new GitHubApiMock();
});
afterEach(() => api.done());

async function run(argv: string[], env: Record<string, string> = ENV) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, now: NOW, env });
  return { code, stdout, stderr };
}

describe('group-steward labels', () => {
  it('--dry-run --groups DIR reads the labels live, prints the plan and sends only GET requests', async () => {
    expectNoConfig(api);
    api.rest('GET', withQuery(`${REPO}/labels`, 'per_page=100'), [200, [label('bug'), label('wg:registry', '1d76db', 'Old name')]]);
    const { code, stdout, stderr } = await run(['labels', '--repo', 'Codertocat/Hello-World', '--groups', '.', '--dry-run']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'create label "ig:security" in Codertocat/Hello-World — group security has no label in Codertocat/Hello-World',
        'update label "wg:registry" in Codertocat/Hello-World — group registry: the label differs from its charter (description)',
        '2 changes planned in Codertocat/Hello-World (dry run: nothing written), 0 conflicts; charters from .',
        '',
      ].join('\n'),
    );
    expect(new Set(api.requests.map((r) => r.method))).toEqual(new Set(['GET']));
  });

  it('reads the charters from the governance repository (one GraphQL query) when no --groups is given, as JSON', async () => {
    expectNoConfig(api);
    let variables: Record<string, unknown> = {};
    expectRegistry(api, TREE, (r) => (variables = r.variables));
    api.rest('GET', withQuery(`${REPO}/labels`, 'per_page=100'), [200, []]);
    const { code, stdout } = await run(['labels', '--repo', 'Codertocat/Hello-World', '--dry-run', '--format', 'json']);
    expect(code).toBe(0);
    expect(variables).toEqual({ owner: 'Codertocat', name: 'Hello-World', charters: 'HEAD:groups' });
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ repo: 'Codertocat/Hello-World', dry_run: true, conflicts: [], excluded: [], not_synced_by_app: false });
    expect(report.charters_from).toMatch(/^Codertocat\/Hello-World:groups@a{40}$/);
    expect(report.actions.map((a: { kind: string; name: string }) => `${a.kind} ${a.name}`)).toEqual(['create-label ig:security', 'create-label wg:registry']);
    expect(api.requests.filter((r) => r.method !== 'GET').map((r) => r.path)).toEqual(['/graphql']);
  });

  it('writes the plan without --dry-run; a second run writes nothing', async () => {
    expectConfig(api, 'labels:\n  working_color: "112233"\n');
    api.rest('GET', withQuery(`${REPO}/labels`, 'per_page=100'), [200, [label('ig:security', '0e8a16', 'Security Interest Group')]]);
    api.rest('POST', `${REPO}/labels`, [201, {}]);
    let first = await run(['labels', '--repo', 'Codertocat/Hello-World', '--groups', '.']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('1 change written in Codertocat/Hello-World');
    expect(api.sent('POST', `${REPO}/labels`)[0]?.body).toEqual({ name: 'wg:registry', color: '112233', description: 'Registry Working Group' });

    api.rest('GET', withQuery(`${REPO}/labels`, 'per_page=100'), [200, [label('ig:security', '0e8a16', 'Security Interest Group'), label('wg:registry', '112233', 'Registry Working Group')]]);
    first = await run(['labels', '--repo', 'Codertocat/Hello-World', '--groups', '.']);
    expect(first.stdout).toContain('0 changes written');
    expect(api.sent('POST', `${REPO}/labels`)).toHaveLength(1);
  });

  it('exits 1 when an old and a new label both exist (a conflict needs a person); notes a repository the App would not sync', async () => {
    const renamed = await mkdtemp(join(tmpdir(), 'group-steward-renamed-'));
    await writeFile(join(renamed, 'registry.yaml'), `${WORKING_GROUP}previous_ids:\n  - mcp-registry\n`);
    expectConfig(api, 'governance_repo: Codertocat/governance\n');
    expectNoConfig(api, 'Codertocat', 'governance');
    api.rest('GET', withQuery(`${REPO}/labels`, 'per_page=100'), [200, [label('wg:registry', '1d76db', 'Registry Working Group'), label('wg:mcp-registry')]]);
    const { code, stdout } = await run(['labels', '--repo', 'Codertocat/Hello-World', '--groups', renamed, '--dry-run']);
    expect(code).toBe(1);
    expect(stdout).toContain('conflict: Codertocat/Hello-World: both "wg:mcp-registry" (a previous id) and "wg:registry" exist');
    expect(stdout).toContain('note: Codertocat/Hello-World is neither the governance repository nor in a charter\'s repos');
    await rm(renamed, { recursive: true, force: true });
  });

  it('exits 2 on usage errors, missing credentials and a missing folder, before any request', async () => {
    expect((await run(['labels'])).code).toBe(2);
    expect((await run(['labels', '--repo', 'not-a-repo'])).stderr).toContain('--repo must be owner/name');
    expect((await run(['labels', '--repo', 'o/r', '--format', 'xml'])).code).toBe(2);
    expect(await run(['labels', '--repo', 'o/r', '--dryrun'])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^group-steward labels: unknown option --dryrun \(did you mean --dry-run\?\)\n\nUsage:\n {2}labels --repo owner\/name/) });
    const noCredentials = await run(['labels', '--repo', 'o/r'], {});
    expect(noCredentials.code).toBe(2);
    expect(noCredentials.stderr).toContain('set GITHUB_TOKEN, or APP_ID and PRIVATE_KEY');
    expect(api.requests).toEqual([]);

    const missing = await run(['labels', '--repo', 'Codertocat/Hello-World', '--groups', 'nowhere']);
    expect(missing).toMatchObject({ code: 2, stderr: 'group-steward labels: cannot read --groups nowhere: no such directory\n' });
    expect(api.requests).toEqual([]);
  });

  it('honours GITHUB_API_URL (GitHub Enterprise Server)', async () => {
    const ghes = nock('https://ghes.example.com');
    ghes.get('/api/v3/repos/o/r/contents/.github%2Fgroup-steward.yml').reply(404, { message: 'Not Found' });
    ghes.get('/api/v3/repos/o/.github/contents/.github%2Fgroup-steward.yml').reply(404, { message: 'Not Found' });
    ghes.get('/api/v3/repos/o/r/labels').query({ per_page: 100 }).reply(200, []);
    const { code } = await run(['labels', '--repo', 'o/r', '--groups', '.', '--dry-run'], { GITHUB_TOKEN: 't', GITHUB_API_URL: 'https://ghes.example.com/api/v3' });
    expect(code).toBe(0);
    expect(ghes.isDone()).toBe(true);
  });

  it('fails at once, with one line, when GITHUB_API_URL cannot be reached (no retries)', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED', syscall: 'connect' });
    const ghes = nock('https://ghes.example.com').persist().get(/.*/).replyWithError(refused);
    let requests = 0;
    ghes.on('request', () => (requests += 1));
    const { code, stdout, stderr } = await run(['labels', '--repo', 'o/r', '--groups', '.', '--dry-run'], { GITHUB_TOKEN: 't', GITHUB_API_URL: 'https://ghes.example.com/api/v3' });
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: 'group-steward labels: could not reach ghes.example.com (connect ECONNREFUSED): check the network or GITHUB_API_URL\n' });
    expect(requests).toBe(1);
  });
});
