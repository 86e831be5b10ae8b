/**
 * Structured logs (issue 10 § 3): with LOG_FORMAT=json Probot's pino logger writes one JSON object
 * per line. One delivery the App acts on — a `/wg registry` comment, which labels the issue and
 * links the charter — is logged with its delivery id, and no line, at any level, carries the
 * App's private key, its JWT or an installation token.
 */
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
// pino is Probot's logger (a dependency of probot): Probot's `log` option takes a pino logger.
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import groupSteward from '../../src/index.js';
import { forgetGroupRegistry } from '../../src/github/group-registry.js';
import { forgetRepoConfig } from '../../src/github/repo-config.js';
import { expectNoConfig } from '../support/config.js';
import { GitHubApiMock } from '../support/github-api.js';
import { testPrivateKey } from '../support/keys.js';
import { examplePayload } from '../support/probot.js';
import { expectWork, expectRegistry, expectWrite, REPO, TREE } from '../handlers/group-support.js';

const privateKey = testPrivateKey();
const DELIVERY = '72d3162e-cc78-11e3-81ab-4c9367dc0958';

let api: GitHubApiMock;
let lines: string[];
let probot: Probot;

beforeEach(async () => {
  nock.cleanAll();
  forgetRepoConfig();
  forgetGroupRegistry();
  api = new GitHubApiMock();
  lines = [];
  // What `probot run` builds for LOG_FORMAT=json (pino named "probot", JSON lines), written to
  // memory instead of stdout, at the most verbose level, so every line Probot can print is seen.
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter((l) => l !== ''));
      done();
    },
  });
  probot = new Probot({
    appId: 12345,
    privateKey,
    log: pino({ name: 'probot', level: 'trace' }, destination),
    Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({
      ...options,
      retry: { enabled: false },
      throttle: { ...(options.throttle as object), enabled: false },
    })),
  });
  await probot.load(groupSteward);
});
afterEach(() => api.done());

/** `/wg registry` commented on issue #1 (labels: bug): the App labels it and links the charter. */
async function deliverGroupCommand(): Promise<void> {
  expectRegistry(expectNoConfig(api.token()), TREE);
  expectWork(api, 1, { labels: ['bug'] });
  expectWrite(api, 'POST', `${REPO}/issues/1/labels`);
  expectWrite(api, 'POST', `${REPO}/issues/1/comments`, 201, { id: 900 });
  const payload = examplePayload('issue_comment', 'created');
  payload.comment.body = 'Thanks!\n\n/wg registry';
  payload.issue.labels = [{ id: 100, node_id: 'x', url: 'u', name: 'bug', color: 'ededed', default: false, description: null }];
  await probot.receive({ id: DELIVERY, name: 'issue_comment', payload } as never);
}

describe('structured logs of a delivery', () => {
  it('every line is one JSON object', async () => {
    await deliverGroupCommand();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it("the handler's line names the delivery, the repository, the issue and what was written", async () => {
    await deliverGroupCommand();
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const linking = entries.filter((e) => e.msg === 'linking');
    expect(linking).toHaveLength(1);
    expect(linking[0]).toMatchObject({
      level: 30, // info: logged at the default LOG_LEVEL
      name: 'event', // Probot's child logger of a delivery…
      id: DELIVERY, // …bound to its delivery id (X-GitHub-Delivery)
      event: 'issue_comment.created', // the App's: the event and its action…
      installation: 1, // …and the installation
      repo: 'Codertocat/Hello-World',
      number: 1,
      trigger: 'comment',
      writes: expect.arrayContaining([expect.any(String)]),
      time: expect.any(Number),
      hostname: expect.any(String),
      pid: expect.any(Number),
    });
    // Every line a handler logs through context.log carries the delivery id.
    for (const entry of entries.filter((e) => e.name === 'event')) expect(entry.id).toBe(DELIVERY);
  });

  it('never carries the private key, the App JWT or an installation token, at any level', async () => {
    await deliverGroupCommand();
    const text = lines.join('\n');
    expect(lines.some((l) => (JSON.parse(l) as { level: number }).level < 30)).toBe(true); // debug lines were written too
    const keyBody = privateKey.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));
    expect(text).not.toContain('PRIVATE KEY');
    for (const keyLine of keyBody) expect(text).not.toContain(keyLine);
    expect(text).not.toContain(privateKey.replace(/\n/g, '\\n'));
    expect(text).not.toMatch(/ghs_/);
    expect(text).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\./); // a JWT
  });
});
