/**
 * The App in a workflow step: a webhook event GitHub Actions started the workflow for
 * (`GITHUB_EVENT_NAME`, the payload at `GITHUB_EVENT_PATH`) is delivered to the App's own handlers
 * (`src/index.ts`, loaded on a Probot instance), exactly as the App server receives it — no
 * second implementation. Probot runs with a token instead of the App's key (`githubToken`): the
 * workflow's `GITHUB_TOKEN`, or an installation token of the App. Its Octokit is the App
 * server's (`appOctokit`: retries, rate limits) against `GITHUB_API_URL` / `GITHUB_GRAPHQL_URL`,
 * and its logger writes to the step's log (`step-log.ts`); a host that cannot be reached is not
 * retried (`failFastWhenUnreachable`).
 *
 * `pull_request_target` is delivered as `pull_request`: GitHub sends it the same payload (a
 * pull request event run in the base repository's context, with a token that can write even for
 * a fork's pull request). The App reads charters as data through the API — it never checks out
 * or runs a pull request's code — which is what makes `pull_request_target` safe here.
 *
 * Events the workflow's own token causes start no workflow (GitHub's rule), so a pull request
 * this run opens with that token (a creation request or `/retire` becomes one) would never get
 * its checks. The Octokit records every pull request the run opens (`POST /repos/{o}/{r}/pulls`);
 * after the event, each one opened by `github-actions[bot]` is delivered to the same handlers as
 * `pull_request` `opened` (the pull request as GitHub returned it, with the event's `repository`
 * and `sender`), so its checks, vote or sponsorship start in the same run. A pull request opened
 * by another account (an App's installation token, a person's token) starts the workflow itself:
 * that is only logged.
 */
import { Probot, type ProbotOctokit } from 'probot';
import { appOctokit } from '../github/app-octokit.js';
import type { GitHub } from '../github/client.js';
import { failFastWhenUnreachable } from '../github/network-errors.js';
import groupSteward from '../index.js';
import { describeError, stepLogger } from './step-log.js';
import type { LogRecord, LogSink } from './step-log.js';

/** The login of the workflow token's account: what it opens starts no workflow. */
export const WORKFLOW_TOKEN_LOGIN = 'github-actions[bot]';

/** Pull requests opened by the run and delivered again as `opened`, at most (a guard, never reached by the App). */
const MAX_FOLLOW_UPS = 20;

/** A write the run made (any request but a GET or a GraphQL query), as the step summary lists it. */
export interface WriteRecord {
  method: string;
  /** The path under the API's base URL, query removed: `/repos/o/r/check-runs`. */
  path: string;
  /** GitHub's status, or the error's (a failed write is listed too). */
  status: number;
  /** What the request body says of it: a check run's name and verdict, the labels added. */
  detail?: string;
}

/** A pull request as `POST /pulls` returns it (the fields the synthetic event needs are read from it). */
export interface OpenedPull {
  number: number;
  user?: { login?: string } | null;
  [key: string]: unknown;
}

export interface Delivery {
  id: string;
  /** `issue_comment.created`, `pull_request.opened`, … */
  event: string;
  /** True for a pull request this run opened, delivered by the run itself. */
  followUp: boolean;
}

export interface EventRunResult {
  /** The event as the workflow received it: `pull_request_target.opened`, `schedule`… */
  event: string;
  deliveries: Delivery[];
  /** Requests made (reads and writes). */
  requests: number;
  writes: WriteRecord[];
  /** Pull requests the run opened, by number. */
  opened: number[];
  /** Of those, the ones whose `opened` this run delivered (opened with the workflow's token). */
  followedUp: number[];
  /** What the App logged at `info` and above. */
  logged: LogRecord[];
}

export interface EventRunOptions {
  /** `GITHUB_EVENT_NAME`. */
  name: string;
  /** The event's payload (`GITHUB_EVENT_PATH`). */
  payload: Record<string, unknown>;
  /** The token the App acts with (never logged: the caller registered it as a secret). */
  token: string;
  /** Where the token came from: the App's credentials, or the `token` input. */
  tokenSource: 'app' | 'token';
  /** The delivery id: `GITHUB_RUN_ID-GITHUB_RUN_ATTEMPT`. */
  id: string;
  /** `GITHUB_API_URL` (default GitHub's). */
  apiUrl?: string;
  /** `GITHUB_GRAPHQL_URL` (default: derived from the API URL, as Octokit does). */
  graphqlUrl?: string;
  /** Where the log goes (`@actions/core`). */
  sink: LogSink;
  /** The unit of the retries' wait after a 5xx or a refused connection, in ms (default 1000; tests shorten it). */
  retryAfterBaseMs?: number;
}

/** The name the App's handlers know an event by: `pull_request_target` is `pull_request` (same payload). */
export function appEventName(name: string): string {
  return name === 'pull_request_target' ? 'pull_request' : name;
}

/** `name.action` when the payload has an action, else `name`. */
export function eventLabel(name: string, payload: Record<string, unknown>): string {
  return typeof payload.action === 'string' && payload.action !== '' ? `${name}.${payload.action}` : name;
}

/**
 * Delivers the event to the App's handlers, then an `opened` for each pull request the run opened
 * with the workflow's token. Every delivery is made even when one fails.
 *
 * @throws AggregateError of the handlers' errors (each one line: `describeError`), after all deliveries
 */
export async function runAppEvent(options: EventRunOptions): Promise<EventRunResult> {
  const logged: LogRecord[] = [];
  const writes: WriteRecord[] = [];
  const opened: OpenedPull[] = [];
  let requests = 0;
  const log = stepLogger(options.sink, (entry) => logged.push(entry));
  const AppOctokit = appOctokit();
  const Base = options.retryAfterBaseMs === undefined ? AppOctokit : AppOctokit.defaults({ retry: { retryAfterBaseValue: options.retryAfterBaseMs } });
  const Octokit = Base.plugin((octokit: HookedOctokit) => {
    if (options.graphqlUrl) octokit.graphql = octokit.graphql.defaults({ url: options.graphqlUrl });
    // A host that cannot be reached fails at once instead of after the retries' 14 s.
    failFastWhenUnreachable(octokit as unknown as GitHub);
    const record = (requestOptions: Record<string, unknown>, status: number, data?: unknown) => {
      requests += 1;
      const write = writeOf(octokit, requestOptions, status);
      if (!write) return;
      writes.push(write);
      if (status < 300 && write.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/pulls$/.test(write.path) && isPull(data)) opened.push(data);
    };
    octokit.hook.after('request', (response: { status: number; data: unknown }, requestOptions: Record<string, unknown>) => record(requestOptions, response.status, response.data));
    octokit.hook.error('request', (error: unknown, requestOptions: Record<string, unknown>) => {
      const status = (error as { status?: unknown }).status;
      record(requestOptions, typeof status === 'number' ? status : 0);
      throw error;
    });
  });

  const probot = new Probot({
    githubToken: options.token,
    // The class Probot extends with its defaults (auth, log): the App server's, plus this run's hooks.
    Octokit: Octokit as unknown as typeof ProbotOctokit,
    // Probot's own children (`probot`, `octokit`, `event`) are made with `child`, as pino's.
    log: log as unknown as Probot['log'],
    ...(options.apiUrl ? { baseUrl: options.apiUrl.replace(/\/+$/, '') } : {}),
  });
  await probot.load(groupSteward);

  const deliveries: Delivery[] = [];
  const errors: unknown[] = [];
  const deliver = async (id: string, name: string, payload: Record<string, unknown>, followUp: boolean) => {
    deliveries.push({ id, event: eventLabel(name, payload), followUp });
    try {
      await probot.receive({ id, name, payload } as Parameters<Probot['receive']>[0]);
    } catch (error) {
      // Logged already (the handler's own line, Probot's report: step-log.ts); they fail the step at the end.
      errors.push(...(error instanceof AggregateError && error.errors.length > 0 ? error.errors : [error]));
    }
  };

  await deliver(options.id, appEventName(options.name), options.payload, false);

  const followedUp: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < opened.length && followedUp.length < MAX_FOLLOW_UPS; i += 1) {
    const pull = opened[i] as OpenedPull;
    if (seen.has(pull.number)) continue;
    seen.add(pull.number);
    const author = pull.user?.login ?? '';
    if (options.tokenSource === 'app' || author.toLowerCase() !== WORKFLOW_TOKEN_LOGIN) {
      log.info(`pull request #${pull.number} was opened as ${author || 'an unknown account'}, whose events GitHub delivers: its own pull_request_target run checks it`);
      continue;
    }
    log.info(`pull request #${pull.number} was opened with the workflow's token, whose events start no workflow: delivering its pull_request.opened in this run`);
    followedUp.push(pull.number);
    await deliver(`${options.id}-pull-${pull.number}`, 'pull_request', openedPayload(pull, options.payload), true);
  }

  const all = [...new Set(opened.map((p) => p.number))];
  const result: EventRunResult = { event: eventLabel(options.name, options.payload), deliveries, requests, writes, opened: all, followedUp, logged };
  if (errors.length > 0) throw Object.assign(new AggregateError(errors, errors.map(describeError).join('; ')), { result });
  return result;
}

/** The `pull_request` `opened` payload of a pull request the run opened: GitHub's REST pull request, the event's repository and sender. */
export function openedPayload(pull: OpenedPull, original: Record<string, unknown>): Record<string, unknown> {
  return {
    action: 'opened',
    number: pull.number,
    pull_request: pull,
    repository: original.repository,
    sender: original.sender,
    ...(original.installation ? { installation: original.installation } : {}),
  };
}

/** What of an Octokit the hooks use. */
interface HookedOctokit {
  graphql: { defaults(options: { url: string }): HookedOctokit['graphql'] };
  hook: {
    after(name: 'request', hook: (response: { status: number; data: unknown }, options: Record<string, unknown>) => void): void;
    error(name: 'request', hook: (error: unknown, options: Record<string, unknown>) => never): void;
  };
  request: { endpoint: { parse(options: Record<string, unknown>): { method: string; url: string; body?: unknown } } };
}

/** The request as a write, or undefined for a read (a GET, a GraphQL query: the App sends no mutation). */
function writeOf(octokit: HookedOctokit, requestOptions: Record<string, unknown>, status: number): WriteRecord | undefined {
  let parsed: { method: string; url: string; body?: unknown };
  try {
    parsed = octokit.request.endpoint.parse(requestOptions);
  } catch {
    return undefined;
  }
  const method = parsed.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD') return undefined;
  const base = typeof requestOptions.baseUrl === 'string' ? requestOptions.baseUrl.replace(/\/+$/, '') : '';
  let path = parsed.url.startsWith(base) ? parsed.url.slice(base.length) : parsed.url;
  try {
    if (/^https?:\/\//.test(path)) path = new URL(path).pathname;
  } catch {
    // Kept as it is.
  }
  path = (path.split('?')[0] ?? path).replace(/%2F/gi, '/');
  if (/\/graphql$/.test(path)) return undefined;
  const detail = writeDetail(method, path, parsed.body);
  return { method, path: decodeURIComponentSafe(path), status, ...(detail ? { detail } : {}) };
}

/** A check run's name and verdict, the labels added: what the body says a reader wants. */
function writeDetail(method: string, path: string, body: unknown): string | undefined {
  const b = (typeof body === 'string' ? safeJson(body) : body) as Record<string, unknown> | undefined;
  if (!b || typeof b !== 'object') return undefined;
  if (/\/check-runs(\/\d+)?$/.test(path)) {
    const verdict = typeof b.conclusion === 'string' ? b.conclusion : typeof b.status === 'string' ? b.status : undefined;
    const name = typeof b.name === 'string' ? `"${b.name}"` : undefined;
    return [name, verdict].filter(Boolean).join(': ') || undefined;
  }
  if (method === 'POST' && /\/labels$/.test(path) && Array.isArray(b.labels)) return b.labels.map(String).join(', ');
  if (/\/repos\/[^/]+\/[^/]+\/labels(\/[^/]+)?$/.test(path) && (typeof b.name === 'string' || typeof b.new_name === 'string')) return String(b.new_name ?? b.name);
  if (method === 'POST' && /\/pulls$/.test(path) && typeof b.head === 'string') return `from ${b.head}`;
  return undefined;
}

function isPull(data: unknown): data is OpenedPull {
  return typeof data === 'object' && data !== null && typeof (data as { number?: unknown }).number === 'number';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
