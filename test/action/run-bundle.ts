/**
 * Running the committed Action bundle (dist/action/index.js) as GitHub Actions does: a child
 * process `node dist/action/index.js` whose inputs are `INPUT_<NAME>` variables (the name upper
 * cased, spaces as `_`, hyphens kept), whose event is `GITHUB_EVENT_NAME` with its payload in the
 * file `GITHUB_EVENT_PATH` names, and whose step summary and outputs are files named by
 * `GITHUB_STEP_SUMMARY` and `GITHUB_OUTPUT`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The committed bundle action.yml runs. */
export const BUNDLE = fileURLToPath(new URL('../../dist/action/index.js', import.meta.url));
/** The preload that shortens the requests' spacing in the child (a file URL, as `--import` takes it). */
const SPACING_PRELOAD = new URL('./spacing-preload.mjs', import.meta.url).href;
/**
 * Node's on-disk compile cache for the child (`NODE_COMPILE_CACHE`): the 3 MB bundle is compiled
 * once, not in every run. Node checks each entry against the file's content and its own version.
 */
const COMPILE_CACHE = fileURLToPath(new URL('../../node_modules/.cache/group-steward-tests/node-compile-cache', import.meta.url));

/**
 * Writes the event's payload to `dir/event.json` (outside the workspace, as the runner does; a
 * string as it is) and returns the variables that name it: `GITHUB_EVENT_NAME`,
 * `GITHUB_EVENT_PATH`, `GITHUB_RUN_ID` (default 1001), `GITHUB_RUN_ATTEMPT` (default 1). No
 * event: no file, no variables.
 */
export async function writeEvent(dir: string, event: BundleEvent | undefined): Promise<Record<string, string>> {
  if (!event) return {};
  const eventFile = join(dir, 'event.json');
  await writeFile(eventFile, typeof event.payload === 'string' ? event.payload : JSON.stringify(event.payload));
  return { GITHUB_EVENT_NAME: event.name, GITHUB_EVENT_PATH: eventFile, GITHUB_RUN_ID: event.runId ?? '1001', GITHUB_RUN_ATTEMPT: event.runAttempt ?? '1' };
}

/** The runner's `INPUT_<NAME>` variables for the step's inputs (name upper-cased, spaces as `_`). */
export function inputVariables(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]));
}

/** Throws, naming the command that builds it, when the bundle is missing. */
export function requireBundle(): void {
  if (!existsSync(BUNDLE)) throw new Error('dist/action/index.js is missing: run `npm run build:action` (and commit dist/action/)');
}

export interface BundleRun {
  /** The process's exit code (1 after `core.setFailed`). */
  code: number;
  stdout: string;
  stderr: string;
  /** What the step wrote to `$GITHUB_STEP_SUMMARY`. */
  summary: string;
  /** The step's outputs, parsed from `$GITHUB_OUTPUT`. */
  outputs: Record<string, string>;
}

/** The event a run is started by, as the runner gives it. */
export interface BundleEvent {
  /** `GITHUB_EVENT_NAME`: `issues`, `pull_request_target`, `schedule`… */
  name: string;
  /** Written as JSON to the file `GITHUB_EVENT_PATH` names; a string is written as it is. */
  payload: unknown;
  /** `GITHUB_RUN_ID` (default 1001) and `GITHUB_RUN_ATTEMPT` (default 1). */
  runId?: string;
  runAttempt?: string;
}

/**
 * Runs the bundle once with `inputs` (input name → value, e.g. `{ 'dry-run': 'true' }`) and
 * `env` (GITHUB_API_URL and the like), in a fresh working directory (also `GITHUB_WORKSPACE`).
 * With `event`, its payload is written to a file outside that directory, as the runner does
 * (`GITHUB_EVENT_PATH`), and `GITHUB_EVENT_NAME`, `GITHUB_RUN_ID` and `GITHUB_RUN_ATTEMPT` are set.
 * The child sees no other environment variable than `PATH` — in particular not jest's
 * `NODE_OPTIONS`. It runs with one preload, `spacing-preload.mjs`, that sets the requests' spacing
 * unit to 1 ms (`SPACING_OVERRIDE`), as `test/setup.ts` does in-process: the same order and gaps
 * as against GitHub, without waiting seconds for them. Asynchronous, so a fake GitHub served by this process keeps answering.
 *
 * @param inspect called with the working directory before it is removed (to read saved files)
 * @throws when the process cannot be started or runs over `timeoutMs`
 */
export async function runBundle(
  inputs: Record<string, string>,
  env: Record<string, string>,
  options: { timeoutMs?: number; inspect?: (cwd: string) => Promise<void>; event?: BundleEvent } = {},
): Promise<BundleRun> {
  requireBundle();
  const temp = await mkdtemp(join(tmpdir(), 'group-steward-action-'));
  const cwd = join(temp, 'workspace');
  await mkdir(cwd);
  try {
    const eventEnv = await writeEvent(temp, options.event);
    const summaryFile = join(cwd, 'step-summary.md');
    const outputFile = join(cwd, 'github-output');
    await writeFile(summaryFile, '');
    await writeFile(outputFile, '');
    const childEnv: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NODE_COMPILE_CACHE: COMPILE_CACHE,
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: cwd,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      ...eventEnv,
      ...env,
      ...inputVariables(inputs),
    };
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
      execFile(process.execPath, ['--import', SPACING_PRELOAD, BUNDLE], { cwd, env: childEnv, timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, out, err) => {
        if (error && typeof error.code !== 'number') reject(Object.assign(error, { stdout: out, stderr: err }));
        else resolve({ code: error ? Number(error.code) : 0, stdout: out, stderr: err });
      });
    });
    const run = { code, stdout, stderr, summary: await readFile(summaryFile, 'utf8'), outputs: parseOutputs(await readFile(outputFile, 'utf8')) };
    await options.inspect?.(cwd);
    return run;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** `name<<DELIMITER\nvalue\nDELIMITER\n` entries, as `core.setOutput` writes them (and `name=value` lines). */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const value: string[] = [];
      for (i += 1; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] as string);
      outputs[name] = value.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}
