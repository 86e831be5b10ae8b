/**
 * `.github/workflows/group-activity.yml`: it parses, runs daily and on demand with a dry-run
 * input, authenticates as the App, and its command line is one the CLI accepts — run here, with
 * the same flags and the same environment variable names, against the fake GitHub.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { parse } from 'yaml';
import { runCli } from '../../src/cli/run.js';
import { forgetGroupRegistry } from '../../src/github/group-registry.js';
import { forgetRepoConfig } from '../../src/github/repo-config.js';
import { WORKING_GROUP } from '../charters/helpers.js';
import { FakeGovernance } from '../support/fake-governance.js';

const ROOT = new URL('../../', import.meta.url);
const WORKFLOW = readFileSync(new URL('.github/workflows/group-activity.yml', ROOT), 'utf8');
const GOV = 'example-org/governance';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: { schedule?: { cron: string }[]; workflow_dispatch?: { inputs?: Record<string, { type?: string; default?: unknown; description?: string }> } };
  jobs: Record<string, { steps: Step[] }>;
}

const workflow = parse(WORKFLOW) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const jobStep = steps.find((s) => s.run?.includes('dist/src/cli/main.js')) as Step;

/** The CLI arguments the step's script builds: `args=(…)`, plus `args+=(…)` when it is a dry run. */
function scriptArgs(run: string, repository: string): { always: string[]; dryRun: string[] } {
  const words = (list: string) => (list.match(/"[^"]*"|\S+/g) ?? []).map((w) => w.replace(/^"|"$/g, '').replace('$GOVERNANCE_REPO', repository));
  const base = /args=\(([^)]*)\)/.exec(run)?.[1];
  const extra = /args\+=\(([^)]*)\)/.exec(run)?.[1];
  if (base === undefined || extra === undefined) throw new Error('the step no longer builds its command in args=(…) / args+=(…)');
  return { always: words(base), dryRun: words(extra) };
}

describe('.github/workflows/group-activity.yml', () => {
  it('runs on a daily schedule and on demand, with a boolean dry_run input', () => {
    const crons = (workflow.on.schedule ?? []).map((s) => s.cron);
    expect(crons).toHaveLength(1);
    const [minute, hour, dayOfMonth, month, dayOfWeek] = (crons[0] as string).split(/\s+/);
    expect({ minute: /^\d+$/.test(minute ?? ''), hour: /^\d+$/.test(hour ?? ''), dayOfMonth, month, dayOfWeek }).toEqual({ minute: true, hour: true, dayOfMonth: '*', month: '*', dayOfWeek: '*' });
    expect(workflow.on.workflow_dispatch?.inputs?.dry_run).toMatchObject({ type: 'boolean' });
  });

  it('builds the CLI and runs the activity command as the App, dry only when asked', () => {
    expect(steps.some((s) => s.run === 'npm run build')).toBe(true);
    const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin['group-steward']).toBe('dist/src/cli/main.js');
    expect(existsSync(new URL('src/cli/main.ts', ROOT))).toBe(true);
    expect(Object.keys(jobStep.env ?? {})).toEqual(expect.arrayContaining(['APP_ID', 'PRIVATE_KEY']));
    expect(jobStep.env?.DRY_RUN).toBe("${{ github.event_name == 'workflow_dispatch' && inputs.dry_run }}");
    expect(jobStep.run).toMatch(/if \[ "\$DRY_RUN" = "true" \]; then args\+=\(--dry-run\); fi/);
    const { always, dryRun } = scriptArgs(jobStep.run as string, GOV);
    expect(always[0]).toBe('activity');
    expect(dryRun).toEqual(['--dry-run']);
  });
});

describe('the workflow command against GitHub', () => {
  let fake: FakeGovernance;
  let cwd: string;
  beforeEach(async () => {
    nock.cleanAll();
    forgetRepoConfig();
    forgetGroupRegistry();
    fake = new FakeGovernance({ governanceRepo: GOV }).install();
    fake.charters = { 'registry.yaml': WORKING_GROUP };
    // The repository the charter owns and its first work exist, so every source can be read.
    fake.add({ repo: 'modelcontextprotocol/registry', number: 1, createdAt: '2026-11-01T00:00:00Z' });
    fake.add({ repo: 'modelcontextprotocol/modelcontextprotocol', number: 2186, type: 'pull_request', createdAt: '2026-01-01T00:00:00Z' });
    cwd = await mkdtemp(join(tmpdir(), 'group-steward-workflow-'));
  });
  afterEach(async () => {
    try {
      fake.assertClean();
    } finally {
      fake.uninstall();
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it('is accepted by the CLI: with App credentials it gets an installation token, reads, and (dry run) writes nothing', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const env = Object.fromEntries(Object.keys(jobStep.env ?? {}).filter((k) => k !== 'DRY_RUN').map((k) => [k, k === 'PRIVATE_KEY' ? privateKey : '7']));
    const { always, dryRun } = scriptArgs(jobStep.run as string, GOV);
    let stdout = '';
    let stderr = '';
    const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), cwd, now: () => new Date('2026-11-22T12:00:00Z'), env };

    const code = await runCli([...always, ...dryRun], io);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(fake.kinds().slice(0, 2)).toEqual(['GET installation', 'POST access token']);
    expect(fake.writes()).toEqual([]);
    expect(stdout).toContain('dry run: nothing written');
    // The snapshot the workflow uploads as an artifact.
    const saved = always[always.indexOf('--save-snapshot') + 1] as string;
    expect(existsSync(join(cwd, saved))).toBe(true);
  }, 60_000);
});
