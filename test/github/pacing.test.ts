/**
 * The App's pacing (issue 22 § 5; src/github/pacing.ts): writes one at a time per installation,
 * GraphQL queries as reads, content-creating requests of an App installation within GitHub's
 * documented limits. Asserted by the order in which requests reach the fake and the queue each
 * went through (the Bottleneck limiter of its installation), never by wall-clock time: the
 * spacing unit is the tests' 1 ms (test/setup.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type Bottleneck from 'bottleneck';
import nock from 'nock';
import { Probot } from 'probot';
import { appOctokit } from '../../src/github/app-octokit.js';
import { CONTENT_CREATION_PER_HOUR, CONTENT_CREATION_PER_MINUTE, contentCreationGroup, contentCreationLimits, hasMutation, requestKind } from '../../src/github/pacing.js';
import { spacedGroups } from '../../src/github/rate-limits.js';
import { testPrivateKey } from '../support/keys.js';

const API = 'https://api.github.com';
const QUERY = 'query GroupStewardWork($number: Int!) { repository(owner: "o", name: "r") { issue(number: $number) { title } } }';
const MUTATION = 'mutation AddComment($id: ID!) { addComment(input: { subjectId: $id, body: "hi" }) { clientMutationId } }';

describe('what a request is, for pacing', () => {
  it('a GET, a HEAD and a GraphQL query are reads; other methods and a GraphQL mutation are writes; token requests are auth', () => {
    expect(requestKind({ method: 'GET', url: '/repos/o/r/issues' })).toBe('read');
    expect(requestKind({ method: 'HEAD', url: '/' })).toBe('read');
    expect(requestKind({ method: 'POST', url: '/graphql', query: QUERY })).toBe('read');
    // GitHub Enterprise Server's GraphQL endpoint, an absolute URL.
    expect(requestKind({ method: 'POST', url: 'https://ghe.example/api/graphql', query: QUERY })).toBe('read');
    expect(requestKind({ method: 'POST', url: '/graphql', query: MUTATION })).toBe('write');
    expect(requestKind({ method: 'POST', url: '/graphql' })).toBe('write'); // no document: in doubt, a write
    expect(requestKind({ method: 'POST', url: '/repos/{owner}/{repo}/labels' })).toBe('write');
    expect(requestKind({ method: 'DELETE', url: '/repos/o/r/issues/1/labels/x' })).toBe('write');
    expect(requestKind({ method: 'POST', url: '/app/installations/7/access_tokens' })).toBe('auth');
  });

  it('tells a mutation by its operation, not by the word in a string, a comment or a field', () => {
    expect(hasMutation(MUTATION)).toBe(true);
    expect(hasMutation(`${QUERY}\n${MUTATION}`)).toBe(true);
    expect(hasMutation('  # a mutation follows? no\n{ viewer { login } }')).toBe(false);
    expect(hasMutation('query { search(query: "mutation testing", type: ISSUE, first: 1) { issueCount } }')).toBe(false);
    expect(hasMutation('query { a { mutationCount } }')).toBe(false);
    expect(hasMutation('{ viewer { login } }')).toBe(false);
  });
});

describe('the content-creation budget', () => {
  it('is GitHub\'s: 80 a minute, and at most 500 in any hour (bucket + an hour of refill), scaled by the unit', () => {
    const limits = contentCreationLimits(1000);
    expect(60_000 / (limits.minTime ?? 0)).toBe(CONTENT_CREATION_PER_MINUTE);
    const refillPerHour = (3_600_000 / (limits.reservoirIncreaseInterval ?? Infinity)) * (limits.reservoirIncreaseAmount ?? 0);
    expect((limits.reservoirIncreaseMaximum ?? 0) + refillPerHour).toBeLessThanOrEqual(CONTENT_CREATION_PER_HOUR);
    expect(limits.reservoir).toBe(limits.reservoirIncreaseMaximum);
    expect(limits).toMatchObject({ maxConcurrent: 1, timeout: 3_600_000 });
    expect(contentCreationLimits(1)).toMatchObject({ minTime: 0.75, reservoirIncreaseInterval: 14.4, timeout: 3600 });
  });
});

/** Every request that reaches the fake, in order, as `METHOD path` (or `graphql`). */
let arrived: string[];
/** Each write that went through a write queue: `<installation> <job id>`, in the order they were sent. */
let queued: string[];
let watchedKeys: string[];

beforeEach(() => {
  nock.cleanAll();
  arrived = [];
  queued = [];
  watchedKeys = [];
});
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

/** Records, for installation `id`, each job its write limiter starts (the tests' unit: 1 ms). */
function watchWrites(id: string, group: Bottleneck.Group = spacedGroups(1).write): void {
  watchedKeys.push(id);
  group.key(id).on('executing', (info) => void queued.push(`${id} ${info.options.id.replace(/ #\d+$/, '')}`));
}

/** An Octokit of the App's class with a token, paced as installation `id` (as Probot's installation Octokits are). */
function installationOctokit(id: string) {
  // appOctokit supplies the throttle's callbacks; the id is what Probot's `app.auth(id)` would set.
  const Octokit = appOctokit().defaults((o: Record<string, unknown>) => ({ ...o, throttle: { ...(o.throttle as object), id }, retry: { enabled: false } }));
  return new Octokit({ auth: { token: `ghs_${id}` } });
}

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Answers `times` POSTs to `path`, recording each arrival as `name`; the first waits for `hold` (at most 2 s). */
function expectWrites(path: string, names: string[], hold?: Promise<void>): void {
  let i = 0;
  nock(API)
    .post(path)
    .times(names.length)
    .reply(async () => {
      const index = (i += 1) - 1;
      arrived.push(names[index] as string);
      if (index === 0 && hold) await Promise.race([hold, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      return [201, { id: index + 1 }];
    });
}

describe('the App\'s Octokit paces writes per installation', () => {
  it('sends a GraphQL query issued while a write of the same installation is queued before that write', async () => {
    watchWrites('101');
    const queryArrived = gate();
    // The first label write is answered only once the query has arrived: a query in the write queue
    // (the throttling plugin's own pacing) would wait behind the second write instead.
    expectWrites('/repos/o/r/labels', ['label a', 'label b'], queryArrived.opened);
    nock(API)
      .post('/graphql')
      .reply(() => {
        arrived.push('query');
        queryArrived.open();
        return [200, { data: { repository: { issue: { title: 'x' } } } }];
      });
    const gh = installationOctokit('101');
    await Promise.all([
      gh.request('POST /repos/o/r/labels', { name: 'a' }),
      gh.request('POST /repos/o/r/labels', { name: 'b' }),
      gh.graphql(QUERY, { number: 1 }),
    ]);
    // The query before the second write (before the first too, when it is faster to the wire).
    expect(arrived.filter((a) => a !== 'query')).toEqual(['label a', 'label b']);
    expect(arrived.indexOf('query')).toBeLessThan(arrived.indexOf('label b'));
    // The writes went through installation 101's write queue, in order; the query through none.
    expect(queued).toEqual(['101 POST /repos/o/r/labels', '101 POST /repos/o/r/labels']);
  });

  it('keeps a GraphQL mutation in the write queue, after the write before it', async () => {
    watchWrites('102');
    const seen: string[] = [];
    expectWrites('/repos/o/r/labels', ['label a']);
    nock(API)
      .post('/graphql')
      .reply(() => {
        seen.push(...arrived);
        arrived.push('mutation');
        return [200, { data: { addComment: { clientMutationId: null } } }];
      });
    const gh = installationOctokit('102');
    await Promise.all([gh.request('POST /repos/o/r/labels', { name: 'a' }), gh.graphql(MUTATION, { id: 'I_1' })]);
    expect(arrived).toEqual(['label a', 'mutation']);
    expect(queued).toEqual(['102 POST /repos/o/r/labels', '102 POST /graphql']);
  });

  it('does not queue one installation\'s writes behind another\'s', async () => {
    watchWrites('103');
    watchWrites('104');
    const otherArrived = gate();
    // Installation 103's first write is answered only once 104's has arrived: one queue for both would never let it.
    expectWrites('/repos/o/a/labels', ['103 a', '103 b'], otherArrived.opened);
    nock(API)
      .post('/repos/o/b/labels')
      .reply(() => {
        arrived.push('104 a');
        otherArrived.open();
        return [201, {}];
      });
    const [first, second] = [installationOctokit('103'), installationOctokit('104')];
    await Promise.all([first.request('POST /repos/o/a/labels', { name: 'a' }), first.request('POST /repos/o/a/labels', { name: 'b' }), second.request('POST /repos/o/b/labels', { name: 'a' })]);
    expect(arrived).toEqual(['103 a', '104 a', '103 b']);
    expect(queued.filter((q) => q.startsWith('103'))).toEqual(['103 POST /repos/o/a/labels', '103 POST /repos/o/a/labels']);
    expect(queued.filter((q) => q.startsWith('104'))).toEqual(['104 POST /repos/o/b/labels']);
  });

  it('sends one installation\'s writes one at a time, in order, through its spaced queue; reads meanwhile run', async () => {
    watchWrites('105');
    let inFlight = 0;
    let most = 0;
    nock(API)
      .post(/^\/repos\/o\/r\/issues\/\d+\/labels$/)
      .times(4)
      .reply(async (request: Request) => {
        most = Math.max(most, (inFlight += 1));
        arrived.push(new URL(request.url).pathname.split('/')[5] as string);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        return [200, []];
      });
    nock(API).get('/repos/o/r/issues/9').times(3).reply(200, { number: 9 });
    const gh = installationOctokit('105');
    await Promise.all([
      ...[1, 2, 3, 4].map((n) => gh.request('POST /repos/o/r/issues/{n}/labels', { n, labels: ['x'] })),
      ...[1, 2, 3].map(() => gh.request('GET /repos/o/r/issues/9')),
    ]);
    expect(most).toBe(1);
    expect(arrived).toEqual(['1', '2', '3', '4']);
    expect(queued).toEqual(Array.from({ length: 4 }, () => '105 POST /repos/o/r/issues/{n}/labels'));
  });
});

describe('the Octokits Probot builds with the App\'s class for deliveries', () => {
  it('are keyed by their installation; an App installation\'s comments spend its content-creation budget, a token\'s do not', async () => {
    const probot = new Probot({ appId: 1, privateKey: testPrivateKey(), logLevel: 'fatal', Octokit: appOctokit({ retries: 0 }).defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false } })) });
    await probot.load((app) => {
      app.on('issues.opened', async (context) => void (await context.octokit.request('POST /repos/o/r/issues/1/comments', { body: 'hi' })));
    });
    const content: string[] = [];
    for (const id of ['201', '202']) {
      watchWrites(id);
      contentCreationGroup(1)
        .key(id)
        .on('executing', () => void content.push(id));
      nock(API).post(`/app/installations/${id}/access_tokens`).reply(201, { token: `ghs_${id}`, expires_at: '2099-01-01T00:00:00Z', permissions: { issues: 'write' } });
    }
    nock(API).post('/repos/o/r/issues/1/comments').times(2).reply(201, { id: 1 });
    const delivery = (installation: number) => ({ id: `d-${installation}`, name: 'issues', payload: { action: 'opened', installation: { id: installation }, issue: { number: 1 }, repository: { name: 'r', owner: { login: 'o' } } } });
    await Promise.all([probot.receive(delivery(201) as never), probot.receive(delivery(202) as never)]);
    // One write queue per installation (not one `no-id` queue for every delivery of the process).
    expect(queued.sort()).toEqual(['201 POST /repos/o/r/issues/1/comments', '202 POST /repos/o/r/issues/1/comments']);
    expect(content.sort()).toEqual(['201', '202']);

    // A token's Octokit (the Action's: one installation per process) keeps the plugin's 3 units between comments.
    watchWrites('203');
    nock(API).post('/repos/o/r/issues/2/comments').reply(201, { id: 2 });
    const notifications: string[] = [];
    spacedGroups(1)
      .notifications.key('203')
      .on('executing', () => void notifications.push('203'));
    contentCreationGroup(1)
      .key('203')
      .on('executing', () => void content.push('203'));
    await installationOctokit('203').request('POST /repos/o/r/issues/2/comments', { body: 'c' });
    expect(notifications).toEqual(['203']);
    expect(content.filter((c) => c === '203')).toEqual([]);
  });
});
