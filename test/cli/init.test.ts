/**
 * `group-steward init`: what a governance repository needs, written into a checkout only where
 * nothing is — a second run keeps everything, a dry run writes nothing, a file a person wrote is
 * never replaced — and every file fit for its reader: the configuration parses to the defaults
 * with the chosen policy, the forms are issue forms whose answers the App reads (SEP-2149's with
 * leads and terms, and no moderator), groups/ passes `directory --check` and `schema --check`.
 */
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { charterJsonSchema } from '../../src/charters/schema.js';
import { directoryCommand } from '../../src/cli/directory-command.js';
import { configFileText, INIT_DEFAULT_POLICY, INIT_USAGE, initCommand, initFiles } from '../../src/cli/init-command.js';
import { ConfigFileSchema, ConfigSchema } from '../../src/config/schema.js';
import type { Policy } from '../../src/config/schema.js';
import { DIRECTORY_END_MARKER, DIRECTORY_START_MARKER } from '../../src/directory/section.js';
import { POLICY_FORMS } from '../../src/requests/forms.js';
import { readGroupRequest } from '../../src/requests/group-request.js';

const REPO = process.cwd();
const NOW = new Date('2026-11-22T12:00:00Z');

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'group-steward-init-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

let count = 0;
/** A fresh, empty checkout. */
async function checkout(): Promise<string> {
  count += 1;
  const dir = join(tmp, `repo-${count}`);
  await mkdir(dir);
  return dir;
}

async function init(argv: string[], cwd = tmp) {
  let stdout = '';
  let stderr = '';
  const code = await initCommand(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, now: () => NOW });
  return { code, stdout, stderr };
}

/** Every file under `dir`, relative, with `/`, sorted, and its text. */
async function tree(dir: string, prefix = ''): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [p, t] of await tree(dir, path)) files.set(p, t);
    else files.set(path, await readFile(join(dir, path), 'utf8'));
  }
  return files;
}

const YAML_FILES = [
  '.github/ISSUE_TEMPLATE/new-interest-group.yml',
  '.github/ISSUE_TEMPLATE/new-working-group.yml',
  '.github/group-steward.yml',
  '.github/workflows/group-steward.yml',
  'groups/README.md',
  'groups/charter.schema.json',
].sort();
const PAGES_FILES = YAML_FILES.filter((f) => !f.startsWith('groups/'));

interface IssueForm {
  name: string;
  labels: string[];
  body: { type: string; id?: string; attributes: { label?: string; value?: string }; validations?: { required?: boolean } }[];
}

/** A body as GitHub renders a submitted form, from the form file itself: `### <label>`, then the answer. */
function submit(form: IssueForm, answers: Record<string, string>): string {
  return form.body
    .filter((e) => e.type !== 'markdown')
    .map((e) => `### ${e.attributes.label ?? ''}\n\n${answers[e.id ?? ''] ?? '_No response_'}`)
    .join('\n\n');
}

describe('init in an empty checkout', () => {
  it('writes the configuration, the workflow, both forms and groups/, and lists each', async () => {
    const root = await checkout();
    const { code, stdout, stderr } = await init(['--dir', root]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect([...(await tree(root)).keys()].sort()).toEqual(YAML_FILES);
    for (const file of YAML_FILES) expect(stdout).toContain(`wrote ${file}\n`);
    expect(stdout).toContain(`policy ${INIT_DEFAULT_POLICY}`);
    expect(stdout).toContain('6 written, 0 kept.');
  });

  it('a second run keeps everything, byte for byte, and says so', async () => {
    const root = await checkout();
    await init(['--dir', root, '--policy', 'sep-2149']);
    const before = await tree(root);
    const again = await init(['--dir', root, '--policy', 'sep-2149']);
    expect(again.code).toBe(0);
    for (const file of YAML_FILES) expect(again.stdout).toContain(`kept ${file} (exists)\n`);
    expect(again.stdout).not.toContain('wrote ');
    expect(again.stdout).toContain('0 written, 6 kept.');
    expect(await tree(root)).toEqual(before);
  });

  it('never replaces a file a person wrote (or a link), and writes the others', async () => {
    const root = await checkout();
    await mkdir(join(root, '.github'), { recursive: true });
    await writeFile(join(root, '.github', 'group-steward.yml'), 'policy: sep-2149\n# mine\n');
    await mkdir(join(root, 'groups'));
    await symlink(join(root, 'nowhere'), join(root, 'groups', 'README.md'));
    const { code, stdout } = await init(['--dir', root]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/keep +\.github\/group-steward\.yml +\(exists\)/);
    expect(stdout).toContain('kept .github/group-steward.yml (exists)');
    expect(stdout).toContain('kept groups/README.md (exists)');
    expect(await readFile(join(root, '.github', 'group-steward.yml'), 'utf8')).toBe('policy: sep-2149\n# mine\n');
    expect((await lstat(join(root, 'groups', 'README.md'))).isSymbolicLink()).toBe(true);
    expect(stdout).toContain('wrote groups/charter.schema.json');
  });

  it('--dry-run prints the plan and writes nothing', async () => {
    const root = await checkout();
    await mkdir(join(root, '.github'));
    await writeFile(join(root, '.github', 'group-steward.yml'), 'policy: sep-1302\n');
    const { code, stdout } = await init(['--dir', root, '--dry-run', '--pages']);
    expect(code).toBe(0);
    expect(stdout).toContain('dry run: nothing is written');
    expect(stdout).toMatch(/keep +\.github\/group-steward\.yml +\(exists\)/);
    for (const file of PAGES_FILES.filter((f) => f !== '.github/group-steward.yml')) expect(stdout).toMatch(new RegExp(`write +${file.replace(/\./g, '\\.')} `));
    expect(stdout).not.toMatch(/wrote|kept/);
    expect([...(await tree(root)).keys()]).toEqual(['.github/group-steward.yml']);
  });

  it('resolves --dir against the current folder, and defaults to it', async () => {
    const root = await checkout();
    expect((await init([], root)).code).toBe(0);
    expect([...(await tree(root)).keys()].sort()).toEqual(YAML_FILES);
    const parent = await checkout();
    await mkdir(join(parent, 'governance'));
    expect((await init(['--dir', 'governance'], parent)).code).toBe(0);
    expect([...(await tree(join(parent, 'governance'))).keys()].sort()).toEqual(YAML_FILES);
  });
});

describe('init --pages', () => {
  it('writes charter_pages: {} under sep-2149 (the default with pages), and nothing in groups/', async () => {
    const root = await checkout();
    const { code, stdout } = await init(['--dir', root, '--pages']);
    expect(code).toBe(0);
    expect([...(await tree(root)).keys()].sort()).toEqual(PAGES_FILES);
    expect(stdout).toContain('policy sep-2149');
    const config = parse(await readFile(join(root, '.github', 'group-steward.yml'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ policy: 'sep-2149', charter_pages: {} });
    const form = await readFile(join(root, '.github', 'ISSUE_TEMPLATE', 'new-working-group.yml'), 'utf8');
    expect(form).toContain('charter page');
    expect(form).not.toContain('`groups/<id>.yaml`');
  });

  it('--policy still chooses the policy', async () => {
    const root = await checkout();
    await init(['--dir', root, '--pages', '--policy', 'sep-1302']);
    expect(parse(await readFile(join(root, '.github', 'group-steward.yml'), 'utf8'))).toMatchObject({ policy: 'sep-1302', charter_pages: {} });
  });
});

describe('what init writes is fit for its reader', () => {
  it.each([
    ['sep-1302', false],
    ['sep-1302', true],
    ['sep-2149', false],
    ['sep-2149', true],
  ] as const)('the configuration (%s, pages %s) reads back as the defaults with that policy, every key shown', (policy: Policy, pages: boolean) => {
    const text = configFileText({ policy, pages });
    const written = parse(text) as unknown;
    expect(ConfigFileSchema.safeParse(written).success).toBe(true);
    expect(ConfigSchema.parse(written)).toEqual(ConfigSchema.parse({ policy, ...(pages ? { charter_pages: {} } : {}) }));
    // Every key, set or commented out, nested ones included.
    const shape = ConfigFileSchema.shape as Record<string, unknown>;
    const nested = (key: string): string[] => {
      let schema = shape[key] as { def: { type: string; innerType?: unknown; shape?: Record<string, unknown> }; shape?: Record<string, unknown> };
      while (!schema.shape && schema.def.innerType) schema = schema.def.innerType as typeof schema;
      return schema.shape ? Object.keys(schema.shape) : [];
    };
    for (const key of Object.keys(shape)) {
      expect({ key, shown: new RegExp(`^#? ?${key}:`, 'm').test(text) }).toEqual({ key, shown: true });
      for (const inner of nested(key)) expect({ key: `${key}.${inner}`, shown: new RegExp(`^ *#? *${inner}:`, 'm').test(text) }).toEqual({ key: `${key}.${inner}`, shown: true });
    }
    expect(text).toMatch(new RegExp(`^policy: ${policy}$`, 'm'));
  });

  it('examples/group-steward.yml is what init writes for the default policy', async () => {
    expect(await readFile(join(REPO, 'examples', 'group-steward.yml'), 'utf8')).toBe(configFileText({ policy: INIT_DEFAULT_POLICY, pages: false }));
    expect(INIT_DEFAULT_POLICY).toBe(ConfigSchema.parse({}).policy);
  });

  it("the workflow is the package's example workflow", async () => {
    const files = await initFiles({ policy: 'sep-1302', pages: false });
    const workflow = files.find((f) => f.path === '.github/workflows/group-steward.yml');
    const source = await readFile(join(REPO, 'examples', 'workflows', 'group-steward.yml'), 'utf8').catch(() => readFile(join(REPO, 'examples', 'governance-workflow.yml'), 'utf8'));
    expect(workflow?.text).toBe(source);
    expect(parse(source)).toMatchObject({ on: expect.anything(), jobs: expect.anything() });
  });

  it.each(['sep-1302', 'sep-2149'] as const)('the %s forms are issue forms whose answers the App reads into a charter', async (policy) => {
    const root = await checkout();
    await init(['--dir', root, '--policy', policy]);
    for (const model of POLICY_FORMS[policy]) {
      const text = await readFile(join(root, ...model.file.split('/')), 'utf8');
      const form = parse(text) as IssueForm;
      expect(form).toMatchObject({ name: model.name, labels: ['group-request'] });
      expect(form.body[0]?.type).toBe('markdown');
      expect(form.body.slice(1).every((e) => (e.type === 'input' || e.type === 'textarea') && typeof e.id === 'string' && typeof e.attributes.label === 'string')).toBe(true);
      if (policy === 'sep-2149') {
        expect(text).not.toMatch(/moderator/i);
        expect(text).toMatch(/sponsor/i);
      } else {
        expect(text).toMatch(/moderators/);
      }
      const answers: Record<string, string> = {
        'group-id': model.type === 'working' ? 'tool-filtering' : 'client-implementors',
        'group-name': model.type === 'working' ? 'Tool Filtering Working Group' : 'Client Implementors Interest Group',
        facilitators: '@alice',
        leads: '@alice until 2027-01-31\n@bob 2026 H2',
        sponsors: '@core-one, @core-two',
        'use-cases': 'Clients choose among hundreds of tools.',
        'first-work': 'https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1300',
        differentiation: 'About clients.',
        'first-topic': 'Sampling.',
        discord: model.type === 'working' ? 'tool-filtering-wg' : 'client-implementors-ig',
      };
      const request = readGroupRequest({ body: submit(form, answers), openedAt: '2026-11-20T00:00:00Z', existing: [], groupsDir: 'groups', now: NOW });
      if (request.kind !== 'valid') throw new Error(JSON.stringify(request, null, 1));
      expect(request.form).toBe(model);
      if (policy === 'sep-2149' && model.type === 'working') {
        expect(request.charter.leads).toEqual([{ login: 'alice', term: 'until 2027-01-31' }, { login: 'bob', term: '2026 H2' }]);
        expect(request.charter.sponsors).toEqual(['core-one', 'core-two']);
      } else {
        expect(request.charter.facilitators).toEqual(['alice']);
        if (policy === 'sep-2149') expect(request.charter.sponsors).toEqual(['core-one', 'core-two']);
      }
    }
  });

  it('groups/: the directory section is current, the schema is the generated one, and the README has the markers', async () => {
    const root = await checkout();
    await init(['--dir', root, '--policy', 'sep-2149']);
    const readme = await readFile(join(root, 'groups', 'README.md'), 'utf8');
    expect(readme).toContain(`\n${DIRECTORY_START_MARKER}\n`);
    expect(readme).toContain(`\n${DIRECTORY_END_MARKER}\n`);
    expect(readme).toContain('--policy sep-2149');
    let out = '';
    const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t), cwd: root, now: () => NOW };
    expect(await directoryCommand(['groups', '--check', 'groups/README.md'], io)).toBe(0);
    expect(out).toContain('up to date');
    expect(await readFile(join(root, 'groups', 'charter.schema.json'), 'utf8')).toBe(`${JSON.stringify(charterJsonSchema(), null, 2)}\n`);
  });
});

describe('init: usage and failures', () => {
  it.each([
    [['--policy', 'sep-2150'], /--policy must be one of "sep-1302", "sep-2149"; found "sep-2150"/],
    [['somewhere'], /no positional arguments/],
    [['--dir', ''], /--dir ROOT must not be empty/],
  ])('%j is a usage error (exit 2, with the usage)', async (argv, message) => {
    const { code, stderr, stdout } = await init(argv as string[], await checkout());
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(message as RegExp);
    expect(stderr).toContain(INIT_USAGE);
  });

  it('an unknown option throws parseArgs\' error (runCli prints the usage)', async () => {
    await expect(init(['--force'])).rejects.toThrow(/--force/);
  });

  it('a ROOT that is not a folder: exit 2, nothing written', async () => {
    const root = await checkout();
    await writeFile(join(root, 'file'), '');
    for (const dir of ['missing', 'file']) {
      const { code, stderr } = await init(['--dir', dir], root);
      expect(code).toBe(2);
      expect(stderr).toMatch(new RegExp(`${dir} is not a folder`));
    }
    expect([...(await tree(root)).keys()]).toEqual(['file']);
  });

  it('a write that fails (a file where a folder must be): exit 2, naming it, after the files written before it', async () => {
    const root = await checkout();
    await writeFile(join(root, 'groups'), 'not a folder');
    const { code, stdout, stderr } = await init(['--dir', root]);
    expect(code).toBe(2);
    expect(stdout).toContain('wrote .github/group-steward.yml');
    expect(stderr).toMatch(/cannot write groups\/README\.md/);
  });

  it('INIT_USAGE lists every option', () => {
    for (const option of ['--policy', '--pages', '--dir', '--dry-run']) expect(INIT_USAGE).toContain(option);
  });
});
