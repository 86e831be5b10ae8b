/**
 * `group-steward directory [dir] [--check FILE | --write FILE] [--format markdown|json]`: the group
 * directory (SEP-1302 FAQ: "Where can I find a list of all current WGs and IGs?") rendered from
 * the charters in `dir` (default `groups`).
 *
 * - No `--check` / `--write`: prints the directory — Markdown, the section as it stands in
 *   `<dir>/README.md` (charter links relative to `dir`), or JSON (`charter` paths likewise).
 * - `--write FILE`: Markdown rewrites the section between FILE's directory markers in place (FILE
 *   must exist and have them); JSON writes the whole of FILE. Charter links are relative to FILE.
 * - `--check FILE`: exit 0 when FILE already holds what `--write FILE` would write, 1 when it is
 *   stale or its markers are missing or broken, with the command that regenerates it.
 *
 * Charters with errors: the directory is generated from valid charters only, so the diagnostics
 * are printed on stderr as `validate` prints them and the command exits 1, writing nothing.
 * Warnings do not stop it.
 *
 * Exit codes: 0 printed / written / up to date; 1 stale, markers missing or broken, or charters
 * with errors; 2 usage error, unreadable folder or file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { buildDirectory, renderDirectoryJson, renderDirectoryMarkdown } from '../directory/directory.js';
import { DirectoryMarkerError, spliceDirectory } from '../directory/section.js';
import { regenerateDirectoryCommand } from '../directory/stale-directory.js';
import { CharterInputError, readCharterInput } from './charter-input.js';
import { cannotReadFile, formatValidation, parseCommandArgs } from './format.js';
import type { CliIo } from './io.js';

/** The usage lines of `directory`, for the CLI's help. */
export const DIRECTORY_USAGE = `  directory [dir]       Render the directory of groups from the charters in dir (default: groups/)
      --pages ROOT        … or from the SEP-2149 charter pages of the checkout at ROOT
      --format markdown|json  Output format (default: markdown)
      --write FILE        Rewrite FILE's section between the directory markers (json: all of FILE)
      --check FILE        Exit 1 if FILE's directory differs from the charters (CI)`;

/**
 * Runs `directory` with its arguments (after the command name).
 *
 * @returns the exit code (see the module comment); never throws for a usage problem or an
 *          unreadable path
 * @throws CommandUsageError for an unknown option (`runCli` prints it with the usage, exit 2)
 */
export async function directoryCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('directory', args, {
    allowPositionals: true,
    options: { format: { type: 'string', default: 'markdown' }, check: { type: 'string' }, write: { type: 'string' }, pages: { type: 'string' } },
  });
  const usage = (message: string) => {
    io.stderr(`group-steward directory: ${message}\n\nUsage:\n${DIRECTORY_USAGE}\n`);
    return 2;
  };
  if (positionals.length > 1) return usage('directory takes one folder');
  if (positionals.length > 0 && values.pages !== undefined) return usage('give a folder of YAML charters or --pages ROOT, not both');
  const format = values.format;
  if (format !== 'markdown' && format !== 'json') return usage(`--format must be markdown or json, not "${format}"`);
  if (values.check !== undefined && values.write !== undefined) return usage('give --check or --write, not both');
  const where = values.pages !== undefined ? { pages: values.pages } : { dir: positionals[0] ?? 'groups' };
  const dirArg = where.pages ?? where.dir ?? 'groups';

  let input;
  try {
    input = await readCharterInput(io.cwd, where, io.now(), undefined, { command: 'directory' });
  } catch (error) {
    if (!(error instanceof CharterInputError)) throw error;
    io.stderr(`group-steward directory: ${error.message}\n`);
    return 2;
  }
  const { result } = input;
  const dir = input.base;
  if (result.errors > 0) {
    io.stderr(`group-steward directory: the charters in ${dirArg} have errors; the directory is generated from valid charters only. Fix these first:\n`);
    io.stderr(formatValidation(result, 'text', input.shown));
    return 1;
  }

  const fileArg = values.check ?? values.write;
  const file = fileArg === undefined ? undefined : resolve(io.cwd, fileArg);
  // Charter links are relative to the file that shows them; printed, to `dir` (its README).
  const linkBase = file === undefined ? '' : linkBaseFrom(dirname(file), dir);
  const directory = buildDirectory(result.charters, { linkBase });
  const rendered = format === 'json' ? renderDirectoryJson(directory) : renderDirectoryMarkdown(directory);
  if (file === undefined || fileArg === undefined) {
    io.stdout(rendered);
    return 0;
  }

  let current: string | undefined;
  try {
    current = await readFile(file, 'utf8');
  } catch (error) {
    // A JSON directory may be written afresh; a Markdown one needs the file and its markers.
    if (!(format === 'json' && values.write !== undefined && (error as NodeJS.ErrnoException).code === 'ENOENT')) {
      io.stderr(`group-steward directory: ${cannotReadFile(values.check !== undefined ? '--check' : '--write', fileArg, error)}\n`);
      return 2;
    }
  }
  const command = regenerateDirectoryCommand(where.pages !== undefined ? `--pages ${dirArg}` : dirArg, fileArg) + (format === 'json' ? ' --format json' : '');

  let wanted: string;
  try {
    wanted = format === 'json' || current === undefined ? rendered : spliceDirectory(current, rendered);
  } catch (error) {
    if (!(error instanceof DirectoryMarkerError)) throw error;
    io.stderr(`group-steward directory: ${fileArg}${error.line === undefined ? '' : `:${error.line}`}: ${error.message}\n`);
    return 1;
  }

  if (values.check !== undefined) {
    // Splicing keeps the rest of the file byte for byte: equal texts mean an equal section.
    if (current === wanted) {
      io.stdout(`${fileArg} is up to date\n`);
      return 0;
    }
    io.stderr(`${fileArg}: the group directory is out of date with the charters in ${dirArg}: run \`${command}\` and commit the result\n`);
    return 1;
  }
  if (current === wanted) {
    io.stdout(`${fileArg} is already up to date\n`);
    return 0;
  }
  await writeFile(file, wanted, 'utf8');
  io.stdout(`${fileArg}: group directory written (${directory.working_groups.length} working groups, ${directory.interest_groups.length} interest groups, ${directory.retired.length} retired)\n`);
  return 0;
}

/** The way from `from` to the charters folder `dir`, with `/` separators and a trailing `/`; `''` when they are the same. */
function linkBaseFrom(from: string, dir: string): string {
  const way = relative(from, dir).split(sep).join('/');
  return way === '' ? '' : `${way}/`;
}
