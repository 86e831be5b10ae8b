/**
 * Reading `.github/<file>` of any repository — not only the one a webhook is about — as Probot's
 * `context.config` does: the default branch, the organization's `.github` repository as a
 * fallback, `_extends`, and the files merged the way Probot merges them (objects deeply, arrays
 * concatenated). The CLI, installation events and a governance repository other than the event's
 * need it.
 */
import deepmerge from 'deepmerge';
import type { ConfigReader } from './repo-config.js';
import type { GitHub } from './client.js';
import { repoParams } from './client.js';

/**
 * A `ConfigReader` (for `loadRepoConfig`) of `repo` (`owner/name`): `config(fileName)` resolves
 * to the merged configuration, or null when no file exists.
 *
 * @throws (from `config`) the HTTP error GitHub answers with, or the YAML error of a bad file
 */
export function repoConfigReader(gh: GitHub, repo: string, cacheScope?: string): ConfigReader {
  return {
    ...(cacheScope !== undefined ? { cacheScope } : {}),
    async config<T>(fileName: string): Promise<T | null> {
      const { config, files } = await gh.config.get({
        ...repoParams(repo),
        path: `.github/${fileName}`,
        // Probot's own merge of `_extends` (`context.config`): deepmerge's default rule — plain
        // objects merge deeply, arrays concatenate, any other value is replaced by the later one.
        defaults: (configs) => deepmerge.all(configs.map((c) => c as object)) as Record<string, unknown>,
      });
      return files.some((f) => f.config !== null) ? (config as T) : null;
    },
  };
}
