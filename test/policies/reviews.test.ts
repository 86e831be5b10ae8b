/** Each reviewer's standing opinion, as GitHub keeps it: the latest review that is not a comment. */
import { describe, expect, it } from '@jest/globals';
import { includesLogin, mentionList, quietList, standingOpinions, uniqueLogins } from '../../src/policies/reviews.js';

describe('standingOpinions', () => {
  it('keeps the latest opinionated review per login, ignoring case; comments and pending reviews change nothing', () => {
    const opinions = standingOpinions([
      { login: 'Ann', state: 'CHANGES_REQUESTED', submittedAt: '2026-05-01T00:00:00Z' },
      { login: 'ann', state: 'approved', submittedAt: '2026-05-02T00:00:00Z' },
      { login: 'ANN', state: 'COMMENTED', submittedAt: '2026-05-03T00:00:00Z' },
      { login: 'bob', state: 'APPROVED', submittedAt: null },
      { login: 'bob', state: 'PENDING', submittedAt: null },
      { login: 'cy', state: 'APPROVED', submittedAt: null },
      { login: 'cy', state: 'DISMISSED', submittedAt: null },
    ]);
    expect([...opinions]).toEqual([
      ['ann', 'APPROVED'],
      ['bob', 'APPROVED'],
      ['cy', 'DISMISSED'],
    ]);
  });

  it("leaves the proposer's reviews out", () => {
    expect(standingOpinions([{ login: 'Alice', state: 'APPROVED', submittedAt: null }], 'alice').size).toBe(0);
  });
});

describe('login lists', () => {
  it('compare ignoring case and keep the first spelling', () => {
    expect(uniqueLogins(['Ann', 'ann', 'Bob'])).toEqual(['Ann', 'Bob']);
    expect(includesLogin(['Ann'], 'ANN')).toBe(true);
    expect(includesLogin(['Ann'], 'Anna')).toBe(false);
  });

  it('name people with or without notifying them', () => {
    expect(mentionList([])).toBe('');
    expect(mentionList(['a'])).toBe('@a');
    expect(mentionList(['a', 'b', 'c'])).toBe('@a, @b and @c');
    expect(quietList(['a', 'b'])).toBe('@\u2060a and @\u2060b');
  });

  it('write only GitHub logins as mentions: anything else goes through the escaper', () => {
    expect(mentionList(['a', '@org/team'])).toBe('@a and `[U+0040]org[U+002F]team`');
    expect(quietList(['a', '<img src=x>'])).toBe('@\u2060a and \\<img src=x\\>');
  });
});
