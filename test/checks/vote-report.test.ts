/**
 * The "Group creation vote" check when the voters could not be read: GitHub's message (an error,
 * a team read) is untrusted text, and reaches the check run's Markdown only through
 * `src/markdown/escape.ts` — through the real path, `policyChecks` → the SEP-1302 vote → the report.
 */
import { describe, expect, it } from '@jest/globals';
import type { Token } from 'markdown-it';
import { policyChecks } from '../../src/checks/policy-checks.js';
import { createMarkdown } from '../../src/markdown/blocks.js';
import { inlineText } from '../../src/markdown/escape.js';
import { policyFor } from '../../src/policies/index.js';

/** A team read that failed, as a hostile message: a team mention, a reference, HTML, a pipe, backticks. */
const HOSTILE_ERROR = "Could not resolve @org/team (see #12) <img src=x onerror=alert(1)> | col | `code` ``` fence and **bold**";

function voteSummary(peopleError: string | undefined): string {
  const [check] = policyChecks({
    policy: policyFor('sep-1302'),
    changes: { newGroups: ['registry'], amended: [], retiring: [] },
    pull: { createdAt: '2026-09-18T00:00:00Z', readyAt: null, firstVoteAt: null, isDraft: false, reviews: [], proposer: 'alice' },
    people: { moderators: ['bob'], core: ['carol'], leads: [] },
    ...(peopleError !== undefined ? { peopleError } : {}),
    openRuns: new Map(),
    periodHours: 72,
    now: new Date('2026-09-19T00:00:00Z'),
  });
  expect(check?.name).toBe('Group creation vote');
  return check?.report.summary ?? '';
}

/** The inline tokens of the Markdown, read as GitHub reads it. */
function inlineTokens(markdown: string): Token[] {
  return createMarkdown()
    .parse(markdown, {})
    .flatMap((t) => (t.type === 'inline' ? (t.children ?? []) : []));
}

describe('the creation vote check, voters unread', () => {
  it('fails the vote and shows the message escaped (inlineText), once', () => {
    const summary = voteSummary(HOSTILE_ERROR);
    expect(summary).toContain(`**the voters could not be read: ${inlineText(HOSTILE_ERROR)}.**`);
    // Escaped once: no backslash is itself escaped again.
    expect(summary).not.toContain('\\\\');
  });

  it('neutralises the mention, the reference, the HTML, the pipe and the backticks', () => {
    const summary = voteSummary(HOSTILE_ERROR);
    const reasonLine = summary.split('\n').find((l) => l.includes('the voters could not be read')) ?? '';
    // The words stay readable; `@` and `#` carry a word joiner, so GitHub matches no mention or reference.
    expect(reasonLine).toContain('@\u2060org/team');
    expect(reasonLine).toContain('\\#\u206012');
    expect(reasonLine).not.toMatch(/@(?!\u2060)/);
    expect(reasonLine).not.toMatch(/#(?!\u2060)/);
    // Every pipe and backtick is escaped: no table cell split, no code span.
    expect(reasonLine).not.toMatch(/(?<!\\)[|`<]/);

    const tokens = inlineTokens(reasonLine);
    expect(tokens.filter((t) => t.type === 'html_inline')).toEqual([]);
    expect(tokens.filter((t) => t.type === 'code_inline')).toEqual([]);
    expect(tokens.filter((t) => t.type === 'image' || t.type === 'link_open')).toEqual([]);
    const text = tokens.filter((t) => t.type === 'text').map((t) => t.content).join('');
    expect(text).not.toMatch(/@[A-Za-z0-9]/);
    expect(text).not.toMatch(/#\d/);
    expect(text.replace(/\u2060/g, '')).toContain('Could not resolve @org/team (see #12) <img src=x onerror=alert(1)> | col | `code` ``` fence and **bold**');
    // Only the App's own bold around the sentence.
    expect(tokens.filter((t) => t.type === 'strong_open')).toHaveLength(1);
  });

  it('leaves the rest of the report as it was', () => {
    const summary = voteSummary(HOSTILE_ERROR);
    const plain = voteSummary('the team is not visible');
    expect(plain).toContain('**the voters could not be read: the team is not visible.**');
    const without = (s: string) => s.split('\n').filter((l) => !l.includes('the voters could not be read'));
    expect(without(summary)).toEqual(without(plain));
  });
});
