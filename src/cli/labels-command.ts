/**
 * `group-steward labels --repo owner/name [--groups DIR] [--dry-run] [--format text|json]`: the
 * label sync of one repository from the command line — the same plan the App applies on a push
 * (README § Labels and linking, "Label sync"), printed and, unless `--dry-run`, applied.
 *
 * A pipeline: credentials → configuration (the repository's, then its governance repository's:
 * colors and `groups_dir`) → charters (`--groups DIR` on disk, else the governance repository's
 * default branch) → the repository's labels, all pages → plan → apply or print.
 *
 * Dry-run is decided here, once: the plan is the same, it is only printed (`describeAction`)
 * instead of handed to `applyPlan`. A dry run sends only GET requests (and the GraphQL read of
 * the charters, a query, when `--groups` is not given). The labels are always read live: the plan
 * is the difference from what the repository has now.
 *
 * Auth: `GITHUB_TOKEN`, or `APP_ID` + `PRIVATE_KEY` (an installation token for the repository);
 * `GITHUB_API_URL` points at GitHub Enterprise Server (see `createCliClient`).
 *
 * Exit codes: 0 done (or planned); 1 done, but something needs a person — a label conflict (an old
 * and a new label both exist) or a charter left out for errors; 2 usage error, missing
 * credentials, an unreadable folder, an invalid configuration, or GitHub refusing a request.
 */
import { resolve } from 'node:path';
import { readCharterDirectory } from '../charters/read-directory.js';
import { REPO_PATTERN } from '../charters/schema.js';
import type { Charter } from '../charters/schema.js';
import type { CharterSource } from '../charters/parse.js';
import { ConfigError } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { applyPlan } from '../github/apply-plan.js';
import { createCliClient, CredentialsError } from '../github/cli-client.js';
import type { GitHub } from '../github/client.js';
import { registryCharters } from '../charters/registry.js';
import { describeLayout } from '../charters/layout.js';
import { validateCharters } from '../charters/validate.js';
import type { ExcludedCharterFile } from '../charters/registry.js';
import { readGroupRegistry, registryLocation } from '../github/group-registry.js';
import { repoConfigReader } from '../github/repo-config-reader.js';
import { labelSyncRepos, registryLabels } from '../labels/sync-repos.js';
import { sameRepo } from '../names.js';
import { loadGovernanceConfig } from '../services/governance.js';
import { planRepoLabels } from '../services/label-sync.js';
import { describeAction } from '../plan/actions.js';
import type { PlanAction } from '../plan/actions.js';
import type { CliIo } from './io.js';
import { plural } from '../words.js';
import { cannotReadDirectory, parseCommandArgs } from './format.js';

/** The usage lines of `labels`, for the CLI's help. */
export const LABELS_USAGE = `  labels --repo owner/name  Sync the group labels of a repository with the charters
      --groups DIR        Read the charters from DIR instead of the governance repository
      --dry-run           Print the plan; write nothing
      --format text|json  Output format (default: text)`;

/** What `labels` prints with `--format json`. */
export interface LabelsReport {
  repo: string;
  dry_run: boolean;
  /** Where the charters were read: `owner/name:dir@commit`, or the folder given. */
  charters_from: string;
  /** The plan: applied, or (dry run) what would be applied. */
  actions: PlanAction[];
  conflicts: string[];
  excluded: ExcludedCharterFile[];
  /** True when the repository is neither the governance repository nor named in a charter's `repos`: the App would not sync it. */
  not_synced_by_app: boolean;
}

/**
 * Runs `labels` with its arguments (after the command name).
 *
 * Credentials and `GITHUB_API_URL` are read from `io.env` (the process's environment in
 * production; none when absent).
 *
 * @returns the exit code (see the module comment); never throws for a usage, credential,
 *          configuration or folder problem. GitHub's HTTP errors, and a GitHub that cannot be
 *          reached (at once, not retried), propagate to `runCli` (exit 2, one line).
 * @throws CommandUsageError for an unknown option (`runCli` prints it with the usage, exit 2)
 */
export async function labelsCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('labels', args, {
    options: {
      repo: { type: 'string' },
      groups: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
    },
  });
  const usage = (message: string) => {
    io.stderr(`group-steward labels: ${message}\n\nUsage:\n${LABELS_USAGE}\n`);
    return 2;
  };
  const repo = values.repo;
  if (repo === undefined) return usage('--repo owner/name is required');
  if (!REPO_PATTERN.test(repo)) return usage(`--repo must be owner/name, not "${repo}"`);
  if (values.format !== 'text' && values.format !== 'json') return usage(`--format must be text or json, not "${values.format}"`);
  const dryRun = values['dry-run'] === true;
  const now = io.now();

  // A local folder is read first: a missing one is reported before any request.
  let localSources: CharterSource[] | undefined;
  if (values.groups !== undefined) {
    try {
      localSources = await readCharterDirectory(resolve(io.cwd, values.groups));
    } catch (error) {
      io.stderr(`group-steward labels: ${cannotReadDirectory(`--groups ${values.groups}`, error)}\n`);
      return 2;
    }
  }

  let gh: GitHub;
  try {
    // A GitHub that cannot be reached fails at once, not after 15 s of retries (`runCli` says so).
    gh = await createCliClient(io.env ?? {}, repo, { log: (message) => io.stderr(`${message}\n`) });
  } catch (error) {
    if (!(error instanceof CredentialsError)) throw error;
    io.stderr(`group-steward labels: ${error.message}\n`);
    return 2;
  }

  let charters: { charters: Charter[]; excluded: ExcludedCharterFile[]; from: string; governanceRepo: string };
  let labelsConfig: Config;
  try {
    const { governanceRepo, governanceConfig } = await loadGovernanceConfig(gh, repo, repoConfigReader(gh, repo), now);
    labelsConfig = governanceConfig;
    if (localSources !== undefined) {
      charters = { ...registryCharters(validateCharters(localSources, { now })), from: values.groups as string, governanceRepo };
    } else {
      const registry = await readGroupRegistry(gh, registryLocation(governanceRepo, governanceConfig), now);
      charters = { ...registry, from: `${governanceRepo}:${describeLayout(registry.layout)}@${registry.commit ?? '(empty)'}`, governanceRepo };
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`group-steward labels: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  const desired = registryLabels(charters, labelsConfig);
  const { plan, conflicts } = await planRepoLabels(gh, repo, desired);
  const actions = dryRun ? plan : (await applyPlan(gh, plan)).applied;
  const report: LabelsReport = {
    repo,
    dry_run: dryRun,
    charters_from: charters.from,
    actions,
    conflicts,
    excluded: charters.excluded,
    not_synced_by_app: !labelSyncRepos({ governanceRepo: charters.governanceRepo, charters: charters.charters }).some((r) => sameRepo(r, repo)),
  };
  io.stdout(values.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatLabelsReport(report));
  return conflicts.length > 0 || charters.excluded.length > 0 ? 1 : 0;
}

/**
 * The text report: one line per action (`describeAction`), each conflict and left-out charter,
 * then a summary line, e.g. `2 changes planned in o/r (dry run: nothing written), 0 conflicts`.
 * Pure.
 */
export function formatLabelsReport(report: LabelsReport): string {
  const lines = [
    ...report.actions.map(describeAction),
    ...report.conflicts.map((c) => `conflict: ${c}`),
    ...report.excluded.map((e) => `left out: ${e.file} has errors (${e.rules.join(', ')}); run \`group-steward validate\``),
    ...(report.not_synced_by_app ? [`note: ${report.repo} is neither the governance repository nor in a charter's repos; the App does not sync it on its own`] : []),
  ];
  const what = report.dry_run ? `${plural(report.actions.length, 'change')} planned in ${report.repo} (dry run: nothing written)` : `${plural(report.actions.length, 'change')} written in ${report.repo}`;
  lines.push(`${what}, ${plural(report.conflicts.length, 'conflict')}; charters from ${report.charters_from}`);
  return `${lines.join('\n')}\n`;
}
