/**
 * The directory file a charter change carries with it (SEP-1302 FAQ: "Where can I find a list of
 * all current WGs and IGs?"): a pull request the App opens that changes a charter also
 * regenerates the marked section of `<groups_dir>/README.md`, so its own "Group charters" check
 * finds the directory up to date and CI's `directory --check` passes.
 */
import { treeSources } from '../charters/tree-sources.js';
import { validateCharters } from '../charters/validate.js';
import { buildDirectory, renderDirectoryMarkdown } from '../directory/directory.js';
import { DirectoryMarkerError, spliceDirectory } from '../directory/section.js';
import { DIRECTORY_FILE } from '../directory/stale-directory.js';

/** A file of the charters folder with its text (null: binary or too large for GitHub to give). */
export interface FolderFile {
  name: string;
  text: string | null;
}

/**
 * The directory file of the folder `files` once `changed` replaces (or joins) its namesake:
 * `{ name: 'README.md', text }`, or null when the folder has no directory file, the file has
 * neither marker, its markers are broken (the check reports those), or the charters would not
 * validate (the directory is only ever rendered from valid charters). Pure; never throws.
 *
 * @param now the validator's clock (dates after its UTC day are in the future)
 */
export function directoryFileAfter(files: readonly FolderFile[], changed: { name: string; text: string }, now: Date): { name: string; text: string } | null {
  const readme = files.find((f) => f.name === DIRECTORY_FILE)?.text;
  if (readme === undefined || readme === null) return null;
  const after = [...files.filter((f) => f.name !== changed.name), changed];
  const validation = validateCharters(treeSources(after.map((f) => ({ name: f.name, byteSize: Buffer.byteLength(f.text ?? ''), isBinary: f.text === null, text: f.text }))), { now });
  if (validation.errors > 0) return null;
  try {
    const text = spliceDirectory(readme, renderDirectoryMarkdown(buildDirectory(validation.charters)));
    return text === readme ? null : { name: DIRECTORY_FILE, text };
  } catch (error) {
    if (error instanceof DirectoryMarkerError) return null;
    throw error;
  }
}
