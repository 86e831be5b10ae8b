/**
 * The documentation site's navigation (Mintlify's `docs/docs.json`): which charter pages it lists,
 * where, and under which navigation group. Read as data: parsed with `JSON.parse`, then scanned once
 * for the line and column of each string and the `"group"` name of the object holding it.
 */
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../parse.js';
import type { CharterSource } from '../parse.js';
import { positionInText } from '../parse.js';
import { sourceText } from './source-text.js';

/** Largest navigation file read, in bytes. */
export const MAX_NAV_BYTES = 1024 * 1024;

/** One string of the navigation naming a page under one of the prefixes. */
export interface NavEntry {
  /** The string as written, e.g. `community/working-groups/registry`. */
  path: string;
  line: number;
  column: number;
  /** The `"group"` of the nearest object holding the string (Mintlify's navigation group), if any. */
  group: string | null;
}

interface Frame {
  object: boolean;
  expectKey: boolean;
  key: string | null;
  group: string | null;
  /** The nearest object frame: this one, or for an array the object around it. */
  owner: Frame | null;
}

/**
 * The strings anywhere in the navigation (values, not keys) that are `<prefix>/<name>` for one of
 * `prefixes` (e.g. `community/working-groups`), with their positions and navigation group. Redirects
 * (`"/community/…"`, with a leading `/`) and deeper paths are not entries.
 *
 * @returns `entries: null` and the diagnostic when the file is over 1 MiB (`file-too-large`), not
 *          UTF-8 (`file-encoding`) or not JSON (`page-nav-syntax`); never throws
 */
export function readNav(source: CharterSource, prefixes: readonly string[]): { entries: NavEntry[] | null; diagnostics: Diagnostic[] } {
  const read = sourceText(source, MAX_NAV_BYTES, `the navigation file may be at most ${MAX_NAV_BYTES} bytes (1 MiB)`);
  if ('diagnostic' in read) return { entries: null, diagnostics: [read.diagnostic] };
  const { text } = read;
  try {
    JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
    const at = Number.isFinite(offset) ? positionInText(text, offset) : { line: 1, column: 1 };
    return { entries: null, diagnostics: [diagnostic(source.file, at, 'page-nav-syntax', `the navigation is not valid JSON: ${message.replace(/\s+/g, ' ').slice(0, 200)}`)] };
  }

  const found: { path: string; line: number; column: number; frame: Frame | null }[] = [];
  const stack: Frame[] = [];
  let line = 1;
  let lineStart = 0;
  // One pass over the characters (the text is valid JSON: outside strings, only structure, numbers,
  // literals and white space; a string runs to the next quote no backslash escapes).
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === 0x0a /* \n */) {
      line += 1;
      lineStart = i + 1;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const object = c === 0x7b;
      const frame: Frame = { object, expectKey: object, key: null, group: null, owner: null };
      frame.owner = object ? frame : (top?.owner ?? null);
      stack.push(frame);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x3a /* : */) {
      if (top) top.expectKey = false;
    } else if (c === 0x2c /* , */) {
      if (top?.object) top.expectKey = true;
    } else if (c === 0x22 /* " */) {
      const start = i;
      let escaped = false;
      for (i += 1; i < text.length && text.charCodeAt(i) !== 0x22; i += 1) {
        if (text.charCodeAt(i) === 0x5c /* \ */) {
          escaped = true;
          i += 1;
        }
      }
      // Without a backslash, a string is its characters between the quotes.
      const value = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
      if (top?.object && top.expectKey) {
        top.key = value;
      } else {
        if (top?.object && top.key === 'group') top.group = value;
        if (prefixes.some((p) => value.startsWith(`${p}/`) && value.length > p.length + 1 && !value.slice(p.length + 1).includes('/'))) {
          found.push({ path: value, line, column: start - lineStart + 1, frame: top?.owner ?? null });
        }
      }
    }
  }
  // A group's name may follow its pages in the object: read it once the whole file is scanned.
  return { entries: found.map(({ frame, ...entry }) => ({ ...entry, group: frame?.group ?? null })), diagnostics: [] };
}
