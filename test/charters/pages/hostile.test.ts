/**
 * Hostile charter pages and navigation files: a page can come from a fork's pull request. Each
 * input yields a clear diagnostic and the validator returns; nothing throws, nothing in a page is
 * executed, and one bad file never hides the others. (No wall-clock assertions: jest's timeout is
 * the guard against a hang.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { RULES } from '../../../src/charters/diagnostics.js';
import { DEFAULT_PAGE_LAYOUT } from '../../../src/charters/pages/layout.js';
import { MAX_TABLE_ROWS } from '../../../src/charters/pages/page-blocks.js';
import { MAX_NAV_BYTES, MAX_PAGE_BYTES, validateCharterPages } from '../../../src/charters/pages/validate-pages.js';
import type { PageValidationResult } from '../../../src/charters/pages/validate-pages.js';
import { MAX_DIAGNOSTICS_PER_FILE } from '../../../src/charters/validate.js';

const FILE = 'docs/community/working-groups/registry.mdx';
const OTHER = 'docs/community/interest-groups/security.mdx';
const REGISTRY = readFileSync('examples/mcp-pages/docs/community/working-groups/registry.mdx', 'utf8');
const SECURITY = readFileSync('examples/mcp-pages/docs/community/interest-groups/security.mdx', 'utf8');
const NAV = JSON.stringify({ navigation: [{ group: 'Working Group Charters', pages: ['community/working-groups/registry'] }, { group: 'Interest Group Charters', pages: ['community/interest-groups/security'] }] });
/** What the registry page itself gives (its channel is #registry-dev). */
const REGISTRY_OWN = ['discord-suffix@79'];
const SECURITY_OWN = ['page-leads-not-members@79', 'page-leads-not-members@80'];

function validate(content: string | Uint8Array, nav: string | Uint8Array | null = NAV, byteLength?: number): PageValidationResult {
  const page = { file: FILE, content, ...(byteLength === undefined ? {} : { byteLength }) };
  return validateCharterPages([page, { file: OTHER, content: SECURITY }], nav === null ? null : { file: 'docs/docs.json', content: nav }, {
    now: new Date('2026-12-07T12:00:00Z'),
    layout: DEFAULT_PAGE_LAYOUT,
  });
}
const found = (r: PageValidationResult, file = FILE) => r.diagnostics.filter((d) => d.file === file).map((d) => `${d.rule}@${d.line}`);
const lines = (text: string) => text.split('\n').length;
/** The registry page with `extra` appended after its last line (line `lines(REGISTRY)` on). */
const appended = (extra: string) => `${REGISTRY}${extra}`;

function expectSane(r: PageValidationResult): void {
  for (const d of r.diagnostics) {
    expect(d.severity).toBe(RULES[d.rule].severity);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.message.length).toBeLessThanOrEqual(1001);
  }
  // The other page is never hidden by a bad one.
  expect(found(r, OTHER)).toEqual(SECURITY_OWN);
}

describe('size and encoding', () => {
  it('reports a 5 MB page without parsing it', () => {
    const r = validate('# x\n'.repeat(1310720));
    expectSane(r);
    expect(found(r)).toEqual(['file-too-large@1']);
    expect(r.diagnostics.find((d) => d.file === FILE)?.message).toBe(`the file is 5242880 bytes; a charter page may be at most ${MAX_PAGE_BYTES} bytes (256 KiB)`);
    expect(r.charters.map((c) => c.file)).toEqual([OTHER]);
  });

  it('reports a page read only in part by its real size', () => {
    const r = validate(REGISTRY.slice(0, 100), NAV, 9_000_000);
    expect(found(r)).toEqual(['file-too-large@1']);
  });

  it('reports binary bytes (a NUL) and invalid UTF-8 at the first bad byte', () => {
    const binary = validate(new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0x00, 0x01]));
    expectSane(binary);
    expect(binary.diagnostics.filter((d) => d.file === FILE)).toEqual([expect.objectContaining({ rule: 'file-encoding', line: 2, column: 2 })]);
    const latin1 = validate(new Uint8Array([...new TextEncoder().encode('---\ntitle: Caf'), 0xe9, 0x0a]));
    expect(latin1.diagnostics.filter((d) => d.file === FILE)).toEqual([expect.objectContaining({ rule: 'file-encoding', line: 2, column: 11, message: 'the file is not valid UTF-8 text; save it as UTF-8' })]);
  });

  it('reads a page with a byte order mark and CRLF line endings line for line', () => {
    const r = validate(`\uFEFF${REGISTRY.replace(/\n/g, '\r\n')}`);
    expect(found(r)).toEqual(REGISTRY_OWN);
    expect(r.charters.find((c) => c.file === FILE)?.charter.leads).toEqual([{ login: 'rdimitrov', term: 'Initial' }]);
  });
});

describe('Markdown and MDX', () => {
  it('cuts 10,000 nested block quotes', () => {
    const r = validate(appended(`${'>'.repeat(10000)} deep\n`));
    expectSane(r);
    expect(found(r)).toEqual([...REGISTRY_OWN, `page-markdown-limit@${lines(REGISTRY)}`]);
    expect(r.diagnostics.find((d) => d.rule === 'page-markdown-limit')?.message).toMatch(/nests deeper than 20 levels/);
  });

  it('cuts 10,000 nested lists, on one line and indented', () => {
    expect(found(validate(appended(`${'- '.repeat(10000)}deep\n`)))).toEqual([...REGISTRY_OWN, `page-markdown-limit@${lines(REGISTRY)}`]);
    const indented = Array.from({ length: 400 }, (_, i) => `${' '.repeat(2 * i)}- level ${i}`).join('\n');
    expect(found(validate(appended(`${indented}\n`)))).toEqual([...REGISTRY_OWN, `page-markdown-limit@${lines(REGISTRY) + 9}`]);
  });

  it('stops a parse that would take quadratic time (the parse budget) and reads nothing of the page', () => {
    // 5,000 pairs take markdown-it 12.5 million block checks, over 12 times PARSE_BUDGET.
    const r = validate(appended('> <!--\nx\n'.repeat(5000)));
    expectSane(r);
    expect(found(r)).toEqual(['page-markdown-limit@1']);
    expect(r.diagnostics.find((d) => d.file === FILE)?.message).toMatch(/parse budget/);
    expect(r.charters.map((c) => c.file)).toEqual([OTHER]);
  });

  it('reports JSX that never closes, and still reads the page', () => {
    const r = validate(REGISTRY.replace('## Leadership', '<Note>\n## Leadership'));
    expectSane(r);
    expect(found(r)).toEqual(['page-mdx-unclosed@38', 'discord-suffix@80']);
    expect(r.charters.find((c) => c.file === FILE)?.charter.leads).toEqual([{ login: 'rdimitrov', term: 'Initial' }]);
  });

  it('reports 20,000 unclosed tags and 20,000 stray closing tags once each', () => {
    const r = validate(appended(`${'<Note>\n'.repeat(20000)}${'<a <b <c '.repeat(3000)}\n`));
    expectSane(r);
    expect(found(r)).toEqual([...REGISTRY_OWN, `page-mdx-unclosed@${lines(REGISTRY)}`]);
    expect(r.diagnostics.find((d) => d.rule === 'page-mdx-unclosed')?.message).toMatch(/never closed \(and 28999 more such tags\)/);
    expect(found(validate(appended('</Note>\n'.repeat(20000))))).toEqual([...REGISTRY_OWN, `page-mdx-unclosed@${lines(REGISTRY)}`]);
  });

  it('never runs what a page holds: scripts and expressions are text', () => {
    const r = validate(appended('<script>globalThis.pwned = 1</script>\n\n{globalThis.pwned = 2}\n\n<Note onClick={() => { globalThis.pwned = 3 }}>x</Note>\n'));
    expect(found(r)).toEqual(REGISTRY_OWN);
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });

  it('reads no more than 1,000 rows of a 2,000-row table', () => {
    const r = validate(REGISTRY.replace('| 2026-04-08 | Initial charter                                                                             |', Array(2000).fill('|2026-04-08|x|').join('\n')));
    expectSane(r);
    expect(found(r)).toEqual([...REGISTRY_OWN, 'page-table-too-long@110']);
    expect(r.facts.find((f) => f.file === FILE)?.changelog).toHaveLength(MAX_TABLE_ROWS);
  });

  it('reads unclosed and ragged tables without a crash', () => {
    const noDelimiter = validate(REGISTRY.replace(/\| Date[\s\S]*$/, '| Date | Change |\n| 2026-04-08 | Initial charter |\n'));
    expect(found(noDelimiter)).toEqual([...REGISTRY_OWN, 'page-changelog-empty@108']);
    const ragged = validate(REGISTRY.replace(/\| Lead \| Radoslav[^\n]*\n/, '| Lead\n| | | | | | | | | |\n| Lead | R | S | [@rdimitrov](https://github.com/rdimitrov) | Initial | extra | extra |\n'));
    expectSane(ragged);
    expect(found(ragged)).toEqual(['page-lead-handle@42', 'discord-suffix@81']);
    expect(ragged.facts.find((f) => f.file === FILE)?.leaders.map((l) => [l.login, l.line])).toEqual([[undefined, 42], ['rdimitrov', 44]]);
  });

  it('bounds what a message quotes from a page', () => {
    const r = validate(REGISTRY.replace('[@rdimitrov](https://github.com/rdimitrov)', `@${'x'.repeat(20000)}`));
    const d = r.diagnostics.find((x) => x.rule === 'page-lead-handle');
    expect(d?.message.length).toBeLessThan(200);
  });

  it('survives pages made of problems: 40,000 duplicate headings, 3,000 sponsor lines naming 20 people each', () => {
    const headings = validate(appended('## a\n'.repeat(40000)));
    expect(headings.diagnostics.filter((d) => d.file === FILE)).toHaveLength(MAX_DIAGNOSTICS_PER_FILE + 1);
    expect(headings.diagnostics.find((d) => d.rule === 'too-many-problems')?.message).toMatch(/^39900 more problems/);
    const sponsors = validate(appended(`\n${`Sponsored by ${'a,'.repeat(19)}a\n\n`.repeat(3000)}`));
    expectSane(sponsors);
    expect(sponsors.diagnostics.find((d) => d.rule === 'too-many-problems')?.message).toMatch(/^59901 more problems/);
  });

  it('lists 100 problems of one page, then counts the rest', () => {
    const rows = Array.from({ length: 500 }, () => '| Lead | X | Y | nobody | Initial |').join('\n');
    const r = validate(REGISTRY.replace('| Lead | Radoslav Dimitrov | Stacklok     | [@rdimitrov](https://github.com/rdimitrov) | Initial |', rows));
    const mine = r.diagnostics.filter((d) => d.file === FILE);
    expect(mine).toHaveLength(MAX_DIAGNOSTICS_PER_FILE + 1);
    expect(mine[MAX_DIAGNOSTICS_PER_FILE]).toMatchObject({ rule: 'too-many-problems', message: expect.stringMatching(/^401 more problems/) });
  });
});

describe('front matter', () => {
  it('reports front matter that is not YAML at its page line', () => {
    const r = validate(REGISTRY.replace('title: Registry Charter', 'title: [Registry'));
    expectSane(r);
    expect(found(r)).toEqual(['yaml-syntax@3']);
    expect(r.charters.map((c) => c.file)).toEqual([OTHER]);
  });

  it('stops a YAML alias bomb at its first alias', () => {
    const levels = 'abcdefghij'.split('');
    const bomb = [`${levels[0]}: &${levels[0]} [${Array(10).fill('"lol"').join(', ')}]`, ...levels.slice(1).map((l, i) => `${l}: &${l} [${Array(10).fill(`*${levels[i]}`).join(', ')}]`)];
    const r = validate(REGISTRY.replace('title: Registry Charter', `title: Registry Charter\n${bomb.join('\n')}`));
    expectSane(r);
    expect(r.diagnostics.filter((d) => d.file === FILE)).toEqual([expect.objectContaining({ rule: 'yaml-alias-limit', line: 4, column: 8 })]);
  });

  it('reports front matter never closed', () => {
    const r = validate(REGISTRY.replace('---\n\n## Group Type', '\n## Group Type'));
    expect(found(r)[0]).toBe('page-front-matter@1');
  });
});

describe('the navigation', () => {
  it('reports a navigation that is not JSON, and still reads the pages', () => {
    const r = validate(REGISTRY, '{"navigation": [');
    expectSane(r);
    expect(found(r, 'docs/docs.json')).toEqual(['page-nav-syntax@1']);
    expect(r.charters).toHaveLength(2);
  });

  it('reports a 2 MB navigation without reading it', () => {
    const r = validate(REGISTRY, ' '.repeat(2 * 1024 * 1024));
    expect(r.diagnostics.filter((d) => d.file === 'docs/docs.json')).toEqual([
      expect.objectContaining({ rule: 'file-too-large', message: `the file is 2097152 bytes; the navigation file may be at most ${MAX_NAV_BYTES} bytes (1 MiB)` }),
    ]);
  });

  it('reads a navigation of 100,000 entries', () => {
    const strings = Array.from({ length: 100000 }, (_, i) => `p${i}`);
    const r = validate(REGISTRY, JSON.stringify({ navigation: [{ group: 'Working Group Charters', pages: ['community/working-groups/registry', ...strings] }, { group: 'Interest Group Charters', pages: ['community/interest-groups/security'] }] }));
    expect(found(r, 'docs/docs.json')).toEqual([]);
    expect(found(r)).toEqual(REGISTRY_OWN);
  });

  it('reports 30,000 entries without a page as 100, then counts the rest', () => {
    const entries = Array.from({ length: 30000 }, (_, i) => `community/working-groups/g${i}`);
    const r = validate(REGISTRY, JSON.stringify({ pages: ['community/working-groups/registry', 'community/interest-groups/security', ...entries] }));
    const nav = r.diagnostics.filter((d) => d.file === 'docs/docs.json');
    expect(nav).toHaveLength(MAX_DIAGNOSTICS_PER_FILE + 1);
    expect(nav[MAX_DIAGNOSTICS_PER_FILE]).toMatchObject({ rule: 'too-many-problems', message: expect.stringMatching(/^29900 more problems/) });
  });

  it('reads a navigation nested 400,000 deep', () => {
    const r = validate(REGISTRY, `${'['.repeat(400000)}"community/working-groups/registry"${']'.repeat(400000)}`);
    expect(found(r, 'docs/docs.json')).toEqual([]);
    expect(found(r, OTHER)).toContain('page-not-in-nav@1');
  });

  it('reports binary bytes in the navigation', () => {
    const r = validate(REGISTRY, new Uint8Array([0x7b, 0x00, 0x7d]));
    expect(found(r, 'docs/docs.json')).toEqual(['file-encoding@1']);
  });
});
