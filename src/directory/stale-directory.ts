/**
 * Whether a charters folder's directory file (`<groups_dir>/README.md`) still matches its
 * charters: what the "Group charters" check warns about on a pull request. Pure.
 * Source rule: SEP-1302 FAQ ("Where can I find a list of all current WGs and IGs?").
 */
import type { LoadedCharter } from '../charters/validate.js';
import { inlineCode, inlineText } from '../markdown/escape.js';
import { buildDirectory, renderDirectoryMarkdown } from './directory.js';
import { checkDirectorySection, DirectoryMarkerError } from './section.js';

/** The directory file's name inside the charters folder. */
export const DIRECTORY_FILE = 'README.md';

/** The command that rewrites a directory file's section from the charters of `dir`. */
export function regenerateDirectoryCommand(dir: string, file: string): string {
  return `group-steward directory ${dir} --write ${file}`;
}

/** Why the directory file needs regenerating, at the line of its start marker. */
export interface StaleDirectory {
  /** The file, relative to the charters folder (`README.md`). */
  file: string;
  /** 1-based line: the start marker, or the broken marker. */
  line: number;
  /** The annotation's title and message (plain text). */
  title: string;
  message: string;
  /** The same, as Markdown for the check's summary (file text escaped). */
  summary: string;
}

/**
 * Compares the directory file among `files` (the charters folder's blobs, by name) with what
 * `charters` render, links relative to the folder itself.
 *
 * @param files    the folder's files; a `text` of null (binary, or too large for GitHub to give)
 *                 counts as no file
 * @param groupsDir the folder as the repository names it (`groups`), for the command shown
 * @returns undefined when the file is up to date, absent, or has neither marker (a folder that
 *          does not publish a directory); otherwise what is wrong: a stale section, or markers
 *          that are repeated, half missing or out of order
 */
export function findStaleDirectory(
  files: readonly { name: string; text: string | null }[],
  charters: readonly LoadedCharter[],
  groupsDir: string,
): StaleDirectory | undefined {
  const text = files.find((f) => f.name === DIRECTORY_FILE)?.text;
  if (text === undefined || text === null) return undefined;
  const dir = groupsDir.replace(/\/+$/, '') || '.';
  const command = regenerateDirectoryCommand(dir, `${dir}/${DIRECTORY_FILE}`);
  try {
    const drift = checkDirectorySection(text, renderDirectoryMarkdown(buildDirectory(charters)));
    if (drift.upToDate) return undefined;
    return {
      file: DIRECTORY_FILE,
      line: drift.startLine,
      title: 'group directory out of date',
      message: `The group directory in ${dir}/${DIRECTORY_FILE} no longer matches the charters of this pull request. Regenerate it with \`${command}\` and commit the result.`,
      summary: `The group directory in ${inlineCode(`${dir}/${DIRECTORY_FILE}`)} no longer matches these charters (warning only): regenerate it with ${inlineCode(command)} and commit the result.`,
    };
  } catch (error) {
    if (!(error instanceof DirectoryMarkerError)) throw error;
    if (error.missing) return undefined;
    return {
      file: DIRECTORY_FILE,
      line: error.line ?? 1,
      title: 'group directory markers',
      message: `The group directory in ${dir}/${DIRECTORY_FILE} cannot be regenerated: ${error.message}. Then run \`${command}\`.`,
      summary: `The group directory in ${inlineCode(`${dir}/${DIRECTORY_FILE}`)} cannot be regenerated (warning only): ${inlineText(error.message)}. Then run ${inlineCode(command)}.`,
    };
  }
}
