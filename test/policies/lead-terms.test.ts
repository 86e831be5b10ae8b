/**
 * A working group lead's term (SEP-2149 Part 2 § 4, "Leadership": each lead's "Term"): the end
 * date read from it, for the `lead-term-expired` rule and the dashboard's lead-term column.
 */
import { describe, expect, it } from '@jest/globals';
import { leadTermEnd, leadTermExpired, malformedTermDate } from '../../src/policies/lead-terms.js';

describe('leadTermEnd (SEP-2149 Part 2 § 4)', () => {
  it.each([
    ['2027-01-31', '2027-01-31'],
    ['  2027-01-31  ', '2027-01-31'],
    ['until 2027-01-31', '2027-01-31'],
    ['Until: 2027-01-31.', '2027-01-31'],
    ['2026-02-01 to 2027-01-31', '2027-01-31'],
    ['2026-02-01 – 2027-01-31', '2027-01-31'],
    ['one year (ends 2027-01-31)', '2027-01-31'],
    ['through 2028-02-29', '2028-02-29'],
  ])('reads the end date of %j', (term, end) => {
    expect(leadTermEnd(term)).toBe(end);
  });

  it.each([
    ['free text', '2026 H1'],
    ['free text', 'one year, renewable'],
    ['a date not at the end', '2027-01-31 or until replaced'],
    ['a start date', 'since 2025-07-24'],
    ['a start date', 'From 2026-01-01'],
    ['a start date', 'starting: 2026-01-01'],
    ['a date that does not exist', 'until 2027-02-30'],
    ['a date glued to a word', 'v2027-01-31'],
    ['a longer number', '12027-01-31'],
    ['a date and time', '2027-01-31T00:00:00Z'],
    ['nothing', ''],
  ])('gives no end date for %s (%j)', (_what, term) => {
    expect(leadTermEnd(term)).toBeNull();
  });
});

describe('leadTermExpired', () => {
  const today = '2026-11-22';

  it('fails a term whose end date is before today (UTC)', () => {
    expect(leadTermExpired('until 2026-11-21', today)).toBe(true);
    expect(leadTermExpired('2025-12-31', today)).toBe(true);
  });

  it('passes a term ending today or later, free text, a start date, and no term', () => {
    expect(leadTermExpired('until 2026-11-22', today)).toBe(false);
    expect(leadTermExpired('2027-01-31', today)).toBe(false);
    expect(leadTermExpired('2026 H1', today)).toBe(false);
    expect(leadTermExpired('since 2025-07-24', today)).toBe(false);
    expect(leadTermExpired(undefined, today)).toBe(false);
  });
});

describe('malformedTermDate', () => {
  it('names a trailing date that does not exist, and nothing else', () => {
    expect(malformedTermDate('until 2027-02-30')).toBe('2027-02-30');
    expect(malformedTermDate('2026-13-01')).toBe('2026-13-01');
    expect(malformedTermDate('until 2027-01-31')).toBeNull();
    expect(malformedTermDate('2026 H1')).toBeNull();
  });
});
