/**
 * Label sync, end to end through the App (push, installation, installation_repositories), with
 * GitHub's example payloads; every request checked against GitHub's OpenAPI description and
 * GraphQL schema. The plan itself is unit-tested in test/labels.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import { INTEREST_GROUP, WORKING_GROUP, withLine } from '../charters/helpers.js';
import { expectConfig, expectNoConfig } from '../support/config.js';
import type { GitHubApiMock } from '../support/github-api.js';
import { examplePayload, freshTestApp } from '../support/probot.js';
import type { Json } from '../support/probot.js';
import { expectRegistry, label, REPO, TREE, withQuery } from './group-support.js';

let probot: Probot;
let api: GitHubApiMock;

beforeEach(async () => ({ probot, api } = await freshTestApp()));
afterEach(() => api.done());

const REGISTRY_LABEL = label('wg:registry', '1d76db', 'Registry Working Group');
const SECURITY_LABEL = label('ig:security', '0e8a16', 'Security Interest Group');

/** A push to the default branch (master) of Codertocat/Hello-World changing `files`. */
function push(files: string[], change: (p: Json) => void = () => {}) {
  const payload = examplePayload('push', undefined, (p) => p.ref === 'refs/heads/master' && !p.deleted);
  payload.commits[0].added = [];
  payload.commits[0].modified = files;
  change(payload);
  return probot.receive({ id: `push-${files.join(',')}`, name: 'push', payload } as never);
}

/** The installation can access these repositories. */
function expectInstallationRepos(...fullNames: string[]) {
  api.rest('GET', withQuery('/installation/repositories', 'per_page=100'), [200, { total_count: fullNames.length, repositories: fullNames.map((full_name) => ({ full_name })) }]);
}

type LabelBody = { name?: string; new_name?: string; color?: string; description?: string };

/** Records each label write of `repoPath` (creates and updates). */
function recordLabelWrites(repoPath = REPO, creates = 0, updates: string[] = []) {
  const writes: string[] = [];
  for (let i = 0; i < creates; i += 1) {
    api.rest('POST', `${repoPath}/labels`, (b) => (writes.push(`create ${JSON.stringify(b)}`), [201, {}]));
  }
  for (const name of updates) {
    api.rest('PATCH', `${repoPath}/labels/${encodeURIComponent(name)}`, (b) => (writes.push(`update ${name} ${JSON.stringify(b)}`), [200, {}]));
  }
  return writes;
}

describe('label sync on a push to the governance repository', () => {
  it('creates the missing group labels; a second sync writes nothing', async () => {
    expectNoConfig(api.token());
    expectRegistry(api, TREE);
    expectInstallationRepos('Codertocat/Hello-World');
    api.rest('GET', withQuery(`${REPO}/labels`, 'per_page=100'), [200, [label('bug', 'd73a4a', 'Something is wrong')]]);
    const writes = recordLabelWrites(REPO, 2);
    await push(['groups/registry.yaml']);
    expect(writes.map((w) => JSON.parse(w.slice('create '.length)) as LabelBody)).toEqual([
      { name: 'ig:security', color: '0e8a16', description: 'Security Interest Group' },
      { name: 'wg:registry', color: '1d76db', description: 'Registry Working Group' },
    ]);

    const before = api.requests.length;
    expectRegistry(api, TREE);
    expectInstallationRepos('Codertocat/Hello-World');
    api.rest('GET', withQuery(`${REPO}/labels`, 'per_page=100'), [200, [label('bug'), SECURITY_LABEL, { ...REGISTRY_LABEL, color: '1D76DB' }]]);
    await push(['groups/security.yaml']);
    expect(api.requests.slice(before).map((r) => r.method)).toEqual(['POST', 'GET', 'GET']);
  });

  it('syncs each repository a charter names that the installation can access, and skips the others', async () => {
    const owning = withLine(WORKING_GROUP, 11, '  - Codertocat/Space');
    const other = withLine(withLine(withLine(WORKING_GROUP, 2, 'id: elsewhere'), 3, 'name: Elsewhere Working Group'), 11, '  - someone-else/repo');
    expectNoConfig(api.token());
    expectRegistry(api, { 'registry.yaml': owning, 'elsewhere.yaml': other });
    expectInstallationRepos('Codertocat/Hello-World', 'Codertocat/Space');
    api.rest('GET', withQuery(`${REPO}/labels`, 'per_page=100'), [200, []]);
    api.rest('GET', withQuery('/repos/Codertocat/Space/labels', 'per_page=100'), [200, [REGISTRY_LABEL]]);
    recordLabelWrites(REPO, 2);
    const space = recordLabelWrites('/repos/Codertocat/Space', 1);
    await push(['groups/registry.yaml']);
    expect(space).toEqual([`create ${JSON.stringify({ name: 'wg:elsewhere', color: '1d76db', description: 'Elsewhere Working Group' })}`]);
    expect(api.sent('GET', /someone-else/)).toHaveLength(0);
  });

  it('renames the label of a renamed group in place, keeping its issues (PATCH with new_name)', async () => {
    const renamed = `${withLine(withLine(WORKING_GROUP, 2, 'id: registry'), 11, '  - Codertocat/Hello-World')}previous_ids:\n  - mcp-registry\n`;
    expectNoConfig(api.token());
    expectRegistry(api, { 'registry.yaml': renamed });
    api.rest('GET', withQuery(`${REPO}/labels`, 'per_page=100'), [200, [label('wg:mcp-registry', '1d76db', 'MCP Registry Working Group')]]);
    const writes = recordLabelWrites(REPO, 0, ['wg:mcp-registry']);
    await push(['groups/registry.yaml']);
    expect(writes).toEqual([`update wg:mcp-registry ${JSON.stringify({ new_name: 'wg:registry', description: 'Registry Working Group' })}`]);
  });

  it('leaves both labels when the old and the new one exist (a conflict for a person), writing nothing', async () => {
    const renamed = `${WORKING_GROUP}previous_ids:\n  - mcp-registry\n`;
    expectNoConfig(api.token());
    expectRegistry(api, { 'registry.yaml': renamed });
    expectInstallationRepos('Codertocat/Hello-World');
    api.rest('GET', withQuery(`${REPO}/labels`, 'per_page=100'), [200, [label('wg:mcp-registry'), REGISTRY_LABEL]]);
    await push(['groups/registry.yaml']);
    expect(api.sent('PATCH', /labels/)).toHaveLength(0);
    expect(api.sent('POST', /labels/)).toHaveLength(0);
  });

  it('reads every label of a repository with more than 100, following the Link headers', async () => {
    const page = (n: number) => Array.from({ length: 100 }, (_, i) => label(`area/${n}-${i}`));
    const link = (n: number, last: number) => ({ link: `<https://api.github.com${REPO}/labels?per_page=100&page=${n}>; rel="next", <https://api.github.com${REPO}/labels?per_page=100&page=${last}>; rel="last"` });
    expectNoConfig(api.token());
    expectRegistry(api, TREE);
    expectInstallationRepos('Codertocat/Hello-World');
    api.rest('GET', withQuery(`${REPO}/labels`, 'per_page=100'), [200, page(1), link(2, 3)]);
    api.rest('GET', withQuery(`${REPO}/labels`, 'per_page=100&page=2'), [200, page(2), link(3, 3)]);
    api.rest('GET', withQuery(`${REPO}/labels`, 'per_page=100&page=3'), [200, [...page(3).slice(0, 40), REGISTRY_LABEL, { ...SECURITY_LABEL, color: 'ffffff' }]]);
    const writes = recordLabelWrites(REPO, 0, ['ig:security']);
    await push(['groups/security.yaml']);
    expect(api.sent('GET', `${REPO}/labels`)).toHaveLength(3);
    expect(writes).toEqual([`update ig:security ${JSON.stringify({ color: '0e8a16' })}`]);
  });

  it('uses the configured colors and groups_dir, and syncs when only the configuration changed', async () => {
    expectConfig(api.token(), 'groups_dir: charters\nlabels:\n  interest_color: AABBCC\n');
    let variables: Record<string, unknown> = {};
    expectRegistry(api, { 'security.yaml': INTEREST_GROUP }, (r) => (variables = r.variables));
    api.rest('GET', withQuery(`${REPO}/labels`, 'per_page=100'), [200, [SECURITY_LABEL]]);
    const writes = recordLabelWrites(REPO, 0, ['ig:security']);
    await push(['.github/group-steward.yml']);
    expect(variables.charters).toBe('HEAD:charters');
    expect(writes).toEqual([`update ig:security ${JSON.stringify({ color: 'aabbcc' })}`]);
  });

  it('leaves out a charter with errors, syncing the valid ones', async () => {
    expectNoConfig(api.token());
    expectRegistry(api, { ...TREE, 'broken.yaml': 'id: broken\nname: [unclosed\n' });
    expectInstallationRepos('Codertocat/Hello-World');
    api.rest('GET', withQuery(`${REPO}/labels`, 'per_page=100'), [200, [REGISTRY_LABEL]]);
    const writes = recordLabelWrites(REPO, 1);
    await push(['groups/broken.yaml']);
    expect(writes).toEqual([`create ${JSON.stringify({ name: 'ig:security', color: '0e8a16', description: 'Security Interest Group' })}`]);
  });

  it('does nothing for a push that leaves groups/ alone, to another branch, or of a tag', async () => {
    expectNoConfig(api.token());
    await push(['README.md']);
    await push(['groups/registry.yaml'], (p) => (p.ref = 'refs/heads/feature'));
    await probot.receive({ id: 'tag', name: 'push', payload: examplePayload('push', undefined, (p) => p.ref === 'refs/tags/simple-tag' && !p.deleted) } as never);
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /app/installations/1/access_tokens',
      `GET ${REPO}/contents/.github%2Fgroup-steward.yml`,
      'GET /repos/Codertocat/.github/contents/.github%2Fgroup-steward.yml',
    ]);
  });

  it('does nothing in a repository whose charters live in another governance repository', async () => {
    expectConfig(api.token(), 'governance_repo: Codertocat/governance\n');
    await push(['groups/registry.yaml']);
    expect(api.requests).toHaveLength(2);
  });
});

describe('label sync on installation', () => {
  it('installation.created syncs the repositories installed on', async () => {
    const payload = examplePayload('installation', 'created');
    expectNoConfig(api.token());
    expectRegistry(api, TREE);
    api.rest('GET', withQuery(`${REPO}/labels`, 'per_page=100'), [200, []]);
    const writes = recordLabelWrites(REPO, 2);
    await probot.receive({ id: 'install', name: 'installation', payload } as never);
    expect(writes).toHaveLength(2);
  });

  it('installation_repositories.added syncs an added repository its governance repository\'s charters name', async () => {
    const owning = withLine(WORKING_GROUP, 11, '  - Codertocat/Space');
    expectConfig(api.token(), 'governance_repo: Codertocat/Hello-World\n', 'Codertocat', 'Space');
    expectNoConfig(api);
    expectRegistry(api, { 'registry.yaml': owning });
    api.rest('GET', withQuery('/repos/Codertocat/Space/labels', 'per_page=100'), [200, []]);
    const writes = recordLabelWrites('/repos/Codertocat/Space', 1);
    await probot.receive({ id: 'added', name: 'installation_repositories', payload: examplePayload('installation_repositories', 'added') } as never);
    expect(writes).toEqual([`create ${JSON.stringify({ name: 'wg:registry', color: '1d76db', description: 'Registry Working Group' })}`]);
  });

  it('installation_repositories.added does not sync a repository no charter names', async () => {
    expectConfig(api.token(), 'governance_repo: Codertocat/Hello-World\n', 'Codertocat', 'Space');
    expectNoConfig(api);
    expectRegistry(api, TREE);
    await probot.receive({ id: 'added', name: 'installation_repositories', payload: examplePayload('installation_repositories', 'added') } as never);
    expect(api.sent('GET', /labels/)).toHaveLength(0);
  });
});
