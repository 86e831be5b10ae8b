/**
 * The charters folder at a commit, as one GraphQL fragment reads it — entry names, blob ids and
 * blob texts — and its plain form (`CharterTree`, src/charters/tree.ts). Shared by the
 * pull-request check, the group registry and the governance loop's branch read.
 */
import type { CharterLayout } from '../charters/layout.js';
import { charterSourceTree } from '../charters/tree.js';
import type { CharterTree, TreeFile } from '../charters/tree.js';
import type { CharterTreeFragment, CommitChartersFragment, NavBlobFragment } from './graphql-types.generated.js';

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

/**
 * The fragment's answer: a tree's, or an empty object for another kind of object (a blob where the
 * folder was expected), which the generated type does not show.
 */
export type RawTree = CharterTreeFragment | Record<PropertyKey, never>;

/** The raw answer → the plain tree (blobs only); null for a missing folder or a non-tree. */
export function toTree(object: RawTree | null | undefined): CharterTree | null {
  if (!object || !('entries' in object) || !Array.isArray(object.entries)) return null;
  return {
    oid: object.oid,
    files: object.entries
      .filter((e) => e.type === 'blob')
      .map((e) => ({
        name: e.name,
        oid: e.oid,
        byteSize: blob(e.object)?.byteSize ?? 0,
        isBinary: blob(e.object)?.isBinary ?? false,
        text: blob(e.object)?.isTruncated === false ? (blob(e.object)?.text ?? null) : null,
      })),
  };
}

type RawEntryObject = NonNullable<CharterTreeFragment['entries']>[number]['object'];

/** An entry's object when it is a blob (a submodule's or a subtree's object has no blob fields). */
function blob(object: RawEntryObject): RawBlob | null {
  return object && typeof (object as Partial<RawBlob>).byteSize === 'number' ? (object as RawBlob) : null;
}

type RawBlob = Extract<NonNullable<RawEntryObject>, { byteSize: number }>;

/** The charter pages' navigation file (SEP-2149 charter pages), read beside the folders. */
export const NAV_BLOB_FRAGMENT = /* GraphQL */ `
  fragment NavBlob on GitObject {
    ... on Blob {
      oid
      byteSize
      isBinary
      isTruncated
      text
    }
  }
`;

/** The navigation file's answer as a tree file (named by the caller); null when it is missing or not a blob. */
export function navFile(object: NavBlobFragment | Record<PropertyKey, never> | null | undefined): TreeFile | null {
  if (!object || !('byteSize' in object)) return null;
  return { name: '', oid: object.oid, byteSize: object.byteSize, isBinary: object.isBinary === true, text: object.isTruncated === false ? (object.text ?? null) : null };
}

/**
 * A commit's charters, as a fragment: the YAML folder (`$groupsDir`), or — with `$pages` — the
 * working groups' folder (`$groupsDir`), the interest groups' (`$interestDir`) and the navigation
 * file (`$navPath`). The operation declares those variables and carries `CHARTER_TREE_FRAGMENT`
 * and `NAV_BLOB_FRAGMENT` once; `commitCharters` reads the answer.
 */
export const COMMIT_CHARTERS_FRAGMENT = /* GraphQL */ `
  fragment CommitCharters on Commit {
    file(path: $groupsDir) {
      object {
        ...CharterTree
      }
    }
    interest: file(path: $interestDir) @include(if: $pages) {
      object {
        ...CharterTree
      }
    }
    nav: file(path: $navPath) @include(if: $pages) {
      object {
        ...NavBlob
      }
    }
  }
`;

/** A commit's charter source as one tree (`charterSourceTree`), from its `CommitCharters` answer; null for none. */
export function commitCharters(layout: CharterLayout, commit: Partial<CommitChartersFragment> | null | undefined): CharterTree | null {
  if (!commit) return null;
  return charterSourceTree(layout, [toTree(commit.file?.object), toTree(commit.interest?.object)], navFile(commit.nav?.object));
}
