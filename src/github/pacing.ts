/**
 * How the App's Octokit paces its requests, per installation (issue 22 § 5). What GitHub asks
 * (docs.github.com, "Best practices for using the REST API" and "Rate limits for the REST API",
 * secondary rate limits):
 *
 * > Avoid concurrent requests: to avoid exceeding secondary rate limits, you should make requests
 * > serially instead of concurrently. […] Pause between mutative requests: if you are making a
 * > large number of POST, PATCH, PUT, or DELETE requests, wait at least one second between each
 * > request.
 *
 * > Create too much content on GitHub in a short amount of time. In general, no more than 80
 * > content-generating requests per minute and no more than 500 content-generating requests per
 * > hour are allowed. […] Content creation limits include actions taken on the GitHub web
 * > interface as well as via the REST API and GraphQL API.
 *
 * and it scores a GraphQL request without a mutation 1 point, with one 5, as a GET (1) and a
 * POST (5) of the REST API: a GraphQL query is a read. So:
 *
 * - **reads** (GET, HEAD, a GraphQL query) are never paced: they wait behind no write (the
 *   throttling plugin's `global` group still caps them at 10 at a time per installation);
 * - **writes** (any other method, a GraphQL mutation) go one at a time per installation — each
 *   sent when the one before it has been answered — and at least one spacing unit (1 s) apart:
 *   at most 60 a minute, under the 80 content-generating requests GitHub allows;
 * - **content-creating writes** (the throttling plugin's notification paths: issues, comments,
 *   pull requests, reviews, …) of an App installation also spend an hourly budget
 *   (`contentCreationLimits`: at most 500 in any hour); an Octokit that is not an App installation's
 *   (the Action's token, the App's JWT) keeps the plugin's 3 s between them.
 *
 * "Per installation" is the throttling plugin's own key: `throttle.id`, which Probot sets to the
 * installation id for every installation Octokit (`getAuthenticatedOctokit`); one process of the
 * CLI or the Action has one. The plugin keys its `write` group by it too, but paces every
 * `POST /graphql` there as a write, and offers no option to tell a query from a mutation: so the
 * App's Octokit gives the plugin an unpaced `write` group (`UNPACED`) and paces writes one hook
 * outside it (`pacedWrites`), where the request's document is known. Retries, `retry-after`, the
 * notification and search groups stay the plugin's.
 */
import Bottleneck from 'bottleneck';
import type { ProbotOctokit } from 'probot';

/** GitHub's documented ceiling on content-generating requests in any minute. */
export const CONTENT_CREATION_PER_MINUTE = 80;
/** GitHub's documented ceiling on content-generating requests in any hour. */
export const CONTENT_CREATION_PER_HOUR = 500;

/** What a request is, for pacing: `read` and `auth` are never paced, `write` is. */
export type RequestKind = 'read' | 'write' | 'auth';

/** The request options a hook on `request` sees (before the endpoint is parsed). */
export interface PacedRequestOptions {
  method?: string;
  url?: string;
  /** A GraphQL document (GraphQL requests only). */
  query?: unknown;
  [key: string]: unknown;
}

/**
 * What `options` is: a GET or HEAD, or a `POST …/graphql` whose document holds no mutation, is a
 * read; an installation-token or OAuth-token request (which the throttling plugin does not pace
 * either) is `auth`; anything else is a write. A GraphQL document that cannot be told a query
 * (no string, or the word `mutation` opening any definition) is a write: in doubt, paced.
 */
export function requestKind(options: PacedRequestOptions): RequestKind {
  const method = (options.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD') return 'read';
  const path = pathOf(options.url ?? '');
  if (isAuthRequest(method, path)) return 'auth';
  if (method === 'POST' && /\/graphql$/.test(path) && typeof options.query === 'string' && !hasMutation(options.query)) return 'read';
  return 'write';
}

/** Whether a GraphQL document defines a mutation (strings and comments removed first). */
export function hasMutation(document: string): boolean {
  const code = document.replace(/"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*/g, ' ');
  // An operation definition opens the document or follows the `}` that closes the one before it.
  return /(?:^|\})\s*mutation\b/.test(code);
}

/** The throttling plugin's own list of auth requests (its `isAuthRequest`, which it does not export). */
function isAuthRequest(method: string, path: string): boolean {
  return (
    (method === 'PATCH' && /^\/applications\/[^/]+\/token\/scoped$/.test(path)) ||
    (method === 'POST' && (/^\/applications\/[^/]+\/token$/.test(path) || /^\/app\/installations\/[^/]+\/access_tokens$/.test(path) || path === '/login/oauth/access_token'))
  );
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://github.test').pathname;
  } catch {
    return url;
  }
}

/**
 * The Bottleneck settings of the hourly budget of content-creating requests for a spacing unit
 * of `unitMs` (1000 against GitHub): one at a time, 60/80 of a unit apart (80 a minute), and a
 * token bucket of 250 that refills one every 14.4 units (250 an hour). In any hour at most the
 * bucket plus an hour's refill go out: 250 + 250 = `CONTENT_CREATION_PER_HOUR`. A key idle for an
 * hour is dropped (`timeout`): by then its bucket would be full again.
 */
export function contentCreationLimits(unitMs: number): Bottleneck.ConstructorOptions & { timeout: number } {
  const hour = 3600 * unitMs;
  const bucket = CONTENT_CREATION_PER_HOUR / 2;
  return {
    maxConcurrent: 1,
    minTime: (60 * unitMs) / CONTENT_CREATION_PER_MINUTE,
    reservoir: bucket,
    reservoirIncreaseAmount: 1,
    reservoirIncreaseInterval: hour / (CONTENT_CREATION_PER_HOUR - bucket),
    reservoirIncreaseMaximum: bucket,
    timeout: hour,
  };
}

/**
 * The groups an App installation's content-creating requests go through, by spacing unit (one
 * per unit for the process, keyed by installation like the plugin's): `contentCreationLimits`.
 */
export function contentCreationGroup(unitMs: number): Bottleneck.Group {
  let group = contentGroups.get(unitMs);
  if (!group) {
    group = new Bottleneck.Group({ id: `group-steward-content-${unitMs}`, ...contentCreationLimits(unitMs) });
    contentGroups.set(unitMs, group);
  }
  return group;
}

const contentGroups = new Map<number, Bottleneck.Group>();

/**
 * The throttling plugin's `write` group for an Octokit whose writes `pacedWrites` paces: no limit
 * (the plugin's own would pace every GraphQL query as a write).
 */
export const UNPACED = new Bottleneck.Group({ id: 'group-steward-unpaced' });

/** The Octokit options `pacedWrites` reads: the writes' groups, and the plugin's `throttle`. */
export interface PacingOptions {
  /** The group writes go through, keyed by `throttle.id` (absent: no pacing by this plugin). */
  writes?: Bottleneck.Group;
}

/** An Octokit plugin, as Probot's Octokit class takes it. */
type OctokitPlugin = Parameters<typeof ProbotOctokit.plugin>[0];

/**
 * An Octokit plugin (before the throttling plugin): each write (`requestKind`) waits its turn in
 * `options.pacing.writes`, keyed by `throttle.id` (the installation); reads and auth requests go
 * straight on. Without `pacing.writes`, or with throttling off, it does nothing.
 */
export const pacedWrites: OctokitPlugin = (octokit, options) => {
  const { pacing, throttle } = options as { pacing?: PacingOptions; throttle?: { enabled?: boolean; id?: string } };
  const writes = pacing?.writes;
  if (!writes || throttle?.enabled === false) return {};
  const key = String(throttle?.id ?? 'no-id');
  octokit.hook.wrap('request', (request, requestOptions) =>
    requestKind(requestOptions) === 'write' ? writes.key(key).schedule({ id: `${requestOptions.method ?? 'GET'} ${requestOptions.url ?? ''} #${(jobs += 1)}` }, async () => request(requestOptions)) : request(requestOptions),
  );
  return {};
};

/** Bottleneck wants a job's id unique among the jobs of its limiter: `METHOD url #n`. */
let jobs = 0;
