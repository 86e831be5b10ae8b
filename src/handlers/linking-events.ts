/**
 * Webhook handlers for linking (README § Labels and linking, "Linking"): each turns its event into
 * a `WorkEvent`, loads the governance (configuration and registry, cached) and calls `linkWork`.
 *
 * - issues.opened / pull_request.opened: commands in the body, ownership by `repos` (and, for a
 *   pull request, by `paths`);
 * - issues.edited / pull_request.edited: only the commands the edit added to the body;
 * - pull_request.synchronize: ownership by `paths`;
 * - issue_comment.created: commands in the comment (on an issue or a pull request);
 * - issues.labeled / pull_request.labeled: a group label added by hand.
 *
 * Events this App sent are ignored, so it never reacts to its own comments and labels. Another
 * bot's events still link work by ownership, paths and labels, but its commands are not read.
 * Events that cannot concern a group return before
 * any request: a comment or an edit without a command line, a label without a `wg:`/`ig:` prefix.
 * An invalid configuration is logged and the event ignored (there is no check run to show it in).
 */
import type { Context } from 'probot';
import { ConfigError } from '../config/load.js';
import { readGroupCommands } from '../linking/commands.js';
import { cacheScopeOf } from '../github/repo-config.js';
import { withoutBotSuffix } from '../logins.js';
import { isBotSender } from '../names.js';
import { loadGovernanceConfig } from '../services/governance.js';
import { linkWorkEvent } from '../services/linking.js';
import type { WorkEvent } from '../services/linking.js';
import type { GovernanceConfig } from '../services/governance.js';
import type { WorkState } from '../github/work-read.js';
import { serialised, workKey } from './serialise.js';

/** issues.opened, issues.edited. */
export async function onIssueLinking(context: Context<'issues.opened' | 'issues.edited'>): Promise<void> {
  const { payload } = context;
  const issue = payload.issue;
  const edited = payload.action === 'edited' ? editedBody(payload.changes) : undefined;
  if (payload.action === 'edited' && (edited === undefined || !hasCommands(issue.body))) return;
  await link(context, {
    repo: payload.repository.full_name,
    number: issue.number,
    kind: 'issue',
    trigger: payload.action,
    body: issue.body ?? '',
    ...(edited !== undefined ? { previousBody: edited } : {}),
    actor: payload.sender.login,
    labels: labelNames(issue.labels),
  });
}

/**
 * pull_request.edited (opened and synchronize are linked by the pull-request handler, after the
 * check, from the check's own read: `linkInOrder`).
 */
export async function onPullRequestLinking(context: Context<'pull_request.opened' | 'pull_request.edited' | 'pull_request.synchronize'>): Promise<void> {
  const event = pullRequestWorkEvent(context.payload);
  if (event) await link(context, event);
}

/**
 * The linking event of a pull request opened, edited or pushed to; null for an edit that adds no
 * command to the body (nothing to do, before any request).
 */
export function pullRequestWorkEvent(payload: Context<'pull_request.opened' | 'pull_request.edited' | 'pull_request.synchronize'>['payload']): WorkEvent | null {
  const pr = payload.pull_request;
  const edited = payload.action === 'edited' ? editedBody(payload.changes) : undefined;
  if (payload.action === 'edited' && (edited === undefined || !hasCommands(pr.body))) return null;
  return {
    repo: payload.repository.full_name,
    number: pr.number,
    kind: 'pull_request',
    trigger: payload.action,
    ...(payload.action !== 'synchronize' ? { body: pr.body ?? '' } : {}),
    ...(edited !== undefined ? { previousBody: edited } : {}),
    actor: payload.sender?.login ?? '',
    labels: labelNames(pr.labels),
  };
}

/** issue_comment.created, on an issue or a pull request. */
export async function onCommentLinking(context: Context<'issue_comment.created'>): Promise<void> {
  const { payload } = context;
  if (!hasCommands(payload.comment.body)) return;
  await link(context, {
    repo: payload.repository.full_name,
    number: payload.issue.number,
    kind: payload.issue.pull_request ? 'pull_request' : 'issue',
    trigger: 'comment',
    body: payload.comment.body,
    actor: payload.sender.login,
    labels: labelNames(payload.issue.labels),
  });
}

/** issues.labeled, pull_request.labeled: only labels that look like a group's (`wg:…`, `ig:…`). */
export async function onLabelLinking(context: Context<'issues.labeled' | 'pull_request.labeled'>): Promise<void> {
  const { payload } = context;
  const label = payload.label?.name;
  if (label === undefined || !/^(wg|ig):/i.test(label)) return;
  const work = 'issue' in payload ? payload.issue : payload.pull_request;
  await link(context, {
    repo: payload.repository.full_name,
    number: work.number,
    kind: 'issue' in payload ? 'issue' : 'pull_request',
    trigger: 'labeled',
    actor: payload.sender.login,
    labels: labelNames(work.labels),
    addedLabel: label,
  });
}

async function link(context: Context, event: WorkEvent): Promise<void> {
  const sender = (context.payload as { sender?: { login?: string; type?: string } }).sender;
  const bot = isBotSender(sender);
  // A bot's comment carries no command: nothing to do for it, before any request.
  if (bot && event.trigger === 'comment') return;
  // One work item at a time per replica: two deliveries at once (two `/wg` comments) are planned
  // one after the other, the second seeing what the first wrote.
  await serialised(`${workKey(context, event.repo, event.number)}`, () => linkInOrder(context, event));
}

/**
 * Links one event's work, in the caller's turn for the work item (`serialised`): the governance
 * configuration (or `prior.config`, as the caller read it), then `linkWorkEvent` — with
 * `prior.work`, the work as the same delivery already read it, when there is one.
 */
export async function linkInOrder(context: Context, event: WorkEvent, prior: { now?: Date; config?: GovernanceConfig; work?: WorkState } = {}): Promise<void> {
  const sender = (context.payload as { sender?: { login?: string; type?: string } }).sender;
  const bot = isBotSender(sender);
  const now = prior.now ?? new Date();
  const config = prior.config ?? (await governanceOrSkip(context, event.repo, now));
  if (!config) return;
  const outcome = await linkWorkEvent(context.octokit, event, config, {
    scope: cacheScopeOf(context),
    now,
    // The App never reacts to its own events. Another bot's (dependabot's pull request in an
    // owned repository, a labeler's label) still links work to its group; only its commands are not read.
    sender: { isApp: (viewer) => bot && sameLogin(sender?.login, viewer), isBot: bot },
    ...(prior.work ? { work: prior.work } : {}),
  });
  if (!outcome) return;
  if (outcome.applied.length > 0 || outcome.reads.length > 1) {
    context.log.info({ repo: event.repo, number: event.number, trigger: event.trigger, writes: outcome.applied.map((a) => a.kind), reads: outcome.reads }, 'linking');
  }
}

/** The governance configuration of `repo`; null — logged, linking skipped — when it is invalid. */
export async function governanceOrSkip(context: Context, repo: string, now: Date): Promise<GovernanceConfig | null> {
  try {
    return await loadGovernanceConfig(context.octokit, repo, context, now);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    context.log.warn({ repo, problems: error.problems }, 'linking skipped: invalid .github/group-steward.yml');
    return null;
  }
}

/** `login` is the App's bot: REST says `slug[bot]`, GraphQL `slug`. */
function sameLogin(login: string | undefined, appSlug: string): boolean {
  return login !== undefined && withoutBotSuffix(login).toLowerCase() === withoutBotSuffix(appSlug).toLowerCase();
}

/** The body before an edit, or undefined when the edit did not change the body (title only, …). */
function editedBody(changes: { body?: { from: string | null } } | undefined): string | undefined {
  if (!changes?.body) return undefined;
  return changes.body.from ?? '';
}

function hasCommands(body: string | null | undefined): boolean {
  return readGroupCommands(body ?? '').commands.length > 0;
}

function labelNames(labels: readonly { name: string }[] | undefined): string[] {
  return (labels ?? []).map((l) => l.name);
}
