/**
 * The charter validator: every problem of every charter in one pass. The CLI, the pull-request
 * check and the scheduled job all call `validateCharters`, so they agree on what is valid.
 */
import type { Policy } from '../config/schema.js';
import { compareDiagnostics } from './diagnostics.js';
import type { Diagnostic } from './diagnostics.js';
import { diagnostic, MAX_CHARTER_BYTES, parseCharterFile } from './parse.js';
import type { CharterSource, ParsedCharterFile } from './parse.js';
import { checkRegistryRules } from './registry-rules.js';
import { checkCharterRules } from './rules.js';
import type { Charter } from './schema.js';
import { checkCharterSchema } from './schema-diagnostics.js';

/** A line that starts with the key `id` or `type` (optionally quoted): a top-level key of a charter. */
const CHARTER_KEY_LINE = /^\uFEFF?(["']?)(?:id|type)\1[ \t]*:/m;

/**
 * Whether a file reads like a charter: a top-level `id:` or `type:` key (every charter has both)
 * in its first 64 KiB. The `file-extension` rule asks to rename a `.yml` file only then — an
 * `action.yml` or a workflow in the same folder is not a misnamed charter — and the CLI says a
 * folder "holds no charters" when none of its files reads like one. Pure.
 */
export function looksLikeCharter(source: CharterSource): boolean {
  const head = typeof source.content === 'string' ? source.content.slice(0, MAX_CHARTER_BYTES) : new TextDecoder('utf-8').decode(source.content.subarray(0, MAX_CHARTER_BYTES));
  return CHARTER_KEY_LINE.test(head);
}

/** Most diagnostics reported one by one for a single file; the rest are counted. */
export const MAX_DIAGNOSTICS_PER_FILE = 100;
/** Longest diagnostic message, in code points (messages quote values from the charter). */
export const MAX_MESSAGE_LENGTH = 1000;

/** A charter that conforms to the schema, and the file it came from. */
export interface LoadedCharter {
  file: string;
  charter: Charter;
  /** True when any error (of any rule) was found in this file. */
  hasErrors: boolean;
}

export interface ValidationResult {
  /** Schema-conforming charters, sorted by file. */
  charters: LoadedCharter[];
  /** Every diagnostic, sorted by file, line, column. */
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
}

export interface ValidateOptions {
  /** The current instant; dates after its UTC day are in the future. */
  now: Date;
  /**
   * The policy the charters are judged under (`policy` in `.github/group-steward.yml`; default
   * `sep-1302`). Under `sep-2149` an active group need not answer SEP-1302's creation template
   * (`type-required-field`: a WG's `use_cases` and `first_work`, an IG's `differentiation` and
   * `first_topic`): SEP-2149 Part 2's charter template replaces it, and a YAML charter keeps that
   * template's prose outside the schema. Every other rule is the same under both.
   */
  policy?: Policy;
  /** Config `meetings.calendar_base`: resolves a YAML charter's `meetings.tag` (absent: a tag is warned about). */
  calendarBase?: string;
}

/**
 * Validates a set of charter files together: each file alone (size, encoding, YAML, schema, type
 * and status rules), then across files (unique ids, related groups). Never throws on content: one
 * bad file yields diagnostics and never hides the others.
 *
 * A `.yml` file that looks like a charter (`looksLikeCharter`) is reported (`file-extension`)
 * rather than read; any other `.yml` file (a workflow, `action.yml`) is not a charter, and is
 * skipped without a word.
 *
 * Source: SEP-1302 (creation templates, lifecycle) — its creation templates only under
 * `policy: sep-1302`, SEP-2149 Part 2 replacing them under `sep-2149`; see `RULES` for the catalogue.
 */
export function validateCharters(sources: readonly CharterSource[], options: ValidateOptions): ValidationResult {
  const today = options.now.toISOString().slice(0, 10);
  const parsedFiles: ParsedCharterFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const charters: LoadedCharter[] = [];

  for (const source of sources) {
    if (/\.yml$/i.test(source.file)) {
      if (!looksLikeCharter(source)) continue;
      diagnostics.push(diagnostic(source.file, { line: 1, column: 1 }, 'file-extension', `charters are named <id>.yaml; rename this file to ${source.file.replace(/\.yml$/i, '.yaml')} so it is read`));
      continue;
    }
    const parsed = parseCharterFile(source);
    parsedFiles.push(parsed);
    if (parsed.value) {
      const schema = checkCharterSchema(parsed, parsed.value);
      parsed.diagnostics.push(...schema.diagnostics, ...checkCharterRules(parsed, parsed.value, today, { policy: options.policy, ...(options.calendarBase ? { calendarBase: options.calendarBase } : {}) }));
      if (schema.charter) charters.push({ file: parsed.file, charter: schema.charter, hasErrors: false });
    }
  }
  const acrossFiles = checkRegistryRules(parsedFiles);

  const byFile = new Map<string, Diagnostic[]>();
  for (const d of [...parsedFiles.flatMap((p) => p.diagnostics), ...acrossFiles]) {
    // Messages may quote charter values: bound them, whatever the rule.
    if (d.message.length > MAX_MESSAGE_LENGTH) d.message = `${Array.from(d.message).slice(0, MAX_MESSAGE_LENGTH).join('')}…`;
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  for (const [file, list] of byFile) {
    list.sort(compareDiagnostics);
    if (list.length > MAX_DIAGNOSTICS_PER_FILE) {
      const shown = list.slice(0, MAX_DIAGNOSTICS_PER_FILE);
      const last = shown[shown.length - 1] as Diagnostic;
      diagnostics.push(...shown, diagnostic(file, last, 'too-many-problems', `${list.length - MAX_DIAGNOSTICS_PER_FILE} more problems in this file are not listed; fix the ones above first`));
    } else {
      diagnostics.push(...list);
    }
  }
  // Each file's list is already in order, its too-many-problems summary last: order by file
  // only (a stable sort), so the summary stays after the diagnostics it follows.
  diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  const filesWithErrors = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  for (const loaded of charters) loaded.hasErrors = filesWithErrors.has(loaded.file);
  charters.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { charters, diagnostics, errors, warnings: diagnostics.length - errors };
}
