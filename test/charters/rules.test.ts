/**
 * Every rule of the catalogue (`RULES`): a failing case at an exact line and column, with its
 * severity and the key words of its message, and a passing case showing the valid form does not
 * trigger it.
 */
import { describe, expect, it } from '@jest/globals';
import { RULES } from '../../src/charters/diagnostics.js';
import type { RuleId, Severity } from '../../src/charters/diagnostics.js';
import { MAX_CHARTER_BYTES } from '../../src/charters/parse.js';
import { looksLikeCharter, MAX_DIAGNOSTICS_PER_FILE, validateCharters } from '../../src/charters/validate.js';
import { found, INTEREST_GROUP, NOW, validate, withLine, WORKING_GROUP } from './helpers.js';

type Files = Record<string, string | Uint8Array>;

/*
 * Line map of the fixtures.
 * WORKING_GROUP (registry.yaml): 1 comment, 2 id, 3 name, 4 type, 5 status, 6 formed,
 *   7 facilitators, 8 "- rdimitrov", 9 discord, 10 repos, 11 "- modelcontextprotocol/registry",
 *   12-13 use_cases, 14 first_work, 15 deliverables, 16 "- https://…"; appended text starts at 17.
 * INTEREST_GROUP (security.yaml): 1 id, 2 name, 3 type, 4 status, 5 formed, 6 facilitators,
 *   7 "- localden", 8 discord, 9-10 differentiation, 11-12 first_topic; appended text starts at 13.
 */
const WG = WORKING_GROUP;
const IG = INTEREST_GROUP;

/** Removes lines `from`..`to` (1-based, inclusive) of a charter text. */
function withoutLines(text: string, from: number, to: number = from): string {
  const lines = text.split('\n');
  lines.splice(from - 1, to - from + 1);
  return lines.join('\n');
}

/** The working group, retired (lines 17-19 are its retired block). */
const RETIRED_WG = `${withLine(WG, 5, 'status: retired')}retired:
  on: 2026-01-01
  reason: Merged into the Agents Working Group.
`;

/** Another active interest group, `auth.yaml`. */
const AUTH_IG = withLine(withLine(IG, 1, 'id: auth'), 8, 'discord: auth-ig');

/** A charter with `count` unknown keys appended (lines 17 … 16 + count). */
function withUnknownKeys(count: number): string {
  let text = WG;
  for (let i = 0; i < count; i += 1) text += `unknown_${i}: x\n`;
  return text;
}

const ALIAS_BOMB = [
  'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
  'g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]',
  '',
].join('\n');

/** `text` padded with a trailing comment to exactly `bytes` bytes. */
function padTo(text: string, bytes: number): string {
  const padding = bytes - Buffer.byteLength(text, 'utf8') - 2;
  return `${text}#${'x'.repeat(padding)}\n`;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

interface Failing {
  rule: RuleId;
  name: string;
  files: Files;
  /** The file the diagnostic is expected in (defaults to the only file). */
  file?: string;
  line: number;
  column: number;
  severity: Severity;
  /** Key words the message must contain. */
  message: RegExp;
  /** Every diagnostic of that file as `rule@line:column`, when more than the expected one. */
  all?: string[];
}

const failing: Failing[] = [
  // Reading the file
  {
    rule: 'file-too-large',
    name: 'a file one byte over 64 KiB',
    files: { 'registry.yaml': padTo(WG, MAX_CHARTER_BYTES + 1) },
    line: 1, column: 1, severity: 'error', message: /65537 bytes.*at most 65536/,
  },
  {
    rule: 'file-encoding',
    name: 'invalid UTF-8 (0xC3 0x28) in the name',
    files: { 'registry.yaml': new Uint8Array([...utf8('id: registry\nname: Caf'), 0xc3, 0x28, 0x0a]) },
    line: 2, column: 10, severity: 'error', message: /not valid UTF-8/,
  },
  {
    rule: 'file-encoding',
    name: 'a NUL byte',
    files: { 'registry.yaml': utf8('id: registry\nname: Reg\0istry\n') },
    line: 2, column: 10, severity: 'error', message: /binary data \(a NUL byte\)/,
  },
  {
    rule: 'file-extension',
    name: 'a .yml file',
    files: { 'registry.yml': WG },
    line: 1, column: 1, severity: 'error', message: /rename this file to registry\.yaml/,
  },
  {
    rule: 'yaml-syntax',
    name: 'a tab as indentation',
    files: { 'registry.yaml': withLine(WG, 8, '\t- rdimitrov') },
    line: 8, column: 1, severity: 'error', message: /Tabs are not allowed/,
  },
  {
    rule: 'yaml-duplicate-key',
    name: 'name given twice',
    files: { 'registry.yaml': `${WG}name: Registry Again\n` },
    line: 17, column: 1, severity: 'error', message: /appears twice/,
  },
  {
    rule: 'yaml-alias-limit',
    name: 'a billion-laughs alias bomb (at its first alias)',
    files: { 'registry.yaml': ALIAS_BOMB },
    line: 2, column: 8, severity: 'error', message: /more than 100 alias uses/,
  },
  {
    rule: 'yaml-tag',
    name: 'an unresolved custom tag',
    files: { 'registry.yaml': withLine(WG, 3, 'name: !custom Registry Working Group') },
    line: 3, column: 7, severity: 'warning', message: /Unresolved tag: !custom/,
  },
  // The document
  {
    rule: 'document-empty',
    name: 'an empty file',
    files: { 'registry.yaml': '' },
    line: 1, column: 1, severity: 'error', message: /empty/,
  },
  {
    rule: 'document-not-mapping',
    name: 'a top-level list',
    files: { 'registry.yaml': '# a list\n- id: registry\n' },
    line: 2, column: 1, severity: 'error', message: /is a list/,
  },
  {
    rule: 'multiple-documents',
    name: 'two documents',
    files: { 'registry.yaml': `${WG}---\n${WG}` },
    line: 17, column: 1, severity: 'error', message: /2 YAML documents/,
  },
  // The schema
  {
    rule: 'unknown-key',
    name: '"facilitator", a typo of "facilitators"',
    files: { 'registry.yaml': withLine(WG, 7, 'facilitator:') },
    line: 7, column: 1, severity: 'error', message: /unknown key "facilitator".*did you mean "facilitators"\?/,
    all: ['active-required-field@5:9', 'unknown-key@7:1'],
  },
  {
    rule: 'unknown-key',
    name: 'a typo inside the retired block',
    files: { 'registry.yaml': withLine(RETIRED_WG, 19, '  reasn: Merged.') },
    line: 19, column: 3, severity: 'error', message: /unknown key "reasn" in "retired"; did you mean "reason"\?/,
    all: ['missing-field@17:1', 'unknown-key@19:3'],
  },
  {
    rule: 'missing-field',
    name: 'no name (at the start of the mapping)',
    files: { 'registry.yaml': withoutLines(WG, 3) },
    line: 2, column: 1, severity: 'error', message: /missing required field "name"/,
  },
  {
    rule: 'missing-field',
    name: 'no type (an enum field)',
    files: { 'registry.yaml': withoutLines(WG, 4) },
    line: 2, column: 1, severity: 'error', message: /missing required field "type"/,
  },
  {
    rule: 'missing-field',
    name: 'no retired.reason (at the retired key)',
    files: { 'registry.yaml': withoutLines(RETIRED_WG, 19) },
    line: 17, column: 1, severity: 'error', message: /missing required field "retired\.reason"/,
  },
  {
    rule: 'wrong-type',
    name: 'a list where text goes',
    files: { 'registry.yaml': withLine(WG, 3, 'name: [Registry, Working Group]') },
    line: 3, column: 7, severity: 'error', message: /"name" must be text, found a list/,
  },
  {
    rule: 'wrong-type',
    name: 'text where a list goes',
    files: { 'registry.yaml': withoutLines(withLine(WG, 7, 'facilitators: rdimitrov'), 8) },
    line: 7, column: 15, severity: 'error', message: /"facilitators" must be a list, found text "rdimitrov"/,
  },
  {
    rule: 'wrong-type',
    name: 'a number',
    files: { 'registry.yaml': withLine(WG, 3, 'name: 42') },
    line: 3, column: 7, severity: 'error', message: /"name" must be text, found the number 42/,
  },
  {
    rule: 'wrong-type',
    name: 'a boolean',
    files: { 'registry.yaml': withLine(WG, 3, 'name: true') },
    line: 3, column: 7, severity: 'error', message: /"name" must be text, found the boolean true/,
  },
  {
    rule: 'wrong-type',
    name: 'a key with no value (at the key)',
    files: { 'registry.yaml': withLine(WG, 3, 'name:') },
    line: 3, column: 1, severity: 'error', message: /"name" has no value/,
  },
  {
    rule: 'wrong-type',
    name: 'a key with only a comment after it (at the key)',
    files: { 'registry.yaml': withLine(WG, 3, 'name:   # to do') },
    line: 3, column: 1, severity: 'error', message: /"name" has no value/,
  },
  {
    rule: 'wrong-type',
    name: 'a list entry that is a mapping',
    files: { 'registry.yaml': withLine(WG, 8, '  - login: rdimitrov') },
    line: 8, column: 5, severity: 'error', message: /"facilitators\[0\]" must be text, found a mapping/,
  },
  {
    rule: 'invalid-value',
    name: 'an enum typo (type: workng)',
    files: { 'registry.yaml': withLine(WG, 4, 'type: workng') },
    line: 4, column: 7, severity: 'error', message: /"type" must be one of "working", "interest"; found "workng"/,
  },
  {
    rule: 'invalid-value',
    name: 'an empty list',
    files: { 'registry.yaml': withoutLines(withLine(WG, 7, 'facilitators: []'), 8) },
    line: 7, column: 15, severity: 'error', message: /"facilitators" must list at least one entry/,
  },
  {
    rule: 'invalid-value',
    name: 'a blank name',
    files: { 'registry.yaml': withLine(WG, 3, 'name: "   "') },
    line: 3, column: 7, severity: 'error', message: /"name" must not be empty/,
  },
  {
    rule: 'invalid-value',
    name: 'a name over 100 characters',
    files: { 'registry.yaml': withLine(WG, 3, `name: ${'R'.repeat(101)}`) },
    line: 3, column: 7, severity: 'error', message: /"name" is longer than 100 characters/,
  },
  {
    rule: 'id-format',
    name: 'an id that is not kebab-case',
    files: { 'Registry_WG.yaml': withLine(WG, 2, 'id: Registry_WG') },
    line: 2, column: 5, severity: 'error', message: /not a kebab-case id.*"Registry_WG" \(ids are lowercase\)/,
  },
  {
    rule: 'id-format',
    name: 'an id of 48 characters',
    files: { [`${'a'.repeat(48)}.yaml`]: withLine(WG, 2, `id: ${'a'.repeat(48)}`) },
    line: 2, column: 5, severity: 'error', message: /"id" is longer than 47 characters/,
  },
  {
    rule: 'id-format',
    name: 'a previous id that is not kebab-case',
    files: { 'registry.yaml': `${WG}previous_ids:\n  - registry--wg\n` },
    line: 18, column: 5, severity: 'error', message: /"previous_ids\[0\]" is not a kebab-case id/,
  },
  {
    rule: 'login-format',
    name: 'a login with "@"',
    files: { 'registry.yaml': withLine(WG, 8, '  - "@rdimitrov"') },
    line: 8, column: 5, severity: 'error', message: /"facilitators\[0\]" is not a GitHub login.*\(write logins without "@"\)/,
  },
  {
    rule: 'login-format',
    name: 'a login with a double hyphen',
    files: { 'registry.yaml': withLine(WG, 8, '  - rd--imitrov') },
    line: 8, column: 5, severity: 'error', message: /not a GitHub login.*"rd--imitrov"/,
  },
  {
    rule: 'login-format',
    name: 'a login of 40 characters',
    files: { 'registry.yaml': withLine(WG, 8, `  - ${'a'.repeat(40)}`) },
    line: 8, column: 5, severity: 'error', message: /not a GitHub login.*at most 39 characters/,
  },
  {
    rule: 'login-format',
    name: 'a maintainer with a trailing hyphen',
    files: { 'registry.yaml': `${WG}maintainers: [dsp-]\n` },
    line: 17, column: 15, severity: 'error', message: /"maintainers\[0\]" is not a GitHub login/,
  },
  {
    rule: 'login-format',
    name: 'a lead with "@" (SEP-2149 Part 2 § 4), at its line',
    files: { 'registry.yaml': `${WG}leads:\n  - login: tadasant\n  - login: "@rdimitrov"\n    term: 2027 H1\n` },
    line: 19, column: 12, severity: 'error', message: /"leads\[1\]\.login" is not a GitHub login.*\(write logins without "@"\)/,
  },
  {
    rule: 'login-format',
    name: 'a sponsor with a trailing hyphen',
    files: { 'registry.yaml': `${WG}sponsors: [dsp-ant, localden-]\n` },
    line: 17, column: 21, severity: 'error', message: /"sponsors\[1\]" is not a GitHub login/,
  },
  {
    rule: 'wrong-type',
    name: 'a lead written as a plain login (leads are { login, term? })',
    files: { 'registry.yaml': `${WG}leads:\n  - rdimitrov\n` },
    line: 18, column: 5, severity: 'error', message: /"leads\[0\]" must be a mapping of keys, found text "rdimitrov" \(write each lead as "- login: rdimitrov"/,
  },
  {
    rule: 'missing-field',
    name: 'a lead without a login (at the entry)',
    files: { 'registry.yaml': `${WG}leads:\n  - term: until 2027-01-31\n` },
    line: 18, column: 5, severity: 'error', message: /missing required field "leads\[0\]\.login"/,
  },
  {
    rule: 'unknown-key',
    name: 'a typo inside a lead',
    files: { 'registry.yaml': `${WG}leads:\n  - login: rdimitrov\n    trem: until 2027-01-31\n` },
    line: 19, column: 5, severity: 'error', message: /unknown key "trem" in "leads\[0\]"; did you mean "term"\?/,
  },
  {
    rule: 'date-format',
    name: 'a lead term ending in a date that does not exist',
    files: { 'registry.yaml': `${WG}leads:\n  - login: rdimitrov\n    term: until 2027-02-30\n` },
    line: 19, column: 11, severity: 'error', message: /"leads\[0\]\.term" ends in a date that does not exist.*found "until 2027-02-30"/,
  },
  {
    rule: 'invalid-value',
    name: 'a lead term over 200 characters',
    files: { 'registry.yaml': `${WG}leads:\n  - login: rdimitrov\n    term: ${'t'.repeat(201)}\n` },
    line: 19, column: 11, severity: 'error', message: /"leads\[0\]\.term" is longer than 200 characters/,
  },
  {
    rule: 'repo-format',
    name: 'a repository given as a URL',
    files: { 'registry.yaml': withLine(WG, 11, '  - https://github.com/modelcontextprotocol/registry') },
    line: 11, column: 5, severity: 'error', message: /"repos\[0\]" is not a repository as owner\/name.*\(write owner\/name, not a URL\)/,
  },
  {
    rule: 'repo-format',
    name: 'a Discussions repository given as a URL',
    files: { 'registry.yaml': `${WG}discussions:\n  repo: https://github.com/modelcontextprotocol/modelcontextprotocol\n  category: Registry WG\n` },
    line: 18, column: 9, severity: 'error', message: /"discussions\.repo" is not a repository as owner\/name/,
  },
  {
    rule: 'unknown-key',
    name: 'a typo inside discussions',
    files: { 'registry.yaml': `${WG}discussions:\n  repo: modelcontextprotocol/modelcontextprotocol\n  categroy: Registry WG\n` },
    line: 19, column: 3, severity: 'error', message: /unknown key "categroy" in "discussions"; did you mean "category"\?/,
    all: ['missing-field@17:1', 'unknown-key@19:3'],
  },
  {
    rule: 'url-format',
    name: 'an http URL',
    files: { 'registry.yaml': withLine(WG, 14, 'first_work: http://github.com/modelcontextprotocol/modelcontextprotocol/pull/2186') },
    line: 14, column: 13, severity: 'error', message: /"first_work" is not an https URL.*\(use https\)/,
  },
  {
    rule: 'url-format',
    name: 'a URL without a host name',
    files: { 'registry.yaml': `${WG}meeting_notes: https://localhost/notes\n` },
    line: 17, column: 16, severity: 'error', message: /"meeting_notes" is not an https URL/,
  },
  {
    rule: 'date-format',
    name: 'a date that does not exist (2025-02-30)',
    files: { 'registry.yaml': withLine(WG, 6, 'formed: 2025-02-30') },
    line: 6, column: 9, severity: 'error', message: /"formed" is not a date written YYYY-MM-DD.*"2025-02-30"/,
  },
  {
    rule: 'date-format',
    name: 'a date with a time',
    files: { 'registry.yaml': withLine(WG, 6, 'formed: 2025-07-24T10:00:00Z') },
    line: 6, column: 9, severity: 'error', message: /"formed" is not a date.*\(a date only, without a time\)/,
  },
  {
    rule: 'date-format',
    name: 'retired.on that is not a date',
    files: { 'registry.yaml': withLine(RETIRED_WG, 18, '  on: January 2026') },
    line: 18, column: 7, severity: 'error', message: /"retired\.on" is not a date/,
  },
  {
    rule: 'date-format',
    name: 'retired.on that is a day that does not exist',
    files: { 'registry.yaml': withLine(RETIRED_WG, 18, '  on: 2026-02-29') },
    line: 18, column: 7, severity: 'error', message: /"retired\.on" is not a date written YYYY-MM-DD.*found "2026-02-29"/,
  },
  {
    rule: 'date-format',
    name: 'retired.on that says "Unknown" (the word is lowercase)',
    files: { 'registry.yaml': withLine(RETIRED_WG, 18, '  on: Unknown') },
    line: 18, column: 7, severity: 'error', message: /"retired\.on" is not a date.*found "Unknown"/,
  },
  {
    rule: 'date-future',
    name: 'formed tomorrow',
    files: { 'registry.yaml': withLine(WG, 6, 'formed: 2026-11-23') },
    line: 6, column: 9, severity: 'error', message: /"formed" is 2026-11-23, after today \(2026-11-22 UTC\)/,
  },
  {
    rule: 'date-future',
    name: 'retired.on in the future',
    files: { 'registry.yaml': withLine(RETIRED_WG, 18, '  on: 2027-01-01') },
    line: 18, column: 7, severity: 'error', message: /"retired\.on" is 2027-01-01, after today/,
  },
  {
    rule: 'discord-format',
    name: 'a channel written with "#"',
    files: { 'registry.yaml': withLine(WG, 9, 'discord: "#registry-wg"') },
    line: 9, column: 10, severity: 'error', message: /"discord" is not a Discord channel name.*\(write the channel without "#"\)/,
  },
  {
    rule: 'path-format',
    name: 'an absolute path glob',
    files: { 'registry.yaml': `${WG}paths:\n  - /docs/registry/**\n` },
    line: 18, column: 5, severity: 'error', message: /"paths\[0\]" is not a relative glob/,
  },
  {
    rule: 'path-format',
    name: 'a path glob climbing out with ".."',
    files: { 'registry.yaml': `${WG}paths:\n  - docs/../../etc/**\n` },
    line: 18, column: 5, severity: 'error', message: /"paths\[0\]" is not a relative glob/,
  },
  // Across files
  {
    rule: 'id-matches-file',
    name: 'an id that differs from the file name',
    files: { 'registry-wg.yaml': WG },
    line: 2, column: 5, severity: 'error', message: /the id "registry" differs from the file name "registry-wg"/,
  },
  {
    rule: 'id-unique',
    name: 'two ids equal but for case (reported in both files)',
    files: { 'registry.yaml': WG, 'Registry.yaml': withLine(withLine(WG, 2, 'id: Registry'), 11, '  - modelcontextprotocol/other') },
    file: 'registry.yaml',
    line: 2, column: 5, severity: 'error', message: /the id "registry" is also claimed by Registry\.yaml \(id\)/,
  },
  {
    rule: 'id-unique',
    name: 'an id clashing with another file\'s id, case-insensitively (the other side)',
    files: { 'registry.yaml': WG, 'Registry.yaml': withLine(withLine(WG, 2, 'id: Registry'), 11, '  - modelcontextprotocol/other') },
    file: 'Registry.yaml',
    line: 2, column: 5, severity: 'error', message: /the id "Registry" is also claimed by registry\.yaml \(id\)/,
    all: ['id-format@2:5', 'id-unique@2:5'],
  },
  {
    rule: 'id-unique',
    name: 'two groups claiming one previous id',
    files: { 'registry.yaml': `${WG}previous_ids:\n  - old\n`, 'security.yaml': `${IG}previous_ids:\n  - old\n` },
    file: 'registry.yaml',
    line: 18, column: 5, severity: 'error', message: /the id "old" is also claimed by security\.yaml \(previous_ids\)/,
  },
  {
    rule: 'id-unique',
    name: 'two groups claiming one retired charter as predecessor',
    files: { 'registry.yaml': RETIRED_WG, 'security.yaml': `${IG}previous_ids:\n  - registry\n`, 'auth.yaml': `${AUTH_IG}previous_ids:\n  - registry\n` },
    file: 'security.yaml',
    line: 14, column: 5, severity: 'error', message: /the id "registry" is also claimed by auth\.yaml \(previous_ids\)/,
  },
  // Groups that change shape (issue 24)
  {
    rule: 'previous-id-live',
    name: 'an active group\'s id listed as another\'s previous id',
    files: { 'registry.yaml': WG, 'security.yaml': `${IG}previous_ids:\n  - registry\n` },
    file: 'security.yaml',
    line: 14, column: 5, severity: 'error', message: /"registry" is an active group \(registry\.yaml\)/,
  },
  {
    rule: 'previous-id-successor',
    name: 'a retired group listed as previous id while it names another successor',
    files: { 'registry.yaml': `${RETIRED_WG}  successor: auth\n`, 'auth.yaml': AUTH_IG, 'security.yaml': `${IG}previous_ids:\n  - registry\n` },
    file: 'security.yaml',
    line: 14, column: 5, severity: 'error', message: /"registry" \(registry\.yaml\) names "auth" as its successor/,
  },
  {
    rule: 'successor-unknown',
    name: 'a successor with no charter',
    files: { 'registry.yaml': `${RETIRED_WG}  successor: agents\n` },
    line: 20, column: 14, severity: 'error', message: /no charter has the id "agents"/,
  },
  {
    rule: 'successor-unknown',
    name: 'a group naming itself as its successor',
    files: { 'registry.yaml': `${RETIRED_WG}  successor: registry\n` },
    line: 20, column: 14, severity: 'error', message: /names the group itself/,
    all: ['successor-unknown@20:14'],
  },
  {
    rule: 'successor-retired',
    name: 'a successor retired without a successor of its own',
    files: { 'registry.yaml': `${RETIRED_WG}  successor: security\n`, 'security.yaml': `${withLine(IG, 4, 'status: retired')}retired:\n  on: 2026-01-01\n  reason: Merged.\n` },
    file: 'registry.yaml',
    line: 20, column: 14, severity: 'warning', message: /the successor "security" is itself retired and names no successor/,
  },
  {
    rule: 'successor-cycle',
    name: 'two retired groups naming each other',
    files: { 'registry.yaml': `${RETIRED_WG}  successor: security\n`, 'security.yaml': `${withLine(IG, 4, 'status: retired')}retired:\n  on: 2026-01-01\n  reason: Merged.\n  successor: registry\n` },
    file: 'security.yaml',
    line: 16, column: 14, severity: 'error', message: /following successors from "security" leads back to it \(security → registry → security\)/,
  },
  {
    rule: 'id-unique',
    name: 'previous_ids listing the group\'s own id',
    files: { 'registry.yaml': `${WG}previous_ids:\n  - registry\n` },
    line: 18, column: 5, severity: 'error', message: /"previous_ids" lists the group's own id "registry"/,
  },
  {
    rule: 'related-group-unknown',
    name: 'a related group with no charter',
    files: { 'security.yaml': `${IG}related_groups:\n  - auth\n` },
    line: 14, column: 5, severity: 'error', message: /no charter has the id "auth"/,
  },
  {
    rule: 'related-group-not-interest',
    name: 'a related group that is a working group',
    files: { 'registry.yaml': WG, 'security.yaml': `${IG}related_groups:\n  - registry\n` },
    file: 'security.yaml',
    line: 14, column: 5, severity: 'error', message: /"registry" is a working group/,
  },
  {
    rule: 'related-group-self',
    name: 'a related group that is the group itself',
    files: { 'security.yaml': `${IG}related_groups:\n  - security\n` },
    line: 14, column: 5, severity: 'error', message: /names the group itself \("security"\)/,
  },
  // Type and status
  {
    rule: 'type-field',
    name: 'an interest-group field on a working group',
    files: { 'registry.yaml': `${WG}first_topic: Registry federation.\n` },
    line: 17, column: 1, severity: 'error', message: /"first_topic" belongs to interest groups; a working group does not have it/,
  },
  {
    rule: 'type-field',
    name: 'a working-group field on an interest group',
    files: { 'security.yaml': `${IG}deliverables:\n  - https://github.com/modelcontextprotocol/modelcontextprotocol/issues/1\n` },
    line: 13, column: 1, severity: 'error', message: /"deliverables" belongs to working groups; an interest group does not have it/,
  },
  {
    rule: 'type-field',
    name: 'leads on an interest group (SEP-2149 § 1.1: an IG has facilitators)',
    files: { 'security.yaml': `${IG}leads:\n  - login: localden\n` },
    line: 13, column: 1, severity: 'error', message: /"leads" belongs to working groups; an interest group does not have it/,
  },
  {
    rule: 'type-required-field',
    name: 'an active working group without use_cases',
    files: { 'registry.yaml': withoutLines(WG, 12, 13) },
    line: 4, column: 7, severity: 'error', message: /active working group needs "use_cases"/,
  },
  {
    rule: 'type-required-field',
    name: 'an active working group without first_work',
    files: { 'registry.yaml': withoutLines(WG, 14) },
    line: 4, column: 7, severity: 'error', message: /active working group needs "first_work"/,
  },
  {
    rule: 'type-required-field',
    name: 'an active interest group without differentiation',
    files: { 'security.yaml': withoutLines(IG, 9, 10) },
    line: 3, column: 7, severity: 'error', message: /active interest group needs "differentiation"/,
  },
  {
    rule: 'type-required-field',
    name: 'an active interest group without first_topic',
    files: { 'security.yaml': withoutLines(IG, 11, 12) },
    line: 3, column: 7, severity: 'error', message: /active interest group needs "first_topic"/,
  },
  {
    rule: 'active-required-field',
    name: 'an active group without facilitators',
    files: { 'registry.yaml': withoutLines(WG, 7, 8) },
    line: 5, column: 9, severity: 'error', message: /active group needs "facilitators"/,
  },
  {
    rule: 'active-required-field',
    name: 'an active working group with neither facilitators nor leads',
    files: { 'registry.yaml': withoutLines(WG, 7, 8) },
    line: 5, column: 9, severity: 'error', message: /"facilitators" \(SEP-1302 § Facilitators\) or, for a working group, "leads" \(SEP-2149 § 1\.1\)/,
  },
  {
    rule: 'active-required-field',
    name: 'an active interest group with leads instead of facilitators',
    files: { 'security.yaml': `${withoutLines(IG, 6, 7)}leads:\n  - login: localden\n` },
    line: 4, column: 9, severity: 'error', message: /active group needs "facilitators".*an interest group's leads are its facilitators/,
    all: ['active-required-field@4:9', 'type-field@11:1'],
  },
  {
    rule: 'active-required-field',
    name: 'an active group without formed',
    files: { 'registry.yaml': withoutLines(WG, 6) },
    line: 5, column: 9, severity: 'error', message: /active group needs "formed"/,
  },
  {
    rule: 'retired-block',
    name: 'a retired group without a retired block',
    files: { 'registry.yaml': withLine(WG, 5, 'status: retired') },
    line: 5, column: 9, severity: 'error', message: /retired group records "retired: \{ on, reason \}"/,
  },
  {
    rule: 'retired-block',
    name: 'a retired block on an active group',
    files: { 'registry.yaml': `${WG}retired:\n  on: 2026-01-01\n  reason: Never.\n` },
    line: 17, column: 1, severity: 'error', message: /"retired" is only for a retired group/,
  },
  {
    rule: 'retired-before-formed',
    name: 'retired.on before formed',
    files: { 'registry.yaml': withLine(RETIRED_WG, 18, '  on: 2025-07-23') },
    line: 18, column: 7, severity: 'error', message: /"retired\.on" \(2025-07-23\) is before "formed" \(2025-07-24\)/,
  },
  // Conventions (warnings)
  {
    rule: 'retired-date-missing',
    name: 'a retired group without retired.on',
    files: { 'registry.yaml': withoutLines(RETIRED_WG, 18) },
    line: 17, column: 1, severity: 'warning', message: /^"retired\.on" is missing: write the date the group was retired \(YYYY-MM-DD\), or "on: unknown" when no record gives it$/,
  },
  {
    rule: 'discord-suffix',
    name: 'a working group channel without -wg',
    files: { 'registry.yaml': withLine(WG, 9, 'discord: registry-dev') },
    line: 9, column: 10, severity: 'warning', message: /"registry-dev" does not end in "-wg"/,
  },
  {
    rule: 'discord-suffix',
    name: 'an interest group channel ending in -wg',
    files: { 'security.yaml': withLine(IG, 8, 'discord: security-wg') },
    line: 8, column: 10, severity: 'warning', message: /"security-wg" does not end in "-ig"/,
  },
  {
    rule: 'meetings-tag-no-base',
    name: 'a calendar tag with no configured calendar base (issue 23)',
    files: { 'registry.yaml': `${WG}meetings:\n  tag: registry-wg\n` },
    line: 18, column: 8, severity: 'warning', message: /^"meetings\.tag" is a tag on the configured calendar, but no calendar is configured: set `meetings\.calendar_base` in \.github\/group-steward\.yml .*or give "meetings\.calendar" \(the ICS URL\)/,
  },
  {
    rule: 'discord-missing',
    name: 'an active group without discord (at its id)',
    files: { 'registry.yaml': withoutLines(WG, 9) },
    line: 2, column: 5, severity: 'warning', message: /names no Discord channel/,
  },
  {
    rule: 'lead-term-expired',
    name: 'a lead whose term ended yesterday (SEP-2149 Part 2 § 4)',
    files: { 'registry.yaml': `${WG}leads:\n  - login: rdimitrov\n    term: until 2026-11-21\n` },
    line: 19, column: 11, severity: 'warning', message: /the term of lead "rdimitrov" ended on 2026-11-21, before today \(2026-11-22 UTC\).*SEP-2149 Part 2 § 4/,
  },
  {
    rule: 'lead-term-expired',
    name: 'a term that is a date, on a working group led only by leads',
    files: { 'registry.yaml': `${withoutLines(WG, 7, 8)}leads:\n  - login: rdimitrov\n    term: "2027-01-31"\n  - login: tadasant\n    term: 2026-06-30\n` },
    line: 19, column: 11, severity: 'warning', message: /the term of lead "tadasant" ended on 2026-06-30/,
  },
  {
    rule: 'deliverable-untracked',
    name: 'a deliverable that is not a GitHub issue or PR',
    files: { 'registry.yaml': withLine(WG, 16, '  - https://github.com/modelcontextprotocol/registry/blob/main/README.md') },
    line: 16, column: 5, severity: 'warning', message: /not a GitHub issue or pull request URL/,
  },
  {
    rule: 'duplicate-entry',
    name: 'a facilitator listed twice (ignoring case)',
    files: { 'registry.yaml': withLine(WG, 8, '  - rdimitrov\n  - RDimitrov') },
    line: 9, column: 5, severity: 'warning', message: /"facilitators" lists "RDimitrov" twice/,
  },
  {
    rule: 'duplicate-entry',
    name: 'a lead listed twice (ignoring case)',
    files: { 'registry.yaml': `${WG}leads:\n  - login: rdimitrov\n  - login: RDimitrov\n    term: 2027 H1\n` },
    line: 19, column: 12, severity: 'warning', message: /"leads" lists "RDimitrov" twice/,
  },
  {
    rule: 'repo-shared',
    name: 'two active groups owning one repository',
    files: { 'registry.yaml': WG, 'security.yaml': `${IG}repos:\n  - ModelContextProtocol/Registry\n` },
    file: 'security.yaml',
    line: 14, column: 5, severity: 'warning', message: /modelcontextprotocol\/registry is also owned by registry\.yaml/,
  },
  {
    rule: 'repo-shared',
    name: 'two active groups owning one repository (the other side)',
    files: { 'registry.yaml': WG, 'security.yaml': `${IG}repos:\n  - ModelContextProtocol/Registry\n` },
    file: 'registry.yaml',
    line: 11, column: 5, severity: 'warning', message: /also owned by security\.yaml/,
  },
  // Reporting
  {
    rule: 'too-many-problems',
    name: 'a file with 120 unknown keys (at the 100th, listed last)',
    files: { 'registry.yaml': withUnknownKeys(120) },
    line: 116, column: 1, severity: 'error', message: /20 more problems in this file are not listed/,
    all: [
      ...Array.from({ length: MAX_DIAGNOSTICS_PER_FILE }, (_, i) => `unknown-key@${17 + i}:1`),
      'too-many-problems@116:1',
    ],
  },
];

interface Passing {
  rule: RuleId;
  name: string;
  files: Files;
  /** Diagnostics (`rule@line:column`) the valid form still has; none unless given. */
  expected?: string[];
  /** Whether every file loads as a charter (default true). */
  loads?: boolean;
}

const passing: Passing[] = [
  { rule: 'file-too-large', name: 'a file of exactly 64 KiB', files: { 'registry.yaml': padTo(WG, MAX_CHARTER_BYTES) } },
  { rule: 'file-encoding', name: 'UTF-8 bytes with accents and emoji', files: { 'registry.yaml': utf8(withLine(WG, 3, 'name: Régistry Wörking Group 🚀')) } },
  { rule: 'file-encoding', name: 'a real U+FFFD character', files: { 'registry.yaml': utf8(withLine(WG, 3, 'name: Registry \uFFFD Group')) } },
  { rule: 'file-extension', name: 'a .yaml file', files: { 'registry.yaml': WG } },
  { rule: 'yaml-syntax', name: 'flow style', files: { 'registry.yaml': withoutLines(withLine(WG, 7, 'facilitators: [rdimitrov]'), 8) } },
  { rule: 'yaml-duplicate-key', name: 'key-like lines inside a block scalar', files: { 'registry.yaml': withLine(WG, 13, '  name: one\n  name: two') } },
  { rule: 'yaml-alias-limit', name: 'a few aliases', files: { 'registry.yaml': withLine(WG, 7, 'facilitators: &leads') + 'maintainers: *leads\n' } },
  { rule: 'yaml-tag', name: 'the standard !!str tag', files: { 'registry.yaml': withLine(WG, 3, 'name: !!str Registry Working Group') } },
  { rule: 'document-empty', name: 'a charter after comments', files: { 'registry.yaml': `# one\n# two\n${WG}` } },
  { rule: 'document-not-mapping', name: 'a mapping', files: { 'registry.yaml': WG } },
  { rule: 'multiple-documents', name: 'one document with explicit markers', files: { 'registry.yaml': `---\n${WG}...\n` } },
  { rule: 'unknown-key', name: 'every optional key', files: { 'registry.yaml': `${WG}maintainers: [dsp-ant]\npaths: ["docs/registry/**"]\nmeeting_notes: https://meet.modelcontextprotocol.io/registry\nprevious_ids: [registry-old]\ndiscussions: { repo: modelcontextprotocol/modelcontextprotocol, category: Registry WG }\nleads:\n  - login: rdimitrov\n    term: until 2027-01-31\n  - login: tadasant\nsponsors: [dsp-ant, localden]\n` } },
  { rule: 'unknown-key', name: 'sponsors on an interest group', files: { 'security.yaml': `${IG}sponsors: [dsp-ant]\n` } },
  { rule: 'missing-field', name: 'a retired group with only the required fields', files: { 'registry.yaml': 'id: registry\nname: Registry\ntype: working\nstatus: retired\nretired:\n  reason: Done.\n' }, expected: ['retired-date-missing@5:1'] },
  { rule: 'wrong-type', name: 'quoted numbers and booleans are text', files: { 'registry.yaml': withLine(WG, 3, 'name: "42"') } },
  { rule: 'invalid-value', name: 'an interest group', files: { 'security.yaml': IG } },
  { rule: 'id-format', name: 'an id of 47 characters', files: { [`${'a'.repeat(47)}.yaml`]: withLine(WG, 2, `id: ${'a'.repeat(47)}`) } },
  { rule: 'login-format', name: 'logins of 39 characters and with single hyphens', files: { 'registry.yaml': withLine(WG, 8, `  - ${'a'.repeat(39)}\n  - rd-imitrov\n  - D-McAdams`) } },
  { rule: 'repo-format', name: 'owner/name with dots and underscores', files: { 'registry.yaml': withLine(WG, 11, '  - modelcontextprotocol/registry.go_sdk') } },
  { rule: 'url-format', name: 'https URLs', files: { 'registry.yaml': `${WG}meeting_notes: https://github.com/modelcontextprotocol/registry/discussions\n` } },
  { rule: 'date-format', name: 'a leap day', files: { 'registry.yaml': withLine(WG, 6, 'formed: 2024-02-29') } },
  { rule: 'date-future', name: "today's UTC date", files: { 'registry.yaml': withLine(WG, 6, 'formed: 2026-11-22') } },
  { rule: 'discord-format', name: 'a channel with an underscore', files: { 'registry.yaml': withLine(WG, 9, 'discord: registry_chat-wg') } },
  { rule: 'path-format', name: 'a relative glob with dots in names', files: { 'registry.yaml': `${WG}paths:\n  - docs/.well-known/**\n  - "**/registry..md"\n` } },
  { rule: 'id-matches-file', name: 'an id equal to the file name, with a directory', files: { 'groups/registry.yaml': WG } },
  { rule: 'id-unique', name: 'distinct ids and previous ids', files: { 'registry.yaml': `${WG}previous_ids: [registry-old]\n`, 'security.yaml': `${IG}previous_ids: [security-old]\n` } },
  { rule: 'id-unique', name: 'a retired charter listed as one group\'s previous id (a merge of a chartered group)', files: { 'registry.yaml': RETIRED_WG, 'security.yaml': `${IG}previous_ids: [registry, older]\n` } },
  { rule: 'previous-id-live', name: 'a retired charter, without successor, listed as previous id', files: { 'registry.yaml': RETIRED_WG, 'security.yaml': `${IG}previous_ids: [registry]\n` } },
  { rule: 'previous-id-successor', name: 'a retired charter naming the group that lists it', files: { 'registry.yaml': `${RETIRED_WG}  successor: security\n`, 'security.yaml': `${IG}previous_ids: [registry]\n` } },
  { rule: 'successor-unknown', name: 'a successor with a charter', files: { 'registry.yaml': `${RETIRED_WG}  successor: security\n`, 'security.yaml': IG } },
  { rule: 'successor-retired', name: 'a retired successor that names its own active successor', files: { 'registry.yaml': `${RETIRED_WG}  successor: security\n`, 'security.yaml': `${withLine(IG, 4, 'status: retired')}retired:\n  on: 2026-01-01\n  reason: Merged.\n  successor: auth\n`, 'auth.yaml': AUTH_IG } },
  { rule: 'successor-cycle', name: 'a chain of successors ending in an active group', files: { 'registry.yaml': `${RETIRED_WG}  successor: security\n`, 'security.yaml': `${withLine(IG, 4, 'status: retired')}retired:\n  on: 2026-01-01\n  reason: Merged.\n  successor: auth\n`, 'auth.yaml': `${AUTH_IG}previous_ids: [agents-old]\n` } },
  { rule: 'related-group-unknown', name: 'a related interest group with a charter', files: { 'security.yaml': `${IG}related_groups:\n  - auth\n`, 'auth.yaml': AUTH_IG } },
  { rule: 'related-group-not-interest', name: 'a related interest group', files: { 'security.yaml': `${IG}related_groups: [auth]\n`, 'auth.yaml': AUTH_IG, 'registry.yaml': WG } },
  { rule: 'related-group-self', name: 'a related group that is another group', files: { 'security.yaml': `${IG}related_groups: [auth]\n`, 'auth.yaml': `${AUTH_IG}related_groups: [security]\n` } },
  { rule: 'type-field', name: 'each type with its own fields', files: { 'registry.yaml': WG, 'security.yaml': IG } },
  { rule: 'type-required-field', name: 'a retired working group without the template answers', files: { 'registry.yaml': withoutLines(RETIRED_WG, 12, 16) } },
  { rule: 'active-required-field', name: 'a retired group without facilitators and formed', files: { 'registry.yaml': withoutLines(RETIRED_WG, 6, 8) } },
  { rule: 'active-required-field', name: 'an active working group with leads and no facilitators (SEP-2149 § 1.1)', files: { 'registry.yaml': `${withoutLines(WG, 7, 8)}leads:\n  - login: rdimitrov\n` } },
  { rule: 'lead-term-expired', name: 'terms ending today, later, or given as free text or a start date', files: { 'registry.yaml': `${WG}leads:\n  - login: rdimitrov\n    term: until 2026-11-22\n  - login: tadasant\n    term: 2027-01-31\n  - login: toby\n    term: 2026 H1, renewable\n  - login: alice\n    term: since 2025-07-24\n  - login: bob\n` } },
  { rule: 'lead-term-expired', name: 'a retired working group keeps its leads\' old terms as history', files: { 'registry.yaml': `${RETIRED_WG}leads:\n  - login: rdimitrov\n    term: until 2025-12-31\n` } },
  { rule: 'lead-term-expired', name: 'a term ending in a real date, in the leap year', files: { 'registry.yaml': `${WG}leads:\n  - login: rdimitrov\n    term: 2024-03-01 to 2028-02-29\n` } },
  { rule: 'retired-block', name: 'a retired group with its block', files: { 'registry.yaml': RETIRED_WG } },
  { rule: 'retired-before-formed', name: 'retired on the day it was formed', files: { 'registry.yaml': withLine(RETIRED_WG, 18, '  on: 2025-07-24') } },
  { rule: 'retired-date-missing', name: 'a retired group with retired.on', files: { 'registry.yaml': RETIRED_WG } },
  { rule: 'retired-date-missing', name: 'a retired group whose retirement no record dates: on: unknown', files: { 'registry.yaml': withLine(RETIRED_WG, 18, '  on: unknown') } },
  { rule: 'date-future', name: 'retired.on unknown is no date, in the future or not', files: { 'registry.yaml': withLine(RETIRED_WG, 18, '  on: unknown') } },
  { rule: 'retired-before-formed', name: 'retired.on unknown is not before formed', files: { 'registry.yaml': withLine(RETIRED_WG, 18, '  on: unknown') } },
  { rule: 'discord-suffix', name: 'a retired group keeps its old channel name', files: { 'registry.yaml': withLine(RETIRED_WG, 9, 'discord: registry-dev') } },
  { rule: 'discord-suffix', name: 'an interest group channel ending in -ig', files: { 'security.yaml': IG } },
  { rule: 'discord-missing', name: 'a retired group without discord', files: { 'registry.yaml': withoutLines(RETIRED_WG, 9) } },
  { rule: 'meetings-tag-no-base', name: 'a charter giving its feed (calendar) besides its tag', files: { 'registry.yaml': `${WG}meetings:\n  calendar: https://meet.example.org/ics/tag/registry-wg.ics\n  tag: registry-wg\n` } },
  { rule: 'deliverable-untracked', name: 'issue and pull request URLs, with an anchor', files: { 'registry.yaml': withLine(WG, 16, '  - https://github.com/modelcontextprotocol/registry/issues/12#issuecomment-1\n  - https://github.com/modelcontextprotocol/registry/pull/3/files') } },
  { rule: 'duplicate-entry', name: 'distinct entries', files: { 'registry.yaml': withLine(WG, 8, '  - rdimitrov\n  - tadasant') } },
  { rule: 'repo-shared', name: 'a repository of a retired group and an active one', files: { 'registry.yaml': WG, 'security.yaml': `${withLine(IG, 4, 'status: retired')}repos: [modelcontextprotocol/registry]\nretired:\n  on: 2026-01-01\n  reason: Merged.\n` } },
  { rule: 'too-many-problems', name: 'exactly 100 problems', files: { 'registry.yaml': withUnknownKeys(MAX_DIAGNOSTICS_PER_FILE) }, expected: Array.from({ length: MAX_DIAGNOSTICS_PER_FILE }, (_, i) => `unknown-key@${17 + i}:1`), loads: false },
];

describe('every rule fails at its position', () => {
  it.each(failing)('$rule: $name', ({ rule, files, file, line, column, severity, message, all }) => {
    const names = Object.keys(files);
    const target = file ?? (names.length === 1 ? names[0] : undefined);
    expect(target).toBeDefined();
    const result = validate(files);

    expect(result.diagnostics).toContainEqual({
      file: target,
      line,
      column,
      severity,
      rule,
      message: expect.stringMatching(message),
    });
    expect(severity).toBe(RULES[rule].severity);
    expect(found(result, target)).toEqual(all ?? [`${rule}@${line}:${column}`]);
    if (severity === 'error') expect(result.charters.every((c) => c.file !== target || c.hasErrors)).toBe(true);
  });

  it('has a failing case for every rule in the catalogue', () => {
    const tested = new Set(failing.map((c) => c.rule));
    // The charter pages' own rules (`page-…`) have their cases in test/charters/pages/rules.test.ts.
    expect(Object.keys(RULES).filter((rule) => !rule.startsWith('page-') && !tested.has(rule as RuleId))).toEqual([]);
  });
});

describe('every rule passes on the valid form', () => {
  it.each(passing)('$rule: $name', ({ rule, files, expected, loads = true }) => {
    const result = validate(files);
    expect(result.diagnostics.filter((d) => d.rule === rule)).toEqual([]);
    expect(found(result)).toEqual(expected ?? []);
    expect(result.charters.map((c) => c.file).sort()).toEqual(loads ? Object.keys(files).sort() : []);
  });

  it('has a passing case for every rule in the catalogue', () => {
    const tested = new Set(passing.map((c) => c.rule));
    // The charter pages' own rules (`page-…`) have their cases in test/charters/pages/rules.test.ts.
    expect(Object.keys(RULES).filter((rule) => !rule.startsWith('page-') && !tested.has(rule as RuleId))).toEqual([]);
  });
});

describe('details of the rules', () => {
  it('resolves a calendar tag with the configured base: no warning (issue 23)', () => {
    const sources = [{ file: 'registry.yaml', content: `${WG}meetings:\n  tag: registry-wg\n` }];
    expect(validateCharters(sources, { now: NOW, calendarBase: 'https://meet.modelcontextprotocol.io' }).diagnostics).toEqual([]);
    expect(validateCharters(sources, { now: NOW }).diagnostics.map((d) => d.rule)).toEqual(['meetings-tag-no-base']);
  });

  it('judges the future by the UTC day of `now`', () => {
    const charter = withLine(WG, 6, 'formed: 2026-11-23');
    // 23:30 on the 22nd in New York is already the 23rd in UTC.
    expect(found(validate({ 'registry.yaml': charter }, new Date('2026-11-23T04:30:00Z')))).toEqual([]);
    expect(found(validate({ 'registry.yaml': charter }, new Date('2026-11-22T23:59:59Z')))).toEqual(['date-future@6:9']);
    expect(NOW.toISOString().slice(0, 10)).toBe('2026-11-22');
  });

  it('suggests a key by its letters, ignoring case and separators', () => {
    const result = validate({ 'registry.yaml': `${WG}Meeting-Notes: https://example.com/notes\n` });
    expect(result.diagnostics).toContainEqual(expect.objectContaining({
      rule: 'unknown-key', line: 17, column: 1, message: expect.stringContaining('did you mean "meeting_notes"?'),
    }));
  });

  it('lists the allowed keys instead of a suggestion that shares nothing with the key', () => {
    const result = validate({ 'registry.yaml': `${WG}x: 1\n` });
    const [d] = result.diagnostics;
    expect(found(result)).toEqual(['unknown-key@17:1']);
    expect(d?.message).toMatch(/unknown key "x" in a charter; allowed keys: id, name, type/);
    expect(d?.message).not.toMatch(/did you mean/);
  });

  it('reports a missing field once, not as an invalid value, for both enums', () => {
    const result = validate({ 'registry.yaml': 'id: registry\nname: Registry\n' });
    expect(found(result)).toEqual(['missing-field@1:1', 'missing-field@1:1']);
    expect(result.diagnostics.map((d) => d.message).sort()).toEqual([
      'missing required field "status"',
      'missing required field "type"',
    ]);
  });

  it('reports a .yml file that looks like a charter without reading it, and still reads the others', () => {
    const result = validate({ 'registry.yml': 'id: registry\nnot: [valid', 'security.yaml': IG });
    expect(found(result)).toEqual(['file-extension@1:1']);
    expect(result.diagnostics[0]?.message).toBe('charters are named <id>.yaml; rename this file to registry.yaml so it is read');
    expect(result.charters.map((c) => c.file)).toEqual(['security.yaml']);
  });

  it('skips a .yml file that is not a charter (no top-level id: or type: key) without a word', () => {
    const result = validate({
      'action.yml': 'name: Group Steward\nruns:\n  using: node24\n  main: dist/action/index.js\n',
      'ci.yml': 'on: push\njobs:\n  test:\n    type: not-top-level\n',
      'security.yaml': IG,
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.charters.map((c) => c.file)).toEqual(['security.yaml']);
  });

  it.each([
    ['id: registry\n', true],
    ['type: working\n', true],
    ['"id": registry\n', true],
    ["name: x\n'type' : working\n", true],
    ['\uFEFFid: registry\n', true],
    ['name: x\n  id: nested\n', false],
    ['identity: x\ntypes: [a]\n', false],
    ['# id: a comment\n', false],
  ])('a .yml file holding %j looks like a charter: %s', (text, expected) => {
    expect(looksLikeCharter({ file: 'x.yml', content: text })).toBe(expected);
    expect(looksLikeCharter({ file: 'x.yml', content: new TextEncoder().encode(text) })).toBe(expected);
  });

  it('does not let a related-group check depend on a valid other file', () => {
    // auth.yaml has a schema error, but it still declares an interest group named auth.
    const result = validate({ 'security.yaml': `${IG}related_groups: [auth]\n`, 'auth.yaml': withLine(AUTH_IG, 2, 'name: 42') });
    expect(found(result, 'security.yaml')).toEqual([]);
    expect(found(result, 'auth.yaml')).toEqual(['wrong-type@2:7']);
  });

  it('marks a loaded charter that has only warnings as without errors', () => {
    const result = validate({ 'registry.yaml': withLine(WG, 9, 'discord: registry-dev') });
    expect(result.errors).toBe(0);
    expect(result.warnings).toBe(1);
    expect(result.charters).toEqual([expect.objectContaining({ file: 'registry.yaml', hasErrors: false })]);
  });

  it('counts errors and warnings', () => {
    const result = validate({ 'registry.yaml': withLine(withLine(WG, 4, 'type: workng'), 9, 'discord: registry-dev'), 'security.yaml': withoutLines(IG, 8) });
    expect(result.errors).toBe(1);
    expect(result.warnings).toBe(1);
    expect(result.diagnostics.map((d) => `${d.file}:${d.rule}`)).toEqual(['registry.yaml:invalid-value', 'security.yaml:discord-missing']);
  });
});

describe('the policy a charter is judged under', () => {
  /** Validates `files` at `NOW` under `policy` (undefined: the default). */
  const under = (policy: 'sep-1302' | 'sep-2149' | undefined, files: Files) =>
    validateCharters(Object.entries(files).map(([file, content]) => ({ file, content })), { now: NOW, ...(policy ? { policy } : {}) });
  // Without SEP-1302's answers: a WG with no use_cases (12-13) and no first_work (14), an IG with
  // no differentiation (9-10) and no first_topic (11-12).
  const unanswered: Files = { 'registry.yaml': withoutLines(WG, 12, 14), 'security.yaml': withoutLines(IG, 9, 12) };

  it('requires SEP-1302\'s creation-template answers by default and under sep-1302', () => {
    const expected = ['type-required-field@4:7', 'type-required-field@4:7', 'type-required-field@3:7', 'type-required-field@3:7'];
    expect(found(under(undefined, unanswered))).toEqual(expected);
    expect(found(under('sep-1302', unanswered))).toEqual(expected);
  });

  it('does not require them under sep-2149 (SEP-2149 Part 2\'s charter template replaces them)', () => {
    const result = under('sep-2149', unanswered);
    expect(found(result)).toEqual([]);
    expect(result.charters).toEqual([expect.objectContaining({ file: 'registry.yaml', hasErrors: false }), expect.objectContaining({ file: 'security.yaml', hasErrors: false })]);
  });

  it('judges everything else alike under sep-2149', () => {
    // A foreign field, a missing leader and formed date, a future date and a convention warning.
    const files: Files = {
      'registry.yaml': `${withLine(withoutLines(WG, 6, 8), 9 - 3, 'discord: registry-dev')}first_topic: x
`,
      'security.yaml': withLine(IG, 5, 'formed: 2027-01-01'),
    };
    const expected = ['active-required-field@5:9', 'active-required-field@5:9', 'discord-suffix@6:10', 'type-field@14:1', 'date-future@5:9'];
    expect(found(under('sep-1302', files))).toEqual(expected);
    expect(found(under('sep-2149', files))).toEqual(expected);
  });
});
