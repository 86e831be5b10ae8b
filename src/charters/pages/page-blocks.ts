/**
 * A charter page's Markdown as the reader sees it: headings that open sections, paragraphs (list
 * items and quotes included) and tables, each with its 1-based page line, and inline text with its
 * links and code spans. Parsed by markdown-it (`createMarkdown`) under the parse budget, with
 * nesting capped; never from regular expressions over the whole text.
 */
import type { Token } from 'markdown-it';
import { createMarkdown, installParseBudget, OverParseBudget, PARSE_BUDGET } from '../../markdown/blocks.js';
import type { BudgetEnv } from '../../markdown/blocks.js';

/** Deepest nesting of blocks (quotes, lists) and inline markup read; deeper content is not read. */
export const MAX_NESTING = 20;
/** Most body rows read per table; the rest are ignored (and reported). */
export const MAX_TABLE_ROWS = 1000;

const md = createMarkdown();
// markdown-it reads `maxNesting` (its presets set it) though its type definitions omit it.
md.set({ maxNesting: MAX_NESTING } as Parameters<typeof md.set>[0]);
installParseBudget(md);

export interface Link {
  href: string;
  text: string;
  line: number;
}

/** Inline content: its plain text (links reduced to their text, code spans to their content). */
export interface Inline {
  text: string;
  /** The Markdown source, as written. */
  raw: string;
  line: number;
  links: Link[];
  /** Code spans' content, e.g. `#registry-dev`. */
  codes: string[];
  /** Strong (`**…**`) spans' text. */
  strong: string[];
}

export interface TableRow {
  cells: Inline[];
  line: number;
}

export type Block =
  | { kind: 'heading'; level: number; inline: Inline; line: number }
  | { kind: 'paragraph'; inline: Inline; line: number }
  | { kind: 'table'; header: Inline[]; rows: TableRow[]; line: number; rowsNotRead: number };

/** A heading and what follows it up to the next heading of the same or a higher level. */
export interface Section {
  title: string;
  /** The title compared: lowercase, `&` as "and", "(WG only)" and a trailing ":" dropped. */
  key: string;
  level: number;
  line: number;
  /** The blocks directly under the heading, before its first subsection. */
  blocks: Block[];
  children: Section[];
}

export type ParsedBody =
  | { ok: true; blocks: Block[]; root: Section; nestingCut: number | null }
  | { ok: false; reason: string };

/**
 * Parses the Markdown body of a page (already reduced from MDX) into blocks and a tree of
 * sections (the root holds what precedes the first heading).
 *
 * @returns `ok: false` when the parse ran over `PARSE_BUDGET` or markdown-it failed (nothing is
 *          read; `reason` says why); otherwise the
 *          blocks, and `nestingCut`: the line of the first block nested deeper than `MAX_NESTING`
 *          whose content markdown-it did not read, or null
 */
export function parseBody(body: string): ParsedBody {
  const env: BudgetEnv = { parseBudget: { left: PARSE_BUDGET } };
  let tokens: Token[];
  try {
    tokens = md.parse(body, env);
  } catch (error) {
    if (error instanceof OverParseBudget) return { ok: false, reason: `reading it takes more than the parse budget (${PARSE_BUDGET} block checks)` };
    return { ok: false, reason: `the Markdown parser failed (${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'})` };
  }

  const blocks: Block[] = [];
  let nestingCut: number | null = null;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    const line = (token.map?.[0] ?? 0) + 1;
    // markdown-it stops reading inside a block opened at the last level it allows.
    if (token.nesting === 1 && token.level >= MAX_NESTING - 1 && nestingCut === null) nestingCut = line;
    if (token.type === 'heading_open') {
      blocks.push({ kind: 'heading', level: Number(token.tag.slice(1)), inline: inlineOf(tokens[i + 1], line), line });
    } else if (token.type === 'paragraph_open') {
      blocks.push({ kind: 'paragraph', inline: inlineOf(tokens[i + 1], line), line });
    } else if (token.type === 'table_open') {
      i = readTable(tokens, i, blocks);
    }
  }
  return { ok: true, blocks, root: sectionsOf(blocks), nestingCut };
}

/** Reads the table opened at `tokens[start]` into `blocks`; returns the index of its `table_close`. */
function readTable(tokens: Token[], start: number, blocks: Block[]): number {
  const table: Extract<Block, { kind: 'table' }> = { kind: 'table', header: [], rows: [], line: (tokens[start]?.map?.[0] ?? 0) + 1, rowsNotRead: 0 };
  blocks.push(table);
  let row: TableRow | null = null;
  let inHead = false;
  let i = start + 1;
  for (; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if (token.type === 'table_close') break;
    if (token.type === 'thead_open') inHead = true;
    else if (token.type === 'thead_close') inHead = false;
    else if (token.type === 'tr_open') {
      const line = (token.map?.[0] ?? table.line - 1) + 1;
      if (!inHead && table.rows.length >= MAX_TABLE_ROWS) {
        table.rowsNotRead += 1;
        row = null;
      } else {
        row = { cells: [], line };
      }
    } else if (token.type === 'tr_close' && row) {
      if (inHead) table.header = row.cells;
      else table.rows.push(row);
      row = null;
    } else if (token.type === 'inline' && row) {
      row.cells.push(inlineOf(token, row.line));
    }
  }
  return i;
}

/** The plain text, links, code spans and strong text of an inline token (children parsed by markdown-it). */
export function inlineOf(token: Token | undefined, line: number): Inline {
  const inline: Inline = { text: '', raw: token?.content ?? '', line, links: [], codes: [], strong: [] };
  let at = line;
  let link: { href: string; from: number; line: number } | null = null;
  let strongFrom: number | null = null;
  for (const child of token?.children ?? []) {
    switch (child.type) {
      case 'text':
        inline.text += child.content;
        break;
      case 'code_inline':
        inline.text += child.content;
        inline.codes.push(child.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        inline.text += '\n';
        at += 1;
        break;
      case 'link_open':
        link = { href: String(child.attrGet('href') ?? ''), from: inline.text.length, line: at };
        break;
      case 'link_close':
        if (link) inline.links.push({ href: link.href, text: inline.text.slice(link.from), line: link.line });
        link = null;
        break;
      case 'strong_open':
        strongFrom = inline.text.length;
        break;
      case 'strong_close':
        if (strongFrom !== null) inline.strong.push(inline.text.slice(strongFrom));
        strongFrom = null;
        break;
      default:
        // emphasis and strikethrough markers, inline HTML and JSX, images: no text of their own
        break;
    }
  }
  return inline;
}

/** Plain text of inline Markdown source (e.g. a JSX block's content), links reduced to their text. */
export function plainInline(source: string, line: number): Inline {
  const env: BudgetEnv = { parseBudget: { left: PARSE_BUDGET } };
  try {
    return inlineOf(md.parseInline(source, env)[0], line);
  } catch {
    // Over the budget, or a parser failure: no text is read.
    return { text: '', raw: source, line, links: [], codes: [], strong: [] };
  }
}

/** Keys of the headings met so far (the template's, mostly), up to `MAX_KEYS_KEPT` short titles. */
const sectionKeys = new Map<string, string>();
const MAX_KEYS_KEPT = 1000;

/** A heading's comparable form: lowercase, `&` as "and", no "(WG only)", no trailing ":". */
export function sectionKey(title: string): string {
  let key = sectionKeys.get(title);
  if (key === undefined) {
    key = keyOf(title);
    if (sectionKeys.size < MAX_KEYS_KEPT && title.length <= 200) sectionKeys.set(title, key);
  }
  return key;
}

function keyOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\((?:wg|ig) only\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/:$/, '')
    .trim();
}

function sectionsOf(blocks: readonly Block[]): Section {
  const root: Section = { title: '', key: '', level: 0, line: 1, blocks: [], children: [] };
  const stack: Section[] = [root];
  for (const block of blocks) {
    if (block.kind !== 'heading') {
      (stack[stack.length - 1] as Section).blocks.push(block);
      continue;
    }
    while ((stack[stack.length - 1] as Section).level >= block.level) stack.pop();
    const title = block.inline.text.replace(/\s+/g, ' ').trim();
    const section: Section = { title, key: sectionKey(title), level: block.level, line: block.line, blocks: [], children: [] };
    (stack[stack.length - 1] as Section).children.push(section);
    stack.push(section);
  }
  return root;
}

/** Every section under `root`, depth first, in page order. */
export function allSections(root: Section): Section[] {
  const out: Section[] = [];
  const walk = (s: Section) => {
    for (const child of s.children) {
      out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

/** The blocks of a section and of its subsections, in page order. */
export function contentOf(section: Section): Block[] {
  return [...section.blocks, ...section.children.flatMap(contentOf)];
}
