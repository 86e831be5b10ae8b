/**
 * Where MCP keeps its charter pages (SEP-2149 Part 2; working-interest-groups.mdx § Lifecycle):
 * `docs/community/working-groups/<id>.mdx`, `docs/community/interest-groups/<id>.mdx`, each listed
 * in the documentation site's navigation `docs/docs.json`. Pure path arithmetic.
 */
import type { GroupType } from '../schema.js';

/** Repository-relative folders of the pages and path of the navigation file, without a trailing '/'. */
export interface PageLayout {
  workingGroups: string;
  interestGroups: string;
  nav: string;
}

/** MCP's layout (modelcontextprotocol/modelcontextprotocol). */
export const DEFAULT_PAGE_LAYOUT: PageLayout = {
  workingGroups: 'docs/community/working-groups',
  interestGroups: 'docs/community/interest-groups',
  nav: 'docs/docs.json',
};

/**
 * The group a page path stands for: `<folder>/<stem>.mdx` directly in one of the layout's two
 * folders gives the folder's type and the stem (not checked against the id rules here).
 *
 * @returns null for any other path (another folder, a sub-folder, another extension)
 */
export function pageGroup(file: string, layout: PageLayout): { type: GroupType; stem: string } | null {
  for (const [folder, type] of [
    [layout.workingGroups, 'working'],
    [layout.interestGroups, 'interest'],
  ] as const) {
    const prefix = `${trimSlashes(folder)}/`;
    if (!file.startsWith(prefix) || !file.endsWith('.mdx')) continue;
    const stem = file.slice(prefix.length, -'.mdx'.length);
    if (stem.length > 0 && !stem.includes('/')) return { type, stem };
  }
  return null;
}

/**
 * The navigation entry of a page or folder: its path relative to the navigation file's folder,
 * without `.mdx` (`docs/community/working-groups/registry.mdx` with the nav at `docs/docs.json` →
 * `community/working-groups/registry`), as Mintlify's `docs.json` lists pages.
 *
 * @returns null when the path is not under the navigation file's folder (it cannot be listed)
 */
export function navPath(path: string, layout: PageLayout): string | null {
  const nav = trimSlashes(layout.nav);
  const dir = nav.includes('/') ? nav.slice(0, nav.lastIndexOf('/') + 1) : '';
  if (!path.startsWith(dir)) return null;
  return path.slice(dir.length).replace(/\.mdx$/, '');
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}
