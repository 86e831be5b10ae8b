import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createCliClient, CredentialsError } from '../../src/github/cli-client.js';
import { GitHubApiMock } from '../support/github-api.js';
import { testPrivateKey } from '../support/keys.js';

let api: GitHubApiMock;
beforeEach(() => {
  nock.cleanAll();
  api = new GitHubApiMock();
});
afterEach(() => api.done());

describe('createCliClient', () => {
  it('uses GITHUB_TOKEN as it is', async () => {
    const gh = await createCliClient({ GITHUB_TOKEN: 'ghs_x' }, 'o/r');
    api.rest('GET', '/repos/o/r/labels', [200, []]);
    await gh.rest.issues.listLabelsForRepo({ owner: 'o', repo: 'r' });
    expect(api.requests.map((r) => r.path)).toEqual(['/repos/o/r/labels']);
  });

  it('gets an installation token for the repository from App credentials', async () => {
    const privateKey = testPrivateKey();
    api.rest('GET', '/repos/o/r/installation', [200, { id: 42 }]);
    api.token(42);
    const gh = await createCliClient({ APP_ID: '7', PRIVATE_KEY: privateKey }, 'o/r');
    api.rest('GET', '/repos/o/r/labels', [200, []]);
    await gh.rest.issues.listLabelsForRepo({ owner: 'o', repo: 'r' });
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /repos/o/r/installation', 'POST /app/installations/42/access_tokens', 'GET /repos/o/r/labels']);
  });

  it('refuses to run without credentials, naming the variables', async () => {
    await expect(createCliClient({}, 'o/r')).rejects.toThrow(CredentialsError);
    await expect(createCliClient({ APP_ID: '1' }, 'o/r')).rejects.toThrow(/GITHUB_TOKEN, or APP_ID and PRIVATE_KEY/);
  });

  it('retries a 502 and a secondary rate limit, then succeeds', async () => {
    const gh = await createCliClient({ GITHUB_TOKEN: 'ghs_x' }, 'o/r', { retryAfterBaseMs: 1 });
    api.rest('POST', '/repos/o/r/issues', [502, { message: 'Bad Gateway' }]);
    api.rest('POST', '/repos/o/r/issues', [403, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '1' }]);
    api.rest('POST', '/repos/o/r/issues', [201, { number: 1 }]);
    const { data } = await gh.rest.issues.create({ owner: 'o', repo: 'r', title: 't' });
    expect(data.number).toBe(1);
    expect(api.sent('POST', '/repos/o/r/issues')).toHaveLength(3);
  }, 15_000);

  it('honours GITHUB_API_URL and GITHUB_GRAPHQL_URL (GitHub Enterprise Server)', async () => {
    const ghes = nock('https://ghes.example.com');
    ghes.get('/api/v3/repos/o/r/labels').reply(200, []);
    ghes.post('/api/graphql').reply(200, { data: { viewer: { login: 'x' } } });
    const gh = await createCliClient({ GITHUB_TOKEN: 't', GITHUB_API_URL: 'https://ghes.example.com/api/v3', GITHUB_GRAPHQL_URL: 'https://ghes.example.com/api/graphql' }, 'o/r');
    await gh.rest.issues.listLabelsForRepo({ owner: 'o', repo: 'r' });
    await gh.graphql('query { viewer { login } }');
    expect(ghes.isDone()).toBe(true);
  });
});
