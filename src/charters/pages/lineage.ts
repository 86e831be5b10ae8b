/**
 * Lineage read from charter pages (issue 24): what a page states plainly about groups that
 * changed shape — "this Interest Group is folded into the [Authorization IG](…)", "Consolidated the
 * File Uploads and Filesystems WGs into this WG", "… and the Enterprise-Managed Authorization IG
 * folded in", "Renamed to …", "Became the … WG" — in its Changelog rows and its notes (paragraphs,
 * `<Note>` blocks). A statement counts only for the groups it names that resolve to a page (by a
 * link to the page, or by the group's name or id); anything else is left as prose. Pure: page
 * facts in, links and diagnostics out; the texts are bounded and matched by linear patterns.
 */
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../parse.js';
import type { Charter, GroupType } from '../schema.js';
import type { Block, Inline } from './page-blocks.js';
import { plainInline } from './page-blocks.js';

/** A sentence-bearing text of a page that names a change of shape: a paragraph or a JSX note. */
export interface LineageStatement {
  text: string;
  line: number;
  /** The text's links: target as written, and text. */
  links: { href: string; text: string }[];
}

/** What the lineage reader needs of each page (a `CharterPageFacts` fits). */
export interface LineagePageFacts {
  file: string;
  id: string;
  type: GroupType | null;
  status: 'active' | 'retired' | null;
  statusLine?: number;
  /** The group's name as the page's title gives it ("Authorization Interest Group"). */
  name?: string;
  changelog: readonly { change: string; line: number }[];
  statements?: readonly LineageStatement[];
}

/** One stated link: `from`'s work went to `to`, as `file` states at `line`. */
export interface StatedLink {
  from: string;
  to: string;
  file: string;
  line: number;
  text: string;
}

/** Most statements kept per page, and longest text read of each, in characters. */
export const MAX_LINEAGE_STATEMENTS = 50;
export const MAX_LINEAGE_TEXT = 2000;

const VERB = '(?:folded|merged|consolidated|absorbed|combined|rolled)';
const AUX = '(?:(?:is|was|has been|had been|have been|were|are|got)\\s+)?(?:now\\s+)?';
const THIS = '(?:this|our)\\s+(?:(?:working|interest)\\s+group|group|wg|ig)';
/** A cheap test a text passes before the full patterns. */
const LINEAGE_WORD = /\b(?:folded|merged|consolidated|absorbed|combined|rolled|renamed|became|become|converted|graduated|superseded|succeeded|formerly)\b/i;
/** This group → another: "this IG is folded into X", "the group was renamed to X", "… became X". */
const TO_SUCCESSOR = new RegExp(
  `\\b(?:this|the)\\s+(?:(?:working|interest)\\s+group|group|wg|ig)\\s+${AUX}(?:${VERB}\\s+(?:in)?to|renamed\\s+(?:to|as)|became|(?:converted|graduated)\\s+(?:in)?to|(?:superseded|succeeded|replaced)\\s+by)\\s+(.+)$`,
  'i',
);
/** A Changelog change that begins with this group's move: "Folded into the Authorization IG". */
const LEADING_TO_SUCCESSOR = new RegExp(`^\\W*(?:${VERB}\\s+(?:in)?to|renamed\\s+(?:to|as)|became|(?:converted|graduated)\\s+(?:in)?to|(?:superseded|succeeded|replaced)\\s+by)\\s+(.+)$`, 'i');
/** Others → this group: "X is folded into this group", "Consolidated X into this WG", "X folded in", "Renamed from X", "formerly X". */
const FROM_PREDECESSORS = [
  new RegExp(`^(.+?)\\s+${AUX}${VERB}\\s+(?:in)?to\\s+${THIS}\\b`, 'i'),
  new RegExp(`\\b${VERB}\\s+(.+?)\\s+(?:in)?to\\s+${THIS}\\b`, 'i'),
  new RegExp(`^(.+?)\\s+${AUX}${VERB}\\s+in\\b`, 'i'),
  /\b(?:renamed|converted|graduated)\s+from\s+(.+)$/i,
  /\bformerly\s+(?:known\s+as\s+)?(.+)$/i,
];

/**
 * The statements of a page's paragraphs and JSX notes that may name a change of shape: each
 * text (links reduced to their text) with its line and link targets, at most
 * `MAX_LINEAGE_STATEMENTS`, each cut to `MAX_LINEAGE_TEXT` characters. Pure.
 */
export function lineageStatements(blocks: readonly Block[], jsx: readonly { line: number; text: string }[]): LineageStatement[] {
  const inlines: Inline[] = [];
  for (const b of blocks) if (b.kind === 'paragraph' && LINEAGE_WORD.test(b.inline.text)) inlines.push(b.inline);
  for (const j of jsx) {
    if (!LINEAGE_WORD.test(j.text)) continue;
    inlines.push(plainInline(j.text.slice(0, MAX_LINEAGE_TEXT * 2).replace(/<\/?[A-Za-z][^<>\n]{0,500}>/g, ''), j.line));
  }
  return inlines
    .sort((a, b) => a.line - b.line)
    .slice(0, MAX_LINEAGE_STATEMENTS)
    .map((i) => ({ text: i.text.slice(0, MAX_LINEAGE_TEXT), line: i.line, links: i.links.slice(0, MAX_LINEAGE_STATEMENTS).map((l) => ({ href: l.href.slice(0, 500), text: l.text.slice(0, 200) })) }));
}

/**
 * The links every page states, resolved against the pages: for each statement, the groups it
 * names (links to their pages first, then their names — "Authorization Interest Group",
 * "Authorization IG", "Authorization" before a plural "WGs" — or ids), the longest name winning
 * where two overlap. A page never links to itself. Sorted by file and line. Pure.
 */
export function statedLinks(pages: readonly LineagePageFacts[]): StatedLink[] {
  const resolver = pageResolver(pages);
  const out: StatedLink[] = [];
  for (const page of pages) {
    const texts = [
      ...page.changelog.map((e) => ({ text: e.change.slice(0, MAX_LINEAGE_TEXT), line: e.line, links: [] as LineageStatement['links'], changelog: true })),
      ...(page.statements ?? []).map((s) => ({ ...s, changelog: false })),
    ];
    for (const t of texts) {
      if (!LINEAGE_WORD.test(t.text)) continue;
      for (const sentence of sentences(t.text)) {
        const add = (from: string, to: string) => {
          if (from !== to && !out.some((l) => l.from === from && l.to === to && l.file === page.file)) out.push({ from, to, file: page.file, line: t.line, text: sentence });
        };
        const successor = TO_SUCCESSOR.exec(sentence) ?? (t.changelog ? LEADING_TO_SUCCESSOR.exec(sentence) : null);
        if (successor) {
          for (const id of resolver(successor[1] as string, t.links)) add(page.id, id);
          continue;
        }
        for (const pattern of FROM_PREDECESSORS) {
          const m = pattern.exec(sentence);
          if (!m) continue;
          for (const id of resolver(m[1] as string, t.links)) add(id, page.id);
          break;
        }
      }
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line);
}

/**
 * Applies the stated links to the pages' charters and reports where pages disagree:
 * - a retired page whose successor a page states gets `retired.successor` (its own statement first);
 * - a page that states a predecessor gets it in `previous_ids` when the predecessor's page is
 *   retired;
 * - when the predecessor's page is still active, nothing is mapped and both pages get
 *   `page-lineage-disagrees`: the stating page at its statement, the predecessor's at its status.
 * `charters` maps a page's id to its charter (mutated in place). Pure but for that.
 */
export function applyPageLineage(pages: readonly LineagePageFacts[], charters: ReadonlyMap<string, Charter>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byId = new Map(pages.map((p) => [p.id, p]));
  const reported = new Set<string>();
  for (const link of statedLinks(pages)) {
    const from = byId.get(link.from);
    const to = byId.get(link.to);
    if (!from || !to) continue;
    const stated = link.file === to.file ? 'predecessor' : 'successor';
    if (from.status === 'retired') {
      const charter = charters.get(from.id);
      if (charter?.retired && charter.retired.successor === undefined) charter.retired.successor = to.id;
      const successor = charters.get(to.id);
      if (successor && stated === 'predecessor' && !(successor.previous_ids ?? []).includes(from.id)) successor.previous_ids = [...(successor.previous_ids ?? []), from.id];
      continue;
    }
    // A page stating its own move while still active is `page-retirement-unmarked`; a disagreement is between two pages.
    if (from.status !== 'active' || stated !== 'predecessor' || reported.has(`${from.id} ${to.id}`)) continue;
    reported.add(`${from.id} ${to.id}`);
    const quoted = JSON.stringify(Array.from(link.text).length > 80 ? `${Array.from(link.text).slice(0, 80).join('')}…` : link.text);
    out.push(
      diagnostic(to.file, { line: link.line, column: 1 }, 'page-lineage-disagrees', `this page records that the ${from.name ?? from.id} was folded, merged or renamed into this group (${quoted}), but its page ${from.file} is still active: mark that page retired ("status: retired", "retired_on", "retired_reason") or correct this line`),
      diagnostic(from.file, { line: from.statusLine ?? 1, column: 1 }, 'page-lineage-disagrees', `${to.file} line ${link.line} records this group folded, merged or renamed into the ${to.name ?? to.id}, but this page is still active: mark it retired ("status: retired", "retired_on", "retired_reason") or correct that page`),
    );
  }
  return out;
}

/** The sentences of a text: split after `.`, `!`, `?` followed by a space, or a `;`. */
function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?;])\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A function naming the pages a phrase refers to: by a link's target, then by name or id. */
function pageResolver(pages: readonly LineagePageFacts[]): (phrase: string, links: LineageStatement['links']) => string[] {
  const ids = new Map(pages.map((p) => [p.id.toLowerCase(), p.id]));
  const names: { id: string; name: string }[] = [];
  const plural: { id: string; base: string }[] = [];
  for (const p of pages) {
    // A bare id is matched only when it cannot be a common word ("server-card", not "auth").
    if (p.id.includes('-')) names.push({ id: p.id, name: p.id });
    if (!p.name) continue;
    const base = p.name.replace(/\s+(?:working|interest)\s+group$/i, '').trim();
    const short = p.type === 'working' ? 'WG' : 'IG';
    names.push({ id: p.id, name: p.name }, { id: p.id, name: `${base} ${short}` });
    if (base.length >= 4) plural.push({ id: p.id, base });
  }
  return (phrase, links) => {
    const found: string[] = [];
    const lower = phrase.toLowerCase();
    for (const { href, text } of links) {
      const m = /(?:^|\/)(?:working|interest)-groups\/([a-z0-9-]+?)(?:\.mdx)?\/?(?:[?#].*)?$/i.exec(href);
      const id = m ? ids.get((m[1] as string).toLowerCase()) : undefined;
      const said = text.replace(/\s+/g, ' ').trim().toLowerCase();
      if (id && said !== '' && lower.includes(said)) found.push(id);
    }
    const spans: { id: string; from: number; to: number }[] = [];
    for (const { id, name } of names) {
      const at = wordIndex(lower, name.toLowerCase());
      if (at >= 0) spans.push({ id, from: at, to: at + name.length });
    }
    // "the File Uploads and Filesystems WGs": bare names in a list that ends in a plural type.
    const list = /((?:[\w-]+\s+){0,12}?)(?:wgs|igs|working groups|interest groups)\b/i.exec(phrase);
    if (list) {
      const listLower = (list[1] as string).toLowerCase();
      const offset = list.index;
      for (const { id, base } of plural) {
        const at = wordIndex(listLower, base.toLowerCase());
        if (at >= 0) spans.push({ id, from: offset + at, to: offset + at + base.length });
      }
    }
    // The longest of overlapping names wins: "Enterprise-Managed Authorization IG" over "Authorization IG".
    spans.sort((a, b) => b.to - b.from - (a.to - a.from));
    const kept: typeof spans = [];
    for (const s of spans) if (!kept.some((k) => s.from < k.to && k.from < s.to)) kept.push(s);
    for (const s of kept.sort((a, b) => a.from - b.from)) found.push(s.id);
    return [...new Set(found)];
  };
}

/** The index of `needle` in `hay` between word boundaries (letters, digits, `-`), or -1. */
function wordIndex(hay: string, needle: string): number {
  if (needle === '') return -1;
  let from = 0;
  for (;;) {
    const at = hay.indexOf(needle, from);
    if (at < 0) return -1;
    const before = at === 0 ? '' : (hay[at - 1] as string);
    const after = hay[at + needle.length] ?? '';
    if (!/[\w-]/.test(before) && !/[\w-]/.test(after)) return at;
    from = at + 1;
  }
}
