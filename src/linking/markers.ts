/**
 * Hidden markers that let the App find its own comments again, so it edits one reply instead of
 * adding a comment per attempt and comments once per group. Issue 4 § Linking.
 */

/** An existing comment on the issue or pull request. */
export interface ExistingComment {
  id: number;
  body: string;
  /** True when the App wrote it: only the App's comments count as carrying a marker. */
  author_is_app: boolean;
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
    if (comment.author_is_app && comment.body.includes(marker) && (!found || comment.id < found.id)) found = comment;
  }
  return found;
}
