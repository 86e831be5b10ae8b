/**
 * The emeritus edit of a charter page (SEP-2149 as MCP's docs state it, "Participation Levels":
 * "WG Members who do not participate for 3 consecutive months are moved to emeritus status"): the
 * rows of the members moved leave the Membership table and join the Emeritus Membership table,
 * each row byte for byte as written, and nothing else changes — the counterpart of
 * `retire-page.ts`.
 */
import { readCharterPage } from './read-page.js';
import { DEFAULT_PAGE_LAYOUT } from './layout.js';

/** One line of a text: `start` to `next` (its line break included). */
interface Line {
  start: number;
  next: number;
  text: string;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const next = nl < 0 ? text.length : nl + 1;
    out.push({ start, next, text: text.slice(start, nl < 0 ? text.length : nl).replace(/\r$/, '') });
    start = next;
  }
  return out;
}

const isRow = (line: Line | undefined) => line !== undefined && /^\s{0,3}\|/.test(line.text);

/** The table (0-based line indices, `first` its header) holding 1-based line `line`. */
function tableAround(lines: readonly Line[], line: number): { first: number; last: number } {
  let first = line - 1;
  while (isRow(lines[first - 1])) first -= 1;
  let last = line - 1;
  while (isRow(lines[last + 1])) last += 1;
  return { first, last };
}

/** A header line's cells, trimmed and lower-cased. */
function headerCells(line: string): string[] {
  return line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim().toLowerCase());
}

/**
 * Moves the Membership rows of `logins` (GitHub handles, ignoring case) to the Emeritus
 * Membership table. Each moved row keeps its bytes; they leave the Membership table and are added,
 * in the Membership table's order, after the Emeritus table's last row. A page with no Emeritus
 * table gets a section `Emeritus Membership` (at the Membership heading's level) right after the
 * Membership table, with that table's header and separator lines. The page's line breaks are kept.
 *
 * Problems (a sentence for a person): a login not in the Membership table, an Emeritus table whose
 * columns differ from the Membership table's, or a result the page reader does not read as the
 * same members less the moved ones. Pure; never throws.
 */
export function emeritusPageText(text: string, logins: readonly string[]): { text: string } | { problem: string } {
  const file = 'docs/community/working-groups/page.mdx';
  const read = (t: string) => readCharterPage({ file, content: t }, DEFAULT_PAGE_LAYOUT, '9999-12-31').facts;
  const facts = read(text);
  const wanted = new Set(logins.map((l) => l.toLowerCase()));
  const moved = facts.members.filter((m) => m.login !== undefined && wanted.has(m.login.toLowerCase()));
  const missing = logins.filter((l) => !moved.some((m) => m.login?.toLowerCase() === l.toLowerCase()));
  if (missing.length > 0) return { problem: `the Membership table lists no ${missing.map((l) => `@${l}`).join(', ')}` };
  if (moved.length === 0) return { text };
  const lines = splitLines(text);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const members = tableAround(lines, (facts.members[0] as { line: number }).line);
  const header = lines[members.first] as Line;
  const separator = lines[members.first + 1] as Line;
  const rowText = (line: number) => {
    const l = lines[line - 1] as Line;
    return text.slice(l.start, l.next).replace(/\r?\n$/, '') + newline;
  };
  const movedText = moved.map((m) => rowText(m.line)).join('');
  const movedLines = new Set(moved.map((m) => m.line - 1));

  let insertAt: number;
  let insert: string;
  const emeritusRow = facts.emeritus[0];
  if (emeritusRow) {
    const emeritus = tableAround(lines, emeritusRow.line);
    if (headerCells((lines[emeritus.first] as Line).text).join('|') !== headerCells(header.text).join('|')) {
      return { problem: 'the Emeritus table\'s columns differ from the Membership table\'s: move the rows by hand' };
    }
    const last = lines[emeritus.last] as Line;
    insertAt = last.next;
    insert = `${text.slice(last.start, last.next).endsWith('\n') ? '' : newline}${movedText}`;
  } else {
    if (facts.sections.some((s) => /\bemeritus\b/i.test(s.title))) return { problem: 'the page has an Emeritus section without a table of members: move the rows by hand' };
    const heading = facts.sections.find((s) => /^membership$/i.test(s.title.trim()));
    const level = '#'.repeat(heading?.level ?? 2);
    const last = lines[members.last] as Line;
    insertAt = last.next;
    const table = `${text.slice(header.start, header.next).replace(/\r?\n$/, '')}${newline}${text.slice(separator.start, separator.next).replace(/\r?\n$/, '')}${newline}`;
    insert = `${text.slice(last.start, last.next).endsWith('\n') ? '' : newline}${newline}${level} Emeritus Membership${newline}${newline}${table}${movedText}`;
  }
  let out = '';
  let at = 0;
  lines.forEach((line, i) => {
    if (line.start === insertAt && at <= insertAt) {
      out += text.slice(at, insertAt) + insert;
      at = insertAt;
    }
    if (movedLines.has(i)) {
      out += text.slice(at, line.start);
      at = line.next;
    }
  });
  out += text.slice(at);
  if (insertAt >= text.length && !out.endsWith(insert)) out += insert;

  // Read back: the same members less the moved ones, the emeritus ones plus them.
  const after = read(out);
  const key = (list: readonly { login?: string }[]) => list.map((m) => m.login?.toLowerCase() ?? '').join(',');
  const keptBefore = facts.members.filter((m) => !moved.includes(m));
  if (key(after.members) !== key(keptBefore) || key(after.emeritus) !== key([...facts.emeritus, ...moved])) {
    return { problem: 'the page does not read back as the same members with these moved: move the rows by hand' };
  }
  return { text: out };
}
