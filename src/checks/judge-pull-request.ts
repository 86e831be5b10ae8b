/**
 * The charter check's decision, without I/O: the handler feeds it what one GraphQL request read,
 * and the demo feeds it the bundled charters plus an example new group.
 */
import { validateCharters } from '../charters/validate.js';
import { treeSources } from '../charters/tree-sources.js';
import { configuredPeople } from '../config/people.js';
import type { Config } from '../config/schema.js';
import { findStaleDirectory } from '../directory/stale-directory.js';
import type { CharterTree } from '../charters/tree.js';
import type { PullRequestCharters } from './pull-request-read.js';
import { policyFor } from '../policies/index.js';
import { charterFacts, diffCharterTrees, reviewCharterChanges } from './charter-changes.js';
import { buildCharterReport } from './charter-report.js';
import { policyChecks } from './policy-checks.js';

/**
 * From what was read about a pull request to its check runs' content: the charter report and the
 * approval checks the policy asks for (`policyChecks`: the creation vote or sponsorship, and under
 * SEP-2149 the amendment and retirement approvals). Pure.
 *
 * @returns undefined when the charters folder is the same at head and base (nothing to post)
 */
export function judgePullRequest(read: PullRequestCharters, config: Config, now: Date) {
  if ((read.head?.oid ?? null) === (read.base?.oid ?? null)) return undefined;
  const oversized = overBounds(read.head);
  if (oversized) return { report: { conclusion: 'failure' as const, title: 'Too many charters to check', summary: oversized, annotations: [] }, checks: [], newGroups: [] };
  const headSources = treeSources(read.head?.files ?? []);
  const baseSources = treeSources(read.base?.files ?? []);
  const changes = diffCharterTrees(read.base?.files ?? [], read.head?.files ?? []);
  const result = validateCharters(headSources, { now });
  const review = reviewCharterChanges(changes, baseSources, headSources);
  const problems = [...result.diagnostics, ...review.problems];
  // The directory file (`<groups_dir>/README.md`) is in the tree already read: no request. Judged
  // only when the charters validate: until then `group-steward directory` refuses to regenerate it.
  const staleDirectory = result.errors > 0 ? undefined : findStaleDirectory(read.head?.files ?? [], result.charters, config.groups_dir);
  const report = buildCharterReport({
    headIsUnmerged: read.headIsUnmerged === true,
    groupsDir: config.groups_dir,
    changes,
    renamed: review.renamed,
    problems,
    headFacts: headSources.map(charterFacts),
    baseFacts: baseSources.map(charterFacts),
    ...(staleDirectory ? { staleDirectory } : {}),
  });

  const checks = read.pull
    ? policyChecks({
        policy: policyFor(config.policy),
        changes: review,
        pull: read.pull,
        people: configuredPeople(config.vote, read),
        ...(read.teamError !== undefined ? { peopleError: read.teamError } : {}),
        openRuns: read.openCheckRuns,
        periodHours: config.vote.period_hours,
        now,
      })
    : [];
  return { report, checks, newGroups: review.newGroups };
}

/** Most charter files a pull request's check reads. */
export const MAX_CHARTER_FILES = 2000;
/** Most bytes of charters a pull request's check reads (MCP's ~35 charters are ~40 KB). */
export const MAX_CHARTER_TOTAL_BYTES = 8 * 1024 * 1024;

/** Why a charters folder is too large to check (hostile or mistaken), or undefined. */
function overBounds(tree: CharterTree | null): string | undefined {
  const files = (tree?.files ?? []).filter((f) => /\.ya?ml$/i.test(f.name));
  const bytes = files.reduce((n, f) => n + f.byteSize, 0);
  if (files.length <= MAX_CHARTER_FILES && bytes <= MAX_CHARTER_TOTAL_BYTES) return undefined;
  return `The charters folder holds ${files.length} YAML files (${(bytes / 1048576).toFixed(1)} MiB); Group Steward checks at most ${MAX_CHARTER_FILES} files and ${MAX_CHARTER_TOTAL_BYTES / 1048576} MiB, so nothing was validated. One charter per group is a few kilobytes.`;
}

