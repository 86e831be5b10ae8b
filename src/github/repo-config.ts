/**
 * Reading `.github/group-steward.yml` through Probot's `context.config` (default branch, with an
 * organization-wide default in the org's `.github` repository and `_extends`), validated, and
 * cached per repository so that a steady stream of webhooks does not re-read it each time.
 */
import { ConfigError, parseConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { CONFIG_FILE } from '../config/schema.js';
import { TtlCache } from './ttl-cache.js';

/** How long a repository's configuration is reused, in ms; a push that changes it clears it sooner. */
export const CONFIG_TTL_MS = 10 * 60_000;

/**
 * The part of a Probot context that reads configuration. Cached reads are kept apart per
 * installation (`payload.installation.id`, or `cacheScope`): what one installation may read is
 * never served to another.
 */
export interface ConfigReader {
  config<T>(fileName: string): Promise<T | null>;
  cacheScope?: string;
  /** A webhook payload (Probot's context has one): its `installation.id` scopes the cache. */
  payload?: unknown;
}

/** The cache scope of a reader: its installation (or its explicit scope). */
export function cacheScopeOf(reader: Pick<ConfigReader, 'cacheScope' | 'payload'>): string {
  const installation = (reader.payload as { installation?: { id?: unknown } | null } | undefined)?.installation;
  return reader.cacheScope ?? String(installation?.id ?? '');
}

/** The most configurations kept (one per repository and installation); past it, the least recently read is dropped. */
export const CONFIG_CACHE_MAX = 5_000;

const cache = new TtlCache<Config>({ max: CONFIG_CACHE_MAX, ttlMs: CONFIG_TTL_MS });

/**
 * The repository's configuration (defaults when it has none). Handlers of one delivery that ask at
 * the same time share one read.
 *
 * @param repoFullName `owner/name`, the cache key
 * @param nowMs        the clock, in ms since the epoch
 * @throws ConfigError naming each bad key when the file is invalid (never cached)
 */
export async function loadRepoConfig(reader: ConfigReader, repoFullName: string, nowMs: number): Promise<Config> {
  const key = `${repoFullName.toLowerCase()}\0${cacheScopeOf(reader)}`;
  return cache.get(key, nowMs, () => readConfig(reader));
}

async function readConfig(reader: ConfigReader): Promise<Config> {
  let raw: unknown;
  try {
    raw = await reader.config<unknown>(CONFIG_FILE);
  } catch (error) {
    // An HTTP failure is GitHub's; anything else (YAML that does not parse, a bad _extends) is the file's.
    if (typeof (error as { status?: unknown }).status === 'number') throw error;
    throw new ConfigError([error instanceof Error ? error.message : String(error)]);
  }
  return parseConfig(raw);
}

/** Forgets a repository's configuration (after a push changed it), or every one. */
export function forgetRepoConfig(repoFullName?: string): void {
  if (repoFullName === undefined) {
    cache.clear();
    return;
  }
  const prefix = `${repoFullName.toLowerCase()}\0`;
  cache.clear((key) => key.startsWith(prefix));
}
