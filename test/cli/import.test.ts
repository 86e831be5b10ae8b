/**
 * `group-steward import --pages ROOT --out DIR`: MCP's real charter pages written as YAML charters
 * that `validate DIR --policy sep-2149` accepts, the pages with errors left out and named, and the
 * hostile cases — an unreadable ROOT, a DIR that is a file, a differing file in DIR (refused
 * unless `--force`), a second run that changes nothing, values that YAML must quote.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { CHARTER_KEYS } from '../../src/charters/schema.js';
import { readCharterInput } from '../../src/cli/charter-input.js';
import { runCli } from '../../src/cli/run.js';

const REPO = process.cwd();
const PAGES = join(REPO, 'examples', 'mcp-pages');
const NOW_ISO = '2026-09-01T00:00:00Z';
const NOW = new Date(NOW_ISO);

async function run(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, now: () => NOW });
  return { code, stdout, stderr };
}

type PageCharters = Map<string, { file: string; charter: unknown; hasErrors: boolean }>;
const pagesRead = new Map<string, Promise<PageCharters>>();

/**
 * The charters the pages of `root` give, by id, as `validate --pages` reads them: read once per
 * root (no test writes into a pages checkout once it is made, nor changes what this returns).
 */
function pageCharters(root: string): Promise<PageCharters> {
  let read = pagesRead.get(root);
  if (!read) {
    read = readCharterInput(REPO, { pages: root }, NOW).then((input) => new Map(input.result.charters.map((c) => [c.charter.id, c])));
    pagesRead.set(root, read);
  }
  return read;
}

/** The groups of the real pages that have no error (the two others: apps, not in the navigation; server-card, a duplicate section). */
const IMPORTED = [
  'agents', 'auth', 'enterprise-managed-authorization', 'file-uploads', 'financial-services', 'inspector-v2', 'interceptors',
  'primitive-grouping', 'registry', 'sdk', 'security', 'skills-over-mcp', 'tool-annotations', 'triggers-events',
];

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'group-steward-import-'));
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

describe('group-steward import on MCP\'s real pages', () => {
  let out: string;
  let first: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    out = join(tmp, 'real', 'groups');
    first = await run(['import', '--pages', PAGES, '--out', out, '--now', NOW_ISO], REPO);
  });

  it('writes one charter per valid page, lists the pages left out with their error rules, and exits 1', async () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1);
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('wrote ')).map((l) => l.slice('wrote '.length)).sort()).toEqual(IMPORTED.map((id) => `${out}/${id}.yaml`));
    expect(lines.filter((l) => l.startsWith('left out '))).toEqual([
      `left out ${PAGES}/docs/community/working-groups/apps.mdx: page-not-in-nav`,
      `left out ${PAGES}/docs/community/working-groups/server-card.mdx: page-section-duplicate`,
    ]);
    expect(lines).toContain(`imported 14 of 16 charter pages into ${out}/: 14 written, 0 unchanged, 2 left out for errors (group-steward validate --pages ${PAGES} shows them)`);
    expect((await readdir(out)).sort()).toEqual(IMPORTED.map((id) => `${id}.yaml`));
  });

  it('writes each page\'s charter exactly, keys in the schema\'s order, after the schema line and a comment naming the page', async () => {
    const charters = await pageCharters(PAGES);
    for (const id of IMPORTED) {
      const text = await readFile(join(out, `${id}.yaml`), 'utf8');
      const page = charters.get(id);
      expect(page?.hasErrors).toBe(false);
      const lines = text.split('\n');
      expect(lines[0]).toBe('# yaml-language-server: $schema=./charter.schema.json');
      expect(lines[1]).toBe(`# Imported by group-steward import from the SEP-2149 charter page ${page?.file}.`);
      expect(lines[2]).toMatch(/^# Its prose sections \(mission, scope, authority, membership, operations text\) stay on the page\.$/);
      expect(lines[3]).toBe(`id: ${id}`);
      const value = parse(text) as Record<string, unknown>;
      expect(value).toEqual(page?.charter);
      const keys = Object.keys(value);
      expect(keys).toEqual(CHARTER_KEYS.filter((k) => keys.includes(k)));
    }
  });

  it('leaves out what a page does not state: no SEP-1302 answers, nothing invented', async () => {
    const registry = parse(await readFile(join(out, 'registry.yaml'), 'utf8')) as Record<string, unknown>;
    expect(registry).toEqual({
      id: 'registry',
      name: 'Registry Working Group',
      type: 'working',
      status: 'active',
      formed: '2026-04-08',
      leads: [{ login: 'rdimitrov', term: 'Initial' }],
      discord: 'registry-dev',
      repos: ['modelcontextprotocol/registry'],
      untracked_deliverables: expect.arrayContaining(['Registry API v1 GA']),
      // The Membership and Emeritus Membership tables, by GitHub handle (issue 24).
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
    });
  });

  it('gives charters that validate under --policy sep-2149 (warnings only)', async () => {
    const { code, stdout } = await run(['validate', out, '--policy', 'sep-2149', '--now', NOW_ISO, '--format', 'json'], REPO);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { diagnostics: { severity: string }[]; errors: number };
    expect(report.errors).toBe(0);
    expect(report.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });

  it('gives charters that, under the default sep-1302, lack exactly SEP-1302\'s creation-template answers', async () => {
    const { code, stdout } = await run(['validate', out, '--now', NOW_ISO, '--format', 'json'], REPO);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { diagnostics: { file: string; severity: string; rule: string; message: string }[] };
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    expect([...new Set(errors.map((d) => d.rule))]).toEqual(['type-required-field']);
    // Every imported group is active: a WG lacks use_cases and first_work, an IG differentiation and first_topic.
    const missing = errors.map((d) => `${d.file} ${/"([a-z_]+)"/.exec(d.message)?.[1]}`).sort();
    const charters = await pageCharters(PAGES);
    const expected = IMPORTED.flatMap((id) => {
      const type = (charters.get(id)?.charter as { type: string }).type;
      return (type === 'working' ? ['use_cases', 'first_work'] : ['differentiation', 'first_topic']).map((key) => `${id}.yaml ${key}`);
    }).sort();
    expect(missing).toEqual(expected);
    // --policy sep-1302 is the default, spelled out.
    expect((await run(['validate', out, '--policy', 'sep-1302', '--now', NOW_ISO, '--format', 'json'], REPO)).stdout).toBe(stdout);
  });

  it('changes nothing on a second run: every charter "unchanged"', async () => {
    const before = await Promise.all(IMPORTED.map((id) => readFile(join(out, `${id}.yaml`), 'utf8')));
    const again = await run(['import', '--pages', PAGES, '--out', out, '--now', NOW_ISO], REPO);
    expect(again.code).toBe(1);
    const lines = again.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('unchanged ')).map((l) => l.slice('unchanged '.length)).sort()).toEqual(IMPORTED.map((id) => `${out}/${id}.yaml`));
    expect(lines.filter((l) => l.startsWith('wrote ') || l.startsWith('replaced '))).toEqual([]);
    expect(lines).toContain(`imported 14 of 16 charter pages into ${out}/: 0 written, 14 unchanged, 2 left out for errors (group-steward validate --pages ${PAGES} shows them)`);
    expect(await Promise.all(IMPORTED.map((id) => readFile(join(out, `${id}.yaml`), 'utf8')))).toEqual(before);
  });
});

describe('group-steward import refuses what it must not do', () => {
  it('exits 2 with "cannot read" when ROOT is missing, writing nothing', async () => {
    const out = join(tmp, 'none');
    const { code, stdout, stderr } = await run(['import', '--pages', 'no-such-checkout', '--out', out], tmp);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('group-steward import: cannot read no-such-checkout: no such directory\n');
    await expect(readdir(out)).rejects.toThrow();
  });

  it('exits 2 when DIR is a file', async () => {
    const file = join(tmp, 'a-file');
    await writeFile(file, 'not a folder');
    const { code, stderr } = await run(['import', '--pages', PAGES, '--out', file, '--now', NOW_ISO], REPO);
    expect(code).toBe(2);
    expect(stderr).toBe(`group-steward import: cannot write ${file}: not a directory\n`);
    expect(await readFile(file, 'utf8')).toBe('not a folder');
  });

  it('exits 2 naming an existing different file, writing nothing; --force replaces it', async () => {
    const out = join(tmp, 'conflict');
    await mkdir(out);
    await writeFile(join(out, 'registry.yaml'), 'id: registry\n# hand-edited\n');
    const refused = await run(['import', '--pages', PAGES, '--out', out, '--now', NOW_ISO], REPO);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `group-steward import: nothing was written:\n  ${out}/registry.yaml exists and differs from the charter imported from ${PAGES}/docs/community/working-groups/registry.mdx: give --force to replace it\n`,
    );
    expect(await readdir(out)).toEqual(['registry.yaml']);
    expect(await readFile(join(out, 'registry.yaml'), 'utf8')).toBe('id: registry\n# hand-edited\n');

    const forced = await run(['import', '--pages', PAGES, '--out', out, '--now', NOW_ISO, '--force'], REPO);
    expect(forced.code).toBe(1);
    expect(forced.stdout).toContain(`replaced ${out}/registry.yaml\n`);
    expect(forced.stdout).toContain(`wrote ${out}/sdk.yaml\n`);
    const registry = parse(await readFile(join(out, 'registry.yaml'), 'utf8'));
    expect(registry).toEqual((await pageCharters(PAGES)).get('registry')?.charter);
  });

  it('exits 2 when DIR/<id>.yaml is a folder, even with --force', async () => {
    const out = join(tmp, 'folder-in-the-way');
    await mkdir(join(out, 'sdk.yaml'), { recursive: true });
    const { code, stderr } = await run(['import', '--pages', PAGES, '--out', out, '--now', NOW_ISO, '--force'], REPO);
    expect(code).toBe(2);
    expect(stderr).toContain(`${out}/sdk.yaml exists and is not a regular file`);
    expect(await readdir(out)).toEqual(['sdk.yaml']);
  });

  it.each([
    [['import', '--out', 'x'], '--pages ROOT is required'],
    [['import', '--pages', 'examples/mcp-pages'], '--out DIR is required'],
    [['import', 'examples/mcp-pages', '--out', 'x'], 'import takes no positional arguments'],
    [['import', '--pages', 'examples/mcp-pages', '--out', 'x', '--now', 'soon'], '--now must be an ISO 8601 date'],
  ])('exits 2 on a usage error: %j', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv, REPO);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it('exits 2 on an unknown option, with the usage', async () => {
    const { code, stderr } = await run(['import', '--pages', 'x', '--out', 'y', '--forse'], REPO);
    expect(code).toBe(2);
    expect(stderr).toContain('group-steward import: unknown option --forse (did you mean --force?)');
    expect(stderr).toContain('import                Write DIR/<id>.yaml');
  });
});

describe('group-steward import with hostile values', () => {
  const HOSTILE_TITLE = `"Quoted": #not-a-comment 'x' & *alias !tag {a: [b]} | > % @ \` yes null 0x1F`;
  const HOSTILE_ITEM = '- yes: no # not a comment, ~ null & *ref';
  const HOSTILE_REASON = "yes: #no\n- ~ 'it' \"moved\" to @elsewhere: {a: b}";

  let root: string;
  let out: string;
  let result: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    root = join(tmp, 'hostile-checkout');
    out = join(tmp, 'hostile-out');
    await cp(join(PAGES, 'docs', 'community', 'working-groups', 'registry.mdx'), join(root, 'docs', 'community', 'working-groups', 'registry.mdx'));
    await cp(join(PAGES, 'docs', 'community', 'interest-groups', 'security.mdx'), join(root, 'docs', 'community', 'interest-groups', 'security.mdx'));
    const registryFile = join(root, 'docs', 'community', 'working-groups', 'registry.mdx');
    let registry = await readFile(registryFile, 'utf8');
    registry = registry.replace('title: Registry Charter', `title: ${JSON.stringify(`${HOSTILE_TITLE} Charter`)}`);
    registry = registry.replace('| Initial |', '| "null": yes # until 2027-01-31 |');
    registry = registry.replace('| Registry API v1 GA ', `| ${HOSTILE_ITEM} `);
    await writeFile(registryFile, registry);
    const securityFile = join(root, 'docs', 'community', 'interest-groups', 'security.mdx');
    const security = await readFile(securityFile, 'utf8');
    await writeFile(securityFile, security.replace(/^---\n/, `---\nstatus: retired\nretired_on: 2026-08-20\nretired_reason: ${JSON.stringify(HOSTILE_REASON)}\n`));
    await writeFile(
      join(root, 'docs', 'docs.json'),
      JSON.stringify({ navigation: [{ group: 'Working Group Charters', pages: ['community/working-groups/registry'] }, { group: 'Interest Group Charters', pages: ['community/interest-groups/security'] }] }),
    );
    result = await run(['import', '--pages', root, '--out', out, '--now', NOW_ISO], REPO);
  });

  it('reads the hostile values from the pages (the fixture works)', async () => {
    const charters = await pageCharters(root);
    const registry = charters.get('registry')?.charter as { name: string; leads: { term?: string }[]; untracked_deliverables: string[] };
    expect(registry.name).toBe(`${HOSTILE_TITLE} Working Group`);
    expect(registry.leads[0]?.term).toBe('"null": yes # until 2027-01-31');
    expect(registry.untracked_deliverables).toContain(HOSTILE_ITEM);
    expect((charters.get('security')?.charter as { retired?: unknown }).retired).toEqual({ on: '2026-08-20', reason: HOSTILE_REASON });
  });

  it('round-trips every value through YAML exactly', async () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([`wrote ${out}/security.yaml`, `wrote ${out}/registry.yaml`]);
    const charters = await pageCharters(root);
    for (const id of ['registry', 'security']) {
      const text = await readFile(join(out, `${id}.yaml`), 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./charter.schema.json');
      expect(parse(text)).toEqual(charters.get(id)?.charter);
    }
  });

  it('gives charters that validate under sep-2149, and even under sep-1302 (the retired one needs no answers)', async () => {
    expect((await run(['validate', out, '--policy', 'sep-2149', '--now', NOW_ISO], REPO)).code).toBe(0);
    const sep1302 = await run(['validate', out, '--now', NOW_ISO, '--format', 'json'], REPO);
    const errors = (JSON.parse(sep1302.stdout) as { diagnostics: { file: string; severity: string; rule: string }[] }).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.file} ${d.rule}`)).toEqual(['registry.yaml type-required-field', 'registry.yaml type-required-field']);
  });
});

describe('group-steward validate --policy', () => {
  it('judges the same pages alike whatever --policy says (pages follow SEP-2149\'s template)', async () => {
    const plain = await run(['validate', '--pages', PAGES, '--now', NOW_ISO], REPO);
    for (const policy of ['sep-1302', 'sep-2149']) {
      const given = await run(['validate', '--pages', PAGES, '--now', NOW_ISO, '--policy', policy], REPO);
      expect(given).toEqual(plain);
    }
  });

  it('exits 2 on an unknown policy', async () => {
    const { code, stderr } = await run(['validate', 'groups', '--policy', 'sep-9999'], REPO);
    expect(code).toBe(2);
    expect(stderr).toContain('--policy must be sep-1302 or sep-2149, not "sep-9999"');
  });

  it('reports "cannot read" for a missing folder under a policy too', async () => {
    const { code, stderr } = await run(['validate', 'no-such-dir', '--policy', 'sep-2149'], REPO);
    expect(code).toBe(2);
    expect(stderr).toBe('group-steward: cannot read no-such-dir: no such directory\n');
  });
});
