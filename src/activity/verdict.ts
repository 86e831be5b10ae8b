/**
 * The words of a verdict, shared by the evaluation (`evaluate.ts`) and the reasons it gives
 * (`verdict-reason.ts`): what a group is judged, and the latest human event it is judged on.
 */
import type { EventKind } from './snapshot.js';

export type Verdict = 'active' | 'idle' | 'completed' | 'grace' | 'unknown' | 'retired';

/** The latest human event on a group's work. `at` is ISO 8601 UTC. */
export interface LastActivity {
  at: string;
  /** Login (or, for a commit, possibly a git author name); null when unknown. */
  actor: string | null;
  kind: EventKind;
  repo: string;
  number: number;
  url: string;
}
