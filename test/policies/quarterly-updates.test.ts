/**
 * Quarterly updates (SEP-2149 § 1.8: working groups report at the end of January, April, July and
 * October): the quarter boundaries in UTC, which update counts, and when the reminder is due.
 */
import { describe, expect, it } from '@jest/globals';
import { quarterOf, quarterlyUpdateStatus } from '../../src/policies/sep-2149.js';

const at = (iso: string) => new Date(iso);

describe('quarterOf (SEP-2149 § 1.8)', () => {
  it.each([
    ['2026-02-01T00:00:00.000Z', '2026-01', '2026-02-01T00:00:00.000Z'],
    ['2026-05-01T00:00:00.000Z', '2026-04', '2026-05-01T00:00:00.000Z'],
    ['2026-08-01T00:00:00.000Z', '2026-07', '2026-08-01T00:00:00.000Z'],
    ['2026-11-01T00:00:00.000Z', '2026-10', '2026-11-01T00:00:00.000Z'],
  ])('§ 1.8: at the end of the month (%s) the quarter %s has just ended', (now, id, endsAt) => {
    expect(quarterOf(at(now))).toMatchObject({ id, endsAt });
  });

  it.each([
    ['2026-01-31T23:59:59.999Z', '2025-10'],
    ['2026-04-30T23:59:59.999Z', '2026-01'],
    ['2026-07-31T23:59:59.999Z', '2026-04'],
    ['2026-10-31T23:59:59.999Z', '2026-07'],
  ])('§ 1.8: a moment before the end (%s) the previous quarter, %s, is the most recent', (now, id) => {
    expect(quarterOf(at(now)).id).toBe(id);
  });

  it('§ 1.8: the year rolls over: November to January belong to October of the year before January', () => {
    expect(quarterOf(at('2026-12-31T23:59:59Z'))).toMatchObject({ id: '2026-10', month: 'October 2026' });
    expect(quarterOf(at('2027-01-01T00:00:00Z'))).toMatchObject({ id: '2026-10', month: 'October 2026', endsAt: '2026-11-01T00:00:00.000Z' });
    expect(quarterOf(at('2027-01-15T12:00:00Z')).id).toBe('2026-10');
    expect(quarterOf(at('2027-02-01T00:00:00Z')).id).toBe('2027-01');
  });

  it('§ 1.8: updates count from 14 days before the end; the reminder is 14 days after it', () => {
    expect(quarterOf(at('2026-11-20T00:00:00Z'))).toEqual({
      id: '2026-10',
      month: 'October 2026',
      endsAt: '2026-11-01T00:00:00.000Z',
      updatesFrom: '2026-10-18T00:00:00.000Z',
      remindAt: '2026-11-15T00:00:00.000Z',
    });
    // Across a year end and a leap February.
    expect(quarterOf(at('2028-02-20T00:00:00Z'))).toMatchObject({ id: '2028-01', updatesFrom: '2028-01-18T00:00:00.000Z', remindAt: '2028-02-15T00:00:00.000Z' });
  });
});

describe('quarterlyUpdateStatus (SEP-2149 § 1.8)', () => {
  const pattern = /quarterly update/i;
  const update = (title: string, createdAt: string) => ({ title, createdAt, url: `https://github.com/o/r/discussions/${createdAt.slice(0, 10)}` });
  const older = update('Quarterly update: July 2026', '2026-08-03T09:00:00Z');
  const october = update('Quarterly Update — October 2026', '2026-10-30T09:00:00Z');
  const meeting = update('Meeting 2026-11-04', '2026-11-01T09:00:00Z');

  it('§ 1.8: the quarter\'s update present → not due, and it is the latest', () => {
    const s = quarterlyUpdateStatus({ now: at('2026-11-20T00:00:00Z'), pattern, discussions: [older, october, meeting] });
    expect(s).toMatchObject({ latest: october, posted: true, due: false });
    expect(s.quarter.id).toBe('2026-10');
  });

  it('§ 1.8: absent 14 days after the end → due (the reminder edge exactly)', () => {
    const discussions = [older, meeting];
    expect(quarterlyUpdateStatus({ now: at('2026-11-15T00:00:00.000Z'), pattern, discussions })).toMatchObject({ latest: older, posted: false, due: true });
    expect(quarterlyUpdateStatus({ now: at('2026-11-14T23:59:59.999Z'), pattern, discussions }).due).toBe(false);
  });

  it('§ 1.8: absent before the 14 days → not due', () => {
    const s = quarterlyUpdateStatus({ now: at('2026-11-05T00:00:00Z'), pattern, discussions: [] });
    expect(s).toMatchObject({ latest: null, posted: false, due: false });
  });

  it('§ 1.8: an update counts from 14 days before the quarter end (the window edge exactly), a late one too', () => {
    const now = at('2026-11-20T00:00:00Z');
    expect(quarterlyUpdateStatus({ now, pattern, discussions: [update('Quarterly update', '2026-10-18T00:00:00Z')] }).due).toBe(false);
    expect(quarterlyUpdateStatus({ now, pattern, discussions: [update('Quarterly update', '2026-10-17T23:59:59Z')] })).toMatchObject({ posted: false, due: true });
    expect(quarterlyUpdateStatus({ now, pattern, discussions: [update('Quarterly update', '2026-11-19T08:00:00Z')] })).toMatchObject({ posted: true, due: false });
  });

  it('§ 1.8: the title pattern matches ignoring case, whatever its flags', () => {
    const discussions = [update('QUARTERLY UPDATE Q4', '2026-10-31T00:00:00Z')];
    const now = at('2026-11-20T00:00:00Z');
    expect(quarterlyUpdateStatus({ now, pattern: /quarterly update/, discussions }).posted).toBe(true);
    const sticky = /quarterly update/gy;
    expect(quarterlyUpdateStatus({ now, pattern: sticky, discussions: [...discussions, ...discussions] }).posted).toBe(true);
    expect(quarterlyUpdateStatus({ now, pattern: /status report/i, discussions })).toMatchObject({ latest: null, due: true });
  });

  it('§ 1.8: a discussion with an unreadable date is skipped', () => {
    const s = quarterlyUpdateStatus({ now: at('2026-11-20T00:00:00Z'), pattern, discussions: [update('Quarterly update', 'yesterday')] });
    expect(s).toMatchObject({ latest: null, due: true });
  });

  it('§ 1.8: a group formed after the update window opened owes nothing for that quarter', () => {
    const now = at('2026-11-20T00:00:00Z');
    expect(quarterlyUpdateStatus({ now, pattern, discussions: [], formed: '2026-10-25' }).due).toBe(false);
    expect(quarterlyUpdateStatus({ now, pattern, discussions: [], formed: '2026-10-18' }).due).toBe(true);
    expect(quarterlyUpdateStatus({ now, pattern, discussions: [], formed: null }).due).toBe(true);
  });
});

describe('quarterlyUpdateStatus: whose update, and for which quarter (SEP-2149 § 1.8)', () => {
  const pattern = /quarterly update/i;
  const update = (createdAt: string, author: string | null = 'lead') => ({ title: 'Quarterly update', createdAt, url: `https://github.com/o/r/discussions/${createdAt.slice(5, 7)}`, author });

  it('passes: the lead\'s update posted late, in the next quarter but before its own window, settles the quarter', () => {
    expect(quarterlyUpdateStatus({ now: at('2027-01-10T00:00:00Z'), pattern, discussions: [update('2026-12-01T00:00:00Z')], authors: ['Lead'] })).toMatchObject({ posted: true, due: false });
  });

  it("fails: an update in the next quarter's own window (from 14 days before its end) is that quarter's, not the missed one's", () => {
    const status = quarterlyUpdateStatus({ now: at('2027-01-25T00:00:00Z'), pattern, discussions: [update('2027-01-20T00:00:00Z')], authors: ['lead'] });
    expect(status).toMatchObject({ quarter: { id: '2026-10' }, posted: false, update: null, due: true, latest: { createdAt: '2027-01-20T00:00:00Z' } });
  });

  it('fails: a matching title posted by someone not among the authors is no update', () => {
    expect(quarterlyUpdateStatus({ now: at('2026-11-20T00:00:00Z'), pattern, discussions: [update('2026-10-25T00:00:00Z', 'a-member'), update('2026-10-26T00:00:00Z', null)], authors: ['lead'] })).toMatchObject({ posted: false, latest: null, due: true });
  });
});
