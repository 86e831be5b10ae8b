/**
 * What a pull request does to the charters: which files it adds, changes, removes or renames,
 * which new groups it proposes, and the rules that only a change can break — a charter may not
 * vanish unless its group was retired first, and a renamed group keeps its old id. Pure.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseCharterFile } from '../charters/parse.js';
import type { CharterSource } from '../charters/parse.js';
import { isRecord } from '../charters/rules.js';
import type { Severity } from '../charters/diagnostics.js';
import type { CharterLayout } from '../charters/layout.js';
import { readCharterPage } from '../charters/pages/read-page.js';
import { groupLeaders } from '../charters/schema.js';

/** A file of the charters folder at one commit: its name and blob id (what a tree entry gives). */
export interface TreeEntry {
  name: string;
  oid: string;
}

export interface CharterChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

/** Rules that only a change between two commits can break. */
export const CHANGE_RULES = {
  'charter-removed': 'A charter is removed although its group was not retired first (history must not vanish).',
  'rename-without-previous-id': 'A group is renamed but the new charter does not list the old id in previous_ids.',
} as const;
export type ChangeRuleId = keyof typeof CHANGE_RULES;

/** A problem with the change itself; `line`/`column` point into the head file when there is one. */
export interface ChangeProblem {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  rule: ChangeRuleId;
  message: string;
  /** False when the file does not exist at head (a removal): it cannot carry an annotation. */
  annotate: boolean;
}

/** The facts of one charter the change rules need, read leniently from a file. */
export interface CharterFacts {
  file: string;
  id?: string;
  name?: string;
  type?: string;
  status?: string;
  facilitators?: string[];
  previous_ids?: string[];
}

const isYamlCharter = (name: string) => /\.ya?ml$/i.test(name);

/**
 * Compares the charters folder at base and head by file name and blob id.
 * Files other than charters (`*.yaml` / `*.yml` by default; README, the JSON Schema) are ignored.
 */
export function diffCharterTrees(base: readonly TreeEntry[], head: readonly TreeEntry[], isCharterFile: (name: string) => boolean = isYamlCharter): CharterChanges {
  const before = new Map(base.filter((e) => isCharterFile(e.name)).map((e) => [e.name, e.oid]));
  const after = new Map(head.filter((e) => isCharterFile(e.name)).map((e) => [e.name, e.oid]));
  return {
    added: [...after.keys()].filter((n) => !before.has(n)).sort(),
    changed: [...after.keys()].filter((n) => before.has(n) && before.get(n) !== after.get(n)).sort(),
    removed: [...before.keys()].filter((n) => !after.has(n)).sort(),
  };
}

/** A charter's facts, where its keys are in the file, and its content as the amendment rule compares it. */
export type ReadFacts = CharterFacts & { positionOf: (key: string) => { line: number; column: number }; content: unknown };

/** Reads one charter file's facts, tolerating any invalid content. Never throws. */
export type FactsReader = (source: CharterSource) => ReadFacts;

/**
 * Reads the facts of a YAML charter from its text, tolerating any invalid content; its content is
 * the parsed mapping (a comment- or layout-only edit changes none). Never throws.
 */
export function charterFacts(source: CharterSource): ReadFacts {
  const parsed = parseCharterFile(source);
  const value = isRecord(parsed.value) ? parsed.value : {};
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
  return {
    file: source.file,
    id: text(value.id),
    name: text(value.name),
    type: text(value.type),
    status: text(value.status),
    // The group's leaders as `groupLeaders` names them: a working group's `leads`, then `facilitators`.
    facilitators: leaders(value),
    previous_ids: list(value.previous_ids),
    positionOf: (key: string) => parsed.positionOf([key]),
    content: parsed.value,
  };
}

/** A charter's leaders read leniently: a working group's `leads[].login`, then `facilitators`, without repeats. */
function leaders(value: Record<string, unknown>): string[] | undefined {
  const leads = value.type !== 'interest' && Array.isArray(value.leads) ? value.leads.flatMap((l: unknown) => (isRecord(l) && typeof l.login === 'string' ? [l.login] : [])) : [];
  const facilitators = Array.isArray(value.facilitators) ? value.facilitators.filter((x): x is string => typeof x === 'string') : [];
  if (!Array.isArray(value.leads) && !Array.isArray(value.facilitators)) return undefined;
  return [...new Map([...leads, ...facilitators].map((l) => [l.toLowerCase(), l])).values()];
}

export interface ChangeReview {
  /** Renames found: an added charter that lists a removed charter's id in `previous_ids`. */
  renamed: { from: string; to: string }[];
  /** Ids of the groups the change creates: added charters that are not renames, a retired group made active, a group whose type changes. */
  newGroups: string[];
  /**
   * Ids of existing groups whose charter the change amends (SEP-2149 § 1.10): a changed charter
   * whose fields differ (a comment- or layout-only edit changes none), a rename, a removed charter.
   * Not the groups it creates or retires.
   */
  amended: string[];
  /** Ids of the groups the change retires: `status` becomes `retired` (SEP-2149 § 1.9's retirement, not an amendment). */
  retiring: string[];
  problems: ChangeProblem[];
}

/**
 * Applies the change rules.
 *
 * @param changes    the file-level diff (`diffCharterTrees`)
 * @param baseFiles  sources of every charter at base
 * @param headFiles  sources of every charter at head
 *
 * A removed charter is fine when its group was retired at base, or when an added charter lists its
 * id in `previous_ids` (a rename). An added charter with the same name as a removed, unretired one
 * is a rename that forgot `previous_ids`. Source: SEP-1302 § Lifecycle; README § The charter check
 * on pull requests.
 */
export function reviewCharterChanges(
  changes: CharterChanges,
  baseFiles: readonly CharterSource[],
  headFiles: readonly CharterSource[],
  readFacts: FactsReader = charterFacts,
): ChangeReview {
  const base = new Map(baseFiles.map((s) => [s.file, readFacts(s)]));
  const head = headFiles.map((s) => readFacts(s));
  const stem = (file: string) => file.slice(file.lastIndexOf('/') + 1).replace(/\.(?:ya?ml|mdx)$/i, '');
  const added = head.filter((f) => changes.added.includes(f.file));
  const baseIds = new Set([...base.values()].map((f) => f.id?.toLowerCase()).filter(Boolean));
  const review: ChangeReview = { renamed: [], newGroups: [], amended: [], retiring: [], problems: [] };
  /** Added charters that are renames missing their previous_ids: not new groups either. */
  const misnamed = new Set<string>();

  for (const file of changes.removed) {
    const old = base.get(file);
    if (!old) continue;
    const oldId = old.id ?? stem(file);
    const successor = head.find((h) => h.previous_ids?.some((p) => p.toLowerCase() === oldId.toLowerCase()));
    if (successor) {
      review.renamed.push({ from: file, to: successor.file });
      continue;
    }
    review.amended.push(oldId);
    if (old.status === 'retired') continue;
    const lookalike = added.find((a) => a.name !== undefined && a.name === old.name);
    if (lookalike) {
      misnamed.add(lookalike.file);
      const at = lookalike.positionOf('id');
      review.problems.push({
        file: lookalike.file, ...at, severity: 'error', rule: 'rename-without-previous-id', annotate: true,
        message: `this charter replaces ${file} (same name "${old.name}"): list "${oldId}" in previous_ids so the group keeps its history and label`,
      });
    } else {
      review.problems.push({
        file, line: 1, column: 1, severity: 'error', rule: 'charter-removed', annotate: false,
        message: `${file} is removed, but the group "${oldId}" was not retired: ${/\.mdx$/i.test(file) ? 'mark the page retired in its front matter (status: retired, retired_reason)' : 'set status: retired with a retired block'} instead of deleting its charter (history must not vanish)`,
      });
    }
  }

  const renamedTo = new Set(review.renamed.map((r) => r.to));
  for (const a of added) {
    if (!a.id || renamedTo.has(a.file) || misnamed.has(a.file) || baseIds.has(a.id.toLowerCase())) continue;
    if (a.previous_ids?.some((p) => baseIds.has(p.toLowerCase()))) continue;
    review.newGroups.push(a.id);
  }
  // Bringing a retired group back, or turning a WG into an IG (a new label, a new mandate), is a
  // creation too: it needs the vote.
  // A rename is judged the same way: a retired group revived under a new id, or a WG renamed into
  // an IG, is a creation, never an amendment.
  const predecessor = new Map(review.renamed.map((r) => [r.to, r.from]));
  for (const h of head.filter((f) => changes.changed.includes(f.file) || predecessor.has(f.file))) {
    const was = base.get(predecessor.get(h.file) ?? h.file);
    if (!h.id || !was || h.status !== 'active') continue;
    if (was.status === 'retired' || (was.type !== undefined && h.type !== undefined && was.type !== h.type)) review.newGroups.push(h.id);
  }
  // What is neither created nor retired but changed is amended: renames, and charters whose fields differ.
  const created = new Set(review.newGroups.map((id) => id.toLowerCase()));
  for (const source of headFiles) {
    const h = head.find((f) => f.file === source.file);
    const id = h?.id ?? stem(source.file);
    if (created.has(id.toLowerCase())) continue;
    const renamed = renamedTo.has(source.file);
    if (!renamed && !changes.changed.includes(source.file)) continue;
    const before = renamed ? review.renamed.find((r) => r.to === source.file)?.from : source.file;
    const was = before === undefined ? undefined : base.get(before);
    if (h?.status === 'retired' && was?.status !== 'retired') {
      review.retiring.push(id);
      continue;
    }
    if (!renamed && isDeepStrictEqual(base.get(source.file)?.content, h?.content)) continue;
    review.amended.push(id);
  }
  review.amended = [...new Set(review.amended)];
  return review;
}

/** What the facts reader takes from a charter page's read (`readCharterPage`): its charter, if it gives one, and its facts. */
export type PageRead = Pick<ReturnType<typeof readCharterPage>, 'charter' | 'facts'>;

/**
 * How the change rules read a charter of `layout`: a YAML charter's facts from its mapping
 * (`charterFacts`); a charter page's from the page reader, whose whole text is its content — any
 * edit of a page's text amends the charter (SEP-2149 § 1.10: the page is the charter). `known`
 * gives a page's read already made at `now` (by the validator), if any.
 */
export function factsReader(layout: CharterLayout, now: Date, known?: (source: CharterSource) => PageRead | undefined): FactsReader {
  if (layout.kind === 'yaml') return charterFacts;
  const today = now.toISOString().slice(0, 10);
  return (source) => {
    const read = known?.(source) ?? readCharterPage(source, layout, today);
    const charter = read.charter;
    const line = (key: string) => ({ line: key === 'status' ? (read.facts.statusLine ?? 1) : 1, column: 1 });
    return {
      file: source.file,
      ...(charter ? { id: charter.id, name: charter.name, type: charter.type, status: charter.status, facilitators: groupLeaders(charter) } : {}),
      positionOf: line,
      content: typeof source.content === 'string' ? source.content.replace(/\r\n?/g, '\n') : Buffer.from(source.content).toString('base64'),
    };
  };
}
