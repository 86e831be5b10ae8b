/**
 * Webhook handlers of the governance loop (README § The life of a group): a creation request's
 * issue form becomes a charter pull request; a retirement command becomes a retirement pull
 * request; a merged retirement pull request closes its retirement issue. All in the governance
 * repository (the one whose configuration names no other `governance_repo`); events elsewhere are
 * ignored.
 *
 * Each handler filters its event before any request (a label, a command line, a branch name),
 * then reads everything in one GraphQL request (`readCharterBranch`), plans with the pure code of
 * src/proposals/ and applies the plan with the one executor. A redelivered event plans nothing.
 */
import type { Context } from 'probot';
import { charterLayout, validateCharterFiles } from '../charters/layout.js';
import { charterFiles } from '../charters/tree-sources.js';
import { inlineText } from '../markdown/escape.js';
import { pageChartersAsSources, requestPageFiles } from '../proposals/request-page.js';
import { ConfigError } from '../config/load.js';
import { configuredPeople } from '../config/people.js';
import type { Config } from '../config/schema.js';
import { applyPlan } from '../github/apply-plan.js';
import { readCharterBranch } from '../github/charter-branch.js';
import { voterTeamSlugs } from '../github/voter-teams.js';
import type { CharterBranch } from '../github/charter-branch.js';
import type { GitHub } from '../github/client.js';
import { readIssueThread } from '../github/work-read.js';
import { readRetirementMarker } from '../activity/markers.js';
import { readRetirePullMarker, requestBranch, retireBranch } from '../proposals/markers.js';
import { planRequest, requestReply } from '../proposals/request.js';
import { mayHoldRetireCommand, readRetireCommand } from '../proposals/retire-command.js';
import { planRetirement, planRetirementClose, retireReply } from '../proposals/retire.js';
import { GROUP_REQUEST_LABEL } from '../requests/forms.js';
import { isGroupRequest } from '../requests/is-request.js';
import { readGroupRequest, REQUEST_FIELD } from '../requests/group-request.js';
import type { Plan } from '../plan/actions.js';
import { policyFor } from '../policies/index.js';
import { ID_PATTERN } from '../charters/schema.js';
import { isAppLogin, isBotSender, sameRepo } from '../names.js';
import { loadGovernanceConfig } from '../services/governance.js';
import { serialised, workKey } from './serialise.js';
import { emeritusBranch, emeritusReply, planEmeritus, readEmeritusCommand } from '../proposals/emeritus.js';
import { memberParticipation, participationReadBack } from '../activity/participation.js';
import type { GroupParticipation } from '../activity/participation.js';
import { groupSources } from '../activity/coverage.js';
import { buildLiveSnapshot } from '../github/activity-snapshot.js';

/**
 * issues.opened / issues.edited (body changed) of an open issue labelled `group-request`: read the
 * form's answers and propose the charter (`planRequest`), then leave one reply (`requestReply`).
 */
export async function onGroupRequest(context: Context<'issues.opened' | 'issues.edited'>): Promise<void> {
  const { payload } = context;
  const issue = payload.issue;
  if (issue.state !== 'open' || isBotSender(payload.sender)) return;
  if (!isGroupRequest((issue.labels ?? []).map((l) => l.name), issue.body)) return;
  if (payload.action === 'edited' && !payload.changes.body) return;
  const repo = payload.repository.full_name;
  await serialised(workKey(context, repo, issue.number), () => proposeRequest(context, repo, issue.number));
}

/** The request's read, plan and writes, once no other delivery for the same issue is in flight in this replica. */
async function proposeRequest(context: Context<'issues.opened' | 'issues.edited'>, repo: string, number: number): Promise<void> {
  const issue = { number };
  const now = new Date();
  const config = await governanceConfig(context, repo, now);
  if (!config) return;
  const layout = charterLayout(config);
  const policy = policyFor(config.policy);
  const groupsDir = layout.kind === 'yaml' ? layout.dir : '';
  // Another delivery (an edit, a second replica) may have written the branch between the read
  // and a write — GitHub then answers 409 or 422: read and plan once more, from what is there now.
  for (let attempt = 1; ; attempt += 1) {
    const read = await readCharterBranch(context.octokit, { repo, layout, branch: requestBranch(issue.number), issue: issue.number, teams: {} });
    // Decide on the issue as it is now, never on this delivery's copy: a late or redelivered
    // `opened` must not roll the pull request back to older answers.
    const live = read.issue;
    if (!live || live.state !== 'OPEN' || !isGroupRequest(live.labels, live.body)) return;
    const base = charterFiles(layout, read.base.charters, groupsDir ? `${groupsDir}/` : '');
    // The request is judged in the charter model, against every existing group, whatever the source.
    const pages = layout.kind === 'pages' ? validateCharterFiles(layout, base, { now }).charters : [];
    const existing = layout.kind === 'yaml' ? base.charters : pageChartersAsSources(pages);
    let request = readGroupRequest({ body: live.body, openedAt: live.createdAt, existing, groupsDir, now });
    let files: { name: string; text: string }[] | undefined;
    if (request.kind === 'exists') {
      // The reply names the group's own file: under charter pages, its page.
      const taken = request.existing;
      const page = pages.find((p) => p.charter.id === taken.id)?.file;
      if (page) request = { ...request, existing: { ...taken, file: page } };
    }
    if (layout.kind === 'pages' && request.kind === 'valid') {
      const made = requestPageFiles({ charter: request.charter, layout, pages: base.charters, nav: base.nav, now });
      if ('problem' in made) request = { kind: 'invalid', form: request.form, problems: [{ field: REQUEST_FIELD, message: inlineText(made.problem) }] };
      else [request, files] = [{ ...request, file: made.files[0]?.name ?? request.file, text: made.files[0]?.text ?? request.text }, made.files];
    }
    const approval = { check: policy.checks.creation, rule: policy.ruleText.creation };
    const planned = planRequest({
      approval,
      repo,
      groupsDir,
      issue: { number: issue.number, author: live.author && live.author.id !== null ? { login: live.author.login, id: live.author.id } : null },
      request,
      base: baseOf(read),
      branchFiles: read.branch?.files ?? null,
      pulls: read.pulls,
      comments: read.comments,
      now,
      ...(files ? { files } : {}),
    });
    // A form's label exists only where someone created it (GitHub drops a form's labels that do
    // not exist): a request recognised by its answers gets the label, which GitHub creates.
    const labelled = live.labels.some((l) => l.toLowerCase() === GROUP_REQUEST_LABEL);
    const label: Plan = labelled ? [] : [{ kind: 'add-labels', repo, number: issue.number, labels: [GROUP_REQUEST_LABEL], why: 'a creation request without its label' }];
    let applied;
    try {
      applied = await applyPlan(context.octokit, [...label, ...planned.plan]);
    } catch (error) {
      if (attempt < 2 && isConflict(error)) continue;
      throw error;
    }
    const pull = planned.pull ?? applied.createdPulls[0] ?? null;
    const replied = await applyPlan(context.octokit, requestReply({ repo, issue: issue.number, request, outcome: planned.outcome, pull, comments: read.comments, approval }));
    context.log.info({ repo, issue: issue.number, outcome: planned.outcome, pull, writes: [...applied.applied, ...replied.applied].map((a) => a.kind) }, 'creation request');
    return;
  }
}

/**
 * issue_comment.created with `/retire`, `/retire-wg` or `/retire-ig`: from someone the policy lets
 * propose the group's retirement (`Policy.mayProposeRetirement`), propose it (`planRetirement`);
 * from anyone, one reply (`retireReply`).
 */
export async function onRetireCommand(context: Context<'issue_comment.created'>): Promise<void> {
  const { payload } = context;
  // `/emeritus <group>` (SEP-2149 Participation Levels) shares this registration.
  if (!isBotSender(payload.sender)) await onEmeritusCommand(context);
  if (isBotSender(payload.sender) || !mayHoldRetireCommand(payload.comment.body)) return;
  const command = readRetireCommand(payload.comment.body);
  if (!command) return;
  const repo = payload.repository.full_name;
  await serialised(workKey(context, repo, payload.issue.number), () => proposeRetirement(context, command));
}

/** The command's reads, plan and writes, once no other delivery for the same thread is in flight in this replica. */
async function proposeRetirement(context: Context<'issue_comment.created'>, command: NonNullable<ReturnType<typeof readRetireCommand>>): Promise<void> {
  const { payload } = context;
  const repo = payload.repository.full_name;
  // The decision's instant is the command's, so a redelivery on a later day decides the same.
  const now = new Date(payload.comment.created_at);
  const config = await governanceConfig(context, repo, new Date());
  if (!config) return;
  const layout = charterLayout(config);
  const issue = payload.issue;
  const markedGroup = issue.state === 'open' && !issue.pull_request ? readRetirementMarker(issue.body) : null;
  const typed = (command.id ?? markedGroup ?? '').toLowerCase();
  const read = async (id: string) =>
    readCharterBranch(context.octokit, {
      repo,
      layout,
      branch: retireBranch(ID_PATTERN.test(id) ? id : 'unknown'),
      issue: issue.number,
      teams: voterTeamSlugs(config),
    });
  let state = await read(typed);
  const plan = (s: CharterBranch) =>
    planRetirement({
      repo,
      layout,
      command,
      comment: { id: payload.comment.id, url: payload.comment.html_url, author: payload.sender.login, authorId: payload.sender.id },
      thread: {
        number: issue.number,
        isPull: issue.pull_request !== undefined,
        // Only the App's own retirement issue names a group: a marker pasted by anyone else does not.
        retirementGroup: markedGroup !== null && isAppLogin(issue.user?.login, issue.user?.type, s.viewerLogin) ? markedGroup : null,
        url: issue.html_url,
      },
      retirers: {
        policy: policyFor(config.policy),
        people: configuredPeople(config.vote, s),
        ...(s.teamError !== undefined || s.teamIncomplete !== undefined ? { error: (s.teamError ?? s.teamIncomplete) as string } : {}),
      },
      base: { ...baseOf(s), ...charterFiles(layout, s.base.charters, layout.kind === 'yaml' ? `${layout.dir}/` : ''), oids: baseOf(s).files },
      branchFiles: s.branch?.files ?? null,
      pulls: s.pulls,
      comments: s.comments,
      now,
    });
  let planned = plan(state);
  // Named by a former id, or in other letters: the branch is the charter's own id's.
  if (planned.group && planned.group.id !== typed) {
    state = await read(planned.group.id);
    planned = plan(state);
  }
  let applied;
  try {
    applied = await applyPlan(context.octokit, planned.plan);
  } catch (error) {
    if (!isConflict(error)) throw error;
    // Another delivery wrote the branch meanwhile: read and plan once more, from what is there now.
    state = await read(planned.group?.id ?? typed);
    planned = plan(state);
    applied = await applyPlan(context.octokit, planned.plan);
  }
  const pull = planned.pull ?? applied.createdPulls[0] ?? null;
  const replied = await applyPlan(context.octokit, retireReply({ repo, thread: issue.number, commentId: payload.comment.id, planned, pull, comments: state.comments }));
  context.log.info({ repo, issue: issue.number, group: planned.group?.id, outcome: planned.outcome, pull, writes: [...applied.applied, ...replied.applied].map((a) => a.kind) }, 'retirement command');
}

/**
 * issue_comment.created with `/emeritus <group>` in the governance repository: from one of the
 * group's leads or a core or lead maintainer, read the group's sources back to the first day of
 * the month 3 months ago (`buildLiveSnapshot`, the group's sources only: no request per member),
 * judge its members' participation (`memberParticipation`) and propose moving the quiet ones to
 * emeritus status (`planEmeritus`); from anyone, one reply (`emeritusReply`). A sender without
 * standing, or a problem, costs one read and the reply: the activity is read only once allowed.
 */
export async function onEmeritusCommand(context: Context<'issue_comment.created'>): Promise<void> {
  const { payload } = context;
  const command = readEmeritusCommand(payload.comment.body);
  if (!command) return;
  const repo = payload.repository.full_name;
  await serialised(workKey(context, repo, payload.issue.number), async () => {
    // Judged at the command's instant, so a redelivery on a later day decides the same.
    const now = new Date(payload.comment.created_at);
    const config = await governanceConfig(context, repo, new Date());
    if (!config) return;
    const layout = charterLayout(config);
    const id = command.id ?? '';
    const read = await readCharterBranch(context.octokit, { repo, layout, branch: emeritusBranch(ID_PATTERN.test(id) ? id.toLowerCase() : 'unknown'), issue: payload.issue.number, teams: voterTeamSlugs(config) });
    const files = charterFiles(layout, read.base.charters, layout.kind === 'yaml' ? `${layout.dir}/` : '');
    const teamError = read.teamError ?? read.teamIncomplete;
    const plan = (participation: GroupParticipation | null) =>
      planEmeritus({
        repo,
        layout,
        id: id || '(none)',
        by: { login: payload.sender.login, people: configuredPeople(config.vote, read), url: payload.comment.html_url, ...(teamError !== undefined ? { error: teamError } : {}) },
        participation,
        base: { branch: read.base.branch, sha: read.base.sha, ...files, oids: baseOf(read).files },
        branchFiles: read.branch?.files ?? null,
        pulls: read.pulls,
        now,
      });
    let planned = plan(null);
    if (planned.outcome === 'none-quiet' && planned.group) {
      const charter = validateCharterFiles(layout, files, { now }).charters.find((c) => c.charter.id === planned.group?.id)?.charter;
      if (charter) {
        const sources = groupSources(charter);
        const back = participationReadBack(now);
        const owner = repo.split('/')[0] as string;
        const built = await buildLiveSnapshot(context.octokit as GitHub, { sources, groups: [sources], readBack: [back], labelScope: [`user:${owner}`], since: new Date(back).toISOString().slice(0, 10), now, botLogins: config.activity.bot_logins });
        planned = plan(memberParticipation({ charter, snapshot: built.snapshot, now, botLogins: config.activity.bot_logins }));
      }
    }
    const applied = await applyPlan(context.octokit, planned.plan);
    const pull = planned.pull ?? applied.createdPulls[0] ?? null;
    const replied = await applyPlan(context.octokit, emeritusReply({ repo, thread: payload.issue.number, commentId: payload.comment.id, planned, pull, comments: read.comments }));
    context.log.info({ repo, issue: payload.issue.number, group: planned.group?.id, outcome: planned.outcome, moved: planned.moved, pull, writes: [...applied.applied, ...replied.applied].map((a) => a.kind) }, 'emeritus command');
  });
}

/**
 * pull_request.closed, merged, of a retirement pull request the App opened from its own branch:
 * close the retirement issue its marker names as completed, with a comment linking the pull
 * request — from the issue and its comments as they are (one GraphQL request), so a redelivery
 * completes a cut close and writes nothing once done. Label sync then marks the label retired
 * (the push of the merge). When this delivery is lost altogether, the scheduled job closes the
 * open retirement issue of a retired group on its next run (src/activity/retirement.ts).
 */
export async function onRetirementMerged(context: Context<'pull_request.closed'>): Promise<void> {
  const pr = context.payload.pull_request;
  const repo = context.payload.repository.full_name;
  if (!pr.merged || !pr.head.ref.startsWith('group-steward/retire-') || pr.user?.type !== 'Bot') return;
  if (!pr.head.repo || !sameRepo(pr.head.repo.full_name, repo)) return;
  const marker = readRetirePullMarker(pr.body);
  if (!marker || marker.issue === null || pr.head.ref !== retireBranch(marker.id)) return;
  // The issue and its comments as they are now (one request), so a redelivery after a cut completes what is missing.
  const thread = await readIssueThread(context.octokit, { repo, number: marker.issue, appLogin: pr.user.login });
  const applied = await applyPlan(context.octokit, planRetirementClose({ repo, issue: thread?.issue ?? null, comments: thread?.comments ?? [], group: marker.id, pull: pr.number, app: pr.user.login }));
  context.log.info({ repo, pull: pr.number, issue: marker.issue, writes: applied.applied.map((a) => a.kind) }, 'retirement merged');
}

async function governanceConfig(context: Context, repo: string, now: Date): Promise<Config | null> {
  let governance;
  try {
    governance = await loadGovernanceConfig(context.octokit as GitHub, repo, context, now);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    context.log.warn({ repo, problems: error.problems }, 'governance loop skipped: invalid .github/group-steward.yml');
    return null;
  }
  if (!sameRepo(governance.governanceRepo, repo)) {
    context.log.info({ repo, governance_repo: governance.governanceRepo }, 'governance loop: not the governance repository, ignored');
    return null;
  }
  return governance.config;
}

function baseOf(read: CharterBranch) {
  const folder = read.base.charters?.files ?? [];
  return { branch: read.base.branch, sha: read.base.sha, files: new Map(folder.map((f) => [f.name, f.oid])), folder };
}

/** GitHub refused a branch or file write because the branch moved meanwhile (409, or 422 "sha wasn't supplied" / "already exists"). */
function isConflict(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return status === 409 || status === 422;
}
