/**
 * The retirement edit: a charter file as people wrote it, with `status: retired` and a
 * `retired:` block, and nothing else changed. SEP-1302 § Lifecycle (a WG is retired when the
 * community moderators or core+ maintainers decide, or by the inactivity rule; an IG only by their
 * decision); README § The life of a group, steps 7 and 8.
 */
import { isDeepStrictEqual } from 'node:util';
import { Document, Scalar, isMap, isScalar, parseDocument, visit } from 'yaml';
import type { Pair, YAMLMap } from 'yaml';
import { MAX_ALIAS_COUNT } from './parse.js';
import { RETIRED_ON_UNKNOWN, RetirementSchema } from './schema.js';

/** What the `retired:` block records. */
export interface Retirement {
  /**
   * The day of the retirement, `YYYY-MM-DD` (UTC). Never `unknown`: a retirement decided now has
   * its day; `on: unknown` is for a charter recording an old retirement no record dates.
   */
  on: string;
  /** Why the group was retired, and where its work went; any text, several lines included (at most 5,000 characters). */
  reason: string;
  /** The https URL of the retirement issue or the decision, when there is one. */
  issue?: string;
}

type Range = [number, number, number];

/**
 * Retires a charter: sets `status` to `retired` and adds `retired: { on, reason, issue }`.
 *
 * The edit is made on the text, at the source ranges the `yaml` package's Document API gives
 * (`parseDocument`): the `status` value is replaced in place (its quoting kept, so an inline
 * comment after it stays), and the `retired:` block — written by the `yaml` package from a
 * `Document`, so a multi-line reason (a literal block), `: `, `#` or quotes stay one valid string,
 * a long one-line reason is folded (`>-`) and a YAML 1.1 word (`yes`, `null`) quoted — is
 * appended after the last key, at the end of the file (after any trailing comments), at the
 * indentation of the top-level keys. When the file already has a `retired:` key (an active charter
 * with a stray block, which the validator rejects), that key's lines are replaced by the new
 * block where they are. Everything else — comments, blank lines, key order, quoting, folded and
 * literal block scalars, flow lists — is byte for byte as it was; `doc.toString()` is not used on
 * the file, as it would refold block scalars. A `\r\n` file gets `\r\n` lines.
 *
 * The result is checked by parsing it back: it must read as the same mapping with only `status`
 * and `retired` changed. The template answers a working group or interest group gave
 * (`use_cases`, `first_topic`, …) stay: the validator requires them only while a group is active
 * and forbids nothing on a retired one, so the result passes `validateCharters` whenever the input
 * did (and `on` is not before `formed`, nor in the future).
 *
 * Errors (`ok: false`, a sentence for a person): YAML errors, not a single block mapping, a
 * status other than `active` (already retired included), `on` / `reason` / `issue` malformed
 * (`on: unknown` included: the edit records a decision, whose day is known),
 * `on` before `formed`. Pure; never throws.
 *
 * Source: SEP-1302 § Lifecycle; README § The life of a group (step 7); the charter schema
 * (`RetirementSchema`).
 */
export function retireCharterText(text: string, retirement: Retirement): { ok: true; text: string } | { ok: false; error: string } {
  const block = { on: retirement.on, reason: retirement.reason, ...(retirement.issue !== undefined ? { issue: retirement.issue } : {}) };
  const checked = RetirementSchema.safeParse(block);
  if (!checked.success || retirement.on === undefined || retirement.on === RETIRED_ON_UNKNOWN) {
    const issue = checked.success ? undefined : checked.error.issues[0];
    const key = issue?.path[0] !== undefined ? String(issue.path[0]) : 'on';
    return { ok: false, error: `the retirement's "${key}" is not valid: ${key === 'on' ? 'a date written YYYY-MM-DD' : key === 'issue' ? 'an https URL' : 'text of 1 to 5,000 characters'}` };
  }

  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    return { ok: false, error: `the charter is not valid YAML: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (doc.errors.length > 0) return { ok: false, error: `the charter is not valid YAML: ${firstLine(doc.errors[0]?.message ?? '')}` };
  const map = doc.contents;
  if (!isMap(map)) return { ok: false, error: 'the charter is not a mapping of keys to values' };
  if (map.flow) return { ok: false, error: 'the charter is written as one flow mapping ({ … }); retire it by hand' };
  let before: unknown;
  try {
    before = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return { ok: false, error: 'the charter cannot be read: its aliases expand too far' };
  }
  const value = before as Record<string, unknown>;

  const status = pairOf(map, 'status');
  if (!status) return { ok: false, error: 'the charter has no "status"' };
  if (!isScalar(status.value) || !status.value.range) return { ok: false, error: 'the charter\'s "status" is not a single value' };
  if (status.value.value === 'retired') return { ok: false, error: 'the group is already retired' };
  if (status.value.value !== 'active') return { ok: false, error: `the charter's "status" is ${JSON.stringify(status.value.value)}, not "active"` };
  if (typeof value.formed === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.formed) && retirement.on < value.formed) {
    return { ok: false, error: `the retirement date ${retirement.on} is before the group was formed (${value.formed})` };
  }

  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const firstKey = map.items[0]?.key;
  const keyStart = isScalar(firstKey) && firstKey.range ? firstKey.range[0] : 0;
  const indent = keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1);
  const rendered = retiredBlock(block, indent, nestedIndent(text, map), newline);

  // The edits, applied from the end of the text so earlier offsets stay valid.
  const edits: { from: number; to: number; insert: string }[] = [];
  const [from, to] = status.value.range as Range;
  edits.push({ from, to, insert: quoted('retired', status.value.type) });
  const stray = pairOf(map, 'retired');
  if (stray && isScalar(stray.key) && stray.key.range) {
    const start = text.lastIndexOf('\n', stray.key.range[0] - 1) + 1;
    const valueRange = (stray.value as { range?: Range } | null)?.range;
    const last = valueRange ? Math.max(valueRange[1] - 1, stray.key.range[1]) : stray.key.range[1];
    const lineEnd = text.indexOf('\n', last);
    edits.push({ from: start, to: lineEnd < 0 ? text.length : lineEnd + 1, insert: rendered });
  } else {
    const at = appendOffset(text, map);
    const needsBreak = at > 0 && text[at - 1] !== '\n';
    edits.push({ from: at, to: at, insert: `${needsBreak ? newline : ''}${rendered}` });
  }
  edits.sort((a, b) => b.from - a.from);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.from) + edit.insert + out.slice(edit.to);

  // The result must read as the same charter, retired.
  try {
    const after = parseDocument(out, { uniqueKeys: true });
    const expected = { ...value, status: 'retired', retired: block };
    if (after.errors.length > 0 || !isDeepStrictEqual(after.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), expected)) {
      return { ok: false, error: 'the charter is laid out in a way the edit cannot keep; retire it by hand' };
    }
  } catch {
    return { ok: false, error: 'the charter is laid out in a way the edit cannot keep; retire it by hand' };
  }
  return { ok: true, text: out };
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key);
}

/** A word in the quoting style the old value had. */
function quoted(word: string, type: Scalar['type']): string {
  if (type === Scalar.QUOTE_DOUBLE) return `"${word}"`;
  if (type === Scalar.QUOTE_SINGLE) return `'${word}'`;
  return word;
}

/**
 * Where the block goes when appended: the end of the text, unless something other than blank
 * lines and comments follows the mapping (a `...` document end), then the line after the mapping.
 */
function appendOffset(text: string, map: YAMLMap): number {
  const end = (map.range as Range | undefined)?.[2] ?? text.length;
  const tail = text.slice(end);
  if (tail.split(/\r?\n/).every((line) => /^\s*(?:#.*)?$/.test(line))) return text.length;
  const lineEnd = text.lastIndexOf('\n', end - 1);
  return lineEnd < 0 ? end : lineEnd + 1;
}

/** The indentation step of the file's nested mappings (`discussions:`), 2 when it has none. */
function nestedIndent(text: string, map: YAMLMap): number {
  for (const pair of map.items) {
    if (!isMap(pair.value) || pair.value.flow || !isScalar(pair.key) || !pair.key.range) continue;
    const inner = pair.value.items[0]?.key;
    if (!isScalar(inner) || !inner.range) continue;
    const col = (offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);
    const step = col(inner.range[0]) - col(pair.key.range[0]);
    if (step > 0 && step <= 8) return step;
  }
  return 2;
}

/** A one-line reason longer than this many characters is written as a folded block scalar (`>-`). */
const FOLD_AFTER = 80;

/** Words YAML 1.1 reads as booleans or null: quoted, so every reader sees text. */
const YAML_1_1_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

/** `retired:` and its keys, as the `yaml` package writes them, each line indented by `indent`. */
function retiredBlock(block: Retirement, indent: number, step: number, newline: string): string {
  const doc = new Document({ retired: block });
  visit(doc, {
    Pair(_, pair) {
      const node = pair.value;
      if (!isScalar(node) || typeof node.value !== 'string') return;
      if (YAML_1_1_SPECIAL.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
      // A long one-line reason reads best folded (`>-`), as the charters write their long answers.
      else if (isScalar(pair.key) && pair.key.value === 'reason' && node.value.length > FOLD_AFTER && !/[\n\r]/.test(node.value) && node.value.trim() === node.value) {
        node.type = Scalar.BLOCK_FOLDED;
      }
    },
  });
  const pad = ' '.repeat(indent);
  return doc
    .toString({ indent: step })
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join(newline)
    .concat(newline);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
