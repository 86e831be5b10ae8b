/**
 * The charters a CLI command reads: a folder of YAML charters (`[dir]`, default `groups/`) or a
 * repository checkout's SEP-2149 charter pages (`--pages ROOT`), validated by their source's rules.
 * One reader for `validate`, `directory`, `activity` and `import`.
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CharterLayout } from '../charters/layout.js';
import { validateCharterFiles } from '../charters/layout.js';
import { readCharterDirectory } from '../charters/read-directory.js';
import { readCheckoutPages } from '../charters/read-pages.js';
import { looksLikeCharter } from '../charters/validate.js';
import type { ValidationResult } from '../charters/validate.js';
import { ConfigError } from '../config/load.js';
import type { Config, Policy } from '../config/schema.js';
import { cannotReadDirectory } from './format.js';

/** Charters read for a command, with what to print before each file path and where the files are. */
export interface CharterInput {
  result: ValidationResult;
  /** The folder or checkout as the user typed it, ending in `/`: files are named from it. */
  shown: string;
  /** The same, absolute. */
  base: string;
  layout: CharterLayout;
  /** The checkout's configuration (`--pages`); absent for a folder of YAML charters. */
  config?: Config;
}

/** The charters could not be read at all: the message says which path and why. */
export class CharterInputError extends Error {}

/** How the command reading the charters is named in a hint (`validate`, `directory`). */
export interface CharterInputOptions {
  command?: string;
}

/** Where charters live in a repository, under its root: YAML charters, or the default folders of charter pages. */
const CHARTER_FOLDERS = { yaml: 'groups', pages: ['docs/community/working-groups', 'docs/community/interest-groups'] } as const;

/**
 * Reads and validates the charters of `pages` (a checkout root) when given, else of `dir` — YAML
 * charters judged under `policy` (default SEP-1302's creation templates; pages are judged by
 * SEP-2149's charter template whatever it is).
 *
 * A folder in which no file reads like a charter (`looksLikeCharter`: a top-level `id:` or
 * `type:`), but which holds `groups/` or the charter pages' folders — a repository's root — is a
 * mistake, said as one: `. holds no charters; did you mean \`validate groups\` or \`validate
 * --pages .\`?` (naming `options.command`, default `validate`, and only the folders that exist).
 *
 * @throws CharterInputError when the folder, the checkout or its configuration cannot be read, or
 *   the folder holds no charters but a charters folder
 */
export async function readCharterInput(cwd: string, where: { dir?: string; pages?: string }, now: Date, policy?: Policy, options: CharterInputOptions = {}): Promise<CharterInput> {
  if (where.pages !== undefined) {
    const shown = slashed(where.pages);
    try {
      const checkout = await readCheckoutPages(resolve(cwd, where.pages));
      return { result: validateCharterFiles(checkout.layout, checkout.files, { now }), shown, base: resolve(cwd, where.pages), layout: checkout.layout, config: checkout.config };
    } catch (error) {
      if (error instanceof ConfigError) throw new CharterInputError(`${shown}.github/group-steward.yml: ${error.message}`);
      throw new CharterInputError(cannotReadDirectory(where.pages, error));
    }
  }
  const dir = where.dir ?? 'groups';
  let sources;
  try {
    sources = await readCharterDirectory(resolve(cwd, dir));
  } catch (error) {
    throw new CharterInputError(cannotReadDirectory(dir, error));
  }
  if (!sources.some(looksLikeCharter)) {
    const hint = await charterFoldersHint(resolve(cwd, dir), dir, options.command ?? 'validate');
    if (hint !== undefined) throw new CharterInputError(hint);
  }
  const layout: CharterLayout = { kind: 'yaml', dir: '' };
  return { result: validateCharterFiles(layout, { charters: sources, nav: null }, { now, ...(policy ? { policy } : {}) }), shown: slashed(dir), base: resolve(cwd, dir), layout };
}

/**
 * `<dir> holds no charters; did you mean …?` when `dir` (absolute: `path`) holds a `groups/` folder
 * or a charter pages' folder; undefined when it holds neither.
 */
async function charterFoldersHint(path: string, dir: string, command: string): Promise<string | undefined> {
  const isFolder = async (relative: string) => (await stat(join(path, relative)).catch(() => null))?.isDirectory() === true;
  const meant: string[] = [];
  if (await isFolder(CHARTER_FOLDERS.yaml)) meant.push(`\`${command} ${join(dir, CHARTER_FOLDERS.yaml)}\``);
  if ((await Promise.all(CHARTER_FOLDERS.pages.map(isFolder))).some(Boolean)) meant.push(`\`${command} --pages ${dir}\``);
  return meant.length === 0 ? undefined : `${dir} holds no charters; did you mean ${meant.join(' or ')}?`;
}

function slashed(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}
