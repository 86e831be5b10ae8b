/**
 * SEP-2149 charter pages as the charter source, end to end: the real App on Probot against the
 * stateful fake GitHub holding MCP's real pages (examples/mcp-pages: both folders and docs.json,
 * by their paths) under `charter_pages: {}` and `policy: sep-2149`. A pull request that adds a
 * page and its navigation entry gets the charter check and the sponsorship check; one that leaves
 * the navigation out fails at the page; a push to the pages syncs the labels; `/retire-wg` opens a
 * pull request that edits the page and nothing else. Every GraphQL query is validated against
 * GitHub's schema, every REST request against GitHub's OpenAPI description.
 */
import { mendedRealPages, NAV, WG_DIR } from './real-pages.js';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import { commentPayload, issuePayload, loopProbot, payloadBase, pullPayload, renderFormBody, WG_ANSWERS } from '../../bench/governance-loop.js';
import { GROUP_REQUEST_LABEL, WORKING_GROUP_FORM } from '../../src/requests/forms.js';
import { readCharterPage } from '../../src/charters/pages/read-page.js';
import type { FakeCheckRun } from '../../bench/activity-github.js';
import { addToNavigation } from '../../src/charters/pages/nav-edit.js';
import { newCharterPage } from '../../src/charters/pages/new-page.js';
import { retirePageText } from '../../src/charters/pages/retire-page.js';
import { validateCharterPages } from '../../src/charters/pages/validate-pages.js';
import { DEFAULT_PAGE_LAYOUT } from '../../src/charters/pages/layout.js';
import { freshFakeGovernance } from '../support/fake-governance.js';
import type { FakeActor, FakeGovernance, FakeItem } from '../support/fake-governance.js';

const REPO = 'example-org/governance';
const CONFIG = 'policy: sep-2149\ncharter_pages: {}\nvote:\n  core_maintainers:\n    logins: [core-one, core-two]\n  lead_maintainers:\n    logins: [dsp-ant]\n';
const CONTRIBUTOR: FakeActor = { login: 'a-contributor', type: 'User' };
const LEAD_MAINTAINER: FakeActor = { login: 'dsp-ant', type: 'User' };


const PAGES = mendedRealPages();
const NEW_PAGE = newCharterPage({
  id: 'tool-filtering',
  name: 'Tool Filtering Working Group',
  type: 'working',
  mission: 'Define how clients filter and select tools from large servers.',
  leads: [{ login: 'octocat', name: 'Mona Lisa', term: '6 months (ends Jun 1, 2027)' }],
  sponsors: ['dsp-ant'],
  discord: 'tool-filtering-wg',
  formed: '2026-11-30',
});

let fake: FakeGovernance;
let probot: Probot;

beforeEach(async () => {
  fake = freshFakeGovernance(REPO, PAGES);
  fake.groupsDir = '';
  fake.operations.add('GroupStewardPullRequestCharters');
  fake.configs.set(REPO, CONFIG);
  fake.now = new Date('2026-12-01T10:00:00Z');
  probot = await loopProbot();
});

afterEach(() => {
  fake.uninstall();
  fake.assertClean();
});

let delivery = 0;
const receive = (name: string, payload: unknown) => probot.receive({ id: `pages-${(delivery += 1)}`, name, payload } as never);

/** A contributor's pull request from `branch`, whose files are the default branch's with `change` applied. */
async function pullWith(branch: string, change: Record<string, string>): Promise<FakeItem> {
  fake.branches.set(branch, { sha: `f${String(fake.branches.size).padStart(39, '0')}`, files: { ...fake.charters, ...change } });
  const pull = fake.add({ repo: REPO, type: 'pull_request', title: 'A charter page', body: '', author: CONTRIBUTOR, createdAt: fake.now.toISOString(), headRef: branch, baseRef: 'main' });
  await receive('pull_request', pullPayload(fake, pull, 'opened', CONTRIBUTOR));
  return pull;
}

function shown(pull: FakeItem, name: string): FakeCheckRun {
  const run = fake.latestRuns(pull.number).get(name);
  if (!run) throw new Error(`no "${name}" check run on #${pull.number}: ${[...fake.latestRuns(pull.number).keys()].join(', ')}`);
  return run;
}

describe('MCP\'s real pages, mended, as the base', () => {
  it('validate without errors (the fixture the scenarios build on)', () => {
    const pages = Object.entries(PAGES).filter(([file]) => file.endsWith('.mdx')).map(([file, content]) => ({ file, content }));
    const result = validateCharterPages(pages, { file: NAV, content: PAGES[NAV] as string }, { now: fake.now, layout: DEFAULT_PAGE_LAYOUT });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.charters).toHaveLength(16);
  });
});

describe('a pull request that adds a charter page', () => {
  it('with its navigation entry: "Group charters" passes and the sponsorship check runs, in one read', async () => {
    const nav = addToNavigation(PAGES[NAV] as string, 'community/working-groups/tool-filtering', 'working');
    if ('problem' in nav) throw new Error(nav.problem);
    const from = fake.requests.length;
    const pull = await pullWith('tool-filtering', { [`${WG_DIR}/tool-filtering.mdx`]: NEW_PAGE, [NAV]: nav.text });
    expect(shown(pull, 'Group charters')).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(shown(pull, 'Group charters').output.summary).toContain('| added | `tool-filtering` | working | `wg:tool-filtering` | @octocat |');
    // A new group under SEP-2149: two core maintainers' or one lead maintainer's approval.
    expect(shown(pull, 'Group sponsorship')).toMatchObject({ status: 'in_progress', conclusion: null });
    expect(fake.kinds(from).filter((k) => k === 'graphql GroupStewardPullRequestCharters')).toHaveLength(1);
  });

  it('without its navigation entry: "Group charters" fails with an annotation at the page', async () => {
    const pull = await pullWith('no-nav', { [`${WG_DIR}/tool-filtering.mdx`]: NEW_PAGE });
    const run = shown(pull, 'Group charters');
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    const { annotations } = run;
    expect(annotations).toContainEqual(expect.objectContaining({ path: `${WG_DIR}/tool-filtering.mdx`, start_line: 1, annotation_level: 'failure', title: 'page-not-in-nav' }));
  });

  it('with a navigation entry for a page that does not exist: "Group charters" fails with an annotation in the navigation file', async () => {
    const nav = addToNavigation(PAGES[NAV] as string, 'community/working-groups/ghost', 'working');
    if ('problem' in nav) throw new Error(nav.problem);
    const run = shown(await pullWith('ghost-nav', { [NAV]: nav.text }), 'Group charters');
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    const line = nav.text.split('\n').findIndex((l) => l.includes('community/working-groups/ghost')) + 1;
    expect(run.annotations).toContainEqual(expect.objectContaining({ path: NAV, start_line: line, annotation_level: 'failure', title: 'page-nav-missing-page' }));
  });

  it('hostile pages — 5 MB, binary, JSX that never closes, 10,000 table rows — complete the check with a failure, never a stuck run', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `| row ${i} | x |`).join('\n');
    const pull = await pullWith('hostile', {
      [`${WG_DIR}/huge.mdx`]: `---\ntitle: Huge Charter\n---\n${'x'.repeat(5 * 1024 * 1024)}`,
      [`${WG_DIR}/binary.mdx`]: '\u0000\u0001\u0002',
      [`${WG_DIR}/jsx.mdx`]: `${NEW_PAGE}\n<Note>\n\n## Leadership\n`,
      [`${WG_DIR}/rows.mdx`]: `${NEW_PAGE.replace('## Changelog', `## Changelog\n\n| Date | Change |\n| --- | --- |\n${rows}\n\n## Notes`)}`,
    });
    const run = shown(pull, 'Group charters');
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    const rules = new Set(run.annotations.map((a) => `${String(a.path).split('/').at(-1)} ${String(a.title)}`));
    expect(rules).toContain('huge.mdx file-too-large');
    expect(rules).toContain('binary.mdx file-encoding');
    expect(rules).toContain('jsx.mdx page-mdx-unclosed');
    expect(rules).toContain('rows.mdx page-table-too-long');
  });

  it('that edits a page: the "Charter amendment" check asks a core maintainer', async () => {
    const registry = `${WG_DIR}/registry.mdx`;
    const pull = await pullWith('registry-scope', { [registry]: (PAGES[registry] as string).replace('### Out of Scope', '- **Mirrors**: read-only mirrors of the registry.\n\n### Out of Scope') });
    expect(shown(pull, 'Group charters')).toMatchObject({ conclusion: 'success' });
    expect(shown(pull, 'Charter amendment')).toMatchObject({ status: 'in_progress' });
  });
});

describe('a push to the pages on the default branch', () => {
  const push = (files: string[]) => ({
    ...payloadBase(fake, CONTRIBUTOR),
    ref: 'refs/heads/main',
    before: 'b'.repeat(40),
    after: fake.defaultSha,
    created: false,
    deleted: false,
    forced: false,
    commits: [{ id: fake.defaultSha, added: [], removed: [], modified: files }],
  });

  it('syncs one label per group, named from the page\'s file; a second push writes nothing', async () => {
    await receive('push', push([`${WG_DIR}/registry.mdx`]));
    const names = (fake.repoLabels.get(REPO) ?? []).map((l) => l.name).sort();
    expect(names).toContain('wg:registry');
    expect(names).toContain('ig:security');
    expect(names.filter((n) => /^(wg|ig):/.test(n))).toHaveLength(16);
    const from = fake.requests.length;
    await receive('push', push([NAV]));
    expect(fake.writes(from)).toEqual([]);
  });

  it('ignores a push that changes no page and not the navigation', async () => {
    const from = fake.requests.length;
    await receive('push', push(['docs/community/governance.mdx', `${WG_DIR}/images/logo.png`]));
    expect(fake.kinds(from).filter((k) => !k.endsWith('access token') && k !== 'GET config')).toEqual([]);
  });
});

describe('/retire-wg on a charter page', () => {
  it('opens one pull request that marks the page retired and adds its changelog row, every other byte kept', async () => {
    const where = fake.add({ repo: REPO, title: 'Registry WG', body: 'Where the decision is made.', author: LEAD_MAINTAINER, createdAt: '2026-12-01T09:00:00Z' });
    const comment = fake.comment(REPO, where.number, '2026-12-01T12:00:00Z', LEAD_MAINTAINER, '/retire-wg registry its work moved to the Server Card WG');
    await receive('issue_comment', commentPayload(fake, where, comment, LEAD_MAINTAINER));

    const [pull] = fake.governancePulls();
    expect(pull).toMatchObject({ headRef: 'group-steward/retire-registry', state: 'open' });
    const file = `${WG_DIR}/registry.mdx`;
    const expected = retirePageText(PAGES[file] as string, { on: '2026-12-01', reason: 'its work moved to the Server Card WG', issue: `https://github.com/${REPO}/issues/${where.number}#issuecomment-${comment.id}` });
    if ('problem' in expected) throw new Error(expected.problem);
    const branch = fake.branchFiles('group-steward/retire-registry');
    expect(branch[file]).toBe(expected.text);
    // Only the page changed on the branch.
    expect(Object.keys(branch).filter((f) => branch[f] !== PAGES[f])).toEqual([file]);
    expect(pull?.body).toContain('retired_reason');

    // The retirement's own pull request gets its checks: the page validates, retired.
    await receive('pull_request', pullPayload(fake, pull as FakeItem, 'opened', fake.app));
    expect(shown(pull as FakeItem, 'Group charters')).toMatchObject({ conclusion: 'success' });
    expect(shown(pull as FakeItem, 'Retirement approval')).toMatchObject({ status: 'in_progress' });
  });
});

describe('a creation request under charter pages', () => {
  it('becomes one pull request adding the group\'s page and its navigation entry, which pass the check and ask for sponsorship', async () => {
    const requester: FakeActor = { login: 'octocat', type: 'User', id: 1001 };
    const issue = fake.add({ repo: REPO, title: '[WG request] Tool Filtering', body: renderFormBody(WORKING_GROUP_FORM, WG_ANSWERS), labels: [GROUP_REQUEST_LABEL], author: requester, createdAt: '2026-11-30T23:30:00Z' });
    await receive('issues', issuePayload(fake, issue, 'opened', requester));
    const [pull] = fake.governancePulls();
    expect(pull).toMatchObject({ headRef: `group-steward/request-${issue.number}`, state: 'open' });
    const branch = fake.branchFiles(`group-steward/request-${issue.number}`);
    const page = `${WG_DIR}/tool-filtering.mdx`;
    // Exactly the page and the navigation changed; the navigation lists the page.
    expect(Object.keys(branch).filter((f) => branch[f] !== PAGES[f]).sort()).toEqual([page, NAV]);
    expect(JSON.stringify(JSON.parse(branch[NAV] as string))).toContain('"community/working-groups/tool-filtering"');
    const read = readCharterPage({ file: page, content: branch[page] as string }, DEFAULT_PAGE_LAYOUT, '2026-12-01');
    expect(read.charter).toMatchObject({ id: 'tool-filtering', name: 'Tool Filtering Working Group', type: 'working', formed: '2026-11-30', leads: [{ login: 'octocat' }, { login: 'hubot' }], discord: 'tool-filtering-wg', deliverables: ['https://github.com/modelcontextprotocol/modelcontextprotocol/issues/1300'] });
    const reply = fake.commentsOn(REPO, issue.number).at(-1)?.body ?? '';
    expect(reply).toContain(page);
    // The repository's policy (SEP-2149) says how the group is approved: sponsorship, not SEP-1302's vote.
    for (const text of [reply, (pull as FakeItem).body]) {
      expect(text).toContain('"Group sponsorship" check');
      expect(text).toContain('two core maintainers or one lead maintainer');
      expect(text).not.toMatch(/moderator|72 hours/i);
    }

    await receive('pull_request', pullPayload(fake, pull as FakeItem, 'opened', fake.app));
    expect(shown(pull as FakeItem, 'Group charters')).toMatchObject({ conclusion: 'success' });
    expect(shown(pull as FakeItem, 'Group sponsorship')).toMatchObject({ status: 'in_progress' });

    // Redelivered: nothing is written again.
    const from = fake.requests.length;
    await receive('issues', issuePayload(fake, issue, 'opened', requester));
    expect(fake.writes(from)).toEqual([]);
  });

  it('for an id a page already has: no pull request, and the reply names the page', async () => {
    const requester: FakeActor = { login: 'octocat', type: 'User', id: 1001 };
    const issue = fake.add({ repo: REPO, title: '[WG request] Registry', body: renderFormBody(WORKING_GROUP_FORM, { ...WG_ANSWERS, 'group-id': 'registry' }), labels: [GROUP_REQUEST_LABEL], author: requester, createdAt: '2026-11-30T23:30:00Z' });
    await receive('issues', issuePayload(fake, issue, 'opened', requester));
    expect(fake.governancePulls()).toEqual([]);
    expect(fake.commentsOn(REPO, issue.number).at(-1)?.body).toContain(`exists already: **Registry Working Group** (\`${WG_DIR}/registry.mdx\`, active)`);
  });
});
