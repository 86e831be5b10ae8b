/**
 * `group-steward activity` from the command line: what it says when something named is missing or
 * mistyped, the charters it leaves out (always named, with their rule ids), `--repo` beside
 * `--snapshot`, and a GitHub that cannot be reached (one line, at once, no retries).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { PACKAGE_ROOT, runCli } from '../../src/cli/run.js';
import { forgetGroupRegistry } from '../../src/github/group-registry.js';
import { forgetRepoConfig } from '../../src/github/repo-config.js';
import { INTEREST_GROUP, WORKING_GROUP, withLine } from '../charters/helpers.js';

const NOW = () => new Date('2026-11-22T12:00:00Z');
/** The bundled recording of MCP's activity: a real snapshot, read offline. */
const SNAPSHOT = join(PACKAGE_ROOT, 'snapshots', 'mcp-activity.json');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'group-steward-activity-cli-'));
  const groups = join(dir, 'groups');
  await mkdir(groups);
  await writeFile(join(groups, 'registry.yaml'), WORKING_GROUP);
  await writeFile(join(groups, 'security.yaml'), INTEREST_GROUP);
  // A typo'd key (an unknown key is an error) and a file that is not YAML at all.
  await writeFile(join(groups, 'typo.yaml'), `${withLine(WORKING_GROUP, 2, 'id: typo')}discrod: typo-wg\n`);
  await writeFile(join(groups, 'broken.yaml'), 'id: broken\nname: [Broken Working Group\n');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));
afterEach(() => {
  nock.cleanAll();
  forgetRepoConfig();
  forgetGroupRegistry();
});

async function run(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, now: NOW, env });
  return { code, stdout, stderr };
}

describe('group-steward activity --snapshot: what was named must be there', () => {
  it.each([
    [['activity', '--snapshot', 'no-such.json'], 'group-steward activity: cannot read --snapshot no-such.json: no such file\n'],
    [['activity', '--snapshot', 'groups'], 'group-steward activity: cannot read --snapshot groups: a directory, not a file\n'],
    [['activity', '--snapshot', SNAPSHOT, '--groups', 'no-such'], 'group-steward activity: cannot read --groups no-such: no such directory\n'],
    [['activity', '--snapshot', SNAPSHOT, '--pages', 'no-such'], 'group-steward activity: cannot read --pages no-such: no such directory\n'],
    [['activity', '--snapshot', SNAPSHOT, '--groups', 'groups/registry.yaml'], 'group-steward activity: cannot read --groups groups/registry.yaml: not a directory\n'],
  ])('%j: one line, exit 2, before any work', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it('says where the default charters folder is missing, and how to give another', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'group-steward-no-groups-'));
    let stderr = '';
    const code = await runCli(['activity', '--snapshot', SNAPSHOT], { stdout: () => {}, stderr: (t) => (stderr += t), cwd: elsewhere, now: NOW, env: {} });
    expect(code).toBe(2);
    expect(stderr).toBe('group-steward activity: cannot read groups: no such directory (the charters of an offline run: give --groups DIR or --pages ROOT)\n');
    await rm(elsewhere, { recursive: true, force: true });
  });
});

describe('group-steward activity --snapshot --groups DIR: charters left out for their errors', () => {
  it('names a typo\'d key and a file that is not YAML, with their rule ids, and still exits 0', async () => {
    const { code, stdout, stderr } = await run(['activity', '--snapshot', SNAPSHOT, '--groups', 'groups']);
    expect(code).toBe(0);
    // The report's notes name both files, with their rule ids, as the live job's notes do …
    expect(stdout).toContain('  charter left out (errors: yaml-syntax): broken.yaml\n');
    expect(stdout).toContain('  charter left out (errors: unknown-key): typo.yaml\n');
    // … and stderr says so too.
    expect(stderr).toContain('warning: charter left out (errors: yaml-syntax): broken.yaml; `group-steward validate DIR` says why\n');
    expect(stderr).toContain('warning: charter left out (errors: unknown-key): typo.yaml; `group-steward validate DIR` says why\n');
    // The valid charters are judged.
    expect(stdout).toMatch(/\nregistry +working +/);
    expect(stdout).not.toMatch(/\ntypo +working/);
  });

  it('says the same with --format json, whose output holds no notes', async () => {
    const { code, stdout, stderr } = await run(['activity', '--snapshot', SNAPSHOT, '--groups', 'groups', '--format', 'json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { groups: { id: string }[] }).groups.map((g) => g.id).sort()).toEqual(['registry', 'security']);
    expect(stderr).toContain('warning: charter left out (errors: yaml-syntax): broken.yaml');
    expect(stderr).toContain('warning: charter left out (errors: unknown-key): typo.yaml');
  });
});

describe('group-steward activity --snapshot --repo owner/name', () => {
  it('names that governance repository in the plan, reading nothing from it, as the help says', async () => {
    const { code, stdout } = await run(['activity', '--snapshot', SNAPSHOT, '--groups', 'groups', '--repo', 'acme/governance']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Group activity as of 2026-09-20T00:00:00\.000Z \(window 30 days; governance repository acme\/governance\)/);
    expect(stdout).toContain('open issue "Group health dashboard" in acme/governance');
    expect(stdout).not.toContain('modelcontextprotocol/modelcontextprotocol —');
    const help = await run(['activity', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('With\n                          --snapshot: only the governance repository the plan names');
  });
});

describe('group-steward activity --repo: a GitHub that cannot be reached', () => {
  it('fails at once, after one request, with one line naming the host and the failure', async () => {
    // What Node's fetch reports when DNS has no answer (no network): retrying cannot help.
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND api.github.com'), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: 'api.github.com' });
    const scope = nock('https://api.github.com').persist().get(/.*/).replyWithError(notFound).post(/.*/).replyWithError(notFound);
    let requests = 0;
    scope.on('request', () => (requests += 1));
    const { code, stdout, stderr } = await run(['activity', '--repo', 'acme/governance', '--dry-run'], { GITHUB_TOKEN: 'ghp_test' });
    expect({ code, stdout, stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: 'group-steward activity: could not reach api.github.com (getaddrinfo ENOTFOUND): check the network or GITHUB_API_URL\n',
    });
    // Not retried: the retry plugin would have tried 3 more times, 1 + 4 + 9 s apart.
    expect(requests).toBe(1);
  });
});
