/**
 * The charters a CLI command reads: a folder of YAML charters (`[dir]`, default `groups/`) or a
 * repository checkout's SEP-2149 charter pages (`--pages ROOT`), validated by their source's rules.
 * One reader for `validate`, `directory`, `activity` and `import`.
 */
import { resolve } from 'node:path';
import type { CharterLayout } from '../charters/layout.js';
import { validateCharterFiles } from '../charters/layout.js';
import { readCharterDirectory } from '../charters/read-directory.js';
import { readCheckoutPages } from '../charters/read-pages.js';
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

/**
 * Reads and validates the charters of `pages` (a checkout root) when given, else of `dir` — YAML
 * charters judged under `policy` (default SEP-1302's creation templates; pages are judged by
 * SEP-2149's charter template whatever it is).
 *
 * @throws CharterInputError when the folder, the checkout or its configuration cannot be read
 */
export async function readCharterInput(cwd: string, where: { dir?: string; pages?: string }, now: Date, policy?: Policy): Promise<CharterInput> {
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
  try {
    const sources = await readCharterDirectory(resolve(cwd, dir));
    const layout: CharterLayout = { kind: 'yaml', dir: '' };
    return { result: validateCharterFiles(layout, { charters: sources, nav: null }, { now, ...(policy ? { policy } : {}) }), shown: slashed(dir), base: resolve(cwd, dir), layout };
  } catch (error) {
    throw new CharterInputError(cannotReadDirectory(dir, error));
  }
}

function slashed(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}
