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
    // English dates, as MCP's charter pages write them (server-card.mdx: "6 months (ends Aug 14, 2026)")
    ['6 months (ends Aug 14, 2026)', '2026-08-14'],
    ['ends Aug 14, 2026', '2026-08-14'],
    ['Aug 14, 2026', '2026-08-14'],
    ['until January 31, 2027.', '2027-01-31'],
    ['until Sept. 3, 2027', '2027-09-03'],
    ['ends dec 1st, 2026', '2026-12-01'],
    ['ends Feb 29 2028', '2028-02-29'],
    ['2026-02-01 to Aug 14, 2026', '2026-08-14'],
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
    ['an English start date', 'since Aug 14, 2026'],
    ['an English start date', 'from January 1, 2026'],
    ['an English date that does not exist', 'ends Feb 30, 2027'],
    ['an English date not at the end', 'ends Aug 14, 2026 or until replaced'],
    ['a month glued to a word', 'xAug 14, 2026'],
    ['a month without a day', 'ends August 2026'],
    ['a term without a date', 'Initial'],
  ])('gives no end date for %s (%j)', (_what, term) => {
    expect(leadTermEnd(term)).toBeNull();
  });
});

describe('leadTermExpired', () => {
  const today = '2026-11-22';

  it('fails a term whose end date is before today (UTC)', () => {
    expect(leadTermExpired('until 2026-11-21', today)).toBe(true);
    expect(leadTermExpired('2025-12-31', today)).toBe(true);
    expect(leadTermExpired('6 months (ends Aug 14, 2026)', today)).toBe(true);
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
    expect(malformedTermDate('ends Feb 30, 2027')).toBe('Feb 30, 2027');
    expect(malformedTermDate('6 months (ends Aug 14, 2026)')).toBeNull();
  });
});
