/**
 * The retirement edit keeps the charter as people wrote it: a golden test on a charter full of
 * comments, and every real active charter retired, validated, and compared line by line.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { readCharterDirectory } from '../../src/charters/read-directory.js';
import type { CharterSource } from '../../src/charters/parse.js';
import { retireCharterText } from '../../src/charters/retire-edit.js';
import type { Retirement } from '../../src/charters/retire-edit.js';
import { validateCharters } from '../../src/charters/validate.js';
import { groupsDir } from '../requests/bodies.js';
import { NOW } from './helpers.js';

const RETIREMENT: Retirement = {
  on: '2026-11-22',
  reason: 'Inactive for a month: no open issue or pull request (SEP-1302 § Lifecycle).',
  issue: 'https://github.com/modelcontextprotocol/modelcontextprotocol/issues/4242',
};

/** A charter written by people: comments everywhere, a folded block with long lines, flow lists, odd quoting. */
const COMMENTED = `# yaml-language-server: $schema=./charter.schema.json
# The Tool Filtering Working Group.
#   Sources: the Discord thread of 2025-03-01.

id: tool-filtering            # kebab-case, equal to the file name
name: "Tool Filtering Working Group"
type: working   # builds solutions
# Lifecycle
status: active                # active | retired
formed: 2025-03-01

# People
facilitators: [alice, bob]    # self-nominated
maintainers: ['carol']
discord: tool-filtering-wg
repos:
  # the reference implementation
  - modelcontextprotocol/tool-filtering   # owned since 2025-04
use_cases: >-
  Clients need to choose among hundreds of tools, and the servers that offer them need a way to say which tools belong together, so that a client can filter.
  A second line of the folded answer.
first_work: https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1300
deliverables: [
  https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1300,   # the SEP
]
# Optional
# meeting_notes: https://…
`;

const GOLDEN = `# yaml-language-server: $schema=./charter.schema.json
# The Tool Filtering Working Group.
#   Sources: the Discord thread of 2025-03-01.

id: tool-filtering            # kebab-case, equal to the file name
name: "Tool Filtering Working Group"
type: working   # builds solutions
# Lifecycle
status: retired                # active | retired
formed: 2025-03-01

# People
facilitators: [alice, bob]    # self-nominated
maintainers: ['carol']
discord: tool-filtering-wg
repos:
  # the reference implementation
  - modelcontextprotocol/tool-filtering   # owned since 2025-04
use_cases: >-
  Clients need to choose among hundreds of tools, and the servers that offer them need a way to say which tools belong together, so that a client can filter.
  A second line of the folded answer.
first_work: https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1300
deliverables: [
  https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1300,   # the SEP
]
# Optional
# meeting_notes: https://…
retired:
  on: 2026-11-22
  reason: "Inactive for a month: no open issue or pull request (SEP-1302 § Lifecycle)."
  issue: https://github.com/modelcontextprotocol/modelcontextprotocol/issues/4242
`;

function retire(text: string, retirement: Retirement = RETIREMENT): string {
  const result = retireCharterText(text, retirement);
  if (!result.ok) throw new Error(result.error);
  return result.text;
}

function errorsOf(file: string, text: string, others: readonly CharterSource[] = []): string[] {
  const result = validateCharters([...others.filter((o) => o.file !== file), { file, content: text }], { now: NOW });
  return result.diagnostics.filter((d) => d.file === file && d.severity === 'error').map((d) => `${d.rule}@${d.line}: ${d.message}`);
}

/** Lines of `b` not in `a`, counted (a multiset difference). */
function linesNotIn(a: string, b: string): string[] {
  const count = new Map<string, number>();
  for (const line of a.split('\n')) count.set(line, (count.get(line) ?? 0) + 1);
  return b.split('\n').filter((line) => {
    const n = count.get(line) ?? 0;
    if (n === 0) return true;
    count.set(line, n - 1);
    return false;
  });
}

describe('retireCharterText', () => {
  it('changes only the status and appends the retired block: the golden charter', () => {
    const out = retire(COMMENTED);
    expect(out).toBe(GOLDEN);
    expect(errorsOf('tool-filtering.yaml', COMMENTED)).toEqual([]);
    expect(errorsOf('tool-filtering.yaml', out)).toEqual([]);
    expect(linesNotIn(COMMENTED, out)).toEqual(['status: retired                # active | retired', 'retired:', '  on: 2026-11-22', expect.stringMatching(/^ {2}reason: /), expect.stringMatching(/^ {2}issue: /)]);
    expect(linesNotIn(out, COMMENTED)).toEqual(['status: active                # active | retired']);
  });

  it("keeps a WG's template answers and a quoted status's quotes; leaves out a missing issue", () => {
    const text = 'id: x\nname: X\ntype: working\nstatus: "active"\nformed: 2025-01-01\nfacilitators: [a]\nuse_cases: u\nfirst_work: https://example.com/1\n';
    expect(retire(text, { on: '2026-11-22', reason: 'Done.' })).toBe(
      'id: x\nname: X\ntype: working\nstatus: "retired"\nformed: 2025-01-01\nfacilitators: [a]\nuse_cases: u\nfirst_work: https://example.com/1\nretired:\n  on: 2026-11-22\n  reason: Done.\n',
    );
    expect(retire(text.replace('"active"', "'active'"), { on: '2026-11-22', reason: 'Done.' })).toContain("status: 'retired'\n");
  });

  it.each([
    ['several lines', 'First line.\n\nSecond: with a colon, # a hash and "quotes".\n  Indented third.'],
    ['one very long line', `${'word '.repeat(800)}end`],
    ['a YAML 1.1 boolean', 'yes'],
    ['null', 'null'],
    ['an anchor', '&anchor *alias'],
    ['a list marker', '- x'],
    ['document markers', '---\n...'],
    ['quotes', `it's "done"`],
    ['Markdown and HTML', '<script>alert(1)</script> **@everyone**'],
    ['leading spaces', '   indented start'],
  ])('writes a reason with %s as one valid YAML string', (_what, reason) => {
    const out = retire(COMMENTED, { on: '2026-11-22', reason });
    expect((parse(out) as { retired: { reason: string } }).retired.reason).toBe(reason);
    expect(out.startsWith(COMMENTED.replace('status: active', 'status: retired'))).toBe(true);
    expect(errorsOf('tool-filtering.yaml', out)).toEqual([]);
  });

  it('folds a long one-line reason as the charters fold their long answers', () => {
    const reason = 'Folded into the Authorization Interest Group: its remaining work, client registration and scopes, continues there.';
    expect(retire('id: x\nstatus: active\n', { on: '2026-11-22', reason })).toBe(
      'id: x\nstatus: retired\nretired:\n  on: 2026-11-22\n  reason: >-\n    Folded into the Authorization Interest Group: its remaining work, client\n    registration and scopes, continues there.\n',
    );
  });

  it('appends at the indentation of the file and of its nested mappings', () => {
    const text = 'id: x\nname: X\ntype: interest\nstatus: active\nformed: 2025-01-01\nfacilitators: [a]\ndiscussions:\n    repo: o/r\n    category: X IG\ndifferentiation: d\nfirst_topic: t\n';
    expect(retire(text, { on: '2026-11-22', reason: 'Done.' })).toBe(`${text.replace('status: active', 'status: retired')}retired:\n    on: 2026-11-22\n    reason: Done.\n`);
    const indented = '  id: x\n  status: active\n';
    expect(retire(indented, { on: '2026-11-22', reason: 'Done.' })).toBe('  id: x\n  status: retired\n  retired:\n    on: 2026-11-22\n    reason: Done.\n');
  });

  it('keeps \\r\\n line endings, and adds the line break a file without a final one lacks', () => {
    expect(retire('id: x\r\nstatus: active # now\r\n', { on: '2026-11-22', reason: 'Done.' })).toBe('id: x\r\nstatus: retired # now\r\nretired:\r\n  on: 2026-11-22\r\n  reason: Done.\r\n');
    expect(retire('id: x\nstatus: active', { on: '2026-11-22', reason: 'Done.' })).toBe('id: x\nstatus: retired\nretired:\n  on: 2026-11-22\n  reason: Done.\n');
  });

  it('puts the block before a document end marker', () => {
    expect(retire('id: x\nstatus: active\n...\n', { on: '2026-11-22', reason: 'Done.' })).toBe('id: x\nstatus: retired\nretired:\n  on: 2026-11-22\n  reason: Done.\n...\n');
  });

  it('replaces a stray retired block of an active charter where it is', () => {
    const text = 'id: x\nstatus: active\nretired:\n  reason: old\n  # a comment\n  on: 2020-01-01\nformed: 2019-01-01 # kept\n';
    expect(retire(text, { on: '2026-11-22', reason: 'Done.' })).toBe('id: x\nstatus: retired\nretired:\n  on: 2026-11-22\n  reason: Done.\nformed: 2019-01-01 # kept\n');
  });

  it.each([
    ['an already retired charter', 'id: x\nstatus: retired\nretired:\n  reason: r\n', RETIREMENT, 'the group is already retired'],
    ['no status', 'id: x\n', RETIREMENT, 'the charter has no "status"'],
    ['another status', 'id: x\nstatus: dormant\n', RETIREMENT, 'the charter\'s "status" is "dormant", not "active"'],
    ['a list', '- id: x\n', RETIREMENT, 'the charter is not a mapping of keys to values'],
    ['a flow mapping', '{id: x, status: active}\n', RETIREMENT, 'the charter is written as one flow mapping ({ … }); retire it by hand'],
    ['a duplicate key', 'id: x\nstatus: active\nstatus: active\n', RETIREMENT, expect.stringMatching(/^the charter is not valid YAML: /)],
    ['broken YAML', 'id: [x\n', RETIREMENT, expect.stringMatching(/^the charter is not valid YAML: /)],
    ['an empty reason', 'id: x\nstatus: active\n', { on: '2026-11-22', reason: '  ' }, 'the retirement\'s "reason" is not valid: text of 1 to 5,000 characters'],
    ['a bad date', 'id: x\nstatus: active\n', { on: '2026-13-01', reason: 'r' }, 'the retirement\'s "on" is not valid: a date written YYYY-MM-DD'],
    // `on: unknown` records an old retirement no record dates; a retirement decided now has its day.
    ['the date "unknown"', 'id: x\nstatus: active\n', { on: 'unknown', reason: 'r' }, 'the retirement\'s "on" is not valid: a date written YYYY-MM-DD'],
    ['an http issue', 'id: x\nstatus: active\n', { on: '2026-11-22', reason: 'r', issue: 'http://example.com/1' }, 'the retirement\'s "issue" is not valid: an https URL'],
    ['a date before formed', 'id: x\nstatus: active\nformed: 2026-12-01\n', RETIREMENT, 'the retirement date 2026-11-22 is before the group was formed (2026-12-01)'],
  ])('refuses %s', (_what, text, retirement, error) => {
    expect(retireCharterText(text, retirement as Retirement)).toEqual({ ok: false, error });
  });
});

describe('every real active charter', () => {
  let sources: CharterSource[];
  let active: { file: string; text: string }[];

  beforeAll(async () => {
    sources = await readCharterDirectory(groupsDir);
    const texts = await Promise.all(sources.map(async (s) => ({ file: s.file, text: await readFile(join(groupsDir, s.file), 'utf8') })));
    active = texts.filter((t) => /^status: active\b/m.test(t.text));
  });

  it('is read', () => {
    expect(active.length).toBeGreaterThan(10);
  });

  it('retires to a charter the validator accepts, changing only the status line and appending the block', () => {
    for (const { file, text } of active) {
      const out = retire(text);
      const status = text.split('\n').find((line) => line.startsWith('status: active')) as string;
      const retiredStatus = status.replace('status: active', 'status: retired');
      expect({ file, errors: errorsOf(file, out, sources) }).toEqual({ file, errors: [] });
      expect({ file, removed: linesNotIn(out, text) }).toEqual({ file, removed: [status] });
      expect({ file, added: linesNotIn(text, out) }).toEqual({
        file,
        added: [retiredStatus, 'retired:', `  on: ${RETIREMENT.on}`, expect.stringMatching(/^ {2}reason: /), `  issue: ${RETIREMENT.issue}`, ...(text.endsWith('\n') ? [] : [''])],
      });
      // The rest of the file is byte for byte the same, the block after it.
      const edited = text.replace(status, retiredStatus);
      expect(out.startsWith(edited)).toBe(true);
      expect((parse(out) as { status: string; retired: Retirement })).toMatchObject({ status: 'retired', retired: RETIREMENT });
    }
  });
});
