/**
 * `retired: { on: unknown }`: a retired group whose retirement no record dates says so, and is not
 * warned about again (`retired-date-missing` is for a charter that leaves `on` out). The same for a
 * charter page's `retired_on: unknown`.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from '@jest/globals';
import { readFrontMatter } from '../../src/charters/pages/front-matter.js';
import { charterJsonSchema, RETIRED_ON_UNKNOWN } from '../../src/charters/schema.js';
import { found, validate, withLine, WORKING_GROUP } from './helpers.js';

const retired = (on: string | null) => `${withLine(WORKING_GROUP, 5, 'status: retired')}retired:\n${on === null ? '' : `  on: ${on}\n`}  reason: Merged.\n`;

describe('a YAML charter', () => {
  it('retired "on: unknown" is valid, with no warning, and keeps the word', () => {
    const result = validate({ 'registry.yaml': retired('unknown') });
    expect(found(result)).toEqual([]);
    expect(result.charters[0]?.charter.retired).toEqual({ on: RETIRED_ON_UNKNOWN, reason: 'Merged.' });
  });

  it('retired without "on" is the retired-date-missing warning, which says how to clear it', () => {
    const result = validate({ 'registry.yaml': retired(null) });
    expect(found(result)).toEqual(['retired-date-missing@17:1']);
    expect(result.diagnostics[0]?.message).toContain('or "on: unknown" when no record gives it');
  });

  it('the JSON Schema editors read accepts a date and "unknown", and nothing else', () => {
    const check = new Ajv2020({ strict: false, validateFormats: false }).compile(charterJsonSchema());
    const charter = (on: string) => ({ id: 'x', name: 'X', type: 'working', status: 'retired', retired: { on, reason: 'r' } });
    expect(check(charter('2026-01-01'))).toBe(true);
    expect(check(charter('unknown'))).toBe(true);
    expect(check(charter('Unknown'))).toBe(false);
    expect(check(charter('2026-02-30'))).toBe(false);
  });
});

describe("a charter page's front matter", () => {
  const front = (lines: string) => readFrontMatter('wg.mdx', { text: `title: X Charter\nstatus: retired\nretired_reason: Merged.\n${lines}`, line: 2 });

  it('retired_on: unknown is read with no warning, and no date', () => {
    const { front: read, diagnostics } = front('retired_on: unknown\n');
    expect(diagnostics).toEqual([]);
    expect(read).toMatchObject({ status: 'retired', retired: { reason: 'Merged.' }, retiredOnUnknown: true });
    expect(read.retired?.on).toBeUndefined();
  });

  it('no retired_on is the warning, naming both ways to clear it', () => {
    const { diagnostics } = front('');
    expect(diagnostics.map((d) => `${d.rule}@${d.line}`)).toEqual(['retired-date-missing@3']);
    expect(diagnostics[0]?.message).toBe('"retired_on" is missing: write the date the group was retired (YYYY-MM-DD), or "retired_on: unknown" when no record gives it');
  });

  it('a retired_on that is neither a date nor "unknown" is a malformed marker', () => {
    const { diagnostics } = front('retired_on: sometime\n');
    expect(diagnostics.map((d) => d.rule)).toEqual(['page-retirement-marker']);
    expect(diagnostics[0]?.message).toBe('"retired_on" is not a real date written YYYY-MM-DD, nor "unknown"');
  });
});
