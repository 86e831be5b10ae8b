/**
 * The retirement edit of a charter page (SEP-2149 Part 2 template; § 1.9 retirement): the page as
 * people wrote it, with the retirement marker in its front matter and one Changelog row, and
 * nothing else changed — the page counterpart of `retire-edit.ts`.
 *
 * The marker (fixed convention): `status: retired`, `retired_on: YYYY-MM-DD`, `retired_reason:
 * <text>` in the front matter (the YAML between the first two `---` lines). An active page has no
 * `status` key, or `status: active`.
 */
import { isDeepStrictEqual } from 'node:util';
import { Document, Scalar, isMap, isScalar, parse, parseDocument } from 'yaml';
import type { Pair, YAMLMap } from 'yaml';
import { link, tableCell, tableCellText, tableRow } from '../../markdown/escape.js';
import { MAX_ALIAS_COUNT } from '../parse.js';
import { RetirementSchema } from '../schema.js';

/** What a retirement records: the day (`YYYY-MM-DD`, UTC), why (any text, at most 5,000 characters), and the https URL of the decision. */
export interface PageRetirement {
  on: string;
  reason: string;
  issue?: string;
}

/** One line of a text: `start` to `end` (its line break excluded), `next` where the following line starts. */
interface Line {
  start: number;
  end: number;
  next: number;
  text: string;
}

interface Edit {
  from: number;
  to: number;
  insert: string;
}

/**
 * Retires a charter page: sets `status: retired`, `retired_on`, `retired_reason` (and, with an
 * issue, `retired_issue`, which the page reader reads as `retired.issue`) in its front matter, and
 * adds the row `| <on> | Retired: <reason>[ (<issue link>)] |` to its Changelog table.
 *
 * Front matter: `status: active` has its value replaced in place (its quoting kept); a key already
 * present (`retired_on`, `retired_reason` on an active page) has its lines replaced where they
 * are; the others are added after the existing keys, at their indentation. A page without front
 * matter gets one. The reason (and issue) is one line of YAML written by the `yaml` package
 * (`yamlScalar`): plain when that reads back as the same text under YAML 1.2 and 1.1, else
 * double-quoted with every line break, control and bidirectional character escaped, so no `---`,
 * `:`, `#` or newline can end the value or the front matter. The reason is trimmed.
 *
 * Changelog: the first table under the `Changelog` heading (outside fenced code), whose first
 * column is the date. The row goes where its date sorts in the table's own order — newest first
 * unless the dates ascend (a retirement goes above, or below, the entries of its own day) — its
 * cells escaped (`tableCellText`: a pipe or line break cannot split the row, nothing renders as
 * HTML or an MDX expression) and, when every line of the table is padded to the same column
 * widths, padded to them if it fits. Cells past the second stay empty.
 *
 * Every other byte is kept; the page's line breaks (`\r\n` stays `\r\n`) are used for the new
 * lines. The front matter is checked by parsing it back: the same mapping with only the three keys
 * changed. A page already marked `status: retired` is returned unchanged.
 *
 * Problems (`{ problem }`, a sentence for a person; never throws): the retirement malformed (`on`
 * not a date, `reason` empty or over 5,000 characters, `issue` not an https URL), front matter
 * never closed, not YAML or not a block mapping, a `status` other than `active`/`retired`, no
 * Changelog section, several, or no Date/Change table in it, `on` before the Changelog's oldest
 * date (when the group was formed).
 *
 * Source: SEP-2149 Part 2 (charter template, Changelog), § 1.9 (retirement).
 */
export function retirePageText(text: string, retirement: PageRetirement): { text: string } | { problem: string } {
  const checked = RetirementSchema.safeParse({ on: retirement.on, reason: retirement.reason, ...(retirement.issue !== undefined ? { issue: retirement.issue } : {}) });
  if (!checked.success || typeof retirement.on !== 'string') {
    const key = checked.success ? 'on' : String(checked.error.issues[0]?.path[0] ?? 'on');
    return { problem: `the retirement's "${key}" is not valid: ${key === 'on' ? 'a date written YYYY-MM-DD' : key === 'issue' ? 'an https URL' : 'text of 1 to 5,000 characters'}` };
  }
  const on = retirement.on;
  const reason = checked.data.reason;
  const issue = checked.data.issue;

  // The marker's keys, their values, and each as written in YAML.
  const written: Record<string, string> = { status: 'retired', retired_on: on, retired_reason: reason, ...(issue !== undefined ? { retired_issue: issue } : {}) };
  let marker: (readonly [string, string])[];
  try {
    marker = Object.entries(written).map(([key, value]) => [key, key === 'status' || key === 'retired_on' ? value : yamlScalar(value)] as const);
  } catch {
    return { problem: 'the retirement reason cannot be written as one line of YAML; retire the page by hand' };
  }

  const lines = splitLines(text);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const edits: Edit[] = [];

  // The front matter.
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const first = lines[0];
  const opens = first !== undefined && text.slice(first.start + bom, first.end).trimEnd() === '---';
  let bodyFrom = 0;
  let expected: Record<string, unknown>;
  if (opens) {
    const close = lines.findIndex((l, i) => i > 0 && (l.text.trimEnd() === '---' || l.text.trimEnd() === '...'));
    if (close < 0) return { problem: 'the front matter opened by "---" on line 1 is never closed by a second "---" line' };
    bodyFrom = close + 1;
    const from = (first as Line).next;
    const to = (lines[close] as Line).start;
    const yamlText = text.slice(from, to);
    const read = readFrontMatter(yamlText);
    if ('problem' in read) return read;
    const { map, value } = read;
    const status = map ? pairOf(map, 'status') : undefined;
    if (status) {
      if (!isScalar(status.value) || !status.value.range) return { problem: 'the front matter\'s "status" is not a single value' };
      if (status.value.value === 'retired') return { text };
      if (status.value.value !== 'active') return { problem: `the front matter's "status" is ${JSON.stringify(status.value.value)}, neither "active" nor "retired"` };
      const [vFrom, vTo] = status.value.range;
      edits.push({ from: from + vFrom, to: from + vTo, insert: quoted('retired', status.value.type) });
    }
    const indent = map ? keyIndent(yamlText, map) : '';
    const added: string[] = status ? [] : [`${indent}status: retired${newline}`];
    for (const [key, rendered] of marker.slice(1)) {
      const line = `${indent}${key}: ${rendered}${newline}`;
      const pair = map ? pairOf(map, key) : undefined;
      const lineRange = pair ? pairLines(yamlText, pair) : null;
      if (lineRange) edits.push({ from: from + lineRange[0], to: from + lineRange[1], insert: line });
      else added.push(line);
    }
    if (added.length > 0) edits.push({ from: to, to, insert: added.join('') });
    expected = { ...value, ...written };
  } else {
    const blank = first !== undefined && first.text.replace(/^\uFEFF/, '').trim() !== '' ? newline : '';
    const block = ['---', ...marker.map(([key, rendered]) => `${key}: ${rendered}`), '---'].join(newline);
    edits.push({ from: bom, to: bom, insert: `${block}${newline}${blank}` });
    expected = written;
  }

  // The Changelog row.
  const row = changelogEdit(text, lines.slice(bodyFrom), newline, on, `Retired: ${tableCellText(reason)}${issue ? ` (${tableCell(link(issue, issue))})` : ''}`);
  if ('problem' in row) return row;
  edits.push(row);

  edits.sort((a, b) => b.from - a.from);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.from) + edit.insert + out.slice(edit.to);

  // The front matter must read back as the same mapping, retired.
  const outLines = splitLines(out);
  const close = outLines.findIndex((l, i) => i > 0 && (l.text.trimEnd() === '---' || l.text.trimEnd() === '...'));
  const after = readFrontMatter(out.slice(outLines[0]?.next ?? 0, outLines[close]?.start ?? 0));
  if ('problem' in after || !isDeepStrictEqual(after.value, expected)) {
    return { problem: 'the front matter is laid out in a way the edit cannot keep; retire the page by hand' };
  }
  return { text: out };
}

/** The front matter's mapping (null when it holds no key) and its value, or why it cannot be edited. */
function readFrontMatter(yamlText: string): { map: YAMLMap | null; value: Record<string, unknown> } | { problem: string } {
  let doc;
  try {
    doc = parseDocument(yamlText, { uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    return { problem: `the front matter is not valid YAML: ${firstLine(error instanceof Error ? error.message : String(error))}` };
  }
  if (doc.errors.length > 0) return { problem: `the front matter is not valid YAML: ${firstLine(doc.errors[0]?.message ?? '')}` };
  if (doc.contents === null) return { map: null, value: {} };
  if (!isMap(doc.contents)) return { problem: 'the front matter is not a mapping of keys to values' };
  if (doc.contents.flow) return { problem: 'the front matter is written as one flow mapping ({ … }); retire the page by hand' };
  try {
    return { map: doc.contents, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown> };
  } catch {
    return { problem: 'the front matter cannot be read: its aliases expand too far' };
  }
}

/**
 * The edit adding the row to the Changelog table of the page's body lines, or why it cannot.
 * `change` is the second cell, already escaped.
 */
function changelogEdit(text: string, body: Line[], newline: string, on: string, change: string): Edit | { problem: string } {
  // The headings outside fenced code.
  let fence: { char: string; length: number } | null = null;
  const outline: { index: number; level: number; changelog: boolean }[] = [];
  body.forEach((line, index) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line.text)?.[1];
    if (fence) {
      if (marker && marker[0] === fence.char && marker.length >= fence.length && line.text.trim() === marker) fence = null;
      return;
    }
    if (marker) {
      fence = { char: marker[0] as string, length: marker.length };
      return;
    }
    const heading = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line.text);
    if (!heading) return;
    outline.push({ index, level: (heading[1] as string).length, changelog: /^change ?log:?$/i.test((heading[2] as string).trim()) });
  });
  const headings = outline.filter((h) => h.changelog);
  if (headings.length === 0) return { problem: 'the page has no "## Changelog" section to record the retirement in' };
  if (headings.length > 1) return { problem: `the page has ${headings.length} "Changelog" sections; keep one` };
  const heading = headings[0] as (typeof headings)[number];
  const next = outline.find((h) => h.index > heading.index && h.level <= heading.level);
  const section = body.slice(heading.index + 1, next ? next.index : body.length);

  const start = section.findIndex((l, i) => /^\s*\|/.test(l.text) && isDelimiterRow(section[i + 1]?.text ?? ''));
  if (start < 0) return { problem: 'the Changelog section has no table (| Date | Change |) to add the retirement to' };
  let end = start + 2;
  while (end < section.length && /^\s*\|/.test((section[end] as Line).text)) end += 1;
  const table = section.slice(start, end);
  const header = table[0] as Line;
  const delimiter = table[1] as Line;
  const rows = table.slice(2);

  const headerCells = cellsOf(header.text);
  if (headerCells.length < 2 || !/date/i.test(headerCells[0]?.trim() ?? '')) {
    return { problem: 'the Changelog table does not start with a Date column followed by a Change column' };
  }
  const cells = [on, change, ...headerCells.slice(2).map(() => '')];

  // Padded like the table when every line has the same cell widths (a formatted table).
  const widths = cellsOf(delimiter.text).map(displayWidth);
  const aligned = table.every((l) => isDeepStrictEqual(cellsOf(l.text).map(displayWidth), widths));
  const alignments = cellsOf(delimiter.text).map((c) => {
    const t = c.trim();
    return t.endsWith(':') ? (t.startsWith(':') ? 'center' : 'right') : 'left';
  });
  const indent = /^\s*/.exec(header.text)?.[0] ?? '';
  const written = aligned
    ? `|${cells.map((c, i) => ` ${pad(c, (widths[i] ?? 0) - 2, alignments[i] ?? 'left')} `).join('|')}|`
    : tableRow(cells);
  const newRow = indent + written;

  // In the table's order: newest first unless its dates ascend.
  const dates = rows.map((r) => /^\d{4}-\d{2}-\d{2}/.exec(cellsOf(r.text)[0]?.trim() ?? '')?.[0] ?? null);
  const known = dates.filter((d): d is string => d !== null);
  const formed = known.reduce<string | undefined>((min, d) => (min === undefined || d < min ? d : min), undefined);
  if (formed !== undefined && on < formed) return { problem: `the retirement date ${on} is before the group was formed (${formed}, the Changelog's first entry)` };
  let ascending = 0;
  let descending = 0;
  for (let i = 1; i < known.length; i += 1) {
    if ((known[i] as string) > (known[i - 1] as string)) ascending += 1;
    else if ((known[i] as string) < (known[i - 1] as string)) descending += 1;
  }
  const at = ascending > descending ? dates.findIndex((d) => d !== null && d > on) : dates.findIndex((d) => d !== null && d <= on);
  if (at >= 0) {
    const before = rows[at] as Line;
    return { from: before.start, to: before.start, insert: `${newRow}${newline}` };
  }
  const last = (rows[rows.length - 1] ?? delimiter) as Line;
  if (last.next > last.end) return { from: last.next, to: last.next, insert: `${newRow}${newline}` };
  return { from: text.length, to: text.length, insert: `${newline}${newRow}` };
}

/** A GFM delimiter row: `| --- | :---: |`. */
function isDelimiterRow(line: string): boolean {
  return /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/.test(line) && line.includes('-');
}

/** The raw cells of a table row (spaces kept), split at pipes not escaped by a backslash; the outer pipes dropped. */
function cellsOf(row: string): string[] {
  const trimmed = row.trim();
  const inner = trimmed.replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/);
}

/** `text` padded with spaces to `width` display columns, as a formatter aligns a table cell; as it is when longer. */
function pad(text: string, width: number, alignment: 'left' | 'right' | 'center'): string {
  const space = width - displayWidth(text);
  if (space <= 0) return text;
  if (alignment === 'right') return ' '.repeat(space) + text;
  if (alignment === 'center') return ' '.repeat(Math.floor(space / 2)) + text + ' '.repeat(Math.ceil(space / 2));
  return text + ' '.repeat(space);
}

/**
 * The columns `text` takes in a monospaced editor, as Markdown formatters measure table cells:
 * marks and format characters (the word joiner, U+2060) take none, East Asian wide characters
 * and emoji two, everything else one. Pure.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const c of text) {
    if (/[\p{Mn}\p{Me}\p{Cf}]/u.test(c)) continue;
    const code = c.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1f300 && code <= 0x1faff) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

/** Line breaks, controls, bidirectional controls, the byte order mark: escaped in a quoted YAML scalar, never written raw. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const YAML_UNSAFE = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/;

/**
 * `value` as one line of YAML, for `key: <value>` in front matter: written by the `yaml` package,
 * plain when it reads back as the same text under both YAML 1.2 and 1.1 (so `yes`, `2026-01-01`
 * or `1:20` are quoted), else double-quoted as JSON writes strings, without folding; inside
 * quotes, line breaks (`\n`, U+2028, NEL), controls and bidirectional controls are escapes
 * (`\u2028`), never raw. The result
 * holds no line break, so nothing in `value` can end the scalar or the front matter. Pure.
 *
 * @throws Error if the written scalar does not read back as `value` (never seen: a safety net)
 */
export function yamlScalar(value: string): string {
  const write = (type?: Scalar.Type) => {
    const scalar = new Scalar(value);
    if (type) scalar.type = type;
    return new Document(scalar).toString({ lineWidth: 0, blockQuote: false, doubleQuotedAsJSON: true }).replace(/\n$/, '');
  };
  let out = write();
  const reads = (yaml: string, version: '1.1' | '1.2') => {
    try {
      return isDeepStrictEqual(parse(`k: ${yaml}`, { version }), { k: value });
    } catch {
      return false;
    }
  };
  if (YAML_UNSAFE.test(value) || /[\n\r]/.test(out) || !reads(out, '1.2') || !reads(out, '1.1')) {
    out = write(Scalar.QUOTE_DOUBLE).replace(new RegExp(YAML_UNSAFE.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  }
  if (/[\n\r\u0085\u2028\u2029]/.test(out) || !reads(out, '1.2')) throw new Error('a YAML scalar could not be written on one line');
  return out;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = breaks.exec(text); match; match = breaks.exec(text)) {
    lines.push({ start, end: match.index, next: match.index + match[0].length, text: text.slice(start, match.index) });
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push({ start, end: text.length, next: text.length, text: text.slice(start) });
  return lines;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key);
}

/** The indentation of the mapping's keys (the first key's column), as spaces. */
function keyIndent(text: string, map: YAMLMap): string {
  const firstKey = map.items[0]?.key;
  const at = isScalar(firstKey) && firstKey.range ? firstKey.range[0] : 0;
  return ' '.repeat(at - (text.lastIndexOf('\n', at - 1) + 1));
}

/** From the start of a pair's key line to after the line its value ends on. */
function pairLines(text: string, pair: Pair): [number, number] | null {
  if (!isScalar(pair.key) || !pair.key.range) return null;
  const start = text.lastIndexOf('\n', pair.key.range[0] - 1) + 1;
  const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
  const last = valueRange ? Math.max(valueRange[1] - 1, pair.key.range[1]) : pair.key.range[1];
  const lineEnd = text.indexOf('\n', last);
  return [start, lineEnd < 0 ? text.length : lineEnd + 1];
}

/** A word in the quoting style the old value had. */
function quoted(word: string, type: Scalar['type']): string {
  if (type === Scalar.QUOTE_DOUBLE) return `"${word}"`;
  if (type === Scalar.QUOTE_SINGLE) return `'${word}'`;
  return word;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
