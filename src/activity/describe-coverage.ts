/** How a source of a group's work that was not read completely is named to a person (the job's notes). Pure. */
import type { CoverageEntry } from './coverage.js';

/**
 * For a person: one line naming a source that was not read completely, why, and what to do, e.g.
 * `repository o/n unread: o/n: not found or not readable by this installation (to fix: install the
 * App on o/n, …)`. Never throws.
 */
export function describeCoverage(entry: CoverageEntry): string {
  let name: string;
  switch (entry.source) {
    case 'repo':
      name = `repository ${entry.repo}`;
      break;
    case 'label':
      name = entry.repo ? `label "${entry.label}" in ${entry.repo}` : `label "${entry.label}"${entry.scope ? ` (${entry.scope})` : ''}`;
      break;
    case 'item':
      name = `${entry.repo}#${entry.number}`;
      break;
    case 'discussions':
      name = `discussions "${entry.category}" in ${entry.repo}`;
      break;
    case 'calendar':
      name = `calendar ${entry.feed}`;
      break;
    case 'discord':
      name = `Discord #${entry.channel}`;
      break;
  }
  return `${name} ${entry.status}${entry.why ? `: ${entry.why}` : ''}${entry.fix ? ` (to fix: ${entry.fix})` : ''}`;
}
