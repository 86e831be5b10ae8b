/**
 * Charter files as GitHub's API gives them (a tree's blobs) turned into validator sources. Pure.
 */
import type { CharterSource } from './parse.js';

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
export function treeSources(blobs: readonly CharterBlob[], prefix = ''): CharterSource[] {
  return blobs
    .filter((b) => /\.ya?ml$/i.test(b.name))
    .map((b) => {
      const file = `${prefix}${b.name}`;
      if (b.text !== null && !b.isBinary) return { file, content: b.text, byteLength: b.byteSize };
      return { file, content: b.isBinary ? new Uint8Array([0]) : '', byteLength: b.byteSize };
    });
}
