/** The people a configuration names (`vote.moderators`, `vote.core_maintainers`). */
import type { People } from './schema.js';

/**
 * The logins of `people`: the listed logins, or the members of the team as read from GitHub
 * (`team`; [] when the team could not be read or is not configured). Pure.
 */
export function peopleLogins(people: People | undefined, team: readonly string[] | undefined): string[] {
  if (!people) return [];
  return 'logins' in people ? [...people.logins] : [...(team ?? [])];
}
