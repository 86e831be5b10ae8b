/** `group-steward directory`: print, --write and --check of the group directory, on local folders. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { runCli } from '../../src/cli/run.js';
import { DIRECTORY_END_MARKER, DIRECTORY_START_MARKER } from '../../src/directory/section.js';
import type { GroupDirectory } from '../../src/directory/directory.js';
import { INTEREST_GROUP, WORKING_GROUP, withLine } from '../charters/helpers.js';

const NOW = () => new Date('2026-11-22T12:00:00Z');
const README = `# groups/\n\nHand-written intro.\n\n${DIRECTORY_START_MARKER}\n${DIRECTORY_END_MARKER}\n\nHand-written outro.\n`;

async function run(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, now: NOW });
  return { code, stdout, stderr };
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'group-steward-directory-'));
  await mkdir(join(root, 'groups'));
  await writeFile(join(root, 'groups', 'registry.yaml'), WORKING_GROUP);
  await writeFile(join(root, 'groups', 'security.yaml'), INTEREST_GROUP);
  await writeFile(join(root, 'groups', 'README.md'), README);
});
afterEach(async () => rm(root, { recursive: true, force: true }));

describe('group-steward directory', () => {
  it('prints the Markdown section of groups/ by default, links relative to the folder', async () => {
    const { code, stdout, stderr } = await run(['directory'], root);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('## Active working groups (1)');
    expect(stdout).toContain('| [Registry Working Group](registry.yaml) | `wg:registry` |');
    expect(stdout).toContain('| [Security Interest Group](security.yaml) | `ig:security` |');
    expect(stdout).not.toContain(DIRECTORY_START_MARKER);
    // Byte-identical from run to run.
    expect((await run(['directory', 'groups'], root)).stdout).toBe(stdout);
  });

  it('--format json gives the same data as a static API', async () => {
    const { code, stdout } = await run(['directory', 'groups', '--format', 'json'], root);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as GroupDirectory;
    expect(json.working_groups.map((e) => [e.id, e.label, e.charter, e.facilitators])).toEqual([['registry', 'wg:registry', 'registry.yaml', ['rdimitrov']]]);
    expect(json.interest_groups.map((e) => e.label)).toEqual(['ig:security']);
    expect(json.retired).toEqual([]);
  });

  it('--check exits 1 on drift, naming the command; --write fixes it in place; --check then exits 0', async () => {
    const stale = await run(['directory', 'groups', '--check', 'groups/README.md'], root);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('groups/README.md: the group directory is out of date');
    expect(stale.stderr).toContain('run `group-steward directory groups --write groups/README.md`');

    const written = await run(['directory', 'groups', '--write', 'groups/README.md'], root);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain('group directory written (1 working groups, 1 interest groups, 0 retired)');
    const text = await readFile(join(root, 'groups', 'README.md'), 'utf8');
    expect(text.startsWith(`# groups/\n\nHand-written intro.\n\n${DIRECTORY_START_MARKER}\n_Generated`)).toBe(true);
    expect(text.endsWith(`${DIRECTORY_END_MARKER}\n\nHand-written outro.\n`)).toBe(true);
    expect(text).toContain('[Registry Working Group](registry.yaml)');

    const fresh = await run(['directory', 'groups', '--check', 'groups/README.md'], root);
    expect(fresh).toMatchObject({ code: 0, stdout: 'groups/README.md is up to date\n', stderr: '' });
    expect((await run(['directory', 'groups', '--write', 'groups/README.md'], root)).stdout).toBe('groups/README.md is already up to date\n');

    // A changed charter makes it stale again.
    await writeFile(join(root, 'groups', 'registry.yaml'), withLine(WORKING_GROUP, 3, 'name: MCP Registry WG'));
    expect((await run(['directory', 'groups', '--check', 'groups/README.md'], root)).code).toBe(1);
  });

  it('links charters relative to the file written', async () => {
    await writeFile(join(root, 'GROUPS.md'), README);
    expect((await run(['directory', 'groups', '--write', 'GROUPS.md'], root)).code).toBe(0);
    expect(await readFile(join(root, 'GROUPS.md'), 'utf8')).toContain('[Registry Working Group](groups/registry.yaml)');
    expect((await run(['directory', 'groups', '--check', 'GROUPS.md'], root)).code).toBe(0);
  });

  it('writes and checks a whole JSON file with --format json', async () => {
    expect((await run(['directory', 'groups', '--check', 'groups.json', '--format', 'json'], root)).code).toBe(2);
    expect((await run(['directory', 'groups', '--write', 'groups.json', '--format', 'json'], root)).code).toBe(0);
    const json = JSON.parse(await readFile(join(root, 'groups.json'), 'utf8')) as GroupDirectory;
    expect(json.working_groups[0]?.charter).toBe('groups/registry.yaml');
    expect((await run(['directory', 'groups', '--check', 'groups.json', '--format', 'json'], root)).code).toBe(0);
    await writeFile(join(root, 'groups.json'), '{}\n');
    const stale = await run(['directory', 'groups', '--check', 'groups.json', '--format', 'json'], root);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('`group-steward directory groups --write groups.json --format json`');
  });

  it('--check and --write exit 1 when the markers are missing or broken, writing nothing', async () => {
    await writeFile(join(root, 'groups', 'README.md'), '# groups/\n');
    const missing = await run(['directory', 'groups', '--check', 'groups/README.md'], root);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`groups/README.md: the directory markers are missing: add ${DIRECTORY_START_MARKER} and ${DIRECTORY_END_MARKER}`);
    expect((await run(['directory', 'groups', '--write', 'groups/README.md'], root)).code).toBe(1);
    expect(await readFile(join(root, 'groups', 'README.md'), 'utf8')).toBe('# groups/\n');

    await writeFile(join(root, 'groups', 'README.md'), `${DIRECTORY_START_MARKER}\n${DIRECTORY_START_MARKER}\n${DIRECTORY_END_MARKER}\n`);
    const twice = await run(['directory', 'groups', '--write', 'groups/README.md'], root);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('groups/README.md:2: the start marker');
  });

  it('refuses charters with errors, reporting them as validate does, and writes nothing', async () => {
    await writeFile(join(root, 'groups', 'registry.yaml'), withLine(WORKING_GROUP, 8, '  - "@rdimitrov"'));
    const { code, stdout, stderr } = await run(['directory', 'groups', '--write', 'groups/README.md'], root);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('the charters in groups have errors');
    expect(stderr).toContain('groups/registry.yaml:8:5 error login-format');
    expect(await readFile(join(root, 'groups', 'README.md'), 'utf8')).toBe(README);
  });

  it.each([
    [['directory', 'no-such-dir'], 'cannot read no-such-dir: no such directory'],
    [['directory', 'groups', '--check', 'nope.md'], 'group-steward directory: cannot read --check nope.md: no such file\n'],
    [['directory', 'groups', '--format', 'html'], '--format must be markdown or json, not "html"'],
    [['directory', 'groups', '--check', 'a', '--write', 'b'], 'give --check or --write, not both'],
    [['directory', 'a', 'b'], 'directory takes one folder'],
    [['directory', '--colour'], "group-steward directory: unknown option --colour\n"],
  ])('exits 2 on a usage error or an unreadable path: %j', async (argv, message) => {
    const { code, stderr } = await run(argv, root);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('is in the help', async () => {
    const { stdout } = await run(['help'], root);
    expect(stdout).toContain('directory [dir]');
    expect(stdout).toContain('--check FILE        Exit 1 if FILE\'s directory differs from the charters');
  });
});

// The directory in `group-steward demo`'s output is tested with the demo's other sections, on the
// same run of the demo: test/cli/cli.test.ts.
