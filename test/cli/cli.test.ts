import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runCli, VALIDATE_USAGE } from '../../src/cli/run.js';
import { INTEREST_GROUP, WORKING_GROUP, withLine } from '../charters/helpers.js';

const NOW = () => new Date('2026-11-22T12:00:00Z');

async function run(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, now: NOW });
  return { code, stdout, stderr };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'group-steward-cli-'));
  await writeFile(join(dir, 'registry.yaml'), WORKING_GROUP);
  await writeFile(join(dir, 'security.yaml'), INTEREST_GROUP);
  await writeFile(join(dir, 'notes.md'), 'not a charter');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('group-steward validate', () => {
  it('exits 0 and prints a summary for valid charters, ignoring non-YAML files', async () => {
    const { code, stdout, stderr } = await run(['validate', '.'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe('0 errors, 0 warnings in 2 charter files\n');
  });

  it('exits 1 with file:line:col severity rule message lines when a charter has errors', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'group-steward-bad-'));
    await writeFile(join(bad, 'registry.yaml'), withLine(WORKING_GROUP, 8, '  - "@rdimitrov"'));
    const { code, stdout } = await run(['validate', bad], dir);
    expect(code).toBe(1);
    const [first, summary] = stdout.trimEnd().split('\n');
    expect(first).toBe(`${bad}/registry.yaml:8:5 error login-format "facilitators[0]" is not a GitHub login: letters, digits and single inner hyphens, at most 39 characters; found "@rdimitrov" (write logins without "@")`);
    expect(summary).toBe('1 error, 0 warnings in 1 charter file');
    await rm(bad, { recursive: true, force: true });
  });

  it('prints JSON with files relative to the directory given, and counts', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'group-steward-json-'));
    await writeFile(join(bad, 'registry.yaml'), withLine(WORKING_GROUP, 9, 'discord: registry'));
    const { code, stdout } = await run(['validate', bad, '--format', 'json'], dir);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      diagnostics: [
        {
          file: 'registry.yaml',
          line: 9,
          column: 10,
          severity: 'warning',
          rule: 'discord-suffix',
          message: expect.stringContaining('"registry" does not end in "-wg"'),
        },
      ],
      errors: 0,
      warnings: 1,
    });
    await rm(bad, { recursive: true, force: true });
  });

  it('judges dates as of --now', async () => {
    const early = await run(['validate', '.', '--now', '2025-01-01'], dir);
    expect(early.code).toBe(1);
    expect(early.stdout).toContain('registry.yaml:6:9 error date-future "formed" is 2025-07-24, after today (2025-01-01 UTC)');
  });

  it.each([
    [['validate', 'no-such-dir'], 'cannot read no-such-dir: no such directory'],
    [['validate', 'registry.yaml'], 'cannot read registry.yaml: not a directory'],
    [['validate', '.', '--format', 'xml'], '--format must be text or json, not "xml"'],
    [['validate', '.', '--now', 'yesterday'], '--now must be an ISO 8601 date'],
    [['validate', '.', '--colour'], 'group-steward validate: unknown option --colour\n'],
    [['validate', 'a', 'b'], 'validate takes one directory'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [[], 'a command is required'],
  ])('exits 2 on a usage error: %j', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv, dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });
});

describe('mistakes: one short line each, never a stack trace or a library\'s text', () => {
  it.each([
    [['validate', '--fromat', 'json'], 'group-steward validate: unknown option --fromat (did you mean --format?)'],
    [['validate', '--polcy', 'sep-2149'], 'group-steward validate: unknown option --polcy (did you mean --policy?)'],
    [['activity', '--snapshto', 'x.json'], 'group-steward activity: unknown option --snapshto (did you mean --snapshot?)'],
    [['activity', '--snapshot', 'x.json', '--dryrun'], 'group-steward activity: unknown option --dryrun (did you mean --dry-run?)'],
    [['directory', '--chek', 'README.md'], 'group-steward directory: unknown option --chek (did you mean --check?)'],
    [['schema', '--chekc', 'x.json'], 'group-steward schema: unknown option --chekc (did you mean --check?)'],
    [['demo', '--nwo', '2026-01-01'], 'group-steward demo: unknown option --nwo (did you mean --now?)'],
    [['validate', '--colour'], 'group-steward validate: unknown option --colour'],
    [['validate', '-x'], 'group-steward validate: unknown option -x'],
    [['validate', '--format'], 'group-steward validate: --format needs a value'],
    [['validate', '--format', '--now', '2026-01-01'], 'group-steward validate: --format needs a value (a value that starts with "-" is written --format=VALUE)'],
    [['activity', '--snapshot', 'x.json', '--dry-run=yes'], 'group-steward activity: --dry-run takes no value'],
    [['schema', 'extra'], 'group-steward schema: unexpected argument "extra"'],
    [['valdate', 'groups'], 'group-steward: unknown command "valdate" (did you mean validate?)'],
  ])('%j', async (argv, line) => {
    const { code, stdout, stderr } = await run(argv, dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(line);
    expect(stderr).not.toMatch(/ERR_PARSE_ARGS|TypeError|\n\s+at /);
  });

  it('follows the line with the usage of that command only', async () => {
    const { stderr } = await run(['validate', '--fromat', 'json'], dir);
    expect(stderr).toBe(`group-steward validate: unknown option --fromat (did you mean --format?)\n\nUsage:\n${VALIDATE_USAGE}\n`);
  });

  it('prints a command\'s usage for --help, exit 0', async () => {
    const { code, stdout, stderr } = await run(['validate', '--help'], dir);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe(`Usage: group-steward validate [options]\n\n${VALIDATE_USAGE}\n`);
    expect((await run(['help'], dir)).stdout).toContain('activity              Judge each group\'s activity');
    expect((await run(['help', 'validate'], dir)).stdout).toBe(stdout);
  });
});

describe('group-steward validate at a repository root', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'group-steward-root-'));
    await writeFile(join(root, 'action.yml'), 'name: Group Steward\nruns:\n  using: node24\n  main: dist/action/index.js\n');
    await writeFile(join(root, 'app.yml'), 'name: Group Steward\ndefault_events:\n  - pull_request\n');
    await mkdir(join(root, 'groups'));
    await writeFile(join(root, 'groups', 'registry.yaml'), WORKING_GROUP);
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it('says the folder holds no charters and names the folders that do, instead of advising to rename action.yml', async () => {
    const { code, stdout, stderr } = await run(['validate', '.'], root);
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: 'group-steward: . holds no charters; did you mean `validate groups`?\n' });
    await mkdir(join(root, 'docs', 'community', 'working-groups'), { recursive: true });
    expect((await run(['validate', '.'], root)).stderr).toBe('group-steward: . holds no charters; did you mean `validate groups` or `validate --pages .`?\n');
    expect((await run(['validate', root], tmpdir())).stderr).toBe(`group-steward: ${root} holds no charters; did you mean \`validate ${root}/groups\` or \`validate --pages ${root}\`?\n`);
    expect((await run(['directory', '.'], root)).stderr).toBe('group-steward directory: . holds no charters; did you mean `directory groups` or `directory --pages .`?\n');
  });

  it('still validates what is there, and asks to rename only a .yml file that is a charter', async () => {
    await writeFile(join(root, 'security.yml'), INTEREST_GROUP);
    const { code, stdout } = await run(['validate', '.'], root);
    expect(code).toBe(1);
    expect(stdout).toBe('./security.yml:1:1 error file-extension charters are named <id>.yaml; rename this file to security.yaml so it is read\n1 error, 0 warnings in 1 charter file\n');
    await rm(join(root, 'security.yml'));
    expect(await run(['validate', 'groups'], root)).toMatchObject({ code: 0, stdout: '0 errors, 0 warnings in 1 charter file\n' });
  });
});

describe('group-steward schema', () => {
  it('prints the charter JSON Schema (draft 2020-12, unknown keys forbidden)', async () => {
    const { code, stdout } = await run(['schema'], dir);
    expect(code).toBe(0);
    const schema = JSON.parse(stdout);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['id', 'name', 'type', 'status']);
  });

  it('--check exits 0 for an up-to-date file and 1 for a stale one', async () => {
    const { stdout: current } = await run(['schema'], dir);
    await writeFile(join(dir, 'fresh.json'), current);
    await writeFile(join(dir, 'stale.json'), current.replace('"kebab-case', '"old'));
    expect((await run(['schema', '--check', 'fresh.json'], dir)).code).toBe(0);
    const stale = await run(['schema', '--check', 'stale.json'], dir);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('stale.json is out of date: run `npm run schema`');
  });
});

describe('group-steward demo', () => {
  // The demo does the work of the whole App on MCP's real groups (validation, the check previews,
  // the scheduled job on the bundled snapshot, the directory, SEP-2149): one run, seconds on a
  // loaded machine, read by each test below. NOW is its one instant.
  let demo: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    demo = await run(['demo'], tmpdir());
  }, 60_000);

  it('reads as a report for a person: at most 120 columns, plain text, no Markdown escapes or invisible word joiners', () => {
    const { code, stdout, stderr } = demo;
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const long = stdout.split('\n').filter((line) => Array.from(line).length > 120);
    expect(long).toEqual([]);
    expect(stdout).not.toContain('\u2060');
    expect(stdout).not.toContain('\\*');
    // No backslash escape of any Markdown punctuation, no emphasis marks, no table pipes, no entities.
    expect(stdout).not.toMatch(/\\[-\\`*_{}[\]()<>#+!|~$.]/);
    expect(stdout).not.toContain('**');
    expect(stdout).not.toMatch(/^\|/m);
    expect(stdout).not.toMatch(/&(?:amp|lt|gt|quot);/);
  });

  it('judges every date at one instant: --now, else the clock read once; the activity sections at the snapshot\'s date', () => {
    const { stdout } = demo;
    expect(stdout).toMatch(/^Group Steward demo, as of 2026-11-22T12:00:00\.000Z: /);
    const todays = [...stdout.matchAll(/today \((\d{4}-\d{2}-\d{2}) UTC\)/g)].map((m) => m[1]);
    // The pages section, at the end, included.
    expect(todays.length).toBeGreaterThan(0);
    expect(new Set(todays)).toEqual(new Set(['2026-11-22']));
    expect(stdout.slice(stdout.indexOf("6. MCP's groups as MCP keeps them"))).toContain('before today (2026-11-22 UTC)');
    expect(stdout).toContain("judged as of the snapshot's date (2026-09-20)");
  });

  it('validates the bundled groups/ wherever it is run from, with no warning nobody can clear', () => {
    const { stdout } = demo;
    expect(stdout).toContain("1. The charters of MCP's groups bundled in groups/, validated — `group-steward validate groups`:");
    expect(stdout).toMatch(/\n0 errors, \d+ warnings in \d+ charter files\n/);
    expect(stdout).toContain('groups/registry.yaml:');
    expect(stdout).not.toContain('retired-date-missing');
  });

  it('previews the checks of a new group under SEP-1302 with sample moderators, said to be a sample', () => {
    const { stdout } = demo;
    const checks = stdout.slice(stdout.indexOf('2. The checks a pull request'), stdout.indexOf('3. The scheduled job'));
    expect(checks).toContain('a sample configuration: vote.moderators: moderator-a, moderator-b, moderator-c');
    // The first check shown is the charters', passing; the vote is open, not failing for want of moderators.
    expect(checks).toMatch(/\n── Group charters: success — Charters valid/);
    expect(checks).toMatch(/\nadded +`example-group` +working +`wg:example-group` +@your-github-login\n/);
    expect(checks).toContain('── Group creation vote: in_progress — Voting until');
    expect(checks).toMatch(/\nnot voted +@moderator-a, @moderator-b, @moderator-c\n/);
    expect(checks).not.toContain('failure');
    expect(checks).not.toContain('No moderators configured');
  });

  it('judges the bundled snapshot, each reason said once', () => {
    const { stdout } = demo;
    const job = stdout.slice(stdout.indexOf('3. The scheduled job'), stdout.indexOf('4. The group directory'));
    expect(job).toMatch(/Group activity as of 2026-09-20T00:00:00\.000Z/);
    expect(job).toMatch(/\nregistry +working +active +2026-08-26\n {4}last human activity on 2026-08-26/);
    expect(job).toMatch(/\nagent-comms +working +retired +—\n/);
    expect(job).toMatch(/Plan \(\d+ writes; dry run: nothing written\):/);
    // An unread source is named once: in the list of what cannot be judged, not again in the table's reason.
    expect(job).toContain('(what was not read is listed below)');
    const source = 'label "wg:agents": the recording has no search of this label';
    expect(job.split(source).length - 1).toBe(1);
    expect(job).toContain(`    - ${source}`);
  });

  it("prints the directory of MCP's real groups as text after the job", () => {
    const { stdout } = demo;
    const at = stdout.indexOf("4. The group directory of MCP's groups (");
    expect(at).toBeGreaterThan(stdout.indexOf('Group activity as of'));
    const directory = stdout.slice(at, stdout.indexOf('5. Under `policy: sep-2149`', at));
    expect(directory).toMatch(/\nRegistry Working Group\n {4}label: `wg:registry`; facilitators: @rdimitrov; discord: `#registry-dev`; repositories:/);
    expect(directory).toMatch(/\nRetired groups \(\d+\)\n/);
    expect(directory).toMatch(/\nagent-comms \(Community WG\)\n {4}type: WG; label: `wg:agent-comms`; retired on: unknown; reason: A Community/);
    expect(directory).not.toContain('charters with errors left out');
  });

  it('shows the same groups under SEP-2149: the sample sponsorship after one core maintainer, and the duty columns', () => {
    const { stdout } = demo;
    const sep2149 = stdout.slice(stdout.indexOf('5. Under `policy: sep-2149`'), stdout.indexOf("6. MCP's groups as MCP keeps them"));
    expect(sep2149).toContain('a sample configuration: vote.core_maintainers: core-maintainer-a');
    expect(sep2149).toContain("── Group sponsorship: in_progress — Waiting for one more core maintainer's approval, or a lead maintainer's");
    expect(sep2149).toMatch(/\ncore maintainers +@core-maintainer-a +— +@core-maintainer-b, @core-maintainer-c\n/);
    expect(sep2149).not.toContain('Group creation vote');
    expect(sep2149).toMatch(/\n {2}wg:registry +quarterly update: unknown: the charter names no Discussions category/);
    expect(sep2149).toMatch(/\n {2}ig:security +quarterly update: —\n/);
    expect(sep2149).toMatch(/inactivity\s+window 90 days under SEP-2149/);
  });

  it("reads MCP's real charter pages as MCP keeps them: their drift, what they give, and the job on the sources they name", () => {
    const { stdout } = demo;
    const pages = stdout.slice(stdout.indexOf("6. MCP's groups as MCP keeps them"));
    expect(pages.length).toBeLessThan(stdout.length);
    // The drift the pages hold: a page missing from the navigation, a section written twice, ended terms.
    expect(pages).toContain('examples/mcp-pages/docs/community/working-groups/apps.mdx:1:1 error page-not-in-nav');
    expect(pages).toContain('server-card.mdx:84:1 error page-section-duplicate');
    expect(pages).toContain('warning lead-term-expired the term of @dsp-ant\n    ended on 2026-08-14');
    expect(pages).toContain('enterprise-managed-authorization.mdx:7:1 warning\n    page-retirement-unmarked');
    // The Auth IG's changelog folds in the Enterprise-Managed Authorization IG, whose page is still active (issue 24).
    expect(pages).toContain('auth.mdx:113:1 warning page-lineage-disagrees');
    // Cliff Hall's level on the Primitive Grouping IG's page is "Maintainer": not tracked (issue 24).
    expect(pages).toContain('primitive-grouping.mdx:78:1 warning page-member-untracked "Cliff Hall"');
    expect(pages).toMatch(/\n3 errors, 14 warnings in 16 charter files\n/);
    // Members by month on the bundled snapshot, or why it cannot tell (issue 24).
    expect(pages).toContain('      pree-dew      2026-06 ✓ · 2026-07 ✓ · 2026-08 ? · 2026-09 (to date) ?  → participating');
    expect(pages).toContain('      why it cannot tell — not read over every month:');
    // What the pages give: terms, sponsors and the sources the job reads.
    expect(pages).toContain('leads: dsp-ant (6 months (ends Aug 14, 2026)), SamMorrowDrums (6 months (ends Aug 14, 2026)); Discord:\n');
    expect(pages).toContain('leads: localden (Initial); sponsors: localden, nickcoai; Discord: #file-uploads-wg');
    expect(pages).toContain('discussions "meeting-notes-security-ig" in\n');
    // The job with the pages' charters: the pages with errors are left out and said so; Skills Over
    // MCP lists untracked work items, so it is not proposed for retirement on its one merged SEP.
    expect(pages).toContain('charter left out (errors: page-not-in-nav): docs/community/working-groups/apps.mdx');
    expect(pages).toContain('charter left out (errors: page-section-duplicate): docs/community/working-groups/server-card.mdx');
    expect(pages).toMatch(/\nskills-over-mcp +working +active /);
    expect(pages).not.toContain('Retire the Skills Over MCP');
    expect(pages).toMatch(/\n {2}wg:registry +lead terms: rdimitrov: Initial\n/);
  });
});
