/**
 * The charters folder at a commit, as one GraphQL fragment reads it — entry names, blob ids and
 * blob texts — and its plain form. Shared by the pull-request check and the group registry.
 */

/** The fragment, to append to a query that spreads `...CharterTree` on a `GitObject`. */
export const CHARTER_TREE_FRAGMENT = /* GraphQL */ `
  fragment CharterTree on GitObject {
    ... on Tree {
      oid
      entries {
        name
        type
        oid
        object {
          ... on Blob {
            byteSize
            isBinary
            isTruncated
            text
          }
        }
      }
    }
  }
`;

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

/** The fragment's raw answer. */
export interface RawTree {
  oid: string;
  entries?: { name: string; type: string; oid: string; object: { byteSize: number; isBinary: boolean | null; isTruncated: boolean; text: string | null } | null }[];
}

/** The raw answer → the plain tree (blobs only); null for a missing folder or a non-tree. */
export function toTree(object: RawTree | null | undefined): CharterTree | null {
  if (!object || !Array.isArray(object.entries)) return null;
  return {
    oid: object.oid,
    files: object.entries
      .filter((e) => e.type === 'blob')
      .map((e) => ({
        name: e.name,
        oid: e.oid,
        byteSize: e.object?.byteSize ?? 0,
        isBinary: e.object?.isBinary ?? false,
        text: e.object && !e.object.isTruncated ? e.object.text : null,
      })),
  };
}
