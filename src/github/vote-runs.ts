/**
 * This App's "Group creation vote" check runs as GraphQL reads them in a commit's check suites:
 * one fragment, shared by the pull-request read and the search for open votes, and the helpers
 * that pick this App's runs out of it.
 */

/** The creation vote's check-run name (the queries look existing runs up by it). */
export const VOTE_CHECK_RUN_NAME = 'Group creation vote';

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

/** The fragment's raw answer. */
export type RawSuite = {
  app: { slug: string } | null;
  checkRuns: { nodes: ({ databaseId: number | null; status?: string; startedAt?: string | null } | null)[] } | null;
} | null;

type VoteRun = { id: number; status: string | undefined; startedAt: string | null };

/**
 * This App's vote runs in `suites`: a suite's app slug equals the viewer's login (GraphQL names the
 * App's bot `slug`; REST would say `slug[bot]`). Sorted by id (creation order).
 */
export function ownVoteRuns(viewer: string | undefined, suites: readonly RawSuite[] | null | undefined): VoteRun[] {
  if (!viewer) return [];
  const slug = viewer.replace(/\[bot\]$/, '');
  return (suites ?? [])
    .filter((s) => s?.app?.slug === slug)
    .flatMap((s) => s?.checkRuns?.nodes ?? [])
    .flatMap((r) => (r?.databaseId ? [{ id: r.databaseId, status: r.status, startedAt: r.startedAt ?? null }] : []))
    .sort((a, b) => a.id - b.id);
}

/** The earliest start among `runs`, or null. */
export function firstStart(runs: readonly VoteRun[]): string | null {
  const starts = runs.flatMap((r) => (r.startedAt ? [r.startedAt] : [])).sort((a, b) => Date.parse(a) - Date.parse(b));
  return starts[0] ?? null;
}
