/**
 * Hidden markers that let the App find its own comments again, so it edits one reply instead of
 * adding a comment per attempt and comments once per group.
 */

/** An existing comment on the issue or pull request. */
export interface ExistingComment {
  id: number;
  body: string;
  /** True when the App wrote it: only the App's comments count as carrying a marker. */
  authorIsApp: boolean;
}

/** Marks the App's single reply to group commands and hand-added labels it could not apply. */
export const GROUP_REPLY_MARKER = '<!-- group-steward:group-reply -->';

/** Marks the comment that linked work to group `groupId`: `<!-- group-steward:linked group=<id> -->`. */
export function linkedMarker(groupId: string): string {
  return `<!-- group-steward:linked group=${groupId} -->`;
}

/**
 * The App's earliest comment (lowest id) whose body contains `marker`, or undefined. Comments by
 * anyone else are ignored, so pasting a marker changes nothing. Pure.
 */
export function findMarkedComment(comments: readonly ExistingComment[], marker: string): ExistingComment | undefined {
  let found: ExistingComment | undefined;
  for (const comment of comments) {
    if (comment.authorIsApp && comment.body.includes(marker) && (!found || comment.id < found.id)) found = comment;
  }
  return found;
}

/**
 * The App's comments that repeat a marker an earlier comment of the App already carries — the
 * later duplicates two replicas write when they handle two deliveries at the same moment (within
 * one replica, deliveries for one work item are serialised). The earliest (lowest id) stays.
 * Markers are the reply's and the link comments'. Pure.
 */
export function duplicateMarkedComments(comments: readonly ExistingComment[]): ExistingComment[] {
  const seen = new Set<string>();
  const duplicates: ExistingComment[] = [];
  for (const comment of [...comments].filter((c) => c.authorIsApp).sort((a, b) => a.id - b.id)) {
    const marker = OWN_MARKER.exec(comment.body)?.[0];
    if (marker === undefined) continue;
    if (seen.has(marker)) duplicates.push(comment);
    else seen.add(marker);
  }
  return duplicates;
}

const OWN_MARKER = /<!-- group-steward:(?:group-reply|linked group=[a-z0-9-]+) -->/;
