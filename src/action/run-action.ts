/**
 * The GitHub Action (`action.yml`): the App's work run by GitHub Actions, chosen by the event that
 * started the workflow (`GITHUB_EVENT_NAME`).
 *
 * - `schedule`, `workflow_dispatch` (or no event name: a run outside Actions) run the scheduled
 *   job, `group-steward activity --repo <governance-repo>`. It reads the step's inputs, builds the
 *   same Octokit as the CLI (`createCliClient`: a token, or the App's credentials exchanged for an
 *   installation token) and runs the same job (`runActivityJob`: verdicts, retirement issues, the
 *   dashboard, settling creation votes), then reports to the Actions UI: the verdict table and the
 *   plan in the step summary, the counts as step outputs, the CLI's text report in the log, and one
 *   warning annotation per group that cannot be judged. Then, with the App's credentials, it
 *   redelivers the App's failed webhook deliveries (`redelivery-step.ts`; with a token alone the
 *   summary says they were not read).
 * - Any other event (`pull_request_target`, `pull_request_review`, `issues`, `issue_comment`,
 *   `push`, …) is delivered, with its payload (`GITHUB_EVENT_PATH`), to the App's own webhook
 *   handlers (`app-events.ts`), acting with the `token` input or an installation token of the
 *   App; the step summary says what was written.
 *
 * Every failure ends the step with `setFailed` and one line saying what went wrong.
 */
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { REPO_PATTERN } from '../charters/schema.js';
import { coverageWarnings, formatText } from '../cli/activity-command.js';
import { instantProblem, parseInstant } from '../cli/instant.js';
import { createCliClient } from '../github/cli-client.js';
import type { CliClientOptions, CliEnvironment } from '../github/cli-client.js';
import type { GitHub } from '../github/client.js';
import { readGroupRegistry, registryLocation } from '../github/group-registry.js';
import { networkFailureMessage } from '../github/network-errors.js';
import { runActivityJob } from '../jobs/activity-job.js';
import { inlineCode, inlineText } from '../markdown/escape.js';
import type { ActivityJobResult } from '../jobs/activity-job.js';
import { runAppEvent, eventLabel } from './app-events.js';
import { runRedeliveryStep } from './redelivery-step.js';
import type { EventRunResult } from './app-events.js';
import { describeError } from './step-log.js';
import { activityOutputs, activitySummary, eventFailureSummary, eventSummary, VERDICTS } from './summary.js';

/** The events that run the scheduled job; any other is delivered to the App's handlers. */
export const ACTIVITY_EVENTS: ReadonlySet<string> = new Set(['schedule', 'workflow_dispatch']);

/** GitHub caps a webhook payload at 25 MB: a bigger event file is not one. */
export const MAX_EVENT_BYTES = 25 * 1024 * 1024;

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

/** The event's payload file is missing, unreadable, too big or not a JSON object. */
export class EventPayloadError extends Error {
  override name = 'EventPayloadError';
}

/** What `runAction` needs from its surroundings; the defaults are the process's. */
export interface ActionContext {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  clock?: () => Date;
  /** Options of the CLI's Octokit (tests shorten the retries' wait). */
  client?: Pick<CliClientOptions, 'retryAfterBaseMs' | 'spacingBaseMs' | 'rateLimitRetries'>;
}

/** What a step did: the scheduled job's result, or the event's deliveries and writes. */
export type ActionRun = { kind: 'activity'; result: ActivityJobResult } | { kind: 'event'; result: EventRunResult };

/**
 * Runs the step once, for the event that started the workflow (`GITHUB_EVENT_NAME`): the scheduled
 * job for `schedule`, `workflow_dispatch` and no event name; the App's handlers for any other.
 * Never throws: a failure is reported with `core.setFailed` (the step fails, exit code 1) and,
 * when the runner gives a summary file, a short summary saying what failed.
 *
 * @returns what the step did, or undefined when it failed (or, a dry run of an event, did nothing)
 */
export async function runAction(context: ActionContext = {}): Promise<ActionRun | undefined> {
  const env = context.env ?? process.env;
  const name = (env.GITHUB_EVENT_NAME ?? '').trim();
  if (name === '' || ACTIVITY_EVENTS.has(name)) {
    const result = await runActivityStep(context);
    return result ? { kind: 'activity', result } : undefined;
  }
  const result = await runEventStep(name, context);
  return result ? { kind: 'event', result } : undefined;
}

/** Registers the credentials as secrets: the runner masks them in every line the step writes. */
function maskCredentials(credentials: CliEnvironment): void {
  // Masked whole and line by line (a PEM is several lines; the log masks per line).
  if (credentials.PRIVATE_KEY) for (const secret of [credentials.PRIVATE_KEY, ...credentials.PRIVATE_KEY.split(/\r?\n|\\n/).filter((l) => l.length > 8 && !l.startsWith('-----'))]) core.setSecret(secret);
  if (credentials.GITHUB_TOKEN) core.setSecret(credentials.GITHUB_TOKEN);
}

/**
 * The scheduled job: inputs, the job, the log, the outputs (`active`, `idle`, `completed`,
 * `grace`, `unknown`, `retired`, `writes`, `deferred`, `settled-votes`) and the step summary.
 *
 * @returns the job's result, or undefined when the step failed
 */
async function runActivityStep(context: ActionContext): Promise<ActivityJobResult | undefined> {
  const env = context.env ?? process.env;
  const cwd = context.cwd ?? process.cwd();
  const clock = context.clock ?? (() => new Date());
  try {
    const inputs = readActionInputs(core, env, cwd);
    maskCredentials(inputs.credentials);
    // The clock is read once: the job (unless `now` is given) and the redelivery step judge at this instant.
    const started = clock();
    const gh = await createCliClient(inputs.credentials, inputs.governanceRepo, { ...context.client, log: (m) => core.info(`note: ${m}`), onToken: (token) => core.setSecret(token) });
    const result = await runActivityJob({
      source: { kind: 'live', repo: inputs.governanceRepo, gh },
      ...(inputs.now ? { now: inputs.now } : {}),
      clock: () => started,
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

    // The App's failed webhook deliveries, redelivered (issue 22 § 3); it never fails the step.
    const redelivery = await runRedeliveryStep(inputs.credentials, started, inputs.dryRun, context.client);
    if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(redelivery.summary, true).write();
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
 * An event delivered to the App's handlers (`app-events.ts`): the payload, the inputs, the token
 * (the `token` input, or an installation token for the event's repository from the App's
 * credentials), the deliveries, then the `writes` output and a step summary of what was written.
 * A dry run handles nothing: only the scheduled job has a plan to print.
 *
 * @returns what the run did, or undefined when the step failed or was a dry run
 */
async function runEventStep(name: string, context: ActionContext): Promise<EventRunResult | undefined> {
  const env = context.env ?? process.env;
  const cwd = context.cwd ?? process.cwd();
  let label = name;
  try {
    const payload = await readEventPayload(env.GITHUB_EVENT_PATH);
    label = eventLabel(name, payload);
    const inputs = readActionInputs(core, env, cwd);
    maskCredentials(inputs.credentials);
    if (inputs.dryRun) {
      core.info(`dry-run: ${label} is not handled (a dry run prints the scheduled job's plan; events have none): nothing was read or written`);
      core.setOutput('writes', 0);
      if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(`## Group Steward: ${inlineCode(label)}\n\n**Dry run**: the event was not handled; nothing was read or written.\n`, true).write();
      return undefined;
    }
    const repo = repositoryOf(payload) ?? inputs.governanceRepo;
    let token = inputs.credentials.GITHUB_TOKEN;
    const tokenSource = inputs.credentials.APP_ID ? 'app' : 'token';
    if (tokenSource === 'app') {
      await createCliClient(inputs.credentials, repo, {
        ...context.client,
        log: (m) => core.info(`note: ${m}`),
        onToken: (installationToken) => {
          core.setSecret(installationToken);
          token = installationToken;
        },
      });
    }
    if (!token) throw new Error('no token to act with: give token (default: github.token), or app-id and private-key');
    core.info(`Group Steward: handling ${label} in ${repo} as ${tokenSource === 'app' ? 'the App (an installation token)' : 'the token input (by default the workflow\'s GITHUB_TOKEN)'}`);
    const result = await runAppEvent({
      name,
      payload,
      token,
      tokenSource,
      id: `${env.GITHUB_RUN_ID?.trim() || 'local'}-${env.GITHUB_RUN_ATTEMPT?.trim() || '1'}`,
      ...(env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}),
      ...(env.GITHUB_GRAPHQL_URL ? { graphqlUrl: env.GITHUB_GRAPHQL_URL } : {}),
      sink: core,
      ...(context.client?.retryAfterBaseMs !== undefined ? { retryAfterBaseMs: context.client.retryAfterBaseMs } : {}),
    });
    const written = result.writes.filter((w) => w.status < 300).length;
    core.info(`Group Steward: handled ${label}: ${result.requests} requests, ${written} ${written === 1 ? 'write' : 'writes'}${result.followedUp.length > 0 ? `; delivered pull_request.opened for ${result.followedUp.map((n) => `#${n}`).join(', ')} in this run` : ''}`);
    core.setOutput('writes', written);
    if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(eventSummary(result, { repo, tokenSource }), true).write();
    return result;
  } catch (error) {
    const message = failureMessage(error, `handle ${label}`);
    core.setFailed(message);
    if (env.GITHUB_STEP_SUMMARY) {
      try {
        const partial = (error as { result?: EventRunResult } | null)?.result;
        await core.summary.emptyBuffer().addRaw(eventFailureSummary(label, message, partial), true).write();
      } catch {
        // The failure is reported already; a summary that cannot be written changes nothing.
      }
    }
    return undefined;
  }
}

/** The payload's `repository.full_name`, when it is an `owner/name`. */
function repositoryOf(payload: Record<string, unknown>): string | undefined {
  const name = (payload.repository as { full_name?: unknown } | undefined)?.full_name;
  return typeof name === 'string' && REPO_PATTERN.test(name) ? name : undefined;
}

/**
 * The event's payload: the JSON object in the file `GITHUB_EVENT_PATH` names, read up to
 * `MAX_EVENT_BYTES` (a bigger file is refused before it is all read).
 *
 * @throws EventPayloadError saying what is wrong: not set, unreadable, too big, not JSON, not an object
 */
export async function readEventPayload(path: string | undefined): Promise<Record<string, unknown>> {
  const file = path?.trim() ?? '';
  if (file === '') throw new EventPayloadError('GITHUB_EVENT_PATH is not set: GitHub Actions names the event payload\'s file there (outside Actions, set GITHUB_EVENT_PATH with GITHUB_EVENT_NAME, or leave GITHUB_EVENT_NAME empty to run the activity job)');
  let text: string;
  try {
    const handle = await open(file, 'r');
    try {
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const chunk = Buffer.alloc(64 * 1024);
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
        if (bytesRead === 0) break;
        total += bytesRead;
        if (total > MAX_EVENT_BYTES) throw new EventPayloadError(`the event payload ${file} (GITHUB_EVENT_PATH) is over ${MAX_EVENT_BYTES} bytes, more than GitHub sends`);
        chunks.push(chunk.subarray(0, bytesRead));
      }
      text = Buffer.concat(chunks).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof EventPayloadError) throw error;
    const code = (error as { code?: unknown }).code;
    throw new EventPayloadError(`the event payload ${file} (GITHUB_EVENT_PATH) cannot be read: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : describeError(error)}`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new EventPayloadError(`the event payload ${file} (GITHUB_EVENT_PATH) is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new EventPayloadError(`the event payload ${file} (GITHUB_EVENT_PATH) is not a JSON object`);
  return payload as Record<string, unknown>;
}

/**
 * One line for `setFailed`: what failed and why — the input at fault, the credentials to set, the
 * event payload, a host that could not be reached, or what GitHub answered (status, method and
 * URL; never a header, so never a token). Several handlers' errors are joined with `; `.
 *
 * @param doing what the step was doing: `run the activity job` (default), `handle issues.opened`
 */
export function failureMessage(error: unknown, doing = 'run the activity job'): string {
  const prefix = `Group Steward could not ${doing}`;
  if (error instanceof ActionInputError) return `${prefix}: input ${error.message}`;
  const errors = error instanceof AggregateError && error.errors.length > 0 ? error.errors : [error];
  return `${prefix}: ${errors.map(oneFailure).join('; ')}`;
}

function oneFailure(error: unknown): string {
  const e = error as { status?: unknown; response?: unknown; request?: { method?: string; url?: string }; message?: unknown } | null;
  const message = e && typeof e.message === 'string' && e.message !== '' ? firstLine(e.message) : String(error);
  const request = e?.request?.method && e.request.url ? `${e.request.method} ${e.request.url}` : undefined;
  // A host that could not be reached: the wording the CLI shares (src/github/network-errors.ts).
  const unreachable = networkFailureMessage(error, `nothing answered${request ? ` ${request}` : ''}; check GITHUB_API_URL / GITHUB_GRAPHQL_URL and the runner's network`);
  if (unreachable) return unreachable;
  if (e && typeof e.status === 'number' && request) {
    // Octokit reports a request that got no answer at all (a reset, a timeout) as a 500 without a response.
    if (e.status === 500 && e.response === undefined) return `nothing answered ${request}: ${message}`;
    const hint = e.status === 403 && /not accessible by integration/i.test(message) ? ' (the token may not do this: see the permissions in docs/action.md; a fork\'s pull_request run gets a read-only token)' : '';
    return `GitHub answered ${e.status} to ${request}: ${message}${hint}`;
  }
  return message;
}

/** The first line of a message (a handler's error may carry more), marked when cut. */
function firstLine(text: string): string {
  const line = text.split(/\r?\n/)[0] ?? '';
  return line.length < text.trimEnd().length ? `${line} …` : line;
}
