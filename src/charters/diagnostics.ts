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
  'successor-unknown': { severity: 'error', summary: 'retired.successor names no chartered group, or the group itself.' },
  'successor-cycle': { severity: 'error', summary: 'Following successors (retired.successor, previous_ids) leads back to the group.' },
  'successor-retired': { severity: 'warning', summary: 'retired.successor names a group that is itself retired without a successor: its work goes nowhere active.' },
  'previous-id-live': { severity: 'error', summary: 'previous_ids names an active group: a former id is a group that no longer exists, or a retired one.' },
  'previous-id-successor': { severity: 'error', summary: 'previous_ids names a retired group whose retired.successor is another group.' },
  'related-group-unknown': { severity: 'error', summary: 'related_groups names a group with no charter (SEP-1302 § IG Creation Template).' },
  'related-group-not-interest': { severity: 'error', summary: 'related_groups names a working group; it lists interest groups.' },
  'related-group-self': { severity: 'error', summary: 'related_groups names the group itself.' },
  'type-field': { severity: 'error', summary: 'A working-group-only field on an interest group, or the reverse.' },
  'type-required-field': { severity: 'error', summary: 'An active WG lacks use_cases or first_work; an active IG lacks differentiation or first_topic (SEP-1302 creation templates).' },
  'active-required-field': { severity: 'error', summary: 'An active group lacks formed, or its leaders: facilitators (SEP-1302 § Facilitators), or for a working group leads (SEP-2149 § 1.1).' },
  'retired-block': { severity: 'error', summary: '`retired:` is present exactly when status is retired.' },
  'retired-before-formed': { severity: 'error', summary: 'retired.on is before formed.' },
  'retired-date-missing': { severity: 'warning', summary: 'A retired group does not record when it was retired: a date, or `unknown` when no record gives it (which acknowledges it).' },
  'discord-suffix': { severity: 'warning', summary: 'The channel does not end in -wg (working group) or -ig (interest group).' },
  'discord-missing': { severity: 'warning', summary: 'An active group names no Discord channel.' },
  'meetings-tag-no-base': { severity: 'warning', summary: 'A charter names its meetings by a calendar tag (`meetings.tag`), but no `meetings.calendar_base` is configured to resolve it to a feed.' },
  'lead-term-expired': { severity: 'warning', summary: "An active working group's lead has a term whose end date is before today, UTC (SEP-2149 Part 2 § 4)." },
  'deliverable-untracked': { severity: 'warning', summary: 'A deliverable is not a GitHub issue or pull request URL, so its completion cannot be tracked.' },
  'duplicate-entry': { severity: 'warning', summary: 'A list names the same entry twice.' },
  'repo-shared': { severity: 'warning', summary: 'Two active groups own the same repository.' },
  'too-many-problems': { severity: 'error', summary: 'A file has more problems than are reported one by one.' },
  // Charter pages: docs/community/{working,interest}-groups/<id>.mdx and the navigation docs/docs.json
  // (SEP-2149 Part 2, the charter template; working-interest-groups.mdx § Lifecycle).
  'page-front-matter': { severity: 'error', summary: 'A charter page has no front matter (YAML between "---" lines at the top), or it is not a mapping with a text "title".' },
  'page-retirement-marker': { severity: 'error', summary: 'The front matter\'s retirement marker is malformed: status other than active or retired, status: retired without retired_reason, retired_on not a real YYYY-MM-DD date, or retired_* keys without status: retired.' },
  'page-mdx-unclosed': { severity: 'error', summary: 'An MDX element (<Note>…) or comment ({/* … */}) is never closed, or a closing tag closes nothing: the page does not compile.' },
  'page-markdown-limit': { severity: 'error', summary: 'The page is too costly to read (markdown parse budget) or nests deeper than the reader follows; the rest is not read.' },
  'page-section-missing': { severity: 'error', summary: 'A section the charter template requires is missing (SEP-2149 Part 2: Group Type, Mission Statement, Scope, Leadership, Operations, Changelog; for WGs also Authority & Decision Rights, Deliverables & Success Metrics).' },
  'page-section-duplicate': { severity: 'error', summary: 'A section or subsection heading appears twice under the same parent (SEP-2149 Part 2).' },
  'page-type-mismatch': { severity: 'error', summary: 'The Group Type section (or the title) does not state the type the folder gives: working-groups/ holds Working Groups, interest-groups/ Interest Groups (SEP-2149 Part 2 § 1).' },
  'page-leadership-table': { severity: 'error', summary: 'The Leadership section has no table of leads with a GitHub column, or the table lists no one (SEP-2149 Part 2 § 4).' },
  'page-lead-handle': { severity: 'error', summary: 'A row of the Leadership table gives no valid GitHub handle (SEP-2149 Part 2 § 4: Role, Name, Organization, GitHub handle, Term).' },
  'page-leads-not-members': { severity: 'warning', summary: 'A lead or facilitator is missing from the Membership table that lists the group\'s members (SEP-2149 Part 2 § 6).' },
  'page-member-untracked': { severity: 'warning', summary: 'A row of the Membership or Emeritus table gives no GitHub handle, or a level that is none of Observer, Participant, WG Member, Lead/Facilitator: its participation is not tracked (SEP-2149 Participation Levels).' },
  'page-sponsor-handle': { severity: 'warning', summary: 'A "Sponsored by" line names a sponsor without a GitHub handle (SEP-2149 § 1.1: the group and its leadership are sponsored).' },
  'page-table-too-long': { severity: 'error', summary: 'A table has more rows than the reader reads (1,000); the rest are ignored.' },
  'page-changelog-empty': { severity: 'error', summary: 'The Changelog has no table of dated entries, so when the group was formed is unknown (SEP-2149 Part 2 § 9).' },
  'page-changelog-date': { severity: 'error', summary: 'A Changelog entry\'s date is not a real YYYY-MM-DD date (SEP-2149 Part 2 § 9).' },
  'page-changelog-order': { severity: 'warning', summary: 'A Changelog entry breaks the order of the others (all newest first, or all oldest first).' },
  'page-retirement-unmarked': { severity: 'warning', summary: 'An active page records that the group was folded, merged, retired, dissolved or superseded: mark it retired in the front matter (working-interest-groups.mdx § Lifecycle, Retirement).' },
  'page-lineage-disagrees': { severity: 'warning', summary: 'A page records another group folded, merged or renamed into it while that group\'s page is still active: reported at both pages (issue 24).' },
  'page-nav-absent': { severity: 'warning', summary: 'The navigation file (docs/docs.json) was not found, so whether each page is listed was not checked.' },
  'page-nav-syntax': { severity: 'error', summary: 'The navigation file is not well-formed JSON.' },
  'page-not-in-nav': { severity: 'error', summary: 'A charter page is not listed in the navigation (working-interest-groups.mdx § Lifecycle: the charter PR includes its docs/docs.json entry).' },
  'page-nav-missing-page': { severity: 'error', summary: 'The navigation lists a charter page that does not exist.' },
  'page-nav-wrong-kind': { severity: 'error', summary: 'The navigation lists a working group\'s page under the interest groups\' navigation group, or the reverse.' },
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
