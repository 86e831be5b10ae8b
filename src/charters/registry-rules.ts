/**
 * Rules across charters: every group is known by one id (its file name, its `id`, and every
 * former id are unique, case-insensitively), and an interest group's `related_groups` name other
 * interest groups that exist. Pure: parsed files in, diagnostics out.
 */
import type { Diagnostic, RuleId } from './diagnostics.js';
import { diagnostic } from './parse.js';
import type { KeyPath, ParsedCharterFile } from './parse.js';
import { isRecord } from './rules.js';

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
    if (Array.isArray(value.previous_ids)) {
      value.previous_ids.forEach((old, i) => {
        if (typeof old !== 'string') return;
        if (typeof value.id === 'string' && old.toLowerCase() === value.id.toLowerCase()) {
          report(parsed, 'id-unique', ['previous_ids', i], `"previous_ids" lists the group's own id "${old}"`);
        } else {
          claim({ parsed, path: ['previous_ids', i], id: old });
        }
      });
    }
  }

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
