import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createCliClient } from '../../src/github/cli-client.js';
import { forgetGroupRegistry, readGroupRegistry, registryLocation } from '../../src/github/group-registry.js';
import { parseConfig } from '../../src/config/load.js';
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

describe('the registry judges YAML charters under the configured policy', () => {
  const now = new Date('2026-11-22T00:00:00Z');
  // A working group that answers SEP-2149's template but not SEP-1302's creation template (no use_cases).
  const tree = { ...TREE, 'registry.yaml': (TREE['registry.yaml'] as string).replace(/^use_cases:[^\n]*\n(?: {2}[^\n]*\n)*/m, '') };

  it('keeps it under sep-2149, leaves it out (type-required-field) under sep-1302', async () => {
    expect(tree['registry.yaml']).not.toContain('use_cases');
    const gh = await createCliClient({ GITHUB_TOKEN: 't' }, 'Codertocat/Hello-World');
    api.graphql(() => registryData(tree));
    api.graphql(() => registryData(tree));
    const sep2149 = await readGroupRegistry(gh, registryLocation('Codertocat/Hello-World', parseConfig({ policy: 'sep-2149' })), now);
    const sep1302 = await readGroupRegistry(gh, registryLocation('Codertocat/Hello-World', parseConfig({})), now);
    expect(sep2149.charters.map((c) => c.id)).toEqual(['registry', 'security']);
    expect(sep1302.charters.map((c) => c.id)).toEqual(['security']);
    expect(sep1302.excluded).toEqual([{ file: 'groups/registry.yaml', rules: ['type-required-field'] }]);
  });
});
