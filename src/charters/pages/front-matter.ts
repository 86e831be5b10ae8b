/**
 * A charter page's front matter: the YAML between the `---` lines at its top. It gives the page's
 * `title` (the group's name) and, when the group is retired, the retirement marker.
 *
 * THE RETIREMENT MARKER. A page whose group is retired keeps its page (working-interest-groups.mdx
 * § Lifecycle: "documentation is archived") and says so in its front matter, with these keys:
 *
 * ```yaml
 * ---
 * title: Enterprise-Managed Authorization Charter
 * description: Charter for the MCP Enterprise-Managed Authorization Interest Group.
 * status: retired                 # required to retire; `active` (or no status) is an active group
 * retired_on: 2026-08-17          # the date it was retired, YYYY-MM-DD (UTC), or `unknown`
 * retired_reason: Folded into the Authorization IG.   # required with status: retired
 * retired_issue: https://github.com/modelcontextprotocol/modelcontextprotocol/issues/1234  # optional
 * ---
 * ```
 *
 * They map to the charter's `status: 'retired'` and `retired: { on, reason, issue }`. A `status`
 * other than `active`/`retired`, `status: retired` without `retired_reason`, a `retired_on` that is
 * not a real date, or `retired_*` keys on a page that is not retired are `page-retirement-marker`
 * errors; a retired page without `retired_on` is the `retired-date-missing` warning, and
 * `retired_on: unknown` says that no record dates the retirement (no warning; `retiredOnUnknown`
 * is set, and the page's charter says `retired.on: unknown`, as a YAML charter would). Other keys
 * (Mintlify's `description`, `sidebarTitle`, `icon`, …) are the site's and are not read.
 */
import { isCalendarDate } from '../../policies/lead-terms.js';
import type { Diagnostic, RuleId } from '../diagnostics.js';
import { diagnostic, MAX_CHARTER_BYTES, parseCharterFile } from '../parse.js';
import { MAX_TEXT_LENGTH, RETIRED_ON_UNKNOWN } from '../schema.js';

/** The front matter keys of the retirement marker. */
export const RETIREMENT_KEYS = { status: 'status', on: 'retired_on', reason: 'retired_reason', issue: 'retired_issue' } as const;

/** What the front matter gives, each value with its 1-based page line. */
export interface PageFrontMatter {
  title?: { text: string; line: number };
  /** `active` when no status is given; null when the status is malformed (or the YAML is). */
  status: 'active' | 'retired' | null;
  retired?: { on?: string; reason?: string; issue?: string };
  /** The line of `status` (or of the front matter's start). */
  statusLine: number;
  /** The line of `retired_on`, when given as a date. */
  retiredOnLine?: number;
  /** `retired_on: unknown`: no record dates the retirement, and the page says so (`retired.on` here stays unset). */
  retiredOnUnknown?: true;
}

/** What parse.ts's other diagnostics mean for front matter. */
const FRONT_MATTER_PROBLEMS: Partial<Record<RuleId, string>> = {
  'file-too-large': `the front matter is larger than ${MAX_CHARTER_BYTES / 1024} KiB`,
  'document-empty': 'the front matter is empty',
  'document-not-mapping': 'the front matter is not a mapping of keys to values',
  'multiple-documents': 'the front matter holds more than one YAML document',
};

/** YAML diagnostics that mean the same in front matter as in a charter file. */
const YAML_RULES: ReadonlySet<RuleId> = new Set(['yaml-syntax', 'yaml-duplicate-key', 'yaml-alias-limit', 'yaml-tag']);

/**
 * Reads the front matter of a page (`file`): YAML parsed by parse.ts (bounded: 64 KiB, at most 100
 * aliases; nothing executed), diagnostics placed at page lines.
 *
 * @param front the YAML text and the page line it starts on; null when the page has none
 * @returns what it gives; never throws
 */
export function readFrontMatter(file: string, front: { text: string; line: number } | null): { front: PageFrontMatter; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const none: PageFrontMatter = { status: null, statusLine: 1 };
  if (front === null) {
    out.push(diagnostic(file, { line: 1, column: 1 }, 'page-front-matter', 'the page has no front matter: it starts with a "---" line, "title: <Group Name> Charter", and a closing "---" line (the charter template)'));
    return { front: none, diagnostics: out };
  }
  const shift = front.line - 1;
  const parsed = parseCharterFile({ file, content: front.text });
  for (const d of parsed.diagnostics) {
    const at = { line: d.line + shift, column: d.column };
    out.push(
      YAML_RULES.has(d.rule)
        ? { ...d, ...at }
        : diagnostic(file, at, 'page-front-matter', `${FRONT_MATTER_PROBLEMS[d.rule] ?? d.message}; front matter is a YAML mapping of keys such as "title"`),
    );
  }
  const value = parsed.value;
  if (!value) return { front: { ...none, statusLine: front.line }, diagnostics: out };

  const lineOf = (key: string) => parsed.positionOf([key]).line + shift;
  const has = (key: string) => Object.prototype.hasOwnProperty.call(value, key) && value[key] !== null && value[key] !== undefined;
  const marker = (key: string, message: string) => out.push(diagnostic(file, { line: lineOf(key), column: 1 }, 'page-retirement-marker', message));

  const result: PageFrontMatter = { status: 'active', statusLine: has('status') ? lineOf('status') : front.line };
  if (typeof value.title === 'string' && value.title.trim() !== '') {
    result.title = { text: value.title.trim(), line: lineOf('title') };
  } else {
    out.push(diagnostic(file, { line: has('title') ? lineOf('title') : front.line, column: 1 }, 'page-front-matter', 'the front matter needs "title": the group\'s name, e.g. "Registry Charter"'));
  }

  const { status: S, on: ON, reason: REASON, issue: ISSUE } = RETIREMENT_KEYS;
  if (has(S) && value[S] !== 'active' && value[S] !== 'retired') {
    marker(S, `"${S}" is ${JSON.stringify(String(value[S])).slice(0, 60)}; it is "active" or "retired"`);
    result.status = null;
  } else if (value[S] === 'retired') {
    result.status = 'retired';
    const retired: NonNullable<PageFrontMatter['retired']> = {};
    if (typeof value[REASON] === 'string' && value[REASON].trim() !== '' && value[REASON].length <= MAX_TEXT_LENGTH) {
      retired.reason = value[REASON].trim();
    } else {
      marker(has(REASON) ? REASON : S, `a retired page says why in "${REASON}": a text of 1 to ${MAX_TEXT_LENGTH} characters (where the group's work went)`);
      result.status = null;
    }
    if (!has(ON)) {
      out.push(diagnostic(file, { line: lineOf(S), column: 1 }, 'retired-date-missing', `"${ON}" is missing: write the date the group was retired (YYYY-MM-DD), or "${ON}: ${RETIRED_ON_UNKNOWN}" when no record gives it`));
    } else if (value[ON] === RETIRED_ON_UNKNOWN) {
      result.retiredOnUnknown = true;
    } else if (typeof value[ON] === 'string' && isCalendarDate(value[ON])) {
      retired.on = value[ON];
      result.retiredOnLine = lineOf(ON);
    } else {
      marker(ON, `"${ON}" is not a real date written YYYY-MM-DD, nor "${RETIRED_ON_UNKNOWN}"`);
      result.status = null;
    }
    if (has(ISSUE)) {
      if (typeof value[ISSUE] === 'string' && /^https:\/\/\S+$/.test(value[ISSUE])) retired.issue = value[ISSUE];
      else marker(ISSUE, `"${ISSUE}" is not an https URL`);
    }
    result.retired = retired;
  }
  if (value[S] !== 'retired') {
    for (const key of [ON, REASON, ISSUE]) {
      if (Object.prototype.hasOwnProperty.call(value, key)) marker(key, `"${key}" belongs to a retired page; set "${S}: retired" or remove it`);
    }
  }
  return { front: result, diagnostics: out };
}
