/**
 * The charters folder at one commit, in the plain form every read of it gives the core (the
 * pull-request check, the group registry, the governance loop's branch): entry names, blob ids and
 * blob texts. How GitHub is asked for it is the adapter's business (src/github/charter-tree.ts).
 */

/** One file of the charters folder at a commit. `text` is null for binary or truncated blobs. */
export interface TreeFile {
  name: string;
  oid: string;
  byteSize: number;
  isBinary: boolean;
  text: string | null;
}

/** The charters folder at one commit; null when the folder does not exist there. */
export interface CharterTree {
  oid: string;
  files: TreeFile[];
}
