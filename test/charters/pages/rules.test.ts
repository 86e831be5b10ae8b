/**
 * Every rule a charter page is checked by (SEP-2149 Part 2, the charter template, and the
 * navigation): a valid working group page and interest group page pass clean, and each rule fails
 * at its exact line, with its catalogue severity.
 */
import { describe, expect, it } from '@jest/globals';
import { RULES } from '../../../src/charters/diagnostics.js';
import type { RuleId } from '../../../src/charters/diagnostics.js';
import { DEFAULT_PAGE_LAYOUT, navPath, pageGroup } from '../../../src/charters/pages/layout.js';
import { RETIREMENT_KEYS } from '../../../src/charters/pages/front-matter.js';
import { readCharterPage } from '../../../src/charters/pages/read-page.js';
import { validateCharterPages } from '../../../src/charters/pages/validate-pages.js';
import type { PageValidationResult } from '../../../src/charters/pages/validate-pages.js';

const NOW = new Date('2026-12-07T12:00:00Z');
const WG_FILE = 'docs/community/working-groups/example.mdx';
const IG_FILE = 'docs/community/interest-groups/topic.mdx';

const WG = `---
title: Example Charter
description: Charter for the MCP Example Working Group.
---

## Group Type

**Working Group**

## Mission Statement

The Example Working Group exists to test the page reader.

## Scope

### In Scope

- Tests.

### Out of Scope

- Everything else.

## Leadership

| Role | Name     | Organization | GitHub                                   | Term             |
| ---- | -------- | ------------ | ---------------------------------------- | ---------------- |
| Lead | Ada Lead | Example      | [@ada-lead](https://github.com/ada-lead) | until 2027-06-30 |
| Lead | Bo Lead  | Example      | @bo-lead                                 | Initial          |

Sponsored by Core Maintainer ([@core-m](https://github.com/core-m)) and Other Maintainer ([@other-m](https://github.com/other-m)).

## Authority & Decision Rights

| Decision Type   | Authority Level                   |
| --------------- | --------------------------------- |
| Scope expansion | Core Maintainer approval required |

## Membership

| Name     | Organization | GitHub                                   | Discord | Level     |
| -------- | ------------ | ---------------------------------------- | ------- | --------- |
| Ada Lead | Example      | [@ada-lead](https://github.com/ada-lead) | ada     | Lead      |
| Bo Lead  | Example      | [@bo-lead](https://github.com/bo-lead)   |         | Lead      |
| Cy Dev   | Example      | [@cy-dev](https://github.com/cy-dev)     |         | WG Member |

## Operations

| Meeting         | Frequency | Duration | Purpose |
| --------------- | --------- | -------- | ------- |
| Working Session | Weekly    | 30 min   | Review  |

Discord: \`#example-wg\`

Notes go to [Meeting Notes — Example WG](https://github.com/modelcontextprotocol/modelcontextprotocol/discussions/categories/meeting-notes-example-wg); meetings are on [the calendar](https://meet.modelcontextprotocol.io/tag/example-wg).

## Resources

- [modelcontextprotocol/example](https://github.com/modelcontextprotocol/example)
- [issues](https://github.com/modelcontextprotocol/example/issues)

## Deliverables & Success Metrics

### Active Work Items

| Item                                                                                  | Status | Target Date | Champion  |
| ------------------------------------------------------------------------------------- | ------ | ----------- | --------- |
| [SEP-1: Example](https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1) | Draft  | Q1 2027     | @ada-lead |
| Docs                                                                                  | —      |             | TBD       |

### Success Criteria

- Done.

## Changelog

| Date       | Change          |
| ---------- | --------------- |
| 2026-05-01 | Added work item |
| 2026-01-15 | Initial charter |
`;

const IG = `---
title: Topic Charter
---

## Group Type

**Interest Group**

## Mission Statement

The Topic Interest Group discusses a topic.

## Scope

- A topic.

## Leadership

| Role        | Name     | Organization | GitHub                               | Term    |
| ----------- | -------- | ------------ | ------------------------------------ | ------- |
| Facilitator | Fa Cilit | Example      | [@facil](https://github.com/facil)   | Initial |

## Operations

Join the [#topic-ig](https://discord.com/channels/1/2) channel on the MCP Discord.

## Changelog

| Date       | Change          |
| ---------- | --------------- |
| 2026-02-01 | Initial charter |
`;

/** A navigation listing `files` in Mintlify's two charter groups, pretty-printed (one entry a line). */
function navFor(files: readonly string[]): string {
  const entries = (type: 'working' | 'interest') => files.filter((f) => pageGroup(f, DEFAULT_PAGE_LAYOUT)?.type === type).map((f) => navPath(f, DEFAULT_PAGE_LAYOUT));
  const navigation = { navigation: { groups: [{ group: 'Working Group Charters', pages: entries('working') }, { group: 'Interest Group Charters', pages: entries('interest') }] } };
  return `${JSON.stringify(navigation, null, 2)}\n`;
}

/** Validates pages given as `{ file: text }` with a navigation (by default, one listing them all). */
function validate(files: Record<string, string>, nav: string | null = navFor(Object.keys(files))): PageValidationResult {
  return validateCharterPages(
    Object.entries(files).map(([file, content]) => ({ file, content })),
    nav === null ? null : { file: 'docs/docs.json', content: nav },
    { now: NOW, layout: DEFAULT_PAGE_LAYOUT },
  );
}

const found = (r: PageValidationResult) => r.diagnostics.map((d) => `${d.rule}@${d.file === WG_FILE ? '' : `${d.file}:`}${d.line}`);
/** The 1-based line of the first line of `text` containing `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const edit = (text: string, from: string, to: string) => {
  if (!text.includes(from)) throw new Error(`not in the page: ${from}`);
  return text.replace(from, to);
};

describe('valid pages', () => {
  it('a working group page passes clean and gives its charter', () => {
    const r = validate({ [WG_FILE]: WG });
    expect(r.diagnostics).toEqual([]);
    expect(r.charters).toEqual([
      {
        file: WG_FILE,
        hasErrors: false,
        charter: {
          id: 'example',
          name: 'Example Working Group',
          type: 'working',
          status: 'active',
          formed: '2026-01-15',
          leads: [
            { login: 'ada-lead', term: 'until 2027-06-30' },
            { login: 'bo-lead', term: 'Initial' },
          ],
          sponsors: ['core-m', 'other-m'],
          discord: 'example-wg',
          repos: ['modelcontextprotocol/example'],
          deliverables: ['https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1'],
          // "Docs" has no status and no link: work not known done.
          untracked_deliverables: ['Docs'],
          discussions: { repo: 'modelcontextprotocol/modelcontextprotocol', category: 'meeting-notes-example-wg' },
          meeting_notes: 'https://github.com/modelcontextprotocol/modelcontextprotocol/discussions/categories/meeting-notes-example-wg',
          // The page's meet.modelcontextprotocol.io/tag/example-wg link (issue 23).
          meetings: { tag: 'example-wg' },
          // Its Membership table, by GitHub handle (issue 24).
          members: [
            { login: 'ada-lead', level: 'lead' },
            { login: 'bo-lead', level: 'lead' },
            { login: 'cy-dev', level: 'member' },
          ],
        },
      },
    ]);
    const [facts] = r.facts;
    expect(facts?.calendarTag).toBe('example-wg');
    expect(facts?.workItems).toEqual([
      { item: 'SEP-1: Example', status: 'Draft', target: 'Q1 2027', champion: '@ada-lead', url: 'https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1', line: lineOf(WG, '[SEP-1') },
      { item: 'Docs', champion: 'TBD', line: lineOf(WG, '| Docs') },
    ]);
    expect(facts?.sponsors).toEqual([
      { login: 'core-m', line: lineOf(WG, 'Sponsored by') },
      { login: 'other-m', line: lineOf(WG, 'Sponsored by') },
    ]);
  });

  it('an interest group page passes clean: facilitators, a Discord channel from a sentence', () => {
    const r = validate({ [IG_FILE]: IG });
    expect(r.diagnostics).toEqual([]);
    expect(r.charters[0]?.charter).toEqual({ id: 'topic', name: 'Topic Interest Group', type: 'interest', status: 'active', formed: '2026-02-01', facilitators: ['facil'], discord: 'topic-ig' });
  });

  it('matches headings ignoring case, "&" as "and", and "(WG only)"', () => {
    const page = edit(edit(WG, '## Authority & Decision Rights', '## authority and decision rights (WG only)'), '## Deliverables & Success Metrics', '## DELIVERABLES AND SUCCESS METRICS');
    expect(validate({ [WG_FILE]: page }).diagnostics).toEqual([]);
  });

  it('a retired page: the marker maps to status and retired; an active group\'s conventions no longer apply', () => {
    const page = edit(edit(WG, 'title: Example Charter\n', 'title: Example Charter\nstatus: retired\nretired_on: 2026-06-01\nretired_reason: Merged into the Other WG.\nretired_issue: https://github.com/o/r/issues/9\n'), 'Discord: `#example-wg`', '');
    const r = validate({ [WG_FILE]: page });
    expect(r.diagnostics).toEqual([]);
    expect(r.charters[0]?.charter).toMatchObject({ status: 'retired', retired: { on: '2026-06-01', reason: 'Merged into the Other WG.', issue: 'https://github.com/o/r/issues/9' } });
    expect(r.charters[0]?.charter.discord).toBeUndefined();
    expect(RETIREMENT_KEYS).toEqual({ status: 'status', on: 'retired_on', reason: 'retired_reason', issue: 'retired_issue' });
  });
});

interface Case {
  rule: RuleId;
  name: string;
  files: Record<string, string>;
  nav?: string | null;
  /** Every diagnostic expected, as rule@line (rule@file:line outside the WG page). */
  all: string[];
  message: RegExp;
}

const failing: Case[] = [
  {
    rule: 'page-front-matter',
    name: 'no front matter',
    files: { [WG_FILE]: WG.slice(WG.indexOf('## Group Type')) },
    all: ['page-front-matter@1'],
    message: /no front matter/,
  },
  {
    rule: 'page-front-matter',
    name: 'front matter without a title',
    files: { [WG_FILE]: edit(WG, 'title: Example Charter\n', '') },
    all: ['page-front-matter@2'],
    message: /needs "title"/,
  },
  {
    rule: 'page-front-matter',
    name: 'front matter that is a list',
    files: { [WG_FILE]: edit(edit(WG, 'title: Example Charter\n', '- a\n'), 'description: Charter for the MCP Example Working Group.\n', '') },
    all: ['page-front-matter@2'],
    message: /not a mapping/,
  },
  {
    rule: 'page-retirement-marker',
    name: 'an unknown status',
    files: { [WG_FILE]: edit(WG, 'title: Example Charter\n', 'title: Example Charter\nstatus: dormant\n') },
    all: ['page-retirement-marker@3'],
    message: /"status" is "dormant"; it is "active" or "retired"/,
  },
  {
    rule: 'page-retirement-marker',
    name: 'retired without a reason',
    files: { [WG_FILE]: edit(WG, 'title: Example Charter\n', 'title: Example Charter\nstatus: retired\nretired_on: 2026-06-01\n') },
    all: ['page-retirement-marker@3'],
    message: /says why in "retired_reason"/,
  },
  {
    rule: 'page-retirement-marker',
    name: 'retired_on that is no date',
    files: { [WG_FILE]: edit(WG, 'title: Example Charter\n', 'title: Example Charter\nstatus: retired\nretired_on: 2026-02-30\nretired_reason: Done.\n') },
    all: ['page-retirement-marker@4'],
    message: /not a real date/,
  },
  {
    rule: 'page-retirement-marker',
    name: 'retired_reason on an active page',
    files: { [WG_FILE]: edit(WG, 'title: Example Charter\n', 'title: Example Charter\nretired_reason: Done.\n') },
    all: ['page-retirement-marker@3'],
    message: /belongs to a retired page/,
  },
  {
    rule: 'page-mdx-unclosed',
    name: 'a <Note> never closed',
    files: { [WG_FILE]: edit(WG, '## Mission Statement\n', '## Mission Statement\n\n<Note>\n') },
    all: [`page-mdx-unclosed@${lineOf(WG, '## Mission Statement') + 2}`],
    message: /the element <Note> opened here is never closed/,
  },
  {
    rule: 'page-mdx-unclosed',
    name: 'a comment never closed',
    files: { [WG_FILE]: `${WG}\n{/* a comment\n` },
    all: [`page-mdx-unclosed@${WG.split('\n').length + 1}`],
    message: /never closed by "\*\/\}"/,
  },
  {
    rule: 'page-markdown-limit',
    name: 'lists nested 30 deep',
    files: { [WG_FILE]: `${WG}\n${'- '.repeat(30)}deep\n` },
    all: [`page-markdown-limit@${WG.split('\n').length + 1}`],
    message: /nests deeper than 20 levels/,
  },
  {
    rule: 'page-section-missing',
    name: 'a working group without Authority & Decision Rights',
    files: { [WG_FILE]: edit(WG, '## Authority & Decision Rights', '## Decisions') },
    all: ['page-section-missing@1'],
    message: /no "## Authority & Decision Rights" section/,
  },
  {
    rule: 'page-section-missing',
    name: 'an interest group without a Changelog',
    files: { [IG_FILE]: edit(IG, '## Changelog', '## History') },
    all: [`page-section-missing@${IG_FILE}:1`],
    message: /no "## Changelog" section, which the charter template requires of every group/,
  },
  {
    rule: 'page-section-duplicate',
    name: 'a subsection written twice under one section',
    files: { [WG_FILE]: edit(WG, '### Out of Scope', '### In Scope') },
    all: [`page-section-duplicate@${lineOf(WG, '### Out of Scope')}`],
    message: /the heading "In Scope" appears twice under "Scope"/,
  },
  {
    rule: 'page-type-mismatch',
    name: 'an interest group page in the working groups folder',
    files: { [WG_FILE]: edit(WG, '**Working Group**', '**Interest Group**') },
    all: [`page-type-mismatch@${lineOf(WG, '**Working Group**')}`],
    message: /in the working-groups folder but states "Interest Group"/,
  },
  {
    rule: 'page-type-mismatch',
    name: 'the template\'s placeholder left as it is',
    files: { [WG_FILE]: edit(WG, '**Working Group**', '**Working Group** | **Interest Group**') },
    all: [`page-type-mismatch@${lineOf(WG, '**Working Group**')}`],
    message: /states both types/,
  },
  {
    rule: 'page-type-mismatch',
    name: 'a title naming the other type',
    files: { [WG_FILE]: edit(WG, 'title: Example Charter', 'title: Example Interest Group Charter') },
    all: ['page-type-mismatch@2'],
    message: /the title "Example Interest Group Charter" says "Interest Group"/,
  },
  {
    rule: 'page-leadership-table',
    name: 'leads in prose, not a table',
    files: { [IG_FILE]: edit(IG, '| Role        | Name', 'Led by facil.\n\n| Role        | Name').replace(/\| Role {8}[\s\S]*?\| Initial \|\n/, '') },
    all: [`page-leadership-table@${IG_FILE}:${lineOf(IG, '## Leadership')}`],
    message: /no table with a "GitHub" column/,
  },
  {
    rule: 'page-lead-handle',
    name: 'a lead without a handle',
    files: { [WG_FILE]: edit(WG, '| @bo-lead                                 |', '| Bo                                       |') },
    all: [`page-lead-handle@${lineOf(WG, '@bo-lead   ')}`],
    message: /"Bo" is not a GitHub handle/,
  },
  {
    rule: 'page-lead-handle',
    name: 'a malformed login',
    files: { [WG_FILE]: edit(WG, '@bo-lead                                 |', '@bo--lead                                |') },
    all: [`page-lead-handle@${lineOf(WG, '@bo-lead   ')}`],
    message: /"@bo--lead" is not a GitHub handle/,
  },
  {
    rule: 'page-leads-not-members',
    name: 'a lead missing from the Membership table',
    files: { [WG_FILE]: edit(WG, '| Bo Lead  | Example      | [@bo-lead](https://github.com/bo-lead)   |         | Lead      |\n', '') },
    all: [`page-leads-not-members@${lineOf(WG, '@bo-lead   ')}`],
    message: /@bo-lead leads the group but is not in its Membership table/,
  },
  {
    rule: 'page-member-untracked',
    name: 'a member row without a GitHub handle (issue 24)',
    files: { [WG_FILE]: edit(WG, '| Cy Dev   | Example      | [@cy-dev](https://github.com/cy-dev)     |', '| Cy Dev   | Example      | Cy                                       |') },
    all: [`page-member-untracked@${lineOf(WG, '| Cy Dev')}`],
    message: /"Cy Dev" is not tracked: no GitHub handle in the Membership table/,
  },
  {
    rule: 'page-sponsor-handle',
    name: 'a sponsor named without a handle',
    files: { [WG_FILE]: edit(WG, 'and Other Maintainer ([@other-m](https://github.com/other-m))', 'and Other Maintainer') },
    all: [`page-sponsor-handle@${lineOf(WG, 'Sponsored by')}`],
    message: /the sponsor "Other Maintainer" has no GitHub handle/,
  },
  {
    rule: 'page-table-too-long',
    name: 'a table of 1,200 rows',
    files: { [WG_FILE]: edit(WG, '| 2026-01-15 | Initial charter |', Array(1200).fill('| 2026-01-15 | Initial charter |').join('\n')) },
    all: [`page-table-too-long@${lineOf(WG, '| Date ')}`],
    message: /201 rows beyond the 1000 that are read/,
  },
  {
    rule: 'page-changelog-empty',
    name: 'a Changelog without entries',
    files: { [IG_FILE]: edit(IG, '| 2026-02-01 | Initial charter |', '|            |                 |') },
    all: [`page-changelog-empty@${IG_FILE}:${lineOf(IG, '## Changelog')}`],
    message: /no dated entries/,
  },
  {
    rule: 'page-changelog-date',
    name: 'an entry dated in words',
    files: { [WG_FILE]: edit(WG, '| 2026-05-01 |', '| May 1      |') },
    all: [`page-changelog-date@${lineOf(WG, '| 2026-05-01 |')}`],
    message: /the date "May 1" is not a real date written YYYY-MM-DD/,
  },
  {
    rule: 'page-changelog-order',
    name: 'an entry out of order',
    files: { [WG_FILE]: edit(WG, '| 2026-01-15 | Initial charter |', '| 2026-01-15 | Initial charter |\n| 2026-03-01 | Renamed         |') },
    all: [`page-changelog-order@${lineOf(WG, '| 2026-01-15 |') + 1}`],
    message: /breaks the Changelog's order: the entries above are newest first/,
  },
  {
    rule: 'page-retirement-unmarked',
    name: 'an active page whose changelog records its retirement',
    files: { [WG_FILE]: edit(WG, '| 2026-05-01 | Added work item |', '| 2026-06-01 | Retired: work moved to the Other WG |\n| 2026-05-01 | Added work item |') },
    all: [`page-retirement-unmarked@${lineOf(WG, '| 2026-05-01 |')}`],
    message: /records that the group was retired or folded \("Retired: work moved to the Other WG"\)/,
  },
  {
    rule: 'page-retirement-unmarked',
    name: 'a note that the group was merged',
    files: { [WG_FILE]: edit(WG, '## Group Type\n', '<Note>\n  This working group was merged into the\n  [Other WG](/community/working-groups/other).\n</Note>\n\n## Group Type\n') },
    all: [`page-retirement-unmarked@${lineOf(WG, '## Group Type') + 1}`],
    message: /"This working group was merged into the Other WG\."/,
  },
  {
    rule: 'page-lineage-disagrees',
    name: 'a changelog consolidating a group whose page is still active (at both pages)',
    files: { [WG_FILE]: edit(WG, '| 2026-05-01 | Added work item |', '| 2026-06-01 | Consolidated the Topic IG into this WG |\n| 2026-05-01 | Added work item |'), [IG_FILE]: IG },
    all: [`page-lineage-disagrees@${IG_FILE}:2`, `page-lineage-disagrees@${lineOf(WG, '| 2026-05-01 |')}`],
    message: /docs\/community\/working-groups\/example\.mdx line \d+ records this group folded, merged or renamed into the Example Working Group, but this page is still active/,
  },
  {
    rule: 'page-nav-absent',
    name: 'no navigation file',
    files: { [WG_FILE]: WG },
    nav: null,
    all: ['page-nav-absent@docs/docs.json:1'],
    message: /was not found, so whether each charter page is listed was not checked/,
  },
  {
    rule: 'page-nav-syntax',
    name: 'a navigation that is not JSON',
    files: { [WG_FILE]: WG },
    nav: '{\n  "navigation" [\n    "community/working-groups/example"\n  ]\n}\n',
    all: ['page-nav-syntax@docs/docs.json:2'],
    message: /not valid JSON: Expected ':' after property name/,
  },
  {
    rule: 'page-not-in-nav',
    name: 'a page the navigation does not list',
    files: { [WG_FILE]: WG, [IG_FILE]: IG },
    nav: navFor([WG_FILE]),
    all: [`page-not-in-nav@${IG_FILE}:1`],
    message: /does not list this page: add "community\/interest-groups\/topic" to its interest groups' navigation group/,
  },
  {
    rule: 'page-nav-missing-page',
    name: 'a navigation entry with no page',
    files: { [WG_FILE]: WG },
    nav: navFor([WG_FILE, 'docs/community/working-groups/gone.mdx']),
    all: [`page-nav-missing-page@docs/docs.json:${lineOf(navFor([WG_FILE, 'docs/community/working-groups/gone.mdx']), '/gone')}`],
    message: /lists "community\/working-groups\/gone", but there is no page gone\.mdx in docs\/community\/working-groups\//,
  },
  {
    rule: 'page-nav-wrong-kind',
    name: 'a working group page listed under the interest groups',
    files: { [WG_FILE]: WG },
    nav: '{"navigation": {"groups": [\n  {"group": "Interest Group Charters", "pages": [\n    "community/working-groups/example"\n  ]}\n]}}\n',
    all: ['page-nav-wrong-kind@docs/docs.json:3'],
    message: /a working group's page, listed under the navigation group "Interest Group Charters"/,
  },
];

/** Reused rules, as pages break them. */
const reused: Case[] = [
  {
    rule: 'id-format',
    name: 'a file name that is no id',
    files: { 'docs/community/working-groups/Example_WG.mdx': WG },
    all: ['id-format@docs/community/working-groups/Example_WG.mdx:1'],
    message: /is not a group id: kebab-case/,
  },
  {
    rule: 'id-unique',
    name: 'the same id in both folders',
    files: { [WG_FILE]: WG, 'docs/community/interest-groups/example.mdx': edit(IG, 'Topic Charter', 'Example Charter') },
    all: ['id-unique@docs/community/interest-groups/example.mdx:1', 'id-unique@1'],
    message: /the id "example" is also the page/,
  },
  {
    rule: 'lead-term-expired',
    name: 'a term that ended',
    files: { [WG_FILE]: edit(WG, 'until 2027-06-30', 'ends Nov 1, 2026') },
    all: [`lead-term-expired@${lineOf(WG, 'until 2027-06-30')}`],
    message: /the term of @ada-lead ended on 2026-11-01/,
  },
  {
    rule: 'date-format',
    name: 'a term ending in a date that does not exist',
    files: { [WG_FILE]: edit(WG, 'until 2027-06-30', 'until 2027-02-30') },
    all: [`date-format@${lineOf(WG, 'until 2027-06-30')}`],
    message: /the term ends in "2027-02-30", a date that does not exist/,
  },
  {
    rule: 'date-future',
    name: 'a Changelog entry after today',
    files: { [WG_FILE]: edit(WG, '| 2026-05-01 | Added work item |', '| 2027-05-01 | Added work item |') },
    all: [`date-future@${lineOf(WG, '| 2026-05-01 |')}`],
    message: /the Changelog date 2027-05-01 is after today \(2026-12-07 UTC\)/,
  },
  {
    rule: 'discord-suffix',
    name: 'a channel without -wg',
    files: { [WG_FILE]: edit(WG, '`#example-wg`', '`#example-dev`') },
    all: [`discord-suffix@${lineOf(WG, 'Discord:')}`],
    message: /the channel "example-dev" does not end in "-wg"/,
  },
  {
    rule: 'discord-missing',
    name: 'no channel',
    files: { [WG_FILE]: edit(WG, 'Discord: `#example-wg`', '') },
    all: [`discord-missing@${lineOf(WG, '## Operations')}`],
    message: /names no Discord channel/,
  },
  {
    rule: 'discord-format',
    name: 'a channel name Discord does not write',
    files: { [WG_FILE]: edit(WG, '`#example-wg`', '`#Example-WG`') },
    all: [`discord-missing@${lineOf(WG, '## Operations')}`, `discord-format@${lineOf(WG, 'Discord:')}`],
    message: /"Example-WG" is not a channel name/,
  },
  {
    rule: 'retired-date-missing',
    name: 'retired without a date',
    files: { [WG_FILE]: edit(WG, 'title: Example Charter\n', 'title: Example Charter\nstatus: retired\nretired_reason: Done.\n') },
    all: ['retired-date-missing@3'],
    message: /"retired_on" is missing/,
  },
  {
    rule: 'retired-before-formed',
    name: 'retired before the first Changelog entry',
    files: { [WG_FILE]: edit(WG, 'title: Example Charter\n', 'title: Example Charter\nstatus: retired\nretired_on: 2025-06-01\nretired_reason: Done.\n') },
    all: ['retired-before-formed@4'],
    message: /"retired_on" \(2025-06-01\) is before the group was formed \(2026-01-15/,
  },
  {
    rule: 'duplicate-entry',
    name: 'a lead listed twice',
    files: { [WG_FILE]: edit(WG, '| @bo-lead                                 |', '| @ada-lead                                |') },
    all: [`duplicate-entry@${lineOf(WG, '@bo-lead   ')}`],
    message: /lists @ada-lead twice/,
  },
  {
    rule: 'repo-shared',
    name: 'a repository in two pages\' Resources',
    files: { [WG_FILE]: WG, [IG_FILE]: edit(IG, '## Changelog', '## Resources\n\n- https://github.com/x and [repo](https://github.com/modelcontextprotocol/example/)\n\n## Changelog') },
    all: [`repo-shared@${IG_FILE}:${lineOf(IG, '## Changelog') + 2}`, `repo-shared@${lineOf(WG, '- [modelcontextprotocol/example]')}`],
    message: /modelcontextprotocol\/example is also owned by/,
  },
];

describe('every page rule fails at its position', () => {
  it.each([...failing, ...reused])('$rule: $name', ({ rule, files, nav, all, message }) => {
    const r = validate(files, nav === undefined ? navFor(Object.keys(files)) : nav);
    expect(found(r)).toEqual(all);
    const d = r.diagnostics.find((x) => x.rule === rule);
    expect(d?.message).toMatch(message);
    expect(d?.severity).toBe(RULES[rule].severity);
    if (d?.file !== 'docs/docs.json') expect(d?.column).toBe(1);
  });

  it('has a failing case for every page rule in the catalogue', () => {
    const tested = new Set(failing.map((c) => c.rule));
    expect(Object.keys(RULES).filter((rule) => rule.startsWith('page-') && !tested.has(rule as RuleId))).toEqual([]);
  });

  it('places navigation problems at the entry\'s line and column', () => {
    const r = validate({ [WG_FILE]: WG }, navFor([WG_FILE, 'docs/community/working-groups/gone.mdx']));
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'docs/docs.json', line: 8, column: 11, rule: 'page-nav-missing-page' })]);
    expect(navFor([WG_FILE, 'docs/community/working-groups/gone.mdx']).split('\n')[7]).toBe('          "community/working-groups/gone"');
    const wrong = validate({ [WG_FILE]: WG }, '{"groups": [{"pages": ["community/working-groups/example"], "group": "Interest groups"}]}');
    expect(wrong.diagnostics).toEqual([expect.objectContaining({ line: 1, column: 24, rule: 'page-nav-wrong-kind' })]);
  });

  it('a navigation error V8 gives no position for is placed at 1:1', () => {
    const r = validate({ [WG_FILE]: WG }, '{\n  "navigation": [\n    "community/working-groups/example",\n  ]\n}\n');
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'docs/docs.json', line: 1, column: 1, rule: 'page-nav-syntax' })]);
    expect(r.diagnostics[0]?.message).not.toMatch(/\n/);
  });

  it('redirects and deeper paths are not navigation entries', () => {
    const nav = JSON.stringify({ navigation: [{ group: 'Working Group Charters', pages: ['community/working-groups/example'] }], redirects: [{ source: '/community/working-groups/old', destination: '/community/working-groups/example' }, { source: 'x', destination: 'community/working-groups/example/sub' }] });
    expect(validate({ [WG_FILE]: WG }, nav).diagnostics).toEqual([]);
  });
});

describe('details', () => {
  it('a page\'s errors leave its charter loaded, marked hasErrors; a malformed status gives none', () => {
    const withErrors = validate({ [WG_FILE]: edit(WG, '### Out of Scope', '### In Scope') });
    expect(withErrors.charters.map((c) => c.hasErrors)).toEqual([true]);
    const badStatus = validate({ [WG_FILE]: edit(WG, 'title: Example Charter\n', 'title: Example Charter\nstatus: dormant\n') });
    expect(badStatus.charters).toEqual([]);
    expect(badStatus.facts[0]?.status).toBeNull();
  });

  it('reads a lead\'s handle from a link, a written @login, or reports it', () => {
    const r = validate({ [WG_FILE]: WG });
    expect(r.facts[0]?.leaders.map((l) => l.login)).toEqual(['ada-lead', 'bo-lead']);
  });

  it('keeps a term as written, and leaves out an empty one', () => {
    const r = validate({ [WG_FILE]: edit(WG, '| Initial          |', '| —                |') });
    expect(r.charters[0]?.charter.leads).toEqual([{ login: 'ada-lead', term: 'until 2027-06-30' }, { login: 'bo-lead' }]);
  });

  it('does not read a channel, a table or a lead from inside a JSX block', () => {
    const page = edit(WG, 'Discord: `#example-wg`', '<Note>\nDiscord: `#other-wg`\n\n| Role | Name | GitHub |\n| - | - | - |\n| Lead | X | @x |\n</Note>\n\nDiscord: `#example-wg`');
    const r = validate({ [WG_FILE]: page });
    expect(r.diagnostics).toEqual([]);
    expect(r.facts[0]?.discord).toEqual({ channel: 'example-wg', line: lineOf(page, 'Discord: `#example-wg`') });
  });

  it('a Discord channel from the first -wg / -ig code span of Operations, when no line names it', () => {
    const page = edit(WG, 'Discord: `#example-wg`', 'Agendas are shared in `#example-wg` ahead of each call.');
    expect(validate({ [WG_FILE]: page }).charters[0]?.charter.discord).toBe('example-wg');
  });

  it('a plain /discussions link gives no discussions and no meeting notes', () => {
    const page = edit(WG, '/discussions/categories/meeting-notes-example-wg', '/discussions');
    const charter = validate({ [WG_FILE]: page }).charters[0]?.charter;
    expect(charter?.discussions).toBeUndefined();
    expect(charter?.meeting_notes).toBeUndefined();
  });

  it('a group folded into this one is not this group\'s retirement', () => {
    const page = edit(WG, '| 2026-05-01 | Added work item |', '| 2026-06-01 | Other WG folded in; Old IG merged into this group |\n| 2026-05-01 | Added work item |');
    const note = edit(page, '## Group Type\n', 'The Old Interest Group is folded into this group. Retirement criteria: the work is absorbed into other WGs.\n\n## Group Type\n');
    expect(validate({ [WG_FILE]: note }).diagnostics).toEqual([]);
  });

  it('readCharterPage ignores a path outside the two folders', () => {
    const read = readCharterPage({ file: 'docs/community/charter-template.mdx', content: WG }, DEFAULT_PAGE_LAYOUT, '2026-12-07');
    expect(read).toMatchObject({ charter: null, diagnostics: [], facts: { type: null } });
  });

  it('validateCharterPages ignores files that are not pages of the two folders', () => {
    const r = validate({ [WG_FILE]: WG, 'docs/community/working-groups/sub/x.mdx': 'x', 'docs/community/working-groups/notes.md': 'x' }, navFor([WG_FILE]));
    expect(r.diagnostics).toEqual([]);
    expect(r.facts.map((f) => f.file)).toEqual([WG_FILE]);
  });

  it('maps layout folders to navigation entries through the navigation file\'s folder', () => {
    expect(navPath('docs/community/working-groups/registry.mdx', DEFAULT_PAGE_LAYOUT)).toBe('community/working-groups/registry');
    expect(navPath('pages/wg/x.mdx', { workingGroups: 'pages/wg', interestGroups: 'pages/ig', nav: 'docs.json' })).toBe('pages/wg/x');
    expect(navPath('other/x.mdx', DEFAULT_PAGE_LAYOUT)).toBeNull();
    expect(pageGroup('docs/community/interest-groups/auth.mdx', DEFAULT_PAGE_LAYOUT)).toEqual({ type: 'interest', stem: 'auth' });
    expect(pageGroup('docs/community/interest-groups/a/b.mdx', DEFAULT_PAGE_LAYOUT)).toBeNull();
  });
});
