/**
 * Which charters count in the group registry: only those whose file has no error
 * (`validateCharters`, `hasErrors` false). A file with an error — broken YAML, a schema error, an id
 * shared with another file, a date in the future — is left out whole and reported, so a half-valid
 * charter never creates a label or links work; the pull-request check is where such files get
 * fixed. Warnings (a channel without `-wg`) do not exclude a charter. Pure: the same rule for the
 * charters read from GitHub (src/github/group-registry.ts) and from a local folder (the CLI).
 */
import type { Charter } from './schema.js';
import type { ValidationResult } from './validate.js';

/** A charter file left out of the registry because it has errors. */
export interface ExcludedCharterFile {
  /** The path in the governance repository, e.g. `groups/nope.yaml`. */
  file: string;
  /** The rule ids of its errors, each once, in order. */
  rules: string[];
}

/** The registry's part of a set of charter files. */
export interface RegistryCharters {
  /** Charters from files without errors, active and retired, sorted by file. */
  charters: Charter[];
  /** Files left out because they have errors. */
  excluded: ExcludedCharterFile[];
}

/**
 * The registry's part of a validated set of charter files (YAML or pages; from GitHub, or a local
 * folder for the CLI): the charters of files without errors, and the files left out with their
 * error rules. Pure.
 */
export function registryCharters(result: ValidationResult): RegistryCharters {
  const errorsByFile = new Map<string, string[]>();
  for (const d of result.diagnostics) {
    if (d.severity !== 'error') continue;
    const rules = errorsByFile.get(d.file) ?? [];
    if (!rules.includes(d.rule)) rules.push(d.rule);
    errorsByFile.set(d.file, rules);
  }
  return {
    charters: result.charters.filter((c) => !c.hasErrors).map((c) => c.charter),
    excluded: [...errorsByFile].map(([file, rules]) => ({ file, rules })),
  };
}
