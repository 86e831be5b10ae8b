/**
 * Who may remove a group label by command. Issue 4 § Linking: anyone may add a group label
 * (as Prow's `/sig` allows); removing one needs write access to the repository or being the
 * group's facilitator, configurable as `linking.remove_requires`.
 */
import { groupLeaders } from '../charters/schema.js';
import type { Charter } from '../charters/schema.js';
import type { Config } from '../config/schema.js';

/**
 * Whether `actor` may remove `charter`'s label:
 * - `anyone`: everyone;
 * - `write`: people with write access (`actorCanWrite`, from the repository permission);
 * - `write-or-facilitator` (default): those, and the group's facilitators (logins compared
 *   ignoring case, as GitHub's are). A group's maintainers are not facilitators here.
 *
 * Pure; never throws.
 */
export function mayRemoveGroupLabel(
  rule: Config['linking']['remove_requires'],
  actor: string,
  actorCanWrite: boolean,
  charter: Charter,
): boolean {
  if (rule === 'anyone' || actorCanWrite) return true;
  if (rule === 'write') return false;
  const login = actor.toLowerCase();
  return groupLeaders(charter).some((f) => f.toLowerCase() === login);
}
