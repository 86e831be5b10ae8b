/**
 * MDX, reduced to the Markdown the page reader parses: the front matter cut off, `{/* … *\/}`
 * comments removed, and JSX elements (`<Note>…</Note>`) set aside, each replaced by as many empty
 * lines as it took, so that a line of the result is the same line of the page. Nothing is compiled
 * or executed; every pass is linear in the text.
 */
import { positionInText } from '../parse.js';
import type { RuleId } from '../diagnostics.js';

/** A problem found while reducing the MDX, at a 1-based line and column of the page. */
export interface MdxProblem {
  line: number;
  column: number;
  rule: RuleId;
  message: string;
}

/** A JSX element set aside: its first line (1-based) and its source text, tags included. */
export interface JsxBlock {
  line: number;
  text: string;
}

export interface ReducedMdx {
  /** The front matter's YAML text (between the `---` lines) and the page line it starts on. */
  frontMatter: { text: string; line: number } | null;
  /** The Markdown: the page with front matter, comments and JSX blocks blanked, line for line. */
  body: string;
  jsx: JsxBlock[];
  problems: MdxProblem[];
}

/** Elements that never close (HTML void elements). */
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const TAG = /<(\/?)([A-Za-z][\w.:-]*)(?=[\s/>]|$)/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Reduces a page's MDX text (line breaks `\r\n`, `\r` and `\n` all count as one).
 *
 * - Front matter: the lines between a first line `---` and the next `---` (or `...`) line.
 * - Comments `{/* … *\/}`: removed, keeping their line breaks; one never closed is a problem and
 *   the text is kept.
 * - JSX: a line that starts with a tag (`<Note>`, `</Note>`, `<Card … />`) or ends with a closing
 *   tag takes part; its tags are matched (outside fenced code), and each matched element's lines
 *   are set aside as a `JsxBlock`, so its content never reads as charter text. An element never
 *   closed, or a closing tag with nothing to close, is a problem; only its own line is set aside.
 *
 * Pure; never throws.
 */
export function reduceMdx(source: string): ReducedMdx {
  const lines = (source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source).split('\n');
  const problems: MdxProblem[] = [];
  let frontMatter: ReducedMdx['frontMatter'] = null;

  if (lines[0]?.trimEnd() === '---') {
    const end = lines.findIndex((l, i) => i > 0 && (l.trimEnd() === '---' || l.trimEnd() === '...'));
    if (end < 0) {
      problems.push({ line: 1, column: 1, rule: 'page-front-matter', message: 'the front matter opened by "---" on line 1 is never closed by a second "---" line' });
      lines[0] = '';
    } else {
      frontMatter = { text: lines.slice(1, end).join('\n'), line: 2 };
      for (let i = 0; i <= end; i += 1) lines[i] = '';
    }
  }

  // Without a comment the text is its lines (`{/*` is never made by blanking or joining lines).
  const body = source.includes('{/*') ? stripComments(lines.join('\n'), problems).split('\n') : lines;
  const jsx = setAsideJsx(body, problems);
  return { frontMatter, body: body.join('\n'), jsx, problems };
}

/** The text with each `{/* … *\/}` replaced by its line breaks. */
function stripComments(text: string, problems: MdxProblem[]): string {
  const out: string[] = [];
  let from = 0;
  for (let open = text.indexOf('{/*'); open >= 0; open = text.indexOf('{/*', from)) {
    const close = text.indexOf('*/}', open + 3);
    if (close < 0) {
      problems.push({ ...positionInText(text, open), rule: 'page-mdx-unclosed', message: 'this MDX comment "{/*" is never closed by "*/}"' });
      break;
    }
    out.push(text.slice(from, open), text.slice(open, close + 3).replace(/[^\n]+/g, ''));
    from = close + 3;
  }
  out.push(text.slice(from));
  return out.join('');
}

interface OpenTag {
  name: string;
  line: number;
}

/** Matches the JSX tags of tag lines, blanks each element's lines in `lines`, and returns them. */
function setAsideJsx(lines: string[], problems: MdxProblem[]): JsxBlock[] {
  const stack: OpenTag[] = [];
  const onStack = new Map<string, number>();
  const spans: [number, number][] = [];
  const unclosed: OpenTag[] = [];
  const stray: OpenTag[] = [];
  let fence: { char: string; length: number } | null = null;

  lines.forEach((line, i) => {
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence.char && marker.length >= fence.length && line.trim() === marker) fence = null;
      return;
    }
    if (marker) {
      fence = { char: marker[0] as string, length: marker.length };
      return;
    }
    if (!line.includes('<') || (!/^\s*<\/?[A-Za-z]/.test(line) && !/<\/[A-Za-z][\w.:-]*\s*>\s*$/.test(line))) return;
    for (const tag of tagsOf(line)) {
      if (!tag.closing) {
        if (tag.selfClosing) {
          spans.push([i, i]);
        } else {
          stack.push({ name: tag.name, line: i });
          onStack.set(tag.name, (onStack.get(tag.name) ?? 0) + 1);
        }
        continue;
      }
      if (!onStack.get(tag.name)) {
        stray.push({ name: tag.name, line: i });
        continue;
      }
      for (;;) {
        const top = stack.pop() as OpenTag;
        onStack.set(top.name, (onStack.get(top.name) ?? 1) - 1);
        if (top.name === tag.name) {
          spans.push([top.line, i]);
          break;
        }
        unclosed.push(top);
      }
    }
  });
  for (const t of stack) unclosed.push(t);

  const report = (list: OpenTag[], what: (t: OpenTag) => string) => {
    if (list.length === 0) return;
    const first = list.reduce((a, b) => (b.line < a.line ? b : a));
    const more = list.length > 1 ? ` (and ${list.length - 1} more such tags)` : '';
    problems.push({ line: first.line + 1, column: 1, rule: 'page-mdx-unclosed', message: `${what(first)}${more}; the page does not compile as MDX` });
  };
  report(unclosed, (t) => `the element <${t.name.slice(0, 40)}> opened here is never closed`);
  report(stray, (t) => `the closing tag </${t.name.slice(0, 40)}> here closes no open element`);
  for (const t of [...unclosed, ...stray]) spans.push([t.line, t.line]);

  // The union of the spans, each blanked and kept as one block.
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of spans) {
    const previous = merged[merged.length - 1];
    if (previous && start <= previous[1] + 1) previous[1] = Math.max(previous[1], end);
    else merged.push([start, end]);
  }
  return merged.map(([start, end]) => {
    const text = lines.slice(start, end + 1).join('\n');
    lines.fill('', start, end + 1);
    return { line: start + 1, text };
  });
}

/** The tags of one line, in order: `<Name …>`, `</Name>`, `<Name … />`; void HTML elements close themselves. */
function tagsOf(line: string): { name: string; closing: boolean; selfClosing: boolean }[] {
  const tags: { name: string; closing: boolean; selfClosing: boolean }[] = [];
  // The next '>' at or after the tag's name, found once per stretch of the line (linear time).
  let gt = -1;
  for (const match of line.matchAll(TAG)) {
    const name = match[2] as string;
    const after = match.index + match[0].length;
    if (gt !== Infinity && gt < after) {
      const next = line.indexOf('>', after);
      gt = next === -1 ? Infinity : next;
    }
    const selfClosing = VOID_ELEMENTS.has(name.toLowerCase()) || (gt !== Infinity && line[gt - 1] === '/');
    tags.push({ name, closing: match[1] === '/', selfClosing });
  }
  return tags;
}

