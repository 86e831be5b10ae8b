/** A Probot instance for tests: the real App, the run's generated key (keys.ts), no retries, no throttling. */
import { createRequire } from 'node:module';
import { Probot, ProbotOctokit } from 'probot';
import nock from 'nock';
import groupSteward from '../../src/index.js';
import { forgetGroupRegistry } from '../../src/github/group-registry.js';
import { forgetRepoConfig } from '../../src/github/repo-config.js';
import { GitHubApiMock } from './github-api.js';
import { testPrivateKey } from './keys.js';

const privateKey = testPrivateKey();

export const APP_ID = 12345;

/** A Probot instance of the real App (not loaded, for `createNodeMiddleware`). */
export function createTestProbot(secret?: string): Probot {
  return new Probot({
    appId: APP_ID,
    privateKey,
    ...(secret ? { secret } : {}),
    logLevel: 'fatal',
    // Probot passes its own throttle options down, so an object default would be overridden:
    // force retries and throttling off on every instance (no 1 s spacing between writes in tests).
    Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({
      ...options,
      retry: { enabled: false },
      throttle: { ...(options.throttle as object), enabled: false },
    })),
  });
}

/**
 * A fresh App and API mock for one test: nock reset, every cache (configuration, group registry)
 * forgotten, `prepare` run (e.g. to allow a registry read), then the App loaded.
 */
export async function freshTestApp(prepare: () => void = () => {}): Promise<{ probot: Probot; api: GitHubApiMock }> {
  nock.cleanAll();
  forgetRepoConfig();
  forgetGroupRegistry();
  prepare();
  return { probot: await createTestApp(), api: new GitHubApiMock() };
}

export async function createTestApp(): Promise<Probot> {
  const probot = createTestProbot();
  await probot.load(groupSteward);
  return probot;
}

interface ExampleGroup {
  name: string;
  examples: Record<string, unknown>[];
}
const require = createRequire(import.meta.url);
/**
 * GitHub's example payloads (@octokit/webhooks-examples, 4 MB of JSON): under jest, the copy the
 * test environment keeps for the whole worker (test/support/environment.mjs), read once per
 * worker, not in every test file; elsewhere, read here. Never changed: `examplePayload` copies.
 */
let examples: readonly ExampleGroup[] | undefined;
const webhookExamples = (): readonly ExampleGroup[] =>
  (examples ??= (globalThis as { groupStewardWebhookExamples?: () => ExampleGroup[] }).groupStewardWebhookExamples?.() ?? (require('@octokit/webhooks-examples/api.github.com/index.json') as ExampleGroup[]));

/**
 * A deep copy of GitHub's example payload for `event`/`action` (the first, or the one `pick`
 * chooses), with an `installation` added (most examples lack one).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- example payloads are untyped JSON
export type Json = any;
export function examplePayload<T = Json>(event: string, action?: string, pick: (p: Json) => boolean = () => true): T {
  const group = webhookExamples().find((g) => g.name === event);
  const found = group?.examples.find((p) => (action === undefined || p.action === action) && pick(p));
  if (!found) throw new Error(`no example payload for ${event}.${action ?? ''}`);
  const copy = structuredClone(found) as Record<string, unknown>;
  copy.installation = { id: 1, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  return copy as T;
}
