/**
 * When GitHub cannot be reached at all — no network, a mistyped `GITHUB_API_URL`, a proxy refusing
 * the connection — and what a person reads then. Octokit reports such a failure as a status-500
 * `RequestError` with no response (`fetch` threw; Node's error, with its code, is the cause), which
 * its retry plugin retries like a 500 from GitHub: 1 + 4 + 9 s of waiting for an answer that a
 * missing DNS name or a refused connection will never give.
 *
 * - `unreachableReason(error)`: the failure, when `error` is one (`getaddrinfo ENOTFOUND`), and the host;
 * - `networkFailureMessage(error)`: the one line the CLI prints (`could not reach api.github.com
 *   (getaddrinfo ENOTFOUND): check the network or GITHUB_API_URL`) — the shared wording;
 * - `failFastWhenUnreachable(gh)`: an Octokit whose requests are not retried after such a failure.
 */
import type { GitHub } from './client.js';

/**
 * Node's codes for a host that cannot be reached in a way that trying again seconds later does not
 * change: a name that does not resolve, a connection refused, no route, a TLS certificate refused.
 * A reset or a timed-out connection is not here: those may pass on a second try, and are retried.
 */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** What failed: the host asked, and Node's words for why (`getaddrinfo ENOTFOUND`, `connect ECONNREFUSED`). */
export interface UnreachableReason {
  /** The host (and port, when not the default) the request went to; undefined when unknown. */
  host?: string;
  /** `<syscall> <code>`, or the code alone. */
  why: string;
  code: string;
}

/**
 * The network failure behind `error` — an Octokit `RequestError` whose cause (or its cause, or an
 * aggregated error: Node tries each address of a host) has one of the codes above — or undefined
 * for any other error, an answer from GitHub included. Pure.
 */
export function unreachableReason(error: unknown): UnreachableReason | undefined {
  const cause = unreachableCause(error, 0);
  if (!cause) return undefined;
  const host = requestHost(error) ?? (typeof cause.hostname === 'string' ? cause.hostname : undefined);
  const why = typeof cause.syscall === 'string' && /^[a-z_]+$/.test(cause.syscall) ? `${cause.syscall} ${cause.code}` : cause.code;
  return { ...(host !== undefined ? { host } : {}), why, code: cause.code };
}

/**
 * The CLI's one line for a GitHub it could not reach, e.g. `could not reach api.github.com
 * (getaddrinfo ENOTFOUND): check the network or GITHUB_API_URL`; undefined when `error` is not
 * such a failure. `advice` replaces what follows the colon (the Action names its own settings).
 * Pure.
 */
export function networkFailureMessage(error: unknown, advice = 'check the network or GITHUB_API_URL'): string | undefined {
  const reason = unreachableReason(error);
  if (!reason) return undefined;
  return `could not reach ${reason.host ?? 'GitHub'} (${reason.why}): ${advice}`;
}

/**
 * Makes `gh`'s requests fail at once when GitHub cannot be reached (see `UNREACHABLE_CODES`),
 * instead of after the retry plugin's three retries: a hook set on the instance gives each request
 * a `fetch` that, when it throws such a failure, sets that request's retry count to 0 — the retry
 * plugin reads it from the request's options before scheduling a retry. A 5xx answer from GitHub,
 * a reset or a timed-out connection are retried as before. REST and GraphQL requests alike (GraphQL
 * goes through `request`). A client without Octokit's hooks is returned unchanged. Returns `gh`.
 */
export function failFastWhenUnreachable<T extends GitHub>(gh: T): T {
  const hook = (gh as unknown as { hook?: { before?: (name: 'request', fn: (options: { request?: RequestOptions }) => void) => void } }).hook;
  if (typeof hook?.before !== 'function') return gh;
  hook.before('request', (options) => {
    const request: RequestOptions = options.request ?? (options.request = {});
    if (request.failFastWhenUnreachable) return;
    const inner = request.fetch;
    request.failFastWhenUnreachable = true;
    request.fetch = async (url, init) => {
      try {
        // The global fetch is looked up per call: a test's interceptor may replace it.
        return await (inner ?? globalThis.fetch)(url, init);
      } catch (error) {
        if (unreachableCause(error, 0)) request.retries = 0;
        throw error;
      }
    };
  });
  return gh;
}

/** The part of Octokit's per-request `request` options read and set here. */
interface RequestOptions {
  fetch?: (url: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** Read by `@octokit/plugin-retry` before it schedules a retry. */
  retries?: number;
  failFastWhenUnreachable?: boolean;
}

interface NodeNetworkError {
  code: string;
  syscall?: unknown;
  hostname?: unknown;
}

/** The first error in `error`'s causes and aggregated errors whose code is an unreachable host's. */
function unreachableCause(error: unknown, depth: number): NodeNetworkError | undefined {
  if (!error || typeof error !== 'object' || depth > 6) return undefined;
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && UNREACHABLE_CODES.has(e.code)) return e as NodeNetworkError;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const found = unreachableCause(inner, depth + 1);
      if (found) return found;
    }
  }
  return unreachableCause(e.cause, depth + 1);
}

/** The host of an Octokit error's request URL (`api.github.com`, `ghe.example:8443`). */
function requestHost(error: unknown): string | undefined {
  const url = (error as { request?: { url?: unknown } } | null)?.request?.url;
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}
