/**
 * The GitHub Action (issue 10 § 1), tested as GitHub Actions runs it: the COMMITTED bundle
 * dist/action/index.js in a child process, inputs as `INPUT_*` variables, the step summary and
 * outputs in files, GitHub at `GITHUB_API_URL` / `GITHUB_GRAPHQL_URL` — the stateful fake GitHub
 * (schema- and OpenAPI-validated) served on 127.0.0.1. CI checks separately that the bundle is
 * what the sources build (`.ci/run`). The dry run runs the bundle; the other runs of the job run
 * the same step in this process (`runInProcess`: `run()` of src/action/main.ts, the bundle's entry,
 * with the same variables and files, against the same fake through nock), as a child process costs
 * a cold node and bundle per run; test/action/app-events.test.ts runs the bundle for every event.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { parse } from 'yaml';
import { DASHBOARD_LABEL, RETIREMENT_LABEL } from '../../src/activity/markers.js';
import { FAILURES, FakeGovernance, PEOPLE } from '../support/fake-governance.js';
import type { FakeActor } from '../support/fake-governance.js';
import { startFakeServer } from '../support/fake-server.js';
import type { FakeServer } from '../support/fake-server.js';
import { INTEREST_GROUP } from '../charters/helpers.js';
import { requireBundle, runBundle } from './run-bundle.js';
import { runInProcess } from './run-in-process.js';

const GOV = 'example-org/governance';
const REGISTRY = 'example-org/registry';
const TRANSPORTS = 'example-org/transports';
const DAY = 86_400_000;
const NOW = Date.parse('2026-10-01T12:00:00Z');
/** `days` before `from` (default: NOW), as an ISO instant. */
const ago = (days: number, from = NOW) => new Date(from - days * DAY).toISOString();
const user = (login: string): FakeActor => ({ login, type: 'User' });

/** A charter name written to break out of Markdown: emphasis, HTML, a table cell, a link, a mention. */
const HOSTILE_NAME = 'Registry *WG* <img src=x onerror=alert(1)> | [win](https://evil.example) @everyone';

function workingGroup(id: string, name: string, repo: string): string {
  return [
    `id: ${id}`,
    `name: ${JSON.stringify(name)}`,
    'type: working',
    'status: active',
    'formed: 2025-07-24',
    'facilitators:',
    '  - rdimitrov',
    `discord: ${id}-wg`,
    'repos:',
    `  - ${repo}`,
    'use_cases: >-',
    '  Builds things.',
    `first_work: https://github.com/${repo}/issues/1`,
    '',
  ].join('\n');
}

const ACTION = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
  description: string;
  branding: { icon: string; color: string };
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
};

describe('action.yml', () => {
  it('is a node24 JavaScript action running the committed bundle, with the inputs and outputs the entry reads and sets, and branding', () => {
    expect(ACTION.runs).toEqual({ using: 'node24', main: 'dist/action/index.js' });
    expect(() => requireBundle()).not.toThrow();
    expect(Object.keys(ACTION.inputs).sort()).toEqual(['app-id', 'dry-run', 'governance-repo', 'now', 'private-key', 'snapshot-path', 'token']);
    expect(ACTION.inputs.token?.default).toBe('${{ github.token }}');
    expect(ACTION.inputs['governance-repo']?.default).toBe('${{ github.repository }}');
    expect(ACTION.inputs['dry-run']?.default).toBe('false');
    expect(Object.keys(ACTION.outputs).sort()).toEqual(['active', 'completed', 'deferred', 'grace', 'idle', 'retired', 'settled-votes', 'unknown', 'writes']);
    // The Marketplace's icon (a Feather icon name) and colour.
    expect(ACTION.branding).toEqual({ icon: 'users', color: 'blue' });
    expect(ACTION.description.length).toBeLessThanOrEqual(125);
  });
});

/**
 * The fake GitHub as of `nowMs`, with REST under /api/v3 and GraphQL at /api/graphql (as on GitHub
 * Enterprise Server): registry's last human activity 50 days before (a bot since) → idle;
 * transports 2 days before → active; security (an interest group), nothing seen on GitHub → unknown.
 */
function seededFake(nowMs: number): FakeGovernance {
  const fake = new FakeGovernance({ governanceRepo: GOV, baseUrl: 'http://127.0.0.1/api/v3' });
  fake.now = new Date(nowMs);
  fake.charters = {
    'registry.yaml': workingGroup('registry', HOSTILE_NAME, REGISTRY),
    'security.yaml': INTEREST_GROUP,
    'transports.yaml': workingGroup('transports', 'Transports Working Group', TRANSPORTS),
  };
  fake.add({ repo: REGISTRY, number: 1, title: 'Publish API', author: user('lyz1990'), createdAt: ago(60, nowMs), events: [
    { kind: 'comment', at: ago(50, nowMs), actor: PEOPLE.rdimitrov },
    { kind: 'comment', at: ago(3, nowMs), actor: PEOPLE.dependabot },
  ] });
  fake.add({ repo: TRANSPORTS, number: 1, title: 'Streamable HTTP', author: user('kurtisvg'), createdAt: ago(40, nowMs), events: [{ kind: 'comment', at: ago(2, nowMs), actor: user('kurtisvg') }] });
  return fake;
}

describe('the bundled action against GitHub', () => {
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
  async function serve(): Promise<void> {
    server = await startFakeServer(fake);
    env = { GITHUB_API_URL: server.apiUrl, GITHUB_GRAPHQL_URL: server.graphqlUrl, GITHUB_REPOSITORY: 'example-org/somewhere-else' };
  }
  /** The fake for runs in this process (`runInProcess`): answering at its own base URL through nock, no server between. */
  function serveHere(): void {
    fake.install();
    env = { GITHUB_API_URL: fake.baseUrl, GITHUB_GRAPHQL_URL: `${new URL(fake.baseUrl).origin}/api/graphql`, GITHUB_REPOSITORY: 'example-org/somewhere-else' };
  }

  beforeEach(() => {
    fake = seededFake(NOW);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    fake.uninstall();
    fake.assertClean();
  });

  const inputs = (extra: Record<string, string> = {}) => ({ 'governance-repo': GOV, 'dry-run': 'false', token: 'ghs_test', now: new Date(NOW).toISOString(), ...extra });

  it('dry run: writes the verdict table and the plan to the step summary, the counts to the outputs, and nothing to GitHub', async () => {
    await serve();
    const run = await runBundle(inputs({ 'dry-run': 'true', 'snapshot-path': 'activity-snapshot.json' }), env, {
      inspect: async (cwd) => {
        const saved = JSON.parse(await readFile(join(cwd, 'activity-snapshot.json'), 'utf8')) as { generated_at: string; items: unknown[] };
        expect(saved.items.length).toBeGreaterThan(0);
      },
    });
    expect({ code: run.code, errors: run.stdout.split('\n').filter((l) => l.startsWith('::error')) }).toEqual({ code: 0, errors: [] });
    expect(fake.writes()).toEqual([]);
    expect(run.outputs).toEqual({ active: '1', idle: '1', completed: '0', grace: '0', unknown: '1', retired: '0', writes: '2', deferred: '0', 'settled-votes': '0' });

    const { summary } = run;
    expect(summary).toContain(`## Group activity: example-org/governance`);
    expect(summary).toContain('**dry run**: nothing was written');
    expect(summary).toContain('| group | id | type | verdict | last human activity | reason |');
    expect(summary).toMatch(/^\| Transports Working Group \| `transports` \| working \| active \| \[2026-09-29\]\(https:\/\/github\.com\/example-org\/transports\/issues\/1\) \| .+ \|$/m);
    expect(summary).toMatch(/^\| .+ \| `registry` \| working \| \*\*idle\*\* \| \[2026-08-12\]\(https:\/\/github\.com\/example-org\/registry\/issues\/1\) \| .+ \|$/m);
    expect(summary).toMatch(/^\| Security Interest Group \| `security` \| interest \| unknown \| /m);
    // The hostile name is shown, escaped: no emphasis, HTML, extra cell, link or mention.
    // (`://` is broken by a word joiner too: no autolink, and no issue URL can be a reference.)
    expect(summary).toContain('Registry \\*WG\\* \\<img src=x onerror=alert\\(1\\)\\> \\| \\[win\\]\\(https:\u2060//evil.example\\) @\u2060everyone');
    expect(summary).not.toMatch(/(?<!\\)<img/);
    expect(summary).not.toMatch(/@everyone/);
    const registryRow = summary.split('\n').find((l) => l.includes('`registry`')) as string;
    expect(registryRow.split(/(?<!\\)\|/).length - 2).toBe(6);
    // The plan: the retirement issue and the dashboard, as a dry run.
    expect(summary).toContain('### Plan (2 writes; dry run: nothing written)');
    expect(summary).toMatch(/^1\. open issue .+ in example-org/m);
    expect(summary).toMatch(/^2\. open issue "Group health dashboard" in example-org\/governance/m);
    // The group names come from the registry the job read: no second request for them.
    expect(fake.kinds().filter((k) => k === 'graphql GroupStewardRegistry')).toHaveLength(1);
    // The log has the CLI's text report.
    expect(run.stdout).toContain('Plan (2 writes; dry run: nothing written):');
  }, 60_000);

  it('real run: opens the retirement issue and the dashboard in GitHub, and says so in the summary and outputs', async () => {
    serveHere();
    // Outside a workflow `governance-repo` may be empty: the repository the workflow runs in.
    const run = await runInProcess(inputs({ 'governance-repo': '' }), { ...env, GITHUB_REPOSITORY: GOV });
    expect({ code: run.code, errors: run.stdout.split('\n').filter((l) => l.startsWith('::error')) }).toEqual({ code: 0, errors: [] });
    expect(fake.writes()).toEqual([`POST /repos/${GOV}/issues`, `POST /repos/${GOV}/issues`]);
    const retirement = fake.issuesLabelled(RETIREMENT_LABEL, 'open');
    expect(retirement.map((i) => i.labels)).toEqual([[RETIREMENT_LABEL, 'wg:registry']]);
    expect(fake.issuesLabelled(DASHBOARD_LABEL, 'open')).toHaveLength(1);
    expect(run.outputs).toMatchObject({ idle: '1', active: '1', unknown: '1', writes: '2', deferred: '0' });
    expect(run.summary).toContain('### Plan (2 writes; 2 written, 0 deferred to the next run by the write cap (`activity.max_writes`: 20))');
    expect(run.summary).toMatch(/^1\. ✅ open issue /m);

    // A second run finds what the first wrote and writes nothing.
    const again = await runInProcess(inputs(), env);
    expect(again.code).toBe(0);
    expect(fake.writes(0)).toHaveLength(2);
    expect(again.outputs.writes).toBe('0');
    expect(again.summary).toContain('Nothing to write.');
  }, 90_000);

  it('fails the step with a message, not a stack trace, when an input is wrong or GitHub refuses', async () => {
    serveHere();
    const bad = await runInProcess(inputs({ 'governance-repo': 'not a repo' }), env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('::error::Group Steward could not run the activity job: input governance-repo must be owner/name, not "not a repo"');
    expect(bad.stderr).toBe('');
    expect(fake.requests).toEqual([]);

    const credentials = await runInProcess(inputs({ 'app-id': '7' }), env);
    expect(credentials.code).toBe(1);
    expect(credentials.stdout).toContain('::error::Group Steward could not run the activity job: input app-id and private-key go together');

    fake.fail('graphql GroupStewardRegistry', FAILURES.dies);
    const refused = await runInProcess(inputs(), env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^::error::Group Steward could not run the activity job: GitHub answered 401 to POST http:\/\/127\.0\.0\.1\/api\/graphql: Bad credentials/m);
    expect(refused.stdout).not.toMatch(/^\s+at /m);
    expect(refused.stderr).toBe('');
    expect(refused.summary).toContain('## Group activity: failed');
    expect(fake.writes()).toEqual([]);
  }, 60_000);
  it('a scheduled run (no `now` input, as `schedule` gives it): judges at the clock, finds the silent group idle, and a re-run writes nothing', async () => {
    // The data dated from the machine's clock, as GitHub's would be on the day the schedule fires.
    fake = seededFake(Date.now());
    serveHere();
    const scheduled = { 'governance-repo': GOV, 'dry-run': 'false', token: 'ghs_test', now: '' };
    // As GitHub starts it: the `schedule` event, whose payload names the cron.
    const event = { name: 'schedule', payload: { schedule: '17 6 * * *' } };
    const run = await runInProcess(scheduled, env, { event });
    expect({ code: run.code, errors: run.stdout.split('\n').filter((l) => l.startsWith('::error')) }).toEqual({ code: 0, errors: [] });
    expect(run.outputs).toMatchObject({ idle: '1', active: '1', unknown: '1', writes: '2' });
    expect(fake.issuesLabelled(RETIREMENT_LABEL, 'open').map((i) => i.labels)).toEqual([[RETIREMENT_LABEL, 'wg:registry']]);
    const again = await runInProcess(scheduled, env, { event });
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({ idle: '1', writes: '0' });
    expect(fake.writes()).toHaveLength(2);
  }, 90_000);
});
