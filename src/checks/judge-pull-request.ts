/**
 * The charter check's decision, without I/O: the handler feeds it what one GraphQL request read,
 * and the demo feeds it the bundled charters plus an example new group.
 */
import { charterLayout, validateCharterFiles } from '../charters/layout.js';
import type { CharterLayout } from '../charters/layout.js';
import { charterFiles } from '../charters/tree-sources.js';
import { configuredPeople } from '../config/people.js';
import type { Config } from '../config/schema.js';
import { findStaleDirectory } from '../directory/stale-directory.js';
import type { CharterTree } from '../charters/tree.js';
import type { PullRequestCharters } from './pull-request-read.js';
import { policyFor } from '../policies/index.js';
import { diffCharterTrees, factsReader, reviewCharterChanges } from './charter-changes.js';
import type { FactsReader, PageRead, ReadFacts } from './charter-changes.js';
import type { PageValidationResult } from '../charters/pages/validate-pages.js';
import type { ValidationResult } from '../charters/validate.js';
import type { CharterSource } from '../charters/parse.js';
import { buildCharterReport } from './charter-report.js';
import { policyChecks } from './policy-checks.js';

/**
 * From what was read about a pull request to its check runs' content: the charter report and the
 * approval checks the policy asks for (`policyChecks`: the creation vote or sponsorship, and under
 * SEP-2149 the amendment and retirement approvals). Pure.
 *
 * @returns undefined when the charters folder is the same at head and base (nothing to post)
 */
export function judgePullRequest(read: PullRequestCharters, config: Config, now: Date) {
  if ((read.head?.oid ?? null) === (read.base?.oid ?? null)) return undefined;
  const layout = charterLayout(config);
  const oversized = overBounds(layout, read.head);
  if (oversized) return { report: { conclusion: 'failure' as const, title: 'Too many charters to check', summary: oversized, annotations: [] }, checks: [], newGroups: [] };
  const head = charterFiles(layout, read.head);
  const base = charterFiles(layout, read.base);
  const isCharter = (name: string) => (layout.kind === 'yaml' ? /\.ya?ml$/i : /\.mdx$/i).test(name);
  const changes = diffCharterTrees(read.base?.files ?? [], read.head?.files ?? [], isCharter);
  const result = validateCharterFiles(layout, head, { now, policy: config.policy, ...(config.meetings.calendar_base ? { calendarBase: config.meetings.calendar_base } : {}) });
  // Each charter text's facts read once (`readOnce`); a page's from the validator's read of it (`pageReads`).
  const readFacts = readOnce(factsReader(layout, now, pageReads(head.charters, result)));
  const review = reviewCharterChanges(changes, base.charters, head.charters, readFacts);
  const problems = [...result.diagnostics, ...review.problems];
  // The directory file (`<groups_dir>/README.md`) is in the tree already read: no request. Judged
  // only when the charters validate: until then `group-steward directory` refuses to regenerate it.
  const staleDirectory = result.errors > 0 || layout.kind !== 'yaml' ? undefined : findStaleDirectory(read.head?.files ?? [], result.charters, config.groups_dir);
  // A changed navigation file is part of the change: its problems are annotated too.
  const navChanged = layout.kind === 'pages' && oidOf(read.head, layout.nav) !== oidOf(read.base, layout.nav) && oidOf(read.head, layout.nav) !== undefined;
  const report = buildCharterReport({
    headIsUnmerged: read.headIsUnmerged === true,
    groupsDir: layout.kind === 'yaml' ? config.groups_dir : '',
    ...(layout.kind === 'pages' ? { validateCommand: 'group-steward validate --pages .' } : {}),
    changes,
    ...(navChanged ? { alsoChanged: [layout.nav] } : {}),
    renamed: review.renamed,
    problems,
    headFacts: head.charters.map(readFacts),
    baseFacts: base.charters.map(readFacts),
    ...(staleDirectory ? { staleDirectory } : {}),
  });

  const checks = read.pull
    ? policyChecks({
        policy: policyFor(config.policy),
        changes: review,
        pull: read.pull,
        people: configuredPeople(config.vote, read),
        ...(read.teamError !== undefined ? { peopleError: read.teamError } : {}),
        openRuns: read.openCheckRuns,
        periodHours: config.vote.period_hours,
        now,
      })
    : [];
  return { report, checks, newGroups: review.newGroups };
}

/**
 * `read`, reading each charter text once: the change review and the report both need the facts of
 * every head and base charter, and a file the pull request leaves alone has the same text at both
 * (the facts are a function of the file's name, text and size; a page's read parses its Markdown).
 */
function readOnce(read: FactsReader): FactsReader {
  const known = new Map<string, { source: CharterSource; facts: ReadFacts }[]>();
  return (source) => {
    const seen = known.get(source.file) ?? [];
    const found = seen.find((s) => sameText(s.source, source));
    if (found) return found.facts;
    const facts = read(source);
    known.set(source.file, [...seen, { source, facts }]);
    return facts;
  };
}

/**
 * The reads of the head's charter pages the validator made (the same reader, at the same instant),
 * for the facts reader: a page is read once, and so is a base page whose text the head keeps.
 * Undefined for YAML charters.
 */
function pageReads(head: readonly CharterSource[], result: ValidationResult | PageValidationResult): ((source: CharterSource) => PageRead | undefined) | undefined {
  if (!('facts' in result)) return undefined;
  const facts = new Map(result.facts.map((f) => [f.file, f]));
  const charters = new Map(result.charters.map((c) => [c.file, c.charter]));
  const heads = new Map(head.map((h) => [h.file, h]));
  return (source) => {
    const at = heads.get(source.file);
    const read = at && sameText(at, source) ? facts.get(source.file) : undefined;
    return read ? { charter: charters.get(source.file) ?? null, facts: read } : undefined;
  };
}

/** Two sources of one file read alike: the same object, or the same text and size. */
function sameText(a: CharterSource, b: CharterSource): boolean {
  return a === b || (typeof a.content === 'string' && a.content === b.content && a.byteLength === b.byteLength);
}

/** Most charter files a pull request's check reads. */
export const MAX_CHARTER_FILES = 2000;
/** Most bytes of charters a pull request's check reads (MCP's ~35 charters are ~40 KB). */
export const MAX_CHARTER_TOTAL_BYTES = 8 * 1024 * 1024;

/** Why a charter source is too large to check (hostile or mistaken), or undefined. */
function overBounds(layout: CharterLayout, tree: CharterTree | null): string | undefined {
  const files = charterFiles(layout, tree).charters;
  const bytes = files.reduce((n, f) => n + (f.byteLength ?? 0), 0);
  if (files.length <= MAX_CHARTER_FILES && bytes <= MAX_CHARTER_TOTAL_BYTES) return undefined;
  return `The charters hold ${files.length} files (${(bytes / 1048576).toFixed(1)} MiB); Group Steward checks at most ${MAX_CHARTER_FILES} files and ${MAX_CHARTER_TOTAL_BYTES / 1048576} MiB, so nothing was validated. One charter per group is a few kilobytes.`;
}

function oidOf(tree: CharterTree | null, name: string): string | undefined {
  return tree?.files.find((f) => f.name === name)?.oid;
}
