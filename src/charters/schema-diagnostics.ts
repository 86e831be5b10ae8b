/**
 * Turning the charter schema's verdict into diagnostics a facilitator understands: one per
 * problem, at the offending key or value, with a stable rule id and a hint where one helps.
 */
import type { z } from 'zod';
import { CHARTER_KEYS, CharterSchema, DiscussionsSchema, LeadSchema, MeetingsSchema, LOGIN_PATTERN, MAX_ID_LENGTH, RetirementSchema } from './schema.js';
import type { Charter } from './schema.js';
import { RULES } from './diagnostics.js';
import type { Diagnostic, RuleId } from './diagnostics.js';
import { diagnostic } from './parse.js';
import type { KeyPath, ParsedCharterFile } from './parse.js';

/** Which format rule a malformed value of each field breaks. */
const FORMAT_RULE: Record<string, RuleId> = {
  id: 'id-format',
  related_groups: 'id-format',
  previous_ids: 'id-format',
  successor: 'id-format',
  facilitators: 'login-format',
  maintainers: 'login-format',
  sponsors: 'login-format',
  login: 'login-format',
  repos: 'repo-format',
  repo: 'repo-format',
  discord: 'discord-format',
  paths: 'path-format',
  formed: 'date-format',
  on: 'date-format',
  first_work: 'url-format',
  deliverables: 'url-format',
  meeting_notes: 'url-format',
  issue: 'url-format',
};

const WHAT: Record<RuleId | string, string> = {
  'id-format': `a kebab-case id (lowercase letters and digits joined by single hyphens, at most ${MAX_ID_LENGTH} characters), e.g. "tool-filtering"`,
  'login-format': 'a GitHub login: letters, digits and single inner hyphens, at most 39 characters',
  'repo-format': 'a repository as owner/name, e.g. "modelcontextprotocol/registry"',
  'discord-format': 'a Discord channel name: lowercase letters, digits, "-" and "_", e.g. "registry-wg"',
  'path-format': 'a relative glob such as "docs/registry/**" (no leading "/", no "..")',
  'date-format': 'a date written YYYY-MM-DD, e.g. 2025-08-04',
  'url-format': 'an https URL, e.g. https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1302',
};

/** The keys of each nested mapping, by the top-level key that holds it (`leads` holds a list of them). */
const NESTED_KEYS: Record<string, readonly string[]> = {
  discussions: Object.keys(DiscussionsSchema.shape),
  retired: Object.keys(RetirementSchema.shape),
  leads: Object.keys(LeadSchema.shape),
  meetings: Object.keys(MeetingsSchema.shape),
};

/** Most schema issues turned into diagnostics per file (the validator lists at most 100 anyway). */
const MAX_ISSUES_DESCRIBED = 200;

/**
 * Checks a parsed mapping against `CharterSchema`. Returns the charter when it conforms, and a
 * diagnostic per problem otherwise (unknown keys one by one, each with a suggestion).
 */
export function checkCharterSchema(parsed: ParsedCharterFile, value: Record<string, unknown>): {
  charter?: Charter;
  diagnostics: Diagnostic[];
} {
  const outcome = CharterSchema.safeParse(value);
  if (outcome.success) return { charter: outcome.data, diagnostics: [] };
  // Hostile files can yield thousands of issues; more than a file reports (100) are never needed.
  const issues = outcome.error.issues.slice(0, MAX_ISSUES_DESCRIBED);
  return { diagnostics: issues.flatMap((issue) => issueDiagnostics(parsed, value, issue)) };
}

function issueDiagnostics(
  parsed: ParsedCharterFile,
  root: Record<string, unknown>,
  issue: z.core.$ZodIssue,
): Diagnostic[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const name = describePath(path);
  const make = (rule: RuleId, message: string, at: KeyPath = path, where: 'key' | 'value' = 'value') =>
    diagnostic(parsed.file, parsed.positionOf(at, where), rule, message);

  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = path.length === 0 ? CHARTER_KEYS : (NESTED_KEYS[String(path[0])] ?? []);
      return issue.keys.map((key) =>
        make('unknown-key', unknownKeyMessage(key, known, path), [...path, key], 'key'),
      );
    }
    case 'invalid_type': {
      const found = valueAt(root, path);
      if (found === undefined) {
        return [make('missing-field', `missing required field ${name}`, path.slice(0, -1), 'key')];
      }
      if (found === null) {
        return [make('wrong-type', `${name} has no value: give it one or remove the key`)];
      }
      const hint = path[0] === 'leads' && path.length === 2 && typeof found === 'string' ? ` (write each lead as "- login: ${LOGIN_PATTERN.test(found) ? found : 'octocat'}", with an optional "term:")` : '';
      return [make('wrong-type', `${name} must be ${expected(issue.expected, path)}, found ${kindOf(found)}${hint}`)];
    }
    case 'invalid_value':
      // zod reports a missing enum field (`type`, `status`) as an invalid value.
      if (valueAt(root, path) === undefined) {
        return [make('missing-field', `missing required field ${name}`, path.slice(0, -1), 'key')];
      }
      return [
        make('invalid-value', `${name} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}; found ${shown(valueAt(root, path))}`),
      ];
    case 'invalid_format': {
      const rule = formatRule(path);
      const found = valueAt(root, path);
      return [make(rule, `${name} is not ${WHAT[rule] ?? 'well-formed'}; found ${shown(found)}${formatHint(rule, found)}`)];
    }
    case 'too_small':
      return [
        make('invalid-value', issue.origin === 'array' ? `${name} must list at least one entry (or leave the key out)` : `${name} must not be empty`),
      ];
    case 'too_big': {
      const rule: RuleId = path.at(-1) === 'id' || typeof path.at(-1) === 'number' && FORMAT_RULE[String(path[0])] === 'id-format' ? 'id-format' : 'invalid-value';
      return [make(rule, `${name} is longer than ${String(issue.maximum)} ${issue.origin === 'array' ? 'entries' : 'characters'}`)];
    }
    case 'custom': {
      // A refinement names the rule it enforces (`params.rule`; a lead's term: date-format).
      const named: unknown = (issue.params as { rule?: unknown } | undefined)?.rule;
      const rule = typeof named === 'string' && Object.prototype.hasOwnProperty.call(RULES, named) ? (named as RuleId) : 'invalid-value';
      return [make(rule, `${name} ${issue.message}; found ${shown(valueAt(root, path))}`)];
    }
    default:
      return [make('invalid-value', `${name}: ${issue.message}`)];
  }
}

/** Longest rendering of a found value in a message (aliases can make a value megabytes long). */
const MAX_SHOWN = 100;

/** A found value as JSON, cut to `MAX_SHOWN` characters. */
function shown(value: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(value) ?? String(value);
  } catch {
    return kindOf(value);
  }
  return json.length > MAX_SHOWN ? `${json.slice(0, MAX_SHOWN)}…` : json;
}

function formatRule(path: KeyPath): RuleId {
  const field = [...path].reverse().find((p): p is string => typeof p === 'string');
  return (field && FORMAT_RULE[field]) || 'invalid-value';
}

function formatHint(rule: RuleId, found: unknown): string {
  if (typeof found !== 'string') return '';
  if (rule === 'login-format' && found.startsWith('@')) return ' (write logins without "@")';
  if (rule === 'discord-format' && found.startsWith('#')) return ' (write the channel without "#")';
  if (rule === 'discord-format' && /[A-Z]/.test(found)) return ' (Discord channel names are lowercase)';
  if (rule === 'url-format' && found.startsWith('http://')) return ' (use https)';
  if (rule === 'date-format' && /^\d{4}-\d{2}-\d{2}T/.test(found)) return ' (a date only, without a time)';
  if (rule === 'id-format' && found.toLowerCase() !== found) return ' (ids are lowercase)';
  if (rule === 'repo-format' && /^https?:\/\//.test(found)) return ' (write owner/name, not a URL)';
  return '';
}

function unknownKeyMessage(key: string, known: readonly string[], parent: KeyPath): string {
  const where = parent.length === 0 ? 'a charter' : `${describePath(parent)}`;
  const guess = closest(key, known);
  return guess
    ? `unknown key "${key}" in ${where}; did you mean "${guess}"?`
    : `unknown key "${key}" in ${where}; allowed keys: ${known.join(', ')}`;
}

/** The allowed key nearest to a typo (edit distance ≤ 2, or the same letters ignoring case and separators). */
function closest(key: string, known: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = norm(candidate) === norm(key) ? 0 : editDistance(key.toLowerCase(), candidate);
    // A "suggestion" that replaces every character of the key is no suggestion.
    if (distance <= 2 && distance < key.length && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function expected(type: string, path: KeyPath): string {
  if (type === 'array') return 'a list';
  if (type === 'object') return path.length === 0 ? 'a mapping' : 'a mapping of keys';
  if (type === 'string') return 'text';
  return `a ${type}`;
}

/** The YAML-level kind of a value, as a facilitator would name it. */
export function kindOf(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  // Explicit tags (`!!timestamp`, `!!binary`, `!!set`) yield objects that are not mappings.
  if (value instanceof Date) return 'a timestamp';
  if (value instanceof Uint8Array) return 'binary data';
  if (value instanceof Set) return 'a set';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  return typeof value;
}

/** `facilitators[2]`, `retired.on`: a key path as a person reads it. */
export function describePath(path: KeyPath): string {
  if (path.length === 0) return 'the charter';
  return `"${path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')}"`;
}

function valueAt(root: unknown, path: KeyPath): unknown {
  let node: unknown = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}
