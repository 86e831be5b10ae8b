/**
 * How the CLI speaks to a person. Pure: values in, strings out (or a usage error thrown).
 *
 * - Validation results: one line per diagnostic plus a summary (text), or one JSON object (json).
 * - Mistakes: options parsed with Node's `util.parseArgs`, its errors reworded (`unknown option
 *   --fromat (did you mean --format?)`), and unreadable files and folders named as typed.
 * - Text for a terminal: lines wrapped at 120 columns with a hanging indent, and the Markdown the
 *   App posts (check-run summaries, the directory) rendered as plain text — no backslash escapes,
 *   no invisible word joiners — without changing what is posted.
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import type { Token } from 'markdown-it';
import { createMarkdown } from '../markdown/blocks.js';
import { WORD_JOINER } from '../markdown/escape.js';
import type { ValidationResult } from '../charters/validate.js';
import { plural } from '../words.js';

export type OutputFormat = 'text' | 'json';

/**
 * Renders a validation result.
 * - text: `file:line:col severity rule message` per diagnostic, then a summary line; `file` is
 *   prefixed with `prefix` (the directory as the user typed it) so terminals can open it.
 * - json: `{ diagnostics: [{ file, line, column, severity, rule, message }], errors, warnings }`
 *   with `file` relative to the directory given.
 */
export function formatValidation(result: ValidationResult, format: OutputFormat, prefix = ''): string {
  if (format === 'json') {
    const { diagnostics, errors, warnings } = result;
    return `${JSON.stringify({ diagnostics, errors, warnings }, null, 2)}\n`;
  }
  const lines = result.diagnostics.map(
    (d) => `${prefix}${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`,
  );
  lines.push(
    `${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')} in ${plural(result.charters.length + countUnreadable(result), 'charter file')}`,
  );
  return `${lines.join('\n')}\n`;
}

function countUnreadable(result: ValidationResult): number {
  const read = new Set(result.charters.map((c) => c.file));
  return new Set(result.diagnostics.map((d) => d.file).filter((f) => !read.has(f))).size;
}

/**
 * Why a charters folder could not be read, for a usage error: `cannot read groups: no such
 * directory`, `… not a directory`, else the file system's message. Pure.
 */
export function cannotReadDirectory(shown: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const why = code === 'ENOENT' ? 'no such directory' : code === 'ENOTDIR' ? 'not a directory' : error instanceof Error ? error.message : String(error);
  return `cannot read ${shown}: ${why}`;
}

/**
 * Why a file given as `option` (`--snapshot`) could not be read, as typed: `cannot read --snapshot
 * no-such.json: no such file`, `… a directory, not a file`, `… permission denied`, else the file
 * system's message. Pure.
 */
export function cannotReadFile(option: string, shown: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'a directory, not a file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : error instanceof Error
            ? error.message
            : String(error);
  return `cannot read ${option} ${shown}: ${why}`;
}

// ---- Options --------------------------------------------------------------------------------

/** Wrong options or arguments for `command`: the CLI prints `group-steward <command>: <message>` and the command's usage, and exits 2. */
export class CommandUsageError extends Error {
  constructor(
    readonly command: string,
    message: string,
  ) {
    super(message);
    this.name = 'CommandUsageError';
  }
}

/** `--help` or `-h` after a command: the CLI prints that command's usage and exits 0. */
export class HelpRequest extends Error {
  constructor(readonly command: string) {
    super(`help for ${command}`);
    this.name = 'HelpRequest';
  }
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * `util.parseArgs` (strict) for `command`, with its mistakes said in the CLI's words, never
 * Node's: an unknown option with the closest known one (`unknown option --fromat (did you mean
 * --format?)`), an option without its value (`--format needs a value`), a value given to a flag
 * (`--dry-run takes no value`), an argument the command does not take (`unexpected argument
 * "x"`). `--help` / `-h` asks for the command's usage (`HelpRequest`) unless the command defines it.
 *
 * @throws CommandUsageError for the first mistake; HelpRequest
 */
export function parseCommandArgs<const T extends { options: OptionsConfig; allowPositionals?: boolean }>(
  command: string,
  args: readonly string[],
  config: T,
): ReturnType<typeof parseArgs<T & { args: string[]; strict: true }>> {
  const { options } = config;
  const { tokens } = parseArgs({ args: [...args], options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional' && !config.allowPositionals) throw new CommandUsageError(command, `unexpected argument "${token.value}"`);
    if (token.kind !== 'option') continue;
    const known = Object.prototype.hasOwnProperty.call(options, token.name) ? options[token.name] : undefined;
    if (known === undefined) {
      if (token.name === 'help' || token.name === 'h') throw new HelpRequest(command);
      const guess = token.rawName.startsWith('--') ? closestName(token.name, Object.keys(options)) : undefined;
      throw new CommandUsageError(command, `unknown option ${token.rawName}${guess === undefined ? '' : ` (did you mean --${guess}?)`}`);
    }
    if (known.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) {
      throw new CommandUsageError(command, `${token.rawName} needs a value${token.value === undefined ? '' : ` (a value that starts with "-" is written ${token.rawName}=VALUE)`}`);
    }
    if (known.type === 'boolean' && token.inlineValue) throw new CommandUsageError(command, `${token.rawName} takes no value`);
  }
  try {
    return parseArgs({ ...config, args: [...args], strict: true }) as ReturnType<typeof parseArgs<T & { args: string[]; strict: true }>>;
  } catch (error) {
    // What the checks above do not foresee: Node's first sentence, without its code.
    const message = error instanceof Error ? (error.message.split(/\.\s|\n/)[0] ?? error.message) : String(error);
    throw new CommandUsageError(command, message.charAt(0).toLowerCase() + message.slice(1));
  }
}

/**
 * The known name closest to `typed` by edit distance (a swap of two neighbouring letters counts
 * one), when it is close enough to be what was meant: at most 2 edits, and fewer than half the
 * letters. Pure.
 */
export function closestName(typed: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(typed.toLowerCase(), name.toLowerCase());
    if (distance <= 2 && distance * 2 < Math.max(typed.length, name.length) && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => rows[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i += 1) {
    const row = rows[i] as number[];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(at(i, j), at(i - 2, j - 2) + 1);
    }
  }
  return at(a.length, b.length);
}

// ---- Text for a terminal --------------------------------------------------------------------

/** The widest line the CLI's reports for people print, in columns (code points). */
export const TERMINAL_WIDTH = 120;

/** The number of columns `text` takes: its code points (every character the CLI prints is one column wide). */
export function columns(text: string): number {
  return Array.from(text).length;
}

/**
 * `text` with every line longer than `width` wrapped at spaces; a continuation line starts with the
 * line's own leading spaces plus `hanging`. A word longer than a whole line is cut. Line breaks in
 * `text` are kept; a line that fits is unchanged. Pure.
 */
export function wrapText(text: string, width: number = TERMINAL_WIDTH, hanging = '    '): string {
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, width, hanging))
    .join('\n');
}

function wrapLine(line: string, width: number, hanging: string): string[] {
  if (columns(line) <= width) return [line];
  const lead = /^ */.exec(line)?.[0] ?? '';
  const next = lead + hanging;
  const out: string[] = [];
  let current = lead;
  let empty = true;
  for (const word of line.slice(lead.length).split(' ')) {
    if (word === '') continue;
    const room = width - columns(current) - (empty ? 0 : 1);
    if (columns(word) <= room) {
      current += `${empty ? '' : ' '}${word}`;
      empty = false;
      continue;
    }
    if (!empty) {
      out.push(current);
      current = next;
    }
    // A word wider than a whole line (a long URL) is cut, so no line is wider than `width`.
    let rest = Array.from(word);
    while (rest.length > width - columns(current)) {
      const take = Math.max(1, width - columns(current));
      out.push(current + rest.slice(0, take).join(''));
      rest = rest.slice(take);
      current = next;
    }
    current += rest.join('');
    empty = rest.length === 0;
  }
  if (!empty || out.length === 0) out.push(current);
  return out;
}

const markdown = createMarkdown();

/**
 * Markdown the App posts (a check run's summary, the directory) as plain text for a terminal, at
 * most `width` columns: paragraphs wrapped; headings, list items and tables as text; a table too
 * wide for the terminal as one block per row (its first cell, then `header: value` for the cells
 * that say something). Emphasis marks, backslash escapes and entities are gone, word joiners
 * (U+2060, which stop GitHub's mentions) removed; a code span keeps its backticks; a link shows
 * its text, and its address too when that is a web address the text does not already say. HTML
 * comments are dropped. Pure; the posted Markdown is untouched.
 */
export function markdownToText(source: string, width: number = TERMINAL_WIDTH): string {
  const tokens = markdown.parse(source, {});
  const blocks: string[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  let table: string[][] | null = null;
  let row: string[] | null = null;
  let itemPrefix: string | null = null;
  for (const token of tokens) {
    switch (token.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ ordered: token.type === 'ordered_list_open', next: Number(token.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const list = lists[lists.length - 1];
        const marker = list?.ordered ? `${list.next++}.` : '-';
        itemPrefix = `${'  '.repeat(Math.max(0, lists.length - 1))}${marker} `;
        break;
      }
      case 'table_open':
        table = [];
        break;
      case 'tr_open':
        row = [];
        break;
      case 'tr_close':
        if (table && row) table.push(row);
        row = null;
        break;
      case 'table_close':
        if (table) blocks.push(renderTable(table, width));
        table = null;
        break;
      case 'inline': {
        const text = inlineText(token.children ?? []);
        if (row) {
          row.push(text);
        } else if (itemPrefix !== null) {
          blocks.push(wrapText(`${itemPrefix}${text}`, width, ' '.repeat(itemPrefix.length - itemPrefix.trimStart().length + 2)));
          itemPrefix = null;
        } else {
          // A paragraph or heading: flush left (blank lines set paragraphs apart), in a list under its item.
          blocks.push(wrapText(`${'  '.repeat(lists.length)}${text}`, width, ''));
        }
        break;
      }
      case 'fence':
      case 'code_block':
        blocks.push(wrapText(token.content.replace(/\n$/, '').split('\n').map((l) => `    ${l}`).join('\n'), width, ''));
        break;
      case 'html_block': {
        const text = plainHtml(token.content);
        if (text !== '') blocks.push(wrapText(text, width));
        break;
      }
      case 'hr':
        blocks.push('─'.repeat(Math.min(width, 40)));
        break;
      default:
        break;
    }
  }
  return `${blocks.join('\n\n')}\n`;
}

/** The text of inline tokens, as a terminal shows it. */
function inlineText(children: readonly Token[]): string {
  let out = '';
  const links: { href: string; from: number }[] = [];
  for (const child of children) {
    switch (child.type) {
      case 'text':
        out += child.content;
        break;
      case 'code_inline':
        out += `\`${child.content}\``;
        break;
      case 'softbreak':
        out += ' ';
        break;
      case 'hardbreak':
        out += '\n';
        break;
      case 'image':
        out += child.content;
        break;
      case 'html_inline':
        if (/^<br\s*\/?>$/i.test(child.content)) out += ' ';
        break;
      case 'link_open':
        links.push({ href: String(child.attrGet('href') ?? ''), from: out.length });
        break;
      case 'link_close': {
        const link = links.pop();
        if (link && /^https?:\/\//i.test(link.href)) {
          const text = out.slice(link.from).replace(/^@/, '').replaceAll(WORD_JOINER, '').toLowerCase();
          if (!link.href.toLowerCase().includes(text)) out += ` (${link.href})`;
        }
        break;
      }
      default:
        break;
    }
  }
  return out.replaceAll(WORD_JOINER, '');
}

/** An HTML block as text: comments dropped, tags removed, entities of the common five decoded. */
function plainHtml(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name] ?? '')
    .replaceAll(WORD_JOINER, '')
    .trim();
}

/**
 * A table as aligned columns (two spaces apart) when it fits in `width`; otherwise one block per
 * row: the first cell, then the other cells as `header: value`, `; `-separated and wrapped, leaving
 * out the cells that say nothing (empty or "—").
 */
function renderTable(rows: readonly string[][], width: number): string {
  const [header = [], ...body] = rows;
  const count = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: count }, (_, i) => Math.max(...rows.map((r) => columns(r[i] ?? ''))));
  const total = widths.reduce((sum, w) => sum + w, 0) + 2 * (count - 1);
  if (total <= width) {
    const line = (r: readonly string[]) => r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - columns(cell)))).join('  ').trimEnd();
    return [line(header), ...body.map(line)].join('\n');
  }
  return body
    .map((r) => {
      const rest = r
        .slice(1)
        .map((cell, i) => ({ cell, name: header[i + 1] ?? '' }))
        .filter(({ cell }) => cell !== '' && cell !== '—')
        .map(({ cell, name }) => (name === '' ? cell : `${name.toLowerCase()}: ${cell}`));
      return wrapText(`${r[0] ?? ''}${rest.length > 0 ? `\n    ${rest.join('; ')}` : ''}`, width, '    ');
    })
    .join('\n');
}
