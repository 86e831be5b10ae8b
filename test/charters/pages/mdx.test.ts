/**
 * MDX reduced to the Markdown the page reader parses, line for line: front matter cut off,
 * `{/* … *\/}` comments removed, JSX elements set aside (their text kept apart, for the retirement
 * check) — and the Markdown blocks read from it.
 */
import { describe, expect, it } from '@jest/globals';
import { reduceMdx } from '../../../src/charters/pages/mdx.js';
import { allSections, parseBody, sectionKey } from '../../../src/charters/pages/page-blocks.js';

describe('reduceMdx', () => {
  it('cuts the front matter, keeping the page\'s line numbers', () => {
    const r = reduceMdx('---\ntitle: X Charter\ndescription: d\n---\n\n## Group Type\n');
    expect(r.frontMatter).toEqual({ text: 'title: X Charter\ndescription: d', line: 2 });
    expect(r.body.split('\n')).toEqual(['', '', '', '', '', '## Group Type', '']);
    expect(r.problems).toEqual([]);
  });

  it('reads no front matter unless the first line is "---"', () => {
    expect(reduceMdx('\n---\ntitle: x\n---\n').frontMatter).toBeNull();
    expect(reduceMdx('---\ntitle: x\n').problems).toEqual([expect.objectContaining({ rule: 'page-front-matter', line: 1 })]);
  });

  it('removes comments, keeping their line breaks (one line or several)', () => {
    const r = reduceMdx('a {/* one */} b\n{/* two\nlines */}\nc\n');
    expect(r.body).toBe('a  b\n\n\nc\n');
  });

  it('sets JSX elements aside with their first line: nested and multi-paragraph ones whole, self-closing and void ones too', () => {
    const text = ['intro', '<Note>', '  As of today', '', '  <Tip>inner</Tip>', 'the end.</Note>', 'after', '<Card title="x" />', '<br>', 'last'].join('\n');
    const r = reduceMdx(text);
    expect(r.jsx).toEqual([
      { line: 2, text: '<Note>\n  As of today\n\n  <Tip>inner</Tip>\nthe end.</Note>' },
      // Adjacent elements make one block.
      { line: 8, text: '<Card title="x" />\n<br>' },
    ]);
    expect(r.body.split('\n')).toEqual(['intro', '', '', '', '', '', 'after', '', '', 'last']);
    expect(r.problems).toEqual([]);
  });

  it('leaves tags in fenced code and inline HTML in a paragraph alone', () => {
    const text = '```mdx\n<Note>\n```\n\nText with <b>bold</b> and a <T> type.\n';
    const r = reduceMdx(text);
    expect(r.jsx).toEqual([]);
    expect(r.body).toBe(text);
  });

  it('reports an element never closed and a closing tag that closes nothing, and sets aside only their lines', () => {
    const r = reduceMdx('<Warning>\nkept\n</Note>\n');
    expect(r.problems.map((p) => `${p.rule}@${p.line} ${p.message}`)).toEqual([
      'page-mdx-unclosed@1 the element <Warning> opened here is never closed; the page does not compile as MDX',
      'page-mdx-unclosed@3 the closing tag </Note> here closes no open element; the page does not compile as MDX',
    ]);
    expect(r.body).toBe('\nkept\n\n');
  });

  it('closes an element whose inner element is left open, reporting the inner one', () => {
    const r = reduceMdx('<Note>\n<Tip>\n</Note>\nafter\n');
    expect(r.problems).toEqual([expect.objectContaining({ line: 2, message: expect.stringMatching(/<Tip> opened here is never closed/) })]);
    expect(r.body).toBe('\n\n\nafter\n');
  });
});

describe('parseBody', () => {
  it('reads headings into sections, tables with their row lines, and inline links and code', () => {
    const parsed = parseBody('## Leadership\n\n| Role | GitHub |\n| - | - |\n| Lead | [@a](https://github.com/a) |\n\n### Sub\n\nDiscord: `#x-wg` and [#y](https://d)\n');
    if (!parsed.ok) throw new Error('not parsed');
    const [leadership] = allSections(parsed.root);
    expect(leadership).toMatchObject({ title: 'Leadership', key: 'leadership', level: 2, line: 1 });
    const table = parsed.blocks.find((b) => b.kind === 'table');
    expect(table).toMatchObject({ line: 3, rowsNotRead: 0, rows: [{ line: 5 }] });
    const paragraph = parsed.blocks.find((b) => b.kind === 'paragraph');
    expect(paragraph).toMatchObject({ line: 9, inline: { text: 'Discord: #x-wg and #y', codes: ['#x-wg'], links: [{ href: 'https://d', text: '#y', line: 9 }] } });
  });

  it('compares headings ignoring case, "&"/"and", "(WG only)" and a trailing colon', () => {
    expect(sectionKey('Authority & Decision Rights (WG only)')).toBe('authority and decision rights');
    expect(sectionKey('DELIVERABLES AND SUCCESS METRICS:')).toBe('deliverables and success metrics');
  });
});
