/**
 * The `group-steward` command line: `init`, `validate`, `import`, `schema`, `directory`, `activity`,
 * `labels`, `redeliver` and `demo` (docs/cli.md). Argument parsing is Node's own `util.parseArgs`,
 * its mistakes reworded (`parseCommandArgs`); this file routes commands (`COMMANDS`: one entry each) and maps
 * outcomes to exit codes (0 fine, 1 problems found, 2 usage error or nothing to read).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { charterJsonSchema } from '../charters/schema.js';
import { POLICIES } from '../config/schema.js';
import type { Policy } from '../config/schema.js';
import { networkFailureMessage } from '../github/network-errors.js';
import { runActivityJob } from '../jobs/activity-job.js';
import { ACTIVITY_USAGE, activityCommand, DEFAULT_GOVERNANCE_REPO, formatText } from './activity-command.js';
import { describeSampleConfig, previewNewGroupCheck, renderBundledDirectory, renderPagesDemo, renderSep2149Demo, SEP_1302_DEMO_CONFIG } from './demo.js';
import { directoryCommand, DIRECTORY_USAGE } from './directory-command.js';
import { importCommand, IMPORT_USAGE } from './import-command.js';
import { initCommand, INIT_USAGE } from './init-command.js';
import { instantProblem, parseInstant } from './instant.js';
import { cannotReadFile, closestName, CommandUsageError, formatValidation, HelpRequest, parseCommandArgs, TERMINAL_WIDTH, wrapText } from './format.js';
import { CharterInputError, readCharterInput } from './charter-input.js';
import { labelsCommand, LABELS_USAGE } from './labels-command.js';
import { redeliverCommand, REDELIVER_USAGE } from './redeliver-command.js';
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

/** The usage lines of `validate`, for the CLI's help. */
export const VALIDATE_USAGE = `  validate [dir]        Validate the charters in dir (default: groups/)
      --pages ROOT        … or the SEP-2149 charter pages of the checkout at ROOT
      --policy NAME       The policy YAML charters are judged under: sep-1302 (default; its
                          creation-template answers are required) or sep-2149 (they are not).
                          Pages are always judged by SEP-2149's charter template
      --format text|json  Output format (default: text)
      --now ISO           Judge dates as of this instant (default: now)`;

const SCHEMA_USAGE = `  schema                Print the charter JSON Schema
      --check FILE        Exit 1 if FILE differs from the generated schema`;

const DEMO_USAGE = `  demo                  The embedded default, offline: validate the bundled MCP groups, preview the
                        checks of a new group (with a sample configuration), judge the bundled
                        activity snapshot, print the group directory, the same under SEP-2149, and
                        MCP's charter pages
      --now ISO           The one instant the whole demo judges dates at (default: now; the activity
                          sections judge the snapshot as of its own date)`;

const HELP_USAGE = `  help [command]        Show this help, or one command's (also: group-steward <command> --help)`;

/** A command: what runs it, and its usage lines (its part of the help, and what a usage error shows). */
interface Command {
  run: (args: readonly string[], io: CliIo) => Promise<number>;
  usage: string;
}

/**
 * Every command, in the order the help lists them. A new command is one entry here (its function
 * takes the arguments after the command word and returns the exit code).
 */
const COMMANDS: Readonly<Record<string, Command>> = {
  init: { run: initCommand, usage: INIT_USAGE },
  validate: { run: validateCommand, usage: VALIDATE_USAGE },
  import: { run: importCommand, usage: IMPORT_USAGE },
  schema: { run: schemaCommand, usage: SCHEMA_USAGE },
  directory: { run: directoryCommand, usage: DIRECTORY_USAGE },
  activity: {
    run: (args, io) => activityCommand(args, { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd, now: io.now, env: io.env ?? {} }),
    usage: ACTIVITY_USAGE,
  },
  labels: { run: labelsCommand, usage: LABELS_USAGE },
  redeliver: { run: redeliverCommand, usage: REDELIVER_USAGE },
  demo: { run: demoCommand, usage: DEMO_USAGE },
};

const USAGE = `Usage: group-steward <command> [options]

Commands:
${Object.values(COMMANDS)
  .map((c) => c.usage)
  .join('\n')}
${HELP_USAGE}

Exit codes: 0 no errors, 1 errors found (import: a page left out for them), 2 usage error,
unreadable file or directory, GitHub unreachable, or (import) a differing file to replace
without --force. docs/cli.md has every command, option and exit code, with examples.
`;

/**
 * Runs the CLI with `argv` (without node and script). Never throws: every failure becomes a
 * message on stderr and an exit code — one line for a mistake (`group-steward validate: unknown
 * option --fromat (did you mean --format?)`, then that command's usage), never a stack trace.
 *
 * @returns the exit code: 0 no errors (warnings allowed), 1 errors found, 2 usage error
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) throw new CommandUsageError('', 'a command is required');
    if (name === 'help' || name === '--help' || name === '-h') {
      // `help <command>`: that command's usage.
      const about = rest[0] !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, rest[0]) ? rest[0] : undefined;
      io.stdout(about === undefined ? USAGE : commandHelp(about));
      return 0;
    }
    const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (command === undefined) {
      const guess = closestName(name, Object.keys(COMMANDS));
      throw new CommandUsageError('', `unknown command "${name}"${guess === undefined ? '' : ` (did you mean ${guess}?)`}`);
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof HelpRequest) {
      io.stdout(commandHelp(error.command));
      return 0;
    }
    if (error instanceof CommandUsageError) {
      const usage = error.command === '' ? USAGE : `Usage:\n${usageOf(error.command)}\n`;
      io.stderr(`group-steward${error.command === '' ? '' : ` ${error.command}`}: ${error.message}\n\n${usage}`);
      return 2;
    }
    const command = name !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, name) ? ` ${name}` : '';
    if (isParseArgsError(error) && name !== undefined && /^Unknown option '(?:--help|-h)'/.test((error as Error).message)) {
      io.stdout(commandHelp(name));
      return 0;
    }
    if (isParseArgsError(error)) {
      // A command that parses its options with Node's parseArgs directly: its first sentence.
      io.stderr(`group-steward${command}: ${parseArgsProblem(error as Error)}\n\nUsage:\n${usageOf(name ?? '')}\n`);
      return 2;
    }
    io.stderr(`group-steward${command}: ${networkFailureMessage(error) ?? (error instanceof Error ? firstLine(error.message) : String(error))}\n`);
    return 2;
  }
}

/** One command's help: `Usage: group-steward <command> [options]`, then its usage lines. */
function commandHelp(command: string): string {
  return `Usage: group-steward ${command} [options]\n\n${usageOf(command)}\n`;
}

function usageOf(command: string): string {
  return (Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command]?.usage : undefined) ?? USAGE;
}

/**
 * Node's parseArgs message cut to its first sentence (`Unknown option '--x'`), for a command that
 * parses its options with parseArgs directly instead of `parseCommandArgs` (which words them itself).
 */
function parseArgsProblem(error: Error): string {
  return error.message.split(/\.\s|\n/)[0] ?? error.message;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', args, {
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, now: { type: 'string' }, pages: { type: 'string' }, policy: { type: 'string' } },
  });
  const usage = (message: string) => new CommandUsageError('validate', message);
  if (positionals.length > 1) throw usage('validate takes one directory');
  if (positionals.length > 0 && values.pages !== undefined) throw usage('give a directory of YAML charters or --pages ROOT, not both');
  const format = parseFormat('validate', values.format);
  const now = parseNow('validate', values.now, io);
  const policy = parsePolicy(values.policy);
  return validateCharterInput({ ...(positionals[0] !== undefined ? { dir: positionals[0] } : {}), ...(values.pages !== undefined ? { pages: values.pages } : {}) }, format, now, io, policy);
}

/**
 * Validates a folder of YAML charters or a checkout's charter pages and prints the findings; 0 clean, 1 errors, 2 unreadable
 * (or a folder that holds no charters but has a charters folder inside: `validate .` at a repository's root).
 * `policy` judges YAML charters (default sep-1302; `ValidateOptions.policy`); pages are judged by SEP-2149's template whatever it is.
 */
async function validateCharterInput(where: { dir?: string; pages?: string }, format: OutputFormat, now: Date, io: CliIo, policy?: Policy): Promise<number> {
  let input;
  try {
    input = await readCharterInput(io.cwd, where, now, policy, { command: 'validate' });
  } catch (error) {
    if (!(error instanceof CharterInputError)) throw error;
    io.stderr(`group-steward: ${error.message}\n`);
    return 2;
  }
  io.stdout(formatValidation(input.result, format, input.shown));
  return input.result.errors > 0 ? 1 : 0;
}

async function schemaCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('schema', args, { options: { check: { type: 'string' } } });
  const generated = `${JSON.stringify(charterJsonSchema(), null, 2)}\n`;
  if (values.check === undefined) {
    io.stdout(generated);
    return 0;
  }
  let committed: string;
  try {
    committed = await readFile(resolve(io.cwd, values.check), 'utf8');
  } catch (error) {
    io.stderr(`group-steward schema: ${cannotReadFile('--check', values.check, error)}\n`);
    return 2;
  }
  if (committed === generated) {
    io.stdout(`${values.check} is up to date\n`);
    return 0;
  }
  io.stderr(`${values.check} is out of date: run \`npm run schema\` and commit the result\n`);
  return 1;
}

/**
 * `demo`: what a first run shows, offline — a report for a person, at most 120 columns wide, at one
 * instant (`--now`, else the clock read once): every section judges the charters' dates at it; the
 * activity sections judge the bundled snapshot as of its own date, and say so.
 */
async function demoCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('demo', args, { options: { now: { type: 'string' } } });
  const now = parseNow('demo', values.now, io);
  const out: string[] = [];
  const section = (title: string, body: string) => out.push(`${wrapText(title, TERMINAL_WIDTH, '')}\n\n${body.trimEnd()}\n`);

  out.push(
    wrapText(
      `Group Steward demo, as of ${now.toISOString()}: what the App and the CLI make of MCP's real groups, from files bundled with Group Steward — offline, nothing written. Every date below is judged as of that instant; the activity sections judge the bundled snapshot of MCP's activity as of its own date.`,
      TERMINAL_WIDTH,
      '',
    ) + '\n',
  );

  const bundled = await readCharterInput(PACKAGE_ROOT, { dir: 'groups' }, now, undefined, { command: 'validate' });
  section("1. The charters of MCP's groups bundled in groups/, validated — `group-steward validate groups`:", wrapText(formatValidation(bundled.result, 'text', bundled.shown)));

  section(
    `2. The checks a pull request adding examples/new-group.yaml as groups/example-group.yaml would get, under SEP-1302 with a sample configuration: ${describeSampleConfig(SEP_1302_DEMO_CONFIG)} (no review yet):`,
    await previewNewGroupCheck(PACKAGE_ROOT, now, SEP_1302_DEMO_CONFIG),
  );

  const activity = await runActivityJob({
    source: { kind: 'snapshot', snapshotFile: join(PACKAGE_ROOT, 'snapshots', 'mcp-activity.json'), charters: { dir: join(PACKAGE_ROOT, 'groups') }, governanceRepo: DEFAULT_GOVERNANCE_REPO },
    clock: () => now,
    dryRun: true,
  });
  section(
    `3. The scheduled job on the bundled snapshot of MCP's activity, judged as of the snapshot's date (${activity.now.toISOString().slice(0, 10)}) — \`group-steward activity --snapshot snapshots/mcp-activity.json\`:`,
    formatText(activity),
  );
  section(...(await renderBundledDirectory(PACKAGE_ROOT, now)));
  section(...(await renderSep2149Demo(PACKAGE_ROOT, now)));
  section(...(await renderPagesDemo(PACKAGE_ROOT, now)));
  io.stdout(out.join('\n'));
  return bundled.result.errors > 0 ? 1 : 0;
}

function parseFormat(command: string, value: string | undefined): OutputFormat {
  if (value === 'text' || value === 'json') return value;
  throw new CommandUsageError(command, `--format must be text or json, not "${value}"`);
}

function parsePolicy(value: string | undefined): Policy | undefined {
  if (value === undefined) return undefined;
  const known = POLICIES.find((p) => p === value);
  if (known === undefined) throw new CommandUsageError('validate', `--policy must be ${POLICIES.join(' or ')}, not "${value}"`);
  return known;
}

function parseNow(command: string, value: string | undefined, io: CliIo): Date {
  if (value === undefined) return io.now();
  const date = parseInstant(value);
  if (!date) throw new CommandUsageError(command, instantProblem('--now', value));
  return date;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
