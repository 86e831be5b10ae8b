/**
 * Rules across charters: every group is known by one id (its file name, its `id`, and every
 * former id are unique, case-insensitively), an interest group's `related_groups` name other
 * interest groups that exist, and groups that changed shape link up (`retired.successor`,
 * `previous_ids` naming retired charters: `checkLineageRules`). Pure: parsed files in, diagnostics out.
 */
import type { Diagnostic, RuleId } from './diagnostics.js';
import { diagnostic } from './parse.js';
import type { KeyPath, ParsedCharterFile } from './parse.js';
import { isRecord } from './rules.js';
import { groupLineage } from './lineage.js';
import type { LineageCharter } from './lineage.js';

interface Claim {
  parsed: ParsedCharterFile;
  path: KeyPath;
  id: string;
}

/**
 * Checks the rules that need every charter at once. Files that did not parse to a mapping take no
 * part; a file whose other fields are invalid still counts with the id and type it declares, so a
 * typo in one charter never turns into a false "unknown group" in another.
 *
 * Source: SEP-1302 § Interest Groups, Creation Template ("flag potential overlap with other IGs");
 * a group's label is derived from its id, so two groups sharing an id would share a label.
 */
export function checkRegistryRules(files: readonly ParsedCharterFile[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (parsed: ParsedCharterFile, rule: RuleId, path: KeyPath, message: string) =>
    out.push(diagnostic(parsed.file, parsed.positionOf(path), rule, message));

  const charters = files.filter((f): f is ParsedCharterFile & { value: Record<string, unknown> } => isRecord(f.value));
  const typeById = new Map<string, unknown>();
  const claims = new Map<string, Claim[]>();
  const claim = (c: Claim) => {
    const key = c.id.toLowerCase();
    const existing = claims.get(key) ?? [];
    // A charter repeating its own former id is a duplicate entry (a warning), not a clash.
    if (!existing.some((e) => e.parsed === c.parsed)) claims.set(key, [...existing, c]);
  };

  for (const parsed of charters) {
    const { value } = parsed;
    if (typeof value.id === 'string') {
      typeById.set(value.id, value.type);
      claim({ parsed, path: ['id'], id: value.id });
      if (value.id !== parsed.stem) {
        report(parsed, 'id-matches-file', ['id'], `the id "${value.id}" differs from the file name "${parsed.stem}"; name the file ${value.id}.yaml or change the id`);
      }
    }
  }
  // A previous id that is another charter's id is a lineage link (checked by `checkLineageRules`), not a clash.
  const chartered = new Set(charters.flatMap((c) => (typeof c.value.id === 'string' ? [c.value.id.toLowerCase()] : [])));
  for (const parsed of charters) {
    const { value } = parsed;
    if (Array.isArray(value.previous_ids)) {
      value.previous_ids.forEach((old, i) => {
        if (typeof old !== 'string') return;
        if (typeof value.id === 'string' && old.toLowerCase() === value.id.toLowerCase()) {
          report(parsed, 'id-unique', ['previous_ids', i], `"previous_ids" lists the group's own id "${old}"`);
        } else if (!chartered.has(old.toLowerCase())) {
          claim({ parsed, path: ['previous_ids', i], id: old });
        }
      });
    }
  }
  // Two charters listing the same chartered predecessor still claim it twice.
  const predecessorClaims = new Map<string, Claim[]>();
  for (const parsed of charters) {
    const { value } = parsed;
    if (!Array.isArray(value.previous_ids)) continue;
    value.previous_ids.forEach((old, i) => {
      if (typeof old !== 'string' || !chartered.has(old.toLowerCase()) || old.toLowerCase() === String(value.id).toLowerCase()) return;
      const list = predecessorClaims.get(old.toLowerCase()) ?? [];
      if (!list.some((c) => c.parsed === parsed)) predecessorClaims.set(old.toLowerCase(), [...list, { parsed, path: ['previous_ids', i], id: old }]);
    });
  }
  for (const list of predecessorClaims.values()) if (list.length > 1) for (const c of list) claims.set(`\0${c.id.toLowerCase()}`, list);

  for (const group of claims.values()) {
    if (group.length < 2) continue;
    for (const c of group) {
      const others = group.filter((o) => o !== c).map((o) => `${o.parsed.file} (${o.path[0] === 'id' ? 'id' : 'previous_ids'})`);
      report(c.parsed, 'id-unique', c.path, `the id "${c.id}" is also claimed by ${[...new Set(others)].join(', ')}; ids and former ids are unique, ignoring case`);
    }
  }

  for (const parsed of charters) {
    const { value } = parsed;
    if (value.type !== 'interest' || !Array.isArray(value.related_groups)) continue;
    value.related_groups.forEach((related, i) => {
      if (typeof related !== 'string') return;
      const path = ['related_groups', i];
      if (related === value.id) {
        report(parsed, 'related-group-self', path, `"related_groups" names the group itself ("${related}")`);
      } else if (!typeById.has(related)) {
        report(parsed, 'related-group-unknown', path, `no charter has the id "${related}"; related_groups lists ids of chartered interest groups`);
      } else if (typeById.get(related) === 'working') {
        report(parsed, 'related-group-not-interest', path, `"${related}" is a working group; related_groups lists interest groups (SEP-1302 IG creation template)`);
      }
    });
  }

  out.push(...checkLineageRules(charters));

  const owners = new Map<string, { parsed: ParsedCharterFile; index: number }[]>();
  for (const parsed of charters) {
    const { value } = parsed;
    if (value.status !== 'active' || !Array.isArray(value.repos)) continue;
    value.repos.forEach((repo, index) => {
      if (typeof repo !== 'string') return;
      const key = repo.toLowerCase();
      owners.set(key, [...(owners.get(key) ?? []), { parsed, index }]);
    });
  }
  for (const [repo, list] of owners) {
    if (new Set(list.map((o) => o.parsed.file)).size < 2) continue;
    for (const { parsed, index } of list) {
      const others = list.filter((o) => o.parsed !== parsed).map((o) => o.parsed.file);
      report(parsed, 'repo-shared', ['repos', index], `${repo} is also owned by ${[...new Set(others)].join(', ')}: its issues and PRs will count for both groups`);
    }
  }
  return out;
}

type CharterRecord = ParsedCharterFile & { value: Record<string, unknown> };

/**
 * The lineage rules (issue 24: groups that change shape): a retired charter's `retired.successor`
 * names another chartered group (`successor-unknown`), and not one retired without a successor of
 * its own (`successor-retired`, a warning); a `previous_ids` entry that is another charter's id
 * names a retired group (`previous-id-live`) whose successor, if it names one, is this group
 * (`previous-id-successor`); following successors never leads back (`successor-cycle`). Ids
 * compare ignoring case. Pure.
 */
function checkLineageRules(charters: readonly CharterRecord[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (parsed: ParsedCharterFile, rule: RuleId, path: KeyPath, message: string) =>
    out.push(diagnostic(parsed.file, parsed.positionOf(path), rule, message));
  const byId = new Map<string, CharterRecord>();
  for (const c of charters) if (typeof c.value.id === 'string' && !byId.has(c.value.id.toLowerCase())) byId.set(c.value.id.toLowerCase(), c);
  const successorNamed = (c: CharterRecord) => (c.value.status === 'retired' && isRecord(c.value.retired) && typeof c.value.retired.successor === 'string' ? c.value.retired.successor : undefined);
  const lineage = groupLineage([...byId.values()].flatMap((c) => (asLineage(c.value) ? [asLineage(c.value) as LineageCharter] : [])));

  for (const parsed of charters) {
    const { value } = parsed;
    const self = typeof value.id === 'string' ? value.id : parsed.stem;
    const named = successorNamed(parsed);
    if (named !== undefined) {
      const path = ['retired', 'successor'];
      const target = byId.get(named.toLowerCase());
      if (named.toLowerCase() === self.toLowerCase()) report(parsed, 'successor-unknown', path, `"retired.successor" names the group itself ("${named}"); name the group that took over its work`);
      else if (!target) report(parsed, 'successor-unknown', path, `no charter has the id "${named}"; "retired.successor" names a chartered group (add its charter first, or say where the work went in "reason")`);
      else if (target.value.status === 'retired' && !lineage.successorOf.has(String(target.value.id))) {
        report(parsed, 'successor-retired', path, `the successor "${named}" is itself retired and names no successor: its work counts for no active group; name the group that carries it now`);
      }
    }
    if (Array.isArray(value.previous_ids)) {
      value.previous_ids.forEach((old, i) => {
        if (typeof old !== 'string' || old.toLowerCase() === self.toLowerCase()) return;
        const predecessor = byId.get(old.toLowerCase());
        if (!predecessor) return;
        if (predecessor.value.status === 'active') {
          report(parsed, 'previous-id-live', ['previous_ids', i], `"${old}" is an active group (${predecessor.file}); previous_ids lists former ids: retire that group (naming "${self}" as its successor) before listing it here`);
          return;
        }
        const its = successorNamed(predecessor);
        if (its !== undefined && its.toLowerCase() !== self.toLowerCase()) {
          report(parsed, 'previous-id-successor', ['previous_ids', i], `"${old}" (${predecessor.file}) names "${its}" as its successor, not this group: correct one of the two`);
        }
      });
    }
  }

  // A cycle: following successors from a charter comes back to it.
  for (const parsed of charters) {
    if (typeof parsed.value.id !== 'string') continue;
    const start = parsed.value.id.toLowerCase();
    const seen = new Set<string>();
    let current: string | undefined = parsed.value.id;
    while (current !== undefined && !seen.has(current.toLowerCase())) {
      seen.add(current.toLowerCase());
      current = lineage.successorOf.get(current);
      if (current?.toLowerCase() === start) {
        const path = successorNamed(parsed) !== undefined ? ['retired', 'successor'] : ['id'];
        report(parsed, 'successor-cycle', path, `following successors from "${parsed.value.id}" leads back to it (${[...seen, start].join(' → ')}): a group's work must end in one group`);
        break;
      }
    }
  }
  return out;
}

/** A raw charter mapping as lineage reads it, or undefined when it lacks an id or a type. */
function asLineage(value: Record<string, unknown>): LineageCharter | undefined {
  if (typeof value.id !== 'string' || (value.type !== 'working' && value.type !== 'interest')) return undefined;
  const status = value.status === 'retired' ? 'retired' : 'active';
  const previous = Array.isArray(value.previous_ids) ? value.previous_ids.filter((p): p is string => typeof p === 'string') : [];
  const successor = isRecord(value.retired) && typeof value.retired.successor === 'string' ? value.retired.successor : undefined;
  return {
    id: value.id,
    type: value.type,
    status,
    previous_ids: previous,
    ...(status === 'retired' ? { retired: { reason: '-', ...(successor === undefined ? {} : { successor }) } } : {}),
  };
}
