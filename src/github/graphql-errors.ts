import type { GitHub } from './client.js';

/**
 * How the activity reads tell GitHub's failures apart: an error on one aliased field beside the
 * others' data (a repository or item that does not exist), a GraphQL or HTTP error that makes one
 * read fail while the run goes on, and the failures that must end the run (bad credentials).
 */

/** One GraphQL error GitHub reported on an aliased field. */
export interface AliasError {
  /** GitHub's `type`: `NOT_FOUND`, `FORBIDDEN`, `INVALID`, … (empty when GitHub gave none). */
  type: string;
  message: string;
}

/**
 * The data of a GraphQL answer whose every error sits on an aliased top-level field (`r3`, `d0`,
 * as `path[0]`), with those errors by alias; null when the error is anything else (an HTTP error, a
 * GraphQL error of the whole request, no data). GitHub answers an unknown repository or number so:
 * a NOT_FOUND error at its alias, and the data of the others.
 */
export function aliasErrors<T>(error: unknown): { data: T; byAlias: Map<string, AliasError> } | null {
  const e = error as { errors?: unknown; data?: unknown } | null;
  if (!e || !Array.isArray(e.errors) || e.errors.length === 0 || typeof e.data !== 'object' || e.data === null) return null;
  const byAlias = new Map<string, AliasError>();
  for (const x of e.errors as { type?: unknown; message?: unknown; path?: unknown }[]) {
    const alias = Array.isArray(x?.path) ? x.path[0] : undefined;
    if (typeof alias !== 'string') return null;
    if (!byAlias.has(alias)) byAlias.set(alias, { type: typeof x.type === 'string' ? x.type : '', message: typeof x.message === 'string' ? x.message : 'error' });
  }
  return { data: e.data as T, byAlias };
}

/**
 * Whether a read may fail alone (its sources are then not read, and the run goes on): a GraphQL
 * error, or an HTTP error Octokit's retries did not overcome. Bad credentials (HTTP 401) and
 * anything that is not an answer from GitHub (a bug, a network failure Octokit did not wrap) are
 * not: the caller rethrows them.
 */
export function isSurvivable(error: unknown): boolean {
  const e = error as { status?: unknown; errors?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.status === 'number') return e.status !== 401;
  return Array.isArray(e.errors);
}

/** A one-line account of a GitHub failure for a person: `HTTP 502: Server Error`, or the GraphQL messages. */
export function failureMessage(error: unknown): string {
  const e = error as { status?: unknown; errors?: unknown; message?: unknown } | null;
  let text: string;
  if (e && Array.isArray(e.errors) && e.errors.length > 0) {
    text = (e.errors as { message?: unknown }[]).map((x) => (typeof x?.message === 'string' ? x.message : 'error')).join('; ');
  } else if (e && typeof e.status === 'number') {
    text = `HTTP ${e.status}${typeof e.message === 'string' && e.message ? `: ${e.message}` : ''}`;
  } else {
    text = error instanceof Error ? error.message : String(error);
  }
  // GitHub's timeout message names a request id that differs every time: leave it out, so the
  // same failure reads the same (and the dashboard is not rewritten for it).
  const line = text.replace(/\s*Please include `[^`]*` when reporting this issue\.?/g, '').replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** The outcome of one aliased GraphQL read (see `aliasedRead`). */
export type AliasedRead<T> = { ok: true; data: T; byAlias: Map<string, AliasError> } | { ok: false; message: string };

/**
 * Sends one aliased GraphQL read. GitHub's errors on single aliases (an unknown repository or
 * number) come back with the others' data in `byAlias`; a failure the read may suffer alone
 * (`isSurvivable`) comes back as `{ ok: false, message }`, for the caller to record its sources
 * as not read.
 *
 * @throws what `isSurvivable` refuses: bad credentials (HTTP 401), or anything that is not GitHub's answer
 */
export async function aliasedRead<T>(gh: GitHub, query: string, variables: Record<string, unknown>): Promise<AliasedRead<T>> {
  try {
    return { ok: true, data: await gh.graphql<T>(query, variables), byAlias: new Map() };
  } catch (error) {
    const partial = aliasErrors<T>(error);
    if (partial) return { ok: true, ...partial };
    if (isSurvivable(error)) return { ok: false, message: failureMessage(error) };
    throw error;
  }
}
