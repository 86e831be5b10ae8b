/**
 * The charters folder at one commit, in the plain form every read of it gives the core (the
 * pull-request check, the group registry, the governance loop's branch): entry names, blob ids and
 * blob texts. How GitHub is asked for it is the adapter's business (src/github/charter-tree.ts).
 */
import { charterFolders } from './layout.js';
import type { CharterLayout } from './layout.js';

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

/**
 * A charter source at one commit as one tree. YAML: its folder's tree as it is. Charter pages: the
 * pages of both folders (`charterFolders` order) named by their paths from the repository root,
 * and the navigation file named by its path, under one id made of the three (`charterSourceOid`),
 * so two commits with the same id have the same charters. Null when nothing of it exists.
 *
 * @param trees the folders' trees, in `charterFolders(layout)` order (null: missing)
 * @param nav   the navigation file (any name; null: missing); pages only
 */
export function charterSourceTree(layout: CharterLayout, trees: readonly (CharterTree | null)[], nav: TreeFile | null): CharterTree | null {
  if (layout.kind === 'yaml') return trees[0] ?? null;
  const folders = charterFolders(layout);
  if (trees.every((t) => !t) && !nav) return null;
  const files = folders.flatMap((folder, i) => (trees[i]?.files ?? []).map((f) => ({ ...f, name: `${folder}/${f.name}` })));
  return {
    oid: charterSourceOid(layout, trees.map((t) => t?.oid), nav?.oid) as string,
    files: [...files, ...(nav ? [{ ...nav, name: layout.nav }] : [])],
  };
}

/** The id `charterSourceTree` gives the charter source made of these folder and navigation ids. */
export function charterSourceOid(layout: CharterLayout, folderOids: readonly (string | undefined)[], navOid: string | undefined): string | undefined {
  if (layout.kind === 'yaml') return folderOids[0];
  return [...charterFolders(layout).map((_, i) => folderOids[i] ?? '-'), navOid ?? '-'].join('+');
}
