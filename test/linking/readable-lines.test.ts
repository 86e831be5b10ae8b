import { describe, expect, it } from '@jest/globals';
import MarkdownIt from 'markdown-it';
import { parseGroupCommands } from '../../src/linking/commands.js';
import { MAX_READABLE_LENGTH, readableLines } from '../../src/linking/readable-lines.js';
import { PARSE_BUDGET } from '../../src/markdown/blocks.js';
import { parseWork } from '../support/parse-work.js';

/** The 1-based numbers of the lines `readableLines` yields. */
function read(body: string): number[] {
  return [...readableLines(body)].map((l) => l.line);
}

/** The commands of a body as compact strings, e.g. `wg registry @3`. */
function commands(body: string): string[] {
  return parseGroupCommands(body).map((c) => [c.command, ...c.ids, `@${c.line}`].join(' '));
}

const md = new MarkdownIt('default', { html: true });

describe('readableLines: the cases of issue 12, as GitHub renders them', () => {
  it('does not obey a command after a list item\'s fence when GitHub renders it as code', () => {
    // `/wg shown` ends the item and its fence; the second `   ~~~` opens a top-level fence.
    const body = '1. item\n   ~~~\n/wg shown\n   ~~~\n/wg registry';
    expect(md.render(body)).toContain('<pre><code>/wg registry</code></pre>');
    expect(commands(body)).toEqual(['wg shown @3']);
  });

  it('obeys a command after an indented code block that holds a ``` line', () => {
    const body = 'text\n\n    ```\n    /wg hidden\n\n/wg registry';
    expect(md.render(body)).toContain('<p>/wg registry</p>');
    expect(commands(body)).toEqual(['wg registry @6']);
  });

  it('obeys a command after a fence in a nested list closed at 5 spaces (1 past the item\'s indent)', () => {
    const body = '- a\n  - b\n    ```\n    /wg hidden\n     ```\n/wg registry';
    expect(md.render(body)).toContain('<p>/wg registry</p>');
    expect(commands(body)).toEqual(['wg registry @6']);
  });

  it('obeys a command after a fence in a quote followed by a plain line (no lazy continuation)', () => {
    const body = '> ```\n> /wg hidden\nplain\n/wg registry';
    expect(md.render(body)).toContain('<p>plain\n/wg registry</p>');
    expect(commands(body)).toEqual(['wg registry @4']);
  });
});

describe('readableLines: paragraph text only', () => {
  it('reads paragraphs at the top level and in tight and loose list items, with their line numbers', () => {
    expect(read('a\n/wg b\n\n- c\n  /wg d\n- e\n\n  /wg f')).toEqual([1, 2, 4, 5, 6, 8]);
  });

  it('reads LF, CRLF and lone CR alike', () => {
    expect(read('a\r\n\r\n/wg b\r/wg c\n')).toEqual([1, 3, 4]);
  });

  it('hides a line inside a code span that spans lines (backticks in a paragraph, not a fence)', () => {
    const body = 'plain\n    ```\n/wg hidden\n    ```\n/wg shown';
    expect(md.render(body)).toContain('<code>/wg hidden    </code>');
    expect(read(body)).toEqual([1, 2, 5]); // line 4's backticks close the span
    expect(commands('a `b\n/wg hidden\nc` d\n/wg shown')).toEqual(['wg shown @4']);
  });

  it('hides a line inside a link destination or title or an image description, reads link text', () => {
    const body = '[a](\n/wg "t")\n[b\n/wg c](/u "t\n/wg d")\n![e\n/wg f](/u)';
    expect(md.render(body)).toContain('<a href="/wg" title="t">a</a>');
    expect(read(body)).toEqual([1, 3, 4, 6]);
  });

  it('hides headings, setext ones too: a line underlined with --- is no paragraph', () => {
    expect(commands('# /wg a\n/wg b\n---\n\n/wg c\n===\n\n/wg d')).toEqual(['wg d @8']);
  });

  it('hides the text of HTML blocks and table rows', () => {
    expect(commands('<div>\n/wg a\n</div>\n\n/wg b')).toEqual(['wg b @5']);
    expect(commands('/wg a | b\n--- | ---\n/wg c | d\n\n/wg e')).toEqual(['wg e @5']);
  });

  it('hides block quotes at any depth, in lists and around them, and their lazy lines', () => {
    expect(commands('- > /wg a\n\n> - /wg b\n> /wg c\n/wg lazy\n\n/wg d')).toEqual(['wg d @7']);
  });
});

describe('readableLines: HTML comments', () => {
  it('cuts comments out of a line\'s text, keeping its leading spaces', () => {
    expect([...readableLines('  /wg a <!-- b --> c')]).toEqual([{ line: 1, raw: '  /wg a <!-- b --> c', text: '  /wg a  c' }]);
  });

  it('closes a comment at a --> in inline HTML of a heading or a table cell, as on GitHub', () => {
    expect(commands('## Summary <!-- required -->\n/wg a')).toEqual(['wg a @2']);
    expect(commands('| a | b |\n|---|---|\n| x <!-- y --> | z |\n\n/wg a')).toEqual(['wg a @5']);
    expect(commands('- <!--\n\n# t <!-- x -->\n/wg a')).toEqual(['wg a @4']);
  });

  it('does not close a comment at a --> GitHub shows as text: the browser runs the comment on', () => {
    // The `<!--` of the list item is raw HTML; the `-->` of line 4 is paragraph text (`--&gt;`).
    const body = '- item\n  <!--\n/wg a\n-->\n/wg b\n<!-- x -->\n/wg c';
    expect(md.render(body)).toContain('<p>/wg a\n--&gt;\n/wg b</p>');
    expect(commands(body)).toEqual(['wg c @7']);
  });

  it('reads nothing after a comment an HTML block opens in a quote and leaves open past it', () => {
    // The comment swallows `</blockquote>`: the browser shows the rest inside the quote.
    expect(commands('> <!--\n\n/wg a\n-->\n<!-- b -->\n/wg c')).toEqual([]);
    expect(commands('> <!--\n> -->\n\n/wg c')).toEqual(['wg c @4']);
  });

  it('opens a comment at a <!-- in an inline code span, deliberately wider than GitHub', () => {
    expect(commands('see `<!--`\n/wg a\n<!-- -->\n/wg b')).toEqual(['wg b @4']);
    // A line that begins inside the comment stays hidden, though the comment closes on it.
    expect(read('see `<!--`\n/wg a <!-- c --> d\n/wg b')).toEqual([1, 3]);
  });
});

describe('readableLines: bounds', () => {
  it('reads a body of MAX_READABLE_LENGTH code units and throws a RangeError past it', () => {
    expect(MAX_READABLE_LENGTH).toBe(65_536);
    expect(read(`/wg a\n${'x'.repeat(MAX_READABLE_LENGTH - 6)}`)).toEqual([1, 2]);
    expect(() => read('x'.repeat(MAX_READABLE_LENGTH + 1))).toThrow(RangeError);
  });

  it('reads an ordinary body of 64 Ki in full', () => {
    const part = '## Notes\n\nText with `code`, a [link](https://x.test) and <b>HTML</b>.\n\n- one\n- two\n  more\n\n' +
      '> quoted\n> more\n\n```ts\nconst x = 1;\n```\n\n<!-- hint -->\n/wg registry\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n';
    const body = part.repeat(Math.floor(MAX_READABLE_LENGTH / part.length));
    const found = [...readableLines(body)].filter((l) => l.raw === '/wg registry');
    expect(found).toHaveLength(Math.floor(MAX_READABLE_LENGTH / part.length));
  });

  // Work, not time (the time is `npm run bench`'s, bench/hostile-text.ts): the parse is stopped
  // once it has made PARSE_BUDGET block-rule checks, where the whole body would need 30 times more.
  it('stops a parse markdown-it would take seconds on (quotes re-scanned for lazy lines), reading nothing', () => {
    const crafted = (length: number) => `/wg a\n\n${'> ```\nx\n'.repeat(8192)}`.slice(0, length);
    const body = crafted(MAX_READABLE_LENGTH);
    const stopped = parseWork(() => read(body));
    expect(stopped.result).toEqual([]);
    expect(stopped.parses.map((p) => p.checks)).toEqual([PARSE_BUDGET + 1]);
    // The same text cut short is read (its first line, and each `x` after a quoted fence), and its
    // work grows with the square of its length: 4 times the checks for twice the text.
    const short = parseWork(() => [read(crafted(2048)), read(crafted(4096))]);
    expect(short.result.map((lines) => lines.slice(0, 3))).toEqual([[1, 4, 6], [1, 4, 6]]);
    const [at2Ki, at4Ki] = short.parses.map((p) => p.checks ?? 0);
    expect(at4Ki).toBeGreaterThan(3.5 * (at2Ki ?? 0));
    // At that rate the whole body, 32 times the shorter text, needs over 10 times the budget.
    expect(32 * 32 * (at2Ki ?? 0)).toBeGreaterThan(10 * PARSE_BUDGET);
  });
});
