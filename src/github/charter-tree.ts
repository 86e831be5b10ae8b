/**
 * The charters folder at a commit, as one GraphQL fragment reads it — entry names, blob ids and
 * blob texts — and its plain form (`CharterTree`, src/charters/tree.ts). Shared by the
 * pull-request check, the group registry and the governance loop's branch read.
 */
import type { CharterTree } from '../charters/tree.js';

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
