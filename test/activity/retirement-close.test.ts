/**
 * The retirement close converges (issue 22 § 2): the job's close of a retirement issue is a comment
 * then the close; a run cut between them leaves the comment on an open issue, and the next run
 * finds it by its hidden marker and only closes — one comment, never two. Planned from the same
 * evidence as test/activity/retirement.test.ts; the issue's comments as the GitHub side reads them
 * (`readGovernanceIssues`: the latest comments' bodies) through the stateful fake.
 */
import { describe, expect, it } from '@jest/globals';
import { Octokit } from '@octokit/rest';
import { evaluateActivity } from '../../src/activity/evaluate.js';
import { planRetirement } from '../../src/activity/retirement.js';
import type { ExistingIssues } from '../../src/activity/retirement.js';
import { closingMarker, hasClosingComment } from '../../src/activity/retirement-issue.js';
import type { SnapshotItem } from '../../src/activity/snapshot.js';
import { readGovernanceIssues } from '../../src/github/retirement-issues.js';
import type { GitHub } from '../../src/github/client.js';
import type { PlanAction } from '../../src/plan/actions.js';
import { FakeGovernance } from '../support/fake-governance.js';
import { FakeRepo } from './fake-github.js';
import { APP, NOW, WINDOW_DAYS, daysAgo, event, fullCoverage, item, snapshot, workingGroup } from './helpers.js';

const GOV = 'modelcontextprotocol/modelcontextprotocol';
const REGISTRY = 'modelcontextprotocol/registry';
const CHARTERS = [workingGroup()];
const IDLE: SnapshotItem[] = [item({ repo: REGISTRY, number: 391, events: [event(daysAgo(60), 'lyz1990', 'opened'), event(daysAgo(50), 'rdimitrov')] })];
const BUSY: SnapshotItem[] = [...IDLE, item({ repo: REGISTRY, number: 400, events: [event(daysAgo(0.5), 'rdimitrov', 'opened')] })];

function plan(existing: ExistingIssues, items: SnapshotItem[]): PlanAction[] {
  const verdicts = evaluateActivity({ charters: CHARTERS, snapshot: snapshot(items, fullCoverage(CHARTERS, NOW)), now: NOW, inactivityDays: WINDOW_DAYS, botLogins: [], appLogin: APP });
  return planRetirement({ verdicts, charters: CHARTERS, existing, governanceRepo: GOV, now: NOW, inactivityDays: WINDOW_DAYS, appLogin: APP });
}

/** What the GitHub side reads: the issues, each with the bodies of its comments. */
const withComments = (repo: FakeRepo): ExistingIssues => {
  const existing = repo.existing();
  return { ...existing, retirement: existing.retirement.map((i) => ({ ...i, comments: repo.comments.filter((c) => c.number === i.number).map((c) => c.body) })) };
};
const kinds = (actions: PlanAction[]) => actions.filter((a) => 'number' in a && a.number === 1).map((a) => a.kind);

describe('the close of a retirement issue, cut between its comment and the close', () => {
  it('is completed by the next run with the close only: the comment, found by its marker, is not written again', () => {
    const repo = new FakeRepo();
    repo.apply(plan(withComments(repo), IDLE), new Date(NOW).toISOString());
    const closing = plan(withComments(repo), BUSY);
    expect(kinds(closing)).toEqual(['create-comment', 'update-issue']);
    const comment = closing.find((a) => a.kind === 'create-comment') as Extract<PlanAction, { kind: 'create-comment' }>;
    expect(comment.body).toContain(closingMarker('registry'));
    // The cut: the comment is written, the close is not.
    repo.apply([comment], new Date(NOW).toISOString());
    const rerun = plan(withComments(repo), BUSY);
    expect(kinds(rerun)).toEqual(['update-issue']);
    expect(rerun.find((a) => a.kind === 'update-issue')).toMatchObject({ number: 1, state: 'closed', state_reason: 'completed' });
    repo.apply(rerun, new Date(NOW).toISOString());
    expect(repo.comments.filter((c) => c.number === 1 && hasClosingComment([c.body], 'registry'))).toHaveLength(1);
    expect(plan(withComments(repo), BUSY)).toEqual([]);
  });

  it("another group's closing marker, or none read, still gets the comment", () => {
    expect(hasClosingComment([closingMarker('sdk')], 'registry')).toBe(false);
    expect(hasClosingComment(undefined, 'registry')).toBe(false);
    const repo = new FakeRepo();
    repo.apply(plan(withComments(repo), IDLE), new Date(NOW).toISOString());
    repo.comments.push({ number: 1, body: `Still working on it.\n${closingMarker('sdk')}` });
    expect(kinds(plan(withComments(repo), BUSY))).toEqual(['create-comment', 'update-issue']);
  });

  it('the GitHub side reads each issue\'s latest comments with the issues, in the same request', async () => {
    const fake = new FakeGovernance({ governanceRepo: GOV, baseUrl: 'https://api.github.com' }).install();
    try {
      const issue = fake.add({ repo: GOV, title: 'Retire the Registry Working Group?', body: '<!-- group-steward:retirement group=registry -->', labels: ['group-retirement', 'wg:registry'], createdAt: daysAgo(10) });
      fake.comment(GOV, issue.number, daysAgo(1), fake.app, `The Registry Working Group is active again.\n${closingMarker('registry')}\n`);
      const gh = new Octokit({ auth: 'ghs_test', request: { retries: 0 } }) as unknown as GitHub;
      const read = await readGovernanceIssues(gh, GOV);
      expect(read.requests).toBe(1);
      expect(read.existing.retirement).toEqual([expect.objectContaining({ number: issue.number, comments: [expect.stringContaining(closingMarker('registry'))] })]);
      fake.assertClean();
    } finally {
      fake.uninstall();
    }
  });
});
