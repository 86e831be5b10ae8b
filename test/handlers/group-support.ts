/**
 * Fixtures for the label sync and linking tests: charter texts, the group registry's GraphQL
 * answer, and expectations for the reads those handlers make.
 */
import nock from 'nock';
import { INTEREST_GROUP, WORKING_GROUP, withLine } from '../charters/helpers.js';
import { graphqlTree, pullRequestChartersData, pullWorkData, withPullWork } from '../support/charter-trees.js';
import { API } from '../support/github-api.js';
import type { GitHubApiMock, GraphqlRequest } from '../support/github-api.js';
import type { PullWorkFixture } from '../support/charter-trees.js';

/** The example payloads' repository. */
export const REPO = '/repos/Codertocat/Hello-World';
/** The App's bot as REST names it (GraphQL's viewer login is `group-steward`). */
export const APP_BOT = { login: 'group-steward[bot]', type: 'Bot' };
export const COMMIT = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

/** The Registry WG (facilitator rdimitrov) with `paths: docs/registry/**`. */
export const REGISTRY_WG = `${WORKING_GROUP}paths:\n  - docs/registry/**\n`;
/** A WG that owns the example payloads' repository, Codertocat/Hello-World. */
export const HELLO_WG = withLine(withLine(withLine(WORKING_GROUP, 2, 'id: hello'), 3, 'name: Hello Working Group'), 11, '  - Codertocat/Hello-World');

/** The usual charters folder: the Registry WG and the Security IG. */
export const TREE = { 'registry.yaml': REGISTRY_WG, 'security.yaml': INTEREST_GROUP };

/** The `data` of the group registry query for a charters folder (null: no such folder). */
export function registryData(files: Record<string, string> | null, commit = COMMIT) {
  return { viewer: { login: 'group-steward' }, repository: { defaultBranchRef: { name: 'master', target: { oid: commit } }, charters: graphqlTree(files) } };
}

/** Expects one group registry read (the GraphQL request is validated against GitHub's schema). */
export function expectRegistry(api: GitHubApiMock, files: Record<string, string> | null, capture?: (r: GraphqlRequest) => void): GitHubApiMock {
  return api.graphql((request) => {
    if (!request.query.includes('GroupStewardRegistry')) throw new Error(`expected the registry query, got ${request.query.slice(0, 80)}`);
    capture?.(request);
    return registryData(files);
  });
}

/**
 * Expects the registry read and the charter check's read on a pull request event, in whichever
 * order the two handlers send them; the charter check finds `groups/` unchanged and posts nothing.
 */
export function expectRegistryAndCharterCheck(api: GitHubApiMock, files: Record<string, string>): void {
  for (let i = 0; i < 2; i += 1) {
    api.graphql((request) => (request.query.includes('GroupStewardRegistry') ? registryData(files) : pullRequestChartersData(files, files)));
  }
}

/**
 * For tests of other capabilities (the charter check, the creation vote) that send pull request
 * events: lets the linking handler read an empty registry (at most once) and the pull request (on each event),
 * without counting them among the requests those tests expect.
 */
export function allowRegistryRead(): void {
  nock(API)
    .post('/graphql', (body: { query?: string }) => typeof body.query === 'string' && body.query.includes('GroupStewardRegistry'))
    .optionally()
    .reply(200, { data: registryData(null) });
  // …and its read of the pull request (labels, comments, files), whatever the number.
  nock(API)
    .persist()
    .post('/graphql', (body: { query?: string }) => typeof body.query === 'string' && body.query.includes('GroupStewardWork'))
    .optionally()
    .reply(200, { data: workData({ files: [] }) });
}

/**
 * A REST path with its exact query string, e.g. `withQuery('/repos/o/r/labels', 'per_page=100')`,
 * as a RegExp (the mock matches a plain string path whatever its query).
 */
export function withQuery(path: string, query: string): RegExp {
  return new RegExp(`^${`${path}?${query}`.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
}

/** `GET …/issues/{n}/labels` answering with these label names. */
export function expectIssueLabels(api: GitHubApiMock, number: number, names: string[]): GitHubApiMock {
  return api.rest('GET', withQuery(`${REPO}/issues/${number}/labels`, 'per_page=100'), [200, names.map((name, i) => ({ id: i + 1, name, color: 'ededed' }))]);
}

/** `GET …/issues/{n}/comments` answering with these comments. */
export function expectComments(api: GitHubApiMock, number: number, comments: { id: number; body: string; user: { login: string; type: string } }[]): GitHubApiMock {
  return api.rest('GET', withQuery(`${REPO}/issues/${number}/comments`, 'per_page=100'), [200, comments]);
}

/** Records the body of one write and answers `status`. */
export function expectWrite(api: GitHubApiMock, method: 'POST' | 'PATCH' | 'DELETE', path: string, status = 200, answer: unknown = {}): () => unknown {
  let body: unknown;
  let sent = false;
  api.rest(method, path, (b) => {
    body = b;
    sent = true;
    return [status, answer];
  });
  return () => {
    if (!sent) throw new Error(`no ${method} ${path}`);
    return body;
  };
}

/** A repository label as `GET …/labels` lists it. */
export function label(name: string, color = 'ededed', description: string | null = null) {
  return { id: name.length, node_id: 'x', url: 'u', name, color, description, default: false };
}

/** A comment as `GET …/comments` lists it (REST names a bot `slug[bot]`). */
export interface RestComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

/** What the work read (`GroupStewardWork`) answers for issue or pull request `number`. */
export interface WorkFixture extends PullWorkFixture {
  /** The governance repository's default-branch commit (default: the registry's). */
  commit?: string;
}

/** The `data` of the work read. */
export function workData(fixture: WorkFixture) {
  const pull = fixture.files !== undefined;
  const { labels, comments, ...pullFields } = pullWorkData(fixture);
  return {
    governance: { defaultBranchRef: { target: { oid: fixture.commit ?? COMMIT } } },
    repository: { issueOrPullRequest: { __typename: pull ? 'PullRequest' : 'Issue', labels, comments, ...(pull ? pullFields : {}) } },
  };
}

/** Expects one work read (`GroupStewardWork`) of issue or pull request `number`; checks its variables. */
export function expectWork(api: GitHubApiMock, number: number, fixture: WorkFixture = {}): GitHubApiMock {
  return api.graphql((request) => {
    if (!request.query.includes('GroupStewardWork')) throw new Error(`expected the work read, got ${request.query.slice(0, 80)}`);
    if (request.variables.number !== number) throw new Error(`expected the work read of #${number}, got #${String(request.variables.number)}`);
    return workData(fixture);
  });
}

/**
 * Expects the registry read and the charter check's read on a pull request event in its own
 * governance repository, in whichever order the handlers send them: the check's read brings the
 * pull request's state for linking too (`withWork`), answered from `work`; the check finds
 * `groups/` unchanged.
 */
export function expectRegistryWorkAndCharterCheck(api: GitHubApiMock, files: Record<string, string>, work: WorkFixture): void {
  for (let i = 0; i < 2; i += 1) {
    api.graphql((request) => {
      if (request.query.includes('GroupStewardRegistry')) return registryData(files);
      if (request.variables.withWork !== true) throw new Error('expected the check\'s read to bring linking\'s part (withWork)');
      return withPullWork(request.variables, pullRequestChartersData(files, files), { ...work, commit: work.commit ?? COMMIT });
    });
  }
}
