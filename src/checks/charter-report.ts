/**
 * The "Group charters" check run's content: its conclusion, title, Markdown summary and the
 * annotations of changed files. Pure: validation results in, check-run output out. Everything
 * from the pull request (file names, ids, logins, the values diagnostics quote) is escaped for
 * the summary (`../markdown/escape.ts`) and neutralised in the annotations, which GitHub shows as
 * plain text (`neutralText`).
 */
import type { Diagnostic } from '../charters/diagnostics.js';
import type { StaleDirectory } from '../directory/stale-directory.js';
import { groupLabel, ID_PATTERN } from '../charters/schema.js';
import { echoTyped, inlineCode, inlineText, listItem, mention, neutralText, tableCell, tableRow } from '../markdown/escape.js';
import type { Annotation } from './check-run.js';
import type { ChangeProblem, CharterChanges, CharterFacts } from './charter-changes.js';

export const CHARTER_CHECK_NAME = 'Group charters';
/** Most problems listed one by one in a summary. */
const MAX_LISTED = 200;
/** Most annotations sent (10 requests of 50); the rest are counted in the summary. */
export const MAX_ANNOTATIONS = 500;

export interface CharterReportInput {
  /** Where the check's file names are: the YAML folder (`groups`), or '' for charter pages (named by their paths). */
  groupsDir: string;
  /** How a person validates every charter locally: `group-steward validate groups`, `… --pages .`. */
  validateCommand?: string;
  changes: CharterChanges;
  /** Other files the pull request changes whose problems are annotated too (charter pages' navigation file). */
  alsoChanged?: readonly string[];
  renamed: { from: string; to: string }[];
  /** Every diagnostic of the head charters (validator) and of the change (change rules). */
  problems: readonly (Diagnostic | ChangeProblem)[];
  headFacts: readonly CharterFacts[];
  baseFacts: readonly CharterFacts[];
  /** The head commit was read because GitHub had no test merge commit: a moved base may show. */
  headIsUnmerged?: boolean;
  /** The directory file no longer matches the charters: a warning, never a failure. */
  staleDirectory?: StaleDirectory;
}

export interface CharterReport {
  conclusion: 'success' | 'failure';
  title: string;
  summary: string;
  annotations: Annotation[];
}

/**
 * Builds the check run: `failure` with any error, `success` otherwise (warnings annotate as
 * `warning`). Problems of added, changed or renamed files are annotated at their line; the others
 * (in unchanged charters, or on removed files) are listed in the summary only.
 */
export function buildCharterReport(input: CharterReportInput): CharterReport {
  const dir = input.groupsDir.replace(/\/+$/, '');
  const at = (file: string) => (dir ? `${dir}/${file}` : file);
  const touched = new Set([...input.changes.added, ...input.changes.changed, ...(input.alsoChanged ?? [])]);
  const annotated = input.problems.filter((p) => touched.has(p.file) && !('annotate' in p && !p.annotate));
  const annotatedSet = new Set(annotated);
  const elsewhere = input.problems.filter((p) => !annotatedSet.has(p));
  const errors = input.problems.filter((p) => p.severity === 'error').length;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const warnings = input.problems.length - errors;

  const stale = input.staleDirectory;
  const directoryAnnotations: Annotation[] = stale
    ? [{ path: at(stale.file), start_line: stale.line, end_line: stale.line, annotation_level: 'warning', title: neutralText(stale.title), message: neutralText(stale.message.slice(0, 4000)) }]
    : [];
  const problemAnnotations: Annotation[] = annotated.slice(0, MAX_ANNOTATIONS - directoryAnnotations.length).map((p) => ({
    path: at(p.file),
    start_line: p.line,
    end_line: p.line,
    start_column: p.column,
    end_column: p.column,
    annotation_level: p.severity === 'error' ? 'failure' : 'warning',
    title: neutralText(p.rule),
    message: neutralText(p.message.slice(0, 4000)),
  }));
  // The directory's warning first, so it is sent with the check run's creation.
  const annotations = [...directoryAnnotations, ...problemAnnotations];

  const verdict =
    errors > 0
      ? `${count(errors, 'error')}, ${count(warnings, 'warning')} in the charters`
      : warnings > 0
        ? `Charters valid, ${count(warnings, 'warning')}`
        : 'Charters valid';
  const title = stale ? `${verdict}; group directory out of date` : verdict;

  const lines: string[] = [];
  lines.push(changeTable(input));
  if (annotated.length > 0) {
    const unsent = annotated.length - problemAnnotations.length;
    lines.push('', `### Problems in the changed charters (${annotated.length}, annotated on the files${unsent > 0 ? `; the first ${problemAnnotations.length} only` : ''})`, '');
    lines.push(...problemList(annotated, at));
  }
  // Errors elsewhere fail the check, so they are listed; warnings elsewhere are only counted,
  // so that every pull request's summary is not the same list of old conventions.
  const elsewhereErrors = elsewhere.filter((p) => p.severity === 'error');
  const elsewhereWarnings = elsewhere.length - elsewhereErrors.length;
  if (elsewhereErrors.length > 0) {
    lines.push('', `### Errors elsewhere in ${dir ? inlineCode(`${dir}/`) : 'the charters'} (${elsewhereErrors.length})`, '');
    lines.push(...problemList(elsewhereErrors, at));
  }
  if (elsewhereWarnings > 0) {
    lines.push('', `${count(elsewhereWarnings, 'warning')} in charters this pull request does not change (${inlineCode(input.validateCommand ?? `group-steward validate ${dir}`)} lists them).`);
  }
  if (input.problems.length === 0) lines.push('', 'No problems found.');
  if (stale) lines.push('', '### Group directory', '', stale.summary);
  if (input.headIsUnmerged && input.changes.removed.length > 0) {
    lines.push('', '_GitHub had no test merge of this pull request yet, so its head commit was compared with the tip of the base branch: a charter added to the base branch since the pull request branched shows as removed. Update the branch, or re-run the check once GitHub has computed the merge._');
  }
  return { conclusion: errors > 0 ? 'failure' : 'success', title, summary: lines.join('\n'), annotations };
}

function changeTable(input: CharterReportInput): string {
  const head = new Map(input.headFacts.map((f) => [f.file, f]));
  const base = new Map(input.baseFacts.map((f) => [f.file, f]));
  const renamedFrom = new Map(input.renamed.map((r) => [r.to, r.from]));
  const renamedAway = new Set(input.renamed.map((r) => r.from));
  const rows: string[] = [];
  const row = (change: string, f: CharterFacts | undefined, file: string) => {
    const type = f?.type === 'working' || f?.type === 'interest' ? f.type : undefined;
    const id = f?.id !== undefined && ID_PATTERN.test(f.id) ? f.id : undefined;
    const label = type && id ? inlineCode(groupLabel(type, id)) : '—';
    // A login as the schema accepts it is named as before; anything else is echoed, never a mention.
    const people = f?.facilitators?.length ? f.facilitators.map(mention).join(', ') : '—';
    const shownId = id ? inlineCode(id) : f?.id !== undefined ? echoTyped(f.id) : echoTyped(file);
    rows.push(tableRow([change, shownId, type ?? '—', label, people].map(tableCell)));
  };
  for (const file of input.changes.added) {
    const from = renamedFrom.get(file);
    row(from ? `renamed from ${echoTyped(from)}` : 'added', head.get(file), file);
  }
  for (const file of input.changes.changed) row('changed', head.get(file), file);
  for (const file of input.changes.removed) if (!renamedAway.has(file)) row('removed', base.get(file), file);
  if (rows.length === 0) return 'No charter was added, changed or removed.';
  return ['| change | group | type | label | facilitators |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

function problemList(problems: readonly (Diagnostic | ChangeProblem)[], at: (file: string) => string): string[] {
  const listed = problems.slice(0, MAX_LISTED).map(
    (p) => listItem(`${location(at(p.file), p.line, p.column)} **${p.severity}** ${inlineCode(p.rule)} ${inlineText(p.message)}`),
  );
  if (problems.length > MAX_LISTED) listed.push(listItem(`… and ${problems.length - MAX_LISTED} more`));
  return listed;
}

/** `path:line:col` as a code span; a path with unusual characters (it comes from the PR) is escaped. */
function location(path: string, line: number, column: number): string {
  return /^[A-Za-z0-9._/-]+$/.test(path) ? inlineCode(`${path}:${line}:${column}`) : `${echoTyped(path)}:${line}:${column}`;
}
