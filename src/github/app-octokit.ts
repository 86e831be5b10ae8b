/**
 * The Octokit class of the App server and the Action: Probot's, with the App's rate-limit policy
 * (`throttleOptions`: primary and secondary limits retried after `retry-after`, bounded) in place
 * of Probot's default, which only logs a secondary limit, and the App's pacing (pacing.ts): writes
 * one at a time per installation, GraphQL queries as reads, content-creating requests of an App
 * installation within GitHub's documented limits.
 */
import { ProbotOctokit } from 'probot';
import { contentCreationGroup, pacedWrites, UNPACED } from './pacing.js';
import { defaultSpacingUnitMs, GITHUB_SPACING_BASE_MS, spacedGroups, throttleOptions } from './rate-limits.js';

export interface AppOctokitOptions {
  /** Retries per refused request (default 3). */
  retries?: number;
  /** The unit of `retry-after`, in ms (default 1000; tests shorten it). */
  retryAfterBaseMs?: number;
  /** The unit of the spacing between requests, in ms (default GitHub's, 1000; tests shorten it). */
  spacingBaseMs?: number;
}

/**
 * `ProbotOctokit` with the App's rate-limit policy and pacing, for `run(app, { Octokit })`, the
 * Action and the tests. The throttling key (`throttle.id`) is the installation: Probot sets it on
 * `app.auth(id)`'s Octokits but not on a delivery's `context.octokit` (octokit-auth-probot builds
 * that one without it, so every delivery of the process shared the key `no-id`): there it is
 * `auth.installationId`. The callbacks, the retry unit and the groups are the App's:
 *
 * - writes: `pacedWrites` on the spacing unit's `write` group (one at a time, a unit apart),
 *   keyed by `throttle.id`; the plugin's own `write` group is `UNPACED`, so a GraphQL query waits
 *   behind no write;
 * - content-creating requests (the plugin's `notifications` group): an Octokit of an App
 *   installation (authenticated with the App's key: the server) spends `contentCreationGroup`
 *   (80 a minute, 500 an hour); a token's (the Action: one installation per process) keeps the
 *   plugin's 3 units between them, as the CLI;
 * - searches: the plugin's 2 units, as the CLI.
 *
 * At a unit other than GitHub's (tests) the same groups are scaled (`spacedGroups`). Probot's
 * Redis-backed groups (`REDIS_URL`) are not used for writes and content: each replica paces its
 * own requests. Warnings go to the instance's logger (Probot's "octokit" pino child: it names the
 * request, not the delivery).
 */
export function appOctokit(options: AppOctokitOptions = {}): typeof ProbotOctokit {
  const unit = options.spacingBaseMs ?? defaultSpacingUnitMs();
  const groups = spacedGroups(unit);
  return ProbotOctokit.plugin(pacedWrites).defaults((instance: Record<string, unknown>) => {
    const log = instance.log as { warn?: (message: string) => void } | undefined;
    const auth = instance.auth as { appId?: unknown; installationId?: unknown } | undefined;
    const throttle = instance.throttle as { id?: unknown } | undefined;
    const installation = auth?.installationId;
    const appInstallation = auth?.appId !== undefined && installation !== undefined;
    const scaled = unit !== GITHUB_SPACING_BASE_MS;
    return {
      ...instance,
      pacing: { writes: groups.write },
      throttle: {
        ...throttle,
        // A delivery's Octokit (octokit-auth-probot's event Octokit) has no throttle id: its installation is the key.
        ...(throttle?.id === undefined && installation !== undefined ? { id: String(installation) } : {}),
        ...throttleOptions({
          ...(options.retries !== undefined ? { retries: options.retries } : {}),
          ...(options.retryAfterBaseMs !== undefined ? { retryAfterBaseMs: options.retryAfterBaseMs } : {}),
          spacingBaseMs: unit,
          warn: (message) => log?.warn?.(message),
        }),
        write: UNPACED,
        ...(appInstallation ? { notifications: contentCreationGroup(unit) } : scaled ? { notifications: groups.notifications } : {}),
      },
    };
  });
}
