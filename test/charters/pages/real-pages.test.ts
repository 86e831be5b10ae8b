/**
 * MCP's real charter pages (examples/mcp-pages: the 16 SEP-2149 pages and docs/docs.json of
 * modelcontextprotocol/modelcontextprotocol at b0f60ba5), read and validated as Group Steward reads
 * MCP's repository: the values each page gives, and the drift the set holds, exactly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Diagnostic } from '../../../src/charters/diagnostics.js';
import { DEFAULT_PAGE_LAYOUT } from '../../../src/charters/pages/layout.js';
import { readCharterPage } from '../../../src/charters/pages/read-page.js';
import { validateCharterPages } from '../../../src/charters/pages/validate-pages.js';
import type { PageSource, PageValidationResult } from '../../../src/charters/pages/validate-pages.js';
import type { Charter } from '../../../src/charters/schema.js';

const ROOT = 'examples/mcp-pages';
/** The instant the pages are judged at: after the server-card leads' terms ended (2026-08-14). */
const NOW = new Date('2026-12-07T12:00:00Z');
const TODAY = '2026-12-07';

const pages: PageSource[] = [DEFAULT_PAGE_LAYOUT.workingGroups, DEFAULT_PAGE_LAYOUT.interestGroups].flatMap((folder) =>
  readdirSync(join(ROOT, folder))
    .filter((name) => name.endsWith('.mdx'))
    .sort()
    .map((name) => ({ file: `${folder}/${name}`, content: readFileSync(join(ROOT, folder, name)) })),
);
const nav: PageSource = { file: DEFAULT_PAGE_LAYOUT.nav, content: readFileSync(join(ROOT, DEFAULT_PAGE_LAYOUT.nav)) };
const result: PageValidationResult = validateCharterPages(pages, nav, { now: NOW, layout: DEFAULT_PAGE_LAYOUT });

const charter = (id: string): Charter => {
  const found = result.charters.find((c) => c.charter.id === id);
  if (!found) throw new Error(`no charter ${id}`);
  return found.charter;
};
const facts = (id: string) => {
  const found = result.facts.find((f) => f.id === id);
  if (!found) throw new Error(`no facts ${id}`);
  return found;
};
const short = (d: Diagnostic) => `${d.file.replace('docs/community/', '')}:${d.line} ${d.rule}`;
const pageText = (id: string) => readFileSync(join(ROOT, pages.find((p) => p.file.endsWith(`/${id}.mdx`))?.file ?? ''), 'utf8');
const lineOf = (id: string, needle: string) => pageText(id).split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('the reference set, validated at once', () => {
  it('reads all 16 pages into charters', () => {
    expect(pages).toHaveLength(16);
    expect(result.charters.map((c) => c.charter.id)).toEqual([
      'auth', 'enterprise-managed-authorization', 'financial-services', 'primitive-grouping', 'security', 'tool-annotations',
      'agents', 'apps', 'file-uploads', 'inspector-v2', 'interceptors', 'registry', 'sdk', 'server-card', 'skills-over-mcp', 'triggers-events',
    ]);
    expect(result.facts).toHaveLength(16);
  });

  it('finds exactly the drift the pages hold', () => {
    expect(result.diagnostics.map(short)).toEqual([
      // The Auth IG's changelog folds the Enterprise-Managed Authorization IG in; that page is still active (issue 24).
      'interest-groups/auth.mdx:113 page-lineage-disagrees',
      'interest-groups/enterprise-managed-authorization.mdx:2 page-lineage-disagrees',
      'interest-groups/enterprise-managed-authorization.mdx:7 page-retirement-unmarked',
      'interest-groups/financial-services.mdx:77 page-leads-not-members',
      'interest-groups/financial-services.mdx:78 page-leads-not-members',
      // Cliff Hall's level is "Maintainer": none of the participation levels, so not tracked (issue 24).
      'interest-groups/primitive-grouping.mdx:78 page-member-untracked',
      'interest-groups/security.mdx:79 page-leads-not-members',
      'interest-groups/security.mdx:80 page-leads-not-members',
      'working-groups/apps.mdx:1 page-not-in-nav',
      'working-groups/interceptors.mdx:57 discord-missing',
      'working-groups/registry.mdx:79 discord-suffix',
      'working-groups/sdk.mdx:68 discord-suffix',
      'working-groups/server-card.mdx:38 lead-term-expired',
      'working-groups/server-card.mdx:39 lead-term-expired',
      'working-groups/server-card.mdx:84 page-section-duplicate',
      'working-groups/server-card.mdx:91 page-section-duplicate',
      'working-groups/triggers-events.mdx:54 discord-missing',
    ]);
    const perRule: Record<string, number> = {};
    for (const d of result.diagnostics) perRule[d.rule] = (perRule[d.rule] ?? 0) + 1;
    expect(perRule).toEqual({
      'page-retirement-unmarked': 1,
      'page-lineage-disagrees': 2,
      'page-leads-not-members': 4,
      'page-member-untracked': 1,
      'page-not-in-nav': 1,
      'discord-missing': 2,
      'discord-suffix': 2,
      'lead-term-expired': 2,
      'page-section-duplicate': 2,
    });
    expect(result.errors).toBe(3);
    expect(result.warnings).toBe(14);
    expect(result.charters.filter((c) => c.hasErrors).map((c) => c.charter.id)).toEqual(['apps', 'server-card']);
  });

  it('says what each problem is, at its line', () => {
    const message = (file: string, rule: string) => result.diagnostics.find((d) => d.file.endsWith(file) && d.rule === rule)?.message;
    expect(message('apps.mdx', 'page-not-in-nav')).toBe('the navigation docs/docs.json does not list this page: add "community/working-groups/apps" to its working groups\' navigation group');
    expect(message('server-card.mdx', 'lead-term-expired')).toMatch(/^the term of @dsp-ant ended on 2026-08-14, before today \(2026-12-07 UTC\)/);
    expect(message('server-card.mdx', 'page-section-duplicate')).toBe('the heading "Active Work Items" appears twice under "Deliverables & Success Metrics"; merge the two');
    expect(message('enterprise-managed-authorization.mdx', 'page-retirement-unmarked')).toMatch(/^the page records that the group was retired or folded \("As of 2026-08-17 this Interest Group is folded into the Authorization IG\."\) but is not marked retired/);
    expect(message('registry.mdx', 'discord-suffix')).toMatch(/^the channel "registry-dev" does not end in "-wg"/);
    expect(lineOf('server-card', '[@dsp-ant]')).toBe(38);
    expect(lineOf('registry', 'Discord: `#registry-dev`')).toBe(79);
    expect(lineOf('enterprise-managed-authorization', 'As of 2026-08-17 this Interest Group')).toBe(7);
  });
});

describe('what each page gives', () => {
  it.each([
    // id, type, leaders (login: term for a WG), discord, repos, deliverables, formed
    ['registry', 'working', ['rdimitrov: Initial'], 'registry-dev', ['modelcontextprotocol/registry'], 0, '2026-04-08'],
    ['apps', 'working', ['idosal: Initial', 'liady: Initial', 'ochafik: Initial'], 'mcp-apps-wg', ['modelcontextprotocol/ext-apps'], 0, '2025-11-21'],
    ['sdk', 'working', ['felixweinberger: Ongoing'], 'general-sdk-dev', [], 0, '2026-04-28'],
    ['triggers-events', 'working', ['clareliguori: Initial', 'pja-ant: Initial'], undefined, ['modelcontextprotocol/experimental-ext-triggers-events'], 0, '2026-03-24'],
    ['file-uploads', 'working', ['localden: Initial'], 'file-uploads-wg', [], 1, '2026-04-23'],
    ['inspector-v2', 'working', ['cliffhall: Ongoing', 'olaservo: Ongoing', 'BobDickinson: Ongoing'], 'inspector-v2-wg', [], 0, '2026-04-11'],
    ['agents', 'working', ['LucaButBoring: Initial', 'CaitieM20: Initial'], 'agents-wg', ['modelcontextprotocol/agents-wg', 'modelcontextprotocol/ext-tasks'], 0, '2026-08-04'],
    ['skills-over-mcp', 'working', ['olaservo: Initial', 'pja-ant: Initial'], 'skills-over-mcp-wg', ['modelcontextprotocol/experimental-ext-skills'], 1, '2026-02-01'],
    ['server-card', 'working', ['dsp-ant: 6 months (ends Aug 14, 2026)', 'SamMorrowDrums: 6 months (ends Aug 14, 2026)'], 'server-card-wg', ['modelcontextprotocol/experimental-ext-server-card'], 1, '2026-03-26'],
    ['interceptors', 'working', ['sambhav: Initial', 'PederHP: Initial', 'degiorgio: Initial', 'jeongukjae: Initial', 'olaservo: Initial'], undefined, ['modelcontextprotocol/experimental-ext-interceptors'], 0, '2026-04-21'],
    ['auth', 'interest', ['aaronpk', 'D-McAdams', 'pcarleton'], 'auth-ig', [], 0, '2026-06-02'],
    ['security', 'interest', ['localden', 'pcarleton'], 'security-ig', [], 0, '2026-06-13'],
    ['tool-annotations', 'interest', ['SamMorrowDrums', 'rreichel3'], 'tool-annotations-ig', ['modelcontextprotocol/experimental-ext-tool-annotations'], 0, '2026-04-20'],
    ['financial-services', 'interest', ['sambhav', 'PederHP'], 'financial-services-ig', [], 0, '2026-06-25'],
    ['enterprise-managed-authorization', 'interest', ['pcarleton', 'aaronpk'], 'enterprise-managed-auth-ig', [], 0, '2026-06-16'],
    ['primitive-grouping', 'interest', ['chughtapan', 'SamMorrowDrums'], 'primitive-grouping-ig', ['modelcontextprotocol/experimental-ext-grouping'], 0, '2026-06-18'],
  ] as const)('%s', (id, type, leaders, discord, repos, deliverables, formed) => {
    const c = charter(id);
    expect(c.type).toBe(type);
    expect(c.status).toBe('active');
    const read = type === 'working' ? (c.leads ?? []).map((l) => `${l.login}: ${l.term}`) : (c.facilitators ?? []);
    expect(read).toEqual(leaders);
    expect(type === 'working' ? c.facilitators : c.leads).toBeUndefined();
    expect(c.discord).toBe(discord);
    expect(c.repos ?? []).toEqual(repos);
    expect((c.deliverables ?? []).length).toBe(deliverables);
    expect(c.formed).toBe(formed);
  });

  it('registry: the leads table, members, emeritus, work items and changelog', () => {
    expect(charter('registry')).toEqual({
      id: 'registry',
      name: 'Registry Working Group',
      type: 'working',
      status: 'active',
      formed: '2026-04-08',
      leads: [{ login: 'rdimitrov', term: 'Initial' }],
      discord: 'registry-dev',
      repos: ['modelcontextprotocol/registry'],
      // Its Membership and Emeritus Membership tables, by GitHub handle (issue 24).
      members: [
        { login: 'rdimitrov', level: 'lead' },
        { login: 'tadasant', level: 'member' },
        { login: 'BobDickinson', level: 'member' },
        { login: 'pree-dew', level: 'member' },
      ],
      emeritus: [
        { login: 'domdomegg', level: 'member' },
        { login: 'toby', level: 'member' },
      ],
      // Its Active Work Items link no issue or pull request: each is work not known done.
      untracked_deliverables: [
        'Server Card / server.json alignment',
        'Uptime & monitoring automation',
        'Issue triage automation & labeling system',
        'Adoption outreach to popular server maintainers',
        'Cataloging specification support by clients and sub-registry products',
        'Client SDK generation / publication',
        'Registry API v1 GA',
      ],
    });
    const f = facts('registry');
    expect(f.leaders).toEqual([{ role: 'Lead', name: 'Radoslav Dimitrov', organization: 'Stacklok', login: 'rdimitrov', term: 'Initial', line: 42 }]);
    expect(f.members.map((m) => m.login)).toEqual(['rdimitrov', 'tadasant', 'BobDickinson', 'pree-dew']);
    expect(f.members[1]).toEqual({ name: 'Tadas Antanavicius', organization: 'PulseMCP', login: 'tadasant', discord: 'tadasant_', level: 'WG Member', line: 62 });
    expect(f.emeritus.map((m) => [m.login, m.line])).toEqual([['domdomegg', 70], ['toby', 71]]);
    expect(f.workItems).toHaveLength(7);
    expect(f.workItems[0]).toEqual({ item: 'Server Card / server.json alignment', status: 'In Progress', target: 'Q2 2026', champion: '@tadasant', line: 91 });
    expect(f.changelog).toEqual([
      { date: '2026-07-30', change: '@tadasant stepped down as Lead; @rdimitrov is now sole Lead (@tadasant remains a WG Member)', line: 112 },
      { date: '2026-04-08', change: 'Initial charter', line: 113 },
    ]);
    expect(f.discord).toEqual({ channel: 'registry-dev', line: 79 });
    expect(f.repos).toEqual([{ repo: 'modelcontextprotocol/registry', line: 83 }]);
    expect(f.title).toBe('Registry Charter');
  });

  it('skills-over-mcp: its one tracked item (SEP-2640) is a deliverable, its other work items keep it from being judged completed', () => {
    expect(charter('skills-over-mcp').deliverables).toEqual(['https://github.com/modelcontextprotocol/modelcontextprotocol/pull/2640']);
    expect(charter('skills-over-mcp').untracked_deliverables).toEqual(['Skills Extension reference implementation', 'Agent Skills spec coordination', 'Registry skills.json proposal']);
  });

  it('names: the title without " Charter", the type added when missing', () => {
    expect(charter('apps').name).toBe('MCP Apps Working Group');
    expect(charter('inspector-v2').name).toBe('Inspector V2 Working Group');
    expect(charter('auth').name).toBe('Authorization Interest Group');
    expect(charter('triggers-events').name).toBe('Triggers and Events Working Group');
  });

  it('discussions and meeting notes come from a Discussions category link only', () => {
    expect(charter('security').discussions).toEqual({ repo: 'modelcontextprotocol/modelcontextprotocol', category: 'meeting-notes-security-ig' });
    expect(charter('security').meeting_notes).toBe('https://github.com/modelcontextprotocol/modelcontextprotocol/discussions/categories/meeting-notes-security-ig');
    expect(charter('inspector-v2').discussions?.category).toBe('meeting-notes-inspector-v2-wg');
    expect(charter('skills-over-mcp').discussions?.category).toBe('meeting-notes-skills-over-mcp-wg');
    // sdk and auth link to plain /discussions: neither field.
    expect(charter('sdk').discussions).toBeUndefined();
    expect(charter('auth').meeting_notes).toBeUndefined();
  });

  it('calendar tags, from meet.modelcontextprotocol.io/tag links', () => {
    expect(facts('inspector-v2').calendarTag).toBe('inspector-v2-wg');
    expect(facts('inspector-v2').calendarTagLine).toBe(80);
    expect(facts('apps').calendarTag).toBe('mcp-apps-wg');
    expect(facts('agents').calendarTag).toBeUndefined();
  });

  it('sponsors from "Sponsored by" lines', () => {
    expect(charter('file-uploads').sponsors).toEqual(['localden', 'nickcoai']);
    expect(charter('enterprise-managed-authorization').sponsors).toEqual(['localden']);
    expect(charter('registry').sponsors).toBeUndefined();
  });

  it('deliverables: the issue and pull request links of the Active Work Items rows', () => {
    expect(charter('file-uploads').deliverables).toEqual(['https://github.com/modelcontextprotocol/modelcontextprotocol/pull/2356']);
    expect(charter('server-card').deliverables).toEqual(['https://github.com/modelcontextprotocol/modelcontextprotocol/pull/2127']);
    expect(facts('inspector-v2').workItems[0]).toEqual({ item: 'Web Inspector UI (Mantine / TypeScript) — dumb components with real MCP/Core interfaces', status: 'In Progress', champion: 'Cliff Hall, Ola Hungerford', line: 94 });
    // An interest group has no deliverables, even when a topic links a SEP.
    expect(charter('security').deliverables).toBeUndefined();
  });

  it('keeps line numbers through MDX comments (inspector-v2)', () => {
    expect(facts('inspector-v2').leaders.map((l) => l.line)).toEqual([46, 47, 48]);
    expect(facts('inspector-v2').discord).toEqual({ channel: 'inspector-v2-wg', line: 84 });
  });

  it('reads changelogs newest first (registry) and oldest first (apps) alike', () => {
    expect(facts('apps').changelog.map((e) => e.date)).toEqual(['2025-11-21', '2025-12-17', '2026-01-26', '2026-01-28', '2026-05-21']);
    expect(facts('skills-over-mcp').changelog.map((e) => e.date)).toEqual(['2026-04-25', '2026-04-16', '2026-04-14', '2026-02-01']);
  });
});

describe('retirement drift in the real pages', () => {
  it('flags the page that records its own fold, not the page another group was folded into', () => {
    const flagged = result.diagnostics.filter((d) => d.rule === 'page-retirement-unmarked').map((d) => d.file);
    expect(flagged).toEqual(['docs/community/interest-groups/enterprise-managed-authorization.mdx']);
  });

  it('the EMA page with the retirement marker reads as retired, without the warnings of an active group', () => {
    const file = 'docs/community/interest-groups/enterprise-managed-authorization.mdx';
    const marked = pageText('enterprise-managed-authorization').replace(
      'description: Charter for the MCP Enterprise-Managed Authorization Interest Group.\n',
      'description: Charter for the MCP Enterprise-Managed Authorization Interest Group.\nstatus: retired\nretired_on: 2026-08-17\nretired_reason: Folded into the Authorization IG.\n',
    );
    const read = readCharterPage({ file, content: marked }, DEFAULT_PAGE_LAYOUT, TODAY);
    expect(read.diagnostics).toEqual([]);
    expect(read.charter).toMatchObject({ status: 'retired', retired: { on: '2026-08-17', reason: 'Folded into the Authorization IG.' }, formed: '2026-06-16' });
    expect(read.facts.statusLine).toBe(4);
  });
});
