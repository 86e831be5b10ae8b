/**
 * The one home of escaping (`src/markdown/escape.ts`): each function against the context it writes
 * into, read back with the App's GitHub-like markdown-it where the rendering matters.
 */
import { describe, expect, it } from '@jest/globals';
import { createMarkdown } from '../../src/markdown/blocks.js';
import {
  echoTyped,
  fencedBlock,
  inlineCode,
  inlineText,
  link,
  linkDestination,
  listItem,
  MAX_ECHO_LENGTH,
  mention,
  neutralText,
  oneLine,
  plainText,
  profileLink,
  quietMention,
  tableCell,
  tableCellText,
  tableRow,
} from '../../src/markdown/escape.js';

const J = '\u2060';
const md = createMarkdown();

/** The text a reader sees of one paragraph of Markdown (entities decoded, escapes resolved). */
function rendered(markdown: string): string {
  return md
    .parseInline(markdown, {})
    .flatMap((t) => t.children ?? [])
    .map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : t.type === 'softbreak' ? '\n' : `<${t.type}>`))
    .join('');
}

describe('echoTyped', () => {
  it('keeps ids and shows everything else as code points, in a code span', () => {
    expect(echoTyped('registry')).toBe('`registry`');
    expect(echoTyped('r\u0435gistry')).toBe('`r[U+0435]gistry`');
    expect(echoTyped('@org/team')).toBe('`[U+0040]org[U+002F]team`');
    expect(echoTyped('a`b')).toBe('`a[U+0060]b`');
  });

  it(`cuts at ${MAX_ECHO_LENGTH} code points`, () => {
    expect(echoTyped('a'.repeat(MAX_ECHO_LENGTH + 5))).toBe(`\`${'a'.repeat(MAX_ECHO_LENGTH)}…\``);
  });
});

describe('plainText and inlineText', () => {
  it('escapes Markdown and HTML punctuation, and breaks mentions and references', () => {
    expect(plainText('Registry Working Group')).toBe('Registry Working Group');
    expect(plainText('@org/team')).toBe(`@${J}org/team`);
    expect(plainText('Fixes #12')).toBe(`Fixes \\#${J}12`);
    expect(plainText('<img src=x>')).toBe('\\<img src=x\\>');
    expect(plainText('[x](javascript:alert(1))')).toBe('\\[x\\]\\(javascript:alert\\(1\\)\\)');
    expect(plainText('a | b')).toBe('a \\| b');
    expect(plainText('*a* _b_ ~c~ `d` $e$')).toBe('\\*a\\* \\_b\\_ \\~c\\~ \\`d\\` \\$e\\$');
  });

  it('writes & as an entity, so an entity in the text cannot decode into a mention', () => {
    expect(plainText('Tools & Resources')).toBe('Tools &amp; Resources');
    expect(rendered(plainText('&#64;org &#35;12')).replaceAll(J, '')).toBe('&#64;org &#35;12');
  });

  it('breaks the references GitHub finds without a #: GH-12, issue URLs, www. autolinks', () => {
    expect(plainText('Fixes GH-12')).toBe(`Fixes GH-${J}12`);
    expect(plainText('Fixes https://github.com/o/r/issues/2')).toBe(`Fixes https:${J}//github.com/o/r/issues/2`);
    expect(plainText('see www.example.com')).toBe(`see www${J}.example.com`);
    expect(plainText('swww.example.com')).toBe('swww.example.com');
  });

  it('shows bidirectional and control characters instead of obeying them', () => {
    expect(plainText('\u202Eevil')).toBe('\\[U\\+202E\\]evil');
    expect(rendered(plainText('a\u0007b\u2066c'))).toBe('a[U+0007]b[U+2066]c');
  });

  it('keeps a line from opening a list, a thematic break or a setext heading', () => {
    expect(plainText('- item')).toBe('\\- item');
    expect(plainText('1. item')).toBe('1\\. item');
    expect(plainText('2) item')).toBe('2\\) item');
    expect(plainText('a\n---\n===')).toBe('a\n\\---\n\\===');
    expect(plainText('2025-07-24')).toBe('2025-07-24');
    expect(md.parse(plainText('line\n### heading\n- item\n\n---'), {}).map((t) => t.type)).not.toEqual(expect.arrayContaining(['heading_open', 'bullet_list_open', 'hr']));
  });

  it('inlineText puts it on one line first', () => {
    expect(inlineText('a\r\nb\nc\u2028d')).toBe('a b c d');
    expect(inlineText('x\n- y')).toBe('x - y');
    expect(oneLine('a\r\n\r\nb')).toBe('a  b');
  });

  it('reads back as the text typed', () => {
    const text = 'A <b>&amp;</b> | [x](y) `z` *w* #1 @u \\ GH-1 https://h.example';
    expect(rendered(inlineText(text)).replaceAll(J, '')).toBe(text);
  });
});

describe('table cells and list items', () => {
  it('tableCell escapes only the pipes not escaped yet, and flattens line breaks', () => {
    expect(tableCell('a | b')).toBe('a \\| b');
    expect(tableCell(inlineText('a | b'))).toBe('a \\| b');
    expect(tableCell('`a|b`\nc')).toBe('`a\\|b` c');
    expect(tableCellText('| a |\n### b')).toBe(`\\| a \\| \\#${J}\\#${J}\\#${J} b`);
  });

  it('a row keeps its columns, whatever a cell holds', () => {
    const table = ['| a | b |', '| --- | --- |', tableRow([tableCellText('x | y\nz'), tableCell(inlineCode('p|q'))])].join('\n');
    const tokens = md.parse(table, {});
    expect(tokens.filter((t) => t.type === 'td_open')).toHaveLength(2);
    expect(tokens.filter((t) => t.type === 'inline').map((t) => t.content)).toEqual(['a', 'b', 'x | y z', '`p|q`']);
  });

  it('listItem is one line at its depth', () => {
    expect(listItem('a\nb')).toBe('- a b');
    expect(listItem('c', 1)).toBe('  - c');
  });
});

describe('inlineCode and fencedBlock', () => {
  it('a code span longer than any backtick run inside, padded where CommonMark strips', () => {
    expect(inlineCode('wg:registry')).toBe('`wg:registry`');
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`a``')).toBe('``` `a`` ```');
    expect(inlineCode(' a ')).toBe('`  a  `');
    expect(inlineCode('')).toBe('` `');
    expect(inlineCode('a\nb')).toBe('`a b`');
    for (const text of ['a`b', '`a``', ' a ', '``', 'x ``` y']) {
      const [token] = md.parseInline(inlineCode(text), {})[0]?.children ?? [];
      expect(token).toMatchObject({ type: 'code_inline', content: text });
    }
  });

  it('a fence longer than any backtick run inside, so nothing closes it early', () => {
    expect(fencedBlock('x')).toBe('```\nx\n```');
    expect(fencedBlock('a\n````\nb\n', 'ts <x>')).toBe('`````ts\na\n````\nb\n`````');
    const text = 'line\n```\n</details>\n@org';
    const tokens = md.parse(fencedBlock(text), {});
    expect(tokens.map((t) => t.type)).toEqual(['fence']);
    expect(tokens[0]?.content).toBe(`${text}\n`);
  });
});

describe('links and logins', () => {
  it('linkDestination percent-encodes what could end the link or split a cell', () => {
    expect(linkDestination('https://x.example/a b(c)|d')).toBe('https://x.example/a%20b%28c%29%7Cd');
    expect(linkDestination('https://x.example/?a=1&b=2')).toBe('https://x.example/?a=1&amp;b=2');
  });

  it('link escapes its text and links only http(s) and relative URLs', () => {
    expect(link('notes [1]', 'https://x.example/n')).toBe('[notes \\[1\\]](https://x.example/n)');
    expect(link('charter', 'registry.yaml')).toBe('[charter](registry.yaml)');
    expect(link('x', 'javascript:alert(1)')).toBe('x');
    expect(link('x', 'data:text/html,1')).toBe('x');
  });

  it('mention only a login; name without notifying otherwise', () => {
    expect(mention('rdimitrov')).toBe('@rdimitrov');
    expect(mention('org/team')).toBe('`org[U+002F]team`');
    expect(quietMention('rdimitrov')).toBe(`@${J}rdimitrov`);
    expect(quietMention('a b')).toBe('a b');
    expect(profileLink('rdimitrov')).toBe('[rdimitrov](https://github.com/rdimitrov)');
    expect(profileLink('@org/team')).toBe(`@${J}org/team`);
  });
});

describe('neutralText (plain-text places: titles, annotations)', () => {
  it('adds nothing visible and escapes nothing, but breaks mentions, references and tags', () => {
    expect(neutralText('write logins without "@"')).toBe('write logins without "@"');
    expect(neutralText('@org/team #12 a#b <img> a < b')).toBe(`@${J}org/team #${J}12 a#b <${J}img> a < b`);
    expect(neutralText('Fixes https://github.com/o/r/issues/2')).toBe(`Fixes https:${J}//github.com/o/r/issues/2`);
    expect(neutralText('\u202Eevil\nnext')).toBe('[U+202E]evil\nnext');
  });
});
