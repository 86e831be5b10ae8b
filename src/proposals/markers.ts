/**
 * Hidden markers of the governance loop (creation requests and retirements): they let the App
 * find its pull requests and replies again — never by title — and carry who proposed a change. A
 * marker is believed only in what the App itself wrote (a pull request or comment whose author is
 * the App's bot).
 */
import type { ExistingComment } from '../linking/markers.js';
import { findMarkedComment } from '../linking/markers.js';
import type { PlanAction } from '../plan/actions.js';

/** The App's branch for creation request `issue`: `group-steward/request-<issue>`. */
export function requestBranch(issue: number): string {
  return `group-steward/request-${issue}`;
}

/** The request issue number of an App branch named `group-steward/request-<n>`, or null. Pure. */
export function readRequestBranch(branch: string | null | undefined): number | null {
  const match = branch ? /^group-steward\/request-([1-9]\d{0,9})$/.exec(branch) : null;
  return match ? Number(match[1]) : null;
}

/** The App's branch for retiring group `id`: `group-steward/retire-<id>`. */
export function retireBranch(id: string): string {
  return `group-steward/retire-${id}`;
}

/** The group id of an App branch named `group-steward/retire-<id>`, or null. Pure. */
export function readRetireBranch(branch: string | null | undefined): string | null {
  const match = branch ? /^group-steward\/retire-([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(branch) : null;
  return match ? (match[1] as string) : null;
}

/** The marker of a creation request's pull request: the request issue and its author (the proposer). */
export function requestPullMarker(issue: number, requester: string): string {
  return `<!-- group-steward:request issue=${issue} requester=${requester} -->`;
}

const REQUEST_PULL_MARKER = /<!-- group-steward:request issue=(\d{1,10}) requester=([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}) -->/;

/** The request issue and requester a pull request body's marker names, or null. Pure. */
export function readRequestPullMarker(body: string | null | undefined): { issue: number; requester: string } | null {
  const match = body ? REQUEST_PULL_MARKER.exec(body) : null;
  return match ? { issue: Number(match[1]), requester: match[2] as string } : null;
}

/** The marker of the App's one reply on a creation request issue, updated in place. */
export const REQUEST_REPLY_MARKER = '<!-- group-steward:request-reply -->';

/** The marker of a retirement pull request: the group and the retirement issue it settles (0: none). */
export function retirePullMarker(id: string, issue: number | null): string {
  return `<!-- group-steward:retire group=${id} issue=${issue ?? 0} -->`;
}

const RETIRE_PULL_MARKER = /<!-- group-steward:retire group=([a-z0-9]+(?:-[a-z0-9]+)*) issue=(\d{1,10}) -->/;

/** The group and retirement issue (null: none) a retirement pull request's marker names, or null. Pure. */
export function readRetirePullMarker(body: string | null | undefined): { id: string; issue: number | null } | null {
  const match = body ? RETIRE_PULL_MARKER.exec(body) : null;
  if (!match) return null;
  const issue = Number(match[2]);
  return { id: match[1] as string, issue: issue > 0 ? issue : null };
}

/** The marker of the App's reply to one `/retire` command comment: one reply per command, updated on redelivery. */
export function retireReplyMarker(commentId: number): string {
  return `<!-- group-steward:retire-reply comment=${commentId} -->`;
}

/**
 * The write that leaves one App comment carrying `marker` with `body` (which must contain the
 * marker): create it, update it when its text differs, or nothing when it is already so. Pure.
 */
export function upsertComment(input: { repo: string; number: number; comments: readonly ExistingComment[]; marker: string; body: string; why: string }): PlanAction | null {
  const existing = findMarkedComment(input.comments, input.marker);
  if (!existing) return { kind: 'create-comment', repo: input.repo, number: input.number, body: input.body, why: input.why };
  if (existing.body.replace(/\r\n/g, '\n') === input.body) return null;
  return { kind: 'update-comment', repo: input.repo, comment_id: existing.id, body: input.body, why: input.why };
}
