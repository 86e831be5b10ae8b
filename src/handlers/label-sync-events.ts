/**
 * Webhook handlers for label sync (README § Labels and linking, "Label sync"): a push to the
 * governance repository's default branch that changes the charters folder (or the App's
 * configuration) syncs the governance repository and every repository its charters name that this
 * installation can access; an installation, or repositories added to one, syncs the repositories
 * added.
 *
 * Pushes are handled whoever sent them — a bot merging a charter change is still a change.
 * One repository's failure does not stop the others: each is logged (Probot's context logger
 * carries the delivery id), then the handler fails with a summary. A long sync can outlive the
 * delivery (Probot answers 202 after 9 s and spaces writes a second apart), so GitHub may not show
 * that failure; it need not: a sync writes only differences, so the next push that changes
 * `groups/`, the next installation event or `group-steward labels --repo <owner/name>` finishes it.
 */
import { charterLayout, isCharterPath } from '../charters/layout.js';
import type { Context } from 'probot';
import { ConfigError } from '../config/load.js';
import { CONFIG_FILE } from '../config/schema.js';
import type { GitHub } from '../github/client.js';
import { forgetGroupRegistry, readGroupRegistry, registryLocation } from '../github/group-registry.js';
import type { GroupRegistry } from '../github/group-registry.js';
import { listInstallationRepos } from '../github/installation-repos.js';
import { cacheScopeOf, forgetRepoConfig, loadRepoConfig } from '../github/repo-config.js';
import { repoConfigReader } from '../github/repo-config-reader.js';
import type { DesiredLabel } from '../labels/desired.js';
import { labelSyncRepos, registryLabels } from '../labels/sync-repos.js';
import { sameRepo } from '../names.js';
import { loadGovernance } from '../services/governance.js';
import { syncRepoLabels } from '../services/label-sync.js';
import { pushTouches } from './push-paths.js';

type Log = Context['log'];

/**
 * push: when it is to the default branch of a governance repository (one whose configuration
 * names no other `governance_repo`) and changes a charter file (`isCharterPath`: a YAML charter in
 * `groups_dir`, or a charter page or the navigation file under `charter_pages`) or
 * `.github/group-steward.yml`, re-read the registry (refreshing the cache every linking event
 * uses) and sync labels. A forced push, an empty commit list or a push of more commits than the
 * payload lists is assumed to change the folder.
 *
 * Repositories named in charters are synced only when this installation can access them
 * (`GET /installation/repositories`, read only when charters name a repository other than the
 * governance one); the others are logged as skipped — the App may simply not be installed there.
 */
export async function onGovernancePush(context: Context<'push'>): Promise<void> {
  const { payload } = context;
  const repo = payload.repository.full_name;
  if (payload.deleted || payload.ref !== `refs/heads/${payload.repository.default_branch}`) return;
  const configChanged = pushTouches(payload, (path) => path === `.github/${CONFIG_FILE}`);
  if (configChanged) forgetRepoConfig(repo);
  const now = new Date();
  const config = await configOrLog(context.log, () => loadRepoConfig(context, repo, now.getTime()));
  if (!config || !sameRepo(config.governance_repo ?? repo, repo)) return;
  const layout = charterLayout(config);
  if (!configChanged && !pushTouches(payload, (path) => isCharterPath(layout, path))) return;

  forgetGroupRegistry(repo);
  const registry = await readGroupRegistry(context.octokit, registryLocation(repo, config, cacheScopeOf(context)), now);
  logExcluded(context.log, registry);
  const targets = labelSyncRepos(registry);
  const installed = targets.length > 1 ? await listInstallationRepos(context.octokit) : [];
  const reachable = targets.filter((t) => sameRepo(t, repo) || installed.some((i) => sameRepo(i, t)));
  const skipped = targets.filter((t) => !reachable.includes(t));
  if (skipped.length > 0) context.log.info({ skipped }, 'label sync: repositories named in charters where this installation has no access');
  await syncAll(context.octokit, context.log, reachable.map((target) => ({ repo: target, desired: () => registryLabels(registry, config) })));
}

/** installation.created: sync the repositories the App was installed on. */
export async function onInstallationCreated(context: Context<'installation.created'>): Promise<void> {
  const repos = context.payload.repositories?.map((r) => r.full_name) ?? (await listInstallationRepos(context.octokit));
  await syncAddedRepos(context.octokit, context.log, repos, cacheScopeOf(context));
}

/** installation_repositories.added: sync the repositories added to the installation. */
export async function onInstallationRepositoriesAdded(context: Context<'installation_repositories.added'>): Promise<void> {
  await syncAddedRepos(context.octokit, context.log, context.payload.repositories_added.map((r) => r.full_name), cacheScopeOf(context));
}

/**
 * Each added repository is synced when it is its own governance repository or a charter of its
 * governance repository names it; its configuration and the registry are read first. The registry
 * is read afresh for the event (another replica may have received the push that changed the
 * charters), then shared by the batch, so repositories sharing a governance repository read it once.
 * A repository with an invalid configuration is logged and skipped.
 */
async function syncAddedRepos(gh: GitHub, log: Log, repos: readonly string[], scope: string): Promise<void> {
  const now = new Date();
  // Installation events are rare: no cached registry of an older commit is trusted for them.
  forgetGroupRegistry();
  const jobs: SyncJob[] = [];
  for (const repo of repos) {
    jobs.push({
      repo,
      desired: async () => {
        const governance = await loadGovernance(gh, repo, repoConfigReader(gh, repo, scope), now);
        logExcluded(log, governance.registry);
        const owned = labelSyncRepos(governance.registry).some((r) => sameRepo(r, repo));
        return owned ? registryLabels(governance.registry, governance.governanceConfig) : [];
      },
    });
  }
  await syncAll(gh, log, jobs);
}

interface SyncJob {
  repo: string;
  /** The labels `repo` should have; empty: nothing to sync there (no labels are listed). */
  desired: () => DesiredLabel[] | Promise<DesiredLabel[]>;
}

/**
 * Runs the jobs one after another, logging each outcome and conflict. A ConfigError skips its
 * repository (logged); any other error is logged and, once every job ran, thrown as one error.
 */
async function syncAll(gh: GitHub, log: Log, jobs: readonly SyncJob[]): Promise<void> {
  const failed: string[] = [];
  for (const job of jobs) {
    try {
      const desired = await configOrLog(log, async () => job.desired());
      if (!desired || desired.length === 0) continue;
      const outcome = await syncRepoLabels(gh, job.repo, desired);
      log.info({ repo: job.repo, writes: outcome.applied.length, conflicts: outcome.conflicts.length }, 'label sync');
      for (const conflict of outcome.conflicts) log.warn({ repo: job.repo }, `label sync conflict: ${conflict}`);
    } catch (error) {
      log.error({ repo: job.repo, err: error }, 'label sync failed');
      failed.push(`${job.repo}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failed.length > 0) throw new Error(`label sync failed in ${failed.length} of ${jobs.length} repositories: ${failed.join('; ')}`);
}

/** The result of `load`, or undefined after logging a ConfigError (anything else propagates). */
async function configOrLog<T>(log: Log, load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    log.warn({ problems: error.problems }, 'label sync skipped: invalid .github/group-steward.yml');
    return undefined;
  }
}

function logExcluded(log: Log, registry: GroupRegistry): void {
  if (registry.excluded.length === 0) return;
  log.warn({ governance_repo: registry.governanceRepo, excluded: registry.excluded }, 'charters with errors are left out of the registry');
}

