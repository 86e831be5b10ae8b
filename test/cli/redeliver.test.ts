/**
 * `group-steward redeliver`: the App's failed webhook deliveries redelivered from the command line,
 * against the stateful fake GitHub (every REST request checked against GitHub's OpenAPI
 * description; no real network): its options and mistakes, the App's credentials it needs, a dry
 * run and a real one, the text and JSON reports, and the exit codes.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { runCli } from '../../src/cli/run.js';
import { FAILURES, FakeGovernance } from '../support/fake-governance.js';
import { testPrivateKey } from '../support/keys.js';

const NOW = new Date('2026-11-22T12:00:00Z');
const ago = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString().replace('.000Z', 'Z');
const APP = { APP_ID: '7', PRIVATE_KEY: testPrivateKey() };

let fake: FakeGovernance;
beforeEach(() => {
  fake = new FakeGovernance({ governanceRepo: 'example-org/governance' }).install();
  fake.now = NOW;
});
afterEach(() => {
  fake.uninstall();
  fake.assertClean();
});

async function run(argv: string[], env: Record<string, string> = APP) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['redeliver', ...argv], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: '/', now: () => NOW, env });
  return { code, stdout, stderr };
}

describe('group-steward redeliver', () => {
  it('says what is wrong with its options, and that it needs the App\'s credentials, before any request', async () => {
    expect(await run(['--since', '4d'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^group-steward redeliver: --since must be at most 3d \(72h\): GitHub keeps an App's deliveries for 3 days, not "4d"\n\nUsage:\n {2}redeliver /) });
    expect((await run(['--since', 'yesterday'])).stderr).toMatch(/^group-steward redeliver: --since must be a duration such as 90m, 24h or 3d, not "yesterday"\n/);
    expect((await run(['--max', '0'])).stderr).toMatch(/^group-steward redeliver: --max must be a whole number from 1 to 1000, not "0"\n/);
    expect((await run(['--dryrun'])).stderr).toMatch(/^group-steward redeliver: unknown option --dryrun \(did you mean --dry-run\?\)/);
    expect(await run([], { GITHUB_TOKEN: 'ghp_x' })).toEqual({
      code: 2,
      stdout: '',
      stderr: "group-steward redeliver: set APP_ID and PRIVATE_KEY (the App's id and private key): the App's webhook deliveries are read with its JWT, which GITHUB_TOKEN is not\n",
    });
    expect((await run([], { APP_ID: 'my-app', PRIVATE_KEY: 'x' })).stderr).toBe('group-steward redeliver: APP_ID must be the App\'s numeric id, not "my-app"\n');
    expect(fake.requests).toEqual([]);
    expect((await runCli(['help'], { stdout: (t) => expect(t).toContain('  redeliver             Redeliver'), stderr: () => {}, cwd: '/', now: () => NOW }))).toBe(0);
  });

  it('--dry-run prints a line per delivery it would redeliver and sends nothing; then a real run sends them, once', async () => {
    fake.deliver({ delivered_at: ago(3), status_code: 200 });
    const failed = fake.deliver({ delivered_at: ago(2), status_code: 502, event: 'pull_request', action: 'opened' });
    const dry = await run(['--dry-run', '--since', '12h']);
    expect(dry).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'webhook deliveries: read 2 delivery attempts (1 page), every one since 2026-11-22T00:00:00.000Z',
        `would redeliver ${failed.guid} pull_request.opened: first attempt ${failed.delivered_at} answered 502`,
        '2 deliveries, 1 delivered at the first attempt, 1 to redeliver (dry run: nothing sent), 0 passed over',
        '',
      ].join('\n'),
    });
    expect(fake.writes()).toEqual([]);

    const real = await run(['--format', 'json']);
    expect(real.code).toBe(0);
    expect(JSON.parse(real.stdout)).toMatchObject({
      dry_run: false,
      since: '2026-11-21T12:00:00.000Z',
      listing: { status: 'read', pages: 1, entries: 2, malformed: 0 },
      redeliveries: [{ kind: 'redeliver-webhook', delivery_id: failed.id, guid: failed.guid, event: 'pull_request.opened', first_status: 502, status: 'sent' }],
      skipped: [],
    });
    expect(fake.writes()).toEqual([`POST /app/hook/deliveries/${failed.id}/attempts`]);
    expect((await run([])).stdout).toContain('0 redelivered, 1 passed over');
    expect(fake.writes()).toHaveLength(1);
  });

  it('exits 2 when the deliveries cannot be read, 1 when they were read only in part', async () => {
    fake.fail('GET deliveries', FAILURES.dies);
    expect(await run([])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'group-steward redeliver: webhook deliveries not read: GitHub answered 401 to page 1 of GET /app/hook/deliveries: Bad credentials - https://docs.github.com/rest; nothing was redelivered, and failed deliveries may be waiting\n',
    });
    for (let i = 0; i < 101; i += 1) fake.deliver({ delivered_at: ago(1), status_code: 200 });
    fake.fail('GET deliveries', FAILURES.dies, { nth: 2 });
    const partial = await run([]);
    expect(partial.code).toBe(1);
    expect(partial.stdout).toMatch(/^webhook deliveries: read 100 delivery attempts \(1 page\), then GitHub answered 401 to page 2 of GET \/app\/hook\/deliveries: Bad credentials/);
  });
});
