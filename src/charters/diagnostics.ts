/**
 * Diagnostics: what the validator says about a charter, and the catalogue of rules it checks.
 * A rule id is stable: tools, tests and people may rely on it.
 */

export type Severity = 'error' | 'warning';

/** One problem, at a 1-based line and column of a file (`file` as the caller named it). */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  rule: RuleId;
  message: string;
}

/** Every rule, its severity and what it checks; the source rule is named where there is one. */
export const RULES = {
  'file-too-large': { severity: 'error', summary: 'A charter file is larger than 64 KiB.' },
  'file-encoding': { severity: 'error', summary: 'A charter is not UTF-8 text (invalid bytes, or binary content).' },
  'file-extension': { severity: 'error', summary: 'A charter file ends in .yml; charters are <id>.yaml.' },
  'yaml-syntax': { severity: 'error', summary: 'The file is not well-formed YAML.' },
  'yaml-duplicate-key': { severity: 'error', summary: 'A key appears twice in one mapping.' },
  'yaml-alias-limit': { severity: 'error', summary: 'Aliases expand beyond the limit (an alias bomb).' },
  'yaml-tag': { severity: 'warning', summary: 'A YAML tag the validator does not resolve; the value is read as plain text.' },
  'document-empty': { severity: 'error', summary: 'The file holds no charter.' },
  'document-not-mapping': { severity: 'error', summary: 'The document is not a mapping of keys to values.' },
  'multiple-documents': { severity: 'error', summary: 'The file holds more than one YAML document.' },
  'unknown-key': { severity: 'error', summary: 'A key the charter schema does not define (a typo must not pass silently).' },
  'missing-field': { severity: 'error', summary: 'A field the schema always requires is missing.' },
  'wrong-type': { severity: 'error', summary: 'A value has the wrong type (text where a list belongs, …).' },
  'invalid-value': { severity: 'error', summary: 'A value is outside what the field allows (enum, length, empty list).' },
  'id-format': { severity: 'error', summary: 'An id is not kebab-case, or longer than 47 characters.' },
  'login-format': { severity: 'error', summary: "A login breaks GitHub's login rules." },
  'repo-format': { severity: 'error', summary: 'A repository is not owner/name.' },
  'url-format': { severity: 'error', summary: 'A URL is not an https URL with a host name.' },
  'date-format': { severity: 'error', summary: 'A date is not a real YYYY-MM-DD date.' },
  'date-future': { severity: 'error', summary: 'A date lies in the future.' },
  'discord-format': { severity: 'error', summary: 'A Discord channel name is malformed (written without "#").' },
  'path-format': { severity: 'error', summary: 'A path glob is absolute, climbs out with "..", or is empty.' },
  'id-matches-file': { severity: 'error', summary: 'The id differs from the file name without .yaml.' },
  'id-unique': { severity: 'error', summary: 'Two groups share an id or previous id (case-insensitive).' },
  'related-group-unknown': { severity: 'error', summary: 'related_groups names a group with no charter (SEP-1302 § IG Creation Template).' },
  'related-group-not-interest': { severity: 'error', summary: 'related_groups names a working group; it lists interest groups.' },
  'related-group-self': { severity: 'error', summary: 'related_groups names the group itself.' },
  'type-field': { severity: 'error', summary: 'A working-group-only field on an interest group, or the reverse.' },
  'type-required-field': { severity: 'error', summary: 'An active WG lacks use_cases or first_work; an active IG lacks differentiation or first_topic (SEP-1302 creation templates).' },
  'active-required-field': { severity: 'error', summary: 'An active group lacks formed, or its leaders: facilitators (SEP-1302 § Facilitators), or for a working group leads (SEP-2149 § 1.1).' },
  'retired-block': { severity: 'error', summary: '`retired:` is present exactly when status is retired.' },
  'retired-before-formed': { severity: 'error', summary: 'retired.on is before formed.' },
  'retired-date-missing': { severity: 'warning', summary: 'A retired group does not record when it was retired.' },
  'discord-suffix': { severity: 'warning', summary: 'The channel does not end in -wg (working group) or -ig (interest group).' },
  'discord-missing': { severity: 'warning', summary: 'An active group names no Discord channel.' },
  'lead-term-expired': { severity: 'warning', summary: "An active working group's lead has a term whose end date is before today, UTC (SEP-2149 Part 2 § 4)." },
  'deliverable-untracked': { severity: 'warning', summary: 'A deliverable is not a GitHub issue or pull request URL, so its completion cannot be tracked.' },
  'duplicate-entry': { severity: 'warning', summary: 'A list names the same entry twice.' },
  'repo-shared': { severity: 'warning', summary: 'Two active groups own the same repository.' },
  'too-many-problems': { severity: 'error', summary: 'A file has more problems than are reported one by one.' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type RuleId = keyof typeof RULES;

/** The diagnostics' sort order: by file, then line, then column, then rule. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  );
}
