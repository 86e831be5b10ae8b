/**
 * The CLI's words for a person: wrapping at 120 columns, the App's Markdown as terminal text, the
 * closest option to a typo, and the one line for a GitHub that cannot be reached.
 */
import { describe, expect, it } from '@jest/globals';
import { closestName, markdownToText, wrapText } from '../../src/cli/format.js';
import { networkFailureMessage, unreachableReason } from '../../src/github/network-errors.js';
import { inlineText, link, quietMention, tableCellText, tableRow } from '../../src/markdown/escape.js';

const widest = (text: string) => Math.max(...text.split('\n').map((l) => Array.from(l).length));

describe('wrapText', () => {
  it('leaves a line that fits alone, and wraps a longer one at spaces with a hanging indent', () => {
    expect(wrapText('short', 20)).toBe('short');
    expect(wrapText('one two three four five six', 14)).toBe('one two three\n    four five\n    six');
    expect(wrapText('  - item with several words here', 16, '  ')).toBe('  - item with\n    several\n    words here');
  });

  it('cuts a word longer than a line, so no line is wider than asked', () => {
    const url = `https://example.com/${'x'.repeat(200)}`;
    const wrapped = wrapText(`see ${url} now`, 120);
    expect(widest(wrapped)).toBeLessThanOrEqual(120);
    expect(wrapped.split('\n')[0]).toBe('see');
    expect(wrapped.replace(/\n */g, '')).toBe(`see${url} now`);
  });

  it('counts columns in code points (— and § are one column each)', () => {
    expect(wrapText(`${'—'.repeat(60)} ${'§'.repeat(59)}`, 120)).toBe(`${'—'.repeat(60)} ${'§'.repeat(59)}`);
  });
});

describe('markdownToText: what the App posts, for a terminal', () => {
  it('drops backslash escapes, word joiners, emphasis and entities, and keeps code spans', () => {
    const posted = `**${inlineText('Fixes #12: a*b* <x> & @team')}** in \`wg:registry\`, by ${quietMention('octocat')}`;
    expect(posted).toContain('\\*');
    expect(posted).toContain('\u2060');
    expect(markdownToText(posted)).toBe('Fixes #12: a*b* <x> & @team in `wg:registry`, by @octocat\n');
  });

  it('shows a link as its text, with the address when the text does not say it', () => {
    expect(markdownToText(`${link('modelcontextprotocol/registry', 'https://github.com/modelcontextprotocol/registry')} and ${link('@rdimitrov', 'https://github.com/rdimitrov')}`)).toBe(
      'modelcontextprotocol/registry and @rdimitrov\n',
    );
    expect(markdownToText(link('decision', 'https://github.com/o/r/issues/9'))).toBe('decision (https://github.com/o/r/issues/9)\n');
    expect(markdownToText(link('Registry', 'registry.yaml'))).toBe('Registry\n');
  });

  it('aligns a table that fits, and gives each row of a wider one a block of "header: value"', () => {
    const table = (rows: string[][]) => [tableRow(rows[0] ?? []), tableRow((rows[0] ?? []).map(() => '---')), ...rows.slice(1).map((r) => tableRow(r.map(tableCellText)))].join('\n');
    expect(markdownToText(table([['', 'moderators'], ['approved (yes)', '—'], ['not voted', '@a, @b']]))).toBe('                moderators\napproved (yes)  —\nnot voted       @a, @b\n');
    const wide = markdownToText(table([['Group', 'Label', 'Notes', 'Formed'], ['Registry', 'wg:registry', 'x'.repeat(100), '—']]), 60);
    expect(wide).toBe(`Registry\n    label: wg:registry; notes:\n        ${'x'.repeat(52)}\n        ${'x'.repeat(48)}\n`);
    expect(widest(wide)).toBeLessThanOrEqual(60);
  });

  it('wraps paragraphs and list items, and drops HTML comments', () => {
    const text = markdownToText(`<!-- group-steward:marker -->\n\n${'word '.repeat(30)}\n\n- ${'item '.repeat(30)}\n- second`, 40);
    expect(text).not.toContain('marker');
    expect(widest(text)).toBeLessThanOrEqual(40);
    expect(text).toMatch(/^word word/);
    expect(text).toMatch(/\n- item item/);
    expect(text).toMatch(/\n {2}item item/);
    expect(text).toMatch(/\n- second\n$/);
  });
});

describe('closestName', () => {
  it.each([
    ['fromat', 'format'],
    ['formt', 'format'],
    ['dryrun', 'dry-run'],
    ['grups', 'groups'],
    ['colour', undefined],
    ['x', undefined],
  ])('%s → %s', (typed, expected) => {
    expect(closestName(typed, ['format', 'now', 'pages', 'policy', 'dry-run', 'groups', 'repo'])).toBe(expected);
  });
});

describe('networkFailureMessage (src/github/network-errors.ts): the shared wording', () => {
  // What Octokit throws when fetch fails: a status-500 RequestError, the fetch error its cause.
  const octokitError = (cause: unknown, url = 'https://api.github.com/repos/o/r') =>
    Object.assign(new Error('fetch failed'), { status: 500, request: { method: 'GET', url }, cause: Object.assign(new TypeError('fetch failed'), { cause }) });

  it('names the host and Node\'s words for a DNS failure or a refused connection', () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND api.github.com'), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: 'api.github.com' });
    expect(networkFailureMessage(octokitError(dns))).toBe('could not reach api.github.com (getaddrinfo ENOTFOUND): check the network or GITHUB_API_URL');
    const refused = new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:8443'), { code: 'ECONNREFUSED', syscall: 'connect' })]);
    expect(networkFailureMessage(octokitError(refused, 'https://ghes.example:8443/api/v3/graphql'), 'check GITHUB_GRAPHQL_URL')).toBe(
      'could not reach ghes.example:8443 (connect ECONNREFUSED): check GITHUB_GRAPHQL_URL',
    );
  });

  it('says nothing of an answer from GitHub, or of a failure a retry may cure', () => {
    expect(networkFailureMessage(Object.assign(new Error('Server Error'), { status: 502, request: { method: 'GET', url: 'https://api.github.com/x' }, response: { status: 502 } }))).toBeUndefined();
    expect(unreachableReason(octokitError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' })))).toBeUndefined();
    expect(networkFailureMessage(new Error('plain'))).toBeUndefined();
    expect(networkFailureMessage(null)).toBeUndefined();
  });
});
