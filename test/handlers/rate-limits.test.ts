/**
 * The App server's Octokit retries GitHub's rate limits (issue 10 § 3): Probot's default only
 * logs a secondary limit, which left a pull request with no check at all. With the App's policy
 * (`appOctokit`, what `npm start` runs) a `403` with `retry-after` on the check-run write is tried
 * again and the pull request ends with a completed check run.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { Probot } from 'probot';
import { appOctokit } from '../../src/github/app-octokit.js';
import { forgetGroupRegistry } from '../../src/github/group-registry.js';
import { forgetRepoConfig } from '../../src/github/repo-config.js';
import groupSteward from '../../src/index.js';
import { INTEREST_GROUP, WORKING_GROUP } from '../charters/helpers.js';
import { pullRequestChartersData } from '../support/charter-trees.js';
import { expectNoConfig } from '../support/config.js';
import { GitHubApiMock } from '../support/github-api.js';
import { examplePayload } from '../support/probot.js';
import { allowRegistryRead } from './group-support.js';
import { testPrivateKey } from '../support/keys.js';

const privateKey = testPrivateKey();
const REPO = '/repos/Codertocat/Hello-World';
const BASE = { 'registry.yaml': WORKING_GROUP };
const HEAD = { ...BASE, 'security.yaml': INTEREST_GROUP };
const SECONDARY = { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits' };

let api: GitHubApiMock;
let probot: Probot;

beforeEach(async () => {
  nock.cleanAll();
  forgetRepoConfig();
  forgetGroupRegistry();
  allowRegistryRead();
  api = new GitHubApiMock();
  // The App's own policy, as `npm start` runs it, with `retry-after` counted in milliseconds.
  probot = new Probot({ appId: 1, privateKey, logLevel: 'fatal', Octokit: appOctokit({ retryAfterBaseMs: 1, retries: 2 }).defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false } })) });
  await probot.load(groupSteward);
});
afterEach(() => api.done());

const opened = () => probot.receive({ id: 'pr', name: 'pull_request', payload: examplePayload('pull_request', 'opened', (p) => p.installation) } as never);

describe('the App server\'s rate-limit policy', () => {
  it('retries the check-run write after a secondary rate limit: the pull request ends with a completed check run', async () => {
    expectNoConfig(api.token());
    api.graphql(() => pullRequestChartersData(HEAD, BASE));
    api.rest('POST', `${REPO}/check-runs`, [403, SECONDARY, { 'retry-after': '1' }]);
    let posted: { name: string; status: string; conclusion?: string } | undefined;
    api.rest('POST', `${REPO}/check-runs`, (b) => ((posted = b as typeof posted), [201, { id: 1 }]));
    // The new interest group also opens its creation vote.
    api.rest('POST', `${REPO}/check-runs`, [201, { id: 2 }]);
    await opened();
    expect(api.sent('POST', `${REPO}/check-runs`)).toHaveLength(3);
    expect(posted).toMatchObject({ name: 'Group charters', status: 'completed', conclusion: 'success' });
  }, 30_000); // the throttling plugin spaces the writes as against GitHub, in ms (test/setup.ts)

  it('gives up after its bounded retries, and the delivery fails with GitHub\'s answer', async () => {
    expectNoConfig(api.token());
    api.graphql(() => pullRequestChartersData(HEAD, BASE));
    for (let i = 0; i < 3; i += 1) api.rest('POST', `${REPO}/check-runs`, [403, SECONDARY, { 'retry-after': '1' }]);
    await expect(opened()).rejects.toThrow(/secondary rate limit/);
    expect(api.sent('POST', `${REPO}/check-runs`)).toHaveLength(3);
  }, 30_000);
});
