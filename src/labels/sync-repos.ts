/**
 * Where label sync runs and what it writes there, from the group registry: the repositories
 * (the governance repository, then every repository a charter owns) and the labels the charters
 * call for. Pure; the App's handlers, the CLI and the benchmark all ask these. README § Labels and
 * linking ("Label sync").
 */
import type { Charter } from '../charters/schema.js';
import type { Config } from '../config/schema.js';
import { sameRepo } from '../names.js';
import { desiredLabels } from './desired.js';
import type { DesiredLabel } from './desired.js';

/** What these rules read of a registry: the governance repository and the charters that count. */
export interface RegistryScope {
  /** `owner/name` of the governance repository, as configured. */
  governanceRepo: string;
  charters: readonly Charter[];
}

/** The labels the registry calls for, colored by the governance repository's configuration. Pure. */
export function registryLabels(registry: Pick<RegistryScope, 'charters'>, governanceConfig: Pick<Config, 'labels'>): DesiredLabel[] {
  return desiredLabels(registry.charters, governanceConfig);
}

/**
 * Where labels are synced: the governance repository first, then every repository named in a
 * charter's `repos` — active and retired charters alike, so a retired group's label gets its
 * `[retired]` description there too — each once, ignoring case. The caller keeps only the
 * repositories the App is installed on. Pure.
 */
export function labelSyncRepos(registry: RegistryScope): string[] {
  const repos = [registry.governanceRepo];
  for (const charter of registry.charters) {
    for (const repo of charter.repos ?? []) if (!repos.some((r) => sameRepo(r, repo))) repos.push(repo);
  }
  return repos;
}
