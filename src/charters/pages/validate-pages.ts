/**
 * The charter page validator: every problem of every SEP-2149 charter page, and of the navigation
 * that lists them, in one pass — the pages' counterpart of `validateCharters`, with the same
 * result shape, so the CLI, the pull-request check and the job treat both charter sources alike.
 */
import { compareDiagnostics } from '../diagnostics.js';
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../parse.js';
import type { CharterSource } from '../parse.js';
import { MAX_DIAGNOSTICS_PER_FILE, MAX_MESSAGE_LENGTH } from '../validate.js';
import type { LoadedCharter, ValidationResult } from '../validate.js';
import { navPath, pageGroup } from './layout.js';
import type { PageLayout } from './layout.js';
import { readNav } from './nav.js';
import { applyPageLineage } from './lineage.js';
import { readCharterPage } from './read-page.js';
import type { CharterPageFacts, PageSource } from './read-page.js';

export { MAX_NAV_BYTES } from './nav.js';
export { MAX_PAGE_BYTES } from './read-page.js';
export type { ChangelogEntry, CharterPageFacts, PageLeader, PageMember, PageSource, WorkItem } from './read-page.js';

export interface PageValidationResult extends ValidationResult {
  /** What each page read states, sorted by file. */
  facts: CharterPageFacts[];
}

/**
 * Validates the charter pages — each page alone (`readCharterPage`: SEP-2149 Part 2's template),
 * then across pages (unique ids, a repository owned twice) and against the navigation both ways:
 * a page it does not list, an entry with no page, a page listed under the other kind's navigation
 * group (working-interest-groups.mdx § Lifecycle: each charter PR adds the page and its
 * `docs/docs.json` entry). At most 100 diagnostics per file are listed (then `too-many-problems`);
 * messages are cut to 1,000 characters.
 *
 * @param pages the pages; those not `.mdx` directly in one of the layout's two folders are ignored
 * @param nav   the navigation file, or null when it is absent: reported once (`page-nav-absent`)
 *              instead of every page as unlisted
 * @param options.now    the current instant; dates after its UTC day are in the future
 * @param options.layout where the pages and the navigation are
 * @returns charters, diagnostics (sorted by file, line, column), counts, and each page's facts.
 *          Never throws on content.
 */
export function validateCharterPages(pages: readonly PageSource[], nav: CharterSource | null, options: { now: Date; layout: PageLayout }): PageValidationResult {
  const { layout } = options;
  const today = options.now.toISOString().slice(0, 10);
  const all: Diagnostic[] = [];
  const charters: LoadedCharter[] = [];
  const facts: CharterPageFacts[] = [];

  for (const page of pages) {
    if (!pageGroup(page.file, layout)) continue;
    const read = readCharterPage(page, layout, today);
    for (const d of read.diagnostics) all.push(d);
    facts.push(read.facts);
    if (read.charter) charters.push({ file: page.file, charter: read.charter, hasErrors: false });
  }

  // Across pages: one group per id (its label is derived from it), one owner per repository.
  const byId = groupBy(facts, (f) => f.id.toLowerCase());
  for (const same of byId.values()) {
    if (same.length < 2) continue;
    for (const f of same) {
      const others = same.filter((o) => o !== f).map((o) => o.file);
      all.push(diagnostic(f.file, { line: 1, column: 1 }, 'id-unique', `the id "${f.id}" is also the page ${others.join(', ')}; ids are unique across working and interest groups`));
    }
  }
  const owners = groupBy(
    facts.filter((f) => f.status === 'active').flatMap((f) => f.repos.map((r) => ({ f, ...r }))),
    (r) => r.repo.toLowerCase(),
  );
  for (const [repo, list] of owners) {
    if (new Set(list.map((o) => o.f.file)).size < 2) continue;
    for (const o of list) {
      const others = [...new Set(list.filter((x) => x.f !== o.f).map((x) => x.f.file))];
      all.push(diagnostic(o.f.file, { line: o.line, column: 1 }, 'repo-shared', `${repo} is also owned by ${others.join(', ')}: its issues and PRs will count for both groups`));
    }
  }

  // Groups that changed shape (issue 24): successors and predecessors the pages state, and where two pages disagree.
  for (const d of applyPageLineage(facts, new Map(charters.map((c) => [c.charter.id, c.charter])))) all.push(d);

  if (facts.length > 0) for (const d of checkNav(nav, facts, layout)) all.push(d);
  return finish(all, charters, facts);
}

/** The navigation both ways: pages it does not list, entries with no page, entries under the other kind's group. */
function checkNav(nav: CharterSource | null, facts: readonly CharterPageFacts[], layout: PageLayout): Diagnostic[] {
  if (nav === null) {
    return [diagnostic(layout.nav, { line: 1, column: 1 }, 'page-nav-absent', `the navigation file ${layout.nav} was not found, so whether each charter page is listed was not checked`)];
  }
  const folders = { working: navPath(layout.workingGroups, layout), interest: navPath(layout.interestGroups, layout) };
  const prefixes = [folders.working, folders.interest].filter((p): p is string => p !== null);
  const { entries, diagnostics: out } = readNav(nav, prefixes);
  if (entries === null) return out;

  const pagesByEntry = new Map(facts.map((f) => [navPath(f.file, layout), f]));
  const listed = new Set<string>();
  for (const entry of entries) {
    const at = { line: entry.line, column: entry.column };
    const kind = entry.path.startsWith(`${folders.working}/`) ? 'working' : 'interest';
    if (listed.has(entry.path)) out.push(diagnostic(nav.file, at, 'duplicate-entry', `the navigation lists "${entry.path}" twice`));
    listed.add(entry.path);
    if (!pagesByEntry.has(entry.path)) {
      out.push(diagnostic(nav.file, at, 'page-nav-missing-page', `the navigation lists "${entry.path}", but there is no page ${entry.path.slice(entry.path.lastIndexOf('/') + 1)}.mdx in ${kind === 'working' ? layout.workingGroups : layout.interestGroups}/`));
    }
    const group = entry.group ?? '';
    const otherWords = kind === 'working' ? /\binterest\b/i : /\bworking\b/i;
    const ownWords = kind === 'working' ? /\bworking\b/i : /\binterest\b/i;
    if (otherWords.test(group) && !ownWords.test(group)) {
      out.push(diagnostic(nav.file, at, 'page-nav-wrong-kind', `"${entry.path}" is a${kind === 'working' ? ' working' : 'n interest'} group's page, listed under the navigation group ${JSON.stringify(group.slice(0, 80))}`));
    }
  }
  for (const f of facts) {
    const entry = navPath(f.file, layout);
    if (entry === null || !listed.has(entry)) {
      out.push(diagnostic(f.file, { line: 1, column: 1 }, 'page-not-in-nav', `the navigation ${nav.file} does not list this page${entry ? `: add "${entry}" to its ${f.type === 'working' ? 'working' : 'interest'} groups' navigation group` : ''}`));
    }
  }
  return out;
}

/** Bounds messages and diagnostics per file, sorts, and counts. */
function finish(all: Diagnostic[], charters: LoadedCharter[], facts: CharterPageFacts[]): PageValidationResult {
  const diagnostics: Diagnostic[] = [];
  for (const [file, list] of groupBy(all, (d) => d.file)) {
    for (const d of list) {
      if (d.message.length > MAX_MESSAGE_LENGTH) d.message = `${Array.from(d.message).slice(0, MAX_MESSAGE_LENGTH).join('')}…`;
    }
    list.sort(compareDiagnostics);
    diagnostics.push(...list.slice(0, MAX_DIAGNOSTICS_PER_FILE));
    if (list.length > MAX_DIAGNOSTICS_PER_FILE) {
      const last = list[MAX_DIAGNOSTICS_PER_FILE - 1] as Diagnostic;
      diagnostics.push(diagnostic(file, last, 'too-many-problems', `${list.length - MAX_DIAGNOSTICS_PER_FILE} more problems in this file are not listed; fix the ones above first`));
    }
  }
  // Each file's list is in order, its summary last: a stable sort by file keeps it there.
  diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const withErrors = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  for (const loaded of charters) loaded.hasErrors = withErrors.has(loaded.file);
  const byFile = <T extends { file: string }>(a: T, b: T) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { charters: charters.sort(byFile), diagnostics, errors, warnings: diagnostics.length - errors, facts: facts.sort(byFile) };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
