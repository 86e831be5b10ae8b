/**
 * The group directory (SEP-1302 FAQ: "Where can I find a list of all current WGs and IGs?"):
 * built from MCP's real charters, escaped against hostile charters, spliced between markers.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readCharterDirectory } from '../../src/charters/read-directory.js';
import type { LoadedCharter, ValidationResult } from '../../src/charters/validate.js';
import { validateCharters } from '../../src/charters/validate.js';
import { buildDirectory, renderDirectoryJson, renderDirectoryMarkdown } from '../../src/directory/directory.js';
import { linkDestination } from '../../src/markdown/escape.js';
import type { GroupDirectory } from '../../src/directory/directory.js';
import {
  checkDirectorySection,
  DIRECTORY_END_MARKER,
  DIRECTORY_START_MARKER,
  DirectoryMarkerError,
  findDirectorySection,
  spliceDirectory,
} from '../../src/directory/section.js';
import { findStaleDirectory } from '../../src/directory/stale-directory.js';
import { INTEREST_GROUP, NOW, validate, WORKING_GROUP, withLine } from '../charters/helpers.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WJ = '\u2060';

/** The cells of a Markdown table row, split at unescaped pipes (as GFM splits them). */
function cells(row: string): string[] {
  return row.replace(/^\| /, '').replace(/ \|$/, '').split(/(?<!\\)\|/).map((c) => c.trim());
}

function tableRows(markdown: string, heading: string): string[] {
  const after = markdown.slice(markdown.indexOf(heading));
  const block = after.split('\n\n')[1] ?? '';
  return block.split('\n').filter((l) => l.startsWith('| ')).slice(2);
}

describe("the directory of MCP's real groups (groups/)", () => {
  let result: ValidationResult;
  let directory: GroupDirectory;
  let markdown: string;

  beforeAll(async () => {
    result = validateCharters(await readCharterDirectory(resolve(repoRoot, 'groups')), { now: NOW });
    directory = buildDirectory(result.charters);
    markdown = renderDirectoryMarkdown(directory);
  });

  it('lists every charter exactly once, active groups by type, retired ones apart, each list sorted by id', () => {
    expect(result.errors).toBe(0);
    const all = [...directory.working_groups, ...directory.interest_groups, ...directory.retired];
    expect(all.map((e) => e.id).sort()).toEqual(result.charters.map((c) => c.charter.id).sort());
    expect(directory.working_groups.every((e) => e.type === 'working' && e.status === 'active')).toBe(true);
    expect(directory.interest_groups.every((e) => e.type === 'interest' && e.status === 'active')).toBe(true);
    expect(directory.retired.every((e) => e.status === 'retired' && e.reason !== null)).toBe(true);
    for (const list of [directory.working_groups, directory.interest_groups, directory.retired]) {
      const ids = list.map((e) => e.id);
      expect(ids).toEqual([...ids].sort());
    }
  });

  it('shows the Registry WG under working groups with its label, lead, channel and repositories', () => {
    const registry = directory.working_groups.find((e) => e.id === 'registry');
    expect(registry).toMatchObject({ label: 'wg:registry', charter: 'registry.yaml', facilitators: ['rdimitrov'], discord: 'registry-dev', formed: '2025-07-24' });
    const row = tableRows(markdown, '## Active working groups').find((r) => r.includes('(registry.yaml)'));
    expect(row).toBeDefined();
    expect(cells(row as string)).toEqual([
      '[Registry Working Group](registry.yaml)',
      '`wg:registry`',
      `[@${WJ}rdimitrov](https://github.com/rdimitrov)`,
      '`#registry-dev`',
      '[modelcontextprotocol/registry](https://github.com/modelcontextprotocol/registry), [modelcontextprotocol/static](https://github.com/modelcontextprotocol/static)',
      '—',
      '2025-07-24',
    ]);
    expect(markdown.indexOf('## Active working groups')).toBeLessThan(markdown.indexOf('## Active interest groups'));
    expect(markdown.indexOf('## Active interest groups')).toBeLessThan(markdown.indexOf('## Retired groups'));
  });

  it('shows the Security IG under interest groups with its ig: label', () => {
    expect(directory.interest_groups.map((e) => e.id)).toContain('security');
    expect(directory.working_groups.map((e) => e.id)).not.toContain('security');
    const row = tableRows(markdown, '## Active interest groups').find((r) => r.includes('(security.yaml)'));
    expect(cells(row as string)[1]).toBe('`ig:security`');
  });

  it('shows retired groups with the date they were retired and the reason, and "unknown" where no record dates it', () => {
    const charter = result.charters.find((c) => c.charter.id === 'agents-ig')?.charter;
    expect(charter?.retired?.on).toBe('2026-08-19');
    const rows = tableRows(markdown, '## Retired groups');
    expect(rows).toHaveLength(directory.retired.length);
    const row = cells(rows.find((r) => r.includes('(agents-ig.yaml)')) as string);
    expect(row[2]).toBe('`ig:agents-ig`');
    expect(row[4]).toBe('2026-08-19');
    expect(row[5]).toContain('modelcontextprotocol/access in PR \\#\u2060170');
    // Every bundled retired charter says when, or `on: unknown`: none leaves it out.
    expect(directory.retired.filter((e) => e.retired_on === null)).toEqual([]);
    const undated = directory.retired.find((e) => e.retired_on === 'unknown');
    expect(undated).toMatchObject({ id: 'agent-comms', retired_on: 'unknown' });
    expect(cells(rows.find((r) => r.includes(`(${undated?.charter})`)) as string)[4]).toBe('unknown');
    // No retired group is listed as active.
    expect(tableRows(markdown, '## Active working groups').some((r) => r.includes('(agents-ig.yaml)'))).toBe(false);
  });

  it('names facilitators only through profile links that mention no one', () => {
    expect(markdown).not.toMatch(/@(?!\u2060)/);
    for (const e of directory.working_groups) for (const login of e.facilitators) expect(markdown).toContain(`[@${WJ}${login}](https://github.com/${login})`);
  });

  it('is byte-identical whatever the order of the charters, and gives the same data as JSON', () => {
    const shuffled = [...result.charters].reverse();
    expect(renderDirectoryMarkdown(buildDirectory(shuffled))).toBe(markdown);
    const json = JSON.parse(renderDirectoryJson(directory)) as GroupDirectory;
    expect(Object.keys(json)).toEqual(['working_groups', 'interest_groups', 'retired']);
    expect(json.working_groups.find((e) => e.id === 'registry')).toEqual({
      id: 'registry', name: 'Registry Working Group', type: 'working', status: 'active', label: 'wg:registry', charter: 'registry.yaml',
      facilitators: ['rdimitrov'], leads: [], sponsors: [], maintainers: [], discord: 'registry-dev', repos: ['modelcontextprotocol/registry', 'modelcontextprotocol/static'],
      meeting_notes: null, formed: '2025-07-24', retired_on: null, reason: null, retirement_issue: null, successor: null, predecessors: [],
    });
    expect(json.retired.find((e) => e.id === 'agents-ig')).toMatchObject({ type: 'interest', label: 'ig:agents-ig', retired_on: '2026-08-19', reason: expect.stringContaining('modelcontextprotocol/access') });
  });

  it('is what the committed groups/README.md holds between its markers', () => {
    const readme = readFileSync(resolve(repoRoot, 'groups', 'README.md'), 'utf8');
    expect(checkDirectorySection(readme, markdown).upToDate).toBe(true);
    // The hand-written part is kept around it.
    expect(readme).toMatch(/^# groups\/\n/);
    expect(readme).toContain('## Groups without a charter here');
  });

  it('says "unknown" for `on: unknown` (JSON: the same word) and "not recorded" (JSON: null) for a charter that leaves `on` out', () => {
    const retired = (on: string | null) =>
      `${withLine(WORKING_GROUP, 5, 'status: retired')}retired:\n${on === null ? '' : `  on: ${on}\n`}  reason: Merged.\n`;
    for (const [on, json, cell] of [['unknown', 'unknown', 'unknown'], [null, null, 'not recorded'], ['2026-01-01', '2026-01-01', '2026-01-01']] as const) {
      const loaded = validate({ 'registry.yaml': retired(on) });
      expect(loaded.errors).toBe(0);
      const directory = buildDirectory(loaded.charters);
      expect((JSON.parse(renderDirectoryJson(directory)) as GroupDirectory).retired[0]?.retired_on).toBe(json);
      expect(cells(tableRows(renderDirectoryMarkdown(directory), '## Retired groups')[0] as string)[4]).toBe(cell);
    }
  });

  it('prefixes charter links with the link base', () => {
    const withBase = buildDirectory(result.charters, { linkBase: 'groups/' });
    expect(withBase.working_groups.find((e) => e.id === 'registry')?.charter).toBe('groups/registry.yaml');
    expect(renderDirectoryMarkdown(withBase)).toContain('[Registry Working Group](groups/registry.yaml)');
  });
});

describe('hostile charters', () => {
  const hostileName = '@org/team <script>alert(1)</script> | **bold** [x](javascript:alert(1)) `code` #1 &amp; _u_';
  const hostile = [
    'id: hostile',
    `name: '${hostileName.replace(/'/g, "''")}'`,
    'type: working',
    'status: active',
    'formed: 2025-07-24',
    'facilitators:',
    '  - octocat',
    'discord: hostile-wg',
    'repos:',
    '  - mallory/_x_',
    'use_cases: x',
    'first_work: https://github.com/o/r/pull/1',
    'meeting_notes: "https://example.com/notes)|x<y>&copy;(z)"',
    '',
  ].join('\n');
  const retired = [
    'id: gone',
    'name: "Gone\\n| Group"',
    'type: interest',
    'status: retired',
    'retired:',
    '  on: 2026-01-01',
    '  reason: "Merged into <b>@security</b> | see [here](https://evil.example)\\n\\n# heading"',
    '  issue: "https://example.com/a)b"',
    '',
  ].join('\n');

  let markdown: string;
  beforeAll(() => {
    const result = validate({ 'hostile.yaml': hostile, 'gone.yaml': retired });
    expect(result.charters.map((c) => c.charter.id)).toEqual(['gone', 'hostile']);
    markdown = renderDirectoryMarkdown(buildDirectory(result.charters));
  });

  it('cannot mention, inject HTML, add links, format or break the table', () => {
    expect(markdown).not.toMatch(/@(?!\u2060)/);
    expect(markdown).not.toMatch(/(?<!\\)</);
    expect(markdown).not.toContain('](javascript');
    expect(markdown).not.toContain('](https://evil.example)');
    expect(markdown).not.toMatch(/(?<!\\)\*\*bold/);
    expect(markdown).not.toMatch(/^# heading/m);
    const active = tableRows(markdown, '## Active working groups');
    expect(active).toHaveLength(1);
    const row = cells(active[0] as string);
    expect(row).toHaveLength(7);
    expect(row[0]).toMatch(/^\[@\u2060org\/team \\<script\\>alert\\\(1\\\)\\<\/script\\> \\\| \\\*\\\*bold\\\*\\\* .*\]\(hostile\.yaml\)$/);
    expect(row[0]).toContain('&amp;amp;');
    expect(row[4]).toBe('[mallory/\\_x\\_](https://github.com/mallory/_x_)');
    // The URL cannot end its link or split the cell, and &copy; is not decoded into ©.
    expect(row[5]).toBe('[notes](https://example.com/notes%29%7Cx%3Cy%3E&amp;copy;%28z%29)');
    const gone = tableRows(markdown, '## Retired groups');
    expect(gone).toHaveLength(1);
    const retiredRow = cells(gone[0] as string);
    expect(retiredRow).toHaveLength(7);
    expect(retiredRow[0]).toBe('[Gone \\| Group](gone.yaml)');
    expect(retiredRow[5]).toContain('\\<b\\>@\u2060security\\</b\\>');
    expect(retiredRow[5]).toContain('([decision](https://example.com/a%29b))');
  });

  it('encodes what a link destination must not hold', () => {
    expect(linkDestination('https://x.example/a b(c)|d')).toBe('https://x.example/a%20b%28c%29%7Cd');
    expect(linkDestination('https://x.example/é')).toBe('https://x.example/%C3%A9');
    expect(linkDestination('https://x.example/\uD800')).toBe('https://x.example/%EF%BF%BD');
  });

  it('renders an empty folder as three empty sections', () => {
    const empty = renderDirectoryMarkdown(buildDirectory([]));
    expect(empty).toContain('## Active working groups (0)\n\nNone.\n\n## Active interest groups (0)\n\nNone.\n\n## Retired groups (0)\n\nNone.\n');
    expect(renderDirectoryMarkdown(buildDirectory([]), { headingLevel: 3 })).toContain('### Retired groups (0)');
    expect(() => renderDirectoryMarkdown(buildDirectory([]), { headingLevel: 7 })).toThrow(RangeError);
  });
});

describe('the section between the markers', () => {
  const charters = (): LoadedCharter[] => validate({ 'registry.yaml': WORKING_GROUP, 'security.yaml': INTEREST_GROUP }).charters;
  const rendered = renderDirectoryMarkdown(buildDirectory(charters()));
  const file = `# Groups\n\nWritten by hand.\n\n${DIRECTORY_START_MARKER}\nold list\n${DIRECTORY_END_MARKER}\n\n## After\n\nAlso by hand.\n`;

  it('splices the rendered directory in, keeping everything around it, and is idempotent', () => {
    const spliced = spliceDirectory(file, rendered);
    expect(spliced).toBe(`# Groups\n\nWritten by hand.\n\n${DIRECTORY_START_MARKER}\n${rendered}${DIRECTORY_END_MARKER}\n\n## After\n\nAlso by hand.\n`);
    expect(spliceDirectory(spliced, rendered)).toBe(spliced);
    expect(checkDirectorySection(spliced, rendered)).toEqual({ upToDate: true, startLine: 5 });
    expect(findDirectorySection(spliced).content).toBe(rendered);
  });

  it('detects drift: an edited charter, a hand edit of the section, an empty section', () => {
    const spliced = spliceDirectory(file, rendered);
    const renamed = renderDirectoryMarkdown(buildDirectory(validate({ 'registry.yaml': withLine(WORKING_GROUP, 3, 'name: MCP Registry WG'), 'security.yaml': INTEREST_GROUP }).charters));
    expect(checkDirectorySection(spliced, renamed).upToDate).toBe(false);
    expect(checkDirectorySection(spliced.replace('`wg:registry`', '`wg:reg`'), rendered).upToDate).toBe(false);
    expect(checkDirectorySection(file, rendered)).toEqual({ upToDate: false, startLine: 5 });
    expect(checkDirectorySection(`${DIRECTORY_START_MARKER}\n${DIRECTORY_END_MARKER}\n`, rendered).upToDate).toBe(false);
  });

  it("writes the section with the file's own CRLF line breaks", () => {
    const crlf = file.replace(/\n/g, '\r\n');
    const spliced = spliceDirectory(crlf, rendered);
    expect(spliced).not.toMatch(/[^\r]\n/);
    expect(spliced.endsWith('Also by hand.\r\n')).toBe(true);
    expect(checkDirectorySection(spliced, rendered).upToDate).toBe(true);
  });

  it('takes a marker only on a line of its own', () => {
    const quoted = `Write \`${DIRECTORY_START_MARKER}\` and the end marker.\n\n  ${DIRECTORY_START_MARKER}  \nx\n${DIRECTORY_END_MARKER}\n`;
    expect(findDirectorySection(quoted).startLine).toBe(3);
  });

  it.each([
    ['missing', '# Groups\n', /markers are missing/, undefined, true],
    ['start missing', `a\n${DIRECTORY_END_MARKER}\n`, /start marker .* is missing/, 2, false],
    ['end missing', `${DIRECTORY_START_MARKER}\nb\n`, /end marker .* is missing/, 1, false],
    ['start twice', `${DIRECTORY_START_MARKER}\n${DIRECTORY_START_MARKER}\n${DIRECTORY_END_MARKER}\n`, /start marker .* appears 2 times \(lines 1, 2\)/, 2, false],
    ['end twice', `${DIRECTORY_START_MARKER}\n${DIRECTORY_END_MARKER}\n${DIRECTORY_END_MARKER}\n`, /end marker .* appears 2 times/, 3, false],
    ['out of order', `${DIRECTORY_END_MARKER}\nx\n${DIRECTORY_START_MARKER}\n`, /end marker \(line 1\) comes before the start marker \(line 3\)/, 1, false],
  ])('refuses markers that are %s', (_what, text, message, line, missing) => {
    for (const call of [() => spliceDirectory(text, rendered), () => checkDirectorySection(text, rendered)]) {
      let caught: unknown;
      try {
        call();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DirectoryMarkerError);
      expect((caught as DirectoryMarkerError).message).toMatch(message);
      expect((caught as DirectoryMarkerError).line).toBe(line);
      expect((caught as DirectoryMarkerError).missing).toBe(missing);
    }
  });
});

describe('the stale-directory warning of the charter check', () => {
  const charters = validate({ 'registry.yaml': WORKING_GROUP, 'security.yaml': INTEREST_GROUP }).charters;
  const fresh = spliceDirectory(`# groups\n\n${DIRECTORY_START_MARKER}\n${DIRECTORY_END_MARKER}\n`, renderDirectoryMarkdown(buildDirectory(charters)));

  it('says nothing for an up-to-date directory, no README.md, one without markers, or one GitHub gives no text for', () => {
    expect(findStaleDirectory([{ name: 'README.md', text: fresh }], charters, 'groups')).toBeUndefined();
    expect(findStaleDirectory([], charters, 'groups')).toBeUndefined();
    expect(findStaleDirectory([{ name: 'README.md', text: '# groups\n' }], charters, 'groups')).toBeUndefined();
    expect(findStaleDirectory([{ name: 'README.md', text: null }], charters, 'groups')).toBeUndefined();
    // Another file with markers is not the directory.
    expect(findStaleDirectory([{ name: 'OTHER.md', text: `${DIRECTORY_START_MARKER}\n${DIRECTORY_END_MARKER}\n` }], charters, 'groups')).toBeUndefined();
  });

  it('points at the start marker with the command that regenerates it', () => {
    const stale = findStaleDirectory([{ name: 'README.md', text: fresh }], charters.slice(0, 1), 'governance/groups/');
    expect(stale).toMatchObject({ file: 'README.md', line: 3, title: 'group directory out of date' });
    expect(stale?.message).toContain('`group-steward directory governance/groups --write governance/groups/README.md`');
  });

  it('warns about broken markers, at the broken one', () => {
    const broken = `${DIRECTORY_START_MARKER}\n${DIRECTORY_START_MARKER}\n${DIRECTORY_END_MARKER}\n`;
    const stale = findStaleDirectory([{ name: 'README.md', text: broken }], charters, 'groups');
    expect(stale).toMatchObject({ line: 2, title: 'group directory markers' });
    expect(stale?.summary).not.toContain('<!--');
  });
});
