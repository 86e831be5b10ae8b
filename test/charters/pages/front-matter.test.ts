/**
 * A page's front matter as YAML reads it: plain `key: value` lines give what the same values
 * double-quoted give; what is not plain text (booleans, numbers, null, comments, continuation
 * lines, repeated keys, a 70 KiB value) gets YAML's reading and its diagnostics, at page lines.
 */
import { describe, expect, it } from '@jest/globals';
import { readFrontMatter } from '../../../src/charters/pages/front-matter.js';

const FILE = 'docs/community/working-groups/registry.mdx';
const read = (text: string) => readFrontMatter(FILE, { text, line: 2 });
/** The same front matter with every value double-quoted: YAML's reading, never the simple one. */
const quoted = (text: string) => text.replace(/^([\w-]+): (.+)$/gm, (_, key: string, value: string) => `${key}: ${JSON.stringify(value)}`);

describe('readFrontMatter', () => {
  it.each([
    ['the template\'s', 'title: Registry Charter\ndescription: Charter for the MCP Registry Working Group.'],
    ['a retired page\'s', 'title: Enterprise-Managed Authorization Charter\n\nstatus: retired\nretired_on: 2026-08-17\nretired_reason: Folded into the Authorization IG (see issue 12); "auth" it is.\nretired_issue: https://github.com/modelcontextprotocol/modelcontextprotocol/issues/1234'],
    ['an unknown date\'s', 'title: X Charter\nstatus: retired\nretired_on: unknown\nretired_reason: Merged.'],
    ['a malformed marker\'s', 'title: X Charter\nstatus: Retired\nretired_on: 2026-02-30\nretired_issue: ftp://x'],
    ['a page without a title\'s', 'description: d\nsidebarTitle: X\nicon: users'],
    ['a page with an active status\'s', 'icon: users\nstatus: active\ntitle: A:B [x] {y} | z > w <v> *u* `t` 100% & co!'],
  ])('reads %s plain front matter as the same values quoted', (_, text) => {
    expect(quoted(text)).not.toBe(text);
    expect(read(text)).toEqual(read(quoted(text)));
  });

  it('reads what is not plain text as YAML does, with its diagnostics at page lines', () => {
    expect(read('title: true').front.title).toBeUndefined();
    expect(read('title: 2026').diagnostics).toEqual([expect.objectContaining({ rule: 'page-front-matter', line: 2 })]);
    expect(read('title: null\nstatus: retired').diagnostics.map((d) => `${d.rule}@${d.line}`)).toEqual(['page-front-matter@2', 'page-retirement-marker@3', 'retired-date-missing@3']);
    expect(read('title: a: b').diagnostics).toEqual([expect.objectContaining({ rule: 'yaml-syntax', line: 2 })]);
    expect(read('title: X\ntitle: Y').diagnostics).toEqual([expect.objectContaining({ rule: 'yaml-duplicate-key', line: 3 })]);
    expect(read('title: X # a comment').front.title).toEqual({ text: 'X', line: 2 });
    expect(read('title: X Charter\n  continued').front.title).toEqual({ text: 'X Charter continued', line: 2 });
    expect(read('title: Zürich Charter\nnull: x').front.title).toEqual({ text: 'Zürich Charter', line: 2 });
    expect(read('').diagnostics).toEqual([expect.objectContaining({ rule: 'page-front-matter', message: expect.stringMatching(/empty/) })]);
    expect(read(`title: ${'x'.repeat(70 * 1024)}`).diagnostics).toEqual([expect.objectContaining({ rule: 'page-front-matter', message: expect.stringMatching(/larger than 64 KiB/) })]);
  });
});
