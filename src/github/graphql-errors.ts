import { GraphqlResponseError } from '@octokit/graphql';
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
  const byAlias = errorsByAlias(error);
  if (byAlias === null || !(error instanceof GraphqlResponseError)) return null;
  const data: unknown = error.data;
  if (typeof data !== 'object' || data === null) return null;
  return { data: data as T, byAlias };
}

/**
 * The errors of GitHub's GraphQL answer (`GraphqlResponseError`, what Octokit throws for an answer
 * with `errors`) by the alias their `path` starts with, the first of each; null for any other
 * error, or when one names no alias (an error of the whole request). Pure.
 */
export function errorsByAlias(error: unknown): Map<string, AliasError> | null {
  const list = graphqlErrors(error);
  if (list.length === 0) return null;
  const byAlias = new Map<string, AliasError>();
  for (const x of list) {
    const alias: unknown = Array.isArray(x?.path) ? x.path[0] : undefined;
    if (typeof alias !== 'string') return null;
    if (!byAlias.has(alias)) byAlias.set(alias, { type: typeof x.type === 'string' ? x.type : '', message: typeof x.message === 'string' ? x.message : 'error' });
  }
  return byAlias;
}

/** GitHub's GraphQL errors in `error` (none when it is not a `GraphqlResponseError`), as untrusted shapes. */
function graphqlErrors(error: unknown): { type?: unknown; message?: unknown; path?: unknown }[] {
  if (!(error instanceof GraphqlResponseError)) return [];
  const list: unknown = error.errors;
  return Array.isArray(list) ? (list as { type?: unknown; message?: unknown; path?: unknown }[]) : [];
}

/**
 * Whether a read may fail alone (its sources are then not read, and the run goes on): a GraphQL
 * error, or an HTTP error Octokit's retries did not overcome. Bad credentials (HTTP 401) and
 * anything that is not an answer from GitHub (a bug, a network failure Octokit did not wrap) are
 * not: the caller rethrows them.
 */
export function isSurvivable(error: unknown): boolean {
  if (error instanceof GraphqlResponseError) return true;
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status !== 401;
}

/** A one-line account of a GitHub failure for a person: `HTTP 502: Server Error`, or the GraphQL messages. */
export function failureMessage(error: unknown): string {
  const e = error as { status?: unknown; message?: unknown } | null;
  const errors = graphqlErrors(error);
  let text: string;
  if (errors.length > 0) {
    text = errors.map((x) => (typeof x?.message === 'string' ? x.message : 'error')).join('; ');
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
