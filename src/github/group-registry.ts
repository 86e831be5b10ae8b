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
import { charterFolders, charterLayout, validateCharterFiles } from '../charters/layout.js';
import type { Config, Policy } from '../config/schema.js';
import type { CharterLayout } from '../charters/layout.js';
import { charterFiles } from '../charters/tree-sources.js';
import { charterSourceTree } from '../charters/tree.js';
import { CHARTER_TREE_FRAGMENT, NAV_BLOB_FRAGMENT, navFile, toTree } from './charter-tree.js';
import type { GitHub } from './client.js';
import { repoParams } from './client.js';
import type { GroupStewardRegistryQuery } from './graphql-types.generated.js';
import { TtlCache } from './ttl-cache.js';
import { withoutBotSuffix } from '../logins.js';

/** The GraphQL document sent (validated against GitHub's schema in the tests). */
export const GROUP_REGISTRY_QUERY = /* GraphQL */ `
  query GroupStewardRegistry($owner: String!, $name: String!, $charters: String!, $pages: Boolean = false, $interest: String = "", $nav: String = "") {
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
      interest: object(expression: $interest) @include(if: $pages) {
        ...CharterTree
      }
      nav: object(expression: $nav) @include(if: $pages) {
        ...NavBlob
      }
    }
  }
  ${CHARTER_TREE_FRAGMENT}
  ${NAV_BLOB_FRAGMENT}
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
  /** The charter source read: a folder of YAML charters, or charter pages. */
  layout: CharterLayout;
  /** The default branch's head commit when it was read; null for an empty repository. */
  commit: string | null;
  /** The login of who read it — the App's bot, as GraphQL names it (`slug`, without `[bot]`). */
  viewerLogin: string;
}

export interface RegistryLocation {
  /** `owner/name` of the governance repository. */
  repo: string;
  /** The charter source (`charterLayout(config)`: `groups_dir`, or `charter_pages`). */
  layout: CharterLayout;
  /** The policy YAML charters are judged under (`ValidateOptions.policy`; default SEP-1302). */
  policy?: Policy;
  /** The installation reading it: a cached registry is never served to another installation. */
  scope?: string;
}

/**
 * The registry location of governance repository `repo` under its configuration: its charter
 * source and the policy its charters are judged under, for the installation `scope`.
 */
export function registryLocation(repo: string, config: Pick<Config, 'groups_dir' | 'charter_pages' | 'policy'>, scope?: string): RegistryLocation {
  return { repo, layout: charterLayout(config), policy: config.policy, ...(scope !== undefined ? { scope } : {}) };
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
  return `${location.repo.toLowerCase()}\0${JSON.stringify(location.layout)}\0${location.policy ?? ''}\0${location.scope ?? ''}`;
}

async function fetchGroupRegistry(gh: GitHub, location: RegistryLocation, now: Date): Promise<GroupRegistry> {
  const { owner, repo } = repoParams(location.repo);
  const { layout } = location;
  const [first, second] = charterFolders(layout);
  const variables = layout.kind === 'pages' ? { pages: true, interest: `HEAD:${second}`, nav: `HEAD:${layout.nav}` } : {};
  const data = await gh.graphql<GroupStewardRegistryQuery>(GROUP_REGISTRY_QUERY, { owner, name: repo, charters: `HEAD:${first}`, ...variables });
  if (!data.repository) {
    throw new Error(`the governance repository ${location.repo} was not found, or this installation cannot read it`);
  }
  const tree = charterSourceTree(layout, [toTree(data.repository.charters), toTree(data.repository.interest)], navFile(data.repository.nav));
  const files = charterFiles(layout, tree, layout.kind === 'yaml' ? `${layout.dir}/` : '');
  return {
    governanceRepo: location.repo,
    layout,
    commit: data.repository.defaultBranchRef?.target?.oid ?? null,
    ...registryCharters(validateCharterFiles(layout, files, { now, ...(location.policy ? { policy: location.policy } : {}) })),
    viewerLogin: withoutBotSuffix(data.viewer.login),
  };
}
