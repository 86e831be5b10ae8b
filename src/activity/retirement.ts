/**
 * The retirement planner: from the verdicts and the issues the App already has, the writes that
 * bring GitHub in line — retirement issues opened, updated or closed, and the health dashboard.
 * Pure: plain data and `now` in, a plan out; the executor applies it, a dry run prints it.
 * Source: SEP-1302 § WG Lifecycle; README § The scheduled job: activity and retirement.
 */
import type { Charter } from '../charters/schema.js';
import type { PlanAction } from '../plan/actions.js';
import { dashboardBody, planDashboard, sameText } from './dashboard.js';
import type { DashboardOptions, ExistingDashboard } from './dashboard.js';
import { DAY_MS, toMs, utcDate } from './dates.js';
import type { GroupVerdict } from './evaluate.js';
import { actorJudge } from './human-activity.js';
import { hasLabel, readRetirementMarker, RETIREMENT_LABEL, sameEvidence } from './markers.js';
import { closingComment, hasClosingComment, retirementBody, retirementTitle } from './retirement-issue.js';

/** A retirement issue as the GitHub side fetched it: open or closed, with its label and body. */
export interface ExistingRetirementIssue {
  number: number;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'duplicate' | 'reopened' | null;
  /** ISO 8601; set when closed. */
  closedAt: string | null;
  /** Who closed it, when known; the App's own closings never hold back a new issue. */
  closedBy?: string | null;
  title?: string;
  body: string;
  labels: string[];
  /** The group its hidden marker names; read from `body` with `readRetirementMarker` when absent. */
  group?: string | null;
  /** The bodies of its latest comments (unknown when absent): one with the closing marker means the close was cut after its comment. */
  comments?: readonly string[];
}

export interface ExistingIssues {
  retirement: readonly ExistingRetirementIssue[];
  dashboard: ExistingDashboard | null;
}

export interface RetirementPlanInput {
  verdicts: readonly GroupVerdict[];
  charters: readonly Charter[];
  existing: ExistingIssues;
  /** `owner/name` of the repository that holds the charters and these issues. */
  governanceRepo: string;
  /** A Date or UTC ms. */
  now: Date | number;
  /** The window, in days (config `inactivity_days`). */
  inactivityDays: number;
  /** The App's login (`name` or `name[bot]`), to recognize the issues it closed itself. */
  appLogin?: string;
  /** The policy's "what happens next" sentence of a retirement issue (`Policy.retirementSteps`; default SEP-1302's). */
  retirementSteps?: string;
  /** What the policy adds to the dashboard: who decides a retirement, the groups' duties. */
  dashboard?: DashboardOptions;
}

/**
 * Plans the retirement issues and the dashboard. For each active working group whose verdict is
 * `idle` or `completed`: one open retirement issue (labels `group-retirement` and the group's label,
 * hidden marker `<!-- group-steward:retirement group=<id> -->`), found by marker and label, never by
 * title; created if missing, its body (and title, if it differs) rewritten only when the evidence
 * changed — a title people edited stays until then. Not created while the group's latest
 * retirement issue was closed by people less than `inactivityDays` days before `now` (any reason:
 * not planned, or GitHub's default "completed"; an unknown closer counts as people). Issues the App
 * closed itself (`closedBy` is the App) hold nothing back: it closes only when a group is living
 * again, so by the time that group is idle again a window has passed anyway. Extra open issues of
 * the same group are closed as duplicates (`not_planned`) of the lowest-numbered one.
 *
 * A working group whose verdict is `unknown` (a source of its work was not read) gets no new issue,
 * and its open one is left exactly as it is: no update, no close, until the evidence is complete.
 *
 * When a group no longer meets the rule (active again, in grace, retired, or now an interest group),
 * its open retirement issue gets a comment saying why and is closed (`completed`) — unless people
 * reopened it (`stateReason: reopened`), which the App leaves to them. Interest groups never get one.
 * A comment found already on the issue by its hidden marker (`closingMarker`: a run cut between the
 * comment and the close) is not written again: only the close is planned.
 *
 * Order, most important first (a write cap applies downstream): closing issues of groups that are
 * living again (each comment directly before its close), opening new issues, updating evidence,
 * closing duplicates, the dashboard (created when missing, updated only when its body changed;
 * it links a group's open retirement issue by a label search, so the run that opens the issue
 * already writes the final dashboard).
 *
 * @throws RangeError when `inactivityDays` is not positive
 */
export function planRetirement(input: RetirementPlanInput): PlanAction[] {
  if (!(input.inactivityDays > 0)) throw new RangeError(`inactivityDays must be a positive number of days, not ${input.inactivityDays}`);
  const now = toMs(input.now);
  const repo = input.governanceRepo;
  const judge = actorJudge({ botLogins: [], appLogin: input.appLogin });
  const charters = new Map(input.charters.map((c) => [c.id, c]));
  const issues = issuesByGroup(input.existing.retirement, input.charters);
  const relieve: PlanAction[] = [];
  const open: PlanAction[] = [];
  const update: PlanAction[] = [];
  const tidy: PlanAction[] = [];
  const cells = new Map<string, string>();

  for (const verdict of input.verdicts) {
    const charter = charters.get(verdict.id);
    if (!charter) continue;
    const own = issues.get(charter.id) ?? [];
    const [primary, ...duplicates] = own.filter((i) => i.state === 'open').sort((a, b) => a.number - b.number);
    const meetsRule = verdict.type === 'working' && verdict.status === 'active' && (verdict.verdict === 'idle' || verdict.verdict === 'completed');

    if (verdict.type === 'working' && verdict.verdict === 'unknown') {
      // Not everything was read: neither raise a retirement nor relieve one on partial evidence.
      if (primary) cells.set(charter.id, `${openIssuesLink(repo, verdict.label)} (left as it is while its evidence is incomplete)`);
      continue;
    }

    if (!meetsRule) {
      for (const issue of [primary, ...duplicates]) {
        if (!issue) continue;
        if (issue.stateReason === 'reopened') {
          cells.set(charter.id, openIssuesLink(repo, verdict.label));
          continue;
        }
        // Its comment is there already (a run cut before the close): only the close is left.
        if (!hasClosingComment(issue.comments, charter.id)) {
          relieve.push({ kind: 'create-comment', repo, number: issue.number, body: closingComment(charter, verdict), why: `${verdict.label} no longer meets the retirement rule: ${verdict.reason}` });
        }
        relieve.push({ kind: 'update-issue', repo, number: issue.number, state: 'closed', state_reason: 'completed', why: `${verdict.label} is ${verdict.verdict}` });
      }
      continue;
    }

    const title = retirementTitle(charter, verdict, input.inactivityDays);
    const body = retirementBody(charter, verdict, input.inactivityDays, ...(input.retirementSteps !== undefined ? [input.retirementSteps] : []));
    if (primary) {
      cells.set(charter.id, openIssuesLink(repo, verdict.label));
      // Same fingerprint: the evidence is unchanged, whatever people edited in the text.
      if (!sameEvidence(primary.body, body) && !sameText(primary.body, body)) {
        const retitle = primary.title !== title ? { title } : {};
        update.push({ kind: 'update-issue', repo, number: primary.number, ...retitle, body, why: `the evidence for retiring ${verdict.label} changed` });
      }
      for (const dup of duplicates) {
        tidy.push(
          { kind: 'create-comment', repo, number: dup.number, body: `Duplicate of #${primary.number}: Group Steward keeps one retirement issue per group.`, why: `${verdict.label} has more than one open retirement issue` },
          { kind: 'update-issue', repo, number: dup.number, state: 'closed', state_reason: 'not_planned', why: `duplicate of #${primary.number}` },
        );
      }
      continue;
    }

    const held = latestClosedByPeople(own, judge.isApp);
    const until = held ? Date.parse(held.closedAt as string) + input.inactivityDays * DAY_MS : -Infinity;
    if (held && now < until) {
      cells.set(charter.id, `#${held.number} closed on ${utcDate(Date.parse(held.closedAt as string))}; not raised again before ${utcDate(until)}`);
      continue;
    }
    cells.set(charter.id, openIssuesLink(repo, verdict.label));
    open.push({ kind: 'create-issue', repo, title, body, labels: [RETIREMENT_LABEL, verdict.label], why: `${verdict.label} is ${verdict.verdict}: ${verdict.reason}` });
  }

  const dashboard = planDashboard(input.existing.dashboard, dashboardBody(input.verdicts, input.charters, cells, input.inactivityDays, input.dashboard ?? {}), repo);
  return [...relieve, ...open, ...update, ...tidy, ...dashboard];
}

/**
 * The dashboard's link to a group's open retirement issue: a label search, not `#number`, so the
 * dashboard written in the run that opens the issue is already final (no second write).
 */
function openIssuesLink(repo: string, label: string): string {
  const query = encodeURIComponent(`is:issue is:open label:${RETIREMENT_LABEL} label:"${label}"`);
  return `[open](https://github.com/${repo}/issues?q=${query})`;
}

/**
 * The retirement issues of each group, by current id: labelled `group-retirement` and carrying a
 * marker that names the group or one of its previous ids. Anything else is not the App's.
 */
function issuesByGroup(existing: readonly ExistingRetirementIssue[], charters: readonly Charter[]): Map<string, ExistingRetirementIssue[]> {
  const current = new Map<string, string>();
  for (const c of charters) for (const id of [...(c.previous_ids ?? []), c.id]) current.set(id, c.id);
  const out = new Map<string, ExistingRetirementIssue[]>();
  for (const issue of existing) {
    const named = issue.group ?? readRetirementMarker(issue.body);
    const id = named === null ? undefined : current.get(named);
    if (id === undefined || !hasLabel(issue.labels, RETIREMENT_LABEL)) continue;
    out.set(id, [...(out.get(id) ?? []), issue]);
  }
  return out;
}

/** The most recently closed issue, when people (not the App; an unknown closer counts as people) closed it. */
function latestClosedByPeople(issues: readonly ExistingRetirementIssue[], isApp: (login: string | null | undefined) => boolean): ExistingRetirementIssue | null {
  let latest: ExistingRetirementIssue | null = null;
  for (const issue of issues) {
    if (issue.state !== 'closed' || issue.closedAt === null || Number.isNaN(Date.parse(issue.closedAt))) continue;
    if (latest === null || Date.parse(issue.closedAt) > Date.parse(latest.closedAt as string)) latest = issue;
  }
  return latest && !isApp(latest.closedBy) ? latest : null;
}
