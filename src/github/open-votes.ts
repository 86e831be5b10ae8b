/**
 * Finding open creation votes: open pull requests whose head commit carries this App's
 * "Group creation vote" check run still in progress. One GraphQL request per 50 pull requests.
 */
import type { GitHub } from './client.js';
import type { PullRef } from './pulls.js';
import { ownVoteRuns, VOTE_RUNS_FRAGMENT } from './vote-runs.js';
import type { GroupStewardOpenVotesQuery } from './graphql-types.generated.js';

export const OPEN_VOTES_QUERY = /* GraphQL */ `
  query GroupStewardOpenVotes($owner: String!, $name: String!, $cursor: String) {
    viewer {
      login
    }
    repository(owner: $owner, name: $name) {
      pullRequests(states: OPEN, first: 50, after: $cursor) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          number
          headRefOid
          baseRefOid
          commits(last: 1) {
            nodes {
              commit {
                checkSuites(first: 20) {
                  nodes {
                    ...VoteRuns
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  ${VOTE_RUNS_FRAGMENT}
`;

/** Most pages read (50 open pull requests each) in one call. */
const MAX_PAGES = 20;

/**
 * Open pull requests with an open creation vote of this App.
 * @throws the GraphQL or HTTP error when GitHub refuses the request
 */
export async function findOpenVotes(gh: GitHub, owner: string, repo: string): Promise<PullRef[]> {
  const found: PullRef[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const data: GroupStewardOpenVotesQuery = await gh.graphql<GroupStewardOpenVotesQuery>(OPEN_VOTES_QUERY, { owner, name: repo, cursor });
    const pulls = data.repository?.pullRequests;
    for (const pr of pulls?.nodes ?? []) {
      const suites = pr?.commits.nodes?.[0]?.commit.checkSuites?.nodes;
      if (pr && ownVoteRuns(data.viewer.login, suites).some((r) => r.status === 'IN_PROGRESS')) {
        found.push({ number: pr.number, headSha: pr.headRefOid, baseSha: pr.baseRefOid });
      }
    }
    if (!pulls?.pageInfo.hasNextPage) break;
    cursor = pulls.pageInfo.endCursor;
  }
  return found;
}
