/**
 * `group-steward import --pages ROOT --out DIR [--force] [--now ISO]`: one YAML charter
 * (`DIR/<id>.yaml`) per valid SEP-2149 charter page of the checkout at ROOT, for a repository that
 * moves from pages to YAML charters (or keeps both).
 *
 * - The pages are read and validated as `validate --pages ROOT` reads them; each charter written is
 *   the page's `Charter` — what the page states and nothing else (a field the page does not give
 *   is left out, never invented) — with its keys in the schema's order, the editor's schema line
 *   first and a comment naming the page: the page's prose (mission, scope, authority, membership,
 *   the text of operations) stays on the page, since a YAML charter keeps SEP-2149 Part 2's
 *   template outside its schema. Judge the result with `validate DIR --policy sep-2149`: under
 *   SEP-1302 (the default) every active group lacks that SEP's creation-template answers.
 * - A page with errors is left out and listed with its error rules; so is one whose YAML would not
 *   validate under SEP-2149 or not read back as the page's charter (a self-check before writing).
 * - A file already in DIR that differs from the charter to write is never replaced without
 *   `--force`: the command then writes nothing and names each such file. An identical file is
 *   left alone ("unchanged"), so a second run changes nothing.
 *
 * Exit codes: 0 every importable page written (or unchanged); 1 a page was left out for errors;
 * 2 usage error, ROOT unreadable, DIR not a folder, a differing file without `--force`, or a write
 * that failed.
 */
import { lstat, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseCommandArgs } from './format.js';
import { parse } from 'yaml';
import type { Charter } from '../charters/schema.js';
import { validateCharters } from '../charters/validate.js';
import { charterYaml } from '../requests/group-request.js';
import { CharterInputError, readCharterInput } from './charter-input.js';
import { instantProblem, parseInstant } from './instant.js';
import type { CliIo } from './io.js';
import { plural } from '../words.js';

/** The usage lines of `import`, for the CLI's help. */
export const IMPORT_USAGE = `  import                Write DIR/<id>.yaml, a YAML charter, for each valid SEP-2149 charter page
      --pages ROOT        The checkout whose charter pages are read (required)
      --out DIR           Where the charters are written (required; created when missing)
      --force             Replace a charter in DIR that differs from the one imported
      --now ISO           Judge the pages' dates as of this instant (default: now)`;

/** One page's outcome. */
type PagePlan =
  | { kind: 'import'; page: string; id: string; file: string; text: string }
  | { kind: 'left-out'; page: string; why: string };

/**
 * Runs `import` with its arguments (after the command name).
 *
 * @returns the exit code (see the module comment); never throws for a usage problem, an
 *          unreadable ROOT or an unwritable DIR
 * @throws CommandUsageError for an unknown option, with the closest known one (`runCli` prints the usage, exit 2)
 */
export async function importCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('import', args, {
    allowPositionals: true,
    options: { pages: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean', default: false }, now: { type: 'string' } },
  });
  const usage = (message: string) => {
    io.stderr(`group-steward import: ${message}\n\nUsage:\n${IMPORT_USAGE}\n`);
    return 2;
  };
  const fail = (message: string) => {
    io.stderr(`group-steward import: ${message}\n`);
    return 2;
  };
  if (positionals.length > 0) return usage(`import takes no positional arguments (found ${JSON.stringify(positionals[0])}): give --pages ROOT --out DIR`);
  if (values.pages === undefined || values.pages === '') return usage('--pages ROOT is required: the checkout whose charter pages are imported');
  if (values.out === undefined || values.out === '') return usage('--out DIR is required: the folder the YAML charters are written to');
  let now = io.now();
  if (values.now !== undefined) {
    const parsed = parseInstant(values.now);
    if (!parsed) return usage(instantProblem('--now', values.now));
    now = parsed;
  }

  let input;
  try {
    input = await readCharterInput(io.cwd, { pages: values.pages }, now);
  } catch (error) {
    if (!(error instanceof CharterInputError)) throw error;
    return fail(error.message);
  }
  const outShown = slashed(values.out);
  const outDir = resolve(io.cwd, values.out);
  const nav = input.layout.kind === 'pages' ? input.layout.nav : undefined;

  const plans = planImport(input.result, nav, now);
  const navErrors = rulesOf(input.result.diagnostics.filter((d) => d.file === nav && d.severity === 'error'));

  // DIR: a folder, or nothing yet.
  let dirKind;
  try {
    dirKind = await kindOf(outDir);
  } catch (error) {
    return fail(`cannot write ${values.out}: ${messageOf(error)}`);
  }
  if (dirKind !== 'dir' && dirKind !== 'missing') return fail(`cannot write ${values.out}: not a directory`);

  // Every file to write is checked before any is written: a differing file stops the whole import.
  const states = new Map<string, 'new' | 'same' | 'different'>();
  const refused: string[] = [];
  for (const plan of plans) {
    if (plan.kind !== 'import') continue;
    const shown = `${outShown}${plan.file}`;
    const path = join(outDir, plan.file);
    let kind;
    try {
      kind = dirKind === 'missing' ? 'missing' : await kindOf(path, true);
    } catch (error) {
      return fail(`cannot read ${shown}: ${messageOf(error)}`);
    }
    if (kind === 'missing') {
      states.set(plan.file, 'new');
      continue;
    }
    if (kind !== 'file') {
      refused.push(`${shown} exists and is not a regular file (a folder or a link): move it away`);
      continue;
    }
    let existing: string;
    try {
      existing = await readFile(path, 'utf8');
    } catch (error) {
      return fail(`cannot read ${shown}: ${messageOf(error)}`);
    }
    if (existing === plan.text) states.set(plan.file, 'same');
    else if (values.force) states.set(plan.file, 'different');
    else refused.push(`${shown} exists and differs from the charter imported from ${input.shown}${plan.page}: give --force to replace it`);
  }
  if (refused.length > 0) return fail(`nothing was written:\n${refused.map((r) => `  ${r}`).join('\n')}`);

  const lines: string[] = [];
  let written = 0;
  let unchanged = 0;
  let leftOut = 0;
  if (plans.some((p) => p.kind === 'import' && states.get(p.file) !== 'same')) {
    try {
      await mkdir(outDir, { recursive: true });
    } catch (error) {
      return fail(`cannot create ${values.out}: ${messageOf(error)}`);
    }
  }
  for (const plan of plans) {
    if (plan.kind === 'left-out') {
      leftOut += 1;
      lines.push(`left out ${shownPath(`${input.shown}${plan.page}`)}: ${plan.why}`);
      continue;
    }
    const shown = `${outShown}${plan.file}`;
    const state = states.get(plan.file);
    if (state === 'same') {
      unchanged += 1;
      lines.push(`unchanged ${shown}`);
      continue;
    }
    try {
      await writeFile(join(outDir, plan.file), plan.text, 'utf8');
    } catch (error) {
      io.stdout(lines.length > 0 ? `${lines.join('\n')}\n` : '');
      return fail(`cannot write ${shown}: ${messageOf(error)}`);
    }
    written += 1;
    lines.push(`${state === 'different' ? 'replaced' : 'wrote'} ${shown}`);
  }
  if (navErrors.length > 0) lines.push(`note ${shownPath(`${input.shown}${nav ?? ''}`)}: ${navErrors.join(', ')} (the navigation's errors leave no page out)`);

  lines.push(
    `imported ${written + unchanged} of ${plural(plans.length, 'charter page')} into ${outShown}: ${written} written, ${unchanged} unchanged, ${leftOut} left out for errors` +
      (leftOut > 0 ? ` (group-steward validate --pages ${values.pages} shows them)` : ''),
  );
  if (written + unchanged > 0) {
    lines.push(`check them with: group-steward validate ${values.out} --policy sep-2149 (the pages answer SEP-2149's charter template, not SEP-1302's creation templates)`);
    if ((await kindOf(join(outDir, 'charter.schema.json')).catch(() => 'other')) === 'missing') {
      lines.push(`the charters name ./charter.schema.json for editors: group-steward schema > ${outShown}charter.schema.json`);
    }
  }
  io.stdout(`${lines.join('\n')}\n`);
  return leftOut > 0 ? 1 : 0;
}

/**
 * What to do with each page of a validation result, in file order: import a page whose charter
 * was read without errors, after a self-check (its YAML validates under SEP-2149 and reads back as
 * the page's charter); leave out the others, naming their error rules. Pure.
 */
export function planImport(result: { charters: readonly { file: string; charter: Charter; hasErrors: boolean }[]; diagnostics: readonly { file: string; severity: string; rule: string }[] }, nav: string | undefined, now: Date): PagePlan[] {
  const loaded = new Map(result.charters.map((c) => [c.file, c]));
  const pages = [...new Set([...result.charters.map((c) => c.file), ...result.diagnostics.map((d) => d.file).filter((f) => f !== nav)])].sort();
  const plans: PagePlan[] = pages.map((page) => {
    const errors = rulesOf(result.diagnostics.filter((d) => d.file === page && d.severity === 'error'));
    const found = loaded.get(page);
    const text = found && !found.hasErrors ? charterYaml(found.charter, [`Imported by group-steward import from the SEP-2149 charter page ${shownPath(page)}.`, 'Its prose sections (mission, scope, authority, membership, operations text) stay on the page.']) : undefined;
    if (found && text !== undefined) return { kind: 'import', page, id: found.charter.id, file: `${found.charter.id}.yaml`, text };
    return { kind: 'left-out', page, why: errors.length > 0 ? errors.join(', ') : 'the page gives no charter' };
  });

  // The self-check: what is written validates as YAML under SEP-2149 and reads back exactly.
  const imports = plans.filter((p): p is Extract<PagePlan, { kind: 'import' }> => p.kind === 'import');
  const check = validateCharters(imports.map((p) => ({ file: p.file, content: p.text })), { now, policy: 'sep-2149' });
  return plans.map((plan) => {
    if (plan.kind !== 'import') return plan;
    const errors = rulesOf(check.diagnostics.filter((d) => d.file === plan.file && d.severity === 'error'));
    if (errors.length > 0) return { kind: 'left-out', page: plan.page, why: `as YAML: ${errors.join(', ')}` };
    const charter = result.charters.find((c) => c.file === plan.page)?.charter;
    if (!isDeepStrictEqual(parse(plan.text), charter)) {
      return { kind: 'left-out', page: plan.page, why: 'its YAML would not read back as the page\'s charter' };
    }
    return plan;
  });
}

function messageOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOTDIR') return 'not a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** The distinct rules of some diagnostics, in their order. */
function rulesOf(diagnostics: readonly { rule: string }[]): string[] {
  return [...new Set(diagnostics.map((d) => d.rule))];
}

/** What is at `path`: a folder, a regular file, nothing, or something else (with `noFollow`, a link is something else). */
async function kindOf(path: string, noFollow = false): Promise<'dir' | 'file' | 'missing' | 'other'> {
  try {
    const info = noFollow ? await lstat(path) : await stat(path);
    return info.isDirectory() ? (noFollow ? 'other' : 'dir') : info.isFile() ? 'file' : 'other';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'ENOTDIR') return 'other';
    throw error;
  }
}

/** A path for one line of output: as is, or JSON-quoted when it holds a control character. */
function shownPath(path: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(path) ? JSON.stringify(path) : path;
}

function slashed(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}
