/**
 * A stateful fake GitHub for the scheduled job's tests: the in-memory GitHub of the bench
 * (bench/activity-github.ts — issues and pull requests held across runs, GraphQL executed against
 * GitHub's schema, the REST issue writes) behind persisting nock interceptors on
 * https://api.github.com, plus what a test needs:
 *
 * - every GraphQL query validated against GitHub's schema (`validateGraphql`, as
 *   `@octokit/graphql-schema`'s `validate` does), every REST
 *   request checked against GitHub's OpenAPI description (`checkRestRequest`);
 * - every request recorded (`requests`, `writes()`, `kinds()`); a GraphQL operation other than the
 *   job's (`JOB_OPERATIONS`) or a REST request other than its reads and writes is a problem;
 * - failures injected by request kind and position (`fail`): a 502, a secondary rate limit with
 *   `retry-after`, or a hard failure that ends a run half-way;
 * - `assertClean()`: no unexpected or invalid request, no unused failure.
 */
import { expect } from '@jest/globals';
import nock from 'nock';
import { forgetGroupRegistry } from '../../src/github/group-registry.js';
import { forgetRepoConfig } from '../../src/github/repo-config.js';
import { validateGraphql } from './graphql-schema.js';
import { ActivityGitHub } from '../../bench/activity-github.js';
import type { ActivityGitHubOptions, FakeActor, FakeReply, FakeRequest } from '../../bench/activity-github.js';
import { checkRestRequest } from './openapi.js';

export type { FakeActor, FakeCategory, FakeComment, FakeDiscussion, FakeDiscussionReply, FakeEvent, FakeItem, FakeRequest, NewDiscussion, NewItem } from '../../bench/activity-github.js';

/** Canned failures, as GitHub sends them. */
export const FAILURES = {
  /** A gateway error: Octokit's retry plugin tries again. */
  badGateway: [502, { message: 'Server Error' }] as FakeReply,
  /** GitHub's secondary rate limit (e.g. issue creation bursts): retried after `retry-after` seconds. */
  secondaryRateLimit: [
    403,
    { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits' },
    { 'retry-after': '1' },
  ] as FakeReply,
  /** A failure nothing retries (the token was revoked): the run ends there. */
  dies: [401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }] as FakeReply,
  /**
   * A failure the App's installation Octokit does not retry either (it retries a 401 while its
   * token is new): a webhook handler ends there, as when its process is killed mid-delivery.
   */
  cut: [403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' }] as FakeReply,
};

export interface InjectedFailure {
  /** The request kind: `graphql <OperationName>`, `POST issue`, `PATCH issue`, `POST comment`, `GET config`. */
  kind: string;
  /** The first request of that kind to fail, counted from when `fail` is called (1-based). */
  nth: number;
  /** How many consecutive requests of that kind fail from there (retries included). */
  times: number;
  reply: FakeReply;
  /** True: the write takes effect, then the answer is lost (a 502 after GitHub created the issue). */
  afterApplying: boolean;
  /** Requests of the kind seen since `fail`. */
  seen: number;
  /** Requests it answered. */
  used: number;
}

/** People act as these accounts in the tests. */
export const PEOPLE = {
  moderator: { login: 'a-moderator', type: 'User' } satisfies FakeActor,
  rdimitrov: { login: 'rdimitrov', type: 'User' } satisfies FakeActor,
  dependabot: { login: 'dependabot[bot]', type: 'Bot' } satisfies FakeActor,
};

/** The GraphQL operations the scheduled job sends; any other is unexpected. */
export const JOB_OPERATIONS = ['GroupStewardRegistry', 'GroupStewardSources', 'GroupStewardActivitySearch', 'GroupStewardDeliverables', 'GroupStewardDiscussions', 'GroupStewardGovernanceIssues', 'GroupStewardOpenVotes', 'GroupStewardPullRequestCharters'];

export class FakeGovernance extends ActivityGitHub {
  /** GraphQL operations answered; a request for another is recorded as a problem (and still answered). */
  readonly operations = new Set(JOB_OPERATIONS);
  private readonly failures: InjectedFailure[] = [];

  constructor(options: ActivityGitHubOptions) {
    super(options);
  }

  /**
   * Makes the `nth` next request of `kind` (and `times − 1` after it) answer `reply`.
   * @returns the failure, whose `used` says how often it answered
   */
  fail(kind: string, reply: FakeReply, options: { nth?: number; times?: number; afterApplying?: boolean } = {}): InjectedFailure {
    const failure: InjectedFailure = { kind, nth: options.nth ?? 1, times: options.times ?? 1, reply, afterApplying: options.afterApplying ?? false, seen: 0, used: 0 };
    this.failures.push(failure);
    return failure;
  }

  /** The write requests (anything but GET and the GraphQL endpoint), as `METHOD path`. */
  writes(from = 0): string[] {
    return this.requests.slice(from).filter((r) => r.method !== 'GET' && r.path !== '/graphql' && !r.kind.endsWith('access token')).map((r) => `${r.method} ${r.path}`);
  }

  /** The kinds of the requests since `from`, in order. */
  kinds(from = 0): string[] {
    return this.requests.slice(from).map((r) => r.kind);
  }

  /** No unexpected or invalid request was made, and every injected failure answered. */
  assertClean(): void {
    const unused = this.failures.filter((f) => f.used < f.times).map((f) => `${f.kind} #${f.nth} answered ${f.used} of ${f.times} times`);
    expect({ problems: this.problems, unusedFailures: unused }).toEqual({ problems: [], unusedFailures: [] });
  }

  protected override inspect(request: FakeRequest): void {
    if (request.path === '/graphql') {
      const operation = request.kind.replace(/^graphql /, '');
      if (!this.operations.has(operation)) this.problems.push(`unexpected GraphQL operation ${operation}`);
      try {
        const errors = validateGraphql(request.query ?? '');
        if (errors.length > 0) this.problems.push(`${request.kind}: invalid against GitHub's schema: ${errors.map((e) => e.message).join('; ')}`);
      } catch (error) {
        this.problems.push(`${request.kind}: not GraphQL: ${(error as Error).message}`);
      }
      return;
    }
    try {
      this.problems.push(...checkRestRequest(request.method, request.path, request.body));
    } catch (error) {
      this.problems.push(`could not check ${request.method} ${request.path} against the OpenAPI description: ${(error as Error).message}`);
    }
  }

  protected override intercept(request: FakeRequest): { reply: FakeReply; afterApplying: boolean } | null {
    let chosen: InjectedFailure | null = null;
    for (const failure of this.failures) {
      if (failure.kind !== request.kind) continue;
      failure.seen += 1;
      if (!chosen && failure.seen >= failure.nth && failure.used < failure.times) chosen = failure;
    }
    if (!chosen) return null;
    chosen.used += 1;
    return { reply: chosen.reply, afterApplying: chosen.afterApplying };
  }
}

/**
 * A fresh fake GitHub for the App's webhook tests: every cache forgotten, nock reset, the
 * installation the example payloads name (1), the operations the handlers send besides the job's,
 * and the interceptors installed. Uninstall it (and `assertClean()`) after the test.
 */
export function freshFakeGovernance(governanceRepo: string, charters: Record<string, string>): FakeGovernance {
  nock.cleanAll();
  forgetRepoConfig();
  forgetGroupRegistry();
  const fake = new FakeGovernance({ governanceRepo });
  fake.installationId = 1;
  for (const op of ['GroupStewardWork', 'GroupStewardCharterBranch']) fake.operations.add(op);
  fake.charters = { ...charters };
  return fake.install();
}
