/**
 * The configured people teams (`vote.moderators`, `vote.core_maintainers`, `vote.lead_maintainers`
 * given as `{ team }`), read inside another GraphQL request as three aliased `organization` fields:
 * the pull-request check's read and the governance loop's branch read both carry them. A team that cannot be read
 * (a user-owned repository, a wrong slug, no "Members: read") fails only what needs it.
 */
import { GraphqlResponseError } from '@octokit/graphql';
import type { GitHub } from './client.js';
import { errorsByAlias, failureMessage } from './graphql-errors.js';
import type { GroupStewardPullRequestChartersQuery } from './graphql-types.generated.js';
import type { Config, People } from '../config/schema.js';

/** The variables `VOTER_TEAMS_FIELDS` uses, to put in the operation's variable list. */
export const VOTER_TEAMS_VARIABLES = /* GraphQL */ `
    $org: String!
    $moderatorTeam: String!
    $withModeratorTeam: Boolean!
    $coreTeam: String!
    $withCoreTeam: Boolean!
    $leadTeam: String!
    $withLeadTeam: Boolean!
`;

/** The aliased fields, to put at the query's top level; its variables come from `voterTeamVariables`. */
export const VOTER_TEAMS_FIELDS = (
  [
    ['moderators', 'moderatorTeam', 'withModeratorTeam'],
    ['core', 'coreTeam', 'withCoreTeam'],
    ['leads', 'leadTeam', 'withLeadTeam'],
  ] as const
)
  .map(([alias, slug, include]) => /* GraphQL */ `
    ${alias}: organization(login: $org) @include(if: $${include}) {
      team(slug: $${slug}) {
        members(first: 100) {
          totalCount
          nodes {
            login
          }
        }
      }
    }`)
  .join('');

/** The team slugs to read (absent: that people list is not a team). */
export interface VoterTeamSlugs {
  moderatorTeam?: string;
  coreTeam?: string;
  leadTeam?: string;
}

/** The team slugs a configuration names (`vote.moderators`, `vote.core_maintainers`, `vote.lead_maintainers` given as `{ team }`). Pure. */
export function voterTeamSlugs(config: Config): VoterTeamSlugs {
  const team = (p: People | undefined) => (p && 'team' in p ? p.team : undefined);
  const slugs: VoterTeamSlugs = {};
  const moderatorTeam = team(config.vote.moderators);
  const coreTeam = team(config.vote.core_maintainers);
  const leadTeam = team(config.vote.lead_maintainers);
  if (moderatorTeam !== undefined) slugs.moderatorTeam = moderatorTeam;
  if (coreTeam !== undefined) slugs.coreTeam = coreTeam;
  if (leadTeam !== undefined) slugs.leadTeam = leadTeam;
  return slugs;
}

/** The query variables of `VOTER_TEAMS_FIELDS` for the organization `org`. */
export function voterTeamVariables(org: string, slugs: VoterTeamSlugs) {
  return {
    org,
    moderatorTeam: slugs.moderatorTeam ?? '',
    coreTeam: slugs.coreTeam ?? '',
    leadTeam: slugs.leadTeam ?? '',
    withModeratorTeam: slugs.moderatorTeam !== undefined,
    withCoreTeam: slugs.coreTeam !== undefined,
    withLeadTeam: slugs.leadTeam !== undefined,
  };
}

/** The teams as read: members (up to 100 each), why a team could not be read, whether one was larger. */
export interface VoterTeams {
  moderatorTeam?: string[];
  coreTeam?: string[];
  leadTeam?: string[];
  /** Why a configured team could not be read. */
  teamError?: string;
  /** A team with more members than one request reads (100): who else is in it was not seen. */
  teamIncomplete?: string;
}

const TEAM_ALIASES = new Set(['moderators', 'core', 'leads']);

/** One team alias's answer; the same selection in every query that carries `VOTER_TEAMS_FIELDS`. */
type RawOrg = NonNullable<GroupStewardPullRequestChartersQuery['moderators']>;

/**
 * Sends `query` (which holds `VOTER_TEAMS_FIELDS`) and returns its data with the teams it read.
 * GraphQL errors only under the team fields are kept as `teamError`, with the rest of the data.
 *
 * @throws the GraphQL or HTTP error GitHub answers with, when any other part failed
 */
export async function graphqlWithVoterTeams<T extends { repository?: unknown }>(gh: GitHub, query: string, variables: Record<string, unknown>, slugs: VoterTeamSlugs): Promise<{ data: T; teams: VoterTeams }> {
  let data: T & { moderators?: RawOrg | null; core?: RawOrg | null; leads?: RawOrg | null };
  let teamError: string | undefined;
  try {
    data = await gh.graphql<typeof data>(query, variables);
  } catch (error) {
    const byAlias = errorsByAlias(error);
    const partial = error instanceof GraphqlResponseError ? (error.data as typeof data | undefined) : undefined;
    if (!partial?.repository || byAlias === null || ![...byAlias.keys()].every((alias) => TEAM_ALIASES.has(alias))) throw error;
    data = partial;
    teamError = failureMessage(error);
  }
  const teams: VoterTeams = {};
  for (const [who, org, slug] of [['moderators', data.moderators, slugs.moderatorTeam], ['core maintainers', data.core, slugs.coreTeam], ['lead maintainers', data.leads, slugs.leadTeam]] as const) {
    const members = org?.team?.members;
    const read = members?.nodes?.length ?? 0;
    if (slug !== undefined && members && members.totalCount > read) teams.teamIncomplete = `the ${who}' team "${slug}" has ${members.totalCount} members; Group Steward read ${read}`;
  }
  try {
    if (teamError === undefined && slugs.moderatorTeam !== undefined) teams.moderatorTeam = teamLogins(data.moderators, slugs.moderatorTeam);
    if (teamError === undefined && slugs.coreTeam !== undefined) teams.coreTeam = teamLogins(data.core, slugs.coreTeam);
    if (teamError === undefined && slugs.leadTeam !== undefined) teams.leadTeam = teamLogins(data.leads, slugs.leadTeam);
  } catch (error) {
    teamError = (error as Error).message;
  }
  if (teamError !== undefined) teams.teamError = teamError;
  return { data, teams };
}

function teamLogins(org: RawOrg | null | undefined, slug: string): string[] {
  if (!org?.team) throw new Error(`the team "${slug}" was not found in the organization, or the App cannot read its members (needs the organization "Members: read" permission)`);
  return (org.team.members.nodes ?? []).flatMap((m) => (m ? [m.login] : []));
}
