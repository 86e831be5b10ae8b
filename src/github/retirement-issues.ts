/**
 * Reading the App's own issues in the governance repository — retirement issues and the health
 * dashboard — by label through the issues connection (consistent at once, unlike search, so a
 * re-run right after a write sees what it wrote). The planner then matches them by hidden marker.
 */
import { DASHBOARD_LABEL, hasDashboardMarker, RETIREMENT_LABEL } from '../activity/markers.js';
import type { ExistingIssues, ExistingRetirementIssue } from '../activity/retirement.js';
import type { GitHub } from './client.js';
import { repoParams } from './client.js';
import type { GroupStewardGovernanceIssuesQuery } from './graphql-types.generated.js';

export const GOVERNANCE_ISSUES_QUERY = /* GraphQL */ `
  query GroupStewardGovernanceIssues($owner: String!, $name: String!, $labels: [String!], $cursor: String) {
    viewer { login }
    repository(owner: $owner, name: $name) {
      issues(labels: $labels, states: [OPEN, CLOSED], first: 100, after: $cursor, orderBy: { field: CREATED_AT, direction: DESC }) {
        pageInfo { hasNextPage endCursor }
        nodes {
          number
          title
          body
          state
          stateReason
          closedAt
          labels(first: 20) { nodes { name } }
          comments(last: 20) {
            nodes {
              body
            }
          }
          timelineItems(itemTypes: [CLOSED_EVENT], last: 1) {
            nodes { ... on ClosedEvent { actor { login } } }
          }
        }
      }
    }
  }
`;

/** Most pages read (100 issues each), newest first: the open ones are never cut off. */
const MAX_PAGES = 20;

/** What `readGovernanceIssues` read. */
export interface GovernanceIssues {
  existing: ExistingIssues;
  /**
   * Who reads and writes, as GraphQL's `viewer` names it: `<app>[bot]` for an App's installation
   * token, `github-actions[bot]` for Actions' token, a person's login for a personal token.
   */
  viewer: string;
  /** GraphQL requests made. */
  requests: number;
}

/**
 * The retirement issues (open and closed) and the dashboard of `repo`, and the viewer.
 * @throws the GraphQL or HTTP error when GitHub refuses the request
 */
export async function readGovernanceIssues(gh: GitHub, repo: string): Promise<GovernanceIssues> {
  const { owner, repo: name } = repoParams(repo);
  const retirement: ExistingRetirementIssue[] = [];
  let dashboard: ExistingIssues['dashboard'] = null;
  let cursor: string | null = null;
  let requests = 0;
  let viewer = '';
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const data: GroupStewardGovernanceIssuesQuery = await gh.graphql<GroupStewardGovernanceIssuesQuery>(GOVERNANCE_ISSUES_QUERY, { owner, name, labels: [RETIREMENT_LABEL, DASHBOARD_LABEL], cursor });
    requests += 1;
    viewer = data.viewer.login;
    const issues = data.repository?.issues;
    for (const raw of issues?.nodes ?? []) {
      if (!raw) continue;
      const labels = (raw.labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : []));
      if (!dashboard && raw.state === 'OPEN' && hasDashboardMarker(raw.body)) {
        dashboard = { number: raw.number, body: raw.body };
        continue;
      }
      retirement.push({
        number: raw.number,
        title: raw.title,
        body: raw.body,
        labels,
        state: raw.state === 'OPEN' ? 'open' : 'closed',
        stateReason: raw.stateReason ? (raw.stateReason.toLowerCase() as ExistingRetirementIssue['stateReason']) : null,
        closedAt: raw.closedAt,
        closedBy: raw.timelineItems.nodes?.at(-1)?.actor?.login ?? null,
        // The latest comments: where the App's closing comment is found by its marker (a cut before the close).
        comments: (raw.comments.nodes ?? []).flatMap((c) => (c ? [c.body] : [])),
      });
    }
    if (!issues?.pageInfo.hasNextPage) break;
    cursor = issues.pageInfo.endCursor;
  }
  return { existing: { retirement, dashboard }, viewer, requests };
}
