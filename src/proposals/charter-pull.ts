/**
 * One charter file on a branch the App owns, and one pull request from it (creation requests and
 * retirements both become reviewed pull requests: SEP-1302 § Lifecycle). Pure: what the branch
 * and the pull requests look like now in, the writes that make them match out — so a redelivered
 * event, an edit that changes nothing, or a second replica plans nothing.
 */
import { createHash } from 'node:crypto';
import type { Plan } from '../plan/actions.js';

/** The App's pull request from the branch, as read (`state` as GraphQL names it). */
export interface ExistingPull {
  number: number;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  title: string;
  body: string;
}

export interface CharterPullInput {
  /** `owner/name` of the governance repository. */
  repo: string;
  /** The default branch and its commit: where a new branch starts and what the pull request targets. */
  base: { branch: string; sha: string; files: ReadonlyMap<string, string> };
  /** The App's branch name (no `refs/heads/`) and, when it exists, the blob ids of its charters folder by file name. */
  branch: { name: string; files: ReadonlyMap<string, string> | null };
  /** The charters folder, e.g. `groups`; '' when the files are named by their paths (charter pages). */
  groupsDir: string;
  /**
   * The files to hold, each by its name in the folder and its whole text: the charter
   * (`<id>.yaml`) first, then whatever follows from it (the directory, `README.md`).
   */
  files: readonly { name: string; text: string }[];
  /** The commit's message, and who it names as author (the App commits). */
  commit: { message: string; author?: { name: string; email: string } };
  pull: { title: string; body: string };
  /**
   * The App's pull request from the branch that carries the change's marker, newest first; only
   * the first counts. A pull request is found by its branch and marker, never by title.
   */
  existing: ExistingPull | null;
  /**
   * What a closed or merged `existing` means: `stop` — the decision was made there, write nothing
   * (a creation request: reopening is the people's call); `restart` — a new decision: the branch
   * starts again from the base and a new pull request opens (a retirement decided again).
   */
  onClosed: 'stop' | 'restart';
  why: string;
}

export type CharterPullPlan =
  | { state: 'planned'; plan: Plan; /** The open pull request updated, or null when the plan opens one. */ pull: number | null }
  /** The change's pull request was closed without merging, or merged: nothing is written. */
  | { state: 'closed' | 'merged'; plan: []; pull: number };

/**
 * Plans the writes that leave the branch holding `file` (on top of whatever it holds) and one
 * open pull request from it with `pull`'s title and body:
 * - no branch: create it at the base commit, add the file, open the pull request;
 * - a branch: replace the file when its blob differs (compared by git blob id, so an unchanged
 *   file is not rewritten), delete the `.yaml` files the App added there for another name (files
 *   the base does not have), open the pull request when none is open, or update its title and
 *   body when they differ;
 * - a closed or merged pull request from the branch: with `onClosed: 'stop'` nothing (a person
 *   closed it: reopening is theirs to decide; a merged one is done) — never a second pull request;
 *   with `'restart'`, the branch is reset to the base commit and a new pull request opens.
 *
 * Cost: 1 write per file that differs, plus the branch and the pull request when new (3–4 for a
 * new proposal), fewer for an update.
 * Pure; never throws.
 */
export function planCharterPull(input: CharterPullInput): CharterPullPlan {
  const { repo, branch, why } = input;
  const closed = input.existing !== null && input.existing.state !== 'OPEN';
  if (closed && input.onClosed === 'stop') return { state: input.existing?.state === 'MERGED' ? 'merged' : 'closed', plan: [], pull: input.existing?.number as number };
  const plan: Plan = [];
  // A new decision after a closed or merged pull request starts the branch again from the base.
  let onBranch = branch.files;
  if (onBranch !== null && closed) {
    plan.push({ kind: 'reset-branch', repo, branch: branch.name, sha: input.base.sha, why });
    onBranch = input.base.files;
  }
  if (onBranch === null) plan.push({ kind: 'create-branch', repo, branch: branch.name, sha: input.base.sha, why });
  const wanted = new Set(input.files.map((f) => f.name));
  const pathOf = (name: string) => (input.groupsDir ? `${input.groupsDir}/${name}` : name);
  for (const file of input.files) {
    const current = onBranch ? onBranch.get(file.name) : input.base.files.get(file.name);
    if (current === gitBlobId(file.text)) continue;
    plan.push({
      kind: 'put-file',
      repo,
      branch: branch.name,
      path: pathOf(file.name),
      content: file.text,
      message: input.commit.message,
      ...(current !== undefined ? { sha: current } : {}),
      ...(input.commit.author ? { author: input.commit.author } : {}),
      why,
    });
  }
  const charter = input.files[0]?.name ?? '';
  for (const [name, oid] of onBranch ?? []) {
    if (wanted.has(name) || !/\.(?:yaml|mdx)$/.test(name) || input.base.files.has(name)) continue;
    plan.push({ kind: 'delete-file', repo, branch: branch.name, path: pathOf(name), sha: oid, message: `Remove ${pathOf(name)}: the proposal now names ${charter}`, why });
  }
  const open = closed ? null : input.existing;
  if (!open) {
    plan.push({ kind: 'create-pull', repo, head: branch.name, base: input.base.branch, title: input.pull.title, body: input.pull.body, why });
    return { state: 'planned', plan, pull: null };
  }
  const title = open.title !== input.pull.title ? { title: input.pull.title } : {};
  const body = open.body.replace(/\r\n/g, '\n') !== input.pull.body ? { body: input.pull.body } : {};
  if ('title' in title || 'body' in body) plan.push({ kind: 'update-pull', repo, number: open.number, ...title, ...body, why });
  return { state: 'planned', plan, pull: open.number };
}

/**
 * The git blob id of `text` (UTF-8): SHA-1 of `blob <bytes>\0<content>`, as GitHub's tree entries
 * name it. Pure.
 */
export function gitBlobId(text: string): string {
  const content = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/** Longest pull request title the App writes, in code points (GitHub allows 256). */
export const MAX_TITLE_LENGTH = 200;

/** `text` as one line of a title: line breaks become spaces, cut to `MAX_TITLE_LENGTH`. Pure. */
export function titleText(text: string): string {
  const flat = Array.from(text.replace(/[\r\n\u2028\u2029]+/g, ' ').trim());
  return flat.length > MAX_TITLE_LENGTH ? `${flat.slice(0, MAX_TITLE_LENGTH - 1).join('')}…` : flat.join('');
}
