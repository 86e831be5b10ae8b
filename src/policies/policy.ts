/**
 * A governance policy: the rules one SEP sets for creating, amending and retiring groups, as data
 * plus pure rule functions. One module per policy —
 * `sep-1302.ts` (the default, today's behaviour) and `sep-2149.ts` (MCP's rules since SEP-2149 became
 * Final on 2026-03-23) — each rule citing its section; handlers and the job ask the policy instead
 * of testing its name. Nothing here reads GitHub or the clock: reviews, people and `now` come in.
 */
import type { Policy as ConfiguredPolicy } from '../config/schema.js';
import type { VoteInput, VoteVerdict } from '../vote/creation-vote.js';

/** A policy's name, as `policy:` in `.github/group-steward.yml` spells it (the config's `POLICIES`). */
export type PolicyName = ConfiguredPolicy;

/** One pull request review, as GitHub reports it. */
export interface Review {
  /** The reviewer's GitHub login (compared ignoring case). */
  login: string;
  /**
   * The review's state: `APPROVED`, `CHANGES_REQUESTED`, `COMMENTED` or `DISMISSED` (other values,
   * e.g. `PENDING`, are ignored). A reviewer's standing opinion is their latest review that is not
   * `COMMENTED`, as on GitHub; `DISMISSED` withdraws it.
   */
  state: string;
  /** When it was submitted, ISO 8601 (null: unknown — ordered by its place in the list). */
  submittedAt: string | null;
  /**
   * Whether it was given on the charters the pull request proposes now (the charters folder of the
   * commit reviewed is the head's). `false`: on an earlier version — an approval then sponsors or
   * approves nothing (SEP-2149 § 1.1: the group *and its leadership* are sponsored), though a
   * changes request still stands until withdrawn. Absent: not known (counted as current).
   */
  current?: boolean;
}

/** The people a policy's rules name, as GitHub logins (resolved from teams by the caller). */
export interface People {
  /** Community moderators (`vote.moderators`): SEP-1302's voters. */
  moderators: readonly string[];
  /** Core maintainers (`vote.core_maintainers`). */
  core: readonly string[];
  /**
   * Lead maintainers (`vote.lead_maintainers`; MCP's: dsp-ant, localden). SEP-2148 § Lead
   * Maintainer: they hold "All Core Maintainer responsibilities" and "Can act alone where Core
   * Maintainers require multiple approvals".
   */
  leads: readonly string[];
}

/** A pull request rule's verdict: passed, pending (what is missing), blocked (by whom). */
export interface RuleVerdict {
  /** `passed`: the rule is met; `pending`: approvals are missing; `blocked`: someone's changes request stands. */
  state: 'passed' | 'pending' | 'blocked';
  /** Who approved and counts for the rule (their latest review), as configured; for sponsorship, the sponsors. */
  approvedBy: string[];
  /** Whose latest review requests changes and blocks the rule, as configured. */
  blockedBy: string[];
  /** While pending: what is still needed, a phrase ("one more core maintainer's approval, or a lead maintainer's"); otherwise null. */
  missing: string | null;
  /**
   * Whether the configured people, less the proposer and the change's other authors, could still
   * approve it. False: no one left can (e.g. the one lead maintainer proposed it) — a check then
   * fails rather than wait for nobody.
   */
  approvable: boolean;
  /** Who approved an earlier version of the charters only (`Review.current === false`): not counted. */
  stale: string[];
  /**
   * One sentence saying where the rule stands, for a check run's summary: Markdown, its logins
   * written by `src/markdown/escape.ts` (`mention`), so it is used as is, never escaped again.
   */
  reason: string;
  /** The rule's source, e.g. `SEP-2149 § 1.9`. */
  source: string;
}

/** What an approval rule reads: the pull request's reviews, the people, and who proposed it. */
export interface ApprovalInput {
  /** The pull request's reviews (all of them, or each reviewer's latest: the rule keeps the latest per login). */
  reviews: readonly Review[];
  people: People;
  /**
   * Who proposes: the pull request's author, or — for a pull request the App opened from a request
   * or a command — that person. Their own review never counts, as GitHub never counts an author's.
   */
  proposer?: string | null;
  /**
   * Everyone else whose review does not count because they wrote the change: the authors of the
   * pull request's commits (for the App's retirement branch, each `/retire` sender it committed for).
   */
  excluded?: readonly string[];
}

/** What `Policy.creationVote` reads: a creation vote's input, with the people in place of the voter lists. */
export type CreationVoteInput = Omit<VoteInput, 'moderators' | 'coreMaintainers' | 'proposer'> & { people: People; proposer?: string | null };

/** Who may propose a group's retirement by command (`/retire`, `/retire-wg`, `/retire-ig`). */
export interface RetirementProposalInput {
  /** The command's author (compared ignoring case). */
  sender: string;
  /** The group: its type, and its own leads (WG) or facilitators (IG) — the charter's `facilitators`. */
  group: { type: 'working' | 'interest'; leads: readonly string[] };
  people: People;
}

/** Whether the sender may propose, and who may: a sentence for the App's reply. */
export interface RetirementProposalVerdict {
  allowed: boolean;
  /** A sentence naming who may propose this group's retirement, with its source: Markdown, logins named with `quietMention`. */
  who: string;
  /**
   * The App's reply when not allowed: who may, and that nothing was proposed — Markdown, used as
   * is; the sender's login is quoted without notifying (`quietMention`).
   */
  refusal: string;
}

/** A governance policy: its data and its pure rules. */
export interface Policy {
  name: PolicyName;
  /** The SEP, as cited in messages: `SEP-1302`, `SEP-2149`. */
  sep: string;
  /** Default inactivity window in days when the configuration names none (`inactivity_days`). */
  inactivityDays: number;
  /**
   * How a new group is approved: `vote` (SEP-1302: the moderators' majority over the period, core
   * and lead maintainers' veto — `creationVote`) or `sponsorship` (SEP-2149: `sponsorship`).
   */
  creation: 'vote' | 'sponsorship';
  /**
   * The check-run names the policy posts on a pull request: `creation` ("Group creation vote" or
   * "Group sponsorship"), `amendment` ("Charter amendment", null: no such check), `retirement`
   * ("Retirement approval", null: no such check).
   */
  checks: { creation: string; amendment: string | null; retirement: string | null };
  /**
   * Each approval rule as one sentence for its check run's summary, with its source — e.g. "A new
   * group needs the sponsorship of two core maintainers or one lead maintainer (SEP-2149 § 1.1,
   * § 1.9)." Null where the policy has no such rule.
   */
  ruleText: { creation: string; amendment: string | null; retirement: string | null };
  /** With `creation: 'vote'`: the creation vote (the existing `evaluateCreationVote`, with the policy's voters and vetoers). */
  creationVote?: (input: CreationVoteInput) => VoteVerdict;
  /** With `creation: 'sponsorship'`: whether a new group's pull request is sponsored. */
  sponsorship?: (input: ApprovalInput) => RuleVerdict;
  /** Whether a pull request changing an existing group's charter is approved (null check: no rule). */
  amendment?: (input: ApprovalInput) => RuleVerdict;
  /** Whether a retirement pull request is approved (null check: merging is the decision). */
  retirementApproval?: (input: ApprovalInput) => RuleVerdict;
  /** Who may propose a retirement by command (`/retire`). */
  mayProposeRetirement: (input: RetirementProposalInput) => RetirementProposalVerdict;
  /** Working groups owe quarterly updates (SEP-2149 § 1.8: working groups only; interest groups never). */
  quarterlyUpdates: boolean;
  /**
   * The other duties the dashboard shows: `meetingNotes` — notes within 48 hours of a meeting
   * whose agenda is a discussion (SEP-2149 § 1.2, § 1.6); `leadTerms` — each working group lead's
   * term and whether it ended (SEP-2149 Part 2 § 4).
   */
  duties: { meetingNotes: boolean; leadTerms: boolean };
  /** Who decides a retirement, one phrase with its source, for the dashboard. */
  retirementDecision: string;
  /** A retirement issue's "what happens next": who decides, and how they retire the group by command. */
  retirementSteps: string;
}
