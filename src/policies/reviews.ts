/**
 * What the approval rules share: each reviewer's standing opinion on a pull request, and lists of
 * logins compared ignoring case, as GitHub compares them. Logins reach the rules' Markdown
 * sentences through `src/markdown/escape.ts` (`mention`, `quietMention`) only. Pure.
 */
import { mention, quietMention } from '../markdown/escape.js';
import type { Review } from './policy.js';

/** A reviewer's standing opinion: approved, changes requested, or none (dismissed). */
export type Opinion = 'APPROVED' | 'CHANGES_REQUESTED' | 'DISMISSED';

const OPINIONS: ReadonlySet<string> = new Set<Opinion>(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);

/** A login's key: logins compare ignoring case. */
export const loginKey = (login: string): string => login.toLowerCase();

/**
 * Each reviewer's standing opinion, keyed by lower-cased login: their latest review that is not
 * `COMMENTED` (GitHub's "latest opinionated review": a comment after an approval leaves the approval
 * standing), latest by `submittedAt`, and by place in the list when a time is missing or equal.
 * `DISMISSED` withdraws an earlier opinion; unknown states (`PENDING`) are ignored. The proposer's
 * reviews are left out (GitHub never counts a pull request author's review).
 *
 * @param reviews  the pull request's reviews, in the order GitHub lists them (oldest first)
 * @param excluded who proposes — one login, or every author of the change — compared ignoring case
 */
export function standingOpinions(reviews: readonly Review[], excluded?: string | null | readonly string[]): Map<string, Opinion> {
  const left = new Set((typeof excluded === 'string' ? [excluded] : (excluded ?? [])).map(loginKey));
  const latest = new Map<string, { state: Opinion; at: number }>();
  for (const review of reviews) {
    const state = review.state.toUpperCase();
    const key = loginKey(review.login);
    if (!OPINIONS.has(state) || left.has(key)) continue;
    const at = review.submittedAt === null ? Number.NaN : Date.parse(review.submittedAt);
    const previous = latest.get(key);
    // Later in the list wins, unless both times are known and this one is earlier.
    if (previous && !Number.isNaN(at) && !Number.isNaN(previous.at) && at < previous.at) continue;
    latest.set(key, { state: state as Opinion, at });
  }
  return new Map([...latest].map(([key, { state }]) => [key, state]));
}

/** `logins` without repeats (ignoring case), first spelling kept. */
export function uniqueLogins(logins: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const login of logins) if (!seen.has(loginKey(login))) seen.set(loginKey(login), login);
  return [...seen.values()];
}

/** Whether `login` is one of `logins`, ignoring case. */
export function includesLogin(logins: readonly string[], login: string): boolean {
  const key = loginKey(login);
  return logins.some((l) => loginKey(l) === key);
}

/** `a`, `a and b`, `a, b and c`: names already escaped for Markdown. */
function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * `@a`, `@a and @b`, `@a, @b and @c`, as Markdown: each login through `mention`, so a string
 * that is not a GitHub login is echoed, never written as a mention.
 */
export function mentionList(logins: readonly string[]): string {
  return joinNames(logins.map(mention));
}

/**
 * Names without notifying them, as Markdown (`quietMention`: a word joiner after "@", as the
 * App's replies do; a string that is not a login is escaped): for sentences that say who may
 * act, where a mention would ping everyone named.
 */
export function quietList(logins: readonly string[]): string {
  return joinNames(logins.map(quietMention));
}
