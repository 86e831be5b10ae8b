/**
 * The only code that talks to Discord: @discordjs/rest (REST only, never the gateway), with its
 * rate limiting — it reads each bucket's `X-RateLimit-Limit/Remaining/Reset-After/Bucket` headers,
 * waits before a bucket runs out, and after a 429 waits `Retry-After` — and its errors: a 4xx is
 * thrown at once (a 403 is never retried), a 5xx or a network error is tried 3 more times.
 * Here: every HTTP request is counted, and a run gives up on Discord's rate limits rather than
 * wait without end (more than {@link MAX_RATE_LIMITED} 429 answers in a run, or one wait over
 * {@link MAX_RATE_LIMIT_WAIT_MS}): the read then fails with a `RateLimitError`.
 */
import { DefaultRestOptions, REST } from '@discordjs/rest';
import type { RateLimitData } from '@discordjs/rest';

/** The 429 answers a run accepts (each waited out as Discord asks) before it stops reading. */
export const MAX_RATE_LIMITED = 10;
/** The longest single rate-limit wait a run accepts, in ms. */
export const MAX_RATE_LIMIT_WAIT_MS = 60_000;

/** A Discord REST client for one run, with its request count. */
export interface DiscordRest {
  /**
   * GETs `route` (a discord-api-types `Routes.*` path) with `query`, the parsed JSON body.
   * @throws DiscordAPIError (4xx), HTTPError (5xx after retries), RateLimitError (the run's
   *   rate-limit budget is spent), or the network error
   */
  get(route: `/${string}`, query?: Record<string, string>): Promise<unknown>;
  /** HTTP requests sent so far (a retried one counts each time). */
  readonly requests: number;
}

/**
 * A client authenticated as the bot (`Authorization: Bot <token>`), on `api` (default
 * `https://discord.com/api`; API version 10). The token is only ever sent in that header.
 */
export function discordRest(token: string, api?: string): DiscordRest {
  let requests = 0;
  let rateLimited = 0;
  const rest = new REST({
    ...(api === undefined ? {} : { api }),
    makeRequest: async (...args: Parameters<typeof DefaultRestOptions.makeRequest>) => {
      requests += 1;
      const response = await DefaultRestOptions.makeRequest(...args);
      if (response.status === 429) rateLimited += 1;
      return response;
    },
    rejectOnRateLimit: (limit: RateLimitData) => rateLimited > MAX_RATE_LIMITED || limit.retryAfter > MAX_RATE_LIMIT_WAIT_MS,
  }).setToken(token);
  return {
    get: (route, query) => rest.get(route, query === undefined ? {} : { query: new URLSearchParams(query) }),
    get requests() {
      return requests;
    },
  };
}
