/**
 * The scheduled job (SEP-1302 § WG Lifecycle): 1. charters and configuration, 2. a snapshot of the
 * groups' activity, 3. the pure evaluation (verdicts), 4. the plan (retirement issues, dashboard,
 * reminders), 5. apply it within the write cap — or, in a dry run, print it — and 6. settle
 * creation votes, whose check-run writes are the end of the same plan under the same cap.
 * Sources are decided at the edge: a recorded snapshot and local charters (no network), or GitHub.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { evaluateActivity } from '../activity/evaluate.js';
import { groupSources } from '../activity/coverage.js';
import type { GroupVerdict } from '../activity/evaluate.js';
import { planRetirement } from '../activity/retirement.js';
import type { ExistingIssues } from '../activity/retirement.js';
import { formatSnapshot, parseSnapshot } from '../activity/snapshot.js';
import type { Snapshot } from '../activity/snapshot.js';
import type { Charter } from '../charters/schema.js';
import { charterLayout, describeLayout, validateCharterFiles } from '../charters/layout.js';
import type { ValidationResult } from '../charters/validate.js';
import { readCharterDirectory } from '../charters/read-directory.js';
import { readCheckoutPages } from '../charters/read-pages.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import type { Config, Policy } from '../config/schema.js';
import { describeCoverage } from '../activity/describe-coverage.js';
import { buildLiveSnapshot } from '../github/activity-snapshot.js';
import { applyPlan } from '../github/apply-plan.js';
import type { GitHub } from '../github/client.js';
import { registryCharters } from '../charters/registry.js';
import { readGroupRegistry, registryLocation } from '../github/group-registry.js';
import { loadRepoConfig } from '../github/repo-config.js';
import { repoConfigReader } from '../github/repo-config-reader.js';
import { readGovernanceIssues } from '../github/retirement-issues.js';
import { evaluateDuties } from '../activity/duties.js';
import type { GroupDuties } from '../activity/duties.js';
import { planQuarterlyReminders } from '../activity/reminders.js';
import { listIssueComments } from '../github/issue-comments.js';
import type { ExistingComment } from '../linking/markers.js';
import { policyFor } from '../policies/index.js';
import { quarterOf } from '../policies/quarterly-updates.js';
import type { Plan } from '../plan/actions.js';
import { capPlan } from '../plan/cap.js';
import { DAY_MS } from '../activity/dates.js';
import { applyVoteSettling, planVoteSettling } from '../services/settle-votes.js';
import { evidenceSettings, readGroupEvidence } from './meeting-evidence.js';
import type { EvidenceReaders } from './meeting-evidence.js';
import { groupsParticipation, membersReadBack } from '../activity/participation.js';
import type { GroupParticipation } from '../activity/participation.js';
import { emeritusBranch, planEmeritus } from '../proposals/emeritus.js';
import { readCharterBranch } from '../github/charter-branch.js';
import { charterFiles } from '../charters/tree-sources.js';

/** Where the job's inputs come from: recorded files, or GitHub. */
export type ActivitySource =
  /** `config`: judge with this configuration (default: the snapshot's recorded settings, else the defaults). */
  /** `charters`: a folder of YAML charters, or a checkout's charter pages. */
  | { kind: 'snapshot'; snapshotFile: string; charters: LocalCharters; governanceRepo: string; config?: Config }
  /** `charters`: read the charters from disk instead of the governance repository. */
  | { kind: 'live'; gh: GitHub; repo: string; charters?: LocalCharters; evidence?: EvidenceReaders };

/** Charters on disk: a folder of YAML charters, or the checkout whose SEP-2149 charter pages they are. */
export type LocalCharters = { dir: string } | { pages: string };

export interface ActivityJobInput {
  source: ActivitySource;
  /** The instant judged at (default: the snapshot's `generated_at`, or the clock for a live run). */
  now?: Date;
  /** Read at most once per run, at its start: the instant a live run collects up to and judges at. */
  clock: () => Date;
  dryRun: boolean;
  /** Record the snapshot used to this file. */
  saveSnapshot?: string;
}

export interface ActivityJobResult {
  now: Date;
  config: Config;
  governanceRepo: string;
  verdicts: GroupVerdict[];
  /** Every write planned: the retirement issues, the dashboard and its reminders, then the check runs that settle creation votes (live runs). */
  plan: Plan;
  /** What was written (empty in a dry run or from a snapshot). */
  applied: Plan;
  /** What the write cap left for the next run. */
  deferred: Plan;
  /** Pull requests whose creation vote was re-evaluated and written (none in a dry run). */
  settledVotes: number[];
  /** Each active group's duties under the policy (SEP-2149: quarterly update, meeting notes, lead terms); empty under SEP-1302. */
  duties: Map<string, GroupDuties>;
  /** Each active working group with WG Members: their participation per month (`memberParticipation`). */
  participation?: GroupParticipation[];
  /** Facts for the report: items read, GraphQL requests, searches cut at 1,000 results. */
  notes: string[];
  dryRun: boolean;
}

/**
 * Runs the job once.
 * @throws SnapshotError for a bad snapshot file, ConfigError for a bad configuration, the HTTP or
 *         GraphQL error GitHub answers with (after retries), or a file system error
 */
export async function runActivityJob(input: ActivityJobInput): Promise<ActivityJobResult> {
  // The clock is read once, here. A live run collects up to, and judges at, this one instant: a
  // second, later reading would end the window after every source's read, so no source would cover
  // it and every silent group would be `unknown`. A snapshot is judged at its own date (or `now`);
  // the reading dates the local charters (a date after it is in the future).
  const started = input.source.kind === 'live' ? (input.now ?? input.clock()) : input.clock();
  // 1. Charters and configuration.
  const gathered = input.source.kind === 'snapshot' ? await fromFiles(input.source, started) : await fromGitHub(input.source, started);
  const { config, charters, snapshot, existing, governanceRepo, appLogin, notes, dashboardComments } = gathered;
  const now = input.source.kind === 'live' ? started : (input.now ?? new Date(snapshot.generated_at));
  if (input.saveSnapshot) {
    // The settings go with the data: a replay of this file judges as this run did.
    const settings = { inactivity_days: config.inactivity_days, bot_logins: [...config.activity.bot_logins], policy: config.policy, quarterly_update_pattern: config.activity.quarterly_update_pattern };
    await writeFile(input.saveSnapshot, formatSnapshot({ ...snapshot, settings }));
  }

  // 2–3. Evaluate.
  const verdicts = evaluateActivity({
    charters,
    snapshot,
    now,
    inactivityDays: config.inactivity_days,
    botLogins: config.activity.bot_logins,
    ...(appLogin ? { appLogin } : {}),
    // Meetings and conversations (issue 23): the calendars and channels the configuration resolves.
    evidence: evidenceSettings(config),
  });

  // The policy's duties (SEP-2149 § 1.8 quarterly updates, § 1.2/§ 1.6 meeting notes, Part 2 § 4 lead terms).
  const policy = policyFor(config.policy);
  const duties = evaluateDuties({ policy, charters, snapshot, now, updatePattern: config.activity.quarterly_update_pattern });

  // Members' participation per month (SEP-2149 "Participation Levels"), for working groups with WG Members.
  const participation = groupsParticipation({ charters, snapshot, now, botLogins: config.activity.bot_logins, ...(appLogin ? { appLogin } : {}) });

  // 4. Plan: retirement issues and the dashboard, then the quarterly reminders on the dashboard.
  const dashboard = { retirementDecision: policy.retirementDecision, ...(duties.size > 0 ? { duties } : {}), ...(participation.length > 0 ? { participation } : {}) };
  const issuePlan = [
    ...planRetirement({ verdicts, charters, existing, governanceRepo, now, inactivityDays: config.inactivity_days, retirementSteps: policy.retirementSteps, dashboard, ...(appLogin ? { appLogin } : {}) }),
    ...planQuarterlyReminders({ repo: governanceRepo, dashboard: existing.dashboard?.number ?? null, comments: dashboardComments, duties, charters, updatePattern: config.activity.quarterly_update_pattern }),
  ];

  // 5–6. Apply within the cap; settle creation votes (live runs only; a dry run reads and plans them).
  // The plan is the issue writes, then the vote settlements: the order they were always written
  // in, and the cap (`capPlan`, `max_writes`) takes the plan's first writes, so a vote is deferred
  // only when the issue writes fill the cap (a deferred vote settles on the next run: its verdict
  // is the period's, whenever it is written). The votes are read after the issue writes, as
  // before: nothing in the issue plan depends on them, and the cap's cut of the issue writes is
  // the same whatever follows them (it never cuts a unit that ends the issue plan).
  const dryRun = input.dryRun || input.source.kind === 'snapshot';
  // `activity.emeritus_pull_requests` (off by default): one pull request per working group with quiet WG Members.
  if (input.source.kind === 'live' && config.activity.emeritus_pull_requests) {
    // The charter-branch read names an issue of the governance repository: the dashboard's. On the
    // run that creates the dashboard, the pull requests wait for the next run.
    if (existing.dashboard) issuePlan.push(...(await planEmeritusPulls(input.source.gh, governanceRepo, config, participation, now, existing.dashboard.number)));
    else if (participation.some((g) => g.members.some((m) => m.status === 'quiet'))) notes.push('emeritus pull requests: planned on the next run, once the dashboard issue exists');
  }
  let plan: Plan = issuePlan;
  let applied: Plan = [];
  let deferred: Plan = [];
  let settledVotes: number[] = [];
  if (input.source.kind === 'live') {
    const { gh } = input.source;
    const max = config.activity.max_writes;
    if (!dryRun) applied = (await applyPlan(gh, capPlan(issuePlan, max).now)).applied;
    const [owner = '', name = ''] = governanceRepo.split('/');
    const settling = await planVoteSettling(gh, owner, name, config, now, (m) => notes.push(m));
    plan = [...issuePlan, ...settling.plan];
    if (!dryRun) {
      const capped = capPlan(plan, max);
      const votes = await applyVoteSettling(gh, settling, capped.now.slice(applied.length), (m) => notes.push(m));
      applied = [...applied, ...votes.applied];
      deferred = capped.deferred;
      settledVotes = votes.settled;
    }
  }
  return { now, config, governanceRepo, verdicts, plan, applied, deferred, settledVotes, duties, participation, notes, dryRun };
}

interface Gathered {
  config: Config;
  charters: Charter[];
  snapshot: Snapshot;
  existing: ExistingIssues;
  governanceRepo: string;
  appLogin?: string;
  notes: string[];
  /** The dashboard issue's comments, when the policy keeps reminders there (else none read). */
  dashboardComments: ExistingComment[];
}

/** `today` judges the charters' dates: a snapshot's date is not the charters' "now". */
async function fromFiles(source: Extract<ActivitySource, { kind: 'snapshot' }>, today: Date): Promise<Gathered> {
  const snapshot = parseSnapshot(await readFile(source.snapshotFile));
  // A recorded run's settings, when the snapshot carries them; the defaults otherwise.
  const recorded = snapshot.settings;
  const config =
    source.config ??
    (recorded
      ? {
          ...DEFAULT_CONFIG,
          ...(recorded.policy ? { policy: recorded.policy } : {}),
          inactivity_days: recorded.inactivity_days,
          activity: { ...DEFAULT_CONFIG.activity, bot_logins: recorded.bot_logins, ...(recorded.quarterly_update_pattern ? { quarterly_update_pattern: recorded.quarterly_update_pattern } : {}) },
        }
      : DEFAULT_CONFIG);
  const local = registryCharters((await readLocalCharters(source.charters, today, config.policy)).result);
  return {
    config,
    charters: local.charters,
    snapshot,
    existing: { retirement: [], dashboard: null },
    dashboardComments: [],
    governanceRepo: source.governanceRepo,
    notes: [
      `snapshot ${source.snapshotFile}: ${snapshot.items.length} items, generated ${snapshot.generated_at}`,
      coverageNote(snapshot),
      // Every charter left out, and why, as the live path says it: a group never vanishes silently.
      ...local.excluded.map((e) => `charter left out (errors: ${e.rules.join(', ')}): ${e.file}`),
      'no existing retirement issues are known offline: the plan shows what a first run would write',
    ],
  };
}

/** `coverage: 40 sources recorded (0 read, 22 partial, 18 unread)`, or that the snapshot records none. */
function coverageNote(snapshot: Snapshot): string {
  if (!snapshot.coverage) return 'the snapshot records no coverage: nothing in it is known read, so no silence is judged idle';
  const count = (status: string) => snapshot.coverage?.filter((c) => c.status === status).length ?? 0;
  return `coverage: ${snapshot.coverage.length} sources recorded (${count('read')} read, ${count('partial')} partial, ${count('unread')} unread)`;
}

async function fromGitHub(source: Extract<ActivitySource, { kind: 'live' }>, now: Date): Promise<Gathered> {
  const { gh, repo } = source;
  const config = await loadRepoConfig(repoConfigReader(gh, repo), repo, now.getTime());
  const governanceRepo = config.governance_repo ?? repo;
  const registry =
    source.charters === undefined
      ? { ...(await readGroupRegistry(gh, registryLocation(governanceRepo, config), now)), requests: 1, from: `${governanceRepo}:${describeLayout(charterLayout(config))}` }
      : { ...registryCharters((await readLocalCharters(source.charters, now, config.policy)).result), requests: 0, from: 'dir' in source.charters ? source.charters.dir : source.charters.pages };
  const charters = registry.charters;
  const live = charters.filter((c) => c.status === 'active');
  const policy = policyFor(config.policy);
  // Far enough back for the window, and — under a policy with quarterly updates — for the most
  // recent quarter's update window (SEP-2149 § 1.8), so a missing update is judged on a full read.
  const back = Math.min(now.getTime() - Math.max(2 * config.inactivity_days, 90) * DAY_MS, policy.quarterlyUpdates ? Date.parse(quarterOf(now).updatesFrom) - DAY_MS : Infinity);
  // A working group with WG Members is read back to the first day of the month 3 months ago, so its
  // members' participation per month is judged on a full read (from the same searches, no request per member).
  const readBack = live.map((c) => membersReadBack(c, now));
  const since = new Date(Math.min(back, ...readBack.filter((b): b is number => b !== null))).toISOString().slice(0, 10);
  const owner = governanceRepo.split('/')[0] as string;
  // Every source of every active group, read once; the coverage says what could not be read.
  // Read newest-first per group (its sources together), stopping once each group is decided; the
  // configured bots are not people when deciding.
  const built = await buildLiveSnapshot(gh, { sources: live.flatMap((c) => groupSources(c, charters)), groups: live.map((c) => groupSources(c, charters)), readBack, botLogins: config.activity.bot_logins, labelScope: [`user:${owner}`], since, now });
  // Meetings and conversations (issue 23): each distinct feed, and the configured channels, into the snapshot.
  const heard = await readGroupEvidence(live, config, { since: new Date(back), windowStart: new Date(now.getTime() - config.inactivity_days * DAY_MS), now }, source.evidence);
  const snapshot = { ...built.snapshot, coverage: [...(built.snapshot.coverage ?? []), ...heard.coverage], ...(heard.meetings ? { meetings: heard.meetings } : {}), ...(heard.conversations ? { conversations: heard.conversations } : {}) };
  const issues = await readGovernanceIssues(gh, governanceRepo);
  // The App is whoever the token is — when that is a bot (an App's installation, or Actions). A
  // person's token makes no one "the App": that person's own comments stay human activity.
  const appLogin = issues.viewer.endsWith('[bot]') ? issues.viewer : undefined;
  // The reminders live on the dashboard: read its comments only when the policy keeps them.
  const board = issues.existing.dashboard;
  const dashboardComments = policy.quarterlyUpdates && board ? await listIssueComments(gh, governanceRepo, board.number, issues.viewer) : [];
  return {
    dashboardComments,
    config,
    charters,
    snapshot,
    existing: issues.existing,
    governanceRepo,
    ...(appLogin ? { appLogin } : {}),
    notes: [
      `live: charters from ${registry.from}; ${built.snapshot.items.length} items updated since ${since}; ${built.requests + issues.requests + registry.requests} GraphQL requests`,
      ...registry.excluded.map((e) => `charter left out (errors: ${e.rules.join(', ')}): ${e.file}`),
      ...built.truncated.map((q) => `search past GitHub's 1,000 results with 1,000 items updated at one instant (items missing): ${q}`),
      ...(built.notFound.length ? [`deliverables GitHub does not know (deleted, private or mistyped; state unknown): ${built.notFound.join(', ')}`] : []),
      ...heard.notes,
      ...(snapshot.coverage ?? []).filter((e) => e.status !== 'read').map((e) => `not read completely: ${describeCoverage(e)}`),
    ],
  };
}

/**
 * Charters on disk, validated by their source's rules: a folder of YAML charters, or a checkout's
 * charter pages (its configuration may move their folders). YAML charters are judged under
 * `policy` (default SEP-1302's creation templates).
 *
 * @throws the file system's error, or ConfigError for the checkout's invalid configuration
 */
export async function readLocalCharters(where: LocalCharters, now: Date, policy?: Policy): Promise<{ result: ValidationResult }> {
  if ('dir' in where) return { result: validateCharterFiles({ kind: 'yaml', dir: '' }, { charters: await readCharterDirectory(where.dir), nav: null }, { now, ...(policy ? { policy } : {}) }) };
  const checkout = await readCheckoutPages(where.pages);
  return { result: validateCharterFiles(checkout.layout, checkout.files, { now }) };
}

/**
 * The emeritus pull requests the job's setting asks for (`activity.emeritus_pull_requests`): for
 * each working group with a WG Member quiet for 3 months on a full read, one read of its charter
 * branch (`readCharterBranch`; `thread`: an issue whose comments that read returns, unused) and
 * `planEmeritus`'s writes — per group, never per member.
 *
 * @throws the GraphQL or HTTP error GitHub answers with
 */
async function planEmeritusPulls(gh: GitHub, repo: string, config: Config, participation: readonly GroupParticipation[], now: Date, thread: number): Promise<Plan> {
  const layout = charterLayout(config);
  const plan: Plan = [];
  for (const group of participation) {
    if (!group.members.some((m) => m.status === 'quiet')) continue;
    const read = await readCharterBranch(gh, { repo, layout, branch: emeritusBranch(group.id), issue: thread, teams: {} });
    const files = charterFiles(layout, read.base.charters, layout.kind === 'yaml' ? `${layout.dir}/` : '');
    const planned = planEmeritus({
      repo,
      layout,
      id: group.id,
      by: { job: true },
      participation: group,
      base: { branch: read.base.branch, sha: read.base.sha, ...files, oids: new Map((read.base.charters?.files ?? []).map((f) => [f.name, f.oid])) },
      branchFiles: read.branch?.files ?? null,
      pulls: read.pulls,
      now,
    });
    plan.push(...planned.plan);
  }
  return plan;
}
