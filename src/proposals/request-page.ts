/**
 * A creation request where the charters are SEP-2149 charter pages (SEP-2149 Part 2): the
 * request's answers are judged as for YAML charters — against the existing groups, in the charter
 * model — then written as a new charter page and its navigation entry, and the pages validated
 * again as the check will. Pure.
 */
import { charterFile } from '../charters/layout.js';
import type { CharterLayout } from '../charters/layout.js';
import type { CharterSource } from '../charters/parse.js';
import { addToNavigation } from '../charters/pages/nav-edit.js';
import { newCharterPage } from '../charters/pages/new-page.js';
import { navPath } from '../charters/pages/layout.js';
import { validateCharterPages } from '../charters/pages/validate-pages.js';
import type { Charter } from '../charters/schema.js';
import { groupLeaders } from '../charters/schema.js';
import type { LoadedCharter } from '../charters/validate.js';
import { charterYaml } from '../requests/group-request.js';

type PagesLayout = Extract<CharterLayout, { kind: 'pages' }>;

/**
 * The existing page charters as the YAML sources a creation request is judged against (the id
 * taken, related groups, repositories owned): one charter model, whatever the source.
 */
export function pageChartersAsSources(charters: readonly LoadedCharter[]): CharterSource[] {
  return charters.flatMap((c) => {
    const text = charterYaml(c.charter);
    return text === undefined ? [] : [{ file: `${c.charter.id}.yaml`, content: text }];
  });
}

/**
 * The files a valid request proposes under charter pages: the new page (`<folder>/<id>.mdx`, from
 * the template: SEP-2149 Part 2) and the navigation file with the page's entry. The page's mission
 * is the request's answer to "use cases" (WG) or "how it differs" (IG); its first work and
 * deliverables are its Active Work Items. Every file is named by its path.
 *
 * @returns the files, or the problem that keeps the request from a valid page (the navigation file
 *          missing or not editable, or the page not valid among the others: its diagnostics)
 */
export function requestPageFiles(input: { charter: Charter; layout: PagesLayout; pages: readonly CharterSource[]; nav: CharterSource | null; now: Date }): { files: { name: string; text: string }[] } | { problem: string } {
  const { charter, layout } = input;
  const file = charterFile(layout, charter);
  const entry = navPath(file, layout);
  const navText = input.nav && typeof input.nav.content === 'string' ? input.nav.content : null;
  if (navText === null || entry === null) return { problem: `the navigation file ${layout.nav} cannot be read, so the page cannot be listed in it` };
  const nav = addToNavigation(navText, entry, charter.type);
  if ('problem' in nav) return { problem: `${layout.nav}: ${nav.problem}` };
  // A working group's leads with their terms; otherwise its leaders (facilitators) by login.
  const leads = charter.type === 'working' && charter.leads ? charter.leads.map((l) => ({ login: l.login, ...(l.term ? { term: l.term } : {}) })) : groupLeaders(charter).map((login) => ({ login }));
  const page = newCharterPage({
    id: charter.id,
    name: charter.name,
    type: charter.type,
    mission: (charter.type === 'working' ? charter.use_cases : charter.differentiation) ?? '',
    leads,
    ...(charter.sponsors ? { sponsors: charter.sponsors } : {}),
    ...(charter.discord ? { discord: charter.discord } : {}),
    ...(charter.repos ? { repos: charter.repos } : {}),
    ...(charter.type === 'working' ? { deliverables: [...new Set([charter.first_work, ...(charter.deliverables ?? [])].filter((u): u is string => u !== undefined))] } : {}),
    formed: charter.formed ?? input.now.toISOString().slice(0, 10),
  });
  const pages = [...input.pages.filter((p) => p.file !== file), { file, content: page }];
  const result = validateCharterPages(pages, { file: layout.nav, content: nav.text }, { now: input.now, layout });
  const errors = result.diagnostics.filter((d) => d.severity === 'error' && (d.file === file || d.file === layout.nav));
  if (errors.length > 0) return { problem: `the new page would not be valid: ${errors.map((d) => `${d.file}:${d.line} ${d.rule} ${d.message}`).join('; ')}` };
  return { files: [{ name: file, text: page }, { name: layout.nav, text: nav.text }] };
}
