/**
 * Who may remove a group label by command. Anyone may add a group label (as Prow's `/sig`
 * allows); removing one needs write access to the repository or being the group's facilitator,
 * configurable as `linking.remove_requires`: a label links work to a group's charter, and
 * taking it away is the group's or the maintainers' decision.
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
  charter: Charter,
  { actor, actorCanWrite }: { actor: string; actorCanWrite: boolean },
): boolean {
  if (rule === 'anyone' || actorCanWrite) return true;
  if (rule === 'write') return false;
  const login = actor.toLowerCase();
  return groupLeaders(charter).some((f) => f.toLowerCase() === login);
}
