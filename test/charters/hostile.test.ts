/**
 * Hostile input: charters can come from a fork's pull request. Each input yields a diagnostic at
 * a known position, nothing throws, nothing in the file is executed, and one bad file never
 * hides the others.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { RULES } from '../../src/charters/diagnostics.js';
import type { Diagnostic } from '../../src/charters/diagnostics.js';
import { MAX_CHARTER_BYTES, parseCharterFile } from '../../src/charters/parse.js';
import { readCharterDirectory } from '../../src/charters/read-directory.js';
import { CHARTER_KEYS } from '../../src/charters/schema.js';
import { validateCharters } from '../../src/charters/validate.js';
import { found, INTEREST_GROUP, NOW, validate, withLine, WORKING_GROUP } from './helpers.js';

const WG = WORKING_GROUP;
const utf8 = (text: string) => new TextEncoder().encode(text);

/** The only diagnostic of a one-file result. */
function only(files: Record<string, string | Uint8Array>): Diagnostic {
  const result = validate(files);
  expect(result.diagnostics).toHaveLength(1);
  return result.diagnostics[0] as Diagnostic;
}

describe('YAML syntax', () => {
  it('reports an unclosed flow sequence where the "]" is missing', () => {
    const result = validate({ 'registry.yaml': withLine(WG, 3, 'name: [Registry, Working Group') });
    // The parser notices the missing "]" at the start of the next line.
    expect(found(result)).toEqual(['yaml-syntax@4:1']);
    expect(result.diagnostics[0]?.message).toMatch(/end with a \]/);
    expect(result.charters).toEqual([]);
  });

  it('reports bad indentation', () => {
    const text = `${withLine(WG, 5, 'status: retired')}retired:\n    on: 2026-01-01\n  reason: Merged.\n`;
    const result = validate({ 'registry.yaml': text });
    expect(found(result)).toEqual(['yaml-syntax@19:1']);
    expect(result.diagnostics[0]?.message).toMatch(/same column/);
  });

  it('reports tab indentation', () => {
    const text = `${withLine(WG, 5, 'status: retired')}retired:\n\ton: 2026-01-01\n\treason: Merged.\n`;
    const result = validate({ 'registry.yaml': text });
    expect(found(result)).toEqual(['yaml-syntax@18:1', 'yaml-syntax@19:1']);
    expect(result.diagnostics.every((d) => d.severity === 'error' && /Tabs/.test(d.message))).toBe(true);
  });

  it('reports what the parser only doubts (an ambiguous anchor, an unknown directive) as a syntax error', () => {
    const anchor = validate({ 'registry.yaml': withLine(WG, 7, 'facilitators: &leads:') });
    expect(anchor.diagnostics).toEqual([expect.objectContaining({ rule: 'yaml-syntax', line: 7, column: 21, severity: 'error', message: expect.stringMatching(/ambiguous/) })]);
    const directive = validate({ 'registry.yaml': `%FOO bar\n---\n${WG}` });
    expect(directive.diagnostics).toEqual([expect.objectContaining({ rule: 'yaml-syntax', line: 1, column: 1, severity: 'error', message: expect.stringMatching(/Unknown directive %FOO/) })]);
  });

  it('reports duplicate keys, even when one is quoted', () => {
    const result = validate({ 'registry.yaml': `${WG}"id": registry-two\n` });
    expect(found(result)).toEqual(['yaml-duplicate-key@17:1']);
    expect(result.diagnostics[0]?.message).toMatch(/appears twice/);
    expect(result.charters).toEqual([]);
  });

  // The result, not the time (the time is `npm run bench`'s, bench/hostile-text.ts): with the
  // alias limit off, the aliased values (10^10 once expanded) reach the rules, which report
  // missing fields and unknown keys instead of this one diagnostic.
  it('stops a billion-laughs alias bomb, reporting it at its first alias', () => {
    const levels = 'abcdefghij'.split('');
    const lines = [`${levels[0]}: &${levels[0]} [${Array(10).fill('"lol"').join(', ')}]`];
    for (let i = 1; i < levels.length; i += 1) {
      lines.push(`${levels[i]}: &${levels[i]} [${Array(10).fill(`*${levels[i - 1]}`).join(', ')}]`);
    }
    const d = only({ 'registry.yaml': `${lines.join('\n')}\n` });
    expect(d).toMatchObject({ rule: 'yaml-alias-limit', line: 2, column: 8, severity: 'error' });
    expect(d.message).toMatch(/more than 100 alias uses/);
  });

  it('stops an alias bomb hidden under an unknown key of a valid charter', () => {
    const bomb = 'x: &x [a, a, a, a, a, a, a, a, a, a]\ny: &y [*x, *x, *x, *x, *x, *x, *x, *x, *x, *x]\nz: [*y, *y, *y, *y, *y, *y, *y, *y, *y, *y, *y]\n';
    const result = validate({ 'registry.yaml': WG + bomb });
    expect(found(result)).toEqual(['yaml-alias-limit@18:8']);
  });
});

describe('size', () => {
  const tenMegabytes = 10 * 1024 * 1024;

  it.each([
    ['a string', () => 'a'.repeat(tenMegabytes)],
    ['a Uint8Array', () => new Uint8Array(tenMegabytes).fill(0x61)],
  ])('reports a 10 MB file given as %s', (_, content) => {
    const d = only({ 'registry.yaml': content() });
    expect(d).toMatchObject({ rule: 'file-too-large', line: 1, column: 1, severity: 'error' });
    expect(d.message).toMatch(new RegExp(`${tenMegabytes} bytes`));
  });

  it('counts bytes, not characters', () => {
    // 30,000 "é" are 60,000 bytes: with the rest of the charter, over 64 KiB in 40,000 characters.
    const text = `${WG}# ${'é'.repeat(33_000)}\n`;
    expect(text.length).toBeLessThan(MAX_CHARTER_BYTES);
    expect(found(validate({ 'registry.yaml': text }))).toEqual(['file-too-large@1:1']);
  });

  it('reads only the first 64 KiB + 1 byte of a 10 MB file on disk, and reports its real size', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'group-steward-'));
    try {
      await writeFile(join(dir, 'huge.yaml'), Buffer.alloc(tenMegabytes, 0x61));
      await writeFile(join(dir, 'registry.yaml'), WG);
      const sources = await readCharterDirectory(dir);
      expect(sources.map((s) => s.file)).toEqual(['huge.yaml', 'registry.yaml']);
      expect(sources[0]?.content.length).toBe(MAX_CHARTER_BYTES + 1);
      const result = validateCharters(sources, { now: NOW });
      expect(found(result)).toEqual(['file-too-large@1:1']);
      expect(result.diagnostics[0]?.message).toMatch(new RegExp(`${tenMegabytes} bytes`));
      expect(result.charters.map((c) => c.file)).toEqual(['registry.yaml']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('encoding', () => {
  it('reports a NUL byte at its line and column', () => {
    const d = only({ 'registry.yaml': utf8('id: registry\nname: Reg\0istry\n') });
    expect(d).toMatchObject({ rule: 'file-encoding', line: 2, column: 10, severity: 'error' });
    expect(d.message).toMatch(/binary/);
  });

  it('reports a PNG file at its first NUL byte', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const d = only({ 'logo.yaml': png });
    // "\x89PNG\r\n" is line 1, "\x1a\n" line 2: the NUL opens line 3.
    expect(d).toMatchObject({ rule: 'file-encoding', line: 3, column: 1 });
  });

  it('reports a NUL in a string at the same column as in bytes, byte order mark or not', () => {
    const text = '\uFEFFid: a\0b\n';
    const fromString = only({ 'a.yaml': text });
    const fromBytes = only({ 'a.yaml': utf8(text) });
    expect(fromString).toMatchObject({ rule: 'file-encoding', line: 1, column: 6 });
    expect(fromBytes).toEqual(fromString);
  });

  it('reports invalid UTF-8 (0xC3 0x28) at the bad byte', () => {
    const bytes = new Uint8Array([...utf8('id: registry\nname: Café — '), 0xc3, 0x28, ...utf8('\ntype: working\n')]);
    const d = only({ 'registry.yaml': bytes });
    // Columns count characters: "name: Café — " is 13 characters.
    expect(d).toMatchObject({ rule: 'file-encoding', line: 2, column: 14, severity: 'error' });
    expect(d.message).toMatch(/not valid UTF-8/);
  });

  it('reports invalid UTF-8 at the bad byte, past a real U+FFFD and a byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('id: registry\nname: \uFFFD\ntype: '), 0xff, 0x0a]);
    expect(found(validate({ 'registry.yaml': bytes }))).toEqual(['file-encoding@3:7']);
  });

  it.each([
    ['bytes', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(INTEREST_GROUP)])],
    ['a string', `\uFEFF${INTEREST_GROUP}`],
  ])('accepts a UTF-8 byte order mark in %s', (_, content) => {
    const result = validate({ 'security.yaml': content });
    expect(result.diagnostics).toEqual([]);
    expect(result.charters[0]?.charter.id).toBe('security');
  });
});

describe('documents that hold no charter', () => {
  it.each([
    ['an empty file', ''],
    ['an empty byte array', new Uint8Array(0)],
    ['only comments', '# yaml-language-server: $schema=./charter.schema.json\n# nothing yet\n'],
    ['only a document marker', '---\n'],
  ])('reports %s as empty', (_, content) => {
    const d = only({ 'registry.yaml': content });
    expect(d).toMatchObject({ rule: 'document-empty', line: 1, column: 1, severity: 'error' });
  });

  it.each([
    ['a list', '# comment\n- id: registry\n- name: Registry\n', 2, 1, /is a list/],
    ['a scalar', '# comment\n\n  registry\n', 3, 3, /a single value/],
    ['a number', '42\n', 1, 1, /a single value/],
    ['an alias', '*registry\n', 1, 1, /an alias/],
  ])('reports a top-level %s', (_, text, line, column, message) => {
    const d = only({ 'registry.yaml': text });
    expect(d).toMatchObject({ rule: 'document-not-mapping', line, column, severity: 'error' });
    expect(d.message).toMatch(message);
  });

  it('reports a second document at its start', () => {
    const result = validate({ 'registry.yaml': `${WG}---\nid: other\n---\nid: third\n` });
    expect(found(result)).toEqual(['multiple-documents@17:1']);
    expect(result.diagnostics[0]?.message).toMatch(/3 YAML documents/);
    expect(result.charters).toEqual([]);
  });
});

describe('deep nesting', () => {
  // A charter nests 3 levels; past MAX_NESTING_DEPTH (64) the file is one diagnostic, at the
  // collection that goes too deep, before the yaml package recurses into it.
  const tooDeep = /nest more than 64 levels deep here \(a "\[" or "\{" left open\?\); a charter nests at most 3/;

  it('reports 10,000 nested "[" inside a field as nesting too deep, once, without overflowing the stack', () => {
    const result = validate({ 'registry.yaml': withLine(WG, 3, `name: ${'['.repeat(10_000)}`) });
    // The charter's mapping is level 1: the 64th "[" (column 70) is level 65, the first too deep.
    expect(found(result)).toEqual(['yaml-syntax@3:70']);
    expect(result.diagnostics[0]?.message).toMatch(tooDeep);
    expect(result.diagnostics[0]?.message).not.toMatch(/call stack|Maximum/);
    expect(result.charters).toEqual([]);
  });

  it('reports a file of nothing but "[" up to 64 KiB, and explicit keys nested 20,000 deep, the same way', () => {
    const brackets = validate({ 'registry.yaml': '['.repeat(MAX_CHARTER_BYTES) });
    expect(found(brackets)).toEqual(['yaml-syntax@1:65']);
    expect(brackets.diagnostics[0]?.message).toMatch(tooDeep);
    const keys = validate({ 'registry.yaml': `${'? '.repeat(20_000)}x
` });
    expect(keys.diagnostics.map((d) => d.rule)).toEqual(['yaml-syntax']);
    expect(keys.diagnostics[0]?.message).toMatch(tooDeep);
  });

  it('reports 10,000 balanced "[…]" inside a field', () => {
    const result = validate({ 'registry.yaml': withLine(WG, 3, `name: ${'['.repeat(10_000)}${']'.repeat(10_000)}`) });
    expect(found(result)).toEqual(['yaml-syntax@3:70']);
    expect(result.diagnostics[0]?.message).toMatch(tooDeep);
  });

  it('reports deeply nested flow mappings under 64 KiB', () => {
    const text = withLine(WG, 3, `name: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`);
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_CHARTER_BYTES);
    const result = validate({ 'registry.yaml': text });
    expect(found(result)).toEqual([`yaml-syntax@3:${7 + 63 * 4}`]);
    expect(result.diagnostics[0]?.message).toMatch(tooDeep);
  });

  it('reports block mappings nested 300 levels deep as nesting too deep, at the first key past 64 levels', () => {
    let nested = '';
    for (let depth = 1; Buffer.byteLength(WG) + nested.length < MAX_CHARTER_BYTES - 1000; depth += 1) {
      nested += `${' '.repeat(depth)}k:\n`;
    }
    const text = withLine(WG, 3, `name:\n${nested}`);
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_CHARTER_BYTES);
    expect(nested.split('\n').length).toBeGreaterThan(300);
    const result = validate({ 'registry.yaml': text });
    // The top-level mapping is level 1, `name`'s (line 4, column 2) level 2: line 67 (column 65) holds level 65.
    expect(found(result)).toEqual(['yaml-syntax@67:65']);
    expect(result.diagnostics[0]?.message).toMatch(tooDeep);
  });

  it('reads block mappings nested up to the bound as YAML: a wrong type, at the value', () => {
    let nested = '';
    for (let depth = 1; depth <= 62; depth += 1) nested += `${' '.repeat(depth)}k:\n`;
    const result = validate({ 'registry.yaml': withLine(WG, 3, `name:\n${nested}`) });
    expect(found(result)).toEqual(['wrong-type@4:2']);
    expect(result.diagnostics[0]?.message).toMatch(/"name" must be text, found a mapping/);
  });
});

describe('prototype keys', () => {
  it('reports __proto__, constructor and prototype as unknown keys and pollutes nothing', () => {
    const text = `${WG}__proto__: {polluted: 1}\nconstructor: {prototype: {polluted: 1}}\nprototype: {polluted: 1}\n`;
    const result = validate({ 'registry.yaml': text });
    expect(found(result)).toEqual(['unknown-key@17:1', 'unknown-key@18:1', 'unknown-key@19:1']);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining('unknown key "__proto__"'),
      expect.stringContaining('unknown key "constructor"'),
      expect.stringContaining('unknown key "prototype"'),
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });

  it('reports __proto__ inside the retired block and pollutes nothing', () => {
    const text = `${withLine(WG, 5, 'status: retired')}retired:\n  reason: Merged.\n  __proto__:\n    polluted: 1\n`;
    const result = validate({ 'registry.yaml': text });
    expect(found(result)).toEqual(['retired-date-missing@17:1', 'unknown-key@19:3']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not treat the YAML merge key as a merge', () => {
    const result = validate({ 'registry.yaml': `${WG}<<: {polluted: 1, name: Other}\n` });
    expect(found(result)).toEqual(['unknown-key@17:1']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not mistake Object.prototype names for known groups', () => {
    const text = `${INTEREST_GROUP}related_groups: [constructor, tostring, hasownproperty]\n`;
    const result = validate({ 'security.yaml': text });
    expect(found(result)).toEqual(['related-group-unknown@13:18', 'related-group-unknown@13:31', 'related-group-unknown@13:41']);
  });
});

describe('wrong types everywhere', () => {
  it('reports every field given a mapping, each at its value', () => {
    const text = CHARTER_KEYS.map((key) => `${key}: {a: 1}`).join('\n') + '\n';
    const result = validate({ 'registry.yaml': text });
    CHARTER_KEYS.forEach((key, i) => {
      const line = i + 1;
      const column = key.length + 3;
      const here = result.diagnostics.filter((d) => d.line === line);
      expect(here.length).toBeGreaterThan(0);
      if (key === 'retired') {
        // retired is a mapping: the key inside it is unknown, and its reason is missing.
        expect(found(result).filter((f) => f.includes(`@${line}:`))).toEqual([`missing-field@${line}:1`, `unknown-key@${line}:${column + 1}`]);
      } else if (key === 'discussions') {
        // discussions is a mapping too: its repo and category are missing, the key inside is unknown.
        expect(found(result).filter((f) => f.includes(`@${line}:`))).toEqual([`missing-field@${line}:1`, `missing-field@${line}:1`, `unknown-key@${line}:${column + 1}`]);
      } else if (key === 'meetings') {
        // meetings is a mapping too (issue 23): the key inside it is unknown.
        expect(found(result).filter((f) => f.includes(`@${line}:`))).toEqual([`unknown-key@${line}:${column + 1}`]);
      } else if (key === 'type' || key === 'status') {
        expect(here).toEqual([expect.objectContaining({ rule: 'invalid-value', column })]);
      } else {
        expect(here).toEqual([expect.objectContaining({ rule: 'wrong-type', column, message: expect.stringMatching(/found a mapping$/) })]);
      }
    });
    expect(result.charters).toEqual([]);
  });

  it('names explicitly tagged values by what they are', () => {
    const result = validate({ 'registry.yaml': `${withLine(withLine(WG, 3, 'name: !!binary UmVnaXN0cnk='), 6, 'formed: !!timestamp 2025-07-24')}` });
    expect(found(result)).toEqual(['wrong-type@3:16', 'wrong-type@6:21']);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      '"name" must be text, found binary data',
      '"formed" must be text, found a timestamp',
    ]);
  });

  it('reports a non-text key at the key, not at the start of the file', () => {
    const result = validate({ 'registry.yaml': `${WG}~: null key\n` });
    expect(found(result)).toEqual(['unknown-key@17:1']);
  });
});

describe('tags', () => {
  it('warns about !!js/function and executes nothing', () => {
    const g = globalThis as Record<string, unknown>;
    const text = withLine(WG, 3, 'name: !!js/function "function () { globalThis.pwned = true; return 1 }"');
    const result = validate({ 'registry.yaml': text });
    expect(found(result)).toEqual(['yaml-tag@3:7']);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'warning', message: expect.stringContaining('js/function') });
    expect(RULES['yaml-tag'].severity).toBe('warning');
    expect(g.pwned).toBeUndefined();
    // The value is read as plain text.
    expect(result.charters[0]?.charter.name).toBe('function () { globalThis.pwned = true; return 1 }');
  });

  it('warns about a standard tag on the wrong kind of node, at the tag', () => {
    const result = validate({ 'registry.yaml': withLine(WG, 7, 'facilitators: !!set') });
    expect(result.diagnostics).toEqual([expect.objectContaining({ rule: 'yaml-tag', line: 7, column: 15, severity: 'warning' })]);
    expect(result.charters[0]?.charter.facilitators).toEqual(['rdimitrov']);
  });

  it.each(['!!python/object:os.system', '!!js/undefined', '!ruby/object:Gem::Installer'])('warns about %s', (tag) => {
    const result = validate({ 'registry.yaml': withLine(WG, 3, `name: ${tag} Registry`) });
    expect(found(result)).toEqual(['yaml-tag@3:7']);
    expect(result.errors).toBe(0);
  });
});

describe('long lines and line endings', () => {
  it('bounds the message of a very long value', () => {
    const result = validate({ 'registry.yaml': withLine(WG, 9, `discord: "#${'a'.repeat(60_000)}"`) });
    expect(found(result)).toEqual(['discord-format@9:10']);
    expect(result.diagnostics[0]?.message.length).toBeLessThan(500);
  });

  it('bounds the message of a value inflated by aliases', () => {
    const text = withLine(WG, 4, `type: [&t "${'w'.repeat(600)}", ${Array(90).fill('*t').join(', ')}]`);
    const result = validate({ 'registry.yaml': text });
    expect(found(result)).toEqual(['invalid-value@4:7']);
    expect(result.diagnostics[0]?.message.length).toBeLessThan(500);
  });

  it('reads a 60,000-character comment line and positions the next line', () => {
    const text = `# ${'c'.repeat(60_000)}\n${withLine(WG, 4, 'type: workng')}`;
    expect(found(validate({ 'registry.yaml': text }))).toEqual(['invalid-value@5:7']);
  });

  it('reports a 60,000-character key (over YAML\'s 1024 for an implicit key) at its start', () => {
    const result = validate({ 'registry.yaml': `${WG}${'k'.repeat(60_000)}: v\nnaem: x\n` });
    expect(found(result)).toEqual(['yaml-syntax@17:1']);
    expect(result.diagnostics[0]?.message).toMatch(/at most 1024 chars/);
  });

  it('reports a 1000-character unknown key and the line after it', () => {
    const result = validate({ 'registry.yaml': `${WG}${'k'.repeat(1000)}: v\nnaem: x\n` });
    expect(found(result)).toEqual(['unknown-key@17:1', 'unknown-key@18:1']);
    expect(result.diagnostics[1]?.message).toMatch(/did you mean "name"\?/);
  });

  it('gives the same positions with CRLF line endings', () => {
    const lf = withLine(withLine(WG, 4, 'type: workng'), 8, '  - "@rdimitrov"');
    const crlf = lf.replace(/\n/g, '\r\n');
    expect(found(validate({ 'registry.yaml': crlf }))).toEqual(['invalid-value@4:7', 'login-format@8:5']);
    expect(found(validate({ 'registry.yaml': crlf }))).toEqual(found(validate({ 'registry.yaml': lf })));
  });

  it('reads a CRLF charter like its LF form', () => {
    const result = validate({ 'registry.yaml': WG.replace(/\n/g, '\r\n') });
    expect(result.diagnostics).toEqual([]);
    expect(result.charters[0]?.charter).toEqual(validate({ 'registry.yaml': WG }).charters[0]?.charter);
  });
});

describe('one bad file never hides the others', () => {
  it('reports a binary file, a syntax error and a schema error, and loads the valid charter', () => {
    const result = validate({
      'binary.yaml': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'syntax.yaml': 'id: syntax\nname: [Syntax\ntype: working\n',
      'schema.yaml': 'id: schema\nname: Schema\ntype: workng\nstatus: retired\nretired:\n  on: 2025-01-01\n  reason: Gone.\n',
      'huge.yaml': 'x'.repeat(MAX_CHARTER_BYTES + 1),
      'old.yml': WG,
      'registry.yaml': WG,
    });
    expect(found(result, 'binary.yaml')).toEqual(['file-encoding@3:1']);
    expect(found(result, 'syntax.yaml')).toEqual(['yaml-syntax@3:1']);
    expect(found(result, 'schema.yaml')).toEqual(['invalid-value@3:7']);
    expect(found(result, 'huge.yaml')).toEqual(['file-too-large@1:1']);
    expect(found(result, 'old.yml')).toEqual(['file-extension@1:1']);
    expect(found(result, 'registry.yaml')).toEqual([]);
    expect(result.charters).toEqual([
      { file: 'registry.yaml', charter: expect.objectContaining({ id: 'registry', type: 'working' }), hasErrors: false },
    ]);
    expect(result.errors).toBe(5);
    // Diagnostics are ordered by file.
    expect(result.diagnostics.map((d) => d.file)).toEqual(['binary.yaml', 'huge.yaml', 'old.yml', 'schema.yaml', 'syntax.yaml']);
  });

  it('keeps checking related groups when a related charter has a syntax error', () => {
    const result = validate({
      'security.yaml': `${INTEREST_GROUP}related_groups: [auth]\n`,
      'auth.yaml': 'id: auth\ntype: interest\nname: [Auth\n',
    });
    // auth.yaml takes no part: it is reported, and security.yaml's reference is unknown.
    expect(found(result, 'auth.yaml')).toEqual(['yaml-syntax@4:1']);
    expect(found(result, 'security.yaml')).toEqual(['related-group-unknown@13:18']);
  });

  it('never throws, whatever the bytes', () => {
    let seed = 1302;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const alphabet = ['id: ', 'name', ':', ' ', '\n', '  ', '- ', '[', ']', '{', '}', '&a ', '*a', '!!', '"', "'", '#', '---\n', '?', '|', '>', '\t', 'é', '\r\n', ',', 'status: active\n', 'retired:\n'];
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i += 1) {
      let text = '';
      const length = Math.floor(random() * 60);
      for (let j = 0; j < length; j += 1) text += alphabet[Math.floor(random() * alphabet.length)];
      files[`f${i}.yaml`] = text;
    }
    const result = validate(files);
    for (const d of result.diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.severity).toBe(RULES[d.rule].severity);
    }
  });
});

describe('the same text read again', () => {
  it('gives each caller its own value, equal to the first, however earlier callers changed theirs', () => {
    // A text no other test reads: the first read makes the value, the second converts again, the third copies.
    const read = () => parseCharterFile({ file: 'registry.yaml', content: `${WG}# read three times\n` }).value as Record<string, unknown>;
    const first = read();
    const expected = structuredClone(first);
    (first.repos as unknown[]).push('someone/else');
    first.name = 'changed';
    const second = read();
    expect(second).toEqual(expected);
    expect(second).not.toBe(first);
    expect(second.repos).not.toBe(first.repos);
    (second.repos as unknown[]).push('another/one');
    second.name = 'changed again';
    const third = read();
    expect(third).toEqual(expected);
    expect(third.repos).not.toBe(second.repos);
  });

  it('a value a YAML tag made a Date, a Set, a Map or bytes is the same kind of value on every read', () => {
    const text = 'when: !!timestamp 2001-12-14\nset: !!set {x}\nmap: !!omap [ {x: 1} ]\nbytes: !!binary aGVsbG8=\n';
    const kinds = (value: Record<string, unknown> | undefined) => Object.entries(value ?? {}).map(([key, v]) => `${key}: ${Object.prototype.toString.call(v)}`);
    const expected = ['when: [object Date]', 'set: [object Set]', 'map: [object Map]', 'bytes: [object Uint8Array]'];
    expect(kinds(parseCharterFile({ file: 'odd.yaml', content: text }).value)).toEqual(expected);
    expect(kinds(parseCharterFile({ file: 'odd.yaml', content: text }).value)).toEqual(expected);
  });

  it('an alias that shares a value, or makes a cycle, reads the same every time, and nothing throws', () => {
    for (let read = 0; read < 2; read += 1) {
      const cycle = parseCharterFile({ file: 'cycle.yaml', content: 'list: &x [ *x ]\nmap: &y { k: *y }\n' });
      expect(cycle.diagnostics).toEqual([]);
      const value = cycle.value as { list: unknown[]; map: { k: unknown } };
      expect(value.list[0]).toBe(value.list);
      expect(value.map.k).toBe(value.map);
      const shared = parseCharterFile({ file: 'shared.yaml', content: 'repos: &r [a/b]\nalso: *r\n' }).value as { repos: unknown; also: unknown };
      expect(shared.also).toBe(shared.repos);
    }
  });
});
