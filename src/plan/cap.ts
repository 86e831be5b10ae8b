/**
 * The write cap of a scheduled run: the first `max` actions of a plan (ordered most important
 * first), never splitting a comment from the close it explains.
 */
import type { Plan } from './actions.js';

/**
 * Splits `plan` into what this run writes and what it defers to the next run (which plans it again).
 * A `create-comment` directly followed by an `update-issue` of the same issue is one unit: a unit
 * the cap would cut is deferred whole — except when it comes first, where it is written whole
 * (one write over the cap), so that a cap of 1 still makes progress instead of deferring forever.
 */
export function capPlan(plan: Plan, max: number): { now: Plan; deferred: Plan } {
  let take = Math.min(Math.max(0, Math.floor(max)), plan.length);
  const last = plan[take - 1];
  const next = plan[take];
  if (last?.kind === 'create-comment' && next?.kind === 'update-issue' && next.repo === last.repo && next.number === last.number) {
    take += take === 1 ? 1 : -1;
  }
  return { now: plan.slice(0, take), deferred: plan.slice(take) };
}
