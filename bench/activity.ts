/**
 * Benchmark of the scheduled activity job (issues 5 and 10). A measurement, not a test: it asserts
 * nothing and never runs under jest.
 *
 * - Requests per live run, counted against the in-memory GitHub of `bench/activity-github.ts`
 *   (GraphQL executed against GitHub's schema; no network): the first run, which opens the
 *   retirement issues and the dashboard, and a second run at steady state, for 20 groups and 2,000
 *   items (goal, issue 10 § 4: at most 10 requests) and for 100 groups and 20,000 items. Sources
 *   are read newest first and only as far as each group's verdict needs, so the count grows with
 *   the groups (one first-page search per source, 20 per request), not with the items. Four
 *   interest groups keep a Discussions category and one working group its meeting notes in one; one
 *   group owns a repository the installation cannot read. Goal (issue 8): the coverage (the
 *   repository check and the discussions reads) adds at most 2 requests.
 * - The same snapshot read exhaustively (every item updated in the period, as before issue 10), to
 *   compare: its requests, and whether the verdicts and last activities are the same.
 * - The pure evaluation (`evaluateActivity`) of a generated snapshot of 100,000 items.
 */
import { ProbotOctokit } from 'probot';
import { groupSources } from '../src/activity/coverage.js';
import { evaluateActivity } from '../src/activity/evaluate.js';
import type { GroupVerdict } from '../src/activity/evaluate.js';
import type { Snapshot, SnapshotItem } from '../src/activity/snapshot.js';
import type { Charter } from '../src/charters/schema.js';
import { FIRST_PAGE } from '../src/github/activity-search.js';
import { buildLiveSnapshot } from '../src/github/activity-snapshot.js';
import type { GitHub } from '../src/github/client.js';
import { validateCharters } from '../src/charters/validate.js';
import { registryCharters } from '../src/charters/registry.js';
import { forgetGroupRegistry } from '../src/github/group-registry.js';
import { forgetRepoConfig } from '../src/github/repo-config.js';
import { runActivityJob } from '../src/jobs/activity-job.js';
import type { ActivityJobResult } from '../src/jobs/activity-job.js';
import { ActivityGitHub } from './activity-github.js';
import type { FakeActor, FakeEvent } from './activity-github.js';
import { generatedCharter } from './charters.js';

const GOVERNANCE = 'example-org/governance';
const SPEC = 'example-org/spec';
/** Where the groups with a Discussions category keep it. */
const COMMUNITY = 'example-org/community';
/** Groups with a `discussions` category in COMMUNITY (interest groups). */
const DISCUSSING = [1, 3, 5, 7];
/** The group whose meeting notes are a category of COMMUNITY. */
const NOTES_GROUP = 2;
/** The group that also owns a repository the installation cannot read. */
const HIDDEN_GROUP = 6;
const hiddenRepo = (g: number) => `example-org/group-${g}-private`;
const NOW = new Date('2026-11-22T00:00:00Z');
const DAY = 86_400_000;

/** Most requests of a steady-state run of 20 groups and 2,000 items (issue 10 § 4). */
const GOAL_REQUESTS = 10;

/** Report lines: requests per live run (20 groups × 2,000 items, 100 × 20,000) and the evaluation time for 100,000 items. */
export async function benchActivity(groups = 20, items = 2000, evaluated = 100_000): Promise<string[]> {
  const small = await benchLiveRequests(groups, items);
  const large = await benchLiveRequests(groups * 5, items * 10);
  const growth = `  growth: ${groups} → ${groups * 5} groups and ${items.toLocaleString('en-US')} → ${(items * 10).toLocaleString('en-US')} items: ${small.steady} → ${large.steady} requests at steady state — with the groups, not the items: a first page per source (2 per group, 20 per request), 50 items by number per request, 7–8 requests for the rest, and further pages (10 per request) only for undecided sources (in the larger data set ${large.tied} of ${groups * 5} repositories have ${FIRST_PAGE} or more items updated at the very instant judged — bots' comments — so their first page cannot decide them)`;
  return [...small.lines, ...large.lines, growth, ...(await benchMemberRequests(groups, items)), ...benchEvaluation(groups, evaluated)];
}

/**
 * Issue 24: per-member participation adds no request per member. The same live run (steady
 * state) with no member lists, with 1 WG Member per working group and with 30: the member lists
 * only make each working group's sources read back to the first day of the month 3 months ago
 * (pages of the same searches); 1 and 30 members cost the same.
 */
export async function benchMemberRequests(groups: number, total: number): Promise<string[]> {
  const steady = async (members: number) => {
    const github = new ActivityGitHub({ governanceRepo: GOVERNANCE });
    const files = liveCharterFiles(groups);
    if (members > 0) {
      for (let g = 0; g < groups; g += 2) {
        const file = `group-${g}.yaml`;
        const listed = Array.from({ length: members }, (_, n) => `  - login: person-${g * 7 + 1 + n}\n    level: member\n`).join('');
        if (files[file] !== undefined) files[file] = `${files[file]}members:\n  - login: facilitator-${g}\n    level: lead\n  - login: co-facilitator-${g}\n    level: lead\n${listed}`;
      }
    }
    github.charters = files;
    seed(github, groups, total);
    github.install();
    try {
      await runOnce(github);
      const second = await runOnce(github);
      const judged = (second.result.participation ?? []).reduce((n, p) => n + p.members.length, 0);
      return { requests: second.requests.length, judged };
    } finally {
      github.uninstall();
    }
  };
  const none = await steady(0);
  const one = await steady(1);
  const many = await steady(30);
  return [
    `  members (issue 24): steady-state requests with no member lists ${none.requests}; with 1 WG Member per working group ${one.requests} (${one.judged} judged); with 30 ${many.requests} (${many.judged} judged) — ${one.requests === many.requests ? 'equal: no request per member' : 'NOT EQUAL: a request per member'}${one.requests > none.requests ? ` (member lists read each working group back to the first day of the month 3 months ago: ${one.requests - none.requests} more ${one.requests - none.requests === 1 ? "request" : "requests"}, further pages of the same searches)` : ''}`,
  ];
}

/** A deterministic pseudo-random sequence (mulberry32), so every run measures the same data. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function charterFiles(groups: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < groups; i += 1) {
    const { file, content } = generatedCharter(i, groups);
    files[file] = content as string;
  }
  return files;
}

/** The charters of the live run: the generated ones, with Discussions categories, meeting notes and an unreadable repository. */
function liveCharterFiles(groups: number): Record<string, string> {
  const files = charterFiles(groups);
  const edit = (g: number, change: (text: string) => string) => {
    const file = `group-${g}.yaml`;
    if (files[file] !== undefined) files[file] = change(files[file]);
  };
  for (const g of DISCUSSING) edit(g, (t) => `${t}discussions:\n  repo: ${COMMUNITY}\n  category: Group ${g}\n`);
  edit(NOTES_GROUP, (t) => `${t}meeting_notes: https://github.com/${COMMUNITY}/discussions/categories/meetings\n`);
  edit(HIDDEN_GROUP, (t) => t.replace(`  - example-org/group-${HIDDEN_GROUP}\n`, `  - example-org/group-${HIDDEN_GROUP}\n  - ${hiddenRepo(HIDDEN_GROUP)}\n`));
  return files;
}

/**
 * The data set: each group owns `example-org/group-<i>`; 90 % of the items are in those
 * repositories, 10 % in `example-org/spec` labelled with a group's label, plus each working group's
 * two deliverables there. Every fifth group has been quiet for 40+ days, group 4 has delivered all
 * it listed; the rest are active.
 */
function seed(github: ActivityGitHub, groups: number, total: number): void {
  const next = random(1302);
  const human = (n: number): FakeActor => ({ login: `person-${n}`, type: 'User' });
  const bot: FakeActor = { login: 'dependabot[bot]', type: 'Bot' };
  const quiet = (g: number) => g % 5 === 0;
  const deliverables = Array.from({ length: groups }, (_, g) => g).filter((g) => g % 2 === 0);
  const labelled = Math.round(total * 0.1);
  const owned = total - labelled - deliverables.length * 2;
  const at = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY).toISOString();
  const item = (repo: string, g: number, labels: string[], number?: number, state: 'open' | 'closed' | 'merged' = 'open') => {
    const age = quiet(g) ? 45 + next() * 40 : 5 + next() * 80;
    const last = quiet(g) ? 40 + next() * (age - 42) : next() * Math.min(age, 25);
    const events: FakeEvent[] = [
      { kind: 'comment', at: at(Math.min(age, last + 2)), actor: human(g * 7 + 1) },
      { kind: 'comment', at: at(last), actor: human(g * 7 + 2) },
      { kind: 'labeled', at: at(Math.max(0, last - 1)), actor: human(g * 7 + 3) },
      { kind: 'comment', at: at(Math.max(0, last - 3)), actor: bot },
    ];
    const type = state === 'merged' || (state === 'open' && next() < 0.4) ? 'pull_request' : 'issue';
    const closedAt = state === 'open' ? null : at(last);
    github.add({ repo, ...(number !== undefined ? { number } : {}), type, state, closedAt, mergedAt: state === 'merged' ? closedAt : null, labels, author: human(g * 7), createdAt: at(age), events });
  };
  for (let n = 0; n < owned; n += 1) item(`example-org/group-${n % groups}`, n % groups, []);
  for (let n = 0; n < labelled; n += 1) {
    const g = n % groups;
    item(SPEC, g, [`${g % 2 === 0 ? 'wg' : 'ig'}:group-${g}`], 10_000 + n);
  }
  // Group 4 has delivered everything it listed.
  for (const g of deliverables) {
    item(SPEC, g, [], 1000 + g, g === 4 ? 'merged' : 'open');
    item(SPEC, g, [], 5000 + g, g === 4 ? 'closed' : 'open');
  }
  // Discussions: 20 threads per category in the window (one page each), 10 older ones.
  github.enableDiscussions(COMMUNITY, [...DISCUSSING.filter((g) => g < groups).map((g) => `Group ${g}`), 'Meetings', 'General']);
  for (const category of [...DISCUSSING.filter((g) => g < groups).map((g) => `Group ${g}`), 'Meetings']) {
    for (let n = 0; n < 30; n += 1) {
      const age = n < 20 ? 1 + next() * 60 : 100 + next() * 100;
      const replies = [{ at: at(Math.max(0, age - 2)), actor: n % 3 === 0 ? bot : human(n) }];
      github.addDiscussion({ repo: COMMUNITY, category, author: human(n), createdAt: at(age), comments: [{ at: at(Math.max(0, age - 1)), actor: human(n + 1), replies }] });
    }
  }
  // The installation cannot read this repository: its work is not seen (the group is unknown, never idle).
  if (HIDDEN_GROUP < groups) {
    github.hidden.add(hiddenRepo(HIDDEN_GROUP));
    github.add({ repo: hiddenRepo(HIDDEN_GROUP), author: human(1), createdAt: at(3) });
  }
}

function octokit(): GitHub {
  return new ProbotOctokit({ auth: { token: 'bench' }, throttle: { enabled: false }, retry: { enabled: false } }) as GitHub;
}

async function runOnce(github: ActivityGitHub): Promise<{ result: ActivityJobResult; requests: ActivityGitHub['requests'] }> {
  forgetRepoConfig();
  forgetGroupRegistry();
  github.now = NOW;
  const from = github.requests.length;
  const result = await runActivityJob({ source: { kind: 'live', gh: octokit(), repo: GOVERNANCE }, now: NOW, clock: () => NOW, dryRun: false });
  return { result, requests: github.requests.slice(from) };
}

function describeRun(name: string, requests: ActivityGitHub['requests'], goal?: number): string {
  const kinds = new Map<string, number>();
  for (const r of requests) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
  const graphql = requests.filter((r) => r.path === '/graphql').length;
  const reads = requests.filter((r) => r.kind === 'graphql GroupStewardActivitySearch' || r.kind === 'graphql GroupStewardDeliverables');
  const searches = reads.reduce((n, r) => n + (r.query?.match(/\bs\d+: search\(/g) ?? []).length, 0);
  const byNumber = reads.reduce((n, r) => n + (r.query?.match(/\bd\d+: repository\(/g) ?? []).length, 0);
  const byKind = [...kinds].map(([k, n]) => `${n}× ${k.replace(/^graphql GroupSteward/, 'graphql ')}`).join(', ');
  const verdict = goal === undefined ? '' : ` (goal: at most ${goal}: ${requests.length <= goal ? 'met' : 'NOT MET'})`;
  return `  ${name}: ${requests.length} requests${verdict}, ${graphql} GraphQL (${reads.length} of them read the groups' work: ${searches} search pages and ${byNumber} items by number) — ${byKind}`;
}

/** Verdicts and last activities that differ between two evaluations of the same groups. */
function differences(a: readonly GroupVerdict[], b: readonly GroupVerdict[]): string[] {
  const other = new Map(b.map((v) => [v.id, v]));
  return a.flatMap((v) => {
    const w = other.get(v.id);
    const same = w && w.verdict === v.verdict && w.lastActivity?.at === v.lastActivity?.at && w.lastActivity?.url === v.lastActivity?.url;
    return same ? [] : [`${v.id}: ${v.verdict} ${v.lastActivity?.at ?? 'none'} vs ${w?.verdict ?? '?'} ${w?.lastActivity?.at ?? 'none'}`];
  });
}

async function benchLiveRequests(groups: number, total: number): Promise<{ lines: string[]; steady: number; exhaustive: number; tied: number }> {
  const github = new ActivityGitHub({ governanceRepo: GOVERNANCE });
  github.charters = liveCharterFiles(groups);
  seed(github, groups, total);
  const atNow = new Map<string, number>();
  for (const i of github.items.values()) if (i.updatedAt === NOW.toISOString()) atNow.set(i.repo, (atNow.get(i.repo) ?? 0) + 1);
  const tied = [...atNow].filter(([repo, n]) => repo !== SPEC && n >= FIRST_PAGE).length;
  github.install();
  try {
    const first = await runOnce(github);
    const second = await runOnce(github);
    const verdicts = new Map<string, number>();
    for (const v of first.result.verdicts) verdicts.set(v.verdict, (verdicts.get(v.verdict) ?? 0) + 1);
    const coverage = (requests: ActivityGitHub['requests']) => requests.filter((r) => r.kind === 'graphql GroupStewardSources' || r.kind === 'graphql GroupStewardDiscussions').length;
    const unread = first.result.notes.filter((n) => n.startsWith('not read completely:'));
    // The same groups read exhaustively, and newest first, by the snapshot builder alone: the verdicts must agree.
    const charters = registryCharters(validateCharters(Object.entries(github.charters).map(([file, content]) => ({ file, content })), { now: NOW })).charters;
    const live = charters.filter((c) => c.status === 'active');
    const since = new Date(NOW.getTime() - 90 * DAY).toISOString().slice(0, 10);
    const read = (exhaustive: boolean) => buildLiveSnapshot(octokit(), { sources: live.flatMap((c) => groupSources(c)), labelScope: ['user:example-org'], since, now: NOW, exhaustive });
    const judge = (snapshot: Snapshot) => evaluateActivity({ charters, snapshot, now: NOW, inactivityDays: 30, appLogin: github.app.login });
    const everything = await read(true);
    const newestFirst = await read(false);
    const differ = differences(judge(newestFirst.snapshot), judge(everything.snapshot));
    const problems = github.problems.length ? [`  PROBLEMS: ${github.problems.join('; ')}`] : [];
    const small = groups === 20 && total === 2000;
    return {
      steady: second.requests.length,
      tied,
      exhaustive: everything.requests,
      lines: [
        `activity job, live: ${groups} groups (${[...verdicts].map(([v, n]) => `${n} ${v}`).join(', ')}), ${total.toLocaleString('en-US')} items, counted against an in-memory GitHub`,
        describeRun('first run (opens the retirement issues and the dashboard)', first.requests),
        describeRun('second run (steady state: nothing to write)', second.requests, small ? GOAL_REQUESTS : undefined),
        `  newest first, the snapshot read ${newestFirst.snapshot.items.length.toLocaleString('en-US')} items in ${newestFirst.requests} GraphQL requests; read whole (every item updated in the period, the same aliased requests, no early stop) ${everything.snapshot.items.length.toLocaleString('en-US')} items in ${everything.requests}; verdicts and last activities ${differ.length === 0 ? 'the same for every group' : `DIFFER: ${differ.join('; ')}`}`,
        `  coverage: the repository check and the reads of ${DISCUSSING.filter((g) => g < groups).length + 1} Discussions categories add ${coverage(first.requests)} requests per run${small ? ' (goal: at most 2)' : ` (the check asks 100 repositories per request: ${groups + 1} here)`}; sources not read completely: ${unread.length}${unread.length ? ` (${unread.map((n) => n.replace(/^not read completely: /, '')).join('; ')})` : ''}`,
        ...problems,
      ],
    };
  } finally {
    github.uninstall();
  }
}

/** A snapshot of `total` items over the groups' repositories and labels, with 4 events each. */
function generatedSnapshot(groups: number, total: number): Snapshot {
  const next = random(2026);
  const items: SnapshotItem[] = [];
  for (let n = 0; n < total; n += 1) {
    const g = n % groups;
    const labelledItem = n % 10 === 0;
    const repo = labelledItem ? SPEC : `example-org/group-${g}`;
    const age = 1 + next() * 120;
    const iso = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY).toISOString();
    items.push({
      repo,
      number: n + 1,
      type: n % 3 === 0 ? 'pull_request' : 'issue',
      title: `Item ${n}`,
      state: next() < 0.7 ? 'open' : 'closed',
      labels: labelledItem ? [`${g % 2 === 0 ? 'wg' : 'ig'}:group-${g}`] : [],
      created_at: iso(age),
      closed_at: null,
      author: `person-${g}`,
      events: [
        { at: iso(age), actor: `person-${g}`, actor_type: 'User', kind: 'opened' },
        { at: iso(age * next()), actor: `person-${n % 97}`, actor_type: 'User', kind: 'comment' },
        { at: iso(age * next()), actor: 'dependabot[bot]', actor_type: 'Bot', kind: 'comment' },
        { at: iso(age * next()), actor: `person-${n % 89}`, actor_type: 'User', kind: 'labeled' },
      ],
    });
  }
  return { generated_at: NOW.toISOString(), items };
}

function benchEvaluation(groups: number, total: number, rounds = 5): string[] {
  const charters: Charter[] = registryCharters(validateCharters(Object.entries(charterFiles(groups)).map(([file, content]) => ({ file, content })), { now: NOW })).charters;
  const snapshot = generatedSnapshot(groups, total);
  const evaluate = () => evaluateActivity({ charters, snapshot, now: NOW, inactivityDays: 30, botLogins: [], appLogin: 'group-steward' });
  evaluate();
  const times: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    const start = process.hrtime.bigint();
    evaluate();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  return [
    `activity evaluation (pure): ${total.toLocaleString('en-US')} items, ${(total * 4).toLocaleString('en-US')} events, ${charters.length} groups, ${rounds} rounds after one warm-up`,
    `  median ${median.toFixed(1)} ms per run → ${Math.round((total / median) * 1000).toLocaleString('en-US')} items/s (best ${times[0]?.toFixed(1)} ms, worst ${times.at(-1)?.toFixed(1)} ms)`,
  ];
}
