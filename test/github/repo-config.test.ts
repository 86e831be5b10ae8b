import { beforeEach, describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../src/config/load.js';
import { CONFIG_TTL_MS, forgetRepoConfig, loadRepoConfig } from '../../src/github/repo-config.js';

beforeEach(() => forgetRepoConfig());

describe('the configuration cache', () => {
  it('shares one read between callers at the same time, and reads again after CONFIG_TTL_MS', async () => {
    let reads = 0;
    const reader = { config: async <T>() => ((reads += 1), { vote: { period_hours: 72 } } as T) };
    const [a, b] = await Promise.all([loadRepoConfig(reader, 'o/a', 0), loadRepoConfig(reader, 'o/a', 0)]);
    expect(a).toBe(b);
    expect(reads).toBe(1);
    await loadRepoConfig(reader, 'o/a', CONFIG_TTL_MS);
    expect(reads).toBe(1);
    await loadRepoConfig(reader, 'o/a', CONFIG_TTL_MS + 1);
    expect(reads).toBe(2);
  });

  it('keeps no invalid file and no failed read: the next event reads again', async () => {
    let reads = 0;
    const answers: (() => unknown)[] = [
      () => ({ vote: { period_hours: 'soon' } }),
      () => {
        throw Object.assign(new Error('Bad Gateway'), { status: 502 });
      },
      () => null,
    ];
    const reader = { config: async <T>() => answers[reads++]?.() as T };
    await expect(loadRepoConfig(reader, 'o/a', 0)).rejects.toThrow(ConfigError);
    await expect(loadRepoConfig(reader, 'o/a', 1)).rejects.toMatchObject({ status: 502 });
    await expect(loadRepoConfig(reader, 'o/a', 2)).resolves.toBeDefined();
    await loadRepoConfig(reader, 'o/a', 3);
    expect(reads).toBe(3);
  });
});
