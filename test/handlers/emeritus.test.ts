/**
 * `/emeritus <group>` end to end (SEP-2149 Participation Levels: "WG Members who do not participate
 * for 3 consecutive months are moved to emeritus status"): the real App on Probot against the
 * stateful fake GitHub holding MCP's real charter pages under `charter_pages: {}` and
 * `policy: sep-2149`. The group's sources are read back to the first day of the month 3 months
 * before the command; the quiet members' rows move on the App's branch, nothing else; the pull
 * request is reviewed as an amendment. Every GraphQL query is validated against GitHub's schema.
 */
import { mendedRealPages, WG_DIR } from './real-pages.js';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import { commentPayload, loopProbot, pullPayload } from '../../bench/governance-loop.js';
import { emeritusPageText } from '../../src/charters/pages/emeritus-page.js';
import { freshFakeGovernance } from '../support/fake-governance.js';
import type { FakeActor, FakeGovernance, FakeItem } from '../support/fake-governance.js';

const REPO = 'example-org/governance';
const FILE = `${WG_DIR}/registry.mdx`;
const CONFIG = 'policy: sep-2149\ncharter_pages: {}\nvote:\n  core_maintainers:\n    logins: [core-one, core-two]\n  lead_maintainers:\n    logins: [dsp-ant]\n';
const LEAD: FakeActor = { login: 'rdimitrov', type: 'User' };
const STRANGER: FakeActor = { login: 'a-stranger', type: 'User' };
const person = (login: string): FakeActor => ({ login, type: 'User' });

const PAGES = mendedRealPages();

let fake: FakeGovernance;
let probot: Probot;
let delivery = 0;
const receive = (name: string, payload: unknown) => probot.receive({ id: `emeritus-${(delivery += 1)}`, name, payload } as never);

beforeEach(async () => {
  fake = freshFakeGovernance(REPO, PAGES);
  fake.groupsDir = '';
  fake.operations.add('GroupStewardPullRequestCharters');
  fake.configs.set(REPO, CONFIG);
  fake.now = new Date('2026-12-07T10:00:00Z');
  // The registry's work: tadasant in October; BobDickinson last in July; pree-dew not since May; dependabot every month.
  const bot: FakeActor = { login: 'dependabot[bot]', type: 'Bot' };
  fake.add({ repo: 'modelcontextprotocol/registry', title: 'Server Card alignment', author: person('tadasant'), createdAt: '2026-06-01T00:00:00Z', events: [
    { kind: 'comment', at: '2026-07-15T12:00:00Z', actor: person('BobDickinson') },
    { kind: 'comment', at: '2026-10-10T12:00:00Z', actor: person('tadasant') },
    { kind: 'comment', at: '2026-11-20T12:00:00Z', actor: bot },
  ] });
  fake.add({ repo: 'modelcontextprotocol/registry', title: 'Triage', author: person('pree-dew'), createdAt: '2026-05-01T00:00:00Z' });
  probot = await loopProbot();
});

afterEach(() => {
  fake.uninstall();
  fake.assertClean();
});

async function command(by: FakeActor, line: string): Promise<FakeItem> {
  const where = fake.add({ repo: REPO, title: 'Registry WG members', body: 'Membership review.', author: by, createdAt: '2026-12-07T09:00:00Z' });
  const comment = fake.comment(REPO, where.number, '2026-12-07T10:00:00Z', by, line);
  await receive('issue_comment', commentPayload(fake, where, comment, by));
  return where;
}

describe('/emeritus on a charter page', () => {
  it('moves the members quiet for three months on a full read to the Emeritus table, in one pull request, every other byte kept', async () => {
    const from = fake.requests.length;
    const where = await command(LEAD, '/emeritus registry');
    const [pull] = fake.governancePulls();
    expect(fake.commentsOn(REPO, where.number).at(-1)?.body).toContain(`Moving [BobDickinson](https://github.com/BobDickinson), [pree-dew](https://github.com/pree-dew) to emeritus status is proposed in #${pull?.number}`);
    expect(pull).toMatchObject({ headRef: 'group-steward/emeritus-registry', state: 'open', title: 'Move quiet members of wg:registry to emeritus status' });
    const expected = emeritusPageText(PAGES[FILE] as string, ['BobDickinson', 'pree-dew']);
    if (!('text' in expected)) throw new Error(expected.problem);
    const branch = fake.branchFiles('group-steward/emeritus-registry');
    expect(branch[FILE]).toBe(expected.text);
    expect(Object.keys(branch).filter((f) => branch[f] !== PAGES[f])).toEqual([FILE]);
    expect(pull?.body).toContain('2026-09, 2026-10, 2026-11, 2026-12 (to date)');
    expect(pull?.body).not.toContain('tadasant');
    // The group's sources were read from the first day of September, newest first.
    expect(fake.requests.slice(from).filter((r) => r.kind === 'graphql GroupStewardActivitySearch').map((r) => JSON.stringify(r.variables ?? r.query)).join(' ')).toContain('updated:>=2026-09-01');

    // Reviewed as an amendment of the charter (SEP-2149).
    await receive('pull_request', pullPayload(fake, pull as FakeItem, 'opened', fake.app));
    const runs = fake.latestRuns((pull as FakeItem).number);
    expect(runs.get('Group charters')).toMatchObject({ conclusion: 'success' });
    expect(runs.get('Charter amendment')).toMatchObject({ status: 'in_progress' });
  });

  it('refuses anyone but the group\'s leads and the core or lead maintainers, before reading any activity', async () => {
    const from = fake.requests.length;
    const where = await command(STRANGER, '/emeritus registry');
    expect(fake.governancePulls()).toEqual([]);
    expect(fake.commentsOn(REPO, where.number).at(-1)?.body).toContain('Only the group\'s leads and the core or lead maintainers may propose');
    expect(fake.kinds(from)).not.toContain('graphql GroupStewardActivitySearch');
    expect(fake.writes(from)).toHaveLength(1);
  });

  it('moves no one whose quiet cannot be told: a source not read makes them unknown', async () => {
    fake.hidden.add('modelcontextprotocol/registry');
    const where = await command({ login: 'dsp-ant', type: 'User' }, '/emeritus registry');
    expect(fake.governancePulls()).toEqual([]);
    expect(fake.commentsOn(REPO, where.number).at(-1)?.body).toMatch(/No WG Member of \*\*Registry Working Group\*\* is quiet for 3 consecutive months on a full read; whether \[tadasant\]\(https:\/\/github.com\/tadasant\), \[BobDickinson\].*, \[pree-dew\].* participated cannot be told/);
    expect(fake.writes()).toHaveLength(1);
  });
});
