import { beforeEach, describe, expect, it } from '@jest/globals';
import type { Context } from 'probot';
import { loadRepoConfig, forgetRepoConfig } from '../../src/github/repo-config.js';
import { onConfigPush } from '../../src/handlers/config-events.js';

let reads = 0;
const reader = { config: async <T>() => ((reads += 1), null as T | null) };
const push = (repo: string, files: string[], commits = 1) =>
  onConfigPush({
    payload: {
      repository: { name: repo.split('/')[1], full_name: repo },
      commits: Array.from({ length: commits }, () => ({ added: [], modified: files, removed: [] })),
    },
  } as unknown as Context<'push'>);

beforeEach(() => {
  forgetRepoConfig();
  reads = 0;
});

describe('the configuration cache and pushes', () => {
  it('reads a repository\'s configuration once, then from the cache', async () => {
    await loadRepoConfig(reader, 'o/a', 0);
    await loadRepoConfig(reader, 'O/A', 1000);
    expect(reads).toBe(1);
  });

  it('forgets it when a push changes .github/, and only then', async () => {
    await loadRepoConfig(reader, 'o/a', 0);
    await push('o/a', ['README.md']);
    await loadRepoConfig(reader, 'o/a', 1);
    expect(reads).toBe(1);
    await push('o/a', ['.github/group-steward.yml']);
    await loadRepoConfig(reader, 'o/a', 2);
    expect(reads).toBe(2);
  });

  it('forgets every repository\'s when the organization\'s .github repository changes', async () => {
    await loadRepoConfig(reader, 'o/a', 0);
    await loadRepoConfig(reader, 'o/b', 0);
    await push('o/.github', ['.github/group-steward.yml']);
    await loadRepoConfig(reader, 'o/a', 1);
    await loadRepoConfig(reader, 'o/b', 1);
    expect(reads).toBe(4);
  });

  it('counts a push that lists no commits (forced, or too many) as a change', async () => {
    await loadRepoConfig(reader, 'o/a', 0);
    await push('o/a', [], 0);
    await loadRepoConfig(reader, 'o/a', 1);
    expect(reads).toBe(2);
  });
});

describe('the caches are kept apart per installation', () => {
  it('never serves one installation\'s configuration to another', async () => {
    const of = (installation: number) => ({ config: reader.config, payload: { installation: { id: installation } } });
    await loadRepoConfig(of(1), 'o/a', 0);
    await loadRepoConfig(of(1), 'o/a', 1);
    await loadRepoConfig(of(2), 'o/a', 1);
    expect(reads).toBe(2);
  });
});
