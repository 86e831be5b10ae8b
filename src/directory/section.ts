/**
 * The directory's place in a Markdown file: the lines between two HTML comment markers, so people
 * write the rest of the file (`groups/README.md`) by hand around a generated section. Pure.
 * Source rule: SEP-1302 FAQ ("Where can I find a list of all current WGs and IGs?").
 */

export const DIRECTORY_START_MARKER = '<!-- group-steward:directory:start -->';
export const DIRECTORY_END_MARKER = '<!-- group-steward:directory:end -->';

/** The markers of a file are missing, repeated or out of order; `line` is 1-based, where it helps. */
export class DirectoryMarkerError extends Error {
  readonly line: number | undefined;
  /** True when the file has neither marker (as opposed to a broken pair). */
  readonly missing: boolean;

  constructor(message: string, where: { line?: number; missing?: boolean }) {
    super(message);
    this.name = 'DirectoryMarkerError';
    this.line = where.line;
    this.missing = where.missing ?? false;
  }
}

/** Where the generated section of a file is. */
export interface DirectorySection {
  /** Everything up to and including the start marker's line and its line break. */
  before: string;
  /** The lines strictly between the markers, each with its line break. */
  content: string;
  /** The end marker's line and everything after it. */
  after: string;
  /** 1-based line of the start marker. */
  startLine: number;
  /** The start marker line's line break: the section is written with the file's own. */
  eol: '\n' | '\r\n';
}

/**
 * Finds the section between the markers. A marker counts only on a line of its own (surrounding
 * spaces allowed), so a marker quoted inside a sentence is not one.
 *
 * @throws DirectoryMarkerError when a marker is missing, appears twice, or the end marker comes
 *         first (`missing` is true only when neither marker is there)
 */
export function findDirectorySection(fileText: string): DirectorySection {
  const lines = fileText.split('\n');
  const at = (marker: string) => lines.flatMap((line, i) => (line.trim() === marker ? [i] : []));
  const starts = at(DIRECTORY_START_MARKER);
  const ends = at(DIRECTORY_END_MARKER);
  const place = `lines of their own, the start marker before the end marker`;
  if (starts.length === 0 && ends.length === 0) {
    throw new DirectoryMarkerError(`the directory markers are missing: add ${DIRECTORY_START_MARKER} and ${DIRECTORY_END_MARKER} on ${place}`, { missing: true });
  }
  if (starts.length === 0) throw new DirectoryMarkerError(`the start marker ${DIRECTORY_START_MARKER} is missing: add it on a line of its own before the end marker`, { line: (ends[0] as number) + 1 });
  if (ends.length === 0) throw new DirectoryMarkerError(`the end marker ${DIRECTORY_END_MARKER} is missing: add it on a line of its own after the start marker`, { line: (starts[0] as number) + 1 });
  if (starts.length > 1) throw new DirectoryMarkerError(`the start marker ${DIRECTORY_START_MARKER} appears ${starts.length} times (lines ${starts.map((i) => i + 1).join(', ')}): keep one`, { line: (starts[1] as number) + 1 });
  if (ends.length > 1) throw new DirectoryMarkerError(`the end marker ${DIRECTORY_END_MARKER} appears ${ends.length} times (lines ${ends.map((i) => i + 1).join(', ')}): keep one`, { line: (ends[1] as number) + 1 });
  const start = starts[0] as number;
  const end = ends[0] as number;
  if (end < start) throw new DirectoryMarkerError(`the end marker (line ${end + 1}) comes before the start marker (line ${start + 1}): put them on ${place}`, { line: end + 1 });
  return {
    before: lines.slice(0, start + 1).map((l) => `${l}\n`).join(''),
    content: lines.slice(start + 1, end).map((l) => `${l}\n`).join(''),
    after: lines.slice(end).join('\n'),
    startLine: start + 1,
    eol: (lines[start] as string).endsWith('\r') ? '\r\n' : '\n',
  };
}

/** The rendered text with the file's line breaks, ending in one. */
function asSection(rendered: string, eol: '\n' | '\r\n'): string {
  const text = rendered.replace(/\r\n/g, '\n');
  const withBreak = text === '' || text.endsWith('\n') ? text : `${text}\n`;
  return eol === '\n' ? withBreak : withBreak.replace(/\n/g, '\r\n');
}

/**
 * The file with its section replaced by `rendered` (written with the file's line breaks); the
 * markers and everything around them are kept byte for byte. Splicing twice gives the same text.
 *
 * @throws DirectoryMarkerError when the markers are missing, repeated or out of order
 */
export function spliceDirectory(fileText: string, rendered: string): string {
  const section = findDirectorySection(fileText);
  return `${section.before}${asSection(rendered, section.eol)}${section.after}`;
}

/** Whether a file's section equals what the charters render, and where it starts. */
export interface DirectoryDrift {
  upToDate: boolean;
  /** 1-based line of the start marker. */
  startLine: number;
}

/**
 * The drift check: is the file's section exactly `rendered` (line breaks aside)?
 *
 * @throws DirectoryMarkerError when the markers are missing, repeated or out of order
 */
export function checkDirectorySection(fileText: string, rendered: string): DirectoryDrift {
  const section = findDirectorySection(fileText);
  return { upToDate: section.content === asSection(rendered, section.eol), startLine: section.startLine };
}
