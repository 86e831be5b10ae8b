/**
 * Which files a `push` changed, as its payload lists them: one reading for every handler that
 * acts only when certain paths change (the charters folder, the configuration).
 */
import type { Context } from 'probot';

/** GitHub lists the files of at most 2,048 commits in a push payload (more: the list is cut). */
export const MAX_PUSH_COMMITS = 2048;

type PushPayload = Context<'push'>['payload'];

/**
 * Whether a push changes a path `matches` accepts, by the added, modified and removed files of its
 * commits. A forced push, a push listing no commits, or one with more commits than GitHub lists is
 * assumed to: what the payload does not list is not "nothing changed". Pure.
 */
export function pushTouches(payload: Pick<PushPayload, 'forced' | 'commits'>, matches: (path: string) => boolean): boolean {
  if (payload.forced || payload.commits.length === 0 || payload.commits.length >= MAX_PUSH_COMMITS) return true;
  return payload.commits.some((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])].some(matches));
}
