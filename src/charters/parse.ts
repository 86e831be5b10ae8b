/**
 * Reading one charter file: bytes → text → one YAML document → a plain mapping, with every
 * failure turned into a diagnostic at its line and column. Content is hostile (it may come from
 * a fork's pull request): its size is bounded before it is read, aliases are bounded when it is
 * expanded, and nothing in it is ever executed.
 */
import { copyPlain, isPlainData, TextMemo } from './text-memo.js';
import { Composer, isAlias, isMap, isSeq, isScalar, LineCounter, Parser, visit } from 'yaml';
import type { CST, Document, Node, ParsedNode } from 'yaml';
import { RULES } from './diagnostics.js';
import type { Diagnostic, RuleId } from './diagnostics.js';

/** Largest charter file accepted, in bytes. */
export const MAX_CHARTER_BYTES = 64 * 1024;
/** Most aliases a charter may expand (yaml's own resource-exhaustion guard). */
export const MAX_ALIAS_COUNT = 100;
/**
 * Deepest nesting of lists and mappings read. A charter nests 3 levels (`leads:` → a lead → its
 * keys); the `yaml` package composes nested collections by recursion, so 10,000 `[` in 10 KiB
 * would exhaust the stack (a RangeError it reports as a syntax error at the depth it gave up,
 * followed by hundreds more). The depth is measured first, on yaml's syntax tree (built without
 * recursion), and a deeper file is one diagnostic at the collection that goes too deep.
 */
export const MAX_NESTING_DEPTH = 64;

/** A charter file as given to the validator: its name (as it should be reported) and content. */
export interface CharterSource {
  /** The file's path as diagnostics should name it, e.g. `agents.yaml` or `groups/agents.yaml`. */
  file: string;
  /** Raw bytes (checked as UTF-8) or text already decoded. */
  content: Uint8Array | string;
  /** The file's real size in bytes, when `content` holds only its first bytes. */
  byteLength?: number;
}

/** A key path into a charter, e.g. `['retired', 'on']` or `['facilitators', 2]`. */
export type KeyPath = readonly (string | number)[];

/** One file after parsing: the document (for positions) and its value if it is a mapping. */
export interface ParsedCharterFile {
  file: string;
  /** The file name without directories and without `.yaml` / `.yml`. */
  stem: string;
  /** The mapping the file holds, when it parsed cleanly; absent after any parse error. */
  value?: Record<string, unknown>;
  diagnostics: Diagnostic[];
  /** 1-based position of a key path's value (or key, with `at: 'key'`); the nearest ancestor found. */
  positionOf(path: KeyPath, at?: 'key' | 'value'): { line: number; column: number };
}

/** Makes a diagnostic with the rule's catalogue severity. */
export function diagnostic(
  file: string,
  pos: { line: number; column: number },
  rule: RuleId,
  message: string,
): Diagnostic {
  return { file, line: pos.line, column: pos.column, severity: RULES[rule].severity, rule, message };
}

/** The file name without directories and without a `.yaml` / `.yml` extension. */
export function charterStem(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return base.replace(/\.ya?ml$/i, '');
}

/**
 * Parses one charter file. Never throws: every failure is a diagnostic of the returned file.
 * Checks, in order: size (≤ 64 KiB), encoding (UTF-8, no NUL bytes), nesting (≤ 64 levels of
 * lists and mappings), YAML syntax and duplicate keys, a single document, a mapping at the top,
 * alias expansion (≤ 100 aliases).
 */
export function parseCharterFile(source: CharterSource): ParsedCharterFile {
  const { file } = source;
  const result = (
    diagnostics: Diagnostic[],
    positionOf: ParsedCharterFile['positionOf'] = () => START,
    value?: Record<string, unknown>,
  ): ParsedCharterFile => ({ file, stem: charterStem(file), diagnostics, positionOf, value });

  const size =
    source.byteLength ??
    (typeof source.content === 'string' ? Buffer.byteLength(source.content, 'utf8') : source.content.byteLength);
  if (size > MAX_CHARTER_BYTES) {
    return result([
      diagnostic(file, START, 'file-too-large', `the file is ${size} bytes; a charter may be at most ${MAX_CHARTER_BYTES} bytes (64 KiB)`),
    ]);
  }

  const decoded = decodeText(source.content);
  if ('problem' in decoded) return result([diagnostic(file, decoded.at, 'file-encoding', decoded.problem)]);
  const read = readText(decoded.text);
  // Each caller its own diagnostics and value: callers add to the one and may change the other.
  return result(read.diagnostics.map((d) => ({ file, ...d })), read.positionOf, read.value?.());
}

/**
 * What a text reads as, whatever file holds it: diagnostics without their file, and the mapping
 * it holds — made afresh from the parsed document for each caller, who may change it.
 */
interface ReadText {
  diagnostics: readonly Omit<Diagnostic, 'file'>[];
  positionOf: ParsedCharterFile['positionOf'];
  value?: () => Record<string, unknown>;
}

/**
 * Texts already read, the most recently used last, up to 512 KiB of text in all (a few dozen charters). The
 * same text reads the same (the outcome is a function of the text alone), and the App reads the
 * same charters again and again: every charter at a pull request's head and base on each of its
 * events, and each file more than once in one delivery (the check, the changes review, the
 * directory). An optimisation only: what is returned is the outcome of reading exactly this text.
 */
const memo = new TextMemo<ReadText>(512 * 1024);

/** Forgets every text read (for measuring a cold read). */
export function forgetParsedCharters(): void {
  memo.clear();
}

function readText(text: string): ReadText {
  const kept = memo.get(text);
  if (kept) return kept;
  const read = readTextAfresh(text);
  memo.set(text, read);
  return read;
}

/** Reads a decoded text: YAML syntax, nesting, one document, a mapping, aliases. */
function readTextAfresh(text: string): ReadText {
  const file = '';
  const result = (diagnostics: Diagnostic[], positionOf: ParsedCharterFile['positionOf'] = () => START, value?: () => Record<string, unknown>): ReadText => ({
    diagnostics: diagnostics.map(({ file: _file, ...d }) => d),
    positionOf,
    ...(value === undefined ? {} : { value }),
  });

  const lineCounter = new LineCounter();
  const at = (offset: number | undefined): { line: number; column: number } => {
    if (offset === undefined) return START;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  // yaml's parseAllDocuments in two steps: the syntax tree, its depth checked, then the documents.
  let docs: Document.Parsed[];
  try {
    const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
    const tooDeep = firstTooDeep(tokens, MAX_NESTING_DEPTH);
    if (tooDeep !== undefined) {
      return result([
        diagnostic(file, at(tooDeep), 'yaml-syntax', `lists and mappings nest more than ${MAX_NESTING_DEPTH} levels deep here (a "[" or "{" left open?); a charter nests at most 3`),
      ]);
    }
    docs = Array.from(new Composer({ uniqueKeys: true, prettyErrors: false }).compose(tokens)) as Document.Parsed[];
  } catch (error) {
    const why = error instanceof RangeError ? 'the file nests too deeply to read' : errorMessage(error);
    return result([diagnostic(file, START, 'yaml-syntax', `the YAML parser gave up: ${why}`)]);
  }

  const diagnostics: Diagnostic[] = [];
  if (!Array.isArray(docs) || docs.length === 0) {
    return result([diagnostic(file, START, 'document-empty', 'the file is empty: a charter is a mapping of keys such as id, name and type')]);
  }
  if (docs.length > 1) {
    diagnostics.push(
      diagnostic(file, at(docs[1]?.range[0]), 'multiple-documents', `the file holds ${docs.length} YAML documents; a charter file holds exactly one (remove the "---" separators)`),
    );
  }
  const doc = docs[0] as Document.Parsed;
  const positionOf = (path: KeyPath, where: 'key' | 'value' = 'value') => at(offsetOf(doc, path, where));

  for (const error of doc.errors) {
    const rule: RuleId = error.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax';
    const message =
      rule === 'yaml-duplicate-key' ? 'this key appears twice in the same mapping' : firstLine(error.message);
    diagnostics.push(diagnostic(file, at(error.pos[0]), rule, message));
  }
  for (const warning of doc.warnings) {
    // A tag yaml cannot apply is a yaml-tag warning; any other doubt of the parser (an ambiguous
    // anchor, an unknown directive, …) is a yaml-syntax error, as the catalogue says.
    const tagProblem = warning.code === 'TAG_RESOLVE_FAILED' || warning.code === 'BAD_COLLECTION_TYPE';
    diagnostics.push(diagnostic(file, at(warning.pos[0]), tagProblem ? 'yaml-tag' : 'yaml-syntax', firstLine(warning.message)));
  }
  if (diagnostics.some((d) => d.severity === 'error')) return result(diagnostics, positionOf);

  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) {
    diagnostics.push(diagnostic(file, START, 'document-empty', 'the document is empty: a charter is a mapping of keys such as id, name and type'));
    return result(diagnostics, positionOf);
  }
  if (!isMap(contents)) {
    const found = isSeq(contents) ? 'a list' : isAlias(contents) ? 'an alias' : 'a single value';
    diagnostics.push(diagnostic(file, at(contents.range?.[0]), 'document-not-mapping', `the document is ${found}; a charter is a mapping of keys such as id, name and type`));
    return result(diagnostics, positionOf);
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      diagnostics.push(diagnostic(file, at(firstAliasOffset(doc)), 'yaml-alias-limit', `aliases expand to too much data (more than ${MAX_ALIAS_COUNT} alias uses); write the values out instead`));
    } else {
      diagnostics.push(diagnostic(file, START, 'yaml-syntax', `the document cannot be read: ${errorMessage(error)}`));
    }
    return result(diagnostics, positionOf);
  }
  // Each caller gets its own value, which it may change: the first the value just made; each later
  // one a copy of a second conversion, made when the second caller asks and kept unchanged when it
  // is a tree of plain data (a charter: strings, numbers, booleans, nulls, lists and mappings) —
  // far cheaper than converting the document again. Any other value (a tag such as !!timestamp,
  // !!set or !!binary makes a Date, a Set, bytes; an alias shares a value, or makes a cycle) is
  // converted again for each caller (it succeeded once: the document and the limit are the same).
  let first: Record<string, unknown> | undefined = value as Record<string, unknown>;
  /** The value kept for copies; null when it is not plain data; undefined until the second caller. */
  let kept: Record<string, unknown> | null | undefined;
  const convert = () => doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
  const again = (): Record<string, unknown> => {
    if (first !== undefined) {
      const given = first;
      first = undefined;
      return given;
    }
    if (kept === undefined) {
      const made = convert();
      kept = isPlainData(made) ? made : null;
      if (kept === null) return made;
    }
    return kept === null ? convert() : copyPlain(kept);
  };
  return result(diagnostics, positionOf, again);
}

const START = { line: 1, column: 1 } as const;

/**
 * The offset of the first collection (in document order) nested deeper than `max` lists and
 * mappings in yaml's syntax tree, or undefined. Iterative: a hostile depth costs no stack.
 */
function firstTooDeep(tokens: readonly CST.Token[], max: number): number | undefined {
  const stack: { token: CST.Token; depth: number }[] = tokens.map((token) => ({ token, depth: 0 })).reverse();
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { token, depth } = next;
    if (token.type === 'document') {
      if (token.value) stack.push({ token: token.value, depth });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > max) return token.offset;
      const children: CST.Token[] = [];
      for (const item of token.items) {
        if (item.key) children.push(item.key);
        if (item.value) children.push(item.value);
      }
      for (let i = children.length - 1; i >= 0; i -= 1) stack.push({ token: children[i] as CST.Token, depth: depth + 1 });
    }
  }
  return undefined;
}

type Decoded = { text: string } | { problem: string; at: { line: number; column: number } };

function decodeText(content: Uint8Array | string): Decoded {
  if (typeof content === 'string') {
    // Drop a byte order mark first, as the byte path's decoder does, so columns agree.
    const text = content.startsWith('\uFEFF') ? content.slice(1) : content;
    const nul = text.indexOf('\0');
    if (nul >= 0) return { problem: binaryProblem, at: positionInText(text, nul) };
    return { text };
  }
  const nul = content.indexOf(0);
  const lossy = new TextDecoder('utf-8').decode(content);
  if (nul >= 0) {
    return { problem: binaryProblem, at: positionInText(lossy, lossy.indexOf('\0')) };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(content) };
  } catch {
    return {
      problem: 'the file is not valid UTF-8 text; save it as UTF-8',
      at: positionInText(lossy, firstReplacement(content, lossy)),
    };
  }
}

/**
 * The index in `lossy` (the bytes decoded with replacement) of the first U+FFFD that stands for
 * invalid bytes, skipping any U+FFFD the file really holds (the valid bytes EF BF BD).
 */
function firstReplacement(bytes: Uint8Array, lossy: string): number {
  // The decoder drops a leading byte order mark.
  let b = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = 0; i < lossy.length; ) {
    const cp = lossy.codePointAt(i) ?? 0;
    if (cp === 0xfffd && !(bytes[b] === 0xef && bytes[b + 1] === 0xbf && bytes[b + 2] === 0xbd)) return i;
    b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  return 0;
}

const binaryProblem = 'the file holds binary data (a NUL byte); a charter is UTF-8 YAML text';

/** The 1-based line and column of index `index` of `text`. Pure. */
export function positionInText(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/** The source offset of a key path's value (or key); the nearest ancestor's when it is absent. */
function offsetOf(doc: Document.Parsed, path: KeyPath, where: 'key' | 'value'): number | undefined {
  let node: Node | null | undefined = doc.contents;
  let offset = node?.range?.[0];
  for (let i = 0; i < path.length; i += 1) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      // A null key (`~:` or `: x`) reads as the key "" (yaml's own conversion).
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value ?? '') === String(segment));
      if (!pair) return offset;
      const keyOffset = (pair.key as ParsedNode).range[0];
      if (last && where === 'key') return keyOffset;
      node = pair.value as Node | null;
      // An empty value (`name:`) has no text of its own: point at its key.
      const range = node?.range;
      offset = range && range[1] > range[0] ? range[0] : keyOffset;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment] as Node;
      offset = node.range?.[0] ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

function firstAliasOffset(doc: Document.Parsed): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
