/**
 * Listing a new charter page in the documentation site's navigation (`docs/docs.json`, Mintlify):
 * SEP-2149 Part 2 has each charter page "added to `docs/docs.json`". A minimal text edit, like
 * the charter edits: one string inserted, every other byte kept.
 */
import { isDeepStrictEqual } from 'node:util';

/** A JSON array of the navigation text: the path to it, and its items' spans (and values, for strings). */
interface ArrayNode {
  path: (string | number)[];
  items: { start: number; end: number; value: string | undefined }[];
}

/**
 * Inserts the page `entry` (`community/working-groups/new-group`: the page's path from the
 * navigation file's folder, without `.mdx`) into the navigation: into the one JSON array that
 * already lists pages of the same folder (a string starting with `community/working-groups/` and
 * naming a page directly in it — Mintlify's "Working Group Charters" group's `pages`), at its
 * sorted place among them (before the first such page that sorts after it, else after the last).
 * The new line copies the whitespace before its neighbour, so it has the list's indentation and
 * line breaks; every other byte is kept. The result is checked by parsing it: the same value with
 * the one string added.
 *
 * An entry already listed (anywhere) → the text unchanged. Problems (`{ problem }`, a sentence;
 * never throws): invalid JSON, an entry that is not `folder/page`, no array listing pages of its
 * folder, several (which one is meant cannot be told), or a layout the edit cannot keep. `kind`
 * names the group type in the messages.
 *
 * Source: SEP-2149 Part 2 (charter pages listed in `docs/docs.json`).
 */
export function addToNavigation(navText: string, entry: string, kind: 'working' | 'interest'): { text: string } | { problem: string } {
  const what = kind === 'working' ? 'working group' : 'interest group';
  const slash = entry.lastIndexOf('/');
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (slash <= 0 || slash === entry.length - 1 || entry.startsWith('/') || /[\u0000-\u001F\u007F]/.test(entry)) {
    return { problem: `the ${what} page ${JSON.stringify(entry)} is not a navigation entry (folder/page)` };
  }
  const prefix = entry.slice(0, slash + 1);

  const bom = navText.startsWith('\uFEFF') ? 1 : 0;
  let arrays: ArrayNode[];
  try {
    JSON.parse(navText.slice(bom));
    arrays = scanArrays(navText, bom);
  } catch (error) {
    return { problem: `the navigation file is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }

  if (arrays.some((a) => a.items.some((item) => item.value === entry))) return { text: navText };
  const inFolder = (v: string | undefined): v is string => typeof v === 'string' && v.startsWith(prefix) && v.length > prefix.length && !v.slice(prefix.length).includes('/');
  const candidates = arrays.filter((a) => a.items.some((item) => inFolder(item.value)));
  if (candidates.length === 0) return { problem: `no list of the navigation names ${what} pages (${prefix}…); add the page to the navigation by hand` };
  if (candidates.length > 1) return { problem: `${candidates.length} lists of the navigation name ${what} pages (${prefix}…); add the page to the one meant by hand` };
  const array = candidates[0] as ArrayNode;

  const listed = array.items.map((item, index) => ({ ...item, index })).filter((item) => inFolder(item.value));
  const after = listed.find((item) => (item.value as string) > entry);
  const neighbour = after ?? (listed[listed.length - 1] as (typeof listed)[number]);
  let space = neighbour.start;
  while (space > 0 && /[ \t\r\n]/.test(navText[space - 1] as string)) space -= 1;
  const whitespace = navText.slice(space, neighbour.start);
  const json = JSON.stringify(entry);
  const text = after
    ? `${navText.slice(0, after.start)}${json},${whitespace}${navText.slice(after.start)}`
    : `${navText.slice(0, neighbour.end)},${whitespace}${json}${navText.slice(neighbour.end)}`;

  // The result must parse as the same navigation with the one entry added.
  const expected = JSON.parse(navText.slice(bom)) as unknown;
  let target: unknown = expected;
  for (const key of array.path) target = (target as Record<string | number, unknown>)[key];
  if (Array.isArray(target)) target.splice(after ? after.index : neighbour.index + 1, 0, entry);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(bom));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(target) || !isDeepStrictEqual(parsed, expected)) {
    return { problem: 'the navigation file is laid out in a way the edit cannot keep; add the page by hand' };
  }
  return { text };
}

/**
 * Every array of a JSON text that `JSON.parse` accepts, with the path to it and its items' spans
 * (start and end offsets in `text`) and, for a string item, its value.
 *
 * @throws RangeError when the nesting is deeper than the stack allows; SyntaxError on text that is not JSON
 */
function scanArrays(text: string, from: number): ArrayNode[] {
  const arrays: ArrayNode[] = [];
  const skip = (at: number) => {
    while (at < text.length && /[ \t\r\n]/.test(text[at] as string)) at += 1;
    return at;
  };
  const expect = (at: number, chars: string) => {
    if (!chars.includes(text[at] ?? '')) throw new SyntaxError(`unexpected ${JSON.stringify(text[at] ?? 'end')} at offset ${at}`);
  };
  const stringEnd = (at: number) => {
    for (let i = at + 1; i < text.length; i += 1) {
      if (text[i] === '\\') i += 1;
      else if (text[i] === '"') return i + 1;
    }
    throw new SyntaxError('unterminated string');
  };
  /** Scans the value at `at` (no white space before it); returns its end. */
  const scan = (at: number, path: (string | number)[]): number => {
    const c = text[at];
    if (c === '"') return stringEnd(at);
    if (c === '{') {
      let i = skip(at + 1);
      if (text[i] === '}') return i + 1;
      for (;;) {
        expect(i, '"');
        const keyEnd = stringEnd(i);
        const key = JSON.parse(text.slice(i, keyEnd)) as string;
        i = skip(keyEnd);
        expect(i, ':');
        i = skip(scan(skip(i + 1), [...path, key]));
        expect(i, ',}');
        if (text[i] === '}') return i + 1;
        i = skip(i + 1);
      }
    }
    if (c === '[') {
      const node: ArrayNode = { path, items: [] };
      arrays.push(node);
      let i = skip(at + 1);
      if (text[i] === ']') return i + 1;
      for (;;) {
        const end = scan(i, [...path, node.items.length]);
        node.items.push({ start: i, end, value: text[i] === '"' ? (JSON.parse(text.slice(i, end)) as string) : undefined });
        i = skip(end);
        expect(i, ',]');
        if (text[i] === ']') return i + 1;
        i = skip(i + 1);
      }
    }
    let i = at;
    while (i < text.length && !/[\s,\]}]/.test(text[i] as string)) i += 1;
    if (i === at) throw new SyntaxError(`unexpected ${JSON.stringify(c ?? 'end')} at offset ${at}`);
    return i;
  };
  scan(skip(from), []);
  return arrays;
}
