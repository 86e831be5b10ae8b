/**
 * The Action's pieces in this process (test/action/app-events.test.ts and action.test.ts run the
 * committed bundle as Actions does): the logger Probot gets in a step, the event payload's
 * bounded read, the one-line failure messages — a host nothing answered on included (the wording
 * shared with the CLI: src/github/network-errors.ts) — and `runAction` itself against an
 * unreachable API, on both paths (the scheduled job, an event).
 */
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import nock from 'nock';
import { appEventName, eventLabel, openedPayload } from '../../src/action/app-events.js';
import { run } from '../../src/action/main.js';
import { ActionInputError, EventPayloadError, failureMessage, MAX_EVENT_BYTES, readEventPayload, runAction } from '../../src/action/run-action.js';
import { describeError, formatCall, neutralise, stepLogger } from '../../src/action/step-log.js';
import type { LogRecord } from '../../src/action/step-log.js';
import { createCliClient } from '../../src/github/cli-client.js';
import { forgetGroupRegistry } from '../../src/github/group-registry.js';
import { forgetRepoConfig } from '../../src/github/repo-config.js';
import { parseOutputs } from './run-bundle.js';

let temp: string;
beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'group-steward-run-action-'));
});
afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

/** A sink that keeps every line by level. */
function memorySink() {
  const lines: { level: string; text: string }[] = [];
  const at = (level: string) => (text: string) => void lines.push({ level, text });
  return { lines, sink: { debug: at('debug'), info: at('info'), warning: at('warning'), error: at('error') } };
}

describe('the step logger (pino-compatible, for Probot)', () => {
  it('writes pino\'s forms as one line each: the event, the message, the fields; debug, info, warning, error', () => {
    const { lines, sink } = memorySink();
    const records: LogRecord[] = [];
    const log = stepLogger(sink, (r) => records.push(r)).child({ name: 'event', id: 'run-1' }).child({ event: 'issues.opened', installation: null });
    log.info({ repo: 'o/r', issue: 3, writes: ['create-branch', 'create-pull'], pull: null }, 'creation request');
    log.warn({ repo: 'o/r', problems: ['vote: unknown key'] }, 'linking skipped: invalid .github/group-steward.yml');
    log.debug('Webhook received');
    log.info('plain %s', 'words');
    expect(lines).toEqual([
      { level: 'info', text: '[issues.opened] creation request repo=o/r issue=3 writes=create-branch,create-pull pull=null' },
      { level: 'warning', text: '[issues.opened] linking skipped: invalid .github/group-steward.yml repo=o/r problems=["vote: unknown key"]' },
      { level: 'debug', text: '[issues.opened] Webhook received' },
      { level: 'info', text: '[issues.opened] plain %s words' },
    ]);
    expect(records.map((r) => [r.level, r.bindings.event])).toEqual([['info', 'issues.opened'], ['warn', 'issues.opened'], ['info', 'issues.opened']]);
  });

  it('an error is its message and GitHub\'s answer, never a stack or a header; alone (Probot\'s report of a failed handler) it is an info line', () => {
    const { lines, sink } = memorySink();
    const records: LogRecord[] = [];
    const log = stepLogger(sink, (r) => records.push(r)).child({ name: 'event', id: 'd' });
    const error = Object.assign(new Error('Bad credentials\n    at somewhere (file.js:1:1)'), { status: 401, request: { method: 'POST', url: 'https://api.github.com/repos/o/r/check-runs', headers: { authorization: 'token ghs_secret' } } });
    log.error({ repo: 'o/r', err: error, request: { headers: { authorization: 'token ghs_secret' } } }, 'charter check: the check run could not be written');
    log.error(error);
    expect(lines).toEqual([
      { level: 'error', text: 'charter check: the check run could not be written: Bad credentials … (GitHub answered 401 to POST https://api.github.com/repos/o/r/check-runs) repo=o/r' },
      { level: 'info', text: 'error: Bad credentials … (GitHub answered 401 to POST https://api.github.com/repos/o/r/check-runs)' },
    ]);
    expect(JSON.stringify(lines)).not.toContain('ghs_secret');
    expect(records).toHaveLength(1);
  });

  it('keeps its methods when Octokit copies it with Object.assign (own properties, not a prototype\'s)', () => {
    const { lines, sink } = memorySink();
    const copy = Object.assign({ debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }, stepLogger(sink).child({ name: 'octokit' }));
    copy.warn('secondary rate limit on POST /repos/o/r/issues: retrying in 60 s');
    expect(lines).toEqual([{ level: 'warning', text: 'octokit: secondary rate limit on POST /repos/o/r/issues: retrying in 60 s' }]);
  });

  it('no info line can run a workflow command', () => {
    const { lines, sink } = memorySink();
    stepLogger(sink).info('title\n::set-output name=x::y\n  ::add-mask::z');
    expect(lines[0]?.text.split('\n').some((l) => l.trim().startsWith('::'))).toBe(false);
    expect(neutralise('::error::x')).toBe(': :error::x');
    expect(neutralise('a ::b')).toBe('a ::b');
  });

  it('formats values: long strings cut, objects without secret keys, errors quoted', () => {
    expect(formatCall({ body: 'x'.repeat(1000) }, ['m'])).toMatch(/^m body=x{299}…$/);
    expect(formatCall({ options: { headers: { authorization: 't' }, ok: 1 } }, ['m'])).toBe('m options={"ok":1}');
    expect(formatCall({ e: new Error('boom') }, [])).toBe('e="boom"');
    expect(describeError(new AggregateError([new Error('one'), new Error('two')], 'one\ntwo'))).toBe('one; two');
  });
});

describe('the event', () => {
  it('pull_request_target reaches the App as pull_request; other names as they are; the label has the action', () => {
    expect(appEventName('pull_request_target')).toBe('pull_request');
    expect(appEventName('issue_comment')).toBe('issue_comment');
    expect(eventLabel('issues', { action: 'opened' })).toBe('issues.opened');
    expect(eventLabel('push', {})).toBe('push');
  });

  it('the opened payload of a pull request the run opened: GitHub\'s pull request, the event\'s repository and sender', () => {
    const pull = { number: 7, user: { login: 'github-actions[bot]' }, head: { sha: 'a' }, base: { sha: 'b' } };
    const original = { action: 'opened', repository: { full_name: 'o/r' }, sender: { login: 'octocat' }, issue: { number: 3 } };
    expect(openedPayload(pull, original)).toEqual({ action: 'opened', number: 7, pull_request: pull, repository: original.repository, sender: original.sender });
  });

  it('reads the payload file; refuses a missing, unreadable, oversized, non-JSON or non-object one, saying which', async () => {
    const file = join(temp, 'event.json');
    await writeFile(file, JSON.stringify({ action: 'created', comment: { body: '/wg x' } }));
    await expect(readEventPayload(file)).resolves.toEqual({ action: 'created', comment: { body: '/wg x' } });
    await expect(readEventPayload(undefined)).rejects.toThrow(/^GITHUB_EVENT_PATH is not set/);
    await expect(readEventPayload(join(temp, 'none.json'))).rejects.toThrow(/cannot be read: no such file$/);
    await expect(readEventPayload(temp)).rejects.toThrow(EventPayloadError);
    await writeFile(file, 'not json');
    await expect(readEventPayload(file)).rejects.toThrow(/is not JSON: /);
    await writeFile(file, '"a string"');
    await expect(readEventPayload(file)).rejects.toThrow(/is not a JSON object$/);
    // A file bigger than any webhook payload is refused as soon as the read passes the limit.
    await truncate(file, MAX_EVENT_BYTES + 1);
    await expect(readEventPayload(file)).rejects.toThrow(`is over ${MAX_EVENT_BYTES} bytes`);
  });
});

/** A port on the loopback interface nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('a host nothing answered on', () => {
  beforeAll(() => nock.enableNetConnect('127.0.0.1'));
  afterAll(() => nock.disableNetConnect());

  it('is said plainly, naming the host and the request, not as "GitHub answered 500"', async () => {
    const port = await closedPort();
    const gh = await createCliClient({ GITHUB_TOKEN: 't', GITHUB_API_URL: `http://127.0.0.1:${port}/api/v3` }, 'o/r', { retryAfterBaseMs: 1 });
    const error = await gh.rest.issues.listLabelsForRepo({ owner: 'o', repo: 'r' }).then(() => undefined, (e: unknown) => e);
    // How Octokit reports it: a 500 with no response.
    expect(error).toMatchObject({ status: 500, response: undefined });
    expect(failureMessage(error)).toBe(`Group Steward could not run the activity job: could not reach 127.0.0.1:${port} (connect ECONNREFUSED): nothing answered GET http://127.0.0.1:${port}/api/v3/repos/o/r/labels; check GITHUB_API_URL / GITHUB_GRAPHQL_URL and the runner's network`);
    // No answer for another reason (a reset): still not "GitHub answered".
    const reset = Object.assign(new Error('other side closed'), { status: 500, request: { method: 'GET', url: 'https://api.github.com/x' }, cause: Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }) });
    expect(failureMessage(reset, 'handle push')).toBe('Group Steward could not handle push: nothing answered GET https://api.github.com/x: other side closed');
    // A 500 GitHub did answer is GitHub's.
    expect(failureMessage(Object.assign(new Error('Server Error'), { status: 500, request: { method: 'GET', url: 'https://api.github.com/x' }, response: { status: 500 } }))).toBe('Group Steward could not run the activity job: GitHub answered 500 to GET https://api.github.com/x: Server Error');
  });
});

describe('failureMessage', () => {
  it('one line: the input, GitHub\'s answer with a hint for a missing permission, or each handler\'s error', () => {
    expect(failureMessage(new ActionInputError('dry-run must be true or false, not "maybe"'))).toBe('Group Steward could not run the activity job: input dry-run must be true or false, not "maybe"');
    const refused = Object.assign(new Error('Resource not accessible by integration'), { status: 403, request: { method: 'POST', url: 'https://api.github.com/repos/o/r/check-runs' } });
    expect(failureMessage(refused, 'handle pull_request.opened')).toBe('Group Steward could not handle pull_request.opened: GitHub answered 403 to POST https://api.github.com/repos/o/r/check-runs: Resource not accessible by integration (the token may not do this: see the permissions in docs/action.md; a fork\'s pull_request run gets a read-only token)');
    const both = new AggregateError([new Error('first\nat x'), Object.assign(new Error('Not Found'), { status: 404, request: { method: 'GET', url: 'https://api.github.com/a' } })], 'x');
    expect(failureMessage(both, 'handle issues.opened')).toBe('Group Steward could not handle issues.opened: first …; GitHub answered 404 to GET https://api.github.com/a: Not Found');
  });
});

describe('runAction in this process', () => {
  const summaryFile = () => join(temp, 'summary.md');
  const outputFile = () => join(temp, 'output');
  let saved: NodeJS.ProcessEnv;
  let stdout: string[];

  beforeAll(() => nock.enableNetConnect('127.0.0.1'));
  afterAll(() => nock.disableNetConnect());
  beforeEach(async () => {
    forgetRepoConfig();
    forgetGroupRegistry();
    saved = { ...process.env };
    await writeFile(summaryFile(), '');
    await writeFile(outputFile(), '');
    stdout = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (stdout.push(String(chunk)), true));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.env = saved;
    // `core.setFailed` sets the exit code of the process: this one is jest's.
    process.exitCode = undefined;
  });

  /** Sets the step's environment: inputs as `INPUT_*`, the runner's files. */
  function step(inputs: Record<string, string>, env: Record<string, string>): void {
    Object.assign(process.env, { GITHUB_STEP_SUMMARY: summaryFile(), GITHUB_OUTPUT: outputFile(), GITHUB_REPOSITORY: 'o/r', ...env });
    for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value;
  }

  it('main.ts exports run(), which runs nothing on import; the scheduled job against an unreachable API fails with one line', async () => {
    expect(typeof run).toBe('function');
    expect(stdout).toEqual([]);
    const port = await closedPort();
    step({ 'governance-repo': 'o/r', token: 'ghs_t', 'dry-run': 'true' }, { GITHUB_API_URL: `http://127.0.0.1:${port}/api/v3`, GITHUB_GRAPHQL_URL: `http://127.0.0.1:${port}/api/graphql`, GITHUB_EVENT_NAME: 'schedule' });
    await expect(runAction({ client: { retryAfterBaseMs: 1 } })).resolves.toBeUndefined();
    expect(process.exitCode).toBe(1);
    const errors = stdout.join('').split('\n').filter((l) => l.startsWith('::error'));
    // Its first request, the configuration's read, found nothing listening.
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^::error::Group Steward could not run the activity job: could not reach 127\\.0\\.0\\.1:${port} \\(connect ECONNREFUSED\\): nothing answered GET http://127\\.0\\.0\\.1:${port}/api/v3/repos/o/r/contents/\\S+; check GITHUB_API_URL / GITHUB_GRAPHQL_URL and the runner's network$`))]);
    expect(await readFile(summaryFile(), 'utf8')).toContain('## Group activity: failed');
  });

  it('an event against an unreachable API fails with one line naming the host; the summary says the event failed', async () => {
    const port = await closedPort();
    const event = join(temp, 'comment.json');
    await writeFile(event, JSON.stringify({ action: 'created', repository: { full_name: 'o/r', name: 'r', owner: { login: 'o' } }, sender: { login: 'someone', type: 'User' }, issue: { number: 1, labels: [] }, comment: { id: 5, body: '/wg registry', user: { login: 'someone', type: 'User' } } }));
    step({ 'governance-repo': 'o/r', token: 'ghs_t', 'dry-run': 'false' }, { GITHUB_API_URL: `http://127.0.0.1:${port}/api/v3`, GITHUB_EVENT_NAME: 'issue_comment', GITHUB_EVENT_PATH: event, GITHUB_RUN_ID: '9', GITHUB_RUN_ATTEMPT: '1' });
    // No shortened retries: a refused connection is not retried at all (failFastWhenUnreachable).
    await expect(runAction()).resolves.toBeUndefined();
    expect(process.exitCode).toBe(1);
    const errors = stdout.join('').split('\n').filter((l) => l.startsWith('::error::Group Steward'));
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^::error::Group Steward could not handle issue_comment\\.created: could not reach 127\\.0\\.0\\.1:${port} \\(connect ECONNREFUSED\\): nothing answered GET http://127\\.0\\.0\\.1:${port}/api/v3/repos/o/r/contents/\\S+; check GITHUB_API_URL / GITHUB_GRAPHQL_URL and the runner's network$`))]);
    expect(stdout.join('')).not.toMatch(/^\s+at /m);
    expect(await readFile(summaryFile(), 'utf8')).toContain('## Group Steward: `issue_comment.created` failed');
    expect(parseOutputs(await readFile(outputFile(), 'utf8'))).toEqual({});
  });
});
