/**
 * `group-steward activity`: the scheduled job from the command line (and the GitHub Actions
 * workflow). Parses options, picks the source (a snapshot file, or GitHub), runs the job, prints
 * the verdicts and the plan as text or JSON.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeAction } from '../plan/actions.js';
import { createCliClient } from '../github/cli-client.js';
import type { CliEnvironment } from '../github/cli-client.js';
import { readLocalCharters, runActivityJob } from '../jobs/activity-job.js';
import type { ActivityJobResult, ActivitySource, LocalCharters } from '../jobs/activity-job.js';
import { registryCharters } from '../charters/registry.js';
import { REPO_PATTERN } from '../charters/schema.js';
import { unreadSources } from '../activity/verdict-reason.js';
import { cannotReadDirectory, cannotReadFile, CommandUsageError, parseCommandArgs, TERMINAL_WIDTH, wrapText } from './format.js';
import { instantProblem, parseInstant } from './instant.js';
import { plural } from '../words.js';

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

/** The usage lines of `activity`, for the CLI's help. */
export const ACTIVITY_USAGE = `  activity              Judge each group's activity; plan (and open) retirement issues
      --repo owner/name   Live: read charters and activity from GitHub, write the plan. With
                          --snapshot: only the governance repository the plan names (default
                          ${DEFAULT_GOVERNANCE_REPO}); nothing is read from it
      --snapshot FILE     Offline: judge a recorded snapshot (with --groups DIR, default groups/)
      --groups DIR        Read the charters from DIR (live default: the governance repository)
      --pages ROOT        Read the SEP-2149 charter pages of the checkout at ROOT instead
      --now ISO           Judge as of this instant (default: the snapshot's date, or now)
      --dry-run           Print the plan, write nothing
      --format text|json  Output format (default: text)
      --save-snapshot F   Record the snapshot used`;

/** Wrong options; the caller prints the message with the usage and exits 2. */
export class ActivityUsageError extends CommandUsageError {
  constructor(message: string) {
    super('activity', message);
    this.name = 'ActivityUsageError';
  }
}

/**
 * Runs `activity` with `args` (after the command word).
 *
 * Before any work, what was named must be there: `--snapshot FILE` a readable file, `--groups DIR`
 * (or, offline, the default `groups/`) and `--pages ROOT` folders — else one line on stderr,
 * `cannot read --snapshot no-such.json: no such file`, and exit 2. A live run's requests fail at
 * once when GitHub cannot be reached (`failFastWhenUnreachable`; `runCli` says so in one line).
 * Charters left out of the registry for their errors are named in the report's notes and, with
 * their rule ids, as `warning:` lines on stderr (which `--format json` output does not hold).
 *
 * @returns the exit code: 0 (what the write cap deferred is reported, and planned again next run),
 *   2 for a file or folder that cannot be read
 * @throws ActivityUsageError (a CommandUsageError) on bad options; the job's errors otherwise
 */
export async function activityCommand(args: readonly string[], io: ActivityCommandIo): Promise<number> {
  const { values } = parseCommandArgs('activity', args, {
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
  const cannotRead = (message: string) => {
    io.stderr?.(`group-steward activity: ${message}\n`);
    return 2;
  };

  // What was named must be there, before any work (and any request).
  if (values.snapshot !== undefined) {
    const problem = await fileProblem(resolve(io.cwd, values.snapshot));
    if (problem !== undefined) return cannotRead(cannotReadFile('--snapshot', values.snapshot, problem));
  }
  // Charters: --groups DIR (default groups/ offline) or --pages ROOT; live without either, the governance repository's.
  const named = values.pages !== undefined ? { option: '--pages', path: values.pages } : values.groups !== undefined ? { option: '--groups', path: values.groups } : values.snapshot !== undefined ? { option: '', path: 'groups' } : undefined;
  if (named !== undefined) {
    const problem = await folderProblem(resolve(io.cwd, named.path));
    if (problem !== undefined) return cannotRead(`${cannotReadDirectory(`${named.option} ${named.path}`.trim(), problem)}${named.option === '' ? ' (the charters of an offline run: give --groups DIR or --pages ROOT)' : ''}`);
  }
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
  // The clock is read once: the job's charters and the left-out warnings below are judged at the same instant.
  const started = io.now();
  const result = await runActivityJob({
    source,
    ...(now ? { now } : {}),
    clock: () => started,
    dryRun: values['dry-run'],
    ...(values['save-snapshot'] ? { saveSnapshot: resolve(io.cwd, values['save-snapshot']) } : {}),
  });
  io.stdout(values.format === 'json' ? formatJson(result) : formatText(result));
  if (source.charters !== undefined) for (const line of await leftOutWarnings(source.charters, started, result)) io.stderr?.(`${line}\n`);
  for (const line of coverageWarnings(result)) io.stderr?.(`${line}\n`);
  return 0;
}

/** Why `path` is not a readable file (the file system's error, or EISDIR for a folder); undefined when it is one. */
async function fileProblem(path: string): Promise<unknown> {
  try {
    if ((await stat(path)).isDirectory()) return Object.assign(new Error('a directory'), { code: 'EISDIR' });
    await access(path, constants.R_OK);
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Why `path` is not a folder (the file system's error, or ENOTDIR); undefined when it is one. */
async function folderProblem(path: string): Promise<unknown> {
  try {
    if (!(await stat(path)).isDirectory()) return Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    return undefined;
  } catch (error) {
    return error;
  }
}

/**
 * One `warning:` line per charter file on disk left out of the registry for its errors, with their
 * rule ids — `warning: charter left out (errors: unknown-key): groups/typo.yaml; \`group-steward
 * validate\` says why` — read as the job read them (the same instant, the policy it judged under).
 */
async function leftOutWarnings(where: LocalCharters, now: Date, result: ActivityJobResult): Promise<string[]> {
  const { excluded } = registryCharters((await readLocalCharters(where, now, result.config.policy)).result);
  const validate = 'dir' in where ? 'group-steward validate DIR' : 'group-steward validate --pages ROOT';
  return excluded.map((e) => `warning: charter left out (errors: ${e.rules.join(', ')}): ${e.file}; \`${validate}\` says why`);
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

/**
 * The report for people, at most `width` columns (default 120; longer lines wrapped with an
 * indent): the notes, a table of the groups (id, type, verdict, date of the last human activity)
 * with each group's reason under its row, the groups that cannot be judged with each source not
 * read — said there once: a reason that would repeat them points to the list instead — and the
 * numbered plan. Pure.
 */
export function formatText(result: ActivityJobResult, width: number = TERMINAL_WIDTH): string {
  const wrap = (text: string, hanging = '    ') => wrapText(text, width, hanging);
  const lines = [wrap(`Group activity as of ${result.now.toISOString()} (window ${result.config.inactivity_days} days; governance repository ${result.governanceRepo})`)];
  for (const note of result.notes) lines.push(wrap(`  ${note}`));
  lines.push('');
  const unjudged = result.verdicts.filter((v) => v.verdict === 'unknown' && v.coverage.some((c) => c.status !== 'read'));
  const listed = new Set(unjudged.map((v) => v.id));
  const idWidth = Math.max(...result.verdicts.map((v) => v.id.length), 5);
  lines.push(`${'group'.padEnd(idWidth)}  type      verdict    last human activity`);
  for (const v of result.verdicts) {
    const last = v.lastActivity ? v.lastActivity.at.slice(0, 10) : '—';
    lines.push(`${v.id.padEnd(idWidth)}  ${v.type.padEnd(8)}  ${v.verdict.padEnd(9)}  ${last}`);
    // The sources not read are listed once, below, with their fixes.
    const unread = listed.has(v.id) ? unreadSources(v.coverage) : '';
    const reason = unread !== '' && v.reason.includes(` — ${unread}`) ? v.reason.replace(` — ${unread}`, ' (what was not read is listed below)') : v.reason;
    lines.push(wrap(`    ${reason}`, '  '));
  }
  lines.push('');
  if (unjudged.length > 0) {
    lines.push(wrap(`Cannot be judged (${unjudged.length}): not every source of their work was read, and no human activity was seen in what was; no retirement is proposed or closed on this evidence. The sources not read:`, ''));
    for (const v of unjudged) {
      lines.push(`  ${v.id}:`);
      for (const c of v.coverage.filter((x) => x.status !== 'read')) lines.push(wrap(`    - ${c.source}: ${c.why ?? c.status}${c.fix ? ` (fix: ${c.fix})` : ''}`, '  '));
    }
    lines.push('');
  }
  if (result.plan.length === 0) {
    lines.push('Plan: nothing to write.');
  } else {
    const mode = result.dryRun ? 'dry run: nothing written' : `${result.applied.length} written, ${result.deferred.length} deferred to the next run by the write cap`;
    lines.push(`Plan (${plural(result.plan.length, 'write')}; ${mode}):`);
    result.plan.forEach((action, i) => lines.push(wrap(`  ${String(i + 1).padStart(2)}. ${describeAction(action)}`, '     ')));
  }
  if (result.settledVotes.length > 0) lines.push('', wrap(`Creation votes re-evaluated: ${result.settledVotes.map((n) => `#${n}`).join(', ')}`));
  return `${lines.join('\n')}\n`;
}
