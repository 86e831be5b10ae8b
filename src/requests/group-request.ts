/**
 * A creation request: the answers of a submitted issue form turned into a charter file, judged by
 * the same validator as the "Group charters" check, and every problem phrased in the form's own
 * field names. Pure: the issue body, its opening instant, the governance repository's charters and
 * a clock in; a verdict out. The handler turns `valid` into a pull request and `invalid` /
 * `exists` into a reply (README § The life of a group, step 1).
 */
import { isDeepStrictEqual } from 'node:util';
import { Document, LineCounter, parse, parseDocument, Scalar, isMap, isScalar, isSeq, visit } from 'yaml';
import type { Pair } from 'yaml';
import { MAX_CHARTER_BYTES, parseCharterFile } from '../charters/parse.js';
import type { CharterSource } from '../charters/parse.js';
import { CHARTER_KEYS, ID_PATTERN, MAX_ID_LENGTH, MAX_TEXT_LENGTH } from '../charters/schema.js';
import type { Charter } from '../charters/schema.js';
import type { Diagnostic } from '../charters/diagnostics.js';
import { validateCharters } from '../charters/validate.js';
import { echoTyped, inlineText, MAX_ECHO_LENGTH } from '../markdown/escape.js';
import { MAX_FORM_BODY_LENGTH, matchForm, normalizeLabel, readFormSections } from './form-answers.js';
import type { FormField, GroupForm } from './forms.js';

/** The first line of every charter in `groups/`: editors with the YAML language server check the file against the schema. */
export const CHARTER_SCHEMA_COMMENT = '# yaml-language-server: $schema=./charter.schema.json';

/** The `field` of a problem with the request as a whole (its length, its date), not one answer. */
export const REQUEST_FIELD = 'Request';

/** Longest one-line answer read (an id, a name, a URL), in UTF-16 code units; the schema's own limits are lower. */
export const MAX_INPUT_LENGTH = 1000;
/** Longest list answer read (logins, repositories, ids), in UTF-16 code units. */
export const MAX_LIST_ANSWER_LENGTH = 2000;
/** Most entries of one list answer. */
export const MAX_LIST_ENTRIES = 50;
/** Most problems listed for one field; the rest are counted in one more problem. */
export const MAX_PROBLEMS_PER_FIELD = 10;
/** Longest problem message, in code points (a validator message quoted as a fallback is cut). */
const MAX_PROBLEM_LENGTH = 300;

/** One problem of a request, in the form's terms. */
export interface FieldProblem {
  /** The form field's label, e.g. `Facilitator(s)`; `REQUEST_FIELD` for the request as a whole. */
  field: string;
  /** What is wrong, safe Markdown: typed values are quoted with `echoTyped`, never raw (no mention, no HTML). */
  message: string;
}

/** What `readGroupRequest` reads. */
export interface GroupRequestInput {
  /** The issue body, as GitHub stores it. */
  body: string;
  /** When the issue was opened, ISO 8601 (GitHub's `created_at`); the charter's `formed` is its UTC day. */
  openedAt: string;
  /** Every file of the governance repository's groups folder, as `readCharterDirectory` or the tree reader give them. */
  existing: readonly CharterSource[];
  /** The groups folder, e.g. `groups`; the new charter is `<groupsDir>/<id>.yaml`. */
  groupsDir: string;
  /** The current instant: dates after its UTC day are in the future (the validator's `now`). */
  now: Date;
}

/** The verdict on an issue body. */
export type GroupRequest =
  /** The body is not one of the creation forms (see `matchForm`). */
  | { kind: 'not-a-request' }
  /** A creation form with errors: every one of them, by field, in form order. */
  | { kind: 'invalid'; form: GroupForm; problems: FieldProblem[]; warnings?: FieldProblem[] }
  /** The id is taken: by an existing charter's id or one of its `previous_ids` (or its file name), ignoring case. */
  | {
      kind: 'exists';
      form: GroupForm;
      /** The id as the request typed it (trimmed). */
      id: string;
      existing: { id: string; name: string; file: string; status: 'active' | 'retired'; matched: 'id' | 'previous_id' };
    }
  /** A charter the validator accepts (no error; `warnings` lists its warnings, which never block). */
  | { kind: 'valid'; form: GroupForm; charter: Charter; file: string; text: string; warnings?: FieldProblem[] };

/**
 * Reads a creation request from an issue body.
 *
 * 1. Sections (`readFormSections`) and the form they answer (`matchForm`); no form →
 *    `not-a-request`.
 * 2. The id, before anything else: equal, ignoring case, to an existing charter's `id`, one of its
 *    `previous_ids` or its file name → `exists` (even when the rest of the form has problems: no
 *    pull request can follow). An id that is not one kebab-case word of at most 47 characters
 *    (`../x`, `A/B`) is a problem of the id field and never reaches a file name.
 * 3. The answers, mapped to charter fields: lists (logins, repositories, ids) split on commas and
 *    white space, Markdown bullets (`-`, `*`, `+`) dropped, one leading `@` stripped from a login
 *    (words mixing `@login` and bare words, `@bad login`, stay one entry: see `listEntries`);
 *    a working group's leads (SEP-2149's form) are one per line, the login then its term
 *    (`readLeads`: `@alice until 2027-01-31` → `{ login: alice, term: until 2027-01-31 }`);
 *    the Discord channel loses one leading `#`; every answer trimmed. `type` comes from the form,
 *    `status` is `active`, `formed` is the UTC day of `openedAt` (SEP-1302 § Lifecycle: the day
 *    creation began). Bounded: a one-line answer over `MAX_INPUT_LENGTH`, a text over the schema's
 *    `MAX_TEXT_LENGTH`, a list over `MAX_LIST_ANSWER_LENGTH` characters or `MAX_LIST_ENTRIES`
 *    entries is a problem and left out of the charter; a required field without an answer is
 *    "required".
 * 4. The charter text: `CHARTER_SCHEMA_COMMENT`, then the keys in the schema's order, written by
 *    the `yaml` package (so `yes`, `null`, `&anchor`, `: x` stay text; words YAML 1.1 reads as
 *    booleans or null are quoted as well; a multi-line answer is a literal block, a long one-line
 *    template answer is folded, `>-`), checked by parsing it back.
 * 5. `validateCharters` over `existing` plus the new file — the check's own validator — and the
 *    new file's diagnostics mapped back to the form field whose key holds them (the lines of each
 *    key are known from the generated text), phrased with the field's label and the value as
 *    typed. Errors make the request `invalid`; warnings (a channel without `-wg`, a repository
 *    another group owns) never block and are listed in `warnings` of either verdict.
 *
 * Every problem of every field is reported at once, at most `MAX_PROBLEMS_PER_FIELD` per field
 * (the rest counted); a one-value field with an error gets no warning besides (a malformed channel
 * is not also "without -wg"). A body longer than GitHub's 65,536 characters is a problem of
 * `REQUEST_FIELD` (it is still read, up to `MAX_FORM_READ_LENGTH`, so its answers are judged too).
 * Never throws on the body or the existing charters.
 *
 * @throws RangeError when `openedAt` is not a date-time (a caller's error, not the requester's)
 *
 * Source: SEP-1302 § Interest Groups / § Working Groups (Lifecycle, Creation Template); README § The
 * life of a group (step 1).
 */
export function readGroupRequest(input: GroupRequestInput): GroupRequest {
  const opened = new Date(input.openedAt);
  if (Number.isNaN(opened.getTime())) throw new RangeError(`openedAt is not a date-time: ${JSON.stringify(input.openedAt)}`);

  const sections = readFormSections(input.body);
  const form = matchForm(sections);
  if (!form) return { kind: 'not-a-request' };

  const problems = new Problems(form);
  const warnings = new Problems(form);
  if (input.body.length > MAX_FORM_BODY_LENGTH) {
    problems.add(REQUEST_FIELD, `the issue body is ${input.body.length.toLocaleString('en-US')} characters long; GitHub allows at most ${MAX_FORM_BODY_LENGTH.toLocaleString('en-US')}`);
  }

  // The answer to each field: the first section with its label.
  const answers = new Map<FormField, string | null>();
  for (const field of form.fields) {
    const label = normalizeLabel(field.label);
    const found = sections.filter((s) => normalizeLabel(s.label) === label);
    if (found.length > 1) problems.add(field.label, `answered in ${found.length} sections of the same heading; keep one`);
    answers.set(field, found[0]?.answer ?? null);
  }

  // The id first: taken, or unfit for a file name.
  const idField = fieldFor(form, 'id');
  const typedId = idField ? answers.get(idField) ?? null : null;
  if (typedId !== null) {
    const taken = findExisting(input.existing, typedId);
    if (taken) return { kind: 'exists', form, id: typedId, existing: taken };
  }

  // Each answer as a charter value; a field with a problem here is "settled": the validator's
  // findings on it (missing, …) would only repeat the problem.
  const values: Record<string, unknown> = { type: form.type, status: 'active', formed: opened.toISOString().slice(0, 10) };
  const typed = new Map<string, string[]>();
  const settled = new Set<string>();
  for (const field of form.fields) {
    const read = readAnswer(field, answers.get(field) ?? null);
    if ('problem' in read) {
      problems.add(field.label, read.problem);
      settled.add(field.charterKey);
    } else if (read.value !== undefined) {
      values[field.charterKey] = read.value;
      typed.set(field.charterKey, read.typed);
    }
  }
  const idOk = typeof values.id === 'string';

  const ordered = Object.fromEntries(CHARTER_KEYS.filter((key) => key in values).map((key) => [key, values[key]]));
  const text = charterText(ordered);
  const dir = input.groupsDir.replace(/\/+$/, '');
  const file = idOk ? `${dir === '' ? '' : `${dir}/`}${values.id as string}.yaml` : undefined;
  if (text === undefined) {
    problems.add(REQUEST_FIELD, 'the answers could not be written as a charter file; please report this to the maintainers of Group Steward');
    return { kind: 'invalid', form, problems: problems.list(), warnings: warnings.list() };
  }

  // The check's validator, on the new file among the existing ones. Without a usable id the file
  // gets a name no repository path can have (a NUL), so it can never be mistaken for another.
  const judged = file ?? '\u0000group-request.yaml';
  const result = validateCharters([...input.existing, { file: judged, content: text }], { now: input.now });
  const own = result.diagnostics.filter((d) => d.file === judged);
  const where = keyLines(text);
  for (const d of own) {
    const said = describeDiagnostic(d, form, where, typed, values, settled);
    if (said) (d.severity === 'error' ? problems : warnings).add(said.field, said.message);
  }

  for (const field of form.fields) if (!field.list && problems.has(field.label)) warnings.drop(field.label);

  if (problems.size > 0 || !file) {
    return { kind: 'invalid', form, problems: problems.list(), warnings: warnings.list() };
  }
  const loaded = result.charters.find((c) => c.file === judged);
  if (!loaded || loaded.hasErrors) {
    problems.add(REQUEST_FIELD, 'the charter did not pass the validator; please report this to the maintainers of Group Steward');
    return { kind: 'invalid', form, problems: problems.list(), warnings: warnings.list() };
  }
  return { kind: 'valid', form, charter: loaded.charter, file, text, warnings: warnings.list() };
}

/** A problem as one line of a reply: `<field>: <message>`. The field labels are the App's own text. */
export function problemLine(problem: FieldProblem): string {
  return `${problem.field}: ${problem.message}`;
}

// ——— answers ———

type Read = { value?: string | string[] | Lead[]; typed: string[] } | { problem: string };

/** A working group's lead as the charter holds it (SEP-2149 Part 2 § 4). */
type Lead = { login: string; term?: string };

/** Logins lose one leading `@`; the other lists are read as typed. */
const LOGIN_KEYS = new Set(['facilitators', 'maintainers', 'sponsors']);
/** Markdown list bullets a person may put before each entry. */
const BULLETS = new Set(['-', '*', '+']);
/** An unpaired UTF-16 surrogate: text no file can hold. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function readAnswer(field: FormField, answer: string | null): Read {
  if (answer === null) return field.required ? { problem: 'required' } : { typed: [] };
  if (LONE_SURROGATE.test(answer)) return { problem: 'contains a broken character (an unpaired UTF-16 surrogate); type the answer again' };
  const length = answer.length.toLocaleString('en-US');

  if (field.charterKey === 'leads') return readLeads(field, answer);
  if (field.list) {
    if (answer.length > MAX_LIST_ANSWER_LENGTH) return { problem: `is ${length} characters long; a list answer may be at most ${MAX_LIST_ANSWER_LENGTH.toLocaleString('en-US')}` };
    const typed = listEntries(answer, { logins: LOGIN_KEYS.has(field.charterKey) });
    if (typed.length === 0) return field.required ? { problem: 'required' } : { typed: [] };
    if (typed.length > MAX_LIST_ENTRIES) return { problem: `lists ${typed.length} entries; at most ${MAX_LIST_ENTRIES}` };
    const value = LOGIN_KEYS.has(field.charterKey) ? typed.map((entry) => entry.replace(/^@/, '')) : typed;
    return { value, typed };
  }
  if (field.kind === 'textarea') {
    if (answer.length > MAX_TEXT_LENGTH) return { problem: `is ${length} characters long; at most ${MAX_TEXT_LENGTH.toLocaleString('en-US')}` };
    return { value: answer, typed: [answer] };
  }
  if (answer.length > MAX_INPUT_LENGTH) return { problem: `is ${length} characters long; at most ${MAX_INPUT_LENGTH.toLocaleString('en-US')}` };
  const lines = answer.split(/\n/).length;
  if (lines > 1) return { problem: `is one line; the answer has ${lines}` };
  if (field.charterKey === 'id') return readId(answer);
  if (field.charterKey === 'discord') return { value: answer.replace(/^#/, ''), typed: [answer] };
  return { value: answer, typed: [answer] };
}

/**
 * The entries of a list answer: split on commas, line breaks and white space, Markdown bullets
 * dropped. For logins, one exception: a run of words between commas that mixes `@login` and bare
 * words (`@bad login`, `@alice and @bob`) is one entry, so a name with a space or a sentence is
 * reported as not a login rather than read as several people.
 */
function listEntries(answer: string, { logins }: { logins: boolean }): string[] {
  return answer.split(/[,\n]+/).flatMap((chunk) => {
    const words = chunk.trim().split(/\s+/u).filter((word) => word !== '' && !BULLETS.has(word));
    const mentions = words.filter((word) => word.startsWith('@')).length;
    return logins && words.length > 1 && mentions > 0 && mentions < words.length ? [words.join(' ')] : words;
  });
}

/**
 * A working group's leads (SEP-2149 Part 2 § 4: each lead's GitHub handle and term), one per
 * line: a Markdown bullet is dropped, the first word is the login (one leading `@` stripped; a
 * trailing `,`, `:` or `;` dropped), and the rest of the line, if any, is the term, without a
 * leading separator (`-`, `–`, `—`, `:`, `,`), a "term:" prefix or enclosing parentheses:
 * `@alice until 2027-01-31`, `- bob (2026 H1)`, `carol — term: 2026 H2`. The validator judges the
 * login and the term (a date in it must exist). An `@login` in the term, or logins joined by
 * commas, are several people on one line: a problem ("one lead per line"). Bounded as every list
 * answer is.
 */
function readLeads(field: FormField, answer: string): Read {
  if (answer.length > MAX_LIST_ANSWER_LENGTH) {
    return { problem: `is ${answer.length.toLocaleString('en-US')} characters long; a list answer may be at most ${MAX_LIST_ANSWER_LENGTH.toLocaleString('en-US')}` };
  }
  const lines = answer
    .split('\n')
    .map((line) => line.trim().replace(/^[-*+](?:\s+|$)/, '').trim())
    .filter((line) => line !== '');
  if (lines.length === 0) return field.required ? { problem: 'required' } : { typed: [] };
  if (lines.length > MAX_LIST_ENTRIES) return { problem: `lists ${lines.length} leads; at most ${MAX_LIST_ENTRIES}` };
  const leads: Lead[] = [];
  const typed: string[] = [];
  for (const line of lines) {
    const [first = '', ...rest] = line.split(/\s+/u);
    const typedLogin = first.replace(/[,:;]+$/, '');
    const term = rest
      .join(' ')
      .replace(/^[-–—:,]\s*/u, '')
      .replace(/^\((.*)\)$/su, '$1')
      .replace(/^term\s*:\s*/iu, '')
      .trim();
    // `@alice @bob`, `alice,bob`, `alice, bob`: several people on one line (a term has a date or a word such as "H1" in it).
    const loginsAfter = first.endsWith(',') && /^[A-Za-z0-9-]+(?:\s*,\s*@?[A-Za-z0-9-]+)*$/.test(term) && !/\d/.test(term);
    if (/(?:^|\s)@[A-Za-z0-9]/.test(term) || /,(?=.)/.test(first) || loginsAfter) {
      return { problem: `${echoText(line)} names more than one person: write one lead per line, the login first, then its term` };
    }
    leads.push({ login: typedLogin.replace(/^@/, ''), ...(term !== '' ? { term } : {}) });
    typed.push(typedLogin);
  }
  return { value: leads, typed };
}

/**
 * Free text a person typed (a lead's line, a term), quoted in a problem: one line of safe Markdown
 * (`inlineText`: no mention, no HTML, nothing hidden), cut to `MAX_ECHO_LENGTH` code points. Ids
 * and logins are shown with `echoTyped` instead, every look-alike visible.
 */
function echoText(typed: string): string {
  const points = Array.from(typed);
  return `"${inlineText(points.slice(0, MAX_ECHO_LENGTH).join(''))}${points.length > MAX_ECHO_LENGTH ? '…' : ''}"`;
}

/** The id: one kebab-case word, checked before it can name a file. */
function readId(typed: string): Read {
  const shown = echoTyped(typed);
  if (/\s/u.test(typed)) return { problem: `${shown} is not one id: write a single kebab-case id, e.g. \`tool-filtering\`` };
  if (typed.length > MAX_ID_LENGTH) {
    return { problem: `${shown} is ${typed.length} characters long; an id has at most ${MAX_ID_LENGTH}, so that its label fits GitHub's 50 characters` };
  }
  if (!ID_PATTERN.test(typed)) {
    const hint = /[/\\]|\.\./.test(typed)
      ? ' (an id names a file in the groups folder: no "/", "\\" or "..")'
      : typed.toLowerCase() !== typed
        ? ' (ids are lowercase)'
        : '';
    return { problem: `${shown} is not a kebab-case id: lowercase letters and digits joined by single hyphens, e.g. \`tool-filtering\`${hint}` };
  }
  return { value: typed, typed: [typed] };
}

function fieldFor(form: GroupForm, key: string): FormField | undefined {
  return form.fields.find((f) => f.charterKey === key);
}

/** The existing group that holds an id (its id, a former id, or its file name), ignoring case. */
function findExisting(existing: readonly CharterSource[], typed: string): Extract<GroupRequest, { kind: 'exists' }>['existing'] | undefined {
  const wanted = typed.toLowerCase();
  const groups = existing
    .filter((source) => /\.yaml$/i.test(source.file))
    .map((source) => {
      const parsed = parseCharterFile(source);
      const value = parsed.value ?? {};
      const id = typeof value.id === 'string' ? value.id : parsed.stem;
      const previous = Array.isArray(value.previous_ids) ? value.previous_ids.filter((p): p is string => typeof p === 'string') : [];
      return {
        id,
        name: typeof value.name === 'string' ? value.name : id,
        file: source.file,
        status: value.status === 'retired' ? ('retired' as const) : ('active' as const),
        stem: parsed.stem,
        previous,
      };
    });
  const pick = (g: (typeof groups)[number], matched: 'id' | 'previous_id') => ({ id: g.id, name: g.name, file: g.file, status: g.status, matched });
  const byId = groups.find((g) => g.id.toLowerCase() === wanted);
  if (byId) return pick(byId, 'id');
  const byPrevious = groups.find((g) => g.previous.some((p) => p.toLowerCase() === wanted));
  if (byPrevious) return pick(byPrevious, 'previous_id');
  // A file already named after the id (its charter holds another id: an invalid charter) would be
  // overwritten by the new one.
  const byFile = groups.find((g) => g.stem.toLowerCase() === wanted);
  return byFile ? pick(byFile, 'id') : undefined;
}

// ——— the charter text ———

/** A one-line answer to a template question longer than this many characters is written as a folded block scalar (`>-`). */
const FOLD_AFTER = 80;
/** The template answers written folded when long. */
const FOLDED_KEYS = new Set(['use_cases', 'differentiation', 'first_topic']);

/** Words YAML 1.1 (PyYAML, older tools) reads as booleans, null or sexagesimal numbers: quoted, though YAML 1.2 reads them as text. */
const YAML_1_1_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?\d+(?::[0-5]?\d)+(?:\.\d*)?)$/;

/**
 * A charter as a YAML charter file, as a creation request writes one: the schema comment, then
 * `comment` lines (each written after `# `), then the keys in the schema's order, every value
 * quoted so that it reads back as itself. Undefined when it would not (never for a schema-valid
 * charter, whose nested mappings are in their schemas' order already). Pure.
 */
export function charterYaml(charter: Charter, comment: readonly string[] = []): string | undefined {
  const value = charter as Record<string, unknown>;
  return charterText(Object.fromEntries(CHARTER_KEYS.filter((key) => value[key] !== undefined).map((key) => [key, value[key]])), comment);
}

/** The charter file for a mapping, or undefined when it would not read back as the same mapping. */
function charterText(value: Record<string, unknown>, comment: readonly string[] = []): string | undefined {
  const doc = new Document(value);
  visit(doc, {
    Pair(_, pair) {
      const node = pair.value;
      if (!isScalar(node) || typeof node.value !== 'string') return;
      if (YAML_1_1_SPECIAL.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
      // A long one-line answer reads best folded (`>-`), as the charters in groups/ write them.
      else if (isScalar(pair.key) && FOLDED_KEYS.has(String(pair.key.value)) && node.value.length > FOLD_AFTER && !/[\n\r]/.test(node.value) && node.value.trim() === node.value) {
        node.type = Scalar.BLOCK_FOLDED;
      }
    },
    Scalar(key, node) {
      // List entries (logins, ids, repositories) can be YAML 1.1 words too: `- yes`.
      if (typeof key === 'number' && typeof node.value === 'string' && YAML_1_1_SPECIAL.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const text = `${[CHARTER_SCHEMA_COMMENT, ...comment.map((line) => `# ${line.replace(/[\r\n\u2028\u2029]+/g, ' ')}`)].join('\n')}\n${doc.toString()}`;
  try {
    return isDeepStrictEqual(parse(text), value) ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Where each top-level key of the generated text sits: its lines, and the line of each list entry. */
interface KeyLines {
  key: string;
  first: number;
  last: number;
  entries: number[];
}

function keyLines(text: string): KeyLines[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const line = (offset: number) => lineCounter.linePos(offset).line;
  if (!isMap(doc.contents)) return [];
  return doc.contents.items.flatMap((pair: Pair) => {
    if (!isScalar(pair.key) || !pair.key.range) return [];
    const value = pair.value as { range?: [number, number, number] } | null;
    const start = pair.key.range[0];
    const end = value?.range ? Math.max(value.range[1] - 1, start) : start;
    const entries = isSeq(pair.value) ? pair.value.items.map((item) => line((item as { range?: [number, number, number] }).range?.[0] ?? start)) : [];
    return [{ key: String(pair.key.value), first: line(start), last: line(end), entries }];
  });
}

// ——— diagnostics, in the form's words ———

/** The validator's rules that say a key is missing; the key is a quoted word of the message. */
const MISSING_RULES = new Set(['missing-field', 'type-required-field', 'active-required-field']);

function describeDiagnostic(
  d: Diagnostic,
  form: GroupForm,
  where: readonly KeyLines[],
  typed: ReadonlyMap<string, string[]>,
  values: Record<string, unknown>,
  settled: ReadonlySet<string>,
): FieldProblem | undefined {
  if (MISSING_RULES.has(d.rule)) {
    // The key is the first quoted word the form asks ("facilitators" … or "leads": SEP-2149's working group form asks its leads).
    const quoted = [...d.message.matchAll(/"([a-z_]+)"/g)].map((m) => m[1] as string);
    const key = quoted.find((k) => fieldFor(form, k)) ?? quoted[0];
    const field = key ? fieldFor(form, key) : undefined;
    if (key && settled.has(key)) return undefined;
    return field ? { field: field.label, message: 'required' } : { field: REQUEST_FIELD, message: fallback(d) };
  }
  const at = d.line > 1 ? where.find((k) => k.first <= d.line && d.line <= k.last) : undefined;
  if (!at) return { field: REQUEST_FIELD, message: wholeFileMessage(d) };
  if (settled.has(at.key)) return undefined;
  const field = fieldFor(form, at.key);
  if (!field) {
    if (at.key === 'formed' && d.rule === 'date-future') {
      return { field: REQUEST_FIELD, message: `the request was opened on ${String(values.formed)} (UTC), after today` };
    }
    return { field: REQUEST_FIELD, message: fallback(d) };
  }
  // A lead is a mapping over several lines (login, term): its entry is the last one starting at or before the line.
  const index = at.key === 'leads' ? at.entries.findLastIndex((line) => line <= d.line) : at.entries.indexOf(d.line);
  let entryTyped = index >= 0 ? typed.get(at.key)?.[index] : typed.get(at.key)?.[0];
  let value = index >= 0 ? (values[at.key] as unknown[])[index] : values[at.key];
  if (at.key === 'leads' && index >= 0) {
    // A lead's first line is its login, the next its term: the value is the one the line holds.
    const lead = value as Lead;
    if (d.line !== at.entries[index]) [entryTyped, value] = [lead.term ?? '', lead.term ?? ''];
    else value = lead.login;
  }
  const message = ruleMessage(d, form, entryTyped ?? '', value);
  return message === undefined ? undefined : { field: field.label, message };
}

function ruleMessage(d: Diagnostic, form: GroupForm, typed: string, value: unknown): string | undefined {
  const shown = echoTyped(typed);
  const text = typeof value === 'string' ? value : '';
  switch (d.rule) {
    case 'login-format':
      return `${shown} is not a GitHub login: letters, digits and single inner hyphens, at most 39 characters`;
    case 'repo-format':
      return `${shown} is not a repository written owner/name, e.g. \`modelcontextprotocol/registry\`${/^https?:\/\//.test(text) ? ' (owner/name, not a URL)' : ''}`;
    case 'id-format':
      return `${shown} is not a group id: kebab-case, e.g. \`security\``;
    case 'related-group-unknown':
      // A malformed id is already reported as such (id-format).
      if (!ID_PATTERN.test(text)) return undefined;
      return `${shown}: no charter has this id; list the ids of chartered interest groups (see the groups folder)`;
    case 'related-group-not-interest':
      return `${shown} is a working group; list interest groups only`;
    case 'related-group-self':
      return `${shown} is the id of this group itself`;
    case 'discord-format':
      return `${shown} is not a Discord channel name: lowercase letters, digits, \`-\` and \`_\`, e.g. \`${form.type === 'working' ? 'tool-filtering-wg' : 'client-implementors-ig'}\`${/[A-Z]/.test(text) ? ' (channel names are lowercase)' : ''}`;
    case 'url-format':
      return `${shown} is not an https URL, e.g. \`https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1302\`${text.startsWith('http://') ? ' (use https)' : ''}`;
    case 'date-format':
      // A lead's term ending in a date that does not exist (2026-02-30).
      return `${echoText(typed)} ends in a date that does not exist: write the end date as a real YYYY-MM-DD date, e.g. \`until 2027-01-31\``;
    case 'duplicate-entry':
      return `${shown} is listed twice`;
    case 'discord-suffix':
      return `${shown} does not end in \`${form.type === 'working' ? '-wg' : '-ig'}\`, as ${form.type === 'working' ? 'a working' : 'an interest'} group's channel does by convention`;
    case 'repo-shared':
      return `${shown} is also owned by another active group: its issues and pull requests would count for both`;
    case 'invalid-value': {
      const max = /longer than (\d+) characters/.exec(d.message)?.[1];
      if (max) return `is ${text.length.toLocaleString('en-US')} characters long; at most ${Number(max).toLocaleString('en-US')}`;
      if (/must not be empty|at least one entry/.test(d.message)) return 'required';
      return fallback(d);
    }
    default:
      return fallback(d);
  }
}

/** A diagnostic about the file as a whole (its size, the count of problems). */
function wholeFileMessage(d: Diagnostic): string {
  if (d.rule === 'file-too-large') {
    return `the answers together make a charter larger than ${MAX_CHARTER_BYTES / 1024} KiB; shorten the longest answers`;
  }
  if (d.rule === 'too-many-problems') return 'more problems are not listed; fix the ones above first';
  return fallback(d);
}

/** The validator's own message as safe, bounded Markdown text (it may quote a value). */
function fallback(d: Diagnostic): string {
  const points = Array.from(d.message);
  const cut = points.length > MAX_PROBLEM_LENGTH ? `${points.slice(0, MAX_PROBLEM_LENGTH).join('')}…` : d.message;
  return inlineText(cut);
}

/** Problems by field, in the form's order (the request's own first), each field bounded. */
class Problems {
  private readonly byField = new Map<string, string[]>();
  private readonly order: string[];

  constructor(form: GroupForm) {
    this.order = [REQUEST_FIELD, ...form.fields.map((f) => f.label)];
  }

  get size(): number {
    return this.byField.size;
  }

  add(field: string, message: string): void {
    const list = this.byField.get(field) ?? [];
    if (!list.includes(message)) list.push(message);
    this.byField.set(field, list);
  }

  has(field: string): boolean {
    return this.byField.has(field);
  }

  drop(field: string): void {
    this.byField.delete(field);
  }

  list(): FieldProblem[] {
    const fields = [...this.byField.keys()].sort((a, b) => this.rank(a) - this.rank(b));
    return fields.flatMap((field) => {
      const messages = this.byField.get(field) ?? [];
      const shown = messages.slice(0, MAX_PROBLEMS_PER_FIELD).map((message) => ({ field, message }));
      const more = messages.length - MAX_PROBLEMS_PER_FIELD;
      return more > 0 ? [...shown, { field, message: `${more} more problems are not listed` }] : shown;
    });
  }

  private rank(field: string): number {
    const i = this.order.indexOf(field);
    return i < 0 ? this.order.length : i;
  }
}
