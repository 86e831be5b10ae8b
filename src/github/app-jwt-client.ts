/**
 * The Octokit that acts as the App itself (its JWT), not as an installation: what `GET
 * /app/hook/deliveries` and `POST /app/hook/deliveries/{id}/attempts` need. The same
 * `@octokit/rest` with retry, throttling and the config plugin as `createCliClient`, authenticated
 * by `@octokit/auth-app` from `APP_ID` + `PRIVATE_KEY` (it signs a JWT for every `/app` route).
 */
import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { config } from '@probot/octokit-plugin-config';
import { CredentialsError } from './cli-client.js';
import type { CliClientOptions, CliEnvironment } from './cli-client.js';
import type { GitHub } from './client.js';
import { failFastWhenUnreachable } from './network-errors.js';
import { throttleOptions } from './rate-limits.js';

const AppOctokit = Octokit.plugin(retry, throttling, config);

/**
 * Builds the App's own Octokit from `APP_ID` + `PRIVATE_KEY` (PEM, or base64 of it) and
 * `GITHUB_API_URL`. No request is made: a wrong key shows as GitHub's 401 on the first one.
 *
 * @throws CredentialsError when APP_ID or PRIVATE_KEY is missing (a GITHUB_TOKEN alone cannot act
 *         as the App), or APP_ID is not a number
 */
export function createAppJwtClient(env: CliEnvironment, options: Pick<CliClientOptions, 'rateLimitRetries' | 'retryAfterBaseMs' | 'spacingBaseMs' | 'log'> = {}): GitHub {
  const appId = env.APP_ID?.trim() ?? '';
  const key = env.PRIVATE_KEY ?? '';
  if (appId === '' || key.trim() === '') {
    throw new CredentialsError(`set APP_ID and PRIVATE_KEY (the App's id and private key): the App's webhook deliveries are read with its JWT${env.GITHUB_TOKEN ? ', which GITHUB_TOKEN is not' : ''}`);
  }
  if (!/^\d+$/.test(appId)) throw new CredentialsError(`APP_ID must be the App's numeric id, not "${appId.slice(0, 40)}"`);
  const privateKey = key.includes('-----BEGIN') ? key.replace(/\\n/g, '\n') : Buffer.from(key, 'base64').toString('utf8');
  const log = options.log ?? (() => {});
  return failFastWhenUnreachable(
    new AppOctokit({
      baseUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
      // The caller reports failed requests in its own words: only the throttling plugin's warnings are shown.
      log: { debug: () => {}, info: () => {}, warn: log, error: () => {} },
      retry: { retryAfterBaseValue: options.retryAfterBaseMs ?? 1000 },
      throttle: throttleOptions({
        retries: options.rateLimitRetries ?? 3,
        ...(options.retryAfterBaseMs !== undefined ? { retryAfterBaseMs: options.retryAfterBaseMs } : {}),
        ...(options.spacingBaseMs !== undefined ? { spacingBaseMs: options.spacingBaseMs } : {}),
        warn: log,
      }),
      authStrategy: createAppAuth,
      auth: { appId: Number(appId), privateKey },
    }),
  );
}
