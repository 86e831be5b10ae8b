/**
 * This App's check runs as GraphQL reads them in a commit's check suites: the "Group creation vote"
 * fragment, shared by the pull-request read and the search for open votes, the fragment of a
 * commit's latest runs by name, and the helpers that pick this App's runs out of them.
 */
import { VOTE_CHECK_RUN_NAME } from '../checks/check-run.js';
import { withoutBotSuffix } from '../logins.js';
import type { OwnRunsFragment, VoteRunsFragment } from './graphql-types.generated.js';

/** Spread `...VoteRuns` on a `CheckSuite`, and append this to the query. */
export const VOTE_RUNS_FRAGMENT = /* GraphQL */ `
  fragment VoteRuns on CheckSuite {
    app {
      slug
    }
    checkRuns(first: 5, filterBy: { checkName: "${VOTE_CHECK_RUN_NAME}" }) {
      nodes {
        databaseId
        status
        startedAt
      }
    }
  }
`;

/**
 * A commit's latest check run of each name, to spread as `...OwnRuns` on a `CheckSuite`: where the
 * charter check finds this App's runs still in progress (a vote, a pending sponsorship or
 * approval) to update them in place. 50 names per suite is far more than the App posts.
 */
export const OWN_RUNS_FRAGMENT = /* GraphQL */ `
  fragment OwnRuns on CheckSuite {
    app {
      slug
    }
    checkRuns(first: 50, filterBy: { checkType: LATEST }) {
      nodes {
        name
        databaseId
        status
        startedAt
        externalId
      }
    }
  }
`;

/** A check suite as either fragment reads it (`VoteRuns` lacks the run's name: it filters by it). */
export type RawSuite = VoteRunsFragment | OwnRunsFragment | null;

/** A run as either fragment reads it. */
type RawRun = { name?: string; databaseId: number | null; status: string; startedAt: string | null; externalId?: string | null };

type VoteRun = { id: number; name: string | undefined; status: string | undefined; startedAt: string | null };

/**
 * This App's vote runs in `suites`: a suite's app slug equals the viewer's login (GraphQL names the
 * App's bot `slug`; REST would say `slug[bot]`). Sorted by id (creation order).
 */
export function ownVoteRuns(viewer: string | undefined, suites: readonly RawSuite[] | null | undefined): VoteRun[] {
  if (!viewer) return [];
  const slug = withoutBotSuffix(viewer);
  return (suites ?? [])
    .filter((s) => s?.app?.slug === slug)
    .flatMap((s): readonly (RawRun | null)[] => s?.checkRuns?.nodes ?? [])
    .flatMap((r) => (r?.databaseId ? [{ id: r.databaseId, name: r.name, status: r.status, startedAt: r.startedAt ?? null }] : []))
    .sort((a, b) => a.id - b.id);
}

/**
 * This App's check runs still in progress in `suites` (read with `OWN_RUNS_FRAGMENT`), by name: the
 * newest run of each name, when it is not completed. A completed run cannot be reopened, so only
 * these are updated in place; any other verdict is a new run. Pure.
 */
export function ownOpenRuns(viewer: string | undefined, suites: readonly RawSuite[] | null | undefined): Map<string, number> {
  const open = new Map<string, number>();
  const newest = new Map<string, VoteRun>();
  for (const run of ownVoteRuns(viewer, suites)) if (run.name !== undefined) newest.set(run.name, run);
  for (const [name, run] of newest) if (run.status !== 'COMPLETED') open.set(name, run.id);
  return open;
}

/** One of this App's check runs as posted: its id, status (GraphQL's: `COMPLETED`, `IN_PROGRESS`, …) and `external_id`. */
export interface PostedCheckRun {
  id: number;
  status: string;
  externalId: string | null;
}

/**
 * This App's newest check run of each name in `suites` (read with `OWN_RUNS_FRAGMENT`), completed
 * or not: what the charter check compares its plan with, so that a run already posted with the
 * same content is not posted again. Pure.
 */
export function ownLatestRuns(viewer: string | undefined, suites: readonly RawSuite[] | null | undefined): Map<string, PostedCheckRun> {
  const latest = new Map<string, PostedCheckRun>();
  if (!viewer) return latest;
  const slug = withoutBotSuffix(viewer);
  const runs = (suites ?? [])
    .filter((s) => s?.app?.slug === slug)
    .flatMap((s): readonly (RawRun | null)[] => s?.checkRuns?.nodes ?? [])
    .flatMap((r) => (r?.databaseId && r.name !== undefined ? [{ name: r.name, id: r.databaseId, status: r.status, externalId: r.externalId ?? null }] : []))
    .sort((a, b) => a.id - b.id);
  for (const run of runs) latest.set(run.name, { id: run.id, status: run.status, externalId: run.externalId });
  return latest;
}

/** The earliest start among `runs`, or null. */
export function firstStart(runs: readonly VoteRun[]): string | null {
  const starts = runs.flatMap((r) => (r.startedAt ? [r.startedAt] : [])).sort((a, b) => Date.parse(a) - Date.parse(b));
  return starts[0] ?? null;
}
