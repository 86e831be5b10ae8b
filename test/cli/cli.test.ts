import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runCli } from '../../src/cli/run.js';
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
    [['validate', '.', '--colour'], "Unknown option '--colour'"],
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
  // loaded machine, read by each test below.
  let demo: { code: number; stdout: string };
  beforeAll(async () => {
    demo = await run(['demo'], tmpdir());
  }, 60_000);

  it('validates the bundled groups/ wherever it is run from', () => {
    const { code, stdout } = demo;
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Group Steward demo: validating the bundled charters/);
    expect(stdout).toMatch(/\n0 errors, \d+ warnings in \d+ charter files\n/);
    expect(stdout).toContain('groups/registry.yaml:');
    // The check a new group's pull request would get, from examples/new-group.yaml.
    expect(stdout).toContain('── Group charters: success');
    expect(stdout).toContain('| added | `example-group` | working | `wg:example-group` | @your-github-login |');
    expect(stdout).toContain('── Group creation vote: failure — No moderators configured');
    // The scheduled job on the bundled snapshot, as of the snapshot's date.
    expect(stdout).toMatch(/Group activity as of 2026-09-20T00:00:00\.000Z/);
    expect(stdout).toMatch(/\nregistry +working +active /);
    expect(stdout).toMatch(/Plan \(\d+ writes; dry run: nothing written\):/);
    // The same groups under SEP-2149: the sample's sponsorship after one core maintainer, and the duty columns.
    const sep2149 = stdout.slice(stdout.indexOf('Under `policy: sep-2149`'));
    expect(sep2149).toContain("── Group sponsorship: in_progress — Waiting for one more core maintainer's approval, or a lead maintainer's");
    expect(sep2149).toContain('| core maintainers | @core-maintainer-a | — | @core-maintainer-b, @core-maintainer-c |');
    expect(sep2149).not.toContain('Group creation vote');
    expect(sep2149).toMatch(/\n {2}wg:registry +quarterly update: unknown: the charter names no Discussions category/);
    expect(sep2149).toMatch(/\n {2}ig:security +quarterly update: —\n/);
    expect(sep2149).toContain('inactivity window 90 days under SEP-2149');
  });

  it("prints the directory of MCP's real groups after the existing sections", () => {
    const { code, stdout } = demo;
    expect(code).toBe(0);
    const at = stdout.indexOf("The group directory of MCP's groups (");
    expect(at).toBeGreaterThan(stdout.indexOf('Group activity as of'));
    const directory = stdout.slice(at, stdout.indexOf('Under `policy: sep-2149`', at));
    expect(directory).toContain('| [Registry Working Group](registry.yaml) | `wg:registry` |');
    expect(directory).toMatch(/## Retired groups \(\d+\)/);
    expect(directory).not.toContain('charters with errors left out');
  });

  it("reads MCP's real charter pages as MCP keeps them: their drift, what they give, and the job on the sources they name", () => {
    const { stdout } = demo;
    const pages = stdout.slice(stdout.indexOf("MCP's groups as MCP keeps them"));
    expect(pages.length).toBeLessThan(stdout.length);
    // The drift the pages hold: a page missing from the navigation, a section written twice, ended terms.
    expect(pages).toContain('examples/mcp-pages/docs/community/working-groups/apps.mdx:1:1 error page-not-in-nav');
    expect(pages).toContain('server-card.mdx:84:1 error page-section-duplicate');
    expect(pages).toContain('warning lead-term-expired the term of @dsp-ant ended on 2026-08-14');
    expect(pages).toContain('enterprise-managed-authorization.mdx:7:1 warning page-retirement-unmarked');
    expect(pages).toMatch(/\n3 errors, 11 warnings in 16 charter files\n/);
    // What the pages give: terms, sponsors and the sources the job reads.
    expect(pages).toContain('leads: dsp-ant (6 months (ends Aug 14, 2026)), SamMorrowDrums (6 months (ends Aug 14, 2026)); Discord: #server-card-wg');
    expect(pages).toContain('leads: localden (Initial); sponsors: localden, nickcoai; Discord: #file-uploads-wg');
    expect(pages).toContain('discussions "meeting-notes-security-ig" in modelcontextprotocol/modelcontextprotocol');
    // The job with the pages' charters: the pages with errors are left out and said so; Skills Over
    // MCP lists untracked work items, so it is not proposed for retirement on its one merged SEP.
    expect(pages).toContain('charters with errors left out: docs/community/working-groups/apps.mdx, docs/community/working-groups/server-card.mdx');
    expect(pages).toMatch(/\nskills-over-mcp +working +active /);
    expect(pages).not.toContain('Retire the Skills Over MCP');
    expect(pages).toMatch(/\n {2}wg:registry +lead terms: rdimitrov: Initial\n/);
  });
});
