/**
 * The `group-steward` command line: `validate`, `import`, `schema`, `directory`, `activity`,
 * `labels` and `demo`. Argument parsing is Node's own `util.parseArgs`; this file only routes
 * commands and maps outcomes to exit codes
 * (0 fine, 1 problems found, 2 usage error).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { charterJsonSchema } from '../charters/schema.js';
import { POLICIES } from '../config/schema.js';
import type { Policy } from '../config/schema.js';
import { runActivityJob } from '../jobs/activity-job.js';
import { activityCommand, ActivityUsageError, DEFAULT_GOVERNANCE_REPO, formatText } from './activity-command.js';
import { previewNewGroupCheck, renderBundledDirectory, renderPagesDemo, renderSep2149Demo } from './demo.js';
import { directoryCommand, DIRECTORY_USAGE } from './directory-command.js';
import { importCommand, IMPORT_USAGE } from './import-command.js';
import { instantProblem, parseInstant } from './instant.js';
import { formatValidation } from './format.js';
import { CharterInputError, readCharterInput } from './charter-input.js';
import { labelsCommand, LABELS_USAGE } from './labels-command.js';
import type { OutputFormat } from './format.js';
import type { CliIo } from './io.js';

/** The package's own directory (holding `groups/`, the embedded default), from source or dist. */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

const USAGE = `Usage: group-steward <command> [options]

Commands:
  validate [dir]        Validate the charters in dir (default: groups/)
      --pages ROOT        … or the SEP-2149 charter pages of the checkout at ROOT
      --policy NAME       The policy YAML charters are judged under: sep-1302 (default; its
                          creation-template answers are required) or sep-2149 (they are not).
                          Pages are always judged by SEP-2149's charter template
      --format text|json  Output format (default: text)
      --now ISO           Judge dates as of this instant (default: now)
${IMPORT_USAGE}
  schema                Print the charter JSON Schema
      --check FILE        Exit 1 if FILE differs from the generated schema
${DIRECTORY_USAGE}
  activity              Judge each group's activity; plan (and open) retirement issues
      --repo owner/name   Live: read charters and activity from GitHub, write the plan
      --snapshot FILE     Offline: judge a recorded snapshot (with --groups DIR, default groups/)
      --groups DIR        Read the charters from DIR (live default: the governance repository)
      --pages ROOT        Read the SEP-2149 charter pages of the checkout at ROOT instead
      --now ISO           Judge as of this instant (default: the snapshot's date, or now)
      --dry-run           Print the plan, write nothing
      --format text|json  Output format (default: text)
      --save-snapshot F   Record the snapshot used
${LABELS_USAGE}
  demo                  The embedded default: validate the bundled MCP groups, preview the
                        check of a new group, judge the bundled activity snapshot, and print
                        the group directory
  help                  Show this help

Exit codes: 0 no errors, 1 errors found (import: a page left out for them), 2 usage error,
unreadable directory, or (import) a differing file to replace without --force.
`;

class UsageError extends Error {}

/**
 * Runs the CLI with `argv` (without node and script). Never throws: every failure becomes a
 * message on stderr and an exit code.
 *
 * @returns the exit code: 0 no errors (warnings allowed), 1 errors found, 2 usage error
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'validate':
        return await validateCommand(rest, io);
      case 'schema':
        return await schemaCommand(rest, io);
      case 'directory':
        return await directoryCommand(rest, io);
      case 'import':
        return await importCommand(rest, io);
      case 'demo':
        return await demoCommand(rest, io);
      case 'labels':
        return await labelsCommand(rest, io);
      case 'activity':
        return await activityCommand(rest, { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd, now: io.now, env: io.env ?? {} });
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return 0;
      case undefined:
        throw new UsageError('a command is required');
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ActivityUsageError || isParseArgsError(error)) {
      io.stderr(`group-steward: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    io.stderr(`group-steward: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, now: { type: 'string' }, pages: { type: 'string' }, policy: { type: 'string' } },
  });
  if (positionals.length > 1) throw new UsageError('validate takes one directory');
  if (positionals.length > 0 && values.pages !== undefined) throw new UsageError('give a directory of YAML charters or --pages ROOT, not both');
  const format = parseFormat(values.format);
  const now = parseNow(values.now, io);
  const policy = parsePolicy(values.policy);
  return validateCharterInput({ ...(positionals[0] !== undefined ? { dir: positionals[0] } : {}), ...(values.pages !== undefined ? { pages: values.pages } : {}) }, format, now, io, policy);
}

/**
 * Validates a folder of YAML charters or a checkout's charter pages and prints the findings; 0 clean, 1 errors, 2 unreadable.
 * `policy` judges YAML charters (default sep-1302; `ValidateOptions.policy`); pages are judged by SEP-2149's template whatever it is.
 */
async function validateCharterInput(where: { dir?: string; pages?: string }, format: OutputFormat, now: Date, io: CliIo, policy?: Policy): Promise<number> {
  let input;
  try {
    input = await readCharterInput(io.cwd, where, now, policy);
  } catch (error) {
    if (!(error instanceof CharterInputError)) throw error;
    io.stderr(`group-steward: ${error.message}\n`);
    return 2;
  }
  io.stdout(formatValidation(input.result, format, input.shown));
  return input.result.errors > 0 ? 1 : 0;
}

async function schemaCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { check: { type: 'string' } } });
  const generated = `${JSON.stringify(charterJsonSchema(), null, 2)}\n`;
  if (values.check === undefined) {
    io.stdout(generated);
    return 0;
  }
  let committed: string;
  try {
    committed = await readFile(resolve(io.cwd, values.check), 'utf8');
  } catch {
    io.stderr(`group-steward: cannot read ${values.check}\n`);
    return 2;
  }
  if (committed === generated) {
    io.stdout(`${values.check} is up to date\n`);
    return 0;
  }
  io.stderr(`${values.check} is out of date: run \`npm run schema\` and commit the result\n`);
  return 1;
}

async function demoCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { now: { type: 'string' } } });
  const now = parseNow(values.now, io);
  io.stdout(`Group Steward demo: validating the bundled charters of MCP's groups (groups/) as of ${now.toISOString()}\n\n`);
  const code = await validateCharterInput({ dir: 'groups' }, 'text', now, { ...io, cwd: PACKAGE_ROOT });
  io.stdout(`\n${await previewNewGroupCheck(PACKAGE_ROOT, now)}`);
  const activity = await runActivityJob({
    source: { kind: 'snapshot', snapshotFile: join(PACKAGE_ROOT, 'snapshots', 'mcp-activity.json'), charters: { dir: join(PACKAGE_ROOT, 'groups') }, governanceRepo: DEFAULT_GOVERNANCE_REPO },
    clock: () => now,
    dryRun: true,
  });
  io.stdout(`\nThe scheduled job on the bundled snapshot of real MCP activity (snapshots/mcp-activity.json), as of its date:\n\n${formatText(activity)}`);
  io.stdout(`\n${await renderBundledDirectory(PACKAGE_ROOT, now)}`);
  io.stdout(`\n${await renderSep2149Demo(PACKAGE_ROOT, now)}`);
  io.stdout(`\n${await renderPagesDemo(PACKAGE_ROOT, now)}`);
  return code;
}

function parseFormat(value: string | undefined): OutputFormat {
  if (value === 'text' || value === 'json') return value;
  throw new UsageError(`--format must be text or json, not "${value}"`);
}

function parsePolicy(value: string | undefined): Policy | undefined {
  if (value === undefined) return undefined;
  const known = POLICIES.find((p) => p === value);
  if (known === undefined) throw new UsageError(`--policy must be ${POLICIES.join(' or ')}, not "${value}"`);
  return known;
}

function parseNow(value: string | undefined, io: CliIo): Date {
  if (value === undefined) return io.now();
  const date = parseInstant(value);
  if (!date) throw new UsageError(instantProblem('--now', value));
  return date;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
