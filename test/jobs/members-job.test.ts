/**
 * Members over time in the scheduled job (issue 24; SEP-2149 Participation Levels) against the
 * stateful fake GitHub: the live run reads a working group with WG Members back to the first day
 * of the month 3 months ago from the same searches, the dashboard's "Members" section lists the
 * quiet members (with their last participation), emeritus members active again and candidates,
 * and `activity.emeritus_pull_requests: true` opens one pull request moving the quiet members.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { DASHBOARD_LABEL } from '../../src/activity/markers.js';
import type { GitHub } from '../../src/github/client.js';
import { forgetGroupRegistry } from '../../src/github/group-registry.js';
import { forgetRepoConfig } from '../../src/github/repo-config.js';
import { runActivityJob } from '../../src/jobs/activity-job.js';
import { emeritusCharterText } from '../../src/proposals/emeritus-edit.js';
import { FakeGovernance } from '../support/fake-governance.js';
import type { FakeActor } from '../support/fake-governance.js';

const GOV = 'example-org/governance';
const REPO = 'example-org/registry';
const NOW = new Date('2026-12-07T10:00:00Z');
const user = (login: string): FakeActor => ({ login, type: 'User' });

const REGISTRY = `# yaml-language-server: $schema=./charter.schema.json
id: registry
name: Registry Working Group
type: working
status: active
formed: 2025-07-24
facilitators:
  - rdimitrov
discord: registry-wg
repos:
  - ${REPO}
use_cases: >-
  Builds the registry.
first_work: https://github.com/${REPO}/issues/1
members:
  - login: rdimitrov
    level: lead
  - login: tadasant # since the start
    level: member
  - login: BobDickinson
    level: member
emeritus:
  - login: domdomegg
    level: member
`;

let fake: FakeGovernance;

beforeEach(() => {
  nock.cleanAll();
  forgetRepoConfig();
  forgetGroupRegistry();
  fake = new FakeGovernance({ governanceRepo: GOV }).install();
  fake.charters = { 'registry.yaml': REGISTRY };
  fake.operations.add('GroupStewardCharterBranch');
  // tadasant in October; BobDickinson last in July (an item older than the read-back); domdomegg came back in December;
  // newcomer every month; dependabot every month.
  fake.add({ repo: REPO, number: 1, title: 'Registry API', author: user('rdimitrov'), createdAt: '2026-01-10T00:00:00Z', events: [
    { kind: 'comment', at: '2026-09-03T00:00:00Z', actor: user('newcomer') },
    { kind: 'comment', at: '2026-10-03T00:00:00Z', actor: user('tadasant') },
    { kind: 'comment', at: '2026-10-04T00:00:00Z', actor: user('newcomer') },
    { kind: 'comment', at: '2026-11-03T00:00:00Z', actor: user('newcomer') },
    { kind: 'comment', at: '2026-11-05T00:00:00Z', actor: { login: 'dependabot[bot]', type: 'Bot' } },
    { kind: 'comment', at: '2026-12-02T00:00:00Z', actor: user('domdomegg') },
  ] });
  fake.add({ repo: REPO, number: 2, title: 'Old triage', author: user('BobDickinson'), createdAt: '2026-07-20T00:00:00Z' });
});

afterEach(() => {
  try {
    fake.assertClean();
  } finally {
    fake.uninstall();
  }
});

const octokit = () => new ProbotOctokit({ auth: { token: 'ghs_test' }, retry: { enabled: false }, throttle: { enabled: false } }) as GitHub;
const run = async () => {
  forgetRepoConfig();
  forgetGroupRegistry();
  fake.now = NOW;
  return runActivityJob({ source: { kind: 'live', gh: octokit(), repo: GOV }, now: NOW, clock: () => NOW, dryRun: false });
};

describe('members in the scheduled job', () => {
  it('judges each WG Member per month from a read back to September 1st, and lists them on the dashboard', async () => {
    const result = await run();
    const [registry] = result.participation ?? [];
    expect(registry?.months.map((m) => [m.month, m.read])).toEqual([['2026-09', true], ['2026-10', true], ['2026-11', true], ['2026-12', true]]);
    expect(registry?.members.map((m) => [m.login, m.status, m.months])).toEqual([
      ['tadasant', 'active', ['none', 'participated', 'none', 'none']],
      ['BobDickinson', 'quiet', ['none', 'none', 'none', 'none']],
    ]);
    expect(fake.requests.some((r) => r.kind === 'graphql GroupStewardActivitySearch' && JSON.stringify(r.variables ?? {}).includes('updated:>=2026-09-01'))).toBe(true);
    const [dashboard] = fake.issuesLabelled(DASHBOARD_LABEL);
    expect(dashboard?.body).toContain('## Members');
    expect(dashboard?.body).toContain('- quiet for 3 months: [BobDickinson](https://github.com/BobDickinson) (no participation seen in what was read)');
    expect(dashboard?.body).toContain('- emeritus, active again: [domdomegg](https://github.com/domdomegg) (last [2026-12-02](https://github.com/example-org/registry/issues/1))');
    expect(dashboard?.body).toContain('- not listed, participated in each of the last 3 months: [newcomer](https://github.com/newcomer)');
    expect(dashboard?.body).not.toContain('@BobDickinson');
    // Off by default: no pull request.
    expect(fake.governancePulls()).toEqual([]);
  });

  it('opens one pull request moving the quiet members when `activity.emeritus_pull_requests` is on, and nothing more on the next run', async () => {
    fake.configs.set(GOV, 'activity:\n  emeritus_pull_requests: true\n');
    // The first run creates the dashboard (the branch read names it); the pull request follows on the next.
    expect((await run()).notes).toContain('emeritus pull requests: planned on the next run, once the dashboard issue exists');
    expect(fake.governancePulls()).toEqual([]);
    await run();
    const pulls = fake.governancePulls();
    expect(pulls.map((p) => [p.headRef, p.state])).toEqual([['group-steward/emeritus-registry', 'open']]);
    const expected = emeritusCharterText(REGISTRY, ['BobDickinson'], '2026-12-07');
    if (!expected.ok) throw new Error(expected.error);
    expect(fake.branchFiles('group-steward/emeritus-registry')['registry.yaml']).toBe(expected.text);
    const from = fake.requests.length;
    await run();
    expect(fake.governancePulls()).toHaveLength(1);
    expect(fake.writes(from)).toEqual([]);
  });
});
