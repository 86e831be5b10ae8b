/**
 * The retirement commands (SEP-1302 § Lifecycle: a group is retired by decision): `/retire
 * <reason…>` on a retirement issue, and `/retire-wg <id> <reason…>` / `/retire-ig <id> <reason…>`
 * anywhere in the governance repository. Read on the lines GitHub renders as text, as the group
 * commands are.
 */
import { MAX_BODY_LENGTH } from '../linking/commands.js';
import { readableLines } from '../linking/readable-lines.js';

export type RetireCommandName = 'retire' | 'retire-wg' | 'retire-ig';

export interface RetireCommand {
  command: RetireCommandName;
  /** The id as typed (`/retire-wg <id>`); null for `/retire`, whose group is the retirement issue's. */
  id: string | null;
  /** The rest of the line, trimmed; "" when none was given. */
  reason: string;
  /** 1-based line of the command in the body. */
  line: number;
}

/** `/retire`, `/retire-wg`, `/retire-ig` after at most 3 spaces, then whitespace or the end. */
const COMMAND = /^ {0,3}\/(retire-wg|retire-ig|retire)(?=\s|$)/;

/**
 * The first retirement command of a comment body, or null when it has none. A command stands at
 * the start of a line (at most 3 spaces before it) outside fenced code, block quotes and HTML
 * comments (`readableLines`); for `/retire-wg` and `/retire-ig` the first word after it is the id,
 * the rest of the line is the reason. Later commands in the same body are ignored: one comment,
 * one decision. A body longer than GitHub's 65,536 characters is read up to that length.
 * Pure; never throws.
 *
 * Source: SEP-1302 § WG Lifecycle / § IG Lifecycle (retirement by decision).
 */
export function readRetireCommand(body: string): RetireCommand | null {
  const text = (body.startsWith('\uFEFF') ? body.slice(1) : body).slice(0, MAX_BODY_LENGTH);
  for (const { line, raw, text: visible } of readableLines(text)) {
    const match = COMMAND.exec(raw);
    if (!match || !COMMAND.test(visible)) continue;
    const command = match[1] as RetireCommandName;
    const rest = visible.replace(COMMAND, '').trim();
    if (command === 'retire') return { command, id: null, reason: rest, line };
    const [id = '', ...words] = rest.split(/\s+/);
    return { command, id: id === '' ? null : id, reason: words.join(' ').trim(), line };
  }
  return null;
}

/** True when `body` may hold a retirement command: a cheap test before any request. Pure. */
export function mayHoldRetireCommand(body: string | null | undefined): boolean {
  return typeof body === 'string' && /(^|[\r\n]) {0,3}\/retire/.test(body);
}
