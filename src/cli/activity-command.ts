/**
 * `group-steward activity`: the scheduled job from the command line (and the GitHub Actions
 * workflow). Parses options, picks the source (a snapshot file, or GitHub), runs the job, prints
 * the verdicts and the plan as text or JSON.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeAction } from '../plan/actions.js';
import { createCliClient } from '../github/cli-client.js';
import type { CliEnvironment } from '../github/cli-client.js';
import { runActivityJob } from '../jobs/activity-job.js';
import type { ActivityJobResult, ActivitySource, LocalCharters } from '../jobs/activity-job.js';
import { REPO_PATTERN } from '../charters/schema.js';
import { unreadSources } from '../activity/verdict-reason.js';
import { instantProblem, parseInstant } from './instant.js';

/** The governance repository a snapshot run names in its plan when `--repo` is not given. */
export const DEFAULT_GOVERNANCE_REPO = 'modelcontextprotocol/modelcontextprotocol';

export interface ActivityCommandIo {
  stdout: (text: string) => void;
  /** Where Octokit's notes (retries, rate limits) go, so `--format json` output stays JSON; default: dropped. */
  stderr?: (text: string) => void;
  cwd: string;
  now: () => Date;
  env: CliEnvironment;
}

/** Wrong options; the caller prints the message with the usage and exits 2. */
export class ActivityUsageError extends Error {}

/**
 * Runs `activity` with `args` (after the command word).
 * @returns the exit code 0 (what the write cap deferred is reported, and planned again next run)
 * @throws ActivityUsageError on bad options; the job's errors otherwise
 */
export async function activityCommand(args: readonly string[], io: ActivityCommandIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      repo: { type: 'string' },
      snapshot: { type: 'string' },
      groups: { type: 'string' },
      pages: { type: 'string' },
      now: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      'save-snapshot': { type: 'string' },
    },
  });
  if (values.format !== 'text' && values.format !== 'json') throw new ActivityUsageError(`--format must be text or json, not "${values.format}"`);
  if (values.repo !== undefined && !REPO_PATTERN.test(values.repo)) throw new ActivityUsageError(`--repo must be owner/name, not "${values.repo}"`);
  if (values.snapshot === undefined && values.repo === undefined) throw new ActivityUsageError('give --repo owner/name (live, from GitHub) or --snapshot FILE (offline)');
  let now: Date | undefined;
  if (values.now !== undefined) {
    now = parseInstant(values.now);
    if (!now) throw new ActivityUsageError(instantProblem('--now', values.now));
  }
  if (values.groups !== undefined && values.pages !== undefined) throw new ActivityUsageError('give --groups DIR or --pages ROOT, not both');
  // Charters: --groups DIR (default groups/ offline) or --pages ROOT; live without either, the governance repository's.
  const local: LocalCharters | undefined =
    values.pages !== undefined ? { pages: resolve(io.cwd, values.pages) } : values.groups !== undefined ? { dir: resolve(io.cwd, values.groups) } : undefined;
  const source: ActivitySource =
    values.snapshot !== undefined
      ? { kind: 'snapshot', snapshotFile: resolve(io.cwd, values.snapshot), charters: local ?? { dir: resolve(io.cwd, 'groups') }, governanceRepo: values.repo ?? DEFAULT_GOVERNANCE_REPO }
      : {
          kind: 'live',
          repo: values.repo as string,
          gh: await createCliClient(io.env, values.repo as string, { log: (m) => io.stderr?.(`note: ${m}\n`) }),
          ...(local ? { charters: local } : {}),
        };
  const result = await runActivityJob({
    source,
    ...(now ? { now } : {}),
    clock: io.now,
    dryRun: values['dry-run'],
    ...(values['save-snapshot'] ? { saveSnapshot: resolve(io.cwd, values['save-snapshot']) } : {}),
  });
  io.stdout(values.format === 'json' ? formatJson(result) : formatText(result));
  for (const line of coverageWarnings(result)) io.stderr?.(`${line}\n`);
  return 0;
}

/**
 * One `warning:` line per group that cannot be judged because a source of its work was not read
 * (its verdict `unknown`), for stderr: the run still exits 0, but a person should look.
 */
export function coverageWarnings(result: ActivityJobResult): string[] {
  return result.verdicts
    .filter((v) => v.verdict === 'unknown' && v.coverage.some((c) => c.status !== 'read'))
    .map((v) => `warning: ${v.id}: cannot be judged, not every source of its work was read: ${unreadSources(v.coverage)}`);
}

/** `{ groups: [{ id, type, verdict, last_activity, reason, coverage, expectation? }], plan: [...] }`. */
export function formatJson(result: ActivityJobResult): string {
  const groups = result.verdicts.map((v) => ({
    id: v.id,
    type: v.type,
    verdict: v.verdict,
    last_activity: v.lastActivity,
    reason: v.reason,
    coverage: v.coverage,
    ...(v.expectation ? { expectation: v.expectation } : {}),
  }));
  return `${JSON.stringify({ generated_for: result.now.toISOString(), dry_run: result.dryRun, groups, plan: result.plan, applied: result.applied.length, deferred: result.deferred.length }, null, 2)}\n`;
}

/** A table of the groups and a numbered plan, for people. */
export function formatText(result: ActivityJobResult): string {
  const lines = [`Group activity as of ${result.now.toISOString()} (window ${result.config.inactivity_days} days; governance repository ${result.governanceRepo})`];
  for (const note of result.notes) lines.push(`  ${note}`);
  lines.push('');
  const width = Math.max(...result.verdicts.map((v) => v.id.length), 5);
  lines.push(`${'group'.padEnd(width)}  type      verdict    last human activity  reason`);
  for (const v of result.verdicts) {
    const last = v.lastActivity ? v.lastActivity.at.slice(0, 10) : '—';
    lines.push(`${v.id.padEnd(width)}  ${v.type.padEnd(8)}  ${v.verdict.padEnd(9)}  ${last.padEnd(19)}  ${v.reason}`);
  }
  lines.push('');
  const unjudged = result.verdicts.filter((v) => v.verdict === 'unknown' && v.coverage.some((c) => c.status !== 'read'));
  if (unjudged.length > 0) {
    lines.push(`Cannot be judged (${unjudged.length}): not every source of their work was read, and no human activity was seen in what was; no retirement is proposed or closed on this evidence.`);
    for (const v of unjudged) {
      lines.push(`  ${v.id}:`);
      for (const c of v.coverage.filter((x) => x.status !== 'read')) lines.push(`    - ${c.source}: ${c.why ?? c.status}${c.fix ? ` (fix: ${c.fix})` : ''}`);
    }
    lines.push('');
  }
  if (result.plan.length === 0) {
    lines.push('Plan: nothing to write.');
  } else {
    const mode = result.dryRun ? 'dry run: nothing written' : `${result.applied.length} written, ${result.deferred.length} deferred to the next run by the write cap`;
    lines.push(`Plan (${result.plan.length} writes; ${mode}):`);
    result.plan.forEach((action, i) => lines.push(`  ${String(i + 1).padStart(2)}. ${describeAction(action)}`));
  }
  if (result.settledVotes.length > 0) lines.push('', `Creation votes re-evaluated: ${result.settledVotes.map((n) => `#${n}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
