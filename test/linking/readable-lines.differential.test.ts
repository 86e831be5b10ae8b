/**
 * Differential test of `readableLines` against what GitHub shows. For generated bodies mixing
 * fences (``` and ~~~ at indents 0–5), nested lists, block quotes, indented code, HTML comments,
 * blank, plain and command lines, the module's verdict on each command line (yielded or not) must
 * equal where markdown-it's *rendered HTML* puts the command's text. The oracle never sees tokens
 * or line maps: it scans the HTML that `render()` produces, roughly as a browser reads it. Two further
 * corpora (comments crossing a quote's edge; inline constructs spanning lines) reach the cases
 * where the module deliberately hides more than GitHub: there it must never yield a line GitHub
 * does not show, and hide few that it does.
 */
import { describe, expect, it } from '@jest/globals';
import MarkdownIt from 'markdown-it';
import { readableLines } from '../../src/linking/readable-lines.js';

// The renderer, built here rather than imported, so the oracle shares no code with the subject.
const md = new MarkdownIt('default', { html: true });

/** Elements whose text is not paragraph text (code, a quote, a heading, a table). */
const HIDING = new Set(['pre', 'code', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table']);
/** Block elements; any other element (`<em>`, `<a>`, a raw `<span>`) is inline. */
const BLOCK = new Set(['p', 'li', 'ul', 'ol', 'div', 'pre', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);
/** Elements with no closing tag. */
const VOID = new Set(['br', 'hr', 'img', 'input']);

/**
 * Whether `needle` (the first occurrence) is shown as paragraph text in `html`: directly in a
 * `<p>`, or in an `<li>` (a tight list's paragraph has no `<p>`), or in no block at all (text
 * whose `<p>` a comment swallowed), with no `<pre>`, `<code>`, `<blockquote>`, heading or table
 * around it, and outside HTML comments. Comments as the browser reads them: a raw `<!--` hides
 * everything, tags included, up to the next raw `-->` (or `--!>`), wherever it is; `<!-->` and
 * `<!--->` are empty. Plus the App's documented widening: a `<!--` shown as text (`&lt;!--`,
 * outside `<pre>`) hides the text up to the next raw `-->` too (the tags still count).
 */
function shownAsParagraphText(html: string, needle: string): boolean {
  const target = html.indexOf(needle);
  if (target < 0) return false;
  const stack: string[] = [];
  const markup = /<!--|&lt;!--|<(\/?)([a-zA-Z][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g;
  /** The widening: a `<!--` that is no comment hides the text up to the next raw `-->`. */
  const widen = (from: number): boolean => {
    const end = html.indexOf('-->', from);
    return end < 0 || end > target;
  };
  let at = 0;
  for (;;) {
    markup.lastIndex = at;
    const match = markup.exec(html);
    if (!match || match.index >= target) break;
    const [found, closing, name] = match;
    const after = match.index + found.length;
    if (after > target) return false; // in a tag: an attribute (an image's alt, a link's title)
    at = after;
    if (found === '<!--') {
      if (html.startsWith('>', after) || html.startsWith('->', after)) continue;
      const ends = [html.indexOf('-->', after), html.indexOf('--!>', after)].filter((i) => i >= 0);
      const end = ends.length > 0 ? Math.min(...ends) : -1;
      if (end < 0 || end > target) return false;
      at = end + (html.startsWith('--!>', end) ? 4 : 3);
    } else if (found === '&lt;!--') {
      if (stack.includes('pre') || html.startsWith('&gt;', after) || html.startsWith('-&gt;', after)) continue;
      if (widen(after)) return false;
    } else {
      // A `<!--` in an attribute of a raw tag is no comment either: the widening again.
      const inTag = found.indexOf('<!--');
      if (inTag >= 0 && widen(match.index + inTag + 4)) return false;
      const tag = (name as string).toLowerCase();
      if (closing) {
        const open = stack.lastIndexOf(tag);
        if (open >= 0) stack.length = open;
      } else if (!VOID.has(tag)) {
        stack.push(tag);
      }
    }
  }
  if (stack.some((tag) => HIDING.has(tag))) return false;
  const block = [...stack].reverse().find((tag) => BLOCK.has(tag));
  return block === undefined || block === 'p' || block === 'li';
}

/** Mulberry32: a small seeded PRNG, so every run generates the same bodies. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Generated {
  body: string;
  /** The command lines: 1-based line number and the command's unique text. */
  commands: Array<{ line: number; needle: string }>;
}

/**
 * A body of 3–9 snippets, each a few lines in one container (top level, list, quote, both).
 * HTML comment markers go everywhere but into quotes, unless `wild`: a comment crossing a quote's
 * edge swallows its `<blockquote>` or `</blockquote>` tag, and the browser's repair of the tree
 * then decides what is quoted, which the module does not follow (it hides more, see below).
 */
function blockBody(seed: number, wild = false): Generated {
  const random = prng(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const spaces = (n: number): string => ' '.repeat(n);
  const lines: string[] = [];
  const commands: Generated['commands'] = [];
  let serial = 0;

  const command = (): string => {
    serial += 1;
    return `/wg c${seed}n${serial}x`;
  };
  const plain = (): string => pick(['plain text', 'more words here', 'see `a` here', 'one ~~two~~ three', 'a - b']);
  const fence = (): string => pick(['```', '~~~', '````', '~~~~', '```ts', '~~~ md']);
  const comment = (): string => pick(['<!-- note -->', 'note <!-- c --> end', '<!-- note -->', '-->', '<!--', 'a <!-- b -->', random() < 0.3 ? '<!-- open' : '-->']);
  let quoted = false;
  const content = (): string => {
    const roll = random();
    if (roll < 0.4) return command();
    if (roll < 0.7 || (quoted && !wild && roll >= 0.85)) return plain();
    if (roll < 0.85) return fence();
    return comment();
  };

  /** A container: the prefix of its first line, and of each later line. */
  const container = (): { first: string; rest: () => string } => {
    const lead = spaces(int(4));
    const kind = int(7);
    quoted = kind >= 4;
    switch (kind) {
      case 0:
      case 1:
        return { first: spaces(int(6)), rest: () => spaces(int(6)) };
      case 2: {
        const marker = pick(['- ', '* ', '1. ', '10. ', '2) ']);
        const aligned = lead + spaces(marker.length);
        return { first: lead + marker, rest: () => pick([aligned, aligned, spaces(int(7)), aligned + '- ', aligned + spaces(2)]) };
      }
      case 3:
        return { first: lead + '- ', rest: () => pick(['  - ', '    ', '      ', '  ', '    - ', '']) };
      case 4: {
        const marker = pick(['> ', '>', '> > ']);
        return { first: lead + marker, rest: () => pick(['> ', '>', '', '> > ', '>     ', spaces(int(5))]) };
      }
      case 5:
        return { first: '> - ', rest: () => pick(['>   ', '> ', '', '  ', '>     ']) };
      default:
        return { first: '- > ', rest: () => pick(['  > ', '  ', '> ', '', '  >     ']) };
    }
  };

  /** The contents of one snippet. */
  const snippet = (): string[] => {
    const noComments = quoted && !wild;
    switch (int(7)) {
      case 0:
      case 1: {
        // A fence with a body and (usually) a closer, each line at its own indent.
        const opener = fence();
        const closer = random() < 0.75 ? opener.replace(/[a-z ]+$/, '') : fence();
        const body = Array.from({ length: 1 + int(3) }, () => (random() < 0.6 ? command() : noComments ? plain() : pick([plain(), comment()])));
        const indent = (): string => spaces(int(6));
        return [opener, ...body.map((line) => indent() + line), ...(random() < 0.9 ? [indent() + closer] : [])];
      }
      case 2:
        if (noComments) return [plain(), command()];
        // A multi-line HTML comment.
        return ['<!--', ...Array.from({ length: 1 + int(2) }, () => (random() < 0.6 ? command() : plain())), '-->'];
      case 3:
        // A paragraph with a command among its lines.
        return Array.from({ length: 1 + int(3) }, () => (random() < 0.5 ? command() : plain()));
      case 4:
        // A paragraph whose backticks may make a code span of the lines between them.
        return [
          plain(),
          pick(['a `b', 'x `` y', spaces(4 + int(2)) + '```', ' ```', '~~~']),
          ...Array.from({ length: 1 + int(2) }, command),
          pick(['c` d', 'y `` z', spaces(4 + int(2)) + '```', '```', ' ~~~']),
        ];
      default:
        return Array.from({ length: 1 + int(4) }, content);
    }
  };

  const snippets = 3 + int(7);
  for (let s = 0; s < snippets; s++) {
    // Outside `wild`, a blank line after a quote, so no comment runs into it as a lazy line.
    if (s > 0 && ((quoted && !wild) || random() < 0.45)) lines.push(random() < 0.8 || (quoted && !wild) ? '' : pick(['  ', '>']));
    // Indented code: a blank line, then lines indented 4 to 6.
    if (random() < 0.12) {
      quoted = false;
      lines.push('');
      for (const line of snippet()) lines.push(spaces(4 + int(3)) + line);
      continue;
    }
    const box = container();
    snippet().forEach((line, i) => lines.push((i === 0 ? box.first : box.rest()) + line));
  }
  lines.forEach((line, i) => {
    const found = /\/wg c\d+n\d+x/.exec(line);
    if (found) commands.push({ line: i + 1, needle: found[0] });
  });
  return { body: lines.join(pick(['\n', '\n', '\r\n'])), commands };
}

/**
 * A paragraph-heavy body of 2–9 lines of inline constructs that may span lines — code spans,
 * raw HTML tags with open attributes, links and their destinations and titles, images, emphasis,
 * escapes, autolinks, comments — around command lines. No raw tag starts a line (that would be
 * an HTML block, whose text the module deliberately does not read).
 */
function inlineBody(seed: number): Generated {
  const random = prng(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const lines: string[] = [];
  let serial = 0;
  const bits = ['[', '](', ')', '![', '`', '``', '<span>', '</span>', '<span title="', '">', '<!--', '-->', '\\', '*', '_', '**', '<http://x', '>', '"', '\t', ' x ', 'word', '[a]: /u', '[a]', '(/u "t', '~~', '&amp;', '<a href="', '</a>', '    ', '  '];
  const n = 2 + int(8);
  for (let i = 0; i < n; i++) {
    if (random() < 0.4) {
      serial += 1;
      lines.push(pick(['', ' ', '  ', '\t', '    ', '- ', '> ']) + `/wg c${seed}n${serial}x` + (random() < 0.3 ? pick(bits) : ''));
    } else if (random() < 0.1) {
      lines.push('');
    } else {
      lines.push(Array.from({ length: 1 + int(4) }, () => pick(bits)).join(pick(['', ' '])).replace(/^<(?=[a-z/])(?!http)/, 'x <'));
    }
  }
  const commands: Generated['commands'] = [];
  lines.forEach((line, i) => {
    const found = /\/wg c\d+n\d+x/.exec(line);
    if (found) commands.push({ line: i + 1, needle: found[0] });
  });
  return { body: lines.join('\n'), commands };
}

/** The rendered HTML of each body, kept: two classifiers are compared over the same corpus. */
const rendered = new WeakMap<Generated, string>();

/** Verdicts of a classifier on every command line of every body, with the oracle's. */
function compare(bodies: readonly Generated[], readable: (body: string) => Set<number>) {
  const mismatches: Array<{ body: string; line: number; module: boolean; github: boolean; html: string }> = [];
  let shown = 0;
  let hidden = 0;
  for (const generated of bodies) {
    const { body, commands } = generated;
    const html = rendered.get(generated) ?? md.render(body);
    rendered.set(generated, html);
    const lines = readable(body);
    for (const { line, needle } of commands) {
      const github = shownAsParagraphText(html, needle);
      if (github) shown += 1;
      else hidden += 1;
      if (lines.has(line) !== github) mismatches.push({ body, line, module: lines.has(line), github, html });
    }
  }
  return { mismatches, shown, hidden };
}

const moduleLines = (body: string): Set<number> => new Set([...readableLines(body)].map((l) => l.line));

const BODIES = Array.from({ length: 1000 }, (_, i) => blockBody(1000 + i));
const MAIN = compare(BODIES, moduleLines);

describe('readableLines: differential against markdown-it\'s rendered HTML', () => {
  it('generates a varied corpus: 1,000 bodies with every ingredient, commands shown and hidden', () => {
    const having = (pattern: RegExp): number => BODIES.filter(({ body }) => pattern.test(body)).length;
    expect(having(/^ {4}(```|~~~)/m)).toBeGreaterThan(50);
    expect(having(/^ {5}(```|~~~)/m)).toBeGreaterThan(50);
    expect(having(/^ {0,3}~~~/m)).toBeGreaterThan(50);
    expect(having(/^ {2,}(?:[-*]|\d+[.)]) /m)).toBeGreaterThan(50); // a nested (or indented) list item
    expect(having(/^ {0,3}>/m)).toBeGreaterThan(50);
    expect(having(/^ {0,3}(?:[-*]|\d+[.)]) +>|^ {0,3}> *[-*] /m)).toBeGreaterThan(50); // a quote in a list, a list in a quote
    expect(having(/(?:^|\n)\r?\n {4,}\S/)).toBeGreaterThan(50); // indented code after a blank line
    expect(having(/<!--/)).toBeGreaterThan(50);
    expect(having(/\r\n/)).toBeGreaterThan(50);
    expect(MAIN.shown).toBeGreaterThan(1000);
    expect(MAIN.hidden).toBeGreaterThan(1000);
    // Every command is unique, so the oracle finds the right one.
    for (const { commands } of BODIES) expect(new Set(commands.map((c) => c.needle)).size).toBe(commands.length);
  });

  it('yields a command line exactly when GitHub shows it as paragraph text', () => {
    expect(MAIN.mismatches.slice(0, 3)).toEqual([]);
    expect(MAIN.mismatches).toHaveLength(0);
  });

  it('tells a wrong classifier apart: the hand-written rules it replaces disagree on many lines', () => {
    // The fence, quote and comment rules of the subset this module replaced, in short.
    const subset = (body: string): Set<number> => {
      const out = new Set<number>();
      let fence: string | undefined;
      let quote = false;
      let comment = false;
      body.split(/\r\n|\r|\n/).forEach((raw, i) => {
        if (comment) {
          comment = !raw.includes('-->');
          return;
        }
        if (fence) {
          if (/^ {0,3}\S/.test(raw) && raw.trim().startsWith(fence)) fence = undefined;
          return;
        }
        const opener = /^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(`{3,}|~{3,})/.exec(raw);
        if (opener) {
          fence = opener[1];
          return;
        }
        if (raw.includes('<!--') && !raw.includes('-->')) comment = true;
        if (/^ {0,3}>/.test(raw)) {
          quote = true;
          return;
        }
        if (raw.trim() === '') quote = false;
        if (!quote) out.add(i + 1);
      });
      return out;
    };
    expect(compare(BODIES, subset).mismatches.length).toBeGreaterThan(100);
  });
});

describe('readableLines: comments crossing a quote\'s edge', () => {
  const WILD = compare(Array.from({ length: 400 }, (_, i) => blockBody(5000 + i, true)), moduleLines);

  it('never yields a command line GitHub does not show as paragraph text, and hides few it shows', () => {
    expect(WILD.shown).toBeGreaterThan(200);
    expect(WILD.hidden).toBeGreaterThan(1000);
    // Hiding more is the documented widening; obeying a hidden command would be a fault.
    expect(WILD.mismatches.filter((m) => m.module).slice(0, 3)).toEqual([]);
    expect(WILD.mismatches.length).toBeLessThan(WILD.shown / 20);
  });
});

describe('readableLines: inline constructs across lines', () => {
  const INLINE = compare(Array.from({ length: 400 }, (_, i) => inlineBody(300000 + i)), moduleLines);

  it('never yields a command line GitHub does not show as paragraph text, and hides few it shows', () => {
    expect(INLINE.shown).toBeGreaterThan(200);
    expect(INLINE.hidden).toBeGreaterThan(200);
    expect(INLINE.mismatches.filter((m) => m.module).slice(0, 3)).toEqual([]);
    // What it hides more: a `<!--` GitHub turns into a link's address or an attribute.
    expect(INLINE.mismatches.length).toBeLessThan(INLINE.shown / 50);
  });
});

describe('the oracle itself', () => {
  const shown = (body: string, needle = '/wg x'): boolean => shownAsParagraphText(md.render(body), needle);

  it('shows paragraph text, at the top level and in tight and loose list items', () => {
    expect(shown('/wg x')).toBe(true);
    expect(shown('- a\n  /wg x')).toBe(true);
    expect(shown('- a\n\n  /wg x\n- b')).toBe(true);
  });

  it('hides code, quotes, headings and comments', () => {
    expect(shown('```\n/wg x\n```')).toBe(false);
    expect(shown('    /wg x')).toBe(false);
    expect(shown('a `b\n/wg x c`')).toBe(false);
    expect(shown('> /wg x')).toBe(false);
    expect(shown('/wg x\n---')).toBe(false);
    expect(shown('<!--\n/wg x\n-->')).toBe(false);
    expect(shown('- <!--\n/wg x')).toBe(false);
    expect(shown('a <!-- b\n/wg x')).toBe(false);
    expect(shown('/wg y')).toBe(false);
  });

  it('hides text in attributes, shows link and emphasis text, and text after a comment that closed', () => {
    expect(shown('![a\n/wg x](/u)')).toBe(false);
    expect(shown('a <span title="\n/wg x">b</span>')).toBe(false);
    expect(shown('[a\n/wg x *b*](/u)')).toBe(true);
    expect(shown('<!-- a -->\n/wg x')).toBe(true);
    expect(shown('- <!--\n\n<!-- b -->\n/wg x')).toBe(true);
  });
});
