/**
 * SEP-2149 ("MCP Group Governance and Charter Template", Final 2026-03-23), MCP's rules today, as
 * data plus pure rules. Sections are Part 1's ("Group Governance"):
 * - § 1.1, § 1.9: a new group is created by sponsorship — two core maintainers or one lead maintainer.
 * - § 1.10: a charter amendment needs a core maintainer's approval.
 * - § 1.9: a WG lead or a core maintainer proposes a retirement; a core or lead maintainer approves it.
 * - § 1.9: "no active work for a sustained period" — 90 days by default, one reporting quarter (§ 1.8).
 * - § 1.8: working groups post quarterly updates (`quarterly-updates.ts`); interest groups owe none.
 * - § 1.2, § 1.6: meeting notes within 48 hours (`meeting-notes.ts`).
 * - § 1.7: channels `#{name}-wg` / `#{name}-ig` — the charter rule `discord-suffix` warns, as under
 *   SEP-1302; nothing here.
 * Lead maintainers count wherever core maintainers do: SEP-2148 § Lead Maintainer gives them "All
 * Core Maintainer responsibilities" and lets them "act alone where Core Maintainers require multiple
 * approvals". Logins compare ignoring case; the proposer's own review never counts.
 */
import { quietMention } from '../markdown/escape.js';
import type { ApprovalInput, People, Policy, RetirementProposalInput, RetirementProposalVerdict, RuleVerdict } from './policy.js';
import { includesLogin, loginKey, mentionList, quietList, standingOpinions, uniqueLogins } from './reviews.js';

export { quarterOf, quarterlyUpdateStatus, QUARTER_END_MONTHS, UPDATE_WINDOW_DAYS, REMINDER_DELAY_DAYS } from './quarterly-updates.js';
export type { ReportingQuarter, QuarterlyUpdate, QuarterlyUpdateStatus, QuarterlyUpdateInput } from './quarterly-updates.js';
export { meetingNotesStatus, meetingDateOf, NOTES_WINDOW_HOURS } from './meeting-notes.js';
export type { MeetingDiscussion, MeetingNotes, MeetingNotesInput, MeetingNotesState } from './meeting-notes.js';

/** The check-run names under SEP-2149. */
export const SPONSORSHIP_CHECK_NAME = 'Group sponsorship';
export const AMENDMENT_CHECK_NAME = 'Charter amendment';
export const RETIREMENT_CHECK_NAME = 'Retirement approval';

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five'];
const CONFIG_KEYS = '`vote.core_maintainers`, `vote.lead_maintainers` in `.github/group-steward.yml`';

/** An approval rule: approved by `coreNeeded` core maintainers or one lead maintainer, blocked by a standing changes request. */
interface ApprovalRule {
  source: string;
  /** What is approved, for sentences: "Sponsorship", "The charter amendment". */
  subject: string;
  /** Core maintainers' approvals needed when no lead maintainer approves. */
  coreNeeded: number;
  /** The sentence for `passed`, given the approvers (leads first, then core maintainers). */
  passed: (leads: readonly string[], core: readonly string[]) => string;
}

/**
 * The core maintainers (not counting anyone who is also a lead maintainer) and the lead
 * maintainers, without repeats, ignoring case.
 */
function roles(people: People): { core: string[]; leads: string[] } {
  const leads = uniqueLogins(people.leads);
  return { leads, core: uniqueLogins(people.core).filter((c) => !includesLogin(leads, c)) };
}

/** "@a (lead maintainer) and @b, @c (core maintainers)". */
function nameApprovers(leads: readonly string[], core: readonly string[]): string {
  const part = (logins: readonly string[], role: string) => (logins.length ? `${mentionList(logins)} (${role}${logins.length > 1 ? 's' : ''})` : '');
  return [part(leads, 'lead maintainer'), part(core, 'core maintainer')].filter(Boolean).join(' and ');
}

/** What is still missing: `coreNeeded - core` core approvals, or one lead maintainer's. */
function missingApprovals(rule: ApprovalRule, approvedCore: number, configured: { core: number; leads: number }): string {
  const remaining = rule.coreNeeded - approvedCore;
  const core =
    remaining === 1
      ? `${approvedCore > 0 ? 'one more' : 'a'} core maintainer's approval`
      : `${NUMBER_WORDS[remaining] ?? String(remaining)} core maintainers' approvals`;
  if (configured.leads === 0) return core;
  if (configured.core === 0) return "a lead maintainer's approval";
  return `${core}, or a lead maintainer's`;
}

/**
 * Evaluates an approval rule on the standing reviews (the proposer's and the change's other
 * authors' left out). An approval of an earlier version of the charters (`current: false`) is
 * listed in `stale` and counts for nothing; a changes request stands whatever version it was
 * given on. Pure.
 */
function evaluateApproval(rule: ApprovalRule, input: ApprovalInput): RuleVerdict {
  const { core, leads } = roles(input.people);
  const excluded = [...(input.proposer ? [input.proposer] : []), ...(input.excluded ?? [])];
  const current = input.reviews.filter((r) => r.current !== false || r.state.toUpperCase() !== 'APPROVED');
  const opinions = standingOpinions(current, excluded);
  const all = standingOpinions(input.reviews, excluded);
  const having = (logins: readonly string[], opinion: string) => logins.filter((l) => opinions.get(loginKey(l)) === opinion);
  const leadsApproved = having(leads, 'APPROVED');
  const coreApproved = having(core, 'APPROVED');
  const leadsBlocking = having(leads, 'CHANGES_REQUESTED');
  const coreBlocking = having(core, 'CHANGES_REQUESTED');
  const approvedBy = [...leadsApproved, ...coreApproved];
  const blockedBy = [...leadsBlocking, ...coreBlocking];
  // An earlier approval whose standing opinion is still that approval, but given on an older version.
  const stale = [...leads, ...core].filter((l) => all.get(loginKey(l)) === 'APPROVED' && opinions.get(loginKey(l)) !== 'APPROVED');
  const eligibleLeads = leads.filter((l) => !includesLogin(excluded, l));
  const eligibleCore = core.filter((c) => !includesLogin(excluded, c));
  const approvable = eligibleLeads.length > 0 || eligibleCore.length >= rule.coreNeeded;
  const base = { approvedBy, blockedBy, stale, approvable, source: rule.source };
  const cite = ` (${rule.source})`;

  if (blockedBy.length > 0) {
    return { ...base, state: 'blocked', missing: null, reason: `${rule.subject} is blocked: ${nameApprovers(leadsBlocking, coreBlocking)} requested changes, and it stays blocked while ${blockedBy.length > 1 ? 'those reviews stand' : 'that review stands'}${cite}` };
  }
  if (core.length === 0 && leads.length === 0) {
    return {
      ...base,
      state: 'pending',
      missing: 'a core or lead maintainer to approve (none is configured)',
      reason: `${rule.subject} cannot be approved: no core or lead maintainers are configured (${CONFIG_KEYS})${cite}`,
    };
  }
  if (leadsApproved.length > 0 || coreApproved.length >= rule.coreNeeded) {
    return { ...base, state: 'passed', missing: null, reason: `${rule.passed(leadsApproved, coreApproved)}${cite}` };
  }
  const missing = missingApprovals(rule, coreApproved.length, { core: core.length, leads: leads.length });
  const sofar = coreApproved.length > 0 ? `approved so far by ${nameApprovers([], coreApproved)}` : 'no core or lead maintainer has approved yet';
  const short = leads.length === 0 && core.length < rule.coreNeeded ? `; only ${core.length} core maintainer${core.length === 1 ? ' is' : 's are'} configured (${CONFIG_KEYS})` : '';
  const earlier = stale.length > 0 ? `; ${mentionList(stale)} approved an earlier version of the charters only, which counts for nothing now` : '';
  const nobodyLeft = approvable ? '' : `; no one configured but the change's own authors (${mentionList(excluded)}) could give it, and their own reviews do not count`;
  return { ...base, state: 'pending', missing, reason: `${rule.subject} needs ${missing}: ${sofar}${earlier}${short}${nobodyLeft}${cite}` };
}

const SPONSORSHIP: ApprovalRule = {
  source: 'SEP-2149 § 1.1, § 1.9',
  subject: 'Sponsorship',
  coreNeeded: 2,
  passed: (leads, core) => `Sponsored by ${nameApprovers(leads, core)}`,
};

/**
 * Whether a new group's pull request is sponsored (check "Group sponsorship").
 *
 * SEP-2149 § 1.1: "Group and its leadership sponsored by at least two Core Maintainers or one Lead
 * Maintainer"; § 1.9, Interest Group Formation: "the IG and its Facilitator(s) must be sponsored by
 * at least two Core Maintainers or one Lead Maintainer".
 * - passed: at least two core maintainers or one lead maintainer approved (their standing review —
 *   the latest that is not a comment); no time window. `approvedBy` names the sponsors.
 * - blocked: a core or lead maintainer's latest review requests changes, while it stands (a later
 *   approval or a dismissal lifts it). A lead maintainer blocks too: SEP-2148 gives lead maintainers
 *   "Veto authority over any decision".
 * - pending: otherwise; `missing` says what is still needed, e.g. "one more core maintainer's
 *   approval, or a lead maintainer's".
 * The proposer's own review does not count. Someone listed both as core and lead maintainer counts
 * as a lead maintainer. Pure.
 */
export function sep2149Sponsorship(input: ApprovalInput): RuleVerdict {
  return evaluateApproval(SPONSORSHIP, input);
}

const AMENDMENT: ApprovalRule = {
  source: 'SEP-2149 § 1.10',
  subject: 'The charter amendment',
  coreNeeded: 1,
  passed: (leads, core) => `Amendment approved by ${nameApprovers(leads, core)}`,
};

/**
 * Whether a pull request changing an existing group's charter is approved (check "Charter
 * amendment"). SEP-2149 § 1.10: "Changes to a group's charter (WG or IG) require: Proposal by
 * Lead/Facilitator or Core Maintainer; Approval by Core Maintainers."
 * - passed: one core maintainer approved — "Approval by Core Maintainers" read as the approval of a
 *   core maintainer (the reading this project chose; a stricter reading would need every core
 *   maintainer) — or one lead maintainer (SEP-2148: "All Core Maintainer responsibilities").
 * - blocked: a core or lead maintainer's standing review requests changes.
 * - pending: no such approval yet.
 * Who proposed is not checked: the approving core maintainer endorses the proposal. The proposer's
 * own review does not count. Retirement pull requests follow `sep2149RetirementApproval` instead.
 * Pure.
 */
export function sep2149Amendment(input: ApprovalInput): RuleVerdict {
  return evaluateApproval(AMENDMENT, input);
}

const RETIREMENT: ApprovalRule = {
  source: 'SEP-2149 § 1.9',
  subject: 'The retirement',
  coreNeeded: 1,
  passed: (leads, core) => `Retirement approved by ${nameApprovers(leads, core)}`,
};

/**
 * Whether a retirement pull request is approved (check "Retirement approval"). SEP-2149 § 1.9,
 * Retirement: "WGs: WG Lead or Core Maintainer proposes retirement with rationale; Core Maintainer
 * or Lead Maintainer approval required"; "IGs: Core Maintainers or Lead Maintainers may retire an IG".
 * - passed: one core or lead maintainer approved.
 * - blocked: a core or lead maintainer's standing review requests changes.
 * - pending: no such approval yet.
 * The proposer's own review does not count — also when the proposer is a core maintainer (whose
 * `/retire` the App turned into the pull request): approving stays a second person's step. Pure.
 */
export function sep2149RetirementApproval(input: ApprovalInput): RuleVerdict {
  return evaluateApproval(RETIREMENT, input);
}

/**
 * Who may propose a group's retirement by command. SEP-2149 § 1.9, Retirement:
 * - a working group: "WG Lead or Core Maintainer proposes retirement with rationale" — the group's
 *   own leads (its charter's `facilitators`), the core maintainers, and the lead maintainers
 *   (SEP-2148: "All Core Maintainer responsibilities");
 * - an interest group: "Core Maintainers or Lead Maintainers may retire an IG" — its facilitators
 *   may not.
 * Moderators have no part in SEP-2149. Logins compare ignoring case. Pure.
 */
export function sep2149MayProposeRetirement(input: RetirementProposalInput): RetirementProposalVerdict {
  const { people, group } = input;
  const maintainers = [...people.core, ...people.leads];
  const refused = (who: string) => `${maintainers.length === 0 ? 'No core or lead maintainers are configured in `.github/group-steward.yml`. ' : ''}${who} So nothing was proposed for ${quietMention(input.sender)}'s command.`;
  if (group.type === 'working') {
    const leads = uniqueLogins(group.leads);
    const who = `Under SEP-2149 (§ 1.9) a working group's retirement is proposed by one of its leads${leads.length ? ` (${quietList(leads)})` : ''} or by a core or lead maintainer (${CONFIG_KEYS}).`;
    return { allowed: includesLogin([...leads, ...maintainers], input.sender), who, refusal: refused(who) };
  }
  const who = `Under SEP-2149 (§ 1.9) only the core and lead maintainers retire an interest group (${CONFIG_KEYS}); its facilitators may not.`;
  return { allowed: includesLogin(maintainers, input.sender), who, refusal: refused(who) };
}

/** The SEP-2149 profile. */
export const SEP_2149: Policy = {
  name: 'sep-2149',
  sep: 'SEP-2149',
  /** § 1.9: "no active work for a sustained period" — one quarter, the period of the § 1.8 reports. */
  inactivityDays: 90,
  creation: 'sponsorship',
  checks: { creation: SPONSORSHIP_CHECK_NAME, amendment: AMENDMENT_CHECK_NAME, retirement: RETIREMENT_CHECK_NAME },
  ruleText: {
    creation: 'A new group and its leadership need the sponsorship of at least two core maintainers or one lead maintainer: their approving review of this pull request, with no time window. A core or lead maintainer requesting changes blocks it while that review stands (SEP-2149 § 1.1, § 1.9).',
    amendment: "A change to an existing group's charter needs a core maintainer's approval, or a lead maintainer's (SEP-2149 § 1.10).",
    retirement: "A group's retirement needs a core or lead maintainer's approval (SEP-2149 § 1.9).",
  },
  sponsorship: sep2149Sponsorship,
  amendment: sep2149Amendment,
  retirementApproval: sep2149RetirementApproval,
  mayProposeRetirement: sep2149MayProposeRetirement,
  /** § 1.8: "Working Groups provide quarterly updates"; "Interest Groups do not have formal reporting requirements". */
  quarterlyUpdates: true,
  duties: { meetingNotes: true, leadTerms: true },
  retirementDecision: "one of the group's leads or a core maintainer proposes it and a core or lead maintainer approves (SEP-2149 § 1.9)",
  retirementSteps:
    'Under SEP-2149 (§ 1.9) one of the group\'s leads or a core or lead maintainer proposes the retirement, with its rationale, and a core or lead maintainer approves it; Group Steward retires nothing by itself. To propose it, comment `/retire <reason>` here: Group Steward opens the pull request that sets `status: retired` in its charter, with a `retired:` block that links this issue; its "Retirement approval" check passes once a core or lead maintainer other than the proposer approves, and this issue closes when it merges.',
};
