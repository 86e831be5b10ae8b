/**
 * How every Octokit of the App treats GitHub's rate limits: primary and secondary limits are
 * retried after GitHub's `retry-after`, a bounded number of times, and logged. Probot's server
 * only logs secondary limits by default (so one `403` with `retry-after` on a check-run write left
 * a pull request with no check at all); the CLI, the scheduled job, the Action and the App server
 * all use these options instead.
 */

/** What the throttling plugin tells the callbacks about the refused request. */
interface ThrottledRequest {
  method: string;
  url: string;
  request: { retryCount: number };
}

export interface RateLimitPolicy {
  /** How often a request refused by a rate limit (primary or secondary) is tried again (default 3). */
  retries?: number;
  /** The unit of `retry-after`, in ms: 1000 (seconds) against GitHub; tests shorten it. */
  retryAfterBaseMs?: number;
  /** Where a refused request is reported (one line each). */
  warn: (message: string) => void;
}

/**
 * The `throttle` options of `@octokit/plugin-throttling` for `policy`: enabled, both limits
 * retried up to `retries` times after `retry-after` (seconds × `retryAfterBaseMs`). Pure.
 */
export function throttleOptions(policy: RateLimitPolicy) {
  const retries = policy.retries ?? 3;
  return {
    enabled: true,
    retryAfterBaseValue: policy.retryAfterBaseMs ?? 1000,
    onRateLimit: (after: number, request: ThrottledRequest) => {
      policy.warn(`rate limit on ${request.method} ${request.url}: ${request.request.retryCount < retries ? `retrying in ${after} s` : 'giving up'}`);
      return request.request.retryCount < retries;
    },
    onSecondaryRateLimit: (after: number, request: ThrottledRequest) => {
      policy.warn(`secondary rate limit on ${request.method} ${request.url}: ${request.request.retryCount < retries ? `retrying in ${after} s` : 'giving up'}`);
      return request.request.retryCount < retries;
    },
  };
}
