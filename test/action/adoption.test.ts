/**
 * The adoption path, end to end (issue 21, "Done when", first bullet): a fresh governance
 * repository adopted with `group-steward init` and the example workflow it writes, with NO App
 * server — only GitHub Actions running the Action for each event.
 *
 * For each policy `init` offers, the files init wrote into a temporary checkout are what the fake
 * GitHub serves: `.github/group-steward.yml` (with the people who decide filled in as `logins:`,
 * as the README tells adopters), `groups/` (README and schema, then the charters the story adds),
 * and the creation request form, whose YAML gives the issue body (rendered as GitHub renders a
 * submitted issue form). The workflow init wrote (`.github/workflows/group-steward.yml`) is parsed:
 * it must trigger on each event below, and its step's `with:` — evaluated as GitHub evaluates
 * expressions, for that event, without the App's secrets, with action.yml's defaults for the
 * inputs it leaves out (the workflow's token) — is what the Action gets. The events are GitHub's
 * example payloads (`@octokit/webhooks-examples`) moved to the fake's repository and items:
 *
 * 1. `pull_request_target` opened: a contributor's branch adds a working group's charter (validated
 *    and its directory regenerated with the CLI, as groups/README.md says) → "Group charters"
 *    success and the approval check ("Group creation vote" or "Group sponsorship");
 * 2. the pull request merged, `push` to main → the group's label synced;
 * 3. `issue_comment` created, `/wg registry` → the label and one link comment;
 * 4. `issues` opened with the creation request form → a pull request from
 *    `group-steward/request-<n>` whose branch validates with the CLI, and its checks in the same run;
 * 5. `schedule` → the activity job: outputs, the dashboard issue, the snapshot the workflow uploads.
 *
 * Each event runs the Action's entry, `run()` (src/action/main.ts: what the committed bundle calls
 * on load), in this process as the runner runs the step (`runInProcess`: the same `INPUT_*` and
 * `GITHUB_*` variables, payload, summary and output files) — test/action/app-events.test.ts runs
 * the committed bundle itself for every event kind. Against the stateful fake GitHub (every
 * GraphQL query validated against GitHub's schema, every REST request against its OpenAPI
 * description): what each event read and wrote is asserted, and nothing else.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { renderFormBody, WG_ANSWERS } from '../../bench/governance-loop.js';
import { DASHBOARD_LABEL, RETIREMENT_LABEL } from '../../src/activity/markers.js';
import { initCommand } from '../../src/cli/init-command.js';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { parseConfig } from '../../src/config/load.js';
import type { Policy } from '../../src/config/schema.js';
import { linkedMarker } from '../../src/linking/markers.js';
import { GROUP_REQUEST_LABEL, POLICY_FORMS } from '../../src/requests/forms.js';
import { FakeGovernance } from '../support/fake-governance.js';
import type { FakeActor, FakeItem } from '../support/fake-governance.js';
import { asUser, payloadIn, pullRequestPayload } from '../support/payloads.js';
import type { Json } from '../support/probot.js';
import type { BundleRun } from './run-bundle.js';
import { runInProcess } from './run-in-process.js';

const GOV = 'example-org/governance';
const [OWNER] = GOV.split('/') as [string];
/** `github.token`: what the token input defaults to (action.yml), the workflow's GITHUB_TOKEN. */
const WORKFLOW_TOKEN = 'ghs_workflow_token';
/** With the workflow's token, GitHub's App is GitHub Actions and its bot `github-actions[bot]`. */
const ACTIONS_BOT = 'github-actions[bot]';
const CONTRIBUTOR: FakeActor = { login: 'a-contributor', type: 'User', id: 2002 };
const PERSON: FakeActor = { login: 'someone', type: 'User', id: 3003 };
const REQUESTER: FakeActor = { login: 'octocat', type: 'User', id: 1001 };
const MAINTAINER: FakeActor = { login: 'core-one', type: 'User', id: 4004 };
const MODERATORS = ['mod-a', 'mod-b', 'mod-c'];
const CORE_MAINTAINERS = ['core-one', 'core-two'];
const LEAD_MAINTAINERS = ['lead-one'];

const DAY = 86_400_000;
/** The story happens now (the scheduled job judges at the clock, as a `schedule` run does). */
const START = Date.now();
const at = (minutes: number) => new Date(START + minutes * 60_000).toISOString();
const day = (days: number) => new Date(START + days * DAY).toISOString().slice(0, 10);

// ---- The workflow, as GitHub reads it ---------------------------------------------------------

interface WorkflowStep {
  name?: string;
  id?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  concurrency?: { group: string };
  jobs: Record<string, { steps: WorkflowStep[] }>;
}
interface ActionManifest {
  inputs: Record<string, { default?: string; required?: boolean }>;
  runs: { using: string; main: string };
}

const ACTION = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as ActionManifest;

/**
 * A GitHub Actions expression (the `${{ }}` inside), evaluated as GitHub does: literals, context
 * properties (case-insensitive, missing ones null), `!`, `==`, `!=`, `&&` and `||` (which return
 * an operand, not a boolean), parentheses, and the functions the workflow uses.
 */
function evaluateExpression(source: string, context: Record<string, unknown>): unknown {
  const tokens: { kind: 'number' | 'string' | 'op' | 'name'; text: string }[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d+)?)|'((?:[^']|'')*)'|(==|!=|&&|\|\||!|\(|\)|,)|([A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*))/y;
  for (let from = 0; source.slice(from).trim() !== ''; ) {
    pattern.lastIndex = from;
    const m = pattern.exec(source);
    if (!m) throw new Error(`the test cannot read the expression ${JSON.stringify(source)} at ${from}`);
    from = pattern.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'number', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'string', text: m[2].replace(/''/g, "'") });
    else if (m[3] !== undefined) tokens.push({ kind: 'op', text: m[3] });
    else tokens.push({ kind: 'name', text: m[4] as string });
  }
  let i = 0;
  const next = (text?: string) => {
    const token = tokens[i];
    if (!token || (text !== undefined && token.text !== text)) throw new Error(`expected ${text ?? 'more'} in ${JSON.stringify(source)}`);
    i += 1;
    return token;
  };
  const is = (text: string) => tokens[i]?.kind === 'op' && tokens[i]?.text === text;
  const functions: Record<string, (...args: unknown[]) => unknown> = {
    format: (format, ...args) => String(format).replace(/\{(\d+)\}/g, (_, n: string) => asText(args[Number(n)])),
    always: () => true,
    success: () => true,
  };
  const lookup = (path: string): unknown =>
    path.split('.').reduce<unknown>((value, key) => {
      if (value === null || typeof value !== 'object') return null;
      const found = Object.keys(value).find((k) => k.toLowerCase() === key.toLowerCase());
      return found === undefined ? null : ((value as Record<string, unknown>)[found] ?? null);
    }, context);
  const primary = (): unknown => {
    const token = next();
    if (token.kind === 'op' && token.text === '(') {
      const value = or();
      next(')');
      return value;
    }
    if (token.kind === 'op' && token.text === '!') return !truthy(primary());
    if (token.kind === 'number') return Number(token.text);
    if (token.kind === 'string') return token.text;
    if (token.kind === 'op') throw new Error(`unexpected ${token.text} in ${JSON.stringify(source)}`);
    const word = token.text.toLowerCase();
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    if (is('(')) {
      next('(');
      const args: unknown[] = [];
      while (!is(')')) {
        args.push(or());
        if (!is(')')) next(',');
      }
      next(')');
      const fn = functions[word];
      if (!fn) throw new Error(`the test cannot evaluate the function ${token.text}()`);
      return fn(...args);
    }
    return lookup(token.text);
  };
  const equality = (): unknown => {
    let left = primary();
    while (is('==') || is('!=')) {
      const op = next().text;
      const right = primary();
      left = looseEquals(left, right) === (op === '==');
    }
    return left;
  };
  const and = (): unknown => {
    let left = equality();
    while (is('&&')) {
      next();
      const right = equality();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const or = (): unknown => {
    let left = and();
    while (is('||')) {
      next();
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const value = or();
  if (i !== tokens.length) throw new Error(`unexpected ${tokens[i]?.text} in ${JSON.stringify(source)}`);
  return value;
}

function truthy(value: unknown): boolean {
  return !(value === null || value === undefined || value === false || value === 0 || value === '' || Number.isNaN(value));
}

function looseEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b) return a === b;
  const number = (v: unknown) => (v === null ? 0 : typeof v === 'boolean' ? Number(v) : typeof v === 'string' ? (v.trim() === '' ? 0 : Number(v)) : typeof v === 'number' ? v : NaN);
  return number(a) === number(b);
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A workflow value with its `${{ }}` expressions replaced by their values, as strings. */
function interpolate(text: string, context: Record<string, unknown>): string {
  return text.replace(/\$\{\{\s*([\s\S]+?)\s*\}\}/g, (_, expression: string) => asText(evaluateExpression(expression, context)));
}

/** What the workflow's expressions see for `event`: no App secrets; `inputs` only for workflow_dispatch. */
function expressionContext(event: string, payload: unknown, dispatched: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    github: { event_name: event, repository: GOV, repository_owner: OWNER, token: WORKFLOW_TOKEN, run_id: '1001', event: payload },
    // An adopter without the App: none of the workflow's secrets are set.
    secrets: { GITHUB_TOKEN: WORKFLOW_TOKEN },
    inputs: event === 'workflow_dispatch' ? dispatched : {},
    vars: {},
    env: {},
  };
}

/** The Group Steward step of the workflow. */
function stewardStep(workflow: Workflow): WorkflowStep {
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps).filter((s) => s.uses?.startsWith('modelcontextprotocol/group-steward@'));
  expect(steps).toHaveLength(1);
  return steps[0] as WorkflowStep;
}

/**
 * The step's inputs as the runner gives them for `event`: its `with:` evaluated, then action.yml's
 * default (evaluated) for each input it leaves out. The `with:` names only inputs action.yml declares.
 */
function stepInputs(workflow: Workflow, event: string, payload: unknown, dispatched: Record<string, unknown> = {}): Record<string, string> {
  const context = expressionContext(event, payload, dispatched);
  const given = Object.entries(stewardStep(workflow).with ?? {}).map(([name, value]) => [name, interpolate(String(value), context)] as const);
  expect(given.map(([name]) => name).filter((name) => !(name in ACTION.inputs))).toEqual([]);
  const inputs: Record<string, string> = Object.fromEntries(given);
  for (const [name, spec] of Object.entries(ACTION.inputs)) {
    if (!(name in inputs) && spec.default !== undefined) inputs[name] = interpolate(String(spec.default), context);
  }
  return inputs;
}

/** Whether the workflow triggers on `event` with `action` (a `types:` filter, or none), on branch `branch` for a push. */
function triggers(workflow: Workflow, event: string, action?: string, branch?: string): boolean {
  if (!(event in workflow.on)) return false;
  const filter = workflow.on[event] as { types?: string[]; branches?: string[] } | null | unknown[];
  if (filter === null || Array.isArray(filter)) return true;
  if (action !== undefined && filter.types && !filter.types.includes(action)) return false;
  if (branch !== undefined && filter.branches && !filter.branches.includes(branch)) return false;
  return true;
}

// ---- The issue form, as GitHub renders a submitted one -----------------------------------------

interface IssueForm {
  name: string;
  title: string;
  labels: string[];
  body: { type: string; id?: string; attributes: { label?: string }; validations?: { required?: boolean } }[];
}

/** The body GitHub gives an issue opened with `form`: `### <label>`, a blank line, the answer (or `_No response_`), per field. */
function renderIssueForm(form: IssueForm, answers: Record<string, string>): string {
  const fields = form.body.filter((element) => element.type !== 'markdown');
  const unanswered = fields.filter((f) => f.validations?.required === true && !answers[f.id as string]?.trim()).map((f) => f.id);
  expect({ unanswered }).toEqual({ unanswered: [] });
  return fields.map((f) => `### ${f.attributes.label}\n\n${answers[f.id as string]?.trim() ? answers[f.id as string] : '_No response_'}`).join('\n\n');
}

// ---- GitHub's example payloads, moved to the fake ----------------------------------------------

/** GitHub's example payload for `event`/`action`, moved to the governance repository, as Actions gives it (no `installation`). */
const payloadFor = (event: string, action: string | undefined, pick?: (p: Json) => boolean): Json => payloadIn(GOV, event, action, pick);

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
    updated_at: issue.createdAt,
    html_url: `https://github.com/${GOV}/issues/${issue.number}`,
  };
  return payload;
}

function commentPayload(issue: FakeItem, comment: { id: number; body: string; at: string }, author: FakeActor): Json {
  const payload = payloadFor('issue_comment', 'created', (p) => !p.issue.pull_request);
  payload.sender = asUser(payload.sender, author);
  payload.issue = {
    ...payload.issue,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: 'open',
    labels: issue.labels.map((name, i) => ({ id: i + 1, name })),
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

function pushPayload(before: string, after: string, files: { added: string[]; modified: string[] }, pusher: FakeActor): Json {
  const payload = payloadFor('push', undefined, (p) => typeof p.ref === 'string' && p.ref.startsWith('refs/heads/'));
  Object.assign(payload, { ref: 'refs/heads/main', before, after, created: false, deleted: false, forced: false, base_ref: null });
  payload.commits = [{ ...(payload.head_commit ?? {}), id: after, added: files.added, modified: files.modified, removed: [] }];
  payload.head_commit = payload.commits[0];
  payload.sender = asUser(payload.sender, pusher);
  return payload;
}

// ---- The checkout, and the CLI in it ---------------------------------------------------------------

/** Runs the CLI in `cwd`; returns its exit code and output. */
async function cli(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, now: () => new Date(START) };
  const code = argv[0] === 'init' ? await initCommand(argv.slice(1), io) : await runCli(argv, io);
  return { code, stdout, stderr };
}

/** The files of a checkout's `groups/`, by name, as the fake holds a branch's charters folder. */
async function groupsFolder(root: string): Promise<Record<string, string>> {
  const names = (await readdir(join(root, 'groups'))).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(root, 'groups', n), 'utf8')] as const)));
}

/** A checkout of a branch: `groups/` holding `files`. */
async function checkout(root: string, files: Record<string, string>): Promise<void> {
  await mkdir(join(root, 'groups'), { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(root, 'groups', name), text);
}

/**
 * `.github/group-steward.yml` as init wrote it, the people who decide named as `logins:` in its
 * `vote:` block (its commented examples replaced): the moderators under SEP-1302, the core and lead
 * maintainers under SEP-2149 — what init's "Next:" names for each policy.
 */
function namePeople(text: string, policy: Policy): string {
  const people: Record<string, string[]> = policy === 'sep-1302' ? { moderators: MODERATORS } : { core_maintainers: CORE_MAINTAINERS, lead_maintainers: LEAD_MAINTAINERS };
  let edited = text;
  for (const [key, logins] of Object.entries(people)) {
    const commented = new RegExp(`^  # ${key}: .*$`, 'm');
    expect(edited).toMatch(commented);
    edited = edited.replace(commented, `  ${key}: { logins: [${logins.join(', ')}] }`);
  }
  return edited;
}

/** A working group's charter, as a contributor writes it: formed a week ago, its first work an issue here. */
function contributorCharter(policy: Policy, firstWork: string): string {
  const leaders = policy === 'sep-1302' ? ['facilitators:', `  - ${CONTRIBUTOR.login}`] : ['leads:', `  - login: ${CONTRIBUTOR.login}`, `    term: until ${day(365)}`];
  return [
    '# yaml-language-server: $schema=./charter.schema.json',
    'id: registry',
    'name: Registry Working Group',
    'type: working',
    'status: active',
    `formed: ${day(-7)}`,
    ...leaders,
    'discord: registry-wg',
    'use_cases: >-',
    '  Publishes the registry of MCP servers.',
    `first_work: ${firstWork}`,
    '',
  ].join('\n');
}

/** The creation request's answers: bench/governance-loop.ts's, with SEP-2149's leads and sponsors. */
function requestAnswers(policy: Policy): Record<string, string> {
  return policy === 'sep-1302' ? WG_ANSWERS : { ...WG_ANSWERS, leads: `@octocat until ${day(365)}\nhubot`, sponsors: CORE_MAINTAINERS.join(', ') };
}

// ---- The Action in this process -----------------------------------------------------------------

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'group-steward-adoption-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** No `::error` line, exit code 0. */
const succeeded = (r: BundleRun) => ({ code: r.code, errors: r.stdout.split('\n').filter((l) => l.startsWith('::error')), stderr: r.stderr });
const OK = { code: 0, errors: [], stderr: '' };

// ---- The story ---------------------------------------------------------------------------------------

describe.each<[Policy, string]>([
  ['sep-1302', 'Group creation vote'],
  ['sep-2149', 'Group sponsorship'],
])('a fresh governance repository adopted with `group-steward init --policy %s` and its workflow, no App', (policy, approvalCheck) => {
  let root: string;
  let workflow: Workflow;
  let fake: FakeGovernance;
  let env: Record<string, string>;
  /** The issue the charter names as its first work, and that the /wg comment links. */
  let workIssue: FakeItem;
  let charterPull: FakeItem;

  beforeAll(async () => {
    root = await mkdtemp(join(scratch, `${policy}-checkout-`));
    const init = await cli(['init', '--dir', root, '--policy', policy], root);
    expect({ code: init.code, stderr: init.stderr }).toEqual({ code: 0, stderr: '' });
    expect(init.stdout).toContain('6 written, 0 kept.');

    // The adopter names the people who decide, as the README says, and commits.
    const configPath = join(root, '.github', 'group-steward.yml');
    const config = namePeople(await readFile(configPath, 'utf8'), policy);
    await writeFile(configPath, config);
    workflow = parse(await readFile(join(root, '.github', 'workflows', 'group-steward.yml'), 'utf8')) as Workflow;

    fake = new FakeGovernance({ governanceRepo: GOV, baseUrl: 'http://127.0.0.1/api/v3', appSlug: 'github-actions' });
    fake.now = new Date(START);
    fake.configs.set(GOV, config);
    fake.charters = await groupsFolder(root);
    for (const op of ['GroupStewardWork', 'GroupStewardCharterBranch']) fake.operations.add(op);
    // The fake answers at its own origin through nock's interceptors.
    fake.install();
    env = { GITHUB_API_URL: fake.baseUrl, GITHUB_GRAPHQL_URL: `${new URL(fake.baseUrl).origin}/api/graphql`, GITHUB_REPOSITORY: GOV };
  }, 60_000);
  afterAll(() => {
    fake.uninstall();
  });
  afterEach(() => {
    fake.assertClean();
  });

  it('init wrote a configuration that parses, with the chosen policy and the people named as logins', async () => {
    const text = await readFile(join(root, '.github', 'group-steward.yml'), 'utf8');
    const config = parseConfig(parse(text));
    expect(config.policy).toBe(policy);
    expect(config.groups_dir).toBe('groups');
    if (policy === 'sep-1302') expect(config.vote.moderators).toEqual({ logins: MODERATORS });
    else expect({ core: config.vote.core_maintainers, lead: config.vote.lead_maintainers }).toEqual({ core: { logins: CORE_MAINTAINERS }, lead: { logins: LEAD_MAINTAINERS } });
    expect(Object.keys(fake.charters).sort()).toEqual(['README.md', 'charter.schema.json']);
    // The workflow init wrote triggers on every event of this story, and passes only declared inputs.
    expect({
      pullRequestOpened: triggers(workflow, 'pull_request_target', 'opened'),
      pushToMain: triggers(workflow, 'push', undefined, 'main'),
      commentCreated: triggers(workflow, 'issue_comment', 'created'),
      issueOpened: triggers(workflow, 'issues', 'opened'),
      schedule: triggers(workflow, 'schedule'),
    }).toEqual({ pullRequestOpened: true, pushToMain: true, commentCreated: true, issueOpened: true, schedule: true });
    expect(stewardStep(workflow).uses).toBe('modelcontextprotocol/group-steward@v1');
    // Without the App's secrets, every event runs with the workflow's token, for real (not a dry run).
    for (const event of ['pull_request_target', 'push', 'issue_comment', 'issues', 'schedule']) {
      expect(stepInputs(workflow, event, {})).toEqual({
        'governance-repo': GOV,
        'dry-run': 'false',
        'app-id': '',
        'private-key': '',
        token: WORKFLOW_TOKEN,
        now: '',
        'snapshot-path': 'activity-snapshot.json',
      });
    }
    // Run by hand (dry run checked, as the README says to try it first), the job only plans.
    expect(stepInputs(workflow, 'workflow_dispatch', {}, { 'dry-run': true, now: '' })).toMatchObject({ 'dry-run': 'true', token: WORKFLOW_TOKEN });
    // The activity job one run at a time; each event its own run.
    expect(interpolate(workflow.concurrency?.group ?? '', expressionContext('schedule', {}))).toBe('group-steward-activity');
    expect(interpolate(workflow.concurrency?.group ?? '', expressionContext('issues', {}))).toBe('group-steward-1001');
  });

  it(`pull_request_target opened, a contributor's branch adding a charter: "Group charters" succeeds and "${approvalCheck}" starts`, async () => {
    workIssue = fake.add({ repo: GOV, title: 'Publish the registry API', body: 'Where do we start?', author: PERSON, createdAt: at(-120) });
    // The contributor writes the charter in a checkout, checks it and regenerates the directory, as groups/README.md says.
    const branch = await mkdtemp(join(scratch, `${policy}-contributor-`));
    await checkout(branch, fake.charters);
    await writeFile(join(branch, 'groups', 'registry.yaml'), contributorCharter(policy, `https://github.com/${GOV}/issues/${workIssue.number}`));
    const validate = await cli(['validate', 'groups', ...(policy === 'sep-2149' ? ['--policy', 'sep-2149'] : [])], branch);
    expect({ code: validate.code, stderr: validate.stderr }).toEqual({ code: 0, stderr: '' });
    const directory = await cli(['directory', 'groups', '--write', 'groups/README.md'], branch);
    expect({ code: directory.code, stderr: directory.stderr }).toEqual({ code: 0, stderr: '' });
    const files = await groupsFolder(branch);
    expect(files['README.md']).toContain('Registry Working Group');

    fake.branches.set('add-registry', { sha: 'e'.repeat(40), files });
    charterPull = fake.add({ repo: GOV, type: 'pull_request', title: 'Charter the Registry WG', body: 'A new working group.', author: CONTRIBUTOR, createdAt: at(-60), headRef: 'add-registry', baseRef: 'main' });
    const payload = pullRequestPayload(fake, charterPull, CONTRIBUTOR);
    const result = await runInProcess(stepInputs(workflow, 'pull_request_target', payload), env, { event: { name: 'pull_request_target', payload } });
    expect(succeeded(result)).toEqual(OK);

    const runs = fake.latestRuns(charterPull.number);
    expect([...runs.keys()].sort()).toEqual(['Group charters', approvalCheck].sort());
    // Posted with the workflow's token: the check runs are GitHub Actions'. The directory the
    // contributor regenerated is up to date: no annotation.
    expect(runs.get('Group charters')).toMatchObject({ app: 'github-actions', head_sha: 'e'.repeat(40), status: 'completed', conclusion: 'success', output: { title: 'Charters valid' }, annotations: [] });
    expect(runs.get(approvalCheck)).toMatchObject(
      policy === 'sep-1302'
        ? { app: 'github-actions', head_sha: 'e'.repeat(40), status: 'in_progress', conclusion: null, output: { title: expect.stringMatching(/^Voting until \S+: 0\/2 approvals$/) } }
        : { app: 'github-actions', head_sha: 'e'.repeat(40), status: 'in_progress', conclusion: null, output: { title: "Waiting for two core maintainers' approvals, or a lead maintainer's" } },
    );
    // The people named in the configuration are the ones counted.
    const people = policy === 'sep-1302' ? MODERATORS : [...LEAD_MAINTAINERS, ...CORE_MAINTAINERS];
    for (const login of people) expect(runs.get(approvalCheck)?.output.summary).toContain(`@${login}`);
    // The configuration, the pull request's charters at head and base (one GraphQL request), the
    // two check runs, then linking's registry read.
    expect(fake.kinds()).toEqual(['GET config', 'graphql GroupStewardPullRequestCharters', `POST /repos/${GOV}/check-runs`, `POST /repos/${GOV}/check-runs`, 'graphql GroupStewardRegistry']);
    expect(fake.writes()).toEqual([`POST /repos/${GOV}/check-runs`, `POST /repos/${GOV}/check-runs`]);
    expect(result.stdout).toContain(`[pull_request.opened] charter check repo=${GOV} pull=${charterPull.number} posted=["Group charters","${approvalCheck}"] newGroups=registry`);
    expect(result.outputs).toEqual({ writes: '2' });
    expect(result.summary).toContain('## Group Steward: `pull_request_target.opened`');
    expect(result.summary).toContain('5 requests, 2 writes.');
    // The token never reaches the log but to be masked.
    expect(result.stdout.split('\n').filter((l) => l.includes(WORKFLOW_TOKEN))).toEqual([`::add-mask::${WORKFLOW_TOKEN}`]);
  }, 120_000);

  it('the pull request merged, push to main: the group\'s label is created', async () => {
    const before = fake.defaultSha;
    fake.merge(charterPull.number, at(-50), MAINTAINER);
    expect(Object.keys(fake.charters).sort()).toEqual(['README.md', 'charter.schema.json', 'registry.yaml']);
    const payload = pushPayload(before, fake.defaultSha, { added: ['groups/registry.yaml'], modified: ['groups/README.md'] }, MAINTAINER);
    expect(triggers(workflow, 'push', undefined, payload.ref.replace('refs/heads/', ''))).toBe(true);
    const from = fake.requests.length;
    const result = await runInProcess(stepInputs(workflow, 'push', payload), env, { event: { name: 'push', payload } });
    expect(succeeded(result)).toEqual(OK);

    expect(fake.repoLabels.get(GOV)).toEqual([{ name: 'wg:registry', color: '1d76db', description: 'Registry Working Group' }]);
    expect(fake.kinds(from)).toEqual(['GET config', 'graphql GroupStewardRegistry', `GET /repos/${GOV}/labels`, `POST /repos/${GOV}/labels`]);
    expect(result.outputs).toEqual({ writes: '1' });
    expect(result.summary).toContain(`- ✅ \`POST /repos/${GOV}/labels\` — wg:registry`);
  }, 120_000);

  it('issue_comment created, `/wg registry` on an issue: the label and one link comment', async () => {
    const comment = fake.comment(GOV, workIssue.number, at(-40), PERSON, '/wg registry');
    const payload = commentPayload(workIssue, comment, PERSON);
    const from = fake.requests.length;
    const result = await runInProcess(stepInputs(workflow, 'issue_comment', payload), env, { event: { name: 'issue_comment', payload } });
    expect(succeeded(result)).toEqual(OK);

    expect(fake.get(GOV, workIssue.number).labels).toEqual(['wg:registry']);
    const links = fake.commentsOn(GOV, workIssue.number).filter((c) => c.by === ACTIONS_BOT);
    expect(links).toHaveLength(1);
    expect(links[0]?.body).toContain(linkedMarker('registry'));
    expect(links[0]?.body).toContain(`**Registry Working Group** (\`wg:registry\`): see its [charter](https://github.com/${GOV}/blob/HEAD/groups/registry.yaml)`);
    expect(links[0]?.body).toContain(`[${CONTRIBUTOR.login}](https://github.com/${CONTRIBUTOR.login})`);
    expect(fake.kinds(from)).toEqual(['GET config', 'graphql GroupStewardRegistry', 'graphql GroupStewardWork', `POST /repos/${GOV}/issues/${workIssue.number}/labels`, 'POST comment']);
    expect(fake.writes(from)).toEqual([`POST /repos/${GOV}/issues/${workIssue.number}/labels`, `POST /repos/${GOV}/issues/${workIssue.number}/comments`]);
    expect(result.outputs).toEqual({ writes: '2' });
    expect(result.summary).toContain('writes=add-labels,create-comment');
  }, 120_000);

  it('issues opened with the creation request form: a pull request from group-steward/request-<n> whose charter validates, checked in the same run', async () => {
    // The form init wrote, filled in and submitted: the body GitHub renders from it.
    const form = POLICY_FORMS[policy][0] as (typeof POLICY_FORMS)[Policy][number];
    expect(form.type).toBe('working');
    const formFile = parse(await readFile(join(root, ...form.file.split('/')), 'utf8')) as IssueForm;
    const answers = requestAnswers(policy);
    const body = renderIssueForm(formFile, answers);
    expect(body).toBe(renderFormBody(form, answers));
    expect(formFile.labels).toEqual([GROUP_REQUEST_LABEL]);
    const issue = fake.add({ repo: GOV, title: `${formFile.title}Tool Filtering`, body, labels: formFile.labels, author: REQUESTER, createdAt: at(-30) });
    const payload = issueOpenedPayload(issue, REQUESTER);
    const from = fake.requests.length;
    const result = await runInProcess(stepInputs(workflow, 'issues', payload), env, { event: { name: 'issues', payload } });
    expect(succeeded(result)).toEqual(OK);

    const pull = fake.governancePulls().find((p) => p.headRef === `group-steward/request-${issue.number}`) as FakeItem;
    expect(pull).toMatchObject({ state: 'open', baseRef: 'main', author: { login: ACTIONS_BOT } });
    // The request's branch holds the new charter and the regenerated directory: the CLI, in a
    // checkout of that branch, finds the charters valid and the directory up to date.
    const files = fake.branchFiles(pull.headRef as string);
    expect(Object.keys(files).sort()).toEqual(['README.md', 'charter.schema.json', 'registry.yaml', 'tool-filtering.yaml']);
    expect(parse(files['tool-filtering.yaml'] as string)).toMatchObject(
      policy === 'sep-1302'
        ? { id: 'tool-filtering', name: 'Tool Filtering Working Group', type: 'working', facilitators: ['octocat', 'hubot'], discord: 'tool-filtering-wg' }
        : { id: 'tool-filtering', name: 'Tool Filtering Working Group', type: 'working', leads: [{ login: 'octocat', term: `until ${day(365)}` }, { login: 'hubot' }], sponsors: CORE_MAINTAINERS },
    );
    const requested = await mkdtemp(join(scratch, `${policy}-request-`));
    await checkout(requested, files);
    const validate = await cli(['validate', 'groups', ...(policy === 'sep-2149' ? ['--policy', 'sep-2149'] : [])], requested);
    expect({ code: validate.code, stderr: validate.stderr }).toEqual({ code: 0, stderr: '' });
    const directory = await cli(['directory', 'groups', '--check', 'groups/README.md'], requested);
    expect({ code: directory.code, stdout: directory.stdout, stderr: directory.stderr }).toEqual({ code: 0, stdout: 'groups/README.md is up to date\n', stderr: '' });

    // GitHub starts no workflow for it (the workflow's token opened it): its checks came in this run.
    const runs = fake.latestRuns(pull.number);
    expect([...runs.keys()].sort()).toEqual(['Group charters', approvalCheck].sort());
    expect(runs.get('Group charters')).toMatchObject({ app: 'github-actions', head_sha: fake.headSha(pull), status: 'completed', conclusion: 'success', annotations: [] });
    expect(runs.get(approvalCheck)).toMatchObject({ app: 'github-actions', head_sha: fake.headSha(pull), status: 'in_progress' });
    // The requester is told where the pull request is.
    const replies = fake.commentsOn(GOV, issue.number).filter((c) => c.by === ACTIONS_BOT);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain(`#${pull.number}`);
    expect(fake.kinds(from)).toEqual([
      // issues.opened: the configuration, linking's reads, the request's read and its writes (the charter and the directory).
      'GET config',
      'graphql GroupStewardRegistry',
      'graphql GroupStewardWork',
      'graphql GroupStewardCharterBranch',
      'POST branch',
      'PUT file',
      'PUT file',
      'POST pull',
      'POST comment',
      // pull_request.opened of the pull request just opened, in the same run.
      'graphql GroupStewardPullRequestCharters',
      `POST /repos/${GOV}/check-runs`,
      `POST /repos/${GOV}/check-runs`,
    ]);
    expect(fake.writes(from)).toEqual([
      `POST /repos/${GOV}/git/refs`,
      // Octokit sends the file's path as one parameter (`/` as %2F), which GitHub accepts.
      `PUT /repos/${GOV}/contents/groups%2Ftool-filtering.yaml`,
      `PUT /repos/${GOV}/contents/groups%2FREADME.md`,
      `POST /repos/${GOV}/pulls`,
      `POST /repos/${GOV}/issues/${issue.number}/comments`,
      `POST /repos/${GOV}/check-runs`,
      `POST /repos/${GOV}/check-runs`,
    ]);
    expect(result.stdout).toContain(`pull request #${pull.number} was opened with the workflow's token, whose events start no workflow: delivering its pull_request.opened in this run`);
    expect(result.outputs).toEqual({ writes: '7' });
    expect(result.summary).toContain('12 requests, 7 writes.');
    expect(result.summary).toContain(`- #${pull.number}: opened with the workflow's token, whose events start no workflow`);
  }, 120_000);

  it('schedule: the activity job runs — outputs set, the dashboard opened, the snapshot the workflow uploads saved', async () => {
    const crons = (workflow.on.schedule as { cron: string }[]).map((s) => s.cron);
    expect(crons).toHaveLength(1);
    const payload = { schedule: crons[0] };
    const inputs = stepInputs(workflow, 'schedule', payload);
    // The step after the Action uploads the snapshot it saved, on a schedule.
    const upload = Object.values(workflow.jobs).flatMap((job) => job.steps).find((s) => s.uses?.startsWith('actions/upload-artifact@')) as WorkflowStep;
    expect(truthy(evaluateExpression(String(upload.if), expressionContext('schedule', payload)))).toBe(true);
    expect(upload.with?.path).toBe(inputs['snapshot-path']);
    let snapshot: { items?: unknown[] } | undefined;
    const from = fake.requests.length;
    const result = await runInProcess(inputs, env, {
      event: { name: 'schedule', payload },
      inspect: async (cwd) => {
        snapshot = JSON.parse(await readFile(join(cwd, inputs['snapshot-path'] as string), 'utf8')) as { items?: unknown[] };
      },
    });
    expect(succeeded(result)).toEqual(OK);

    expect(snapshot?.items?.length).toBeGreaterThan(0);
    // The one chartered group (the creation request's is not merged): active, its /wg comment the latest human activity.
    expect(result.outputs).toEqual({ active: '1', idle: '0', completed: '0', grace: '0', unknown: '0', retired: '0', writes: '1', deferred: '0', 'settled-votes': '0' });
    expect(result.summary).toContain(`## Group activity: ${GOV}`);
    expect(result.summary).toMatch(/^\| Registry Working Group \| `registry` \| working \| active \| /m);
    const dashboards = fake.issuesLabelled(DASHBOARD_LABEL, 'open');
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]).toMatchObject({ title: 'Group health dashboard', author: { login: ACTIONS_BOT } });
    expect(fake.issuesLabelled(RETIREMENT_LABEL)).toEqual([]);
    expect(fake.kinds(from)).toEqual([
      'GET config',
      'graphql GroupStewardRegistry',
      'graphql GroupStewardSources',
      'graphql GroupStewardActivitySearch',
      'graphql GroupStewardGovernanceIssues',
      'POST issue',
      'graphql GroupStewardOpenVotes',
    ]);
    expect(fake.writes(from)).toEqual([`POST /repos/${GOV}/issues`]);
  }, 120_000);
});
