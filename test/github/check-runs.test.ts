import { describe, expect, it } from '@jest/globals';
import { bound, MAX_OUTPUT_CHARS } from '../../src/github/check-runs.js';

describe('bound: GitHub\'s 65,535-byte limit on check-run text', () => {
  it('leaves text within the limit as it is', () => {
    expect(bound('short')).toBe('short');
  });

  it('cuts by UTF-8 bytes, not characters, on a character boundary', () => {
    const text = '登録'.repeat(20_000); // 40,000 characters, 120,000 bytes
    const cut = bound(text);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(MAX_OUTPUT_CHARS);
    expect(cut).not.toContain('\uFFFD');
    expect(cut.endsWith("(cut to fit GitHub's 65,535-byte limit)")).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const cut = bound('😀'.repeat(30_000), 1001);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(1001);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|\uFFFD/);
  });
});
