/**
 * The Octokit of the command line, the Action and the scheduled job (outside Probot's server):
 * `@octokit/rest` with Octokit's retry and throttling plugins and Probot's config plugin (the same
 * `.github/` reads as the App's), authenticated with `GITHUB_TOKEN`, or as the App from `APP_ID` +
 * `PRIVATE_KEY` (`@octokit/auth-app`: an installation token for the repository), against
 * `GITHUB_API_URL` / `GITHUB_GRAPHQL_URL` as GitHub Actions sets them on GitHub Enterprise Server.
 * Retries 5xx answers and honours primary and secondary rate limits.
 */
import { failFastWhenUnreachable } from './network-errors.js';
import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { config } from '@probot/octokit-plugin-config';
import type { GitHub } from './client.js';
import { repoParams } from './client.js';
import { throttleOptions } from './rate-limits.js';

/** The environment variables this reads. */
export interface CliEnvironment {
  GITHUB_TOKEN?: string;
  APP_ID?: string;
  PRIVATE_KEY?: string;
  GITHUB_API_URL?: string;
  GITHUB_GRAPHQL_URL?: string;
}

/** `@octokit/rest` with the plugins the App's reads and writes rely on. */
const CliOctokit = Octokit.plugin(retry, throttling, config);

/** Missing or unusable credentials; the message says which variables to set. */
export class CredentialsError extends Error {
  override name = 'CredentialsError';
}

export interface CliClientOptions {
  /** How often a request refused by a rate limit (primary or secondary) is tried again. */
  rateLimitRetries?: number;
  /** Base wait for 5xx retries and the unit of `retry-after`, in ms (tests shorten it). */
  retryAfterBaseMs?: number;
  /** The unit of the spacing between requests, in ms (default GitHub's, 1000; tests shorten it). */
  spacingBaseMs?: number;
  log?: (message: string) => void;
  /** Told the installation token the App credentials were exchanged for (the Action masks it in the log). */
  onToken?: (token: string) => void;
}

/**
 * Builds the Octokit for `repo` (`owner/name`) from the environment.
 *
 * @throws CredentialsError when neither GITHUB_TOKEN nor APP_ID + PRIVATE_KEY is set
 * @throws the HTTP error when the App is not installed on `repo` (App credentials only)
 */
export async function createCliClient(env: CliEnvironment, repo: string, options: CliClientOptions = {}): Promise<GitHub> {
  const baseUrl = (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '');
  const retries = options.rateLimitRetries ?? 3;
  const log = options.log ?? (() => {});
  const common = {
    baseUrl,
    // `@octokit/rest` logs every failed request at `error` (its request-log plugin); the caller
    // gets the error and says what it means, so only the throttling plugin's warnings are shown.
    log: { debug: () => {}, info: () => {}, warn: log, error: () => {} },
    retry: { retryAfterBaseValue: options.retryAfterBaseMs ?? 1000 },
    // Primary and secondary limits (e.g. bursts of issue creation) are retried after GitHub's retry-after.
    throttle: throttleOptions({
      retries,
      ...(options.retryAfterBaseMs !== undefined ? { retryAfterBaseMs: options.retryAfterBaseMs } : {}),
      ...(options.spacingBaseMs !== undefined ? { spacingBaseMs: options.spacingBaseMs } : {}),
      warn: log,
    }),
  };
  // A host that cannot be reached fails at once, never after the retries (network-errors.ts).
  const withGraphqlUrl = (octokit: GitHub): GitHub => {
    if (env.GITHUB_GRAPHQL_URL) octokit.graphql = octokit.graphql.defaults({ url: env.GITHUB_GRAPHQL_URL });
    return failFastWhenUnreachable(octokit);
  };

  if (env.GITHUB_TOKEN) return withGraphqlUrl(new CliOctokit({ ...common, auth: env.GITHUB_TOKEN }));
  if (!env.APP_ID || !env.PRIVATE_KEY) {
    throw new CredentialsError('set GITHUB_TOKEN, or APP_ID and PRIVATE_KEY (the App\'s id and private key), to reach GitHub');
  }
  const privateKey = env.PRIVATE_KEY.includes('-----BEGIN') ? env.PRIVATE_KEY.replace(/\\n/g, '\n') : Buffer.from(env.PRIVATE_KEY, 'base64').toString('utf8');
  const app = failFastWhenUnreachable(new CliOctokit({ ...common, authStrategy: createAppAuth, auth: { appId: Number(env.APP_ID), privateKey } }));
  const { data: installation } = await app.rest.apps.getRepoInstallation(repoParams(repo));
  const auth = (await app.auth({ type: 'installation', installationId: installation.id })) as { token?: string };
  if (!auth.token) throw new CredentialsError(`could not get an installation token for ${repo}`);
  options.onToken?.(auth.token);
  return withGraphqlUrl(new CliOctokit({ ...common, auth: auth.token }));
}
