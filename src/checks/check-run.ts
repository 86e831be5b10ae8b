/**
 * What a check run of this App is, as data: the names it posts under, its status and conclusion,
 * its output and annotations in GitHub's shape. Plain types and constants: the reports build them,
 * the plan carries them (`create-check-run`, `update-check-run`), the executor sends them.
 */

/** The creation vote's check-run name (SEP-1302 § Lifecycle); the GraphQL reads look existing runs up by it. */
export const VOTE_CHECK_RUN_NAME = 'Group creation vote';

/** `completed` with a conclusion, or `in_progress` (an open vote, a pending approval). */
export type CheckRunStatus = 'completed' | 'in_progress';

export type CheckRunConclusion = 'success' | 'failure' | 'neutral';

/** One annotation, as GitHub's check-run API takes it. */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
}

export interface CheckRunOutput {
  title: string;
  /** Markdown; cut to GitHub's byte limit when sent. */
  summary: string;
  /** Sent 50 per request (the first batch with the creation, the rest in updates). */
  annotations?: Annotation[];
}
