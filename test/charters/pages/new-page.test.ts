/**
 * A new group's charter page: the golden page of a sample request, the template's sections in its
 * order, hostile answers staying inert (markdown-it finds no HTML, every table keeps its columns,
 * no MDX expression, JSX or ESM line), and the page reader reading back what the request gave.
 */
import { describe, expect, it } from '@jest/globals';
import MarkdownIt from 'markdown-it';
import { parse } from 'yaml';
import { newCharterPage } from '../../../src/charters/pages/new-page.js';
import type { NewPageInput } from '../../../src/charters/pages/new-page.js';
import { DEFAULT_PAGE_LAYOUT } from '../../../src/charters/pages/layout.js';
import { readCharterPage } from '../../../src/charters/pages/read-page.js';

const WORKING: NewPageInput = {
  id: 'tool-filtering',
  name: 'Tool Filtering Working Group',
  type: 'working',
  mission: 'Clients need to choose among hundreds of tools.\nThis group defines how servers group them.',
  leads: [{ login: 'octocat', name: 'Mona Lisa', term: 'until 2027-01-31' }, { login: 'hubot' }],
  sponsors: ['localden', 'dsp-ant'],
  discord: 'tool-filtering-wg',
  repos: ['modelcontextprotocol/tool-filtering'],
  deliverables: ['https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1302'],
  formed: '2026-05-04',
};

const INTEREST: NewPageInput = {
  id: 'client-implementors',
  name: 'Client Implementors Interest Group',
  type: 'interest',
  mission: 'A venue for client implementors.',
  leads: [{ login: 'octocat' }],
  discord: '#client-implementors-ig',
  formed: '2026-05-04',
};

const GOLDEN = `---
title: Tool Filtering Charter
description: Charter for the MCP Tool Filtering Working Group.
---

## Group Type

**Working Group**

## Mission Statement

Clients need to choose among hundreds of tools.
This group defines how servers group them.

## Scope

### In Scope

To be completed by the proposer: the specification work (spec sections or SEPs owned), reference implementations (SDK components), cross-cutting concerns needing coordination with other groups, and documentation responsibilities of the group.

### Out of Scope

To be completed by the proposer: explicit statements of what is not within the group's purview, to prevent mission creep.

### Related Groups

To be completed by the proposer: the other Working Groups or Interest Groups with intersecting work, and the nature of the overlap.

## Leadership

| Role | Name      | Organization | GitHub                                 | Term             |
| ---- | --------- | ------------ | -------------------------------------- | ---------------- |
| Lead | Mona Lisa |              | [@octocat](https://github.com/octocat) | until 2027-01-31 |
| Lead |           |              | [@hubot](https://github.com/hubot)     | Initial          |

Sponsored by [@localden](https://github.com/localden) and [@dsp-ant](https://github.com/dsp-ant).

## Authority & Decision Rights

| Decision Type                       | Authority Level                                        |
| ----------------------------------- | ------------------------------------------------------ |
| Meeting logistics & scheduling      | WG Leads (autonomous)                                  |
| Proposal prioritization within WG   | WG Leads (autonomous)                                  |
| SEP triage & closure (in scope)     | WG Leads (autonomous, with documented rationale)       |
| Technical design within scope       | WG consensus                                           |
| Spec changes (additive)             | WG consensus → Core Maintainer approval                |
| Spec changes (breaking/fundamental) | WG consensus → Core Maintainer approval + wider review |
| Scope expansion                     | Core Maintainer approval required                      |
| WG Member approval                  | WG Member sponsors                                     |

## Operations

To be completed by the proposer: the group's meetings — working sessions, office hours — with their frequency, duration and purpose.

Discord: \`#tool-filtering-wg\`

## Resources

- Repository: [modelcontextprotocol/tool-filtering](https://github.com/modelcontextprotocol/tool-filtering)

## Deliverables & Success Metrics

### Active Work Items

| Item                                                                                                                      | Status  | Target Date | Champion |
| ------------------------------------------------------------------------------------------------------------------------- | ------- | ----------- | -------- |
| [modelcontextprotocol/modelcontextprotocol\\#\u20601302](https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1302) | Planned | TBD         | TBD      |

### Success Criteria

To be completed by the proposer: measurable outcomes for the group's success.

## Changelog

| Date       | Change          |
| ---------- | --------------- |
| 2026-05-04 | Initial charter |
`;

/** Hostile answers: pipes, HTML, MDX braces and comments, ESM, backticks, line breaks, mentions, bidi. */
const EVIL = 'Evil | Name <script>alert(1)</script> {process.exit()} {/* x */} `tick` ``` @everyone #1 \u202E\n---\nstatus: retired';
const HOSTILE: NewPageInput = {
  id: 'hostile',
  name: `${EVIL} Working Group`,
  type: 'working',
  mission: `import fs from "fs"\nexport const x = 1\n<Note>hi</Note>\n{props.secret}\n# Heading\n- list\n    indented\n> quote\n---\n${EVIL}`,
  leads: [{ login: 'octocat', name: EVIL, term: EVIL }, { login: 'not a login | <b>' }],
  sponsors: ['<img src=x onerror=alert(1)>'],
  discord: 'a`b|c}\nd',
  repos: ['../../etc|passwd', 'ok/repo'],
  deliverables: ['https://github.com/o/r/issues/1|x<y>{z}'],
  formed: '2026-05-04',
};

const md = new MarkdownIt('default', { html: true });

/** The body after the front matter, its markdown-it tokens (inline children flattened in). */
function tokensOf(page: string) {
  const body = page.slice(page.indexOf('\n---\n', 3) + 5);
  return md.parse(body, {}).flatMap((t) => [t, ...(t.children ?? [])]);
}

/** Every table: its rows' cell counts, as markdown-it reads them. */
function tableShapes(page: string): number[][] {
  const shapes: number[][] = [];
  let cells = 0;
  for (const t of md.parse(page.slice(page.indexOf('\n---\n', 3) + 5), {})) {
    if (t.type === 'table_open') shapes.push([]);
    else if (t.type === 'tr_open') cells = 0;
    else if (t.type === 'th_open' || t.type === 'td_open') cells += 1;
    else if (t.type === 'tr_close') shapes[shapes.length - 1]?.push(cells);
  }
  return shapes;
}

describe('newCharterPage', () => {
  it('writes the sample working group page', () => {
    expect(newCharterPage(WORKING)).toBe(GOLDEN);
  });

  it('follows the template: sections in its order, WG-only sections left out of an interest group page', () => {
    const headings = (page: string) => page.split('\n').filter((l) => /^#{2,3} /.test(l));
    expect(headings(newCharterPage(WORKING))).toEqual([
      '## Group Type',
      '## Mission Statement',
      '## Scope',
      '### In Scope',
      '### Out of Scope',
      '### Related Groups',
      '## Leadership',
      '## Authority & Decision Rights',
      '## Operations',
      '## Resources',
      '## Deliverables & Success Metrics',
      '### Active Work Items',
      '### Success Criteria',
      '## Changelog',
    ]);
    const ig = newCharterPage(INTEREST);
    expect(headings(ig)).toEqual(['## Group Type', '## Mission Statement', '## Scope', '### In Scope', '### Out of Scope', '### Related Groups', '## Leadership', '## Operations', '## Changelog']);
    expect(ig).toContain('**Interest Group**');
    expect(ig).toContain('| Facilitator | ');
    expect(ig).toContain('Discord: `#client-implementors-ig`');
    expect(ig).toContain('the topic areas for discussion, and the types of output (problem statements, use cases, recommendations)');
    expect(ig).not.toContain('Sponsored by');
    expect(parse(ig.split('---\n')[1] as string)).toEqual({ title: 'Client Implementors Charter', description: 'Charter for the MCP Client Implementors Interest Group.' });
    expect(ig).not.toMatch(/TODO|TBD/);
  });

  it('keeps hostile answers inert: one-line YAML, no HTML, tables intact, no MDX expression, JSX or ESM', () => {
    const page = newCharterPage(HOSTILE);
    const [, yaml] = page.split(/^---$/m);
    const front = parse(yaml as string) as Record<string, string>;
    expect(Object.keys(front)).toEqual(['title', 'description']);
    expect(front.title).toBe(`${EVIL.replace(/\n/g, ' ')} Charter`);
    expect(yaml?.trim().split('\n')).toHaveLength(2);
    // Exactly the front matter's two `---` lines (the body's come escaped).
    expect(page.split('\n').filter((l) => l === '---')).toHaveLength(2);

    const tokens = tokensOf(page);
    expect(tokens.filter((t) => t.type === 'html_inline' || t.type === 'html_block')).toEqual([]);
    expect(tokens.filter((t) => t.type === 'heading_open').map((t) => t.tag)).not.toContain('h1');
    expect(tokens.filter((t) => t.type === 'bullet_list_open' || t.type === 'blockquote_open' || t.type === 'code_block' || t.type === 'hr')).toHaveLength(1); // the Resources list
    expect(tokens.filter((t) => t.type === 'link_open').map((t) => t.attrGet('href'))).toEqual([
      'https://github.com/octocat',
      'https://github.com/ok/repo',
      'https://github.com/o/r/issues/1%7Cx%3Cy%3E%7Bz%7D',
    ]);
    expect(tableShapes(page)).toEqual([
      [5, 5, 5],
      [2, 2, 2, 2, 2, 2, 2, 2, 2],
      [4, 4],
      [2, 2],
    ]);
    // MDX: no unescaped brace or tag opener outside code spans, and no line starting an import or export.
    const body = page.slice(page.indexOf('\n---\n', 3) + 5).replace(/`[^`\n]*`/g, '');
    expect(body).not.toMatch(/(?<!\\)[{}<]/);
    expect(body).not.toMatch(/^(?:import|export)\b/m);
    expect(page).toContain('&#105;mport fs from "fs"');
    // The channel is one code span, its backtick and brace inside it.
    expect(page).toContain('Discord: ``#a`b|c} d``');
    // The mission's text is all there, as typed.
    const mission = tokens.filter((t) => t.type === 'text').map((t) => t.content).join('');
    expect(mission).toContain('import fs from "fs"');
    expect(mission).toContain('{props.secret}');
  });
});

describe('newCharterPage read back by readCharterPage', () => {
  it.each([
    ['working', WORKING],
    ['interest', INTEREST],
  ] as const)('%s group: the page gives the request\'s charter', (_, input) => {
    const folder = input.type === 'working' ? DEFAULT_PAGE_LAYOUT.workingGroups : DEFAULT_PAGE_LAYOUT.interestGroups;
    const { charter, diagnostics } = readCharterPage({ file: `${folder}/${input.id}.mdx`, content: newCharterPage(input) }, DEFAULT_PAGE_LAYOUT, '2026-06-01');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const leaders = input.leads.map((l) => (input.type === 'working' ? { login: l.login, term: l.term ?? 'Initial' } : l.login));
    expect(charter).toEqual({
      id: input.id,
      name: input.name,
      type: input.type,
      status: 'active',
      formed: input.formed,
      ...(input.type === 'working' ? { leads: leaders } : { facilitators: leaders }),
      ...(input.sponsors ? { sponsors: input.sponsors } : {}),
      discord: (input.discord ?? '').replace(/^#/, ''),
      ...(input.repos ? { repos: input.repos } : {}),
      ...(input.deliverables ? { deliverables: input.deliverables } : {}),
    });
  });

  it('a hostile page reads without a throw, its leads and formed date intact', () => {
    const { charter, facts } = readCharterPage({ file: `${DEFAULT_PAGE_LAYOUT.workingGroups}/hostile.mdx`, content: newCharterPage(HOSTILE) }, DEFAULT_PAGE_LAYOUT, '2026-06-01');
    expect(facts.leaders.map((l) => l.login)).toEqual(['octocat', undefined]);
    expect(facts.changelog.map((c) => c.date)).toEqual(['2026-05-04']);
    expect(facts.repos.map((r) => r.repo)).toEqual(['ok/repo']);
    expect(charter?.status ?? 'active').toBe('active');
  });
});
