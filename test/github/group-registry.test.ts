import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createCliClient } from '../../src/github/cli-client.js';
import { forgetGroupRegistry, readGroupRegistry } from '../../src/github/group-registry.js';
import { GitHubApiMock } from '../support/github-api.js';
import { registryData, TREE } from '../handlers/group-support.js';

let api: GitHubApiMock;
beforeEach(() => {
  nock.cleanAll();
  forgetGroupRegistry();
  api = new GitHubApiMock();
});
afterEach(() => api.done());

describe('the group registry cache', () => {
  const now = new Date('2026-11-22T00:00:00Z');
  const where = { repo: 'Codertocat/Hello-World', layout: { kind: 'yaml', dir: 'groups' } as const };

  it('reads once per governance repository and installation, and keeps installations apart', async () => {
    const gh = await createCliClient({ GITHUB_TOKEN: 't' }, where.repo);
    api.graphql(() => registryData(TREE));
    api.graphql(() => registryData(TREE));
    const first = await readGroupRegistry(gh, { ...where, scope: '1' }, now);
    await readGroupRegistry(gh, { ...where, scope: '1' }, now);
    await readGroupRegistry(gh, { ...where, scope: '2' }, now);
    expect(first.charters.map((c) => c.id)).toEqual(['registry', 'security']);
    expect(api.sent('POST', '/graphql')).toHaveLength(2);
  });
});
