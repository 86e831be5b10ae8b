/**
 * The scheduled job under `policy: sep-2149`: quarterly updates (SEP-2149 § 1.8), meeting notes
 * (§ 1.2, § 1.6) and lead terms (Part 2 § 4) on the dashboard, and the one reminder per working
 * group and quarter kept on the dashboard issue — against the stateful fake GitHub, which holds
 * the dashboard, its comments and the Discussions categories across runs, validates every GraphQL
 * query against GitHub's schema and every REST request against GitHub's OpenAPI description.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { DASHBOARD_LABEL } from '../../src/activity/markers.js';
import { readQuarterlyReminderMarker } from '../../src/activity/reminders.js';
import type { GitHub } from '../../src/github/client.js';
import { forgetGroupRegistry } from '../../src/github/group-registry.js';
import { forgetRepoConfig } from '../../src/github/repo-config.js';
import { runActivityJob } from '../../src/jobs/activity-job.js';
import { FakeGovernance } from '../support/fake-governance.js';
import type { FakeActor, FakeItem } from '../support/fake-governance.js';

const GOV = 'example-org/governance';
const REGISTRY = 'example-org/registry';
const DAY = 86_400_000;
/** The October quarter ended on 2026-11-01; its reminder is due from 2026-11-15. */
const NOW = Date.parse('2026-11-10T12:00:00Z');
const at = (days: number) => new Date(NOW + days * DAY).toISOString();
const user = (login: string): FakeActor => ({ login, type: 'User' });
const LEAD = user('rdimitrov');

const REGISTRY_WG = `id: registry
name: Registry Working Group
type: working
status: active
formed: 2025-07-24
leads:
  - login: rdimitrov
    term: 2025-07-24 to 2026-11-05
  - login: tadasant
discord: registry-wg
repos:
  - ${REGISTRY}
discussions:
  repo: ${REGISTRY}
  category: Registry WG
use_cases: >-
  The registry of MCP servers.
first_work: https://github.com/${REGISTRY}/issues/1
`;

const SECURITY_IG = `id: security
name: Security Interest Group
type: interest
status: active
formed: 2025-08-01
facilitators:
  - localden
discord: security-ig
discussions:
  repo: ${REGISTRY}
  category: Security IG
differentiation: >-
  It owns the threat model.
first_topic: >-
  Attested tool-server admission.
`;

let fake: FakeGovernance;

beforeEach(() => {
  nock.cleanAll();
  fake = new FakeGovernance({ governanceRepo: GOV }).install();
  fake.charters = { 'registry.yaml': REGISTRY_WG, 'security.yaml': SECURITY_IG };
  fake.configs.set(GOV, 'policy: sep-2149\n');
  fake.enableDiscussions(REGISTRY, ['Registry WG', 'Security IG']);
  fake.add({ repo: REGISTRY, number: 1, title: 'Publish API', author: LEAD, createdAt: at(-200), events: [{ kind: 'comment', at: at(-2), actor: LEAD }] });
  // The July quarter's update, and a meeting whose notes came a day after it.
  fake.addDiscussion({ repo: REGISTRY, category: 'Registry WG', title: 'Registry WG quarterly update: Q3 2026', author: LEAD, createdAt: '2026-07-28T09:00:00Z' });
  fake.addDiscussion({ repo: REGISTRY, category: 'Registry WG', title: 'Registry WG meeting 2026-11-03', author: LEAD, createdAt: '2026-11-01T09:00:00Z', comments: [{ at: '2026-11-04T10:00:00Z', actor: user('tadasant') }] });
  fake.addDiscussion({ repo: REGISTRY, category: 'Security IG', title: 'Security IG meeting 2026-11-04', author: user('localden'), createdAt: '2026-11-02T09:00:00Z' });
});

afterEach(() => {
  try {
    fake.assertClean();
  } finally {
    fake.uninstall();
  }
});

function plainOctokit(): GitHub {
  return new ProbotOctokit({ auth: { token: 'ghs_test' }, retry: { enabled: false }, throttle: { enabled: false } }) as GitHub;
}

/** One run `days` after NOW, as a fresh process; returns its writes. */
async function runJob(days: number): Promise<string[]> {
  forgetRepoConfig();
  forgetGroupRegistry();
  const now = new Date(NOW + days * DAY);
  fake.now = now;
  const from = fake.requests.length;
  await runActivityJob({ source: { kind: 'live', gh: plainOctokit(), repo: GOV }, now, clock: () => now, dryRun: false });
  return fake.writes(from);
}

function dashboard(): FakeItem {
  const [board, ...more] = fake.issuesLabelled(DASHBOARD_LABEL, 'open');
  expect(more).toHaveLength(0);
  return board as FakeItem;
}

/** The App's reminder comments on the dashboard, as `group quarter`. */
function reminders(): string[] {
  return fake.commentsOn(GOV, dashboard().number).flatMap((c) => {
    const named = c.by === fake.app.login ? readQuarterlyReminderMarker(c.body) : null;
    return named ? [`${named.group} ${named.quarter}`] : [];
  });
}

/** The dashboard's table row of a group, as its cells. */
function row(name: string): string[] {
  const line = dashboard().body.split('\n').find((l) => l.startsWith(`| ${name} |`));
  if (!line) throw new Error(`no row for ${name}`);
  return line.slice(2, -2).split(' | ');
}

describe('quarterly updates under SEP-2149 (§ 1.8)', () => {
  it('shows the duty columns, reminds once from 14 days after the quarter, and removes the reminder once the update is posted', async () => {
    await runJob(0);
    const header = dashboard().body.split('\n').find((l) => l.startsWith('| group |'));
    expect(header).toBe('| group | type | status | label | last human activity | verdict | seen | retirement issue | quarterly update | meeting notes | lead terms |');
    const [, , , , , , , , quarterly, meetings, terms] = row('Registry Working Group');
    expect(quarterly).toBe('not yet for October 2026; reminder from 2026-11-15 — [last 2026-07-28](https://github.com/example-org/registry/discussions/2)');
    expect(meetings).toBe('[2026-11-03](https://github.com/example-org/registry/discussions/3): notes on time');
    expect(terms).toBe('rdimitrov: **ended 2026-11-05**; tadasant: no term');
    // An interest group owes no update (§ 1.8); its meeting had no notes from a facilitator.
    const ig = row('Security Interest Group');
    expect(ig[8]).toBe('—');
    expect(ig[9]).toBe('[2026-11-04](https://github.com/example-org/registry/discussions/4): **notes late** (none yet)');
    expect(reminders()).toEqual([]);

    // Past the reminder date: one reminder, naming the leads; the next run writes nothing.
    const due = await runJob(6);
    expect(due.filter((w) => w.startsWith('POST') && w.endsWith('/comments'))).toHaveLength(1);
    expect(reminders()).toEqual(['registry 2026-10']);
    const reminder = fake.commentsOn(GOV, dashboard().number).find((c) => c.by === fake.app.login) as { body: string };
    expect(reminder.body).toContain('@rdimitrov @tadasant: the update for the quarter that ended in October 2026');
    expect(row('Registry Working Group')[8]).toBe('**missing** for October 2026 (reminded below) — [last 2026-07-28](https://github.com/example-org/registry/discussions/2)');
    expect(await runJob(7)).toEqual([]);

    // The update is posted: the reminder goes, the dashboard links the update.
    fake.addDiscussion({ repo: REGISTRY, category: 'Registry WG', title: 'Quarterly Update — October 2026', author: LEAD, createdAt: at(7.5) });
    const posted = await runJob(8);
    expect(posted.some((w) => w.startsWith('DELETE') && w.includes('/issues/comments/'))).toBe(true);
    expect(reminders()).toEqual([]);
    expect(row('Registry Working Group')[8]).toBe('[posted 2026-11-18](https://github.com/example-org/registry/discussions/5) (October 2026)');
    expect(await runJob(9)).toEqual([]);
  });

  it('leaves a reminder as it is while the category cannot be read, and calls nothing missing', async () => {
    await runJob(6);
    await runJob(6);
    expect(reminders()).toEqual(['registry 2026-10']);
    fake.categories.delete(REGISTRY.toLowerCase());
    const writes = await runJob(7);
    expect(writes.some((w) => w.startsWith('DELETE'))).toBe(false);
    expect(reminders()).toEqual(['registry 2026-10']);
    expect(row('Registry Working Group')[8]).toMatch(/^unknown: discussions "Registry WG" in example-org\/registry were not read completely: Discussions are not enabled/);
  });

  it('never touches a comment someone else wrote, even one carrying the marker', async () => {
    await runJob(0);
    fake.comment(GOV, dashboard().number, at(1), user('mallory'), '<!-- group-steward:quarterly-reminder group=registry quarter=2026-07 -->\nfake');
    const writes = await runJob(6);
    expect(writes.filter((w) => w.startsWith('DELETE'))).toEqual([]);
    expect(reminders()).toEqual(['registry 2026-10']);
  });

  it('reminds nobody under SEP-1302, whose dashboard has no duty columns', async () => {
    fake.configs.set(GOV, '');
    await runJob(6);
    await runJob(7);
    expect(reminders()).toEqual([]);
    expect(dashboard().body).not.toContain('quarterly update');
    expect(fake.kinds().some((k) => k.includes('comments'))).toBe(false);
  });
});
