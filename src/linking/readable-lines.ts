/**
 * The lines of a Markdown body where a command may stand: the lines GitHub renders as paragraph
 * text, outside block quotes and HTML comments. Text in fenced code, block quotes and HTML
 * comments is ignored, and commands follow what GitHub shows: a line a reader does not see as
 * text gives no command. The body is read with markdown-it (`createMarkdown`), never with a
 * hand-written subset of CommonMark.
 */
import type { StateInline, Token } from 'markdown-it';
import { createMarkdown, installParseBudget, OverParseBudget, PARSE_BUDGET } from '../markdown/blocks.js';
import type { BudgetEnv } from '../markdown/blocks.js';

/** A line that may hold a command, with HTML comments removed from it. */
export interface ReadableLine {
  /** 1-based line number in the body. */
  line: number;
  /** The line as typed. */
  raw: string;
  /** The line with HTML comments cut out; leading spaces kept. */
  text: string;
}

/**
 * Longest body read, in UTF-16 code units: GitHub's longest issue, pull request or comment body
 * (`MAX_BODY_LENGTH` of `commands.ts`, which cuts a body to it before reading).
 */
export const MAX_READABLE_LENGTH = 65_536;

/**
 * Splits `body` into lines (LF, CRLF or lone CR) and yields, in order, those a command may stand
 * on: the lines GitHub renders as paragraph text. The body is parsed once with markdown-it,
 * CommonMark 0.31 (https://spec.commonmark.org/0.31.2/) with GitHub Flavored Markdown's tables
 * (https://github.github.com/gfm/) and raw HTML recognised.
 *
 * - **Paragraph text only.** A line is yielded when it is a line of a paragraph — at the top
 *   level or in a list item, tight or loose, including a paragraph's continuation lines — and
 *   its first character after spaces and tabs starts paragraph text, not the inside of a code
 *   span, inline HTML, a link destination or title, or an image description that began on an
 *   earlier line (a backtick on one line and another on a later one of the same paragraph make
 *   code of the lines between, even ``` lines that open no fence). Nothing else is read: fenced
 *   code (``` or ~~~) and indented code, opened and closed where CommonMark puts them (a fence in
 *   a list item closes at the item's indentation and ends with the item; a line indented 4 more
 *   than its container after a blank line is code, ``` or not); HTML blocks (`<div>` up to a
 *   blank line); headings, a setext one too (a paragraph underlined with `---` or `===`); table
 *   rows; link reference definitions.
 * - **Block quotes** are not read: a paragraph inside a quote, at any depth, in a list in a quote
 *   or a quote in a list, is hidden, and so is a lazy continuation line (CommonMark renders it in
 *   the quote). A quoted command is someone else's words. A line after a quoted fence, heading or
 *   blank line continues no quote and is read.
 * - **HTML comments**, a conservative pass over the lines outside code, in order: every `<!--`
 *   opens a comment that hides everything up to the next `-->` GitHub passes through as HTML (on
 *   a line of an HTML block, or inside the inline HTML of a paragraph, heading or table cell), or
 *   to the end of the body. A line that begins inside a comment is hidden whole; a yielded line
 *   has its comments cut out of `text` (`<!-->` and `<!--->` are empty comments, as in HTML).
 *   Wider than GitHub, deliberately, so text that might be hidden from readers is never obeyed:
 *   a `<!--` that GitHub shows as text (unclosed in its paragraph, in an inline code span, in a
 *   link reference definition) opens a comment too. A `-->` shown as text closes none, as in the
 *   browser, where a comment opened in an HTML block inside a list item runs past the item. A
 *   comment that an HTML block opens in a block quote and that is still open when the quote
 *   ends swallows the quote's end tag: the browser renders the rest of the body inside the
 *   quote, so no line after that is yielded.
 *
 * Indentation is left to the caller (a command allows at most 3 spaces; a paragraph's
 * continuation line indented 4 or more is yielded). Cost: one markdown-it parse, O(body) for
 * ordinary bodies (under 0.2 s at `MAX_READABLE_LENGTH`); a parse that needs more than
 * `PARSE_BUDGET` block-rule checks (about 0.1 s: a crafted body markdown-it would take seconds
 * on) is stopped, and then no line is yielded. Pure.
 *
 * @throws RangeError, on the first step, when `body` is longer than `MAX_READABLE_LENGTH` (callers
 *   cut it first).
 */
export function* readableLines(body: string): Generator<ReadableLine> {
  if (body.length > MAX_READABLE_LENGTH) {
    throw new RangeError(`readableLines: body of ${body.length} code units, over ${MAX_READABLE_LENGTH}`);
  }
  const lines = body.split(/\r\n|\r|\n/);
  const layout = layOut(body, lines);
  let inComment = false;
  // Where the block quote ends in which an HTML block opened the open comment (-1: none).
  let quoteEnd = -1;

  for (const [index, raw] of lines.entries()) {
    // The comment swallowed the quote's `</blockquote>`: the rest renders inside the quote.
    if (inComment && quoteEnd >= 0 && index >= quoteEnd) return;
    const kind = layout[index] as LineLayout;
    if (kind.role === 'code') continue;
    let from = 0;
    if (inComment) {
      const end = closerAt(raw, 0, kind);
      if (end < 0) continue;
      from = end + 3;
    }
    const { text, open } = cutComments(raw, from, kind);
    if (open) quoteEnd = kind.role === 'html' ? kind.quoteEnd : -1;
    if (kind.readable && !inComment) yield { line: index + 1, raw, text };
    inComment = open;
  }
}

/**
 * What markdown-it made of one source line: `code` (fenced or indented code: comment markers
 * ignored), `html` (an HTML block: every `-->` is HTML), `text` (a paragraph, heading or table
 * row: a `-->` is HTML only inside inline HTML, at the columns of `closers`), `other` (blank, a
 * link reference definition, a thematic break, … : no `-->` is known to be HTML).
 */
interface LineLayout {
  role: 'code' | 'html' | 'text' | 'other';
  /** A line of a paragraph outside block quotes whose first character starts paragraph text. */
  readable: boolean;
  /** 0-based columns where a `-->` of inline HTML starts (`text` lines). */
  closers: Set<number>;
  /** The line after the innermost block quote holding this line, or -1 outside quotes. */
  quoteEnd: number;
}

/**
 * What the inline tokenizer did with one paragraph or heading, in offsets of its inline content:
 * where it started a token at the top level (link text included, code spans and inline HTML
 * skipped over), and the spans of inline HTML. Filled by `probe`.
 */
interface InlineTrace {
  starts: Set<number>;
  html: Array<[number, number]>;
  /** Offset and token count at the last `probe`, to find the inline HTML pushed since. */
  lastPos: number;
  lastLength: number;
}

/** The parse environment: one trace per inline content, by its token list; the work left. */
type TraceEnv = BudgetEnv & {
  readableLinesTraces: Map<Token[], InlineTrace>;
};

const markdown = createMarkdown();
installParseBudget(markdown);
markdown.inline.ruler.before('text', 'readable_lines_probe', probe);
markdown.inline.ruler2.before('balance_pairs', 'readable_lines_finish', (state) => {
  const trace = traceOf(state, { create: false });
  if (trace) noteHtml(trace, state.tokens);
  return true;
});

/**
 * An inline rule run first at every position where the tokenizer starts a token (a rule that
 * never matches): records the position, and the inline HTML the previous step pushed. Silent runs
 * (markdown-it looking ahead for the end of a link label) record nothing.
 */
function probe(state: StateInline, silent: boolean): boolean {
  if (silent) return false;
  const trace = traceOf(state, { create: true });
  if (!trace) return false;
  noteHtml(trace, state.tokens);
  trace.starts.add(state.pos);
  trace.lastPos = state.pos;
  trace.lastLength = state.tokens.length;
  return false;
}

/** The trace of the inline content `state` reads, created when `create`; none outside `readableLines`. */
function traceOf(state: StateInline, { create }: { create: boolean }): InlineTrace | undefined {
  const traces = (state.env as Partial<TraceEnv> | undefined)?.readableLinesTraces;
  if (!traces) return undefined;
  let trace = traces.get(state.tokens);
  if (!trace && create) {
    trace = { starts: new Set(), html: [], lastPos: 0, lastLength: 0 };
    traces.set(state.tokens, trace);
  }
  return trace;
}

/** Records the inline HTML tokens pushed since the last probe: they start where it stood. */
function noteHtml(trace: InlineTrace, tokens: readonly Token[]): void {
  for (let i = trace.lastLength; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.type === 'html_inline') trace.html.push([trace.lastPos, trace.lastPos + token.content.length]);
  }
  trace.lastLength = tokens.length;
}

/** The role of every line of `body` (split as `lines`), from one markdown-it parse. */
function layOut(body: string, lines: readonly string[]): LineLayout[] {
  const layout: LineLayout[] = lines.map(() => ({ role: 'other', readable: false, closers: new Set(), quoteEnd: -1 }));
  const env: TraceEnv = { readableLinesTraces: new Map(), parseBudget: { left: PARSE_BUDGET } };
  let tokens: Token[];
  try {
    tokens = markdown.parse(body, env);
  } catch (error) {
    if (error instanceof OverParseBudget) return layout.map((line) => ({ ...line, role: 'code' })); // nothing read
    throw error;
  }
  let quotes = 0;
  // The table row being read, and where its next cell's text may start.
  let row = -1;
  let cell = 0;
  tokens.forEach((token, i) => {
    if (token.type === 'blockquote_open') quotes += 1;
    else if (token.type === 'blockquote_close') quotes -= 1;
    if (token.type === 'inline') {
      const opener = tokens[i - 1];
      const trace = env.readableLinesTraces.get(token.children ?? []);
      if (!trace || !opener) return;
      if (opener.type === 'paragraph_open') layOutLines(token, trace, lines, layout, { readable: quotes === 0 });
      else if (opener.type === 'heading_open' && !opener.markup.startsWith('#')) layOutLines(token, trace, lines, layout, { readable: false });
      else if (opener.type === 'heading_open') {
        // An ATX heading: its text starts after the `#` run and the spaces or tabs after it (no
        // container prefix holds a `#`).
        const line = token.map?.[0] ?? -1;
        const marker = /#+[ \t]*/.exec(lines[line] ?? '');
        if (marker) layOutSpan(token, trace, lines[line] as string, layout[line] as LineLayout, marker.index + marker[0].length);
      } else if ((opener.type === 'th_open' || opener.type === 'td_open') && row >= 0 && token.content !== '') {
        // A table cell: its trimmed text, found after the row's previous cell (a cell with an
        // escaped `\|` is not found: markdown-it unescapes it; then it marks no `-->`).
        const at = (lines[row] as string).indexOf(token.content, cell);
        if (at < 0) return;
        layOutSpan(token, trace, lines[row] as string, layout[row] as LineLayout, at);
        cell = at + token.content.length;
      }
      return;
    }
    const map = token.map;
    if (!map) return;
    if (token.type === 'tr_open') {
      row = map[0];
      cell = 0;
      if (layout[row]) (layout[row] as LineLayout).role = 'text';
    } else if (token.type === 'blockquote_open') {
      // In document order, so an inner quote overrides its outer one.
      for (let line = map[0]; line < map[1] && line < layout.length; line++) (layout[line] as LineLayout).quoteEnd = map[1];
    } else if (token.type === 'fence' || token.type === 'code_block' || token.type === 'html_block') {
      const role = token.type === 'html_block' ? 'html' : 'code';
      for (let line = map[0]; line < map[1] && line < layout.length; line++) (layout[line] as LineLayout).role = role;
    }
  });
  return layout;
}

/**
 * The lines of a paragraph or setext heading. Its inline content is its source lines joined with
 * LF, each less the container's prefix (indentation, list marker, `>`), the whole trimmed of
 * spaces and tabs: line `j` of the content ends where source line `first + j` ends (the last one
 * less its trailing spaces and tabs). A paragraph's line is `readable` when the tokenizer started
 * a token at its first character after spaces and tabs (where the `newline` rule leaves it).
 */
function layOutLines(token: Token, trace: InlineTrace, lines: readonly string[], layout: LineLayout[], { readable }: { readable: boolean }): void {
  const [first, end] = token.map ?? [0, -1];
  const parts = token.content.split('\n');
  if (parts.length !== end - first || end > lines.length) return; // not met with markdown-it 14; hidden
  const starts: number[] = [];
  let offset = 0;
  parts.forEach((part, j) => {
    starts.push(offset);
    const line = layout[first + j] as LineLayout;
    line.role = 'text';
    line.readable = readable && trace.starts.has(offset + (/^[ \t]*/.exec(part)?.[0].length ?? 0));
    offset += part.length + 1;
  });
  let j = 0;
  const last = lines[end - 1] as string;
  let lastLength = last.length;
  while (lastLength > 0 && (last[lastLength - 1] === ' ' || last[lastLength - 1] === '\t')) lastLength -= 1;
  for (const q of htmlCloserOffsets(token.content, trace)) {
    while (j + 1 < starts.length && (starts[j + 1] as number) <= q) j += 1;
    const source = lines[first + j] as string;
    const length = j === parts.length - 1 ? lastLength : source.length;
    addCloser(layout[first + j] as LineLayout, source, length - ((parts[j] as string).length - (q - (starts[j] as number))));
  }
}

/** One line holding an inline content (an ATX heading, a table cell) from column `at` on. */
function layOutSpan(token: Token, trace: InlineTrace, source: string, line: LineLayout, at: number): void {
  line.role = 'text';
  for (const q of htmlCloserOffsets(token.content, trace)) addCloser(line, source, at + q);
}

/** Offsets in `content` of every `-->` inside inline HTML, in order; O(content), the spans being disjoint. */
function* htmlCloserOffsets(content: string, trace: InlineTrace): Generator<number> {
  for (const [from, to] of trace.html) {
    const html = content.slice(from, to);
    for (let q = html.indexOf('-->'); q >= 0; q = html.indexOf('-->', q + 1)) yield from + q;
  }
}

/** Marks the `-->` at `column` of `source` as HTML, when it is one there (else, conservatively, none). */
function addCloser(line: LineLayout, source: string, column: number): void {
  if (column >= 0 && source.startsWith('-->', column)) line.closers.add(column);
}

/** Index of the first `-->` at or after `from` that closes a comment on this line, or -1. */
function closerAt(raw: string, from: number, line: LineLayout): number {
  if (line.role === 'html') return raw.indexOf('-->', from);
  if (line.role !== 'text' || line.closers.size === 0) return -1;
  for (let at = raw.indexOf('-->', from); at >= 0; at = raw.indexOf('-->', at + 1)) if (line.closers.has(at)) return at;
  return -1;
}

/**
 * `raw` from `from` on, with closed comments removed (`<!-->` and `<!--->` are empty comments,
 * as in HTML) and cut at an unclosed `<!--`; `open` when one is left open. Linear: each
 * `indexOf` starts where the last one stopped, even on a line of 65,536 characters of `<!--`.
 */
function cutComments(raw: string, from: number, line: LineLayout): { text: string; open: boolean } {
  let visible = '';
  let at = from;
  for (;;) {
    const start = raw.indexOf('<!--', at);
    if (start < 0) return { text: visible + raw.slice(at), open: false };
    visible += raw.slice(at, start);
    const after = start + 4;
    const empty = raw.startsWith('>', after) ? 1 : raw.startsWith('->', after) ? 2 : 0;
    if (empty > 0) {
      at = after + empty;
      continue;
    }
    const end = closerAt(raw, after, line);
    if (end < 0) return { text: visible, open: true };
    at = end + 3;
  }
}
