/**
 * GitHub's example webhook payloads (@octokit/webhooks-examples) moved to a fake's governance
 * repository, for the tests that deliver them whole: to the App server as a process
 * (test/server/), or to the Action as Actions gives them (test/action/: no `installation`).
 */
import type { FakeActor, FakeGovernance, FakeItem } from './fake-governance.js';
import { examplePayload } from './probot.js';
import type { Json } from './probot.js';

/**
 * GitHub's example payload for `event`/`action` (the one `pick` chooses), moved to the repository
 * `repo` (`owner/name`, default branch `main`); with `installationId` its installation, without
 * one none (a workflow's event carries none).
 */
export function payloadIn(repo: string, event: string, action: string | undefined, pick?: (p: Json) => boolean, installationId?: number): Json {
  const [owner, name] = repo.split('/') as [string, string];
  const payload = examplePayload(event, action, pick);
  if (installationId === undefined) delete payload.installation;
  else payload.installation = { id: installationId };
  payload.repository = {
    ...payload.repository,
    name,
    full_name: repo,
    owner: { ...payload.repository.owner, login: owner, type: 'Organization' },
    default_branch: 'main',
    html_url: `https://github.com/${repo}`,
    url: `https://api.github.com/repos/${repo}`,
  };
  return payload;
}

/** An example's user object (`template`) as `actor`. */
export const asUser = (template: Json, actor: FakeActor): Json => ({ ...template, login: actor.login, id: actor.id ?? 1, type: actor.type });

/** The `pull_request` `opened` payload of `pull`, opened by `author` from its head branch into `main`, in `fake`'s governance repository. */
export function pullRequestPayload(fake: FakeGovernance, pull: FakeItem, author: FakeActor, installationId?: number): Json {
  const repo = fake.governanceRepo;
  const [owner] = repo.split('/') as [string];
  const payload = payloadIn(repo, 'pull_request', 'opened', undefined, installationId);
  const pr = payload.pull_request;
  payload.number = pull.number;
  payload.sender = asUser(payload.sender, author);
  payload.pull_request = {
    ...pr,
    number: pull.number,
    title: pull.title,
    body: pull.body,
    labels: [],
    draft: false,
    state: 'open',
    created_at: pull.createdAt,
    updated_at: pull.createdAt,
    user: asUser(pr.user, author),
    html_url: `https://github.com/${repo}/pull/${pull.number}`,
    head: { ...pr.head, ref: pull.headRef, sha: fake.headSha(pull), label: `${owner}:${pull.headRef}`, user: asUser(pr.head.user, author), repo: payload.repository },
    base: { ...pr.base, ref: 'main', sha: fake.defaultSha, label: `${owner}:main`, repo: payload.repository },
  };
  return payload;
}
