/**
 * The words of a verdict, shared by the evaluation (`evaluate.ts`) and the reasons it gives
 * (`verdict-reason.ts`): what a group is judged, and the latest human event it is judged on.
 */
import type { EventKind } from './snapshot.js';

export type Verdict = 'active' | 'idle' | 'completed' | 'grace' | 'unknown' | 'retired';

/** The latest human event on a group's GitHub work. `at` is ISO 8601 UTC. */
export interface WorkActivity {
  at: string;
  /** Login (or, for a commit, possibly a git author name); null when unknown. */
  actor: string | null;
  kind: EventKind;
  repo: string;
  number: number;
  url: string;
}

/** A meeting of the group held (issue 23): its start, ISO 8601 UTC. */
export interface MeetingActivity {
  at: string;
  actor: null;
  kind: 'meeting';
  /** The event's title (plain text from the calendar, at most 300 characters). */
  title: string;
  /** The event's page, else its feed. */
  url: string;
  feed: string;
}

/** A human message in the group's Discord channel (issue 23): when, never who or what. */
export interface MessageActivity {
  at: string;
  actor: null;
  kind: 'message';
  /** The channel's name, without `#`. */
  channel: string;
  /** The channel's address (`https://discord.com/channels/<guild>/<channel>`), or `discord:#<name>` when the guild is not known. */
  url: string;
}

/** The latest human activity of a group: on its GitHub work, a meeting held, or a Discord message. */
export type LastActivity = WorkActivity | MeetingActivity | MessageActivity;

/** `a meeting ("Auth IG", 2026-07-10)` / `a message in #auth-ig`: a meeting or message as a person reads it; plain text. */
export function describeEvidence(last: MeetingActivity | MessageActivity): string {
  return last.kind === 'meeting' ? `a meeting ("${last.title}")` : `a message in #${last.channel}`;
}
