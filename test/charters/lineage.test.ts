/**
 * Groups that change shape (issue 24): successors, merges, folds, an interest group become a
 * working group — in MCP's bundled YAML charters, in charters written for the case, and in MCP's
 * real charter pages. The registry rules' own cases (every rule failing and passing) are in
 * rules.test.ts and pages/rules.test.ts.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupSources } from '../../src/activity/coverage.js';
import { groupLabels, indexSnapshot, sourcesWork } from '../../src/activity/group-work.js';
import { readCharterDirectory } from '../../src/charters/read-directory.js';
import { allPredecessors, groupLineage, lineageLabels } from '../../src/charters/lineage.js';
import type { GroupLineage } from '../../src/charters/lineage.js';
import { DEFAULT_PAGE_LAYOUT } from '../../src/charters/pages/layout.js';
import { statedLinks } from '../../src/charters/pages/lineage.js';
import { validateCharterPages } from '../../src/charters/pages/validate-pages.js';
import type { Charter } from '../../src/charters/schema.js';
import { validateCharters } from '../../src/charters/validate.js';
import type { ValidationResult } from '../../src/charters/validate.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { buildDirectory, renderDirectoryMarkdown } from '../../src/directory/directory.js';
import { desiredLabels } from '../../src/labels/desired.js';
import { planLabelSync } from '../../src/labels/sync-plan.js';
import { item } from '../activity/helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const NOW = new Date('2026-12-07T12:00:00Z');
const PAGES = join(ROOT, 'examples', 'mcp-pages');
const WG_DIR = 'docs/community/working-groups';
const IG_DIR = 'docs/community/interest-groups';

/** Validates YAML charters given as `{ file: text }`. */
function validate(files: Record<string, string>) {
  return validateCharters(Object.entries(files).map(([file, content]) => ({ file, content })), { now: NOW });
}

/** A working group's charter text. */
function wg(id: string, extra = ''): string {
  return `id: ${id}\nname: ${title(id)} Working Group\ntype: working\nstatus: active\nformed: 2026-09-23\nfacilitators: [sambhav]\ndiscord: ${id}-wg\nuse_cases: Files.\nfirst_work: https://github.com/modelcontextprotocol/modelcontextprotocol/pull/2356\n${extra}`;
}

/** A retired group's charter text (`successor` optional). */
function retired(id: string, type: 'working' | 'interest', successor?: string): string {
  const name = `${title(id)} ${type === 'working' ? 'Working' : 'Interest'} Group`;
  return `id: ${id}\nname: ${name}\ntype: ${type}\nstatus: retired\nretired:\n  on: 2026-09-21\n  reason: Its work moved on.\n${successor ? `  successor: ${successor}\n` : ''}`;
}

function title(id: string): string {
  return id.split('-').map((w) => `${w[0]?.toUpperCase()}${w.slice(1)}`).join(' ');
}

const charters = (files: Record<string, string>): Charter[] => {
  const result = validate(files);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.charters.map((c) => c.charter);
};

describe("MCP's bundled charters (groups/)", () => {
  let result: ValidationResult;
  let registry: Charter[];
  let lineage: GroupLineage;
  beforeAll(async () => {
    result = validateCharters(await readCharterDirectory(join(ROOT, 'groups')), { now: NOW });
    registry = result.charters.map((c) => c.charter);
    lineage = groupLineage(registry);
  });

  it('link the folds and the rename the reference data states, with no error', () => {
    expect(result.errors).toBe(0);
    expect(Object.fromEntries(lineage.successorOf)).toEqual({
      'auth-wg-fine-grained-authz': 'auth',
      'auth-wg-tool-scopes': 'auth',
      'enterprise-managed-authorization': 'auth',
      'server-identity': 'server-card',
    });
    expect(allPredecessors(lineage, 'auth').map((p) => `${p.type}:${p.id}`)).toEqual(['working:auth-wg-fine-grained-authz', 'working:auth-wg-tool-scopes', 'interest:enterprise-managed-authorization']);
  });

  it("count the predecessors' labels, each with its own prefix, for the successor", () => {
    const auth = registry.find((c) => c.id === 'auth') as Charter;
    expect(groupLabels(auth, registry)).toEqual(['ig:auth', 'wg:auth-wg-fine-grained-authz', 'wg:auth-wg-tool-scopes', 'ig:enterprise-managed-authorization']);
    // One charter alone says nothing of who names it as successor: the old behaviour.
    expect(groupLabels(auth)).toEqual(['ig:auth']);
  });

  it('show the links both ways in the directory groups/README.md holds', () => {
    const markdown = renderDirectoryMarkdown(buildDirectory(result.charters));
    expect(markdown).toContain('| [Server Card Working Group](server-card.yaml) (formerly [Server Identity Working Group](server-identity.yaml)) | `wg:server-card` |');
    const identity = markdown.split('\n').find((l) => l.startsWith('| [Server Identity Working Group]'));
    expect(identity?.endsWith('| [Server Card Working Group](server-card.yaml) |')).toBe(true);
    expect(readFileSync(join(ROOT, 'groups', 'README.md'), 'utf8')).toContain('(formerly [Server Identity Working Group](server-identity.yaml))');
  });

  it("describe a folded group's label with its successor's", () => {
    const label = desiredLabels(registry, DEFAULT_CONFIG).find((l) => l.name === 'ig:enterprise-managed-authorization');
    expect(label?.description).toBe('[retired] Enterprise-Managed Authorization Interest Group → ig:auth');
  });
});

describe('a merge of two: File Uploads and Filesystems into Files', () => {
  const files = {
    'file-uploads.yaml': retired('file-uploads', 'working', 'files'),
    'filesystems.yaml': retired('filesystems', 'working'),
    'files.yaml': wg('files', 'previous_ids: [file-uploads, filesystems]\n'),
  };

  it('is valid: one predecessor names its successor, the other is listed in previous_ids only', () => {
    expect(validate(files).diagnostics).toEqual([]);
  });

  it("counts work labelled with either predecessor's label for the merged group", () => {
    const registry = charters(files);
    const merged = registry.find((c) => c.id === 'files') as Charter;
    expect(groupLabels(merged, registry)).toEqual(['wg:files', 'wg:file-uploads', 'wg:filesystems']);
    const index = indexSnapshot({
      items: [
        item({ repo: 'modelcontextprotocol/modelcontextprotocol', number: 1, labels: ['wg:file-uploads'] }),
        item({ repo: 'modelcontextprotocol/modelcontextprotocol', number: 2, labels: ['WG:Filesystems'] }),
        item({ repo: 'modelcontextprotocol/modelcontextprotocol', number: 3, labels: ['wg:other'] }),
      ],
    });
    const work = sourcesWork(groupSources(merged, registry), index);
    // Indices into the snapshot's items: #1 and #2, not #3.
    expect(work.items).toEqual([0, 1]);
  });

  it('links both predecessors to the merged group in the directory, and the merged group back', () => {
    const result = validate(files);
    const directory = buildDirectory(result.charters);
    expect(directory.working_groups[0]).toMatchObject({ id: 'files', predecessors: ['file-uploads', 'filesystems'], successor: null });
    expect(directory.retired.map((e) => [e.id, e.successor])).toEqual([['file-uploads', 'files'], ['filesystems', 'files']]);
    const markdown = renderDirectoryMarkdown(directory);
    expect(markdown).toContain('[Files Working Group](files.yaml) (formerly [File Uploads Working Group](file-uploads.yaml), [Filesystems Working Group](filesystems.yaml))');
    expect(markdown.match(/\| \[Files Working Group\]\(files\.yaml\) \|$/gm)).toHaveLength(2);
  });

  it('rejects a second group claiming a merged predecessor', () => {
    const result = validate({ ...files, 'other.yaml': wg('other', 'previous_ids: [filesystems]\n') });
    expect(result.diagnostics.filter((d) => d.rule === 'id-unique').map((d) => d.file).sort()).toEqual(['files.yaml', 'other.yaml']);
  });
});

describe('an interest group become a working group: Primitive Grouping IG → Progressive Disclosure WG', () => {
  const files = {
    'primitive-grouping.yaml': retired('primitive-grouping', 'interest', 'progressive-disclosure'),
    'progressive-disclosure.yaml': wg('progressive-disclosure'),
  };

  it("keeps the IG's history: its ig: label counts for the WG", () => {
    const registry = charters(files);
    const wgCharter = registry.find((c) => c.id === 'progressive-disclosure') as Charter;
    expect(lineageLabels(wgCharter, registry)).toEqual(['wg:progressive-disclosure', 'ig:primitive-grouping']);
  });

  it('creates the new label and marks the old one retired, never renaming it off its issues', () => {
    const registry = charters(files);
    const desired = desiredLabels(registry, DEFAULT_CONFIG);
    const { plan, conflicts } = planLabelSync({
      repo: 'modelcontextprotocol/modelcontextprotocol',
      desired,
      existing: [{ name: 'ig:primitive-grouping', color: '0e8a16', description: 'Primitive Grouping Interest Group' }],
    });
    expect(conflicts).toEqual([]);
    expect(plan).toEqual([
      expect.objectContaining({ kind: 'update-label', name: 'ig:primitive-grouping', description: '[retired] Primitive Grouping Interest Group → wg:progressive-disclosure' }),
      expect.objectContaining({ kind: 'create-label', name: 'wg:progressive-disclosure', description: 'Progressive Disclosure Working Group' }),
    ]);
    expect(plan[0]).not.toHaveProperty('new_name');
  });

  it('keeps the successor label whole in a long description', () => {
    const long = `${'Very '.repeat(10)}Long Primitive Grouping Interest Group`;
    const registry = charters({ ...files, 'primitive-grouping.yaml': files['primitive-grouping.yaml'].replace(/^name: .*$/m, `name: ${long}`) });
    const label = desiredLabels(registry, DEFAULT_CONFIG).find((l) => l.name === 'ig:primitive-grouping');
    expect(Array.from(label?.description ?? '')).toHaveLength(100);
    expect(label?.description.endsWith('… → wg:progressive-disclosure')).toBe(true);
  });
});

describe("MCP's real charter pages", () => {
  const read = (path: string) => readFileSync(join(PAGES, path), 'utf8');
  const auth = read(`${IG_DIR}/auth.mdx`);
  const ema = read(`${IG_DIR}/enterprise-managed-authorization.mdx`);

  it('state the Enterprise-Managed Authorization IG folded into the Authorization IG, from both pages', () => {
    const result = validateCharterPages([{ file: `${IG_DIR}/auth.mdx`, content: auth }, { file: `${IG_DIR}/enterprise-managed-authorization.mdx`, content: ema }], null, { now: NOW, layout: DEFAULT_PAGE_LAYOUT });
    expect(statedLinks(result.facts).map((l) => `${l.from}→${l.to} ${l.file.slice(l.file.lastIndexOf('/') + 1)}:${l.line}`)).toEqual([
      'enterprise-managed-authorization→auth auth.mdx:113',
      'enterprise-managed-authorization→auth enterprise-managed-authorization.mdx:74',
    ]);
  });

  it('map the fold to previous_ids and retired.successor once the folded page is marked retired', () => {
    const retiredEma = ema.replace(/^---\n/, '---\nstatus: retired\nretired_on: 2026-08-17\nretired_reason: Folded into the Authorization IG.\n');
    const result = validateCharterPages([{ file: `${IG_DIR}/auth.mdx`, content: auth }, { file: `${IG_DIR}/enterprise-managed-authorization.mdx`, content: retiredEma }], null, { now: NOW, layout: DEFAULT_PAGE_LAYOUT });
    expect(result.diagnostics.filter((d) => d.rule === 'page-lineage-disagrees')).toEqual([]);
    const byId = new Map(result.charters.map((c) => [c.charter.id, c.charter]));
    expect(byId.get('enterprise-managed-authorization')?.retired?.successor).toBe('auth');
    expect(byId.get('auth')?.previous_ids).toEqual(['enterprise-managed-authorization']);
    expect(groupLabels(byId.get('auth') as Charter)).toEqual(['ig:auth', 'ig:enterprise-managed-authorization']);
  });

  it('report the page left active at both pages, and map nothing', () => {
    const result = validateCharterPages([{ file: `${IG_DIR}/auth.mdx`, content: auth }, { file: `${IG_DIR}/enterprise-managed-authorization.mdx`, content: ema }], null, { now: NOW, layout: DEFAULT_PAGE_LAYOUT });
    expect(result.diagnostics.filter((d) => d.rule === 'page-lineage-disagrees').map((d) => `${d.file}:${d.line}`)).toEqual([`${IG_DIR}/auth.mdx:113`, `${IG_DIR}/enterprise-managed-authorization.mdx:2`]);
    expect(result.charters.find((c) => c.charter.id === 'auth')?.charter.previous_ids).toBeUndefined();
  });

  it('read a consolidation of two working groups stated in a changelog ("… the File Uploads and Filesystems WGs into this WG")', () => {
    const uploads = read(`${WG_DIR}/file-uploads.mdx`);
    const retire = (text: string) => text.replace(/^---\n/, '---\nstatus: retired\nretired_on: 2026-09-23\nretired_reason: Consolidated into the Files WG.\n');
    const filesystems = retire(uploads.replace(/^title: .*$/m, 'title: Filesystems Working Group Charter'));
    const filesPage = uploads
      .replace(/^title: .*$/m, 'title: Files Working Group Charter')
      .replace('| 2026-04-23 | Initial charter |', '| 2026-09-23 | Consolidated the File Uploads and Filesystems WGs into this WG |\n| 2026-04-23 | Initial charter |');
    expect(filesPage).toContain('Consolidated the File Uploads');
    const result = validateCharterPages(
      [
        { file: `${WG_DIR}/file-uploads.mdx`, content: retire(uploads) },
        { file: `${WG_DIR}/filesystems.mdx`, content: filesystems },
        { file: `${WG_DIR}/files.mdx`, content: filesPage },
      ],
      null,
      { now: NOW, layout: DEFAULT_PAGE_LAYOUT },
    );
    const byId = new Map(result.charters.map((c) => [c.charter.id, c.charter]));
    expect(byId.get('files')?.previous_ids).toEqual(['file-uploads', 'filesystems']);
    expect(byId.get('filesystems')?.retired?.successor).toBe('files');
    expect(byId.get('file-uploads')?.retired?.successor).toBe('files');
  });

  it('read a hostile page bounded: thousands of statements and a huge changelog cell give no link and no crash', () => {
    const noise = 'The Enterprise-Managed Authorization IG folded in and merged into this group. '.repeat(800);
    const hostile = auth
      .replace('| 2026-06-02 | Initial charter', `| 2026-06-02 | ${'x folded in; '.repeat(6000)}`)
      .replace('## Changelog', `${'Something was merged into this group.\n\n'.repeat(1500)}<Note>${noise}</Note>\n\n## Changelog`);
    const result = validateCharterPages([{ file: `${IG_DIR}/auth.mdx`, content: hostile }], null, { now: NOW, layout: DEFAULT_PAGE_LAYOUT });
    const facts = result.facts[0];
    expect(facts?.statements?.length).toBe(50);
    expect(facts?.statements?.every((s) => s.text.length <= 2000)).toBe(true);
    // The one page names only itself and groups without a page: nothing is linked.
    expect(statedLinks(result.facts)).toEqual([]);
  });

  it('never link a group named in passing, or one with no page', () => {
    const result = validateCharterPages(
      [{ file: `${IG_DIR}/auth.mdx`, content: auth.replace('| 2026-06-02 | Initial charter', '| 2026-06-03 | The Gateways IG was folded into this group; authorization work merged into SEP-2643') }],
      null,
      { now: NOW, layout: DEFAULT_PAGE_LAYOUT },
    );
    expect(statedLinks(result.facts)).toEqual([]);
  });
});
