import { describe, expect, it } from '@jest/globals';
import { CHARTER_OUTPUT_REFUSED, planCheckRuns, planFailedCharterCheck } from '../../src/checks/check-run-plan.js';
import { describeAction } from '../../src/plan/actions.js';

const TARGET = { owner: 'o', repo: 'r', number: 12, headSha: 'abcdef0123456789abcdef0123456789abcdef01' };
const REPORT = {
  conclusion: 'failure' as const,
  title: '1 error in groups/x.yaml',
  summary: '…',
  annotations: [{ path: 'groups/x.yaml', start_line: 1, end_line: 1, annotation_level: 'failure' as const, message: 'bad' }],
};

describe('planCheckRuns: a judged pull request as check-run writes', () => {
  it('plans the charter check first, then each approval check: a new run, or its open run updated in place', () => {
    const plan = planCheckRuns(
      TARGET,
      {
        report: REPORT,
        checks: [
          { name: 'Group creation vote', report: { status: 'in_progress', title: 'Voting until …', summary: 'tally' }, startedAt: '2026-10-01T00:00:00.000Z' },
          { name: 'Charter amendment', report: { status: 'completed', conclusion: 'success', title: 'Approved', summary: 's' }, existingRunId: 77 },
        ],
      },
      { charters: true },
    );
    expect(plan).toEqual([
      { kind: 'create-check-run', repo: 'o/r', name: 'Group charters', head_sha: TARGET.headSha, status: 'completed', conclusion: 'failure', output: { title: REPORT.title, summary: '…', annotations: REPORT.annotations }, on_refused_output: CHARTER_OUTPUT_REFUSED, why: 'the charter check of pull request #12' },
      { kind: 'create-check-run', repo: 'o/r', name: 'Group creation vote', head_sha: TARGET.headSha, status: 'in_progress', started_at: '2026-10-01T00:00:00.000Z', output: { title: 'Voting until …', summary: 'tally' }, why: 'pull request #12 needs it under the policy' },
      { kind: 'update-check-run', repo: 'o/r', check_run_id: 77, name: 'Charter amendment', status: 'completed', conclusion: 'success', output: { title: 'Approved', summary: 's' }, why: 'pull request #12: its run still in progress, updated in place' },
    ]);
    expect(plan.map(describeAction)).toEqual([
      'create check run "Group charters" on o/r@abcdef0: completed: failure, "1 error in groups/x.yaml" — the charter check of pull request #12',
      'create check run "Group creation vote" on o/r@abcdef0: in progress, "Voting until …" — pull request #12 needs it under the policy',
      'update check run 77 "Charter amendment" in o/r: completed: success, "Approved" — pull request #12: its run still in progress, updated in place',
    ]);
  });

  it('leaves the charter check out on a review or the settling job', () => {
    const plan = planCheckRuns(TARGET, { report: REPORT, checks: [] }, { charters: false });
    expect(plan).toEqual([]);
  });

  it('plans a failed charter check, without the refused-output fallback', () => {
    expect(planFailedCharterCheck(TARGET, 'Invalid configuration', 'why')).toEqual([
      { kind: 'create-check-run', repo: 'o/r', name: 'Group charters', head_sha: TARGET.headSha, status: 'completed', conclusion: 'failure', output: { title: 'Invalid configuration', summary: 'why' }, why: 'the charter check of pull request #12 could not judge it' },
    ]);
  });
});
