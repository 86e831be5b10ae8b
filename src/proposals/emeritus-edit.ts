/**
 * The emeritus edit of a YAML charter (SEP-2149 as MCP's docs state it, "Participation Levels"):
 * the entries of the members moved leave `members:` and `emeritus:` gains `{ login, level, since }`
 * for each, nothing else changed — the YAML counterpart of `emeritus-page.ts`, made as
 * `retire-edit.ts` makes its edit: on the text, at the source ranges the `yaml` package gives.
 */
import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Pair, YAMLSeq } from 'yaml';
import { MAX_ALIAS_COUNT } from '../charters/parse.js';
import type { MemberLevel } from '../charters/schema.js';

/**
 * Moves `logins` (ignoring case) from `members` to `emeritus`, each as `{ login, level, since }`
 * (`since`: `YYYY-MM-DD`, UTC). The `members` entries' lines are removed; the new entries are
 * added after the last entry of a block `emeritus:` list, at its indentation, or — without one — as
 * an `emeritus:` key at the end of the file, indented as `members`' entries. Every other byte kept,
 * `\r\n` lines kept. Checked by parsing back: the same mapping with only `members` and `emeritus`
 * changed as intended.
 *
 * Errors (`ok: false`, a sentence for a person): YAML errors, no block `members:` list, a login it
 * does not list, a flow-style list (`[ … ]`). Pure; never throws.
 */
export function emeritusCharterText(text: string, logins: readonly string[], since: string): { ok: true; text: string } | { ok: false; error: string } {
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    return { ok: false, error: `the charter is not valid YAML: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { ok: false, error: 'the charter is not a valid YAML mapping' };
  const map = doc.contents;
  const pairOf = (key: string) => map.items.find((p: Pair) => isScalar(p.key) && p.key.value === key);
  const members = pairOf('members')?.value;
  if (!isSeq(members) || members.flow) return { ok: false, error: 'the charter has no block `members:` list' };
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const wanted = new Map(logins.map((l) => [l.toLowerCase(), l]));
  const removed: { from: number; to: number; login: string; level: MemberLevel }[] = [];
  let itemColumn = 2;
  for (const node of (members as YAMLSeq).items) {
    if (!isMap(node) || !node.range) continue;
    const lineStart = text.lastIndexOf('\n', node.range[0] - 1) + 1;
    const dash = text.slice(lineStart, node.range[0]);
    if (!/^\s*-\s*$/.test(dash)) return { ok: false, error: 'the `members:` list is not written one `- login: …` entry per item' };
    itemColumn = dash.indexOf('-');
    const login = node.get('login');
    if (typeof login !== 'string' || !wanted.has(login.toLowerCase())) continue;
    const endLine = text.indexOf('\n', Math.max(node.range[1] - 1, node.range[0]));
    const to = endLine < 0 ? text.length : endLine + 1;
    const level = node.get('level');
    removed.push({ from: lineStart, to, login, level: typeof level === 'string' ? (level as MemberLevel) : 'member' });
  }
  const missing = logins.filter((l) => !removed.some((r) => r.login.toLowerCase() === l.toLowerCase()));
  if (missing.length > 0) return { ok: false, error: `"members" lists no ${missing.map((l) => JSON.stringify(l)).join(', ')}` };
  if (removed.length === 0) return { ok: true, text };

  const emeritus = pairOf('emeritus')?.value;
  if (emeritus !== undefined && emeritus !== null && (!isSeq(emeritus) || emeritus.flow)) return { ok: false, error: 'the charter\'s `emeritus:` is not a block list' };
  let insertAt: number;
  let indent = ' '.repeat(itemColumn);
  let prefix = '';
  if (isSeq(emeritus) && emeritus.items.length > 0) {
    const last = emeritus.items[emeritus.items.length - 1];
    const range = last && (isMap(last) || isScalar(last)) ? last.range : undefined;
    if (!range) return { ok: false, error: 'the charter\'s `emeritus:` list cannot be read' };
    const firstNode = emeritus.items[0] as { range?: [number, number, number] };
    const firstLine = text.lastIndexOf('\n', (firstNode.range?.[0] ?? range[0]) - 1) + 1;
    indent = ' '.repeat(Math.max(0, text.slice(firstLine).search(/-/)));
    const endLine = text.indexOf('\n', Math.max(range[1] - 1, range[0]));
    insertAt = endLine < 0 ? text.length : endLine + 1;
    if (endLine < 0) prefix = newline;
  } else if (emeritus === undefined) {
    insertAt = text.length;
    prefix = `${text.length > 0 && !text.endsWith('\n') ? newline : ''}emeritus:${newline}`;
  } else {
    return { ok: false, error: 'the charter has an empty `emeritus:` key: write the entries by hand' };
  }
  const entries = removed.map((r) => `${indent}- login: ${r.login}${newline}${indent}  level: ${r.level}${newline}${indent}  since: ${since}${newline}`).join('');
  const cuts = [...removed.map((r) => ({ from: r.from, to: r.to, insert: '' })), { from: insertAt, to: insertAt, insert: prefix + entries }].sort((a, b) => a.from - b.from || (a.to === a.from ? 1 : -1));
  let out = '';
  let at = 0;
  for (const cut of cuts) {
    out += text.slice(at, cut.from) + cut.insert;
    at = Math.max(at, cut.to);
  }
  out += text.slice(at);

  // Read back: only `members` and `emeritus` changed, as intended.
  try {
    const before = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
    const afterDoc = parseDocument(out, { uniqueKeys: true, prettyErrors: false });
    const after = afterDoc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
    const moved = new Set(removed.map((r) => r.login.toLowerCase()));
    const expected = {
      ...before,
      members: (before.members as { login: string }[]).filter((m) => !moved.has(m.login.toLowerCase())),
      emeritus: [...((before.emeritus as unknown[] | undefined) ?? []), ...removed.map((r) => ({ login: r.login, level: r.level, since }))],
    };
    if (afterDoc.errors.length > 0 || !isDeepStrictEqual(after, expected)) return { ok: false, error: 'the edited charter does not read back as intended: move the members by hand' };
  } catch {
    return { ok: false, error: 'the charter cannot be read back' };
  }
  return { ok: true, text: out };
}
