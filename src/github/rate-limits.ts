/**
 * How every Octokit of the App treats GitHub's rate limits: primary and secondary limits are
 * retried after GitHub's `retry-after`, a bounded number of times, and logged. Probot's server
 * only logs secondary limits by default (so one `403` with `retry-after` on a check-run write left
 * a pull request with no check at all); the CLI, the scheduled job, the Action and the App server
 * all use these options instead.
 *
 * The plugin also spaces requests out, as GitHub asks of integrators: one write or GraphQL query
 * a second, one issue, comment or pull request (a write that notifies) every 3 s, one search every
 * 2 s. Against GitHub that spacing is the plugin's own (its Bottleneck groups, shared by every
 * Octokit of the process and, with Probot's `REDIS_URL`, across replicas). `spacingBaseMs` scales
 * it — for tests, which would otherwise wait for real: the same order and the same gaps, at a
 * unit of 1 ms (test/setup.ts) instead of 1 s.
 *
 * The App's Octokit (app-octokit.ts) paces otherwise, per installation and with GraphQL queries
 * as reads: src/github/pacing.ts. The CLI's and the App's JWT client keep these options as they are.
 */
import type { ThrottlingOptions } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';

export interface RateLimitPolicy {
  /** How often a request refused by a rate limit (primary or secondary) is tried again (default 3). */
  retries?: number;
  /** The unit of `retry-after`, in ms: 1000 (seconds) against GitHub; tests shorten it. */
  retryAfterBaseMs?: number;
  /**
   * The unit of the spacing between requests, in ms. Default: the process's, which is
   * `GITHUB_SPACING_BASE_MS` (the plugin's own limiters) unless the tests set it shorter.
   */
  spacingBaseMs?: number;
  /** Where a refused request is reported (one line each). */
  warn: (message: string) => void;
}

/** The spacing unit of GitHub's guidance (and the throttling plugin's): seconds. */
export const GITHUB_SPACING_BASE_MS = 1000;

/**
 * Where a test harness that runs the built App or Action in a child process sets the spacing unit
 * before any of its code loads (`node --import <preload> dist/action/index.js`, the preload
 * assigning a positive number of ms to `globalThis[SPACING_OVERRIDE]`). No input, environment
 * variable or configuration can set it: only code already running in the process.
 */
export const SPACING_OVERRIDE = Symbol.for('group-steward.spacing-base-ms');

let defaultSpacingBaseMs = initialSpacingBaseMs();

function initialSpacingBaseMs(): number {
  const preset = (globalThis as Record<symbol, unknown>)[SPACING_OVERRIDE];
  return typeof preset === 'number' && preset > 0 ? preset : GITHUB_SPACING_BASE_MS;
}

/** The spacing unit, in ms, of an Octokit built now without one (`spacingBaseMs` below). */
export function defaultSpacingUnitMs(): number {
  return defaultSpacingBaseMs;
}

/**
 * Sets the spacing unit of every Octokit built after it without `spacingBaseMs` — the CLI's and
 * the App's included. Only the tests call it (test/setup.ts); the App never does.
 */
export function setDefaultSpacingBaseMs(ms: number): void {
  if (!(ms > 0)) throw new RangeError(`the spacing unit must be a positive number of ms, not ${ms}`);
  defaultSpacingBaseMs = ms;
}

/**
 * The `throttle` options of `@octokit/plugin-throttling` for `policy`: enabled, both limits
 * retried up to `retries` times after `retry-after` (seconds × `retryAfterBaseMs`), requests
 * spaced by the plugin's limiters — or, with a spacing unit other than GitHub's, by Bottleneck
 * groups of the same shape at that scale (`spacedGroups`). Pure, but for the limiters shared per unit.
 */
export function throttleOptions(policy: RateLimitPolicy): ThrottlingOptions {
  const retries = policy.retries ?? 3;
  const spacingBaseMs = policy.spacingBaseMs ?? defaultSpacingBaseMs;
  return {
    enabled: true,
    retryAfterBaseValue: policy.retryAfterBaseMs ?? 1000,
    // Against GitHub the plugin's own groups; otherwise Bottleneck groups of the same shape, scaled.
    ...(spacingBaseMs === GITHUB_SPACING_BASE_MS ? {} : spacedGroups(spacingBaseMs)),
    // The plugin retries when a handler returns true (its type says void; its code reads the value).
    onRateLimit: (after, request, _octokit, retryCount) => {
      policy.warn(`rate limit on ${request.method} ${request.url}: ${retryCount < retries ? `retrying in ${after} s` : 'giving up'}`);
      return retryCount < retries;
    },
    onSecondaryRateLimit: (after, request, _octokit, retryCount) => {
      policy.warn(`secondary rate limit on ${request.method} ${request.url}: ${retryCount < retries ? `retrying in ${after} s` : 'giving up'}`);
      return retryCount < retries;
    },
  };
}

/**
 * The plugin's three spacing limiters (its `write`, `notifications` and `search` groups: one at a
 * time, 1, 3 and 2 units apart) for a unit of `baseMs`, as Bottleneck groups like the plugin's own,
 * one set per unit for the whole process — as the plugin's are shared by every Octokit.
 */
export function spacedGroups(baseMs: number): SpacedGroups {
  let groups = groupsByUnit.get(baseMs);
  if (!groups) {
    const group = (id: string, minTime: number) => new Bottleneck.Group({ id: `group-steward-${id}-${baseMs}`, maxConcurrent: 1, minTime });
    groups = { write: group('write', baseMs), notifications: group('notifications', 3 * baseMs), search: group('search', 2 * baseMs) };
    groupsByUnit.set(baseMs, groups);
  }
  return groups;
}

export interface SpacedGroups {
  write: Bottleneck.Group;
  notifications: Bottleneck.Group;
  search: Bottleneck.Group;
}

const groupsByUnit = new Map<number, SpacedGroups>();
