/**
 * Where a repository's groups come from: its configuration names the governance repository
 * (`governance_repo`, default: the repository itself), whose own configuration says where the
 * charters are (`groups_dir`) and how labels look (`labels`). Read through the caches — the
 * configuration for 10 minutes, the registry until a push refreshes it — so at steady state this
 * makes no request.
 */
import type { Config } from '../config/schema.js';
import type { GitHub } from '../github/client.js';
import { readGroupRegistry, registryLocation } from '../github/group-registry.js';
import type { GroupRegistry } from '../github/group-registry.js';
import { cacheScopeOf, loadRepoConfig } from '../github/repo-config.js';
import type { ConfigReader } from '../github/repo-config.js';
import { repoConfigReader } from '../github/repo-config-reader.js';
import { sameRepo } from '../names.js';

/** A repository's configuration, its governance repository's, and the registry read there. */
export interface Governance {
  /** `owner/name` of the repository the work is in. */
  repo: string;
  /** Its configuration: `linking` (who may remove, comment on label) and `governance_repo` come from here. */
  config: Config;
  /** `owner/name` of the governance repository (the configured spelling, or `repo`). */
  governanceRepo: string;
  /**
   * The governance repository's configuration: `groups_dir` and `labels` come from here, so
   * every repository reads the same folder and syncs the same colors.
   */
  governanceConfig: Config;
  registry: GroupRegistry;
}

/** The configurations only: `Governance` without the registry. */
export type GovernanceConfig = Omit<Governance, 'registry'>;

/**
 * Loads the configuration of `repo` and of its governance repository. `reader` reads `repo`'s own
 * configuration (the webhook context, or `repoConfigReader`); the governance repository's, when it
 * is another one, is read through the same installation.
 *
 * @throws ConfigError when either configuration is invalid; the HTTP error GitHub answers with
 */
export async function loadGovernanceConfig(gh: GitHub, repo: string, reader: ConfigReader, now: Date): Promise<GovernanceConfig> {
  const config = await loadRepoConfig(reader, repo, now.getTime());
  const governanceRepo = config.governance_repo ?? repo;
  const governanceConfig = sameRepo(governanceRepo, repo)
    ? config
    : await loadRepoConfig(repoConfigReader(gh, governanceRepo, cacheScopeOf(reader)), governanceRepo, now.getTime());
  return { repo, config, governanceRepo, governanceConfig };
}

/**
 * Loads the governance of `repo`: both configurations (`loadGovernanceConfig`), then the registry
 * of the governance repository's `groups_dir`.
 *
 * @throws ConfigError when either configuration is invalid; Error when the governance repository
 *         cannot be read; the HTTP or GraphQL error GitHub answers with
 */
export async function loadGovernance(gh: GitHub, repo: string, reader: ConfigReader, now: Date): Promise<Governance> {
  const governance = await loadGovernanceConfig(gh, repo, reader, now);
  const registry = await readGroupRegistry(gh, registryLocation(governance.governanceRepo, governance.governanceConfig, cacheScopeOf(reader)), now);
  return { ...governance, registry };
}
