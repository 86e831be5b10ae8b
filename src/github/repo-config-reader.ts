/**
 * Reading `.github/<file>` of any repository — not only the one a webhook is about — as Probot's
 * `context.config` does: the default branch, the organization's `.github` repository as a
 * fallback, `_extends`, and the files merged the way Probot merges them (objects deeply, arrays
 * concatenated). The CLI, installation events and a governance repository other than the event's
 * need it.
 */
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
        defaults: (configs) => configs.reduce<Record<string, unknown>>((merged, next) => mergeDeep(merged, next) as Record<string, unknown>, {}),
      });
      return files.some((f) => f.config !== null) ? (config as T) : null;
    },
  };
}

/** deepmerge's default rule, as Probot uses it: plain objects merge, arrays concatenate, else the later wins. */
function mergeDeep(target: unknown, source: unknown): unknown {
  if (Array.isArray(target) && Array.isArray(source)) return [...target, ...source];
  if (isPlainObject(target) && isPlainObject(source)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(target)) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    for (const [key, value] of Object.entries(source)) {
      // defineProperty: a "__proto__" key in YAML stays a plain key (the schema then rejects it).
      Object.defineProperty(out, key, { value: Object.hasOwn(out, key) ? mergeDeep(out[key], value) : value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return source;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
