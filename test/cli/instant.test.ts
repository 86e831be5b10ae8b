import { describe, expect, it } from '@jest/globals';
import { parseInstant } from '../../src/cli/instant.js';

describe('--now', () => {
  it('reads a date-time without an offset as UTC, whatever the machine\'s time zone', () => {
    expect(parseInstant('2026-10-01T12:00')?.toISOString()).toBe('2026-10-01T12:00:00.000Z');
    expect(parseInstant('2026-10-01')?.toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(parseInstant('2026-10-01T12:00:00+02:00')?.toISOString()).toBe('2026-10-01T10:00:00.000Z');
  });

  it('refuses what is not an ISO 8601 date', () => {
    for (const bad of ['yesterday', '2026-13-01', '2026-10-01 12:00', '1 Oct 2026']) expect(parseInstant(bad)).toBeUndefined();
  });
});
