/** Expectations for Probot's configuration read (`context.config('group-steward.yml')`). */
import type { GitHubApiMock } from './github-api.js';

/** The repository has no `.github/group-steward.yml`, nor does its organization's `.github` repo. */
export function expectNoConfig(api: GitHubApiMock, owner = 'Codertocat', repo = 'Hello-World'): GitHubApiMock {
  api.rest('GET', `/repos/${owner}/${repo}/contents/.github%2Fgroup-steward.yml`, [404, { message: 'Not Found' }]);
  api.rest('GET', `/repos/${owner}/.github/contents/.github%2Fgroup-steward.yml`, [404, { message: 'Not Found' }]);
  return api;
}

/** The repository's `.github/group-steward.yml` holds `yamlText` (served raw, as Probot asks). */
export function expectConfig(api: GitHubApiMock, yamlText: string, owner = 'Codertocat', repo = 'Hello-World'): GitHubApiMock {
  api.rest('GET', `/repos/${owner}/${repo}/contents/.github%2Fgroup-steward.yml`, [200, yamlText, { 'content-type': 'application/vnd.github.v3.raw; charset=utf-8' }]);
  return api;
}
