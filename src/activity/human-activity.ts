/**
 * What counts as human activity (after SEP-1302 § WG Lifecycle: "a WIP Issue/PR"):
 * an issue or pull request opened, a comment, a review, a commit pushed, closed, merged or
 * reopened, by an actor who is not a bot. Labelling is never activity, and neither is anything on
 * the App's own issues (its retirement issues and dashboard). Counting bots and labels is the top
 * complaint about stale bots.
 */
import { DASHBOARD_LABEL, hasLabel, RETIREMENT_LABEL } from './markers.js';
import type { EventKind, SnapshotEvent, SnapshotItem } from './snapshot.js';
import { withoutBotSuffix } from '../logins.js';

/** Event kinds that are activity when a human does them; `labeled` is not among them. */
export const HUMAN_ACTIVITY_KINDS: ReadonlySet<EventKind> = new Set(['opened', 'comment', 'review', 'commit', 'closed', 'merged', 'reopened']);

/** Who is a bot, decided once per run. */
export interface BotPolicy {
  /** Logins from config (`activity.bot_logins`), compared ignoring case. */
  botLogins: readonly string[];
  /** The App's login, e.g. `group-steward`; both `name` and `name[bot]` are the App. */
  appLogin?: string;
}

/** A compiled `BotPolicy`: lower-cased login sets. */
export interface ActorJudge {
  isBot(actor: string | null, actorType: SnapshotEvent['actor_type']): boolean;
  isApp(actor: string | null | undefined): boolean;
}

/**
 * Compiles the bot rules: an actor is a bot when its type is `Bot`, its login ends in `[bot]`, it
 * is listed in `botLogins` (ignoring case), or it is the App (`name` or `name[bot]`). A null
 * (unknown) actor, and `ghost` (GitHub's deleted account), count as human.
 */
export function actorJudge(policy: BotPolicy): ActorJudge {
  const app = new Set<string>();
  if (policy.appLogin) {
    const base = withoutBotSuffix(policy.appLogin).toLowerCase();
    app.add(base).add(`${base}[bot]`);
  }
  const bots = new Set(policy.botLogins.map((l) => l.toLowerCase()));
  const isApp = (actor: string | null | undefined) => typeof actor === 'string' && app.has(actor.toLowerCase());
  return {
    isApp,
    isBot(actor, actorType) {
      if (actorType === 'Bot') return true;
      if (actor === null) return false;
      const login = actor.toLowerCase();
      return login.endsWith('[bot]') || bots.has(login) || app.has(login);
    },
  };
}

/**
 * True when the event is human activity: a counted kind, by an actor who is not a bot. An actor of
 * type `Unknown` (a squash merge read from git history, whose merger git does not record: a person
 * or a merge bot) is neither: it proves nothing either way.
 */
export function isHumanActivity(event: SnapshotEvent, judge: ActorJudge): boolean {
  return HUMAN_ACTIVITY_KINDS.has(event.kind) && event.actor_type !== 'Unknown' && !judge.isBot(event.actor, event.actor_type);
}

/**
 * True when the item is the App's own: labelled `group-retirement` or `group-dashboard`, or opened
 * by the App (its `author`, or when that is absent, the actor of its `opened` event). Such an item
 * is no group's work, whoever comments on it. The labels decide without the App's login, so a
 * recorded snapshot replayed offline (where the login is unknown) judges as the live run did.
 */
export function isAppOwnItem(item: SnapshotItem, judge: ActorJudge): boolean {
  if (hasLabel(item.labels, RETIREMENT_LABEL) || hasLabel(item.labels, DASHBOARD_LABEL)) return true;
  const author = item.author !== undefined ? item.author : item.events.find((e) => e.kind === 'opened')?.actor;
  return judge.isApp(author);
}

/**
 * The item's latest human event at or before `notAfterMs` (the first of equal instants), or null;
 * `at` in UTC ms. An event dated after the instant judged (a wrong clock, a replay with an earlier
 * `--now`) is not evidence of activity at that instant.
 */
export function latestHumanEvent(item: SnapshotItem, judge: ActorJudge, notAfterMs = Number.POSITIVE_INFINITY): { event: SnapshotEvent; at: number } | null {
  let best: { event: SnapshotEvent; at: number } | null = null;
  for (const event of item.events) {
    if (!isHumanActivity(event, judge)) continue;
    const at = Date.parse(event.at);
    if (at > notAfterMs) continue;
    if (best === null || at > best.at) best = { event, at };
  }
  return best;
}
