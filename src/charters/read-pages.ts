/**
 * Reading a checkout's charter pages from disk (the CLI's `--pages ROOT`): the configuration at
 * `ROOT/.github/group-steward.yml` (which may move the folders), each pages folder's `*.mdx` files
 * and the navigation file, each read bounded. Paths are reported from ROOT, as GitHub names them.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConfigError, parseConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { CONFIG_FILE } from '../config/schema.js';
import { charterFolders, charterLayout } from './layout.js';
import type { CharterFiles, CharterLayout } from './layout.js';
import { MAX_NAV_BYTES, MAX_PAGE_BYTES } from './pages/validate-pages.js';
import { readBounded } from './read-directory.js';

/** Largest configuration file read, in bytes. */
const MAX_CONFIG_BYTES = 64 * 1024;

/** A checkout's configuration and charter pages. */
export interface CheckoutPages {
  config: Config;
  layout: Extract<CharterLayout, { kind: 'pages' }>;
  files: CharterFiles;
}

/**
 * Reads the charter pages of the repository checked out at `root`. The configuration's
 * `charter_pages` (defaults when absent) names the folders; a missing folder holds no pages, a
 * missing navigation file is `nav: null` (the validator reports it).
 *
 * @throws ConfigError for an invalid configuration; Error when `root` is not a readable folder or
 *         neither pages folder exists (nothing to read is never "no groups")
 */
export async function readCheckoutPages(root: string): Promise<CheckoutPages> {
  const raw = await readOptional(join(root, '.github', CONFIG_FILE), MAX_CONFIG_BYTES);
  let written: Record<string, unknown>;
  try {
    written = raw === null ? {} : ((parse(raw) as Record<string, unknown> | null) ?? {});
  } catch (error) {
    throw new ConfigError([`not YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`]);
  }
  const config = parseConfig({ ...written, charter_pages: written.charter_pages ?? {} });
  const layout = charterLayout(config) as Extract<CharterLayout, { kind: 'pages' }>;
  await readdir(root);
  const charters = [];
  let found = 0;
  for (const folder of charterFolders(layout)) {
    let names: string[];
    try {
      names = (await readdir(join(root, folder), { withFileTypes: true })).filter((e) => e.isFile() && /\.mdx$/i.test(e.name)).map((e) => e.name).sort();
      found += 1;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const name of names) charters.push(await readBounded(join(root, folder, name), `${folder}/${name}`, MAX_PAGE_BYTES));
  }
  if (found === 0) throw new Error(`no charter pages under ${root}: neither ${layout.workingGroups}/ nor ${layout.interestGroups}/ exists (set charter_pages in .github/${CONFIG_FILE} if they live elsewhere)`);
  let nav = null;
  try {
    nav = await readBounded(join(root, layout.nav), layout.nav, MAX_NAV_BYTES);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return { config, layout, files: { charters, nav } };
}

/** A file's text, at most `maxBytes`; null when it does not exist. */
async function readOptional(path: string, maxBytes: number): Promise<string | null> {
  try {
    const text = await readFile(path, 'utf8');
    if (Buffer.byteLength(text) > maxBytes) throw new Error(`${path} is larger than ${maxBytes} bytes`);
    return text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
