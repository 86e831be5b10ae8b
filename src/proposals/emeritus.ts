/**
 * Quiet WG Members → emeritus, as a pull request (SEP-2149 as MCP's docs state it, "Participation
 * Levels": "WG Members who do not participate for 3 consecutive months are moved to emeritus
 * status"). `/emeritus <group>` by one of the group's leads or a core or lead maintainer — or the
 * scheduled job, when `activity.emeritus_pull_requests` is on — opens one pull request per group
 * that moves the members quiet on a full read (`memberParticipation`) to the Emeritus list: a
 * minimal edit of the YAML charter or the charter page, reviewed like any amendment (under
 * `policy: sep-2149`, the "Charter amendment" check). Pure: the charters, the participation and
 * the branch as read in; the writes and the reply out.
 */
import type { GroupParticipation } from '../activity/participation.js';
import { QUIET_MONTHS } from '../activity/participation.js';
import { describeLayout, validateCharterFiles } from '../charters/layout.js';
import type { CharterLayout } from '../charters/layout.js';
import type { CharterSource } from '../charters/parse.js';
import { emeritusPageText } from '../charters/pages/emeritus-page.js';
import type { Charter } from '../charters/schema.js';
import { groupLabel, groupLeaders } from '../charters/schema.js';
import type { ExistingComment } from '../linking/markers.js';
import { MAX_BODY_LENGTH } from '../linking/commands.js';
import { readableLines } from '../linking/readable-lines.js';
import { echoTyped, inlineCode, inlineText, profileLink, quietMention } from '../markdown/escape.js';
import type { Plan } from '../plan/actions.js';
import type { People } from '../policies/index.js';
import { planCharterPull } from './charter-pull.js';
import type { ExistingPull } from './charter-pull.js';
import { emeritusCharterText } from './emeritus-edit.js';
import { upsertComment } from './markers.js';

/** `/emeritus <id>`: the command and the group id as typed (null when none). */
export interface EmeritusCommand {
  id: string | null;
  line: number;
}

const COMMAND = /^ {0,3}\/emeritus(?=\s|$)/;

/**
 * The first `/emeritus [<id>]` of a comment body (at the start of a line, at most 3 spaces before
 * it, outside fenced code, quotes and HTML comments), or null. Pure; never throws.
 */
export function readEmeritusCommand(body: string): EmeritusCommand | null {
  if (!/(^|[\r\n]) {0,3}\/emeritus/.test(body)) return null;
  const text = (body.startsWith('\uFEFF') ? body.slice(1) : body).slice(0, MAX_BODY_LENGTH);
  for (const { line, raw, text: visible } of readableLines(text)) {
    if (!COMMAND.test(raw) || !COMMAND.test(visible)) continue;
    const [id = ''] = visible.replace(COMMAND, '').trim().split(/\s+/);
    return { id: id === '' ? null : id, line };
  }
  return null;
}

/** The App's branch for moving group `id`'s quiet members: `group-steward/emeritus-<id>`. */
export function emeritusBranch(id: string): string {
  return `group-steward/emeritus-${id}`;
}

/** The marker of an emeritus pull request. */
export function emeritusPullMarker(id: string): string {
  return `<!-- group-steward:emeritus group=${id} -->`;
}

/** The marker of the App's reply to one `/emeritus` command comment. */
export function emeritusReplyMarker(commentId: number): string {
  return `<!-- group-steward:emeritus-reply comment=${commentId} -->`;
}

export interface EmeritusPlanInput {
  repo: string;
  layout: CharterLayout;
  /** The group's id. */
  id: string;
  /**
   * Who asked: a login checked against the group's leaders and the core and lead maintainers;
   * `{ job: true }`: the scheduled job's setting (`activity.emeritus_pull_requests`).
   */
  by: { login: string; people: People; error?: string; url: string } | { job: true };
  /** The participation of the group's members (`memberParticipation`), from the snapshot read. */
  participation: GroupParticipation | null;
  base: { branch: string; sha: string; charters: readonly CharterSource[]; nav: CharterSource | null; oids: ReadonlyMap<string, string> };
  branchFiles: ReadonlyMap<string, string> | null;
  pulls: readonly ExistingPull[];
  /** The instant of the decision: `since` is its UTC day. */
  now: Date;
}

export type EmeritusOutcome = 'proposed' | 'updated' | 'unchanged' | 'none-quiet' | 'refused' | 'problem' | 'closed' | 'merged';

export interface EmeritusPlan {
  outcome: EmeritusOutcome;
  plan: Plan;
  group?: Pick<Charter, 'id' | 'name' | 'type'>;
  pull: number | null;
  /** The members moved. */
  moved: string[];
  /** For every outcome but a pull request: the reply's text (without marker). */
  message?: string;
}

/**
 * Plans one group's emeritus pull request.
 * - Refused unless the sender is one of the group's leaders (`groupLeaders`) or a core or lead
 *   maintainer (logins ignoring case), or when a configured team could not be read.
 * - Problems: no charter with the id, a group that is not an active working group, no member
 *   list, a charter the edit cannot make (or keep) valid.
 * - `none-quiet`: no WG Member is quiet for 3 months on a full read (members whose quiet cannot
 *   be told are named, never moved).
 * - Otherwise the charter with the quiet members moved (`emeritusCharterText`,
 *   `emeritusPageText`) on `group-steward/emeritus-<id>` and one pull request; a repeated command
 *   updates it, a closed or merged one makes the next decision a new pull request.
 * Pure; never throws.
 */
export function planEmeritus(input: EmeritusPlanInput): EmeritusPlan {
  const { layout } = input;
  const none = (outcome: EmeritusOutcome, message: string, group?: EmeritusPlan['group']): EmeritusPlan => ({ outcome, plan: [], pull: null, moved: [], message, ...(group ? { group } : {}) });
  const validate = (charters: readonly CharterSource[]) => validateCharterFiles(layout, { charters, nav: input.base.nav }, { now: input.now });
  const validation = validate(input.base.charters);
  const wanted = input.id.toLowerCase();
  const loaded = validation.charters.find((c) => c.charter.id.toLowerCase() === wanted || (c.charter.previous_ids ?? []).some((p) => p.toLowerCase() === wanted));
  if ('login' in input.by) {
    const by = input.by;
    const sender = by.login.toLowerCase();
    const allowed = [...(loaded ? groupLeaders(loaded.charter) : []), ...by.people.core, ...by.people.leads].some((l) => l.toLowerCase() === sender);
    if (!allowed && by.error !== undefined) return none('refused', `Group Steward could not check whether ${quietMention(by.login)} may propose emeritus moves, so it proposes nothing: ${inlineText(by.error)}.`);
    if (!allowed) return none('refused', `Only the group's leads and the core or lead maintainers may propose moving members to emeritus status; ${quietMention(by.login)} is none of them.`);
  }
  if (!loaded) return none('problem', `No charter in ${inlineCode(layout.kind === 'yaml' ? `${layout.dir}/` : describeLayout(layout))} has the id ${echoTyped(input.id)}.`);
  const charter = loaded.charter;
  const group = { id: charter.id, name: charter.name, type: charter.type };
  if (charter.type !== 'working' || charter.status !== 'active') return none('problem', `**${inlineText(charter.name)}** is not an active working group: emeritus status is for WG Members.`, group);
  if (!(charter.members ?? []).some((m) => m.level === 'member')) return none('problem', `**${inlineText(charter.name)}** lists no WG Members.`, group);
  const participation = input.participation;
  const quiet = (participation?.members ?? []).filter((m) => m.status === 'quiet').map((m) => m.login);
  const unknown = (participation?.members ?? []).filter((m) => m.status === 'unknown').map((m) => m.login);
  if (quiet.length === 0) {
    return none('none-quiet', `No WG Member of **${inlineText(charter.name)}** is quiet for ${QUIET_MONTHS} consecutive months on a full read${unknown.length > 0 ? `; whether ${unknown.map(profileLink).join(', ')} participated cannot be told: not every source of the group was read over those months (the health dashboard says which)` : ''}. Nothing to move.`, group);
  }

  const source = input.base.charters.find((f) => f.file === loaded.file);
  const text = source && typeof source.content === 'string' ? source.content : null;
  const since = input.now.toISOString().slice(0, 10);
  const edited = text === null ? { ok: false as const, error: 'its file cannot be read as text' } : layout.kind === 'yaml' ? emeritusCharterText(text, quiet, since) : pageEdit(text, quiet);
  if (!edited.ok) return none('problem', `The charter ${inlineCode(loaded.file)} could not be edited: ${inlineText(edited.error)}.`, group);
  const after = validate(input.base.charters.map((f) => (f.file === loaded.file ? { ...f, content: edited.text, byteLength: Buffer.byteLength(edited.text) } : f)));
  const errors = after.diagnostics.filter((d) => d.file === loaded.file && d.severity === 'error');
  if (errors.length > 0) return none('problem', `The edited charter would not be valid: ${errors.slice(0, 5).map((d) => `line ${d.line}: ${inlineText(d.message)}`).join('; ')}.`, group);

  const label = groupLabel(charter.type, charter.id);
  const name = layout.kind === 'yaml' ? loaded.file.slice(loaded.file.lastIndexOf('/') + 1) : loaded.file;
  const marker = emeritusPullMarker(charter.id);
  const existing = input.pulls.find((p) => p.body.includes(marker)) ?? null;
  const months = (participation?.months ?? []).map((m) => `${m.month}${m.toDate ? ' (to date)' : ''}`).join(', ');
  const decided = 'login' in input.by ? `as @\u2060${input.by.login} asked in ${input.by.url}` : 'as the scheduled job proposes (`activity.emeritus_pull_requests`)';
  const planned = planCharterPull({
    repo: input.repo,
    base: { branch: input.base.branch, sha: input.base.sha, files: input.base.oids },
    branch: { name: emeritusBranch(charter.id), files: input.branchFiles },
    groupsDir: layout.kind === 'yaml' ? layout.dir : '',
    files: [{ name, text: edited.text }],
    commit: { message: `Move quiet members of ${label} to emeritus status` },
    pull: {
      title: `Move quiet members of ${label} to emeritus status`,
      body: [
        marker,
        `Moves ${quiet.map(profileLink).join(', ')} from the member list of **${inlineText(charter.name)}** to its Emeritus list, ${decided}: no participation in the group's work over ${months}, with every source of the group read (SEP-2149, Participation Levels: "WG Members who do not participate for 3 consecutive months are moved to emeritus status and may return by demonstrating renewed participation").`,
        '',
        `Only their ${layout.kind === 'yaml' ? 'entries move (`members` → `emeritus`, with `since`)' : 'rows move (Membership → Emeritus Membership)'} in ${inlineCode(loaded.file)}; the rest of the file stays as written. Reviewed like any amendment of the charter. A repeated command updates this pull request.`,
        ...(unknown.length > 0 ? ['', `Not moved — whether they participated cannot be told (not every source was read): ${unknown.map(profileLink).join(', ')}.`] : []),
      ].join('\n'),
    },
    existing,
    onClosed: 'restart',
    why: `quiet members of ${charter.id} to emeritus`,
  });
  if (planned.state !== 'planned') return { outcome: planned.state, plan: [], pull: planned.pull, moved: quiet, group };
  const outcome: EmeritusOutcome = planned.pull === null ? 'proposed' : planned.plan.length > 0 ? 'updated' : 'unchanged';
  return { outcome, plan: planned.plan, pull: planned.pull, moved: quiet, group };
}

function pageEdit(text: string, logins: readonly string[]): { ok: true; text: string } | { ok: false; error: string } {
  const edited = emeritusPageText(text, logins);
  return 'problem' in edited ? { ok: false, error: edited.problem } : { ok: true, text: edited.text };
}

/** The App's one reply to an `/emeritus` comment: the refusal, problem or pull request. Pure. */
export function emeritusReply(input: { repo: string; thread: number; commentId: number; planned: EmeritusPlan; pull: number | null; comments: readonly ExistingComment[] }): Plan {
  const marker = emeritusReplyMarker(input.commentId);
  const { planned } = input;
  const text = planned.message ?? (planned.outcome === 'closed' || planned.outcome === 'merged' ? `The emeritus pull request #${input.pull ?? '?'} was ${planned.outcome} already.` : `Moving ${planned.moved.map(profileLink).join(', ')} to emeritus status is proposed in ${input.pull === null ? 'a pull request' : `#${input.pull}`}; it takes effect when it is reviewed and merged.`);
  const action = upsertComment({ repo: input.repo, number: input.thread, comments: input.comments, marker, body: `${marker}\n${text}`, why: 'reply to an /emeritus command' });
  return action ? [action] : [];
}
