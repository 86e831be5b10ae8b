/**
 * How validation results are printed: one line per diagnostic plus a summary (text), or one
 * JSON object (json). Pure: results in, a string out.
 */
import type { ValidationResult } from '../charters/validate.js';
import { plural } from '../words.js';

export type OutputFormat = 'text' | 'json';

/**
 * Renders a validation result.
 * - text: `file:line:col severity rule message` per diagnostic, then a summary line; `file` is
 *   prefixed with `prefix` (the directory as the user typed it) so terminals can open it.
 * - json: `{ diagnostics: [{ file, line, column, severity, rule, message }], errors, warnings }`
 *   with `file` relative to the directory given.
 */
export function formatValidation(result: ValidationResult, format: OutputFormat, prefix = ''): string {
  if (format === 'json') {
    const { diagnostics, errors, warnings } = result;
    return `${JSON.stringify({ diagnostics, errors, warnings }, null, 2)}\n`;
  }
  const lines = result.diagnostics.map(
    (d) => `${prefix}${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`,
  );
  lines.push(
    `${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')} in ${plural(result.charters.length + countUnreadable(result), 'charter file')}`,
  );
  return `${lines.join('\n')}\n`;
}

function countUnreadable(result: ValidationResult): number {
  const read = new Set(result.charters.map((c) => c.file));
  return new Set(result.diagnostics.map((d) => d.file).filter((f) => !read.has(f))).size;
}

/**
 * Why a charters folder could not be read, for a usage error: `cannot read groups: no such
 * directory`, `… not a directory`, else the file system's message. Pure.
 */
export function cannotReadDirectory(shown: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const why = code === 'ENOENT' ? 'no such directory' : code === 'ENOTDIR' ? 'not a directory' : error instanceof Error ? error.message : String(error);
  return `cannot read ${shown}: ${why}`;
}
