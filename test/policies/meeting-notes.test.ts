/**
 * Meeting notes within 48 hours (SEP-2149 § 1.2, § 1.6): a lead's comment on the agenda discussion
 * from the meeting's day until the end of that day (UTC) + 48 hours.
 */
import { describe, expect, it } from '@jest/globals';
import { meetingDateOf, meetingNotesStatus } from '../../src/policies/sep-2149.js';
import type { MeetingDiscussion } from '../../src/policies/sep-2149.js';

const leads = ['Lead-One', 'facilitator'];
const agenda = (date: string, comments: MeetingDiscussion['comments'] = []): MeetingDiscussion => ({
  title: `Transport WG meeting ${date}`,
  createdAt: '2026-05-01T00:00:00Z',
  url: `https://github.com/o/r/discussions/${date}`,
  comments,
});
const status = (discussion: MeetingDiscussion, now: string) => meetingNotesStatus({ discussions: [discussion], leads, now: new Date(now) })[0];

describe('meetingNotesStatus (SEP-2149 § 1.2, § 1.6)', () => {
  it('§ 1.6: notes by a lead within 48 hours of the end of the meeting day → on time', () => {
    const m = status(agenda('2026-05-05', [{ author: 'lead-one', createdAt: '2026-05-06T15:00:00Z' }]), '2026-05-20T00:00:00Z');
    expect(m).toEqual({
      title: 'Transport WG meeting 2026-05-05',
      url: 'https://github.com/o/r/discussions/2026-05-05',
      meetingDate: '2026-05-05',
      deadline: '2026-05-08T00:00:00.000Z',
      state: 'on-time',
      notes: { author: 'lead-one', createdAt: '2026-05-06T15:00:00Z' },
    });
  });

  it('§ 1.6: the deadline edge: exactly the end of the day + 48 h is on time, a millisecond later is late', () => {
    const onTime = status(agenda('2026-05-05', [{ author: 'facilitator', createdAt: '2026-05-08T00:00:00.000Z' }]), '2026-05-20T00:00:00Z');
    expect(onTime?.state).toBe('on-time');
    const late = status(agenda('2026-05-05', [{ author: 'facilitator', createdAt: '2026-05-08T00:00:00.001Z' }]), '2026-05-20T00:00:00Z');
    expect(late).toMatchObject({ state: 'late', notes: { author: 'facilitator', createdAt: '2026-05-08T00:00:00.001Z' } });
  });

  it('§ 1.2: no lead comment and the window passed → late; within the window → waiting', () => {
    const d = agenda('2026-05-05', [{ author: 'participant', createdAt: '2026-05-05T18:00:00Z' }]);
    expect(status(d, '2026-05-08T00:00:00.001Z')).toMatchObject({ state: 'late', notes: null });
    expect(status(d, '2026-05-08T00:00:00.000Z')).toMatchObject({ state: 'waiting', notes: null });
    expect(status(d, '2026-05-05T00:00:00.000Z')).toMatchObject({ state: 'waiting' });
  });

  it('§ 1.6: before the meeting day → upcoming; a lead\'s comment before the day is agenda talk, not notes', () => {
    const d = agenda('2026-05-05', [{ author: 'Lead-One', createdAt: '2026-05-04T23:59:59Z' }]);
    expect(status(d, '2026-05-04T12:00:00Z')).toMatchObject({ state: 'upcoming', notes: null });
    expect(status(d, '2026-05-09T00:00:00Z')).toMatchObject({ state: 'late', notes: null });
  });

  it('§ 1.2: lead logins compare ignoring case; the first lead comment counts', () => {
    const d = agenda('2026-05-05', [
      { author: 'FACILITATOR', createdAt: '2026-05-07T10:00:00Z' },
      { author: 'LEAD-ONE', createdAt: '2026-05-06T10:00:00Z' },
    ]);
    expect(status(d, '2026-05-20T00:00:00Z')?.notes).toEqual({ author: 'LEAD-ONE', createdAt: '2026-05-06T10:00:00Z' });
  });

  it('§ 1.6: only discussions with a meeting date in the title, newest meeting first', () => {
    const result = meetingNotesStatus({
      discussions: [agenda('2026-04-28'), { ...agenda('x'), title: 'Quarterly update' }, agenda('2026-05-05'), { ...agenda('y'), title: 'Meeting 2026-02-30' }],
      leads,
      now: new Date('2026-05-20T00:00:00Z'),
    });
    expect(result.map((m) => m.meetingDate)).toEqual(['2026-05-05', '2026-04-28']);
  });
});

describe('meetingDateOf', () => {
  it.each([
    ['Meeting 2026-05-05', '2026-05-05'],
    ['2026-05-05 / 2026-05-12 sync', '2026-05-05'],
    ['Notes 2026-02-30 then 2026-03-02', '2026-03-02'],
    ['2028-02-29 leap day', '2028-02-29'],
  ])('reads %j', (title, date) => {
    expect(meetingDateOf(title)).toBe(date);
  });

  it.each(['Weekly sync', 'Meeting 2026-5-5', 'Build 12026-05-05', '2026-05-051', 'Meeting 2026-13-01'])('finds no date in %j', (title) => {
    expect(meetingDateOf(title)).toBeNull();
  });
});
