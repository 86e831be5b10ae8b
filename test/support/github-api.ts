/**
 * A nock-backed GitHub API for tests. Every request must be expected; every REST request is
 * checked against GitHub's OpenAPI description and the permissions app.yml asks for
 * (`checkRestRequest`), and every GraphQL query against GitHub's schema. `done()` fails the test on
 * a missing, unexpected or invalid request.
 */
import { withPullWork } from './charter-trees.js';
import { expect } from '@jest/globals';
import { validateGraphql } from './graphql-schema.js';
import nock from 'nock';
import { checkRestRequest } from './openapi.js';

export const API = 'https://api.github.com';

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown>;
}

type Reply = [number, unknown] | [number, unknown, Record<string, string>];

export class GitHubApiMock {
  readonly scope = nock(API);
  readonly requests: RecordedRequest[] = [];
  readonly problems: string[] = [];
  private readonly unexpected: string[] = [];
  private readonly onNoMatch = (req: { method?: string; url?: string; path?: string }) => {
    this.unexpected.push(`${req.method} ${req.url ?? req.path}`);
  };

  constructor() {
    nock.emitter.on('no match', this.onNoMatch);
  }

  /** The installation token exchange Probot makes on an installation's first event. */
  token(installationId = 1): this {
    this.scope.post(`/app/installations/${installationId}/access_tokens`).reply(201, async (request) => {
      await this.record(request);
      return { token: 'ghs_test', expires_at: '2099-01-01T00:00:00Z', permissions: {} };
    });
    return this;
  }

  /**
   * Expects one GraphQL request; `respond` gets the query and variables and returns the data.
   * `errors`: GitHub's errors beside the data it could read (a partial answer, status 200).
   */
  graphql(respond: (request: GraphqlRequest) => unknown, status = 200, errors?: unknown[]): this {
    this.scope.post('/graphql').reply(status, async (raw) => {
      const request = (await this.record(raw)) as GraphqlRequest;
      const problems = validateGraphql(request.query);
      if (problems.length > 0) this.problems.push(`GraphQL query invalid against GitHub's schema: ${problems.map((e) => e.message).join('; ')}`);
      // GitHub answers every field asked: a check read that asks for linking's part too gets it
      // (none of anything, unless the test's answer gives it).
      return status === 200 ? { data: withPullWork(request.variables, respond(request)), ...(errors ? { errors } : {}) } : respond(request);
    });
    return this;
  }

  /** Expects one REST request; `reply` may be a function of the parsed body. */
  rest(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string | RegExp, reply: Reply | ((body: unknown) => Reply)): this {
    // A string path matches whatever query string comes with it (pagination, filters).
    const interceptor = typeof path === 'string' ? this.scope.intercept(path, method).query(true) : this.scope.intercept(path, method);
    interceptor.reply(async (request) => {
      const parsed = await this.record(request);
      const result = typeof reply === 'function' ? reply(parsed) : reply;
      return result as [number, string | Record<string, unknown>];
    });
    return this;
  }

  /** The recorded requests whose method and path match. */
  sent(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
  }

  /** Asserts: every expected request was made, none unexpected, all valid against GitHub's descriptions. */
  done(): void {
    nock.emitter.removeListener('no match', this.onNoMatch);
    expect({ unexpected: this.unexpected, invalid: this.problems, pending: this.scope.pendingMocks() }).toEqual({ unexpected: [], invalid: [], pending: [] });
  }

  private async record(request: Request): Promise<unknown> {
    const { pathname } = new URL(request.url);
    const text = await request.text();
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    this.requests.push({ method: request.method, path: pathname, body });
    if (pathname !== '/graphql') {
      try {
        this.problems.push(...checkRestRequest(request.method, pathname, body));
      } catch (error) {
        this.problems.push(`could not check ${request.method} ${pathname} against the OpenAPI description: ${(error as Error).message}`);
      }
    }
    return body;
  }
}
