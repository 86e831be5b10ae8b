/**
 * A plan: the writes Group Steward intends, as plain data. Pure code decides the plan; one
 * executor (`src/github/apply-plan.ts`) applies it; a dry run prints it with `describeAction`
 * and applies nothing — the same plan either way.
 */

/** `owner/name` of a repository. */
export type RepoName = string;

interface Because {
  /** Why this write is in the plan, for dry-run output and logs. */
  why: string;
}

export type PlanAction = Because &
  (
    | { kind: 'create-label'; repo: RepoName; name: string; color: string; description: string }
    | { kind: 'update-label'; repo: RepoName; name: string; new_name?: string; color?: string; description?: string }
    | { kind: 'add-labels'; repo: RepoName; number: number; labels: string[] }
    | { kind: 'remove-label'; repo: RepoName; number: number; label: string }
    | { kind: 'create-comment'; repo: RepoName; number: number; body: string }
    | { kind: 'update-comment'; repo: RepoName; comment_id: number; body: string }
    | { kind: 'create-issue'; repo: RepoName; title: string; body: string; labels: string[] }
    | {
        kind: 'update-issue';
        repo: RepoName;
        number: number;
        title?: string;
        body?: string;
        state?: 'open' | 'closed';
        state_reason?: 'completed' | 'not_planned' | 'reopened';
      }
  );

export type Plan = PlanAction[];

/** One line describing an action, e.g. `create-label modelcontextprotocol/registry "wg:registry" (…)`. */
export function describeAction(action: PlanAction): string {
  const where = (n: number) => `${action.repo}#${n}`;
  switch (action.kind) {
    case 'create-label':
      return `create label "${action.name}" in ${action.repo} — ${action.why}`;
    case 'update-label':
      return `update label "${action.name}"${action.new_name ? ` → "${action.new_name}"` : ''} in ${action.repo} — ${action.why}`;
    case 'add-labels':
      return `add ${action.labels.map((l) => `"${l}"`).join(', ')} to ${where(action.number)} — ${action.why}`;
    case 'remove-label':
      return `remove "${action.label}" from ${where(action.number)} — ${action.why}`;
    case 'create-comment':
      return `comment on ${where(action.number)} — ${action.why}`;
    case 'update-comment':
      return `update comment ${action.comment_id} in ${action.repo} — ${action.why}`;
    case 'create-issue':
      return `open issue "${action.title}" in ${action.repo} — ${action.why}`;
    case 'update-issue':
      return `${action.state === 'closed' ? 'close' : action.state === 'open' ? 'reopen' : 'update'} ${where(action.number)} — ${action.why}`;
  }
}
