/**
 * Where a repository keeps its charters — its **charter source** — and the one way every feature
 * turns that source's files into charters. Two sources, one charter model (`Charter`):
 * - `yaml`: one YAML file per group in `groups_dir` (`groups/<id>.yaml`), checked against the
 *   charter schema (SEP-1302's creation templates);
 * - `pages`: one SEP-2149 charter page (MDX) per group, `<working_groups>/<id>.mdx` and
 *   `<interest_groups>/<id>.mdx`, listed in the site's navigation file (SEP-2149 Part 2), as MCP
 *   keeps them.
 * Pure: paths in, paths and validation results out.
 */
import type { Config, Policy } from '../config/schema.js';
import { folderPath } from '../names.js';
import type { CharterSource } from './parse.js';
import type { GroupType } from './schema.js';
import { validateCharters } from './validate.js';
import type { ValidationResult } from './validate.js';
import { validateCharterPages } from './pages/validate-pages.js';

/** A repository's charter source; every path is relative to the repository root, without slashes at its ends. */
export type CharterLayout =
  | { kind: 'yaml'; dir: string }
  | { kind: 'pages'; workingGroups: string; interestGroups: string; nav: string };

/** The charter source a configuration names: `charter_pages` when present, else `groups_dir`. */
export function charterLayout(config: Pick<Config, 'groups_dir' | 'charter_pages'>): CharterLayout {
  const pages = config.charter_pages;
  if (!pages) return { kind: 'yaml', dir: folderPath(config.groups_dir) };
  return { kind: 'pages', workingGroups: folderPath(pages.working_groups), interestGroups: folderPath(pages.interest_groups), nav: folderPath(pages.nav) };
}

/** The folders holding charters: one for YAML, the working groups' then the interest groups' for pages. */
export function charterFolders(layout: CharterLayout): string[] {
  return layout.kind === 'yaml' ? [layout.dir] : [layout.workingGroups, layout.interestGroups];
}

/** The file of a group's charter: `groups/<id>.yaml`, or `<folder of its type>/<id>.mdx`. */
export function charterFile(layout: CharterLayout, group: { id: string; type: GroupType }): string {
  if (layout.kind === 'yaml') return `${layout.dir ? `${layout.dir}/` : ''}${group.id}.yaml`;
  return `${group.type === 'working' ? layout.workingGroups : layout.interestGroups}/${group.id}.mdx`;
}

/**
 * Whether a changed file can change the charters: a `*.yaml`/`*.yml` file directly in the YAML
 * folder; an `*.mdx` file directly in either pages folder, or the navigation file.
 */
export function isCharterPath(layout: CharterLayout, path: string): boolean {
  if (layout.kind === 'pages' && path === layout.nav) return true;
  const slash = path.lastIndexOf('/');
  const dir = slash < 0 ? '' : path.slice(0, slash);
  const extension = layout.kind === 'yaml' ? /\.ya?ml$/i : /\.mdx$/i;
  return charterFolders(layout).includes(dir) && extension.test(path);
}

/** `groups` or `docs/community/working-groups, docs/community/interest-groups (navigation docs/docs.json)`, for messages. */
export function describeLayout(layout: CharterLayout): string {
  if (layout.kind === 'yaml') return layout.dir;
  return `${layout.workingGroups}, ${layout.interestGroups} (navigation ${layout.nav})`;
}

/**
 * A charter source's files at one commit, named by their paths from the repository root: the
 * charter files of its folders (YAML, or pages) and, for pages, the navigation file (null when
 * absent there).
 */
export interface CharterFiles {
  charters: CharterSource[];
  nav: CharterSource | null;
}

/**
 * Validates a charter source's files in one pass — every problem of every file, at its line — by
 * the source's rules: the charter schema and the rules of `options.policy` for YAML (default
 * `sep-1302`: SEP-1302's creation-template answers are required; `sep-2149`: they are not, see
 * `ValidateOptions.policy`); SEP-2149 Part 2's template and the navigation for pages, whatever the
 * policy. Never throws on content.
 */
export function validateCharterFiles(layout: CharterLayout, files: { charters: readonly CharterSource[]; nav: CharterSource | null }, options: { now: Date; policy?: Policy; calendarBase?: string }): ValidationResult {
  if (layout.kind === 'yaml') return validateCharters(files.charters, { now: options.now, policy: options.policy, ...(options.calendarBase ? { calendarBase: options.calendarBase } : {}) });
  return validateCharterPages(files.charters, files.nav, { now: options.now, layout });
}
