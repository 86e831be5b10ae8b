/**
 * The activity search's reading code (`sendReads`, GraphQL `search(type: ISSUE)` under an alias)
 * over a response GitHub really sent, not one our fake made: `test/fixtures/graphql-search-issues.gh-dash.json`
 * (its source is in `test/fixtures/README.md`). It answers another App's query (gh-dash's
 * `SearchIssues`: `search(type: ISSUE, first: 5, …) { nodes { ... on Issue { … } } issueCount pageInfo }`),
 * so the only adaptation is to our aliases: the search is our `s0`, an issue's `state` our `issueState`.
 * Fields our query reads and gh-dash's did not (`closedAt`, `timelineItems`, `author.__typename`)
 * are not in the recording, and none is made up: the test checks the page as our reader takes it
 * (items, `issueCount`, `pageInfo`) and that the fields both queries read have the shape we read.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import type { FieldNode, FragmentDefinitionNode } from 'graphql';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { activityReadQuery, activityReadVariables, isItem, sendReads } from '../../src/github/activity-search.js';
import type { RawSearch, ReadSpec } from '../../src/github/activity-search.js';
import type { GitHub } from '../../src/github/client.js';
import { GitHubApiMock } from '../support/github-api.js';
import type { GraphqlRequest } from '../support/github-api.js';

type Json = Record<string, unknown>;
const recorded = JSON.parse(readFileSync(new URL('../fixtures/graphql-search-issues.gh-dash.json', import.meta.url), 'utf8')) as {
  data: { search: { nodes: Json[]; issueCount: number; pageInfo: Json } };
};

/** The recorded `data` under our aliases: `search` → `s0`, each issue's `state` → `issueState`. Nothing else changes. */
function underOurAliases(): Json {
  const { search } = structuredClone(recorded.data);
  const nodes = search.nodes.map(({ state, ...rest }) => ({ ...rest, issueState: state }));
  return { s0: { ...search, nodes } };
}

const QUERY = 'repo:dlvhdr/gh-dash is:issue sort:reactions';
const SEARCH: ReadSpec = { kind: 'search', query: QUERY, first: 5, after: null };

let api: GitHubApiMock;
beforeEach(() => {
  nock.cleanAll();
  api = new GitHubApiMock();
});
afterEach(() => api.done());

function octokit(): GitHub {
  return new ProbotOctokit({ auth: { token: 'ghs_test' }, retry: { enabled: false }, throttle: { enabled: false } }) as GitHub;
}

describe("a search page as GitHub sent it (recorded from gh-dash's SearchIssues query)", () => {
  it('is read as one page: its five issues in GitHub\'s order, the total it counts, and the cursor to go on from', async () => {
    let sent: GraphqlRequest | undefined;
    api.graphql((request) => {
      sent = request;
      return underOurAliases();
    });
    const { results, requests } = await sendReads(octokit(), [SEARCH]);

    expect(requests).toBe(1);
    expect(sent?.variables).toEqual({ q0: QUERY, a0: null });
    const result = results[0];
    if (result?.kind !== 'search' || !result.ok) throw new Error(`the search failed: ${JSON.stringify(result)}`);
    expect(result.error).toBeUndefined();
    const page: RawSearch = result.page;
    // issueCount is every match (226 issues), not the page's length: more pages follow.
    expect(page.issueCount).toBe(226);
    expect(page.nodes).toHaveLength(5);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, endCursor: 'Y3Vyc29yOjU=' });
    const issues = (page.nodes ?? []).map((n) => (n && isItem(n) && 'issueState' in n ? n : null));
    expect(issues.map((n) => [n?.number, n?.issueState, n?.repository.nameWithOwner, n?.url])).toEqual([
      [141, 'OPEN', 'dlvhdr/gh-dash', 'https://github.com/dlvhdr/gh-dash/issues/141'],
      [461, 'OPEN', 'dlvhdr/gh-dash', 'https://github.com/dlvhdr/gh-dash/issues/461'],
      [175, 'CLOSED', 'dlvhdr/gh-dash', 'https://github.com/dlvhdr/gh-dash/issues/175'],
      [108, 'CLOSED', 'dlvhdr/gh-dash', 'https://github.com/dlvhdr/gh-dash/issues/108'],
      [107, 'OPEN', 'dlvhdr/gh-dash', 'https://github.com/dlvhdr/gh-dash/issues/107'],
    ]);
    expect(issues.map((n) => [n?.author?.login, n?.createdAt, n?.updatedAt, n?.labels?.nodes?.map((l) => l?.name)])).toEqual([
      ['mtwig', '2022-06-21T01:35:25Z', '2025-10-04T16:30:08Z', ['feat', 'high-pri']],
      ['gbbirkisson', '2024-10-03T08:33:05Z', '2025-10-04T16:30:56Z', ['bug', 'mid-pri']],
      ['jgrumboe', '2022-09-15T12:45:46Z', '2024-11-20T13:18:37Z', []],
      ['wd', '2022-04-04T02:09:35Z', '2022-05-28T12:03:51Z', []],
      ['macintacos', '2022-04-03T21:16:07Z', '2025-10-04T16:31:06Z', ['feat', 'low-pri']],
    ]);
  });

  it('goes on from the page\'s endCursor as GitHub gave it (an opaque string, sent back unchanged as `after`)', () => {
    const cursor = recorded.data.search.pageInfo.endCursor as string;
    const next: ReadSpec = { kind: 'search', query: QUERY, first: 100, after: cursor };
    expect(activityReadVariables([next])).toEqual({ q0: QUERY, a0: 'Y3Vyc29yOjU=' });
    expect(activityReadQuery([next])).toContain('s0: search(query: $q0, type: ISSUE, first: 100, after: $a0)');
  });

  it('has, for every field our SearchedIssue fragment reads that gh-dash\'s query also read, the shape our reader expects', () => {
    const fragment = parse(activityReadQuery([SEARCH])).definitions.find(
      (d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition' && d.name.value === 'SearchedIssue',
    );
    const ours = (fragment?.selectionSet.selections ?? []).filter((s): s is FieldNode => s.kind === 'Field').map((f) => ({ key: f.alias?.value ?? f.name.value, field: f.name.value }));
    const node = recorded.data.search.nodes[0] as Json;
    // Both queries read these (ours under an alias for `state`); the recording lacks the rest.
    const shared = ours.filter((f) => f.field in node).map((f) => f.key);
    expect(shared.sort()).toEqual(['author', 'createdAt', 'issueState', 'labels', 'number', 'repository', 'title', 'updatedAt', 'url']);
    expect(ours.filter((f) => !(f.field in node)).map((f) => f.key).sort()).toEqual(['closedAt', 'timelineItems']);

    for (const issue of recorded.data.search.nodes) {
      expect(issue).toMatchObject({
        number: expect.any(Number),
        title: expect.any(String),
        url: expect.stringMatching(/^https:\/\/github\.com\/[^/]+\/[^/]+\/issues\/\d+$/),
        state: expect.stringMatching(/^(OPEN|CLOSED)$/),
        repository: { nameWithOwner: expect.stringMatching(/^[^/]+\/[^/]+$/) },
        author: { login: expect.any(String) },
        labels: { nodes: expect.any(Array) },
      });
      for (const at of [issue.createdAt, issue.updatedAt]) expect(new Date(at as string).toISOString().replace('.000Z', 'Z')).toBe(at);
    }
  });
});
