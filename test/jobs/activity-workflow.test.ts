/**
 * The workflows that run the scheduled job: `.github/workflows/group-activity.yml` (here, with the
 * Action at this commit, `uses: ./`), `examples/governance-workflow.yml` (the job alone, beside the
 * App server) and `examples/workflows/group-steward.yml` (the whole App as Actions: every event
 * and the job; `uses: modelcontextprotocol/group-steward@v1`). All parse, run daily and on demand
 * with a dry-run input, authenticate as the App when its secrets are set, and pass only inputs
 * `action.yml` declares — and the step, its `with:` evaluated as GitHub would for the event, runs
 * the Action against the fake GitHub: an installation token, reads, and (dry run) no writes; for
 * the all-in-one workflow, without the App's secrets, a comment's event handled with the
 * workflow's token. The step runs in this process (`runInProcess`: the bundle's entry, `run()`,
 * with the same variables and files, against the same fake through nock); the committed bundle
 * itself runs the job in test/action/action.test.ts and every event in
 * test/action/app-events.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { WORKING_GROUP } from '../charters/helpers.js';
import { runInProcess } from '../action/run-in-process.js';
import { FakeGovernance } from '../support/fake-governance.js';
import { testPrivateKey } from '../support/keys.js';

const ROOT = new URL('../../', import.meta.url);
const GOV = 'example-org/governance';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Workflow {
  on: {
    schedule?: { cron: string }[];
    workflow_dispatch?: { inputs?: Record<string, { type?: string; default?: unknown; description?: string }> };
    [event: string]: unknown;
  };
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  jobs: Record<string, { steps: Step[] }>;
}

const read = (path: string) => parse(readFileSync(new URL(path, ROOT), 'utf8')) as unknown;
const ACTION = read('action.yml') as { inputs: Record<string, unknown>; runs: { using: string; main: string } };
const LOCAL = read('.github/workflows/group-activity.yml') as Workflow;
const EXAMPLE = read('examples/governance-workflow.yml') as Workflow;
const ALL_IN_ONE = read('examples/workflows/group-steward.yml') as Workflow;
const ALL_IN_ONE_TEXT = readFileSync(new URL('examples/workflows/group-steward.yml', ROOT), 'utf8');

const stepsOf = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const jobStepOf = (workflow: Workflow, uses: string) => stepsOf(workflow).find((s) => s.uses === uses) as Step;

/** The `with:` every workflow passes the Action (the local one also names the governance repository). */
const COMMON_WITH = {
  'app-id': '${{ secrets.GROUP_STEWARD_APP_ID }}',
  'private-key': '${{ secrets.GROUP_STEWARD_PRIVATE_KEY }}',
  'dry-run': "${{ github.event_name == 'workflow_dispatch' && inputs.dry-run }}",
  now: '${{ inputs.now }}',
  'snapshot-path': 'activity-snapshot.json',
};

/**
 * The step's `with:` as GitHub evaluates it for `event` (default `workflow_dispatch`, with
 * `dispatch` inputs; any other event has no inputs): each expression the workflows use, replaced
 * by its value (an unknown one fails the test). A secret that is not set is empty.
 */
function evaluateWith(step: Step, context: { secrets: Record<string, string>; dispatch: Record<string, string>; repository: string; event?: string }): Record<string, string> {
  const dispatched = (context.event ?? 'workflow_dispatch') === 'workflow_dispatch';
  const expressions: Record<string, string> = {
    'secrets.GROUP_STEWARD_APP_ID': context.secrets.GROUP_STEWARD_APP_ID ?? '',
    'secrets.GROUP_STEWARD_PRIVATE_KEY': context.secrets.GROUP_STEWARD_PRIVATE_KEY ?? '',
    "github.event_name == 'workflow_dispatch' && inputs.dry-run": dispatched ? (context.dispatch['dry-run'] ?? 'false') : 'false',
    'inputs.now': dispatched ? (context.dispatch.now ?? '') : '',
    'vars.GROUP_STEWARD_GOVERNANCE_REPO || github.repository': context.repository,
  };
  return Object.fromEntries(
    Object.entries(step.with ?? {}).map(([name, value]) => [
      name,
      String(value).replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
        const evaluated = expressions[expression];
        if (evaluated === undefined) throw new Error(`the test cannot evaluate \${{ ${expression} }}`);
        return evaluated;
      }),
    ]),
  );
}

describe.each([
  ['.github/workflows/group-activity.yml', LOCAL, './'],
  ['examples/governance-workflow.yml', EXAMPLE, 'modelcontextprotocol/group-steward@v1'],
  ['examples/workflows/group-steward.yml', ALL_IN_ONE, 'modelcontextprotocol/group-steward@v1'],
])('%s', (_file, workflow, uses) => {
  it('runs on a daily schedule and on demand, with a boolean dry-run input (checked by default) and a now input', () => {
    const crons = (workflow.on.schedule ?? []).map((s) => s.cron);
    expect(crons).toHaveLength(1);
    const [minute, hour, dayOfMonth, month, dayOfWeek] = (crons[0] as string).split(/\s+/);
    expect({ minute: /^\d+$/.test(minute ?? ''), hour: /^\d+$/.test(hour ?? ''), dayOfMonth, month, dayOfWeek }).toEqual({ minute: true, hour: true, dayOfMonth: '*', month: '*', dayOfWeek: '*' });
    expect(workflow.on.workflow_dispatch?.inputs?.['dry-run']).toMatchObject({ type: 'boolean', default: true });
    expect(workflow.on.workflow_dispatch?.inputs?.now).toMatchObject({ type: 'string' });
  });

  it(`runs the Action (${uses}) as the App, dry only when dispatched with dry-run, passing only inputs action.yml declares`, () => {
    const step = jobStepOf(workflow, uses);
    expect(step).toBeDefined();
    expect(step.with).toMatchObject(COMMON_WITH);
    expect(Object.keys(step.with ?? {}).filter((name) => !(name in ACTION.inputs))).toEqual([]);
    // Nothing is built in the workflow: the Action's bundle is committed.
    expect(stepsOf(workflow).filter((s) => s.run !== undefined)).toEqual([]);
  });
});

describe('the workflows around the Action', () => {
  it('the local workflow checks out this repository before `uses: ./`, and names the governance repository', () => {
    const steps = stepsOf(LOCAL);
    expect(steps.findIndex((s) => s.uses?.startsWith('actions/checkout@'))).toBeLessThan(steps.findIndex((s) => s.uses === './'));
    expect(jobStepOf(LOCAL, './').with?.['governance-repo']).toBe('${{ vars.GROUP_STEWARD_GOVERNANCE_REPO || github.repository }}');
  });

  it('the example runs in the governance repository itself and grants what the job needs with the workflow token', () => {
    expect(jobStepOf(EXAMPLE, 'modelcontextprotocol/group-steward@v1').with?.['governance-repo']).toBeUndefined();
    expect(EXAMPLE.permissions).toEqual({ contents: 'read', issues: 'write', 'pull-requests': 'read', checks: 'write' });
  });

  it('the all-in-one example: every event the App handles, with the permissions its writes need, and no checkout', () => {
    const on = ALL_IN_ONE.on as Record<string, { types?: string[]; branches?: string[] } | null>;
    expect(Object.keys(on).sort()).toEqual(['issue_comment', 'issues', 'pull_request_review', 'pull_request_target', 'push', 'schedule', 'workflow_dispatch']);
    // `pull_request_target`, not `pull_request`: a fork's pull request gets its checks.
    expect(on.pull_request).toBeUndefined();
    expect(on.pull_request_target?.types).toEqual(expect.arrayContaining(['opened', 'synchronize', 'reopened', 'ready_for_review', 'edited']));
    // closed: a merged retirement closes its retirement issue; labeled: a hand-added group label links.
    expect(on.pull_request_target?.types).toEqual(expect.arrayContaining(['closed', 'labeled']));
    expect(on.pull_request_review?.types).toEqual(['submitted', 'edited', 'dismissed']);
    expect(on.issues?.types).toEqual(['opened', 'edited', 'labeled']);
    expect(on.issue_comment?.types).toEqual(['created']);
    expect(on.push?.branches).toEqual(['main']);
    expect(ALL_IN_ONE.permissions).toEqual({ contents: 'write', 'pull-requests': 'write', issues: 'write', checks: 'write', discussions: 'read' });
    // Nothing of a pull request is checked out or run: that is what makes pull_request_target safe.
    expect(stepsOf(ALL_IN_ONE).filter((s) => s.uses?.startsWith('actions/checkout'))).toEqual([]);
    expect(stepsOf(ALL_IN_ONE).filter((s) => s.run !== undefined)).toEqual([]);
    expect(jobStepOf(ALL_IN_ONE, 'modelcontextprotocol/group-steward@v1').with?.token).toBeUndefined();
    // The activity job one at a time; events each their own run.
    expect(ALL_IN_ONE.concurrency).toEqual({ group: "${{ (github.event_name == 'schedule' || github.event_name == 'workflow_dispatch') && 'group-steward-activity' || format('group-steward-{0}', github.run_id) }}", 'cancel-in-progress': false });
    // Its comments say plainly what the workflow's token cannot do, and why pull_request_target is safe here.
    expect(ALL_IN_ONE_TEXT).toMatch(/cannot read organization teams/);
    expect(ALL_IN_ONE_TEXT).toMatch(/`logins:`/);
    expect(ALL_IN_ONE_TEXT).toMatch(/Events made with it trigger no workflows/);
    expect(ALL_IN_ONE_TEXT).toMatch(/safe here ONLY because nothing from\n# the pull request is checked out or run/);
  });

  it('action.yml runs the committed bundle with node24', () => {
    expect(ACTION.runs).toEqual({ using: 'node24', main: 'dist/action/index.js' });
    expect(existsSync(new URL(ACTION.runs.main, ROOT))).toBe(true);
  });
});

describe('the workflow step against GitHub', () => {
  let fake: FakeGovernance;
  beforeEach(async () => {
    fake = new FakeGovernance({ governanceRepo: GOV, baseUrl: 'http://127.0.0.1/api/v3' });
    fake.charters = { 'registry.yaml': WORKING_GROUP };
    // The repository the charter owns and its first work exist, so every source can be read.
    fake.add({ repo: 'modelcontextprotocol/registry', number: 1, createdAt: '2026-11-01T00:00:00Z' });
    fake.add({ repo: 'modelcontextprotocol/modelcontextprotocol', number: 2186, type: 'pull_request', createdAt: '2026-01-01T00:00:00Z' });
  });
  afterEach(() => {
    fake.uninstall();
    fake.assertClean();
  });

  it('is accepted by the Action: with App credentials it gets an installation token, reads, and (dry run) writes nothing', async () => {
    const privateKey = testPrivateKey();
    const inputs = evaluateWith(jobStepOf(LOCAL, './'), {
      secrets: { GROUP_STEWARD_APP_ID: '7', GROUP_STEWARD_PRIVATE_KEY: privateKey },
      dispatch: { 'dry-run': 'true', now: '2026-11-22T12:00:00Z' },
      repository: GOV,
    });
    // A webhook delivery the App's server missed an hour ago: the run's redelivery step finds it (dry run: sends nothing).
    const missed = fake.deliver({ delivered_at: new Date(Date.now() - 3_600_000).toISOString(), status_code: 502 });
    fake.install();
    // What action.yml gives the inputs the step leaves out.
    const run = await runInProcess({ token: 'ghs_workflow', ...inputs }, { GITHUB_API_URL: fake.baseUrl, GITHUB_GRAPHQL_URL: `${new URL(fake.baseUrl).origin}/api/graphql`, GITHUB_REPOSITORY: 'example-org/group-steward' }, {
      // The snapshot the workflow uploads as an artifact.
      inspect: async (cwd) => expect(existsSync(join(cwd, inputs['snapshot-path'] as string))).toBe(true),
    });
    expect({ code: run.code, errors: run.stdout.split('\n').filter((l) => l.startsWith('::error')) }).toEqual({ code: 0, errors: [] });
    expect(fake.kinds().slice(0, 2)).toEqual(['GET installation', 'POST access token']);
    expect(fake.writes()).toEqual([]);
    expect(run.summary).toContain('**dry run**: nothing was written');
    expect(run.outputs.active).toBe('1');
    expect(run.summary).toContain(`### Webhook redelivery\n\nwebhook deliveries: read 1 delivery attempt \\(1 page\\)`);
    expect(run.summary).toContain(`- would redeliver ${missed.guid} issues.opened`);
  }, 60_000);

  it('the all-in-one example without the App\'s secrets: a /wg comment is handled with the workflow\'s token', async () => {
    const inputs = evaluateWith(jobStepOf(ALL_IN_ONE, 'modelcontextprotocol/group-steward@v1'), { secrets: {}, dispatch: {}, repository: GOV, event: 'issue_comment' });
    expect(inputs).toMatchObject({ 'app-id': '', 'private-key': '', 'dry-run': 'false', now: '' });
    fake.operations.add('GroupStewardWork');
    const issue = fake.add({ repo: GOV, title: 'Registry API', author: { login: 'someone', type: 'User' }, createdAt: '2026-11-30T00:00:00Z' });
    const comment = fake.comment(GOV, issue.number, '2026-11-30T01:00:00Z', { login: 'someone', type: 'User' }, '/wg registry');
    const payload = {
      action: 'created',
      repository: { name: 'governance', full_name: GOV, owner: { login: 'example-org' }, default_branch: 'main' },
      sender: { login: 'someone', type: 'User', id: 5 },
      issue: { number: issue.number, title: issue.title, body: '', state: 'open', labels: [], user: { login: 'someone', type: 'User' } },
      comment: { id: comment.id, body: comment.body, created_at: comment.at, user: { login: 'someone', type: 'User' } },
    };
    fake.install();
    // What action.yml gives the inputs the step leaves out: the workflow's token.
    const run = await runInProcess({ token: 'ghs_workflow', 'governance-repo': GOV, ...inputs }, { GITHUB_API_URL: fake.baseUrl, GITHUB_GRAPHQL_URL: `${new URL(fake.baseUrl).origin}/api/graphql`, GITHUB_REPOSITORY: GOV }, { event: { name: 'issue_comment', payload } });
    expect({ code: run.code, errors: run.stdout.split('\n').filter((l) => l.startsWith('::error')) }).toEqual({ code: 0, errors: [] });
    expect(fake.get(GOV, issue.number).labels).toEqual(['wg:registry']);
    expect(run.summary).toContain('## Group Steward: `issue_comment.created`');
  }, 60_000);
});
