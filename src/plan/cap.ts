/**
 * The write cap of a scheduled run: the first `max` actions of a plan (ordered most important
 * first), never splitting a comment from the close it explains.
 */
import type { Plan } from './actions.js';

/**
 * Splits `plan` into what this run writes and what it defers to the next run (which plans it again).
 * A `create-comment` directly followed by an `update-issue` of the same issue is one unit.
 */
export function capPlan(plan: Plan, max: number): { now: Plan; deferred: Plan } {
  let take = Math.min(Math.max(0, Math.floor(max)), plan.length);
  const last = plan[take - 1];
  const next = plan[take];
  if (last?.kind === 'create-comment' && next?.kind === 'update-issue' && next.repo === last.repo && next.number === last.number) {
    take -= 1;
  }
  return { now: plan.slice(0, take), deferred: plan.slice(take) };
}
