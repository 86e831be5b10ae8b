/**
 * Benchmark: GitHub API requests per step of the governance loop (issue 9) — a creation request
 * opened, edited, redelivered; `/retire-wg` by a moderator, repeated, and by someone else — against
 * the stateful fake GitHub holding MCP's real charters. Nothing leaves the process.
 */
import { appPrivateKey } from './app-key.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import groupSteward from '../src/index.js';
import { forgetGroupRegistry } from '../src/github/group-registry.js';
import { forgetRepoConfig } from '../src/github/repo-config.js';
import { GROUP_REQUEST_LABEL, WORKING_GROUP_FORM } from '../src/requests/forms.js';
import type { GroupForm } from '../src/requests/forms.js';
import { ActivityGitHub } from './activity-github.js';
import type { FakeActor, FakeItem } from './activity-github.js';


/**
 * An issue body as GitHub renders a submitted issue form: `### <label>`, a blank line, the answer
 * (or `_No response_`), for every field in the form's order. `answers` is keyed by field id.
 */
export function renderFormBody(form: GroupForm, answers: Record<string, string>): string {
  return form.fields.map((f) => `### ${f.label}\n\n${answers[f.id]?.trim() ? answers[f.id] : '_No response_'}`).join('\n\n');
}

/** A valid working-group request's answers, by field id. */
export const WG_ANSWERS: Record<string, string> = {
  'group-id': 'tool-filtering',
  'group-name': 'Tool Filtering Working Group',
  facilitators: '@octocat, hubot',
  'use-cases': 'Clients with hundreds of tools need a standard way to filter them.',
  'first-work': 'https://github.com/modelcontextprotocol/modelcontextprotocol/issues/1300',
  discord: 'tool-filtering-wg',
};

/** The charters of `dir` (`*.yaml`) and its directory file (`README.md`), as the fake's charters folder. */
export function chartersOf(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.yaml') || f === 'README.md').map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

/** The Probot instance of the real App for a simulated GitHub (the benchmarks, the loop's tests): no retries, no throttling. */
export async function loopProbot(): Promise<Probot> {
  const probot = new Probot({
    appId: 1,
    privateKey: appPrivateKey(),
    logLevel: 'fatal',
    Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { ...(o.throttle as object), enabled: false } })),
  });
  await probot.load(groupSteward);
  return probot;
}

/** A webhook payload's `repository`, `installation` and `sender` for the fake's governance repository. */
export function payloadBase(fake: ActivityGitHub, sender: FakeActor) {
  const [owner = '', name = ''] = fake.governanceRepo.split('/');
  return {
    installation: { id: fake.installationId },
    repository: { name, full_name: fake.governanceRepo, owner: { login: owner }, default_branch: 'main' },
    sender: { login: sender.login, type: sender.type, id: 1 },
  };
}

/** The payload's `issue` of item `item`: what both issue and comment events carry. */
function issueObject(item: FakeItem) {
  return {
    number: item.number,
    title: item.title,
    body: item.body,
    state: item.state === 'open' ? 'open' : 'closed',
    labels: item.labels.map((name, i) => ({ id: i + 1, name })),
    html_url: `https://github.com/${item.repo}/issues/${item.number}`,
  };
}

/** An `issues` payload for issue `item` of the fake (the requester's id is 1001). */
export function issuePayload(fake: ActivityGitHub, item: FakeItem, action: 'opened' | 'edited', sender: FakeActor, previousBody?: string) {
  return {
    action,
    ...payloadBase(fake, sender),
    issue: { ...issueObject(item), user: item.author ? { login: item.author.login, id: 1001, type: item.author.type } : null, created_at: item.createdAt },
    ...(action === 'edited' ? { changes: previousBody !== undefined ? { body: { from: previousBody } } : {} } : {}),
  };
}

/** An `issue_comment.created` payload: `body` by `sender` on issue `item`. */
export function commentPayload(fake: ActivityGitHub, item: FakeItem, comment: { id: number; body: string; at: string }, sender: FakeActor) {
  return {
    action: 'created',
    ...payloadBase(fake, sender),
    issue: {
      ...issueObject(item),
      user: item.author ? { login: item.author.login, type: item.author.type } : null,
      ...(item.type === 'pull_request' ? { pull_request: { url: `https://api.github.com/repos/${item.repo}/pulls/${item.number}` } } : {}),
    },
    comment: { id: comment.id, body: comment.body, created_at: comment.at, html_url: `https://github.com/${item.repo}/issues/${item.number}#issuecomment-${comment.id}`, user: { login: sender.login, type: sender.type } },
  };
}

/** A `pull_request` payload for pull request `item` of the fake (its head commit as the fake holds it now). */
export function pullPayload(fake: ActivityGitHub, item: FakeItem, action: 'opened' | 'synchronize' | 'closed', sender: FakeActor) {
  const pull = fake.restPull(item);
  return { action, number: item.number, ...payloadBase(fake, sender), pull_request: { ...pull, user: pull.user ? { ...pull.user, login: pull.user.login } : null } };
}

/** A `pull_request_review.submitted` payload: `reviewer`'s review of pull request `item`. */
export function reviewPayload(fake: ActivityGitHub, item: FakeItem, reviewer: FakeActor, state: 'approved' | 'changes_requested' | 'commented') {
  return { action: 'submitted', ...payloadBase(fake, reviewer), pull_request: fake.restPull(item), review: { id: 1, state, user: { login: reviewer.login, type: reviewer.type } } };
}

/** Runs the benchmark and returns its report lines. */
export async function benchGovernanceLoop(): Promise<string[]> {
  nock.disableNetConnect();
  forgetRepoConfig();
  forgetGroupRegistry();
  const fake = new ActivityGitHub({ governanceRepo: 'example-org/governance' });
  fake.installationId = 1;
  fake.charters = chartersOf('groups');
  fake.configs.set(fake.governanceRepo, 'vote:\n  moderators:\n    logins: [a-moderator]\n');
  fake.install();
  const probot = await loopProbot();
  const requester: FakeActor = { login: 'octocat', type: 'User', id: 1001 };
  const moderator: FakeActor = { login: 'a-moderator', type: 'User' };
  const lines = ['governance loop: GitHub API requests per event (installation token and configuration read on the first event only)'];
  const step = async (label: string, deliver: () => Promise<unknown>) => {
    const from = fake.requests.length;
    const start = process.hrtime.bigint();
    await deliver();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const all = fake.requests.slice(from).map((r) => r.kind).filter((k) => !k.endsWith('access token') && k !== 'GET config');
    // issues.opened also runs linking: its read of the issue, and its registry read (cached after the first event).
    const kinds = all.filter((k) => k !== 'graphql GroupStewardRegistry' && k !== 'graphql GroupStewardWork');
    const linking = all.length - kinds.length;
    lines.push(`  ${label.padEnd(44)} ${String(kinds.length).padStart(2)} requests: ${kinds.join(', ') || 'none'}${linking ? ` (+${linking} of linking's)` : ''}; ${ms.toFixed(0)} ms`);
  };

  const body = renderFormBody(WORKING_GROUP_FORM, WG_ANSWERS);
  const request = fake.add({ repo: fake.governanceRepo, title: '[WG request] Tool Filtering', body, labels: [GROUP_REQUEST_LABEL], author: requester, createdAt: '2026-12-01T10:00:00Z' });
  await step('creation request opened (goal ≤ 6)', () => probot.receive({ id: 'open', name: 'issues', payload: issuePayload(fake, request, 'opened', requester) } as never));
  const before = request.body;
  request.body = renderFormBody(WORKING_GROUP_FORM, { ...WG_ANSWERS, 'use-cases': 'Clients with hundreds of tools need to filter them by task.' });
  await step('creation request edited (goal ≤ 6)', () => probot.receive({ id: 'edit', name: 'issues', payload: issuePayload(fake, request, 'edited', requester, before) } as never));
  await step('the same edit redelivered', () => probot.receive({ id: 'edit', name: 'issues', payload: issuePayload(fake, request, 'edited', requester, before) } as never));

  const thread = fake.add({ repo: fake.governanceRepo, title: 'Retire the Interceptors WG?', body: 'Decision thread.', author: moderator, createdAt: '2026-12-01T11:00:00Z' });
  const retire = fake.comment(fake.governanceRepo, thread.number, '2026-12-01T12:00:00Z', moderator, '/retire-wg interceptors its work moved to the Transports WG');
  await step('/retire-wg by a moderator (goal ≤ 6)', () => probot.receive({ id: 'retire', name: 'issue_comment', payload: commentPayload(fake, thread, retire, moderator) } as never));
  const again = fake.comment(fake.governanceRepo, thread.number, '2026-12-01T13:00:00Z', moderator, '/retire-wg interceptors merged into the Transports WG');
  await step('/retire-wg repeated with a new reason', () => probot.receive({ id: 'again', name: 'issue_comment', payload: commentPayload(fake, thread, again, moderator) } as never));
  const stranger: FakeActor = { login: 'passer-by', type: 'User' };
  const refused = fake.comment(fake.governanceRepo, thread.number, '2026-12-01T14:00:00Z', stranger, '/retire-wg interceptors nobody comes');
  await step('/retire-wg by someone else', () => probot.receive({ id: 'refused', name: 'issue_comment', payload: commentPayload(fake, thread, refused, stranger) } as never));

  // Under SEP-2149: the request's pull request gets "Group sponsorship"; a review re-evaluates it.
  fake.configs.set(fake.governanceRepo, 'policy: sep-2149\nvote:\n  core_maintainers:\n    logins: [core-one, core-two]\n  lead_maintainers:\n    logins: [dsp-ant]\n');
  forgetRepoConfig();
  const pull = fake.governancePulls().find((p) => p.headRef === `group-steward/request-${request.number}`) as FakeItem;
  await probot.receive({ id: 'pr-config', name: 'pull_request_review', payload: reviewPayload(fake, pull, moderator, 'commented') } as never);
  await step('sep-2149: review of a new group (goal ≤ 2)', async () => {
    fake.review(pull.number, '2026-12-01T15:00:00Z', { login: 'core-one', type: 'User' }, 'APPROVED');
    await probot.receive({ id: 'review', name: 'pull_request_review', payload: reviewPayload(fake, pull, { login: 'core-one', type: 'User' }, 'approved') } as never);
  });
  await step('sep-2149: the sponsoring review (goal ≤ 2)', async () => {
    fake.review(pull.number, '2026-12-01T16:00:00Z', { login: 'core-two', type: 'User' }, 'APPROVED');
    await probot.receive({ id: 'review-2', name: 'pull_request_review', payload: reviewPayload(fake, pull, { login: 'core-two', type: 'User' }, 'approved') } as never);
  });

  if (fake.problems.length > 0) lines.push(`  problems: ${fake.problems.join('; ')}`);
  fake.uninstall();
  nock.enableNetConnect();
  return lines;
}
