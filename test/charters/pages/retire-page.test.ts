/**
 * The retirement edit of a charter page keeps the page as people wrote it: every real MCP page
 * retired and diffed line by line (only the marker's lines and one Changelog row are new), the
 * Changelog's own order and alignment, hostile reasons staying inside their YAML scalar and their
 * table cell, CRLF pages, idempotence, and every problem as a sentence.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import MarkdownIt from 'markdown-it';
import { parse } from 'yaml';
import { DEFAULT_PAGE_LAYOUT } from '../../../src/charters/pages/layout.js';
import { readCharterPage } from '../../../src/charters/pages/read-page.js';
import { displayWidth, retirePageText, yamlScalar } from '../../../src/charters/pages/retire-page.js';
import type { PageRetirement } from '../../../src/charters/pages/retire-page.js';

const ROOT = 'examples/mcp-pages/docs';
const PAGES = ['working-groups', 'interest-groups'].flatMap((folder) =>
  readdirSync(join(ROOT, 'community', folder))
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((f) => `community/${folder}/${f}`),
);
const page = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const RETIREMENT: PageRetirement = {
  on: '2026-09-01',
  reason: 'Inactive for a month: no meeting, discussion or pull request (SEP-2149 § 1.9).',
  issue: 'https://github.com/modelcontextprotocol/modelcontextprotocol/issues/4242',
};

/** Hostile text: line breaks, `---`, `:`, `#`, quotes, pipes, HTML, MDX braces, code, mentions, bidi, 2,000 characters. */
const HOSTILE = [
  'Closed: "done" # not a comment',
  '---',
  'status: active',
  "it's | a | pipe \\| and `code` and ``` fences",
  '<script>alert(1)</script> {props.x} {/* c */} import x from "y"',
  '@everyone #12 https://evil.example/ www.example.com',
  '\u202Eevil\u2028line\u2029para\u0085nel\r\nCRLF\rCR\ttab',
  'x'.repeat(1700),
].join('\n');

function retired(text: string, retirement: PageRetirement = RETIREMENT): string {
  const result = retirePageText(text, retirement);
  if ('problem' in result) throw new Error(result.problem);
  return result.text;
}

/** The front matter's YAML (between the first two `---` lines) and the body after it. */
function split(text: string): { yaml: string; body: string } {
  const lines = text.split(/\r?\n/);
  const close = lines.indexOf('---', 1);
  return { yaml: lines.slice(1, close).join('\n'), body: lines.slice(close + 1).join('\n') };
}

/** The rows of the Changelog table, as markdown-it reads them (html recognised). */
function changelogRows(text: string): { cells: string[]; html: boolean }[] {
  const md = new MarkdownIt('default', { html: true });
  const tokens = md.parse(split(text).body, {});
  const heading = tokens.findIndex((t, i) => t.type === 'heading_open' && tokens[i + 1]?.content === 'Changelog');
  const start = tokens.findIndex((t, i) => i > heading && t.type === 'table_open');
  const end = tokens.findIndex((t, i) => i > start && t.type === 'table_close');
  const rows: { cells: string[]; html: boolean }[] = [];
  let row: { cells: string[]; html: boolean } | null = null;
  for (const t of tokens.slice(start, end)) {
    if (t.type === 'tr_open') row = { cells: [], html: false };
    else if (t.type === 'tr_close' && row) rows.push(row);
    else if (t.type === 'inline' && row) {
      row.cells.push((t.children ?? []).map((c) => c.content).join(''));
      if ((t.children ?? []).some((c) => c.type === 'html_inline')) row.html = true;
    }
  }
  return rows;
}

describe('retirePageText on every real MCP charter page', () => {
  it.each(PAGES)('%s: only the marker lines and one Changelog row are added', (path) => {
    const before = page(path);
    const after = retired(before);
    const a = before.split('\n');
    const b = after.split('\n');
    expect(b).toHaveLength(a.length + 5);

    // The marker: four lines right before the closing `---`, after the existing keys.
    const close = a.indexOf('---', 1);
    expect(b.slice(close, close + 4)).toEqual([
      'status: retired',
      'retired_on: 2026-09-01',
      `retired_reason: ${yamlScalar(RETIREMENT.reason)}`,
      `retired_issue: ${RETIREMENT.issue}`,
    ]);
    const rowAt = b.findIndex((l) => l.startsWith('| 2026-09-01 | Retired: Inactive for a month'));
    expect(rowAt).toBeGreaterThan(close);
    // Without them, the page is byte for byte what it was.
    const rest = b.filter((_, i) => !(i >= close && i < close + 4) && i !== rowAt);
    expect(rest.join('\n')).toBe(before);

    // The front matter reads as before plus the marker.
    expect(parse(split(after).yaml)).toEqual({
      ...(parse(split(before).yaml) as object),
      status: 'retired',
      retired_on: '2026-09-01',
      retired_reason: RETIREMENT.reason,
      retired_issue: RETIREMENT.issue,
    });
    // The Changelog table gains one row of the table's width, with no HTML.
    const rowsBefore = changelogRows(before);
    const rowsAfter = changelogRows(after);
    expect(rowsAfter).toHaveLength(rowsBefore.length + 1);
    const added = rowsAfter.find((r) => r.cells[0] === '2026-09-01');
    expect(added?.cells).toHaveLength(rowsBefore[0]?.cells.length ?? 0);
    expect(added?.cells[1]).toBe(`Retired: ${RETIREMENT.reason} (https:\u2060//github.com/modelcontextprotocol/modelcontextprotocol/issues/4242)`);
    expect(rowsAfter.some((r) => r.html)).toBe(false);
  });

  it('follows the table order: newest first (registry, skills-over-mcp), oldest first (apps)', () => {
    const registry = retired(page('community/working-groups/registry.mdx')).split('\n');
    const at = registry.findIndex((l) => l.startsWith('| 2026-09-01 |'));
    expect(registry[at - 1]).toMatch(/^\| -+ \| -+ \|$/);
    expect(registry[at + 1]).toMatch(/^\| 2026-07-30 \|/);

    const apps = retired(page('community/working-groups/apps.mdx')).split('\n');
    const appsAt = apps.findIndex((l) => l.startsWith('| 2026-09-01 |'));
    expect(apps[appsAt - 1]).toMatch(/^\| 2026-05-21 \| Initial charter/);
    expect(apps[appsAt + 1]).toBe('');

    // A date inside the table's span goes where it sorts.
    const skills = retired(page('community/working-groups/skills-over-mcp.mdx'), { on: '2026-04-15', reason: 'Merged.' }).split('\n');
    const skillsAt = skills.findIndex((l) => l.startsWith('| 2026-04-15 |'));
    expect(skills[skillsAt - 1]).toMatch(/^\| 2026-04-16 \|/);
    expect(skills[skillsAt + 1]).toMatch(/^\| 2026-04-14 \|/);
    const apps2 = retired(page('community/working-groups/apps.mdx'), { on: '2026-01-27', reason: 'Merged.' }).split('\n');
    const apps2At = apps2.findIndex((l) => l.startsWith('| 2026-01-27 |'));
    expect(apps2[apps2At - 1]).toMatch(/^\| 2026-01-26 \|/);
    expect(apps2[apps2At + 1]).toMatch(/^\| 2026-01-28 \|/);
  });

  it('pads the row to an aligned table when it fits, and adds empty cells for extra columns', () => {
    const short = { on: '2026-09-01', reason: 'Inactive.' };
    const registry = retired(page('community/working-groups/registry.mdx'), short).split('\n');
    const row = registry.find((l) => l.startsWith('| 2026-09-01 |')) as string;
    const header = registry.find((l) => l.startsWith('| Date ')) as string;
    expect(row).toBe(`| 2026-09-01 | ${'Retired: Inactive.'.padEnd(91)} |`);
    expect(displayWidth(row)).toBe(displayWidth(header));

    const inspector = retired(page('community/working-groups/inspector-v2.mdx'), short).split('\n');
    expect(inspector).toContain(`| 2026-09-01 | ${'Retired: Inactive.'.padEnd(48)} | ${' '.repeat(20)} |`);

    // Too long to align: written plainly, the other rows untouched.
    const long = retired(page('community/working-groups/sdk.mdx'), { on: '2026-09-01', reason: 'A much longer reason than the column holds.' }).split('\n');
    expect(long).toContain('| 2026-09-01 | Retired: A much longer reason than the column holds. |');
    expect(long).toContain('| 2026-04-28 | Initial charter |');

    // An unaligned table gets an unpadded row.
    const loose = '---\ntitle: X Charter\n---\n\n## Changelog\n\n| Date | Change |\n|---|---|\n| 2026-01-01 | Initial charter |\n';
    expect(retired(loose, short)).toBe('---\ntitle: X Charter\nstatus: retired\nretired_on: 2026-09-01\nretired_reason: Inactive.\n---\n\n## Changelog\n\n| Date | Change |\n|---|---|\n| 2026-09-01 | Retired: Inactive. |\n| 2026-01-01 | Initial charter |\n');
  });
});

describe('retirePageText read back by readCharterPage', () => {
  const read = (path: string, content: string) => readCharterPage({ file: `docs/${path}`, content }, DEFAULT_PAGE_LAYOUT, '2026-12-01');
  const errors = (r: ReturnType<typeof read>) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.rule}: ${d.message}`);

  it('reads a charter from nearly every real page (so the comparison below is not vacuous)', () => {
    expect(PAGES.filter((path) => read(path, page(path)).charter !== null).length).toBeGreaterThanOrEqual(PAGES.length - 2);
  });

  it.each(PAGES)('%s: the same charter, retired, and no new error', (path) => {
    const before = read(path, page(path));
    for (const retirement of [RETIREMENT, { on: '2026-09-01', reason: HOSTILE }]) {
      const after = read(path, retired(page(path), retirement));
      expect(after.facts.status).toBe('retired');
      expect(errors(after)).toEqual(errors(before));
      if (before.charter) {
        expect(after.charter).toEqual({ ...before.charter, status: 'retired', retired: { ...retirement } });
      }
    }
  });
});

describe('retirePageText on hostile reasons', () => {
  it.each(PAGES.slice(0, 3))('%s: the reason stays one YAML scalar and one table cell', (path) => {
    const before = page(path);
    const after = retired(before, { on: '2026-09-01', reason: HOSTILE });
    const { yaml } = split(after);
    // The marker is three lines: nothing in the reason starts a line, ends the front matter or adds a key.
    expect(yaml.split('\n')).toHaveLength(split(before).yaml.split('\n').length + 3);
    expect(after.split('\n').filter((l) => l === '---')).toHaveLength(before.split('\n').filter((l) => l === '---').length);
    const value = parse(yaml) as Record<string, unknown>;
    expect(value.retired_reason).toBe(HOSTILE);
    expect((parse(yaml, { version: '1.1' }) as Record<string, unknown>).retired_reason).toBe(HOSTILE);
    expect(value.status).toBe('retired');
    expect(yaml).not.toMatch(/[\u2028\u2029\u0085\u202E\r]/);

    const rows = changelogRows(after);
    expect(rows.some((r) => r.html)).toBe(false);
    expect(rows).toHaveLength(changelogRows(before).length + 1);
    const added = rows.find((r) => r.cells[0] === '2026-09-01');
    expect(added?.cells).toHaveLength(rows[0]?.cells.length ?? 0);
    expect(added?.cells[1]).toContain('it\'s | a | pipe');
    expect(added?.cells[1]).toContain('{props.x}');
    // No MDX expression, JSX tag or ESM opens in the row.
    const row = after.split('\n').find((l) => l.startsWith('| 2026-09-01 |')) as string;
    expect(row).not.toMatch(/(?<!\\)[{}<]/);
    expect(added?.cells[1]).toContain('[U+202E]evil line para nel CRLF CR');
  });

  it('bounds the reason at 5,000 characters and refuses malformed retirements', () => {
    const registry = page('community/working-groups/registry.mdx');
    expect(retirePageText(registry, { on: '2026-09-01', reason: 'x'.repeat(5000) })).toHaveProperty('text');
    expect(retirePageText(registry, { on: '2026-09-01', reason: 'x'.repeat(5001) })).toEqual({ problem: 'the retirement\'s "reason" is not valid: text of 1 to 5,000 characters' });
    expect(retirePageText(registry, { on: '2026-09-01', reason: ' \n ' })).toHaveProperty('problem');
    expect(retirePageText(registry, { on: '2026-02-30', reason: 'x' })).toEqual({ problem: 'the retirement\'s "on" is not valid: a date written YYYY-MM-DD' });
    expect(retirePageText(registry, { on: '2026-09-01\nstatus: active', reason: 'x' })).toHaveProperty('problem');
    expect(retirePageText(registry, { on: '2026-09-01', reason: 'x', issue: 'javascript:alert(1)' })).toEqual({ problem: 'the retirement\'s "issue" is not valid: an https URL' });
  });
});

describe('retirePageText: front matter, line endings, idempotence', () => {
  it('keeps CRLF pages CRLF', () => {
    const lf = page('community/working-groups/registry.mdx');
    const crlf = lf.replace(/\n/g, '\r\n');
    const out = retired(crlf);
    expect(out.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(out).toBe(retired(lf).replace(/\n/g, '\r\n'));
  });

  it('returns a retired page unchanged', () => {
    const once = retired(page('community/interest-groups/security.mdx'));
    expect(retirePageText(once, { on: '2026-10-01', reason: 'again' })).toEqual({ text: once });
  });

  it('replaces status: active in place (quoting kept) and a stray marker key where it is', () => {
    const text = '---\ntitle: "X Charter"   # the name\nstatus: "active"  # lifecycle\nretired_reason: |\n  stale\n  text\ndescription: d\n---\n\n## Changelog\n\n| Date | Change |\n| --- | --- |\n| 2026-01-01 | Initial charter |\n';
    const out = retired(text, { on: '2026-09-01', reason: 'Done: merged' });
    expect(out).toBe(
      '---\ntitle: "X Charter"   # the name\nstatus: "retired"  # lifecycle\nretired_reason: "Done: merged"\ndescription: d\nretired_on: 2026-09-01\n---\n\n## Changelog\n\n| Date | Change |\n| --- | --- |\n| 2026-09-01 | Retired: Done: merged |\n| 2026-01-01 | Initial charter |\n',
    );
  });

  it('creates front matter for a page without one, and handles a table at the end of a file with no final line break', () => {
    const text = '## Changelog\n\n| Date | Change |\n| --- | --- |\n| 2026-01-01 | Initial charter |';
    expect(retired(text, { on: '2026-09-01', reason: 'yes' })).toBe(
      '---\nstatus: retired\nretired_on: 2026-09-01\nretired_reason: "yes"\n---\n\n## Changelog\n\n| Date | Change |\n| --- | --- |\n| 2026-09-01 | Retired: yes |\n| 2026-01-01 | Initial charter |',
    );
    const ascending = '---\n---\n## Changelog\n| Date | Change |\n| --- | --- |\n| 2026-01-01 | a |\n| 2026-02-01 | b |';
    expect(retired(ascending, { on: '2026-09-01', reason: 'r' })).toBe('---\nstatus: retired\nretired_on: 2026-09-01\nretired_reason: r\n---\n## Changelog\n| Date | Change |\n| --- | --- |\n| 2026-01-01 | a |\n| 2026-02-01 | b |\n| 2026-09-01 | Retired: r |');
  });

  it('says what is wrong, never throws', () => {
    const table = '## Changelog\n\n| Date | Change |\n| --- | --- |\n| 2026-01-01 | Initial charter |\n';
    const r = { on: '2026-09-01', reason: 'r' };
    expect(retirePageText('---\ntitle: X\n\n## Group Type\n', r)).toEqual({ problem: 'the front matter opened by "---" on line 1 is never closed by a second "---" line' });
    expect(retirePageText(`---\n- a\n- b\n---\n${table}`, r)).toEqual({ problem: 'the front matter is not a mapping of keys to values' });
    expect(retirePageText(`---\n{ title: X }\n---\n${table}`, r)).toHaveProperty('problem');
    expect(retirePageText(`---\ntitle: [unclosed\n---\n${table}`, r)).toHaveProperty('problem');
    expect(retirePageText(`---\ntitle: a\ntitle: b\n---\n${table}`, r)).toHaveProperty('problem');
    expect(retirePageText(`---\nstatus: paused\n---\n${table}`, r)).toEqual({ problem: 'the front matter\'s "status" is "paused", neither "active" nor "retired"' });
    expect(retirePageText('---\ntitle: X\n---\n\n## Group Type\n\n**Working Group**\n', r)).toEqual({ problem: 'the page has no "## Changelog" section to record the retirement in' });
    expect(retirePageText(`---\ntitle: X\n---\n${table}\n${table}`, r)).toEqual({ problem: 'the page has 2 "Changelog" sections; keep one' });
    expect(retirePageText('---\ntitle: X\n---\n## Changelog\n\nNone yet.\n\n## Other\n\n| Date | Change |\n| --- | --- |\n', r)).toEqual({ problem: 'the Changelog section has no table (| Date | Change |) to add the retirement to' });
    expect(retirePageText('---\ntitle: X\n---\n## Changelog\n\n| Change | Date |\n| --- | --- |\n', r)).toHaveProperty('problem');
    expect(retirePageText(page('community/working-groups/apps.mdx'), { on: '2025-11-20', reason: 'r' })).toEqual({
      problem: 'the retirement date 2025-11-20 is before the group was formed (2025-11-21, the Changelog\'s first entry)',
    });
    // The template's Changelog is inside a fenced code block: no section.
    expect(retirePageText(page('community/charter-template.mdx'), r)).toEqual({ problem: 'the page has no "## Changelog" section to record the retirement in' });
  });
});
