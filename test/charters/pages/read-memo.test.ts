/**
 * `readCharterPage` keeps the pages it read (the App reads the same pages on every event): a page
 * read again gives what a first read gives, as a copy of its own — what one caller changes (the
 * validator completes the charters it was given) never reaches another — and a page read on
 * another day, under another path or layout, or with other text, is read afresh.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { DEFAULT_PAGE_LAYOUT } from '../../../src/charters/pages/layout.js';
import { forgetReadPages, readCharterPage } from '../../../src/charters/pages/read-page.js';

const FILE = 'docs/community/working-groups/registry.mdx';
const TEXT = readFileSync(new URL(`../../../examples/mcp-pages/${FILE}`, import.meta.url), 'utf8');
const TODAY = '2026-12-01';

beforeEach(() => forgetReadPages());

describe('pages kept read', () => {
  it('a page read again is the same read, as a copy of its own', () => {
    const first = readCharterPage({ file: FILE, content: TEXT }, DEFAULT_PAGE_LAYOUT, TODAY);
    const again = readCharterPage({ file: FILE, content: TEXT }, DEFAULT_PAGE_LAYOUT, TODAY);
    expect(first.charter?.id).toBe('registry');
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
    expect(again.charter).not.toBe(first.charter);
    expect(again.facts.leaders).not.toBe(first.facts.leaders);
  });

  it("what a caller changes in its read never reaches the next read", () => {
    const first = readCharterPage({ file: FILE, content: TEXT }, DEFAULT_PAGE_LAYOUT, TODAY);
    const pristine = structuredClone(first);
    (first.charter as { name: string }).name = 'Changed';
    first.facts.leaders.length = 0;
    first.diagnostics.push({ ...pristine.diagnostics[0], message: 'added' } as (typeof first.diagnostics)[number]);
    const again = readCharterPage({ file: FILE, content: TEXT }, DEFAULT_PAGE_LAYOUT, TODAY);
    expect(again.charter?.name).toBe(pristine.charter?.name);
    expect(again.facts.leaders).toEqual(pristine.facts.leaders);
    expect(again.diagnostics).toHaveLength(pristine.diagnostics.length);
  });

  it('another text, path, layout or day is read afresh', () => {
    const base = readCharterPage({ file: FILE, content: TEXT }, DEFAULT_PAGE_LAYOUT, TODAY);
    const renamed = readCharterPage({ file: FILE, content: TEXT.replace('title: Registry Charter', 'title: Registry Renamed Charter') }, DEFAULT_PAGE_LAYOUT, TODAY);
    expect(renamed.charter?.name).not.toBe(base.charter?.name);
    const elsewhere = readCharterPage({ file: 'docs/community/interest-groups/registry.mdx', content: TEXT }, DEFAULT_PAGE_LAYOUT, TODAY);
    expect(elsewhere.facts.type).toBe('interest');
    const otherLayout = readCharterPage({ file: FILE, content: TEXT }, { ...DEFAULT_PAGE_LAYOUT, workingGroups: 'groups/wg' }, TODAY);
    expect(otherLayout.charter).toBeNull();
    const earlier = readCharterPage({ file: FILE, content: TEXT }, DEFAULT_PAGE_LAYOUT, '2020-01-01');
    expect(earlier.diagnostics).not.toEqual(base.diagnostics);
  });
});
