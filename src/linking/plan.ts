/**
 * The linking plan: what to write on one issue or pull request after one webhook delivery, so that
 * work carries the labels of its groups (SEP-1302: groups and their work).
 */
import { groupLabel } from '../charters/schema.js';
import type { Charter } from '../charters/schema.js';
import type { Config } from '../config/schema.js';
import type { PlanAction, RepoName } from '../plan/actions.js';
import { evaluateGroupCommands } from './command-intents.js';
import { readGroupCommands } from './commands.js';
import type { GroupCommand, GroupCommandReading } from './commands.js';
import { indexGroups } from './group-index.js';
import type { GroupIndex } from './group-index.js';
import type { GroupProblem } from './group-problem.js';
import { classifyHandLabel } from './hand-label.js';
import type { LabelIntent } from './label-intent.js';
import { linkedCommentBody } from './linked-comment.js';
import type { CharterLocation } from './linked-comment.js';
import { findMarkedComment, GROUP_REPLY_MARKER, linkedMarker } from './markers.js';
import type { ExistingComment } from './markers.js';
import { groupsMatchingFiles, groupsOwningRepo } from './owning-groups.js';
import { groupReplyBody } from './reply-comment.js';
import type { ReadingBounds } from './reply-comment.js';

/** Plain data the handler gathers from one webhook delivery (and a few reads). */
export interface LinkingInput extends CharterLocation {
  repo: RepoName;
  /** The issue or pull request number. */
  number: number;
  kind: 'issue' | 'pull_request';
  /**
   * `opened`: issue/PR opened; `edited`: its body (or a comment) edited; `comment`: a new comment;
   * `synchronize`: new commits on a PR; `labeled`: a label added.
   */
  trigger: 'opened' | 'edited' | 'comment' | 'synchronize' | 'labeled';
  /** The new issue/PR body (`opened`, `edited`) or the new comment's body (`comment`, `edited`). */
  body?: string;
  /**
   * `edited` only: the body before the edit (the payload's `changes.body.from`). Only commands
   * the edit added are run; without it nothing is run (the body did not change).
   */
  previousBody?: string;
  /** Login of who sent the event (opened, commented, edited, labeled). */
  actor: string;
  /** Whether `actor` has write (or higher) permission on `repo`. */
  actorCanWrite: boolean;
  /** The labels the work carries now. */
  currentLabels: readonly string[];
  /** A pull request's changed files, relative to the repository root. */
  changedFiles?: readonly string[];
  /**
   * `synchronize`: group labels a person removed from this pull request before; `paths` does not
   * put them back (the person's decision stands). Compared ignoring case.
   */
  removedByPeople?: readonly string[];
  /** `labeled` only: the label added. */
  addedLabel?: string;
  /** `labeled` only: true when the App itself added it (no reply for it: the App adds only active groups' labels). */
  labelAddedByApp?: boolean;
  /** The existing comments of the issue or PR, to find the App's markers. */
  comments: readonly ExistingComment[];
  /** The registry: active and retired charters. */
  registry: readonly Charter[];
  config: Pick<Config, 'linking'>;
}

const NO_BOUNDS: ReadingBounds = { bodyTruncated: false, ignoredIds: 0, ignoredCommands: 0 };

/**
 * Plans the writes for one delivery, in this order:
 * 1. **Ownership** — on `opened`, the labels of active groups whose `repos` include `repo`; on a
 *    PR's `opened` and `synchronize`, of active groups whose `paths` match a changed file.
 * 2. **Commands** — on `opened` and `comment`, from `body`; on `edited`, only those the edit
 *    added. They override ownership for the same label (`/remove-wg x` beats x's `paths`).
 * 3. **Hand-added label** — on `labeled` by someone other than the App: a `wg:`/`ig:` label of no
 *    active group gets the reply (an active group's is linked like every label the work holds).
 * Then: one `add-labels` for labels not already there, one `remove-label` per label that is
 * there (names compare ignoring case); one `create-comment` linking the charter of each active
 * group whose label the work carries once the plan is applied — gained now, or there before —
 * without the App's marker for it yet (unless `linking.comment_on_label` is false); and the reply,
 * when anything could not be applied: `update-comment` of the App's marked reply when its text
 * differs, else `create-comment`. The link comments are planned from the thread as it is, not
 * from this event's changes: a label left without its comment (a process cut between the two
 * writes) gets it from the next delivery on the thread. Nothing is removed, relabelled or
 * re-commented when already done, so redelivering an event (after the plan was applied) plans
 * nothing.
 *
 * Pure; never throws.
 */
export function planLinking(input: LinkingInput): PlanAction[] {
  const index = indexGroups(input.registry);
  const current = new Map(input.currentLabels.map((l) => [l.toLowerCase(), l] as const));
  const intents = new Map<string, LabelIntent>();
  const problems: GroupProblem[] = [];

  for (const intent of ownershipIntents(input, index)) intents.set(intent.label, intent);

  const reading = commandsToRun(input);
  const evaluated = evaluateGroupCommands(reading.commands, {
    index,
    actor: input.actor,
    actorCanWrite: input.actorCanWrite,
    removeRequires: input.config.linking.remove_requires,
    hasLabel: (label) => current.has(label.toLowerCase()),
  });
  for (const intent of evaluated.intents) intents.set(intent.label, intent);
  problems.push(...evaluated.problems);

  if (input.trigger === 'labeled' && input.addedLabel !== undefined && !input.labelAddedByApp) {
    const hand = classifyHandLabel(input.addedLabel, index);
    if (hand.kind === 'unlinkable') problems.push({ kind: 'hand-label', label: input.addedLabel, resolution: hand.resolution });
  }

  const plan: PlanAction[] = [];
  const adds = [...intents.values()].filter((i) => i.op === 'add' && !current.has(i.label.toLowerCase()));
  if (adds.length > 0) {
    plan.push({
      kind: 'add-labels',
      repo: input.repo,
      number: input.number,
      labels: adds.map((i) => i.label),
      why: adds.map((i) => `${i.label}: ${i.why}`).join('; '),
    });
  }
  const removed = new Set<string>();
  for (const intent of intents.values()) {
    const present = current.get(intent.label.toLowerCase());
    if (intent.op === 'remove' && present !== undefined) {
      plan.push({ kind: 'remove-label', repo: input.repo, number: input.number, label: present, why: intent.why });
      removed.add(intent.label.toLowerCase());
    }
  }
  const held = [...adds.map((i) => i.label), ...input.currentLabels.filter((l) => !removed.has(l.toLowerCase()))];
  plan.push(...linkedComment(input, linkedGroups(held, index), new Set(adds.map((i) => i.charter.id))));
  plan.push(...groupReply(input, problems, reading, index));
  return plan;
}

/** Ownership: a group's `repos` on opened; its `paths` on a PR's opened and synchronize. */
function ownershipIntents(input: LinkingInput, index: GroupIndex): LabelIntent[] {
  const intents: LabelIntent[] = [];
  if (input.trigger === 'opened') {
    for (const charter of groupsOwningRepo(index.active, input.repo)) {
      intents.push({ op: 'add', label: groupLabel(charter.type, charter.id), charter, why: `opened in ${input.repo}, a repository the group owns` });
    }
  }
  if (input.kind === 'pull_request' && (input.trigger === 'opened' || input.trigger === 'synchronize')) {
    const removed = new Set((input.removedByPeople ?? []).map((l) => l.toLowerCase()));
    for (const { charter, file } of groupsMatchingFiles(index.active, input.changedFiles ?? [])) {
      const label = groupLabel(charter.type, charter.id);
      if (input.trigger === 'synchronize' && removed.has(label.toLowerCase())) continue;
      intents.push({ op: 'add', label, charter, why: `changes ${file}, in the group's paths` });
    }
  }
  return intents;
}

/** The commands this delivery runs: all of a new body or comment; on `edited`, only new ones. */
function commandsToRun(input: LinkingInput): GroupCommandReading {
  const runs = input.trigger === 'opened' || input.trigger === 'comment' || input.trigger === 'edited';
  if (!runs || input.body === undefined) return { commands: [], ...NO_BOUNDS };
  const reading = readGroupCommands(input.body);
  if (input.trigger !== 'edited') return reading;
  if (input.previousBody === undefined) return { commands: [], ...NO_BOUNDS };
  const before = new Set(readGroupCommands(input.previousBody).commands.flatMap(commandKeys));
  const commands = reading.commands.flatMap((c) => {
    if (c.ids.length === 0) return before.has(`${c.command} `) ? [] : [c];
    const ids = c.ids.filter((id) => !before.has(`${c.command} ${id}`));
    return ids.length > 0 ? [{ ...c, ids }] : [];
  });
  return { ...reading, commands };
}

function commandKeys(command: GroupCommand): string[] {
  return command.ids.length ? command.ids.map((id) => `${command.command} ${id}`) : [`${command.command} `];
}

/**
 * The active groups whose labels `labels` hold (classified as a hand-added label is, so a former
 * id's, a retired group's or another type's label links nothing), once each, in label order.
 */
function linkedGroups(labels: readonly string[], index: GroupIndex): Charter[] {
  const groups = new Map<string, Charter>();
  for (const label of labels) {
    const held = classifyHandLabel(label, index);
    if (held.kind === 'group' && !groups.has(held.charter.id)) groups.set(held.charter.id, held.charter);
  }
  return [...groups.values()];
}

/**
 * The link comment: once per group per issue, found by `linkedMarker`, for every group whose label
 * the work holds without it; off with `comment_on_label: false`. `gainedNow`: the groups whose
 * label this plan adds (the rest were there before and lacked their comment).
 */
function linkedComment(input: LinkingInput, held: readonly Charter[], gainedNow: ReadonlySet<string>): PlanAction[] {
  if (!input.config.linking.comment_on_label) return [];
  const fresh = held.filter((charter) => findMarkedComment(input.comments, linkedMarker(charter.id)) === undefined);
  if (fresh.length === 0) return [];
  const names = (list: readonly Charter[]) => list.map((c) => groupLabel(c.type, c.id)).join(', ');
  const before = fresh.filter((c) => !gainedNow.has(c.id));
  const thing = input.kind === 'issue' ? 'issue' : 'pull request';
  return [
    {
      kind: 'create-comment',
      repo: input.repo,
      number: input.number,
      body: linkedCommentBody(fresh, input.kind, input),
      why:
        before.length === 0
          ? `link to the charter of ${names(fresh)}, gained by this ${thing}`
          : before.length === fresh.length
            ? `link to the charter of ${names(fresh)}, whose label this ${thing} carries without its link comment`
            : `link to the charter of ${names(fresh)}: ${names(before)} carried without its link comment, the rest gained by this ${thing}`,
    },
  ];
}

/** The reply: one comment, found by `GROUP_REPLY_MARKER`, updated in place. */
function groupReply(input: LinkingInput, problems: readonly GroupProblem[], bounds: ReadingBounds, index: GroupIndex): PlanAction[] {
  if (problems.length === 0) return [];
  const body = groupReplyBody(problems, bounds, index.active);
  const why = `group commands or labels by @${input.actor} that could not be applied`;
  const existing = findMarkedComment(input.comments, GROUP_REPLY_MARKER);
  if (!existing) return [{ kind: 'create-comment', repo: input.repo, number: input.number, body, why }];
  if (existing.body === body) return [];
  return [{ kind: 'update-comment', repo: input.repo, comment_id: existing.id, body, why }];
}
