/**
 * Charter files as GitHub's API gives them (a tree's blobs) turned into validator sources. Pure.
 */
import type { CharterFiles, CharterLayout } from './layout.js';
import type { CharterSource } from './parse.js';
import type { CharterTree } from './tree.js';

/** A blob of the charters folder: GitHub gives no text for a binary or truncated one. */
export interface CharterBlob {
  name: string;
  byteSize: number;
  isBinary: boolean;
  text: string | null;
}

/**
 * The `*.yaml` / `*.yml` blobs as sources named `prefix + name`. A blob without text becomes bytes
 * the validator reports: oversized by its real size, binary as binary.
 */
export function treeSources(blobs: readonly CharterBlob[], prefix = '', extension = /\.ya?ml$/i): CharterSource[] {
  return blobs
    .filter((b) => extension.test(b.name))
    .map((b) => {
      const file = `${prefix}${b.name}`;
      if (b.text !== null && !b.isBinary) return { file, content: b.text, byteLength: b.byteSize };
      return { file, content: b.isBinary ? new Uint8Array([0]) : '', byteLength: b.byteSize };
    });
}

/**
 * A charter source's files from its tree at one commit (`charterSourceTree`): YAML charters named
 * `prefix + name`; or the `*.mdx` pages and the navigation file, named by their paths.
 */
export function charterFiles(layout: CharterLayout, tree: CharterTree | null, prefix = ''): CharterFiles {
  const files = tree?.files ?? [];
  if (layout.kind === 'yaml') return { charters: treeSources(files, prefix), nav: null };
  const nav = files.find((f) => f.name === layout.nav);
  return {
    charters: treeSources(files.filter((f) => f !== nav), '', /\.mdx$/i),
    nav: nav ? (treeSources([nav], '', /.*/)[0] ?? null) : null,
  };
}
