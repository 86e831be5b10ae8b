/**
 * The Octokit class of the App server: Probot's, with the App's rate-limit policy
 * (`throttleOptions`: primary and secondary limits retried after `retry-after`, bounded) in place
 * of Probot's default, which only logs a secondary limit.
 */
import { ProbotOctokit } from 'probot';
import { throttleOptions } from './rate-limits.js';

export interface AppOctokitOptions {
  /** Retries per refused request (default 3). */
  retries?: number;
  /** The unit of `retry-after`, in ms (default 1000; tests shorten it). */
  retryAfterBaseMs?: number;
  /** The unit of the spacing between requests, in ms (default GitHub's, 1000; tests shorten it). */
  spacingBaseMs?: number;
}

/**
 * `ProbotOctokit` with the App's rate-limit policy, for `run(app, { Octokit })` and the tests.
 * Probot's own throttle options (its Redis-backed limiter across replicas, when `REDIS_URL` is set)
 * are kept; only the two callbacks and the retry unit are the App's (and, in tests, the spacing
 * unit: see `throttleOptions`). Warnings go to the instance's logger (Probot's "octokit" pino
 * child: it names the request, not the delivery).
 */
export function appOctokit(options: AppOctokitOptions = {}): typeof ProbotOctokit {
  return ProbotOctokit.defaults((instance: Record<string, unknown>) => {
    const log = instance.log as { warn?: (message: string) => void } | undefined;
    return {
      ...instance,
      throttle: {
        ...(instance.throttle as Record<string, unknown> | undefined),
        ...throttleOptions({
          ...(options.retries !== undefined ? { retries: options.retries } : {}),
          ...(options.retryAfterBaseMs !== undefined ? { retryAfterBaseMs: options.retryAfterBaseMs } : {}),
          ...(options.spacingBaseMs !== undefined ? { spacingBaseMs: options.spacingBaseMs } : {}),
          warn: (message) => log?.warn?.(message),
        }),
      },
    };
  });
}
