/**
 * The GitHub Action (`action.yml`): `group-steward activity --repo <governance-repo>` run by
 * GitHub Actions. It reads the step's inputs, builds the same Octokit as the CLI
 * (`createCliClient`: a token, or the App's credentials exchanged for an installation token) and
 * runs the same job (`runActivityJob`: verdicts, retirement issues, the dashboard, settling
 * creation votes), then reports to the Actions UI: the verdict table and the plan in the step
 * summary, the counts as step outputs, the CLI's text report in the log, and one warning
 * annotation per group that cannot be judged. Every failure ends the step with `setFailed` and a
 * message saying what went wrong.
 */
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { REPO_PATTERN } from '../charters/schema.js';
import { coverageWarnings, formatText } from '../cli/activity-command.js';
import { instantProblem, parseInstant } from '../cli/instant.js';
import { createCliClient } from '../github/cli-client.js';
import type { CliEnvironment } from '../github/cli-client.js';
import type { GitHub } from '../github/client.js';
import { readGroupRegistry, registryLocation } from '../github/group-registry.js';
import { runActivityJob } from '../jobs/activity-job.js';
import { inlineText } from '../markdown/escape.js';
import type { ActivityJobResult } from '../jobs/activity-job.js';
import { activityOutputs, activitySummary, VERDICTS } from './summary.js';

/** An input the step cannot run with; its message names the input. */
export class ActionInputError extends Error {
  override name = 'ActionInputError';
}

/** The step's inputs, checked. */
export interface ActionInputs {
  /** `owner/name`: where the charters and the App's issues are. */
  governanceRepo: string;
  dryRun: boolean;
  /** `GITHUB_TOKEN`, or `APP_ID` + `PRIVATE_KEY`, and the API URLs of the runner's GitHub. */
  credentials: CliEnvironment;
  /** The instant judged; absent: the clock. */
  now?: Date;
  /** Where to save the snapshot, resolved against the working directory. */
  snapshotPath?: string;
}

/** How the inputs are read: `@actions/core` in production (`INPUT_<NAME>` variables). */
export interface InputReader {
  getInput(name: string): string;
  getBooleanInput(name: string): boolean;
}

/**
 * Reads and checks the inputs. `governance-repo` falls back to `GITHUB_REPOSITORY`; an empty
 * `dry-run` is false; `app-id` + `private-key` (both or neither) take precedence over `token`,
 * whose default in `action.yml` is `github.token`. `GITHUB_API_URL` / `GITHUB_GRAPHQL_URL` come
 * from the environment, as the runner sets them (GitHub Enterprise Server included).
 *
 * @param env the process environment (`GITHUB_REPOSITORY`, the API URLs)
 * @param cwd what `snapshot-path` is relative to (the workspace, in Actions)
 * @throws ActionInputError naming the input that is missing or malformed
 */
export function readActionInputs(input: InputReader, env: NodeJS.ProcessEnv, cwd: string): ActionInputs {
  const governanceRepo = input.getInput('governance-repo').trim() || (env.GITHUB_REPOSITORY ?? '').trim();
  if (!governanceRepo) throw new ActionInputError('governance-repo is required (owner/name of the repository holding groups/); outside GitHub Actions GITHUB_REPOSITORY is not set to default it');
  if (!REPO_PATTERN.test(governanceRepo)) throw new ActionInputError(`governance-repo must be owner/name, not "${governanceRepo}"`);

  let dryRun = false;
  if (input.getInput('dry-run').trim() !== '') {
    try {
      dryRun = input.getBooleanInput('dry-run');
    } catch {
      throw new ActionInputError(`dry-run must be true or false, not "${input.getInput('dry-run')}"`);
    }
  }

  const nowText = input.getInput('now').trim();
  const now = nowText === '' ? undefined : parseInstant(nowText);
  if (nowText !== '' && !now) throw new ActionInputError(instantProblem('now', nowText));

  const appId = input.getInput('app-id').trim();
  const privateKey = input.getInput('private-key').trim();
  const token = input.getInput('token').trim();
  const urls = {
    ...(env.GITHUB_API_URL ? { GITHUB_API_URL: env.GITHUB_API_URL } : {}),
    ...(env.GITHUB_GRAPHQL_URL ? { GITHUB_GRAPHQL_URL: env.GITHUB_GRAPHQL_URL } : {}),
  };
  let credentials: CliEnvironment;
  if (appId !== '' || privateKey !== '') {
    if (appId === '' || privateKey === '') throw new ActionInputError('app-id and private-key go together: give both (the Group Steward App\'s id and private key), or neither to use token');
    if (!/^\d+$/.test(appId)) throw new ActionInputError('app-id must be the App\'s numeric id (Settings → Developer settings → GitHub Apps → App ID)');
    credentials = { APP_ID: appId, PRIVATE_KEY: privateKey, ...urls };
  } else if (token !== '') {
    credentials = { GITHUB_TOKEN: token, ...urls };
  } else {
    throw new ActionInputError('no credentials: give app-id and private-key (the Group Steward App), or token (default: github.token)');
  }

  const snapshotPath = input.getInput('snapshot-path').trim();
  return { governanceRepo, dryRun, credentials, ...(now ? { now } : {}), ...(snapshotPath ? { snapshotPath: resolve(cwd, snapshotPath) } : {}) };
}

/** What `runAction` needs from its surroundings; the defaults are the process's. */
export interface ActionContext {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  clock?: () => Date;
}

/**
 * Runs the step once: inputs, the job, the log, the outputs (`active`, `idle`, `completed`,
 * `grace`, `unknown`, `retired`, `writes`, `deferred`, `settled-votes`) and the step summary.
 * Never throws: a failure is reported with `core.setFailed` (the step fails, exit code 1) and,
 * when the runner gives a summary file, a short summary saying what failed.
 *
 * @returns the job's result, or undefined when the step failed
 */
export async function runAction(context: ActionContext = {}): Promise<ActivityJobResult | undefined> {
  const env = context.env ?? process.env;
  const cwd = context.cwd ?? process.cwd();
  const clock = context.clock ?? (() => new Date());
  try {
    const inputs = readActionInputs(core, env, cwd);
    // Masked whole and line by line (a PEM is several lines; the log masks per line).
    if (inputs.credentials.PRIVATE_KEY) for (const secret of [inputs.credentials.PRIVATE_KEY, ...inputs.credentials.PRIVATE_KEY.split(/\r?\n|\\n/).filter((l) => l.length > 8 && !l.startsWith('-----'))]) core.setSecret(secret);
    if (inputs.credentials.GITHUB_TOKEN) core.setSecret(inputs.credentials.GITHUB_TOKEN);
    const gh = await createCliClient(inputs.credentials, inputs.governanceRepo, { log: (m) => core.info(`note: ${m}`), onToken: (token) => core.setSecret(token) });
    const result = await runActivityJob({
      source: { kind: 'live', repo: inputs.governanceRepo, gh },
      ...(inputs.now ? { now: inputs.now } : {}),
      clock,
      dryRun: inputs.dryRun,
      ...(inputs.snapshotPath ? { saveSnapshot: inputs.snapshotPath } : {}),
    });

    // The report quotes text from GitHub and charters: no line of it may run as a workflow command.
    const token = `group-steward-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
    core.info(`::stop-commands::${token}`);
    core.info(formatText(result));
    core.info(`::${token}::`);
    for (const line of coverageWarnings(result)) core.warning(line.replace(/^warning: /, ''));

    const outputs = activityOutputs(result);
    for (const verdict of VERDICTS) core.setOutput(verdict, outputs.counts[verdict]);
    core.setOutput('writes', outputs.writes);
    core.setOutput('deferred', outputs.deferred);
    core.setOutput('settled-votes', outputs.settledVotes);

    if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(activitySummary(result, await groupNames(gh, result)), true).write();
    return result;
  } catch (error) {
    const message = failureMessage(error);
    core.setFailed(message);
    if (env.GITHUB_STEP_SUMMARY) {
      try {
        await core.summary.emptyBuffer().addRaw(`## Group activity: failed\n\n${inlineText(message)}\n`, true).write();
      } catch {
        // The failure is reported already; a summary that cannot be written changes nothing.
      }
    }
    return undefined;
  }
}

/**
 * Group id → charter name for the summary, from the registry the job just read (the cache of
 * `readGroupRegistry`: no request while it is fresh, at most one GraphQL request otherwise). Never
 * throws: without names the summary shows ids.
 */
async function groupNames(gh: GitHub, result: ActivityJobResult): Promise<Map<string, string>> {
  try {
    const registry = await readGroupRegistry(gh, registryLocation(result.governanceRepo, result.config), result.now);
    return new Map(registry.charters.map((c) => [c.id, c.name]));
  } catch (error) {
    core.info(`note: group names not read, the summary shows ids: ${error instanceof Error ? error.message : String(error)}`);
    return new Map();
  }
}

/**
 * One line for `setFailed`: what failed and why — the input at fault, the credentials to set, or
 * what GitHub answered (status, method and URL; never a header, so never a token).
 */
export function failureMessage(error: unknown): string {
  const prefix = 'Group Steward could not run the activity job';
  if (error instanceof ActionInputError) return `${prefix}: input ${error.message}`;
  const e = error as { status?: unknown; request?: { method?: string; url?: string }; message?: unknown } | null;
  const message = e && typeof e.message === 'string' && e.message !== '' ? e.message : String(error);
  if (e && typeof e.status === 'number' && e.request?.method && e.request.url) {
    return `${prefix}: GitHub answered ${e.status} to ${e.request.method} ${e.request.url}: ${message}`;
  }
  return `${prefix}: ${message}`;
}
