/**
 * MCP's real charter pages and navigation (examples/mcp-pages/, CC-BY-4.0) by their paths, with
 * the two errors they hold today mended as a maintainer would: `apps.mdx` added to the
 * navigation, and server-card.mdx's second "Active Work Items" and "Success Criteria" dropped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { addToNavigation } from '../../src/charters/pages/nav-edit.js';

const ROOT = new URL('../../examples/mcp-pages/', import.meta.url);
export const WG_DIR = 'docs/community/working-groups';
export const IG_DIR = 'docs/community/interest-groups';
export const NAV = 'docs/docs.json';

/** The pages and the navigation file, path → text. */
export function mendedRealPages(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const dir of [WG_DIR, IG_DIR]) for (const name of readdirSync(new URL(dir, ROOT))) files[`${dir}/${name}`] = readFileSync(new URL(`${dir}/${name}`, ROOT), 'utf8');
  const nav = addToNavigation(readFileSync(new URL(NAV, ROOT), 'utf8'), 'community/working-groups/apps', 'working');
  if ('problem' in nav) throw new Error(nav.problem);
  files[NAV] = nav.text;
  // server-card.mdx lists "Active Work Items" and "Success Criteria" twice: keep the first of each.
  const card = files[`${WG_DIR}/server-card.mdx`] as string;
  const second = card.indexOf('### Active Work Items', card.indexOf('### Success Criteria'));
  files[`${WG_DIR}/server-card.mdx`] = card.slice(0, second) + card.slice(card.indexOf('### Success Criteria', second) + '### Success Criteria\n\n'.length);
  return files;
}
