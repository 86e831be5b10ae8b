/**
 * The group commands of an issue, pull request or comment body: `/wg`, `/ig`, `/remove-wg`,
 * `/remove-ig`. Strict where Prow's `/sig` is not: any run of whitespace
 * separates ids (`/sig  node` gave `sig/`), and a command ends at a word boundary (`/signal foo`
 * applied `sig/foo`; here `/wgx foo` is no command).
 */
import { readableLines } from './readable-lines.js';

export type GroupCommandName = 'wg' | 'ig' | 'remove-wg' | 'remove-ig';

/** One command line. */
export interface GroupCommand {
  command: GroupCommandName;
  /** The ids as typed, in order, never normalised; empty for a bare `/wg`. */
  ids: string[];
  /** 1-based line number in the body. */
  line: number;
}

/** The commands of a body, and what the bounds left out. */
export interface GroupCommandReading {
  commands: GroupCommand[];
  /** True when the body was longer than `MAX_BODY_LENGTH` and only its start was read. */
  bodyTruncated: boolean;
  /** Ids left out because the body had already named `MAX_GROUP_IDS` distinct ids. */
  ignoredIds: number;
  /** Commands left out after the first `MAX_COMMANDS`. */
  ignoredCommands: number;
}

/** GitHub's longest issue, pull request or comment body, in UTF-16 code units. */
export const MAX_BODY_LENGTH = 65_536;
/** Most distinct ids read from one body; further ids are counted, not read. */
export const MAX_GROUP_IDS = 50;
/** Most commands read from one body; further commands are counted, not read. */
export const MAX_COMMANDS = 100;

/** `/wg`, `/ig`, `/remove-wg`, `/remove-ig` after at most 3 spaces, then whitespace or the end. */
const COMMAND = /^ {0,3}\/(remove-wg|remove-ig|wg|ig)(?=\s|$)/;

/**
 * The commands of a body, as `readGroupCommands(body).commands`.
 */
export function parseGroupCommands(body: string): GroupCommand[] {
  return readGroupCommands(body).commands;
}

/**
 * Reads the group commands of a body. A command is a line that starts, after at most 3 spaces
 * (no tab: a tab makes 4 columns, Markdown's indented code), with one of the exact, lowercase
 * tokens `/wg`, `/ig`, `/remove-wg`, `/remove-ig` followed by whitespace or the end of the line.
 * Its ids are the rest of the line split on any run of whitespace (spaces, tabs and other Unicode
 * white space such as U+00A0 or U+3000), HTML comments cut out. Ids come back exactly as typed:
 * `Registry`, `rеgistry` (Cyrillic е) or `registry,` are for the caller to reject, never
 * normalised here.
 *
 * Lines in fenced code, block quotes and HTML comments are not read (see `readableLines`); so are
 * lines indented by 4 or more columns, whether Markdown renders them as code or as a paragraph's
 * continuation. A UTF-8 byte order mark at the start is ignored.
 *
 * Bounds: a body longer than `MAX_BODY_LENGTH` is read up to that length, less its last,
 * incomplete line (a cut id might read as another group's id). At most `MAX_GROUP_IDS` distinct ids
 * (compared as typed) are read: later new ids are dropped and counted, and a command left with no
 * id is dropped. At most `MAX_COMMANDS` commands are read, the rest counted. Cost: O(body).
 * Pure; never throws.
 *
 * Whitespace and word boundaries are strict so as not to repeat the faults of Prow's `/sig`
 * parser (see the module note): a doubled space never yields an empty id, and `/wgx` is no
 * command.
 */
export function readGroupCommands(body: string): GroupCommandReading {
  let text = body.startsWith('\uFEFF') ? body.slice(1) : body;
  const bodyTruncated = text.length > MAX_BODY_LENGTH;
  if (bodyTruncated) {
    text = text.slice(0, MAX_BODY_LENGTH);
    text = text.slice(0, Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'), 0));
  }

  const commands: GroupCommand[] = [];
  const seen = new Set<string>();
  let ignoredIds = 0;
  let ignoredCommands = 0;
  for (const { line, raw, text: visible } of readableLines(text)) {
    const match = COMMAND.exec(raw);
    if (!match || !COMMAND.test(visible)) continue;
    if (commands.length >= MAX_COMMANDS) {
      ignoredCommands += 1;
      continue;
    }
    const typed = visible.replace(COMMAND, '').split(/\s+/).filter((id) => id !== '');
    const ids: string[] = [];
    for (const id of typed) {
      if (!seen.has(id) && seen.size >= MAX_GROUP_IDS) {
        ignoredIds += 1;
        continue;
      }
      seen.add(id);
      ids.push(id);
    }
    if (typed.length > 0 && ids.length === 0) continue;
    commands.push({ command: match[1] as GroupCommandName, ids, line });
  }
  return { commands, bodyTruncated, ignoredIds, ignoredCommands };
}
