/** Test helpers for the charter validator: build charters as text and validate them. */
import { validateCharters } from '../../src/charters/validate.js';
import type { ValidationResult } from '../../src/charters/validate.js';
import type { CharterSource } from '../../src/charters/parse.js';

/** The instant every charter test judges dates against. */
export const NOW = new Date('2026-11-22T12:00:00Z');

/** A valid active working group charter, as YAML text (line numbers are stable: id is line 2). */
export const WORKING_GROUP = `# yaml-language-server: $schema=./charter.schema.json
id: registry
name: Registry Working Group
type: working
status: active
formed: 2025-07-24
facilitators:
  - rdimitrov
discord: registry-wg
repos:
  - modelcontextprotocol/registry
use_cases: >-
  Builds the official MCP Registry.
first_work: https://github.com/modelcontextprotocol/modelcontextprotocol/pull/2186
deliverables:
  - https://github.com/modelcontextprotocol/modelcontextprotocol/pull/2186
`;

/** A valid active interest group charter, as YAML text. */
export const INTEREST_GROUP = `id: security
name: Security Interest Group
type: interest
status: active
formed: 2025-08-17
facilitators:
  - localden
discord: security-ig
differentiation: >-
  It owns the threat model.
first_topic: >-
  Attested tool-server admission.
`;

/** Validates charters given as `{ 'file.yaml': text }`, judged at `NOW`. */
export function validate(files: Record<string, string | Uint8Array>, now: Date = NOW): ValidationResult {
  const sources: CharterSource[] = Object.entries(files).map(([file, content]) => ({ file, content }));
  return validateCharters(sources, { now });
}

/** Replaces one line (1-based) of a charter text. */
export function withLine(text: string, line: number, replacement: string): string {
  const lines = text.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
}

/** The diagnostics of a result as `rule@line:column` strings, for compact assertions. */
export function found(result: ValidationResult, file?: string): string[] {
  return result.diagnostics
    .filter((d) => file === undefined || d.file === file)
    .map((d) => `${d.rule}@${d.line}:${d.column}`);
}
