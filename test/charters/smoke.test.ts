import { describe, expect, it } from '@jest/globals';
import { validateCharters } from '../../src/charters/validate.js';

describe('smoke', () => {
  it('reports a missing id', () => {
    const r = validateCharters([{ file: 'x.yaml', content: 'name: X\n' }], { now: new Date('2026-11-22T00:00:00Z') });
    expect(r.diagnostics.map((d) => d.rule)).toContain('missing-field');
  });
});
