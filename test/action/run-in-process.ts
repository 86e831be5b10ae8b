/**
 * The Action's step run in this process: `run()` from src/action/main.ts — what the committed
 * bundle's entry calls on load — with the step's surroundings the bundle gets in its child
 * process (`runBundle`, run-bundle.ts): the same `INPUT_*` and `GITHUB_*` variables and no
 * others than `PATH`, a fresh working directory, the payload file outside it, the step summary
 * and outputs read back from their files, the lines written to stdout and stderr, the exit code
 * `core.setFailed` sets. The process's caches start empty, as a new process's do (the
 * configuration and the group registry are the only ones kept between deliveries).
 *
 * The same code as the bundle, minus the bundling, at a fraction of the cost of a child process
 * (a node start and 3 MB of bundle compiled cold for every run): the tests of behaviour that is
 * not specific to the bundle run here, and each event kind has at least one test that runs the
 * committed bundle itself (test/action/app-events.test.ts, action.test.ts).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/action/main.js';
import { forgetGroupRegistry } from '../../src/github/group-registry.js';
import { forgetRepoConfig } from '../../src/github/repo-config.js';
import { inputVariables, parseOutputs, writeEvent } from './run-bundle.js';
import type { BundleEvent, BundleRun } from './run-bundle.js';

/**
 * The step summary's file. `@actions/core` reads `GITHUB_STEP_SUMMARY` once per process and keeps
 * that path: every run in this process writes the same file, emptied before each run and removed
 * after it.
 */
const SUMMARY_FILE = join(tmpdir(), `group-steward-step-summary-${process.pid}.md`);

/**
 * Runs the step once in this process, as `runBundle` runs the bundle: same arguments, same result.
 * Not concurrently with another run (the environment, the working directory and the standard
 * streams are the process's).
 */
export async function runInProcess(
  inputs: Record<string, string>,
  env: Record<string, string>,
  options: { inspect?: (cwd: string) => Promise<void>; event?: BundleEvent } = {},
): Promise<BundleRun> {
  const temp = await mkdtemp(join(tmpdir(), 'group-steward-action-'));
  const cwd = join(temp, 'workspace');
  await mkdir(cwd);
  const savedEnv = process.env;
  const savedCwd = process.cwd();
  const { write: stdoutWrite } = process.stdout;
  const { write: stderrWrite } = process.stderr;
  try {
    const eventEnv = await writeEvent(temp, options.event);
    const outputFile = join(cwd, 'github-output');
    await writeFile(SUMMARY_FILE, '');
    await writeFile(outputFile, '');
    forgetRepoConfig();
    forgetGroupRegistry();

    let stdout = '';
    let stderr = '';
    process.env = {
      PATH: savedEnv.PATH ?? '',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: cwd,
      GITHUB_STEP_SUMMARY: SUMMARY_FILE,
      GITHUB_OUTPUT: outputFile,
      ...eventEnv,
      ...env,
      ...inputVariables(inputs),
    };
    process.chdir(cwd);
    process.exitCode = undefined;
    process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
    try {
      await run();
    } finally {
      process.stdout.write = stdoutWrite;
      process.stderr.write = stderrWrite;
      process.chdir(savedCwd);
      process.env = savedEnv;
    }
    // `core.setFailed` sets the exit code of the process: here jest's, so it is read and cleared.
    const code = Number(process.exitCode ?? 0);
    process.exitCode = undefined;
    const result = { code, stdout, stderr, summary: await readFile(SUMMARY_FILE, 'utf8'), outputs: parseOutputs(await readFile(outputFile, 'utf8')) };
    await options.inspect?.(cwd);
    return result;
  } finally {
    await rm(temp, { recursive: true, force: true });
    await rm(SUMMARY_FILE, { force: true });
  }
}
