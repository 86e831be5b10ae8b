/**
 * The lines of a Markdown body where a command may stand: outside fenced code, block quotes and
 * HTML comments. Issue 4 § Linking ("text in fenced code, block quotes and HTML comments is
 * ignored").
 */

/** A line that may hold a command, with HTML comments removed from it. */
export interface ReadableLine {
  /** 1-based line number in the body. */
  line: number;
  /** The line as typed. */
  raw: string;
  /** The line with HTML comments cut out; leading spaces kept. */
  text: string;
}

/** An opening code fence: ``` or ~~~ (3 or more), after any indentation or list markers. */
const FENCE_OPEN = /^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(`{3,}|~{3,})(.*)$/;
/** A block quote line: `>` after at most 3 spaces. */
const QUOTE = /^ {0,3}>/;

/**
 * Splits `body` into lines (LF, CRLF or lone CR) and yields those a command may stand on:
 *
 * - **Fenced code** (``` or ~~~, 3 or more, with or without an info string) hides every line up
 *   to the closing fence of the same character and at least the same length, or to the end of
 *   the body when never closed (CommonMark). Openers are also recognised after list markers and
 *   any indentation, so code inside a list item stays hidden.
 * - **Block quotes**: a line whose first character after at most 3 spaces is `>` is hidden, and so
 *   are the lines after it up to a blank line: CommonMark's lazy continuation renders them inside
 *   the quote.
 * - **HTML comments**: every `<!-- … -->` is cut out, including comments spanning lines; a line
 *   that begins inside a comment is hidden whole. Any `<!--` outside fenced code opens a comment
 *   that hides everything up to the next `-->` (or the rest of the body), even mid-line or in an
 *   inline code span: wider than CommonMark, deliberately, so text that might be hidden from
 *   readers is never obeyed.
 *
 * Indentation is left to the caller (a command allows at most 3 spaces). Cost: O(body). Pure.
 */
export function* readableLines(body: string): Generator<ReadableLine> {
  const lines = body.split(/\r\n|\r|\n/);
  let fence: { char: string; length: number } | undefined;
  let inComment = false;
  let inQuote = false;

  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    if (inComment) {
      const end = raw.indexOf('-->');
      if (end >= 0) inComment = cutComments(raw.slice(end + 3)).open;
      continue;
    }
    if (fence) {
      if (closesFence(raw, fence)) fence = undefined;
      continue;
    }
    const opener = FENCE_OPEN.exec(raw);
    if (opener && !(opener[1]?.startsWith('`') && opener[2]?.includes('`'))) {
      fence = { char: (opener[1] as string)[0] as string, length: (opener[1] as string).length };
      continue;
    }
    const { text, open } = cutComments(raw);
    inComment = open;
    if (QUOTE.test(raw)) {
      // Only a paragraph in the quote continues lazily onto the next lines (not code, a heading or nothing).
      const content = raw.replace(/^(?: {0,3}> ?)+/, '').trim();
      inQuote = content !== '' && !/^(?:`{3,}|~{3,}|#)/.test(content);
      continue;
    }
    if (raw.trim() === '') inQuote = false;
    if (inQuote) continue;
    yield { line, raw, text };
  }
}

/**
 * `text` with closed comments removed (`<!-->` and `<!--->` are empty comments, as in HTML) and
 * cut at an unclosed `<!--`; `open` when one is left open. One pass with `indexOf`: linear even
 * on a line of 65,536 characters of `<!--`.
 */
function cutComments(text: string): { text: string; open: boolean } {
  let visible = '';
  let from = 0;
  for (;;) {
    const start = text.indexOf('<!--', from);
    if (start < 0) return { text: visible + text.slice(from), open: false };
    visible += text.slice(from, start);
    const after = start + 4;
    const empty = text.startsWith('>', after) ? 1 : text.startsWith('->', after) ? 2 : 0;
    if (empty > 0) {
      from = after + empty;
      continue;
    }
    const end = text.indexOf('-->', after);
    if (end < 0) return { text: visible, open: true };
    from = end + 3;
  }
}

/**
 * A closing fence: at most 3 spaces, then only the fence characters (at least as many as the
 * opener), as CommonMark has it — a more indented one is code, and the fence stays open.
 */
function closesFence(raw: string, fence: { char: string; length: number }): boolean {
  if (!/^ {0,3}\S/.test(raw)) return false;
  const trimmed = raw.trim();
  return trimmed.length >= fence.length && [...trimmed].every((c) => c === fence.char);
}
