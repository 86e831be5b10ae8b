/**
 * Listing a new page in MCP's real navigation (`docs/docs.json`): one line inserted at its sorted
 * place, indentation copied, every other byte kept, the JSON the same plus the entry; and every
 * problem as a sentence.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { addToNavigation } from '../../../src/charters/pages/nav-edit.js';

const NAV = readFileSync('examples/mcp-pages/docs/docs.json', 'utf8');

interface Group {
  group: string;
  pages: unknown[];
}

/** The `pages` of the Community tab's group named `name`. */
function groupPages(text: string, name: string): unknown[] {
  const nav = JSON.parse(text) as { navigation: { tabs: { tab: string; pages: Group[] }[] } };
  const community = nav.navigation.tabs.find((t) => t.tab === 'Community');
  return community?.pages.find((g) => g.group === name)?.pages ?? [];
}

function added(text: string, entry: string, kind: 'working' | 'interest'): string {
  const result = addToNavigation(text, entry, kind);
  if ('problem' in result) throw new Error(result.problem);
  return result.text;
}

describe('addToNavigation on the real docs.json', () => {
  it.each([
    ['community/working-groups/tool-filtering', 'working', 'Working Group Charters', 'community/working-groups/skills-over-mcp'],
    ['community/working-groups/aardvark', 'working', 'Working Group Charters', null],
    ['community/working-groups/zeta', 'working', 'Working Group Charters', 'community/working-groups/triggers-events'],
    ['community/interest-groups/client-implementors', 'interest', 'Interest Group Charters', 'community/interest-groups/auth'],
    ['community/interest-groups/zz-last', 'interest', 'Interest Group Charters', 'community/interest-groups/tool-annotations'],
  ] as const)('inserts %s in sorted place as one line', (entry, kind, group, previous) => {
    const out = added(NAV, entry, kind);
    const before = NAV.split('\n');
    const after = out.split('\n');
    expect(after).toHaveLength(before.length + 1);
    const at = after.findIndex((l) => l.includes(`"${entry}"`));
    // The new line has its neighbours' indentation; without it, the file is as it was but for one comma.
    expect(after[at]).toMatch(new RegExp(`^ {14}"${entry}",?$`));
    const without = after.filter((_, i) => i !== at).join('\n');
    expect(without === NAV || without.replace(/("community\/(?:working|interest)-groups\/[a-z-]+"),\n(\s*\])/, '$1\n$2') === NAV).toBe(true);
    if (previous) expect(after[at - 1]).toBe(`              "${previous}",`);
    else expect(after[at - 1]).toBe('            "pages": [');

    // The JSON is the same plus the entry, in order.
    const pages = groupPages(out, group);
    expect(pages).toEqual([...groupPages(NAV, group), entry].sort());
    const expected = JSON.parse(NAV) as { navigation: { tabs: { tab: string; pages: Group[] }[] } };
    const target = expected.navigation.tabs.find((t) => t.tab === 'Community')?.pages.find((g) => g.group === group);
    if (target) target.pages = pages;
    expect(JSON.parse(out)).toEqual(expected);
  });

  it('after the last entry, the old last line gains its comma and nothing else changes', () => {
    const out = added(NAV, 'community/working-groups/zeta', 'working');
    expect(out).toContain('              "community/working-groups/triggers-events",\n              "community/working-groups/zeta"\n            ]');
  });

  it('leaves the navigation unchanged when the page is already listed', () => {
    expect(addToNavigation(NAV, 'community/working-groups/registry', 'working')).toEqual({ text: NAV });
  });

  it('keeps CRLF line breaks and a compact layout', () => {
    const crlf = NAV.replace(/\n/g, '\r\n');
    expect(added(crlf, 'community/working-groups/tool-filtering', 'working')).toBe(added(NAV, 'community/working-groups/tool-filtering', 'working').replace(/\n/g, '\r\n'));
    expect(added('{"pages":["g/a", "g/c"]}', 'g/b', 'working')).toBe('{"pages":["g/a", "g/b", "g/c"]}');
    expect(added('{"pages":["g/a"]}', 'g/b', 'working')).toBe('{"pages":["g/a","g/b"]}');
    expect(added('{"pages":["other", {"group": "x", "pages": []}, "g/m"]}', 'g/b', 'working')).toBe('{"pages":["other", {"group": "x", "pages": []}, "g/b", "g/m"]}');
  });

  it('escapes the entry as a JSON string (sorted by code unit: `"` before `a`)', () => {
    const out = added('["g/a"]', 'g/"b\\', 'working');
    expect(out).toBe('["g/\\"b\\\\","g/a"]');
    expect(JSON.parse(out)).toEqual(['g/"b\\', 'g/a']);
  });

  it('says what is wrong, never throws', () => {
    expect(addToNavigation('{ "pages": [', 'g/a', 'working')).toHaveProperty('problem');
    expect(addToNavigation(NAV, 'community/working-groups/', 'working')).toHaveProperty('problem');
    expect(addToNavigation(NAV, 'no-folder', 'working')).toHaveProperty('problem');
    expect(addToNavigation(NAV, 'community/other-groups/x', 'working')).toEqual({
      problem: 'no list of the navigation names working group pages (community/other-groups/…); add the page to the navigation by hand',
    });
    expect(addToNavigation('{"a":["g/x"],"b":["g/y"]}', 'g/b', 'interest')).toEqual({
      problem: '2 lists of the navigation name interest group pages (g/…); add the page to the one meant by hand',
    });
    // A subfolder's page is not a page of the folder.
    expect(addToNavigation('{"a":["g/sub/x"]}', 'g/b', 'working')).toHaveProperty('problem');
    expect(addToNavigation('[' + '['.repeat(100000) + ']'.repeat(100000) + ']', 'g/b', 'working')).toHaveProperty('problem');
  });
});
