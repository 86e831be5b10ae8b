/**
 * Which groups a piece of work belongs to without anyone asking: by the repository it is in, or
 * by the files a pull request changes (the charter fields `repos` and `paths`).
 */
import picomatch from 'picomatch';
import type { Charter } from '../charters/schema.js';

/**
 * The active groups whose `repos` include `repo` (`owner/name`, compared ignoring case, as
 * GitHub's repository names are). Pure; never throws.
 */
export function groupsOwningRepo(active: readonly Charter[], repo: string): Charter[] {
  const wanted = repo.toLowerCase();
  return active.filter((c) => c.status === 'active' && (c.repos ?? []).some((r) => r.toLowerCase() === wanted));
}

/** A group whose `paths` match a changed file, and the first such file (for the plan's `why`). */
export interface PathMatch {
  charter: Charter;
  file: string;
}

/**
 * The active groups whose `paths` globs match at least one of `files` (paths relative to the
 * repository root, as GitHub lists a pull request's files). Globs are picomatch globs, matched
 * case-sensitively (git paths are) with `dot: true`, so `docs/**` covers `docs/.vitepress/x`.
 * Each group's globs are compiled once; cost O(groups × files). Pure; never throws (a charter
 * glob picomatch cannot compile matches nothing).
 */
export function groupsMatchingFiles(active: readonly Charter[], files: readonly string[]): PathMatch[] {
  const matches: PathMatch[] = [];
  for (const charter of active) {
    if (charter.status !== 'active' || !charter.paths?.length) continue;
    const isMatch = compile(charter.paths);
    const file = files.find((f) => isMatch(f));
    if (file !== undefined) matches.push({ charter, file });
  }
  return matches;
}

function compile(globs: string[]): (file: string) => boolean {
  const matchers = globs.flatMap((glob) => {
    try {
      return [picomatch(glob, { dot: true })];
    } catch {
      return [];
    }
  });
  return (file) => matchers.some((m) => m(file));
}
