/** The people a configuration names (`vote.moderators`, `vote.core_maintainers`, `vote.lead_maintainers`). */
import type { People as PolicyPeople } from '../policies/policy.js';
import type { Config, People } from './schema.js';

/**
 * The logins of `people`: the listed logins, or the members of the team as read from GitHub
 * (`team`; [] when the team could not be read or is not configured). Pure.
 */
export function peopleLogins(people: People | undefined, team: readonly string[] | undefined): string[] {
  if (!people) return [];
  return 'logins' in people ? [...people.logins] : [...(team ?? [])];
}

/**
 * The people a policy's rules name — moderators, core maintainers and lead maintainers
 * (`vote.moderators`, `vote.core_maintainers`, `vote.lead_maintainers`) — as logins, teams
 * resolved from what was read (`moderatorTeam`, `coreTeam`, `leadTeam`: a team's members). Pure.
 */
export function configuredPeople(vote: Config['vote'], teams: { moderatorTeam?: readonly string[]; coreTeam?: readonly string[]; leadTeam?: readonly string[] }): PolicyPeople {
  return {
    moderators: peopleLogins(vote.moderators, teams.moderatorTeam),
    core: peopleLogins(vote.core_maintainers, teams.coreTeam),
    leads: peopleLogins(vote.lead_maintainers, teams.leadTeam),
  };
}
