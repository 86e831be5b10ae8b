/**
 * A retirement decided → the charter pull request. Who may decide is the policy's rule
 * (`Policy.mayProposeRetirement`): SEP-1302 § Lifecycle, the moderators or core/lead maintainers;
 * SEP-2149 § 1.9, a working group's leads or a core or lead maintainer (an interest group: the
 * maintainers only). Pure: the command, who gave it, the charters and the branch as read in;
 * the writes and the reply out.
 */
import { readRetirementMarker } from '../activity/markers.js';
import type { CharterSource } from '../charters/parse.js';
import { retireCharterText } from '../charters/retire-edit.js';
import type { Charter } from '../charters/schema.js';
import { groupLabel, groupLeaders, RETIRED_ON_UNKNOWN } from '../charters/schema.js';
import { describeLayout, validateCharterFiles } from '../charters/layout.js';
import type { CharterLayout } from '../charters/layout.js';
import { retirePageText } from '../charters/pages/retire-page.js';
import { echoTyped, inlineCode, inlineText, mention, quietMention } from '../markdown/escape.js';
import { isAppLogin } from '../names.js';
import type { ReadIssue } from './read-issue.js';
import type { ExistingComment } from '../linking/markers.js';
import type { Plan } from '../plan/actions.js';
import type { People, Policy } from '../policies/index.js';
import { planCharterPull } from './charter-pull.js';
import { directoryFileAfter } from './directory-file.js';
import type { FolderFile } from './directory-file.js';
import type { ExistingPull } from './charter-pull.js';
import { readRetirePullMarker, retireBranch, retirePullMarker, retireReplyMarker, upsertComment } from './markers.js';
import type { RetireCommand } from './retire-command.js';

/** Who may retire a group: the policy's rule and the people it names, as configured and read. */
export interface Retirers {
  /** The repository's policy: it says who may propose a retirement (`mayProposeRetirement`). */
  policy: Policy;
  /** The moderators, core and lead maintainers, as logins (teams resolved). */
  people: People;
  /** Why a configured team could not be read: the sender's standing is unknown, so nothing is proposed. */
  error?: string;
}

/** Where the command was given. */
export interface CommandThread {
  /** The issue or pull request number, and whether it is a pull request. */
  number: number;
  isPull: boolean;
  /** The group whose open retirement issue this is (the App's marker, in an issue the App opened), or null. */
  retirementGroup: string | null;
  /** The thread's URL. */
  url: string;
}

export interface RetirePlanInput {
  repo: string;
  /** The charter source: the YAML charter, or the charter page, is edited. */
  layout: CharterLayout;
  command: RetireCommand;
  /**
   * The comment holding the command: its id (for the reply's marker), URL, author and the author's
   * account id (for the commit's noreply address: the proposer is the commit's author).
   */
  comment: { id: number; url: string; author: string; authorId?: number };
  thread: CommandThread;
  retirers: Retirers;
  /**
   * The default branch: its name, commit, and its charters (`charters`: validator sources named by
   * their paths; `nav`: the pages' navigation file), blob ids and files with their text, by the
   * names `charterSourceTree` gives them.
   */
  base: { branch: string; sha: string; charters: readonly CharterSource[]; nav: CharterSource | null; oids: ReadonlyMap<string, string>; folder: readonly FolderFile[] };
  branchFiles: ReadonlyMap<string, string> | null;
  pulls: readonly ExistingPull[];
  comments: readonly ExistingComment[];
  /** The instant of the decision (the command comment's creation, so a redelivery on a later day decides the same): `retired.on` is its UTC day. */
  now: Date;
}

export type RetireOutcome = 'proposed' | 'updated' | 'unchanged' | 'refused' | 'problem' | 'closed' | 'merged';

export interface RetirePlan {
  outcome: RetireOutcome;
  plan: Plan;
  /** The group, when the command named one that exists. */
  group?: Pick<Charter, 'id' | 'name' | 'type'>;
  /** The open pull request before the plan is applied (null: the plan opens one). */
  pull: number | null;
  /** For `refused` and `problem`: the reply's text (without marker). */
  message?: string;
}

/** Longest reason written into a charter, in characters (the charter schema's text limit). */
export const MAX_REASON_LENGTH = 5000;

/**
 * Plans what a retirement command calls for.
 * - Refused — one reply, no pull request — unless the policy lets the sender propose this group's
 *   retirement (`mayProposeRetirement`, logins ignoring case), or when a configured team could not
 *   be read and the sender is not allowed without it.
 * - Problems — one reply — for a `/retire` outside a retirement issue, an id with no charter, a
 *   `/retire-wg` naming an interest group (or the reverse), a group already retired, a missing or
 *   over-long reason, or a charter the edit cannot make valid.
 * - Otherwise the charter with `status: retired` and `retired: { on, reason, issue }` (the
 *   retirement issue, or the comment when there is none) on `group-steward/retire-<id>`, and one
 *   pull request from it; a repeated command updates that same pull request.
 * The reply itself is planned by `retireReply` once the pull request exists. Pure; never throws.
 */
export function planRetirement(input: RetirePlanInput): RetirePlan {
  const { command, retirers } = input;
  const problem = (message: string, group?: RetirePlan['group']): RetirePlan => ({ outcome: 'problem', plan: [], pull: null, message, ...(group ? { group } : {}) });
  const sender = input.comment.author;
  const id = command.id ?? input.thread.retirementGroup;
  const { layout } = input;
  const validate = (charters: readonly CharterSource[]) => validateCharterFiles(layout, { charters, nav: input.base.nav }, { now: input.now, policy: retirers.policy.name });
  const validation = validate(input.base.charters);
  const loaded = id === null ? undefined : validation.charters.find((c) => c.charter.id.toLowerCase() === id.toLowerCase() || (c.charter.previous_ids ?? []).some((p) => p.toLowerCase() === id.toLowerCase()));
  // Who may propose depends on the group under SEP-2149 (a working group's own leads may): ask the
  // policy about the group named, or — for an unknown group — about one with no leads.
  const typed = command.command === 'retire-ig' ? 'interest' : 'working';
  const asked = loaded ? { type: loaded.charter.type, leads: groupLeaders(loaded.charter) } : { type: typed as 'working' | 'interest', leads: [] };
  const standing = retirers.policy.mayProposeRetirement({ sender, group: asked, people: retirers.people });
  if (!standing.allowed && retirers.error !== undefined) {
    return { outcome: 'refused', plan: [], pull: null, message: `Group Steward could not check whether ${quietMention(sender)} may retire a group, so it proposes nothing: ${inlineText(retirers.error)}.` };
  }
  if (!standing.allowed) return { outcome: 'refused', plan: [], pull: null, message: standing.refusal };
  if (id === null) {
    return problem(command.command === 'retire'
      ? '`/retire <reason>` works in a retirement issue. Elsewhere, name the group: `/retire-wg <id> <reason>` or `/retire-ig <id> <reason>`.'
      : `\`/${command.command}\` needs a group id and a reason: \`/${command.command} <id> <reason>\`.`);
  }
  if (!loaded) return problem(`No charter in ${inlineCode(layout.kind === 'yaml' ? `${layout.dir}/` : describeLayout(layout))} has the id ${echoTyped(id)} (or its file is not a valid charter: ${inlineCode(layout.kind === 'yaml' ? `group-steward validate ${layout.dir}` : 'group-steward validate --pages .')} shows why).`);
  const charter = loaded.charter;
  const group = { id: charter.id, name: charter.name, type: charter.type };
  const wanted = command.command === 'retire-wg' ? 'working' : command.command === 'retire-ig' ? 'interest' : charter.type;
  if (wanted !== charter.type) {
    return problem(`${inlineCode(charter.id)} is ${charter.type === 'working' ? 'a working group: use `/retire-wg`' : 'an interest group: use `/retire-ig`'}.`, group);
  }
  if (charter.status === 'retired') return problem(`**${inlineText(charter.name)}** is retired already${charter.retired?.on && charter.retired.on !== RETIRED_ON_UNKNOWN ? ` (${inlineText(charter.retired.on)})` : ''}.`, group);
  if (command.reason === '') return problem(`Give the reason on the command's line, e.g. \`/${command.command}${command.id ? ` ${charter.id}` : ''} its work moved to …\`: it is recorded in the charter.`, group);
  if (command.reason.length > MAX_REASON_LENGTH) return problem(`The reason is ${command.reason.length.toLocaleString('en-US')} characters long; a charter holds at most ${MAX_REASON_LENGTH.toLocaleString('en-US')}.`, group);

  const source = input.base.charters.find((f) => f.file === loaded.file);
  const text = source && typeof source.content === 'string' ? source.content : null;
  const issueNumber = input.thread.retirementGroup === charter.id && !input.thread.isPull ? input.thread.number : null;
  const on = input.now.toISOString().slice(0, 10);
  const edited = text === null ? { ok: false as const, error: 'its file cannot be read as text' } : retireText(layout, text, { on, reason: command.reason, issue: issueNumber !== null ? input.thread.url : input.comment.url });
  if (!edited.ok) return problem(`The charter ${inlineCode(loaded.file)} could not be edited: ${inlineText(edited.error)}.`, group);
  const after = validate(input.base.charters.map((f) => (f.file === loaded.file ? { ...f, content: edited.text, byteLength: Buffer.byteLength(edited.text) } : f)));
  const errors = after.diagnostics.filter((d) => d.file === loaded.file && d.severity === 'error');
  if (errors.length > 0) return problem(`The retired charter would not be valid: ${errors.map((d) => `line ${d.line}: ${inlineText(d.message)}`).join('; ')}. Fix the charter first.`, group);

  const label = groupLabel(charter.type, charter.id);
  // YAML: the file's name in its folder; a page: its path, as the branch's files are named.
  const name = layout.kind === 'yaml' ? loaded.file.slice(loaded.file.lastIndexOf('/') + 1) : loaded.file;
  const existing = input.pulls.find((p) => readRetirePullMarker(p.body)?.id === charter.id) ?? null;
  const charterFile = { name, text: edited.text };
  const directory = layout.kind === 'yaml' ? directoryFileAfter(input.base.folder, charterFile, input.now) : null;
  const planned = planCharterPull({
    repo: input.repo,
    base: { branch: input.base.branch, sha: input.base.sha, files: input.base.oids },
    branch: { name: retireBranch(charter.id), files: input.branchFiles },
    groupsDir: layout.kind === 'yaml' ? layout.dir : '',
    files: [charterFile, ...(directory ? [directory] : [])],
    // No free text in a commit message or title (a squash merge's subject): only the label and the decision's URL.
    // The sender is the commit's author: the retirement check reads the proposer from it, never from the body.
    commit: {
      message: `Retire ${label}\n\nDecided by @${sender}: ${input.comment.url}`,
      ...(input.comment.authorId !== undefined ? { author: { name: sender, email: `${input.comment.authorId}+${sender}@users.noreply.github.com` } } : {}),
    },
    pull: {
      title: `Retire ${label}`,
      body: [
        retirePullMarker(charter.id, issueNumber),
        `Retires **${inlineText(charter.name)}** (${inlineCode(label)}), as ${mention(sender)} decided in ${input.comment.url}:`,
        '',
        // The reason is the rest of the command's line: quoted on one line, escaped.
        `> ${inlineText(command.reason)}`,
        '',
        `Sets ${layout.kind === 'yaml' ? `\`status: retired\` and \`retired: { on: ${on}, … }\`` : `\`status: retired\`, \`retired_on: ${on}\` and \`retired_reason\` in the front matter, and a changelog row,`} in ${inlineCode(loaded.file)}; the rest of the file stays as written.${issueNumber !== null ? ` Merging closes the retirement issue #${issueNumber} as completed.` : ''} Once merged, label sync marks \`${label}\` as retired.`,
        '',
        'A repeated command updates this pull request.',
      ].join('\n'),
    },
    existing,
    // The newest pull request closed or merged (the group was retired, then revived by hand): a new decision.
    onClosed: 'restart',
    why: `retirement of ${charter.id} decided by ${sender}`,
  });
  if (planned.state !== 'planned') return { outcome: planned.state, plan: [], pull: planned.pull, group };
  const outcome: RetireOutcome = planned.pull === null ? 'proposed' : planned.plan.length > 0 ? 'updated' : 'unchanged';
  return { outcome, plan: planned.plan, pull: planned.pull, group };
}

/**
 * The App's reply to the command's comment (one per command comment, found again by its marker on
 * a redelivery): the refusal or problem, or the pull request `pull`. Pure.
 */
export function retireReply(input: { repo: string; thread: number; commentId: number; planned: RetirePlan; pull: number | null; comments: readonly ExistingComment[] }): Plan {
  const { planned } = input;
  const marker = retireReplyMarker(input.commentId);
  const at = input.pull === null ? 'the retirement pull request' : `#${input.pull}`;
  const group = planned.group ? `**${inlineText(planned.group.name)}**` : 'the group';
  const text =
    planned.message ??
    (planned.outcome === 'closed'
      ? `The retirement pull request ${at} of ${group} was closed without merging; Group Steward does not open another. Reopen ${at} to go on.`
      : planned.outcome === 'merged'
        ? `The retirement of ${group} was merged in ${at} already.`
        : `The retirement of ${group} is proposed in ${at}. It takes effect when a maintainer merges it; a repeated command updates it.`);
  const action = upsertComment({ repo: input.repo, number: input.thread, comments: input.comments, marker, body: `${marker}\n${text}`, why: `reply to a retirement command` });
  return action ? [action] : [];
}

/** The marker of the App's comment on a retirement issue its merged pull request `pull` settled. */
export function retiredCommentMarker(pull: number): string {
  return `<!-- group-steward:retired pull=${pull} -->`;
}

/**
 * The writes once a retirement pull request merged — the group is retired, so its retirement
 * issue is settled: closed as completed, and a comment (marked `retiredCommentMarker`) linking pull
 * request `pull` — only for an issue that is not a pull request, was written by the same App bot
 * that opened the pull request (`app`, its REST or GraphQL login) and carries the retirement
 * marker of `group`. Planned from the issue as it is (`comments`: its comments as read), so a
 * redelivery after a cut finishes the job and then plans nothing: the close while it is open,
 * the comment while the App's is missing and the issue is open or closed as completed. Anything
 * else: nothing. Pure.
 */
export function planRetirementClose(input: { repo: string; issue: ReadIssue | null; comments?: readonly ExistingComment[]; group: string; pull: number; app: string }): Plan {
  const { issue } = input;
  if (!issue || issue.isPull || !isAppLogin(issue.author ?? undefined, issue.authorType ?? (issue.author?.endsWith('[bot]') ? 'Bot' : undefined), input.app)) return [];
  if (readRetirementMarker(issue.body) !== input.group) return [];
  const why = `retirement pull request #${input.pull} merged`;
  const plan: Plan = [];
  const open = issue.state === 'open';
  if (open) plan.push({ kind: 'update-issue', repo: input.repo, number: issue.number, state: 'closed', state_reason: 'completed', why });
  // Closed otherwise than as completed (not planned, duplicate): people settled it; leave it.
  const settled = open || issue.stateReason === undefined || issue.stateReason === 'COMPLETED';
  const marker = retiredCommentMarker(input.pull);
  // The comment of before the marker, found by its text, counts too.
  const commented = (input.comments ?? []).some((c) => c.authorIsApp && (c.body.includes(marker) || c.body.startsWith(`Retired: #${input.pull} merged`)));
  if (settled && !commented) {
    plan.push({ kind: 'create-comment', repo: input.repo, number: issue.number, body: `${marker}\nRetired: #${input.pull} merged the retirement into the charter. Closing this issue as completed.`, why });
  }
  return plan;
}

/**
 * The minimal edit that retires a charter (SEP-1302 § Lifecycle, SEP-2149 § 1.9): a YAML charter's
 * `status` and `retired` block (`retireCharterText`), or a page's front-matter marker and changelog
 * row (`retirePageText`); every other byte kept. Pure.
 */
function retireText(layout: CharterLayout, text: string, retirement: { on: string; reason: string; issue: string }): { ok: true; text: string } | { ok: false; error: string } {
  if (layout.kind === 'yaml') return retireCharterText(text, retirement);
  const edited = retirePageText(text, retirement);
  return 'problem' in edited ? { ok: false, error: edited.problem } : { ok: true, text: edited.text };
}
