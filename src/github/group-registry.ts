/**
 * The group registry: the charters of the governance repository, on its default branch, read in
 * ONE GraphQL request (the charters folder with every blob's text, the default branch's commit and
 * the App's own login), validated, and cached per governance repository so that a linking event at
 * steady state reads nothing of `groups/`. A push to the governance repository's default branch
 * that touches the folder calls `forgetGroupRegistry`, and the next read refreshes it.
 *
 * Which charters count is the core's rule (`registryCharters`, src/charters/registry.ts): only
 * those whose file has no error; the others are reported in `excluded`.
 */
import { registryCharters } from '../charters/registry.js';
import type { RegistryCharters } from '../charters/registry.js';
import { treeSources } from '../charters/tree-sources.js';
import { CHARTER_TREE_FRAGMENT, toTree } from './charter-tree.js';
import type { GitHub } from './client.js';
import { repoParams } from './client.js';
import type { GroupStewardRegistryQuery } from './graphql-types.generated.js';
import { TtlCache } from './ttl-cache.js';
import { withoutBotSuffix } from '../logins.js';
import { folderPath } from '../names.js';

/** The GraphQL document sent (validated against GitHub's schema in the tests). */
export const GROUP_REGISTRY_QUERY = /* GraphQL */ `
  query GroupStewardRegistry($owner: String!, $name: String!, $charters: String!) {
    viewer {
      login
    }
    repository(owner: $owner, name: $name) {
      defaultBranchRef {
        name
        target {
          oid
        }
      }
      charters: object(expression: $charters) {
        ...CharterTree
      }
    }
  }
  ${CHARTER_TREE_FRAGMENT}
`;

/**
 * How long a registry is reused without a push refreshing it, in ms: a safety net for a missed
 * push delivery, or for another instance of the App that received the push.
 */
export const REGISTRY_TTL_MS = 60 * 60_000;

/** The registry as read at one commit of the governance repository's default branch. */
export interface GroupRegistry extends RegistryCharters {
  /** `owner/name` of the governance repository, as configured. */
  governanceRepo: string;
  /** The charters folder read, relative to the repository root. */
  groupsDir: string;
  /** The default branch's head commit when it was read; null for an empty repository. */
  commit: string | null;
  /** The login of who read it — the App's bot, as GraphQL names it (`slug`, without `[bot]`). */
  viewerLogin: string;
}

export interface RegistryLocation {
  /** `owner/name` of the governance repository. */
  repo: string;
  /** The charters folder, relative to the repository root (config `groups_dir`). */
  groupsDir: string;
  /** The installation reading it: a cached registry is never served to another installation. */
  scope?: string;
}

/**
 * The most registries kept: one per governance repository, charters folder and installation.
 * Past it, the least recently read is dropped (and read again when asked for).
 */
export const REGISTRY_CACHE_MAX = 500;

const cache = new TtlCache<GroupRegistry>({ max: REGISTRY_CACHE_MAX, ttlMs: REGISTRY_TTL_MS });

/**
 * The registry of `location`, from the cache when it holds one read at most `REGISTRY_TTL_MS`
 * ago; otherwise one GraphQL request. Concurrent calls share one request. A missing charters
 * folder or an empty repository is an empty registry (cached too).
 *
 * @param now the clock: dates in the future are judged against it, and the cache expires by it
 * @throws Error when the governance repository does not exist or this installation cannot read it
 *         (never cached), or the GraphQL/HTTP error GitHub answers with
 */
export async function readGroupRegistry(gh: GitHub, location: RegistryLocation, now: Date): Promise<GroupRegistry> {
  return cache.get(cacheKey(location), now.getTime(), () => fetchGroupRegistry(gh, location, now));
}

/**
 * The registry as of `commit`, the governance repository's default-branch commit as just read
 * (`readWork`): the cached one when it was read at that commit, otherwise read again. So every
 * replica plans every event with the charters of the current commit, whichever replica received
 * the push (README § Labels and linking, "The group registry"). A registry read again at a still
 * newer commit (a push in between) is returned as read.
 *
 * @throws as `readGroupRegistry`
 */
export async function readGroupRegistryAt(gh: GitHub, location: RegistryLocation, commit: string | null, now: Date): Promise<GroupRegistry> {
  const cached = await readGroupRegistry(gh, location, now);
  if (cached.commit === commit) return cached;
  cache.delete(cacheKey(location));
  return readGroupRegistry(gh, location, now);
}

/** Forgets the cached registry of a governance repository (every folder), or every registry. */
export function forgetGroupRegistry(repo?: string): void {
  if (repo === undefined) {
    cache.clear();
    return;
  }
  const prefix = `${repo.toLowerCase()}\0`;
  cache.clear((key) => key.startsWith(prefix));
}

function cacheKey(location: RegistryLocation): string {
  return `${location.repo.toLowerCase()}\0${folderPath(location.groupsDir)}\0${location.scope ?? ''}`;
}

async function fetchGroupRegistry(gh: GitHub, location: RegistryLocation, now: Date): Promise<GroupRegistry> {
  const { owner, repo } = repoParams(location.repo);
  const dir = folderPath(location.groupsDir);
  const data = await gh.graphql<GroupStewardRegistryQuery>(GROUP_REGISTRY_QUERY, { owner, name: repo, charters: `HEAD:${dir}` });
  if (!data.repository) {
    throw new Error(`the governance repository ${location.repo} was not found, or this installation cannot read it`);
  }
  const sources = treeSources(toTree(data.repository.charters)?.files ?? [], `${dir}/`);
  return {
    governanceRepo: location.repo,
    groupsDir: dir,
    commit: data.repository.defaultBranchRef?.target?.oid ?? null,
    ...registryCharters(sources, now),
    viewerLogin: withoutBotSuffix(data.viewer.login),
  };
}

