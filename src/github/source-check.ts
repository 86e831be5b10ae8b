/**
 * The repository check of a live activity read: before any search, every repository the groups'
 * sources name is looked up in one aliased GraphQL request, so a repository that does not exist,
 * that the installation cannot read, or that was renamed is known as such — and left out of the
 * searches — instead of reading as a repository where nothing happened (SEP-1302 § WG Lifecycle:
 * a group is idle only when its work shows no activity, not when its work could not be seen).
 */
import type { GitHub } from './client.js';
import { aliasedRead } from './graphql-errors.js';
import type { CheckedRepositoryFragment, RepositoryCategoriesFragment } from './graphql-types.generated.js';

/** A Discussions category as GitHub names it. */
export interface DiscussionCategory {
  id: string;
  name: string;
  slug: string;
}

/** What the check found of one repository. */
export type RepoCheck =
  | {
      readable: true;
      /** `owner/name` as GitHub spells it. */
      name: string;
      /** Only for a repository checked `withDiscussions`. */
      discussions?: { enabled: boolean; categories: DiscussionCategory[] };
    }
  | {
      readable: false;
      /** For a person: why its sources are not read. */
      why: string;
      /** True when GitHub answered for this repository (not found, not readable, renamed): a person can fix it; false when the request failed. */
      answered: boolean;
    };

/** Repositories checked per request: one request for any realistic set of groups. */
const REPOS_PER_REQUEST = 100;

/** The repository check of `count` repositories; those flagged in `withDiscussions` also list their Discussions categories. */
export function sourcesQuery(withDiscussions: readonly boolean[]): string {
  const vars = withDiscussions.map((_, i) => `$o${i}: String!, $n${i}: String!`).join(', ');
  const fields = withDiscussions
    .map((discussions, i) => `r${i}: repository(owner: $o${i}, name: $n${i}) { ...CheckedRepository${discussions ? ' ...RepositoryCategories' : ''} }`)
    .join('\n    ');
  return `query GroupStewardSources(${vars}) {\n    ${fields}\n  }\n${CHECKED_REPOSITORY}${withDiscussions.includes(true) ? REPOSITORY_CATEGORIES : ''}`;
}

const CHECKED_REPOSITORY = /* GraphQL */ `
  fragment CheckedRepository on Repository {
    nameWithOwner
  }
`;

const REPOSITORY_CATEGORIES = /* GraphQL */ `
  fragment RepositoryCategories on Repository {
    hasDiscussionsEnabled
    discussionCategories(first: 100) {
      nodes {
        id
        name
        slug
      }
    }
  }
`;

/** One alias's answer (`r<i>`): the categories only for a repository checked with them. */
type RawRepo = CheckedRepositoryFragment & Partial<RepositoryCategoriesFragment>;

/**
 * Checks repositories (`owner/name`, each once, compared ignoring case), 100 per GraphQL request
 * (`GroupStewardSources`).
 *
 * @param repos the repositories, with whether their Discussions categories are wanted
 * @returns by lower-cased `owner/name`: readable (with GitHub's spelling and the categories), or
 *   not, with why — "not found or not readable by this installation" (GitHub's NOT_FOUND), a name
 *   GitHub resolves to another repository (renamed or transferred: its items carry the new name,
 *   which the charter does not), or the error of a failed request; and the GraphQL requests made
 * @throws the HTTP error of bad credentials (401), or an error that is not GitHub's answer
 */
export async function checkRepositories(gh: GitHub, repos: readonly { repo: string; discussions: boolean }[]): Promise<{ checks: Map<string, RepoCheck>; requests: number }> {
  const checks = new Map<string, RepoCheck>();
  let requests = 0;
  for (let start = 0; start < repos.length; start += REPOS_PER_REQUEST) {
    const chunk = repos.slice(start, start + REPOS_PER_REQUEST);
    const variables: Record<string, string> = {};
    chunk.forEach(({ repo }, i) => {
      const [owner = '', name = ''] = repo.split('/');
      variables[`o${i}`] = owner;
      variables[`n${i}`] = name;
    });
    requests += 1;
    const read = await aliasedRead<Record<string, RawRepo | null>>(gh, sourcesQuery(chunk.map((r) => r.discussions)), variables);
    if (!read.ok) {
      for (const { repo } of chunk) checks.set(repo.toLowerCase(), { readable: false, why: `the repository check failed: ${read.message}`, answered: false });
      continue;
    }
    const { data, byAlias } = read;
    chunk.forEach(({ repo, discussions }, i) => {
      const node = data[`r${i}`];
      const failure = byAlias.get(`r${i}`);
      let check: RepoCheck;
      if (!node || (failure && failure.type === 'NOT_FOUND')) {
        check = { readable: false, why: failure && failure.type !== 'NOT_FOUND' ? failure.message : 'not found or not readable by this installation', answered: true };
      } else if (node.nameWithOwner.toLowerCase() !== repo.toLowerCase()) {
        check = { readable: false, why: `GitHub answers with ${node.nameWithOwner} (renamed or transferred), whose items the charter's name does not match`, answered: true };
      } else {
        const categories = (node.discussionCategories?.nodes ?? []).flatMap((c) => (c ? [c] : []));
        check = { readable: true, name: node.nameWithOwner, ...(discussions ? { discussions: { enabled: node.hasDiscussionsEnabled === true, categories } } : {}) };
      }
      checks.set(repo.toLowerCase(), check);
    });
  }
  return { checks, requests };
}
