/**
 * A fake governance repository for planner tests: it applies a plan to the plain data the planner
 * reads (`ExistingIssues`), as the executor and the GitHub side together would.
 */
import { DASHBOARD_LABEL, hasDashboardMarker, hasLabel, readRetirementMarker } from '../../src/activity/markers.js';
import type { ExistingIssues, ExistingRetirementIssue } from '../../src/activity/retirement.js';
import type { PlanAction } from '../../src/plan/actions.js';
import { APP } from './helpers.js';

export class FakeRepo {
  issues: ExistingRetirementIssue[] = [];
  dashboard: { number: number; body: string } | null = null;
  comments: { number: number; body: string }[] = [];
  private next = 1;

  /** What the GitHub side would fetch: retirement issues by label and marker, the dashboard by marker. */
  existing(): ExistingIssues {
    return { retirement: this.issues.map((i) => ({ ...i, labels: [...i.labels] })), dashboard: this.dashboard ? { ...this.dashboard } : null };
  }

  /** Applies the plan in order as the App would, closing with `closedAt` (ISO). */
  apply(plan: readonly PlanAction[], closedAt: string): void {
    for (const action of plan) {
      if (action.kind === 'create-issue') {
        const number = this.next++;
        if (hasLabel(action.labels, DASHBOARD_LABEL) && hasDashboardMarker(action.body)) this.dashboard = { number, body: action.body };
        else this.issues.push({ number, state: 'open', stateReason: null, closedAt: null, title: action.title, body: action.body, labels: action.labels, group: readRetirementMarker(action.body) });
      } else if (action.kind === 'update-issue') {
        if (this.dashboard?.number === action.number) {
          this.dashboard.body = action.body ?? this.dashboard.body;
          continue;
        }
        const issue = this.issues.find((i) => i.number === action.number);
        if (!issue) throw new Error(`no issue #${action.number}`);
        if (action.title !== undefined) issue.title = action.title;
        if (action.body !== undefined) issue.body = action.body;
        if (action.state === 'closed') Object.assign(issue, { state: 'closed', stateReason: action.state_reason ?? 'completed', closedAt, closedBy: `${APP}[bot]` });
      } else if (action.kind === 'create-comment') {
        this.comments.push({ number: action.number, body: action.body });
      } else {
        throw new Error(`unexpected action ${action.kind}`);
      }
    }
  }

  /** People close an issue. */
  closeByPeople(number: number, reason: 'completed' | 'not_planned', closedAt: string): void {
    Object.assign(this.issues.find((i) => i.number === number) ?? {}, { state: 'closed', stateReason: reason, closedAt, closedBy: 'a-moderator' });
  }

  addIssue(issue: Omit<ExistingRetirementIssue, 'number'>): number {
    const number = this.next++;
    this.issues.push({ ...issue, number });
    return number;
  }
}
