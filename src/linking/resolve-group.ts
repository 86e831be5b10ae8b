/**
 * What an id typed in a command, or read from a label, refers to: an active group, a retired
 * one, a former id of a group (or a retired group whose `retired.successor` took its work over:
 * SEP-2149's folds and merges), a group of the other type, or nothing.
 */
import { ID_PATTERN, MAX_ID_LENGTH } from '../charters/schema.js';
import type { Charter, GroupType } from '../charters/schema.js';
import type { GroupIndex } from './group-index.js';

export type GroupResolution =
  /** An active group of the expected type. */
  | { status: 'active'; charter: Charter }
  /** A former id of an active group of the expected type: `charter` has it now. */
  | { status: 'renamed'; charter: Charter }
  /** Not a group id at all: not kebab-case ASCII, or too long. `hint`: a known id it resembles. */
  | { status: 'invalid'; hint?: string }
  /** A well-formed id no group has or had. */
  | { status: 'unknown' }
  /** The group (found by id or former id) is retired. */
  | { status: 'retired'; charter: Charter }
  /** An active group of the other type (`/wg` naming an interest group, or the reverse). */
  | { status: 'wrong-type'; charter: Charter };

/**
 * Resolves `id`, as typed, for a group of `type`. The id must match `ID_PATTERN` exactly: an
 * uppercase id, a Unicode look-alike (Cyrillic `а`, fullwidth `ｒ`) or an id with punctuation is
 * `invalid` — never normalised into a valid one. A `hint` (the NFKC, lowercased form, when that
 * names a group) is offered for the reply only.
 *
 * Pure; never throws. Source: `ID_PATTERN` (charter schema).
 */
export function resolveGroupId(id: string, type: GroupType, index: GroupIndex): GroupResolution {
  if (id.length > MAX_ID_LENGTH || !ID_PATTERN.test(id)) {
    const guess = id.slice(0, 4 * MAX_ID_LENGTH).normalize('NFKC').toLowerCase();
    const known = index.byId.get(guess) ?? index.byPreviousId.get(guess);
    return known && known.status === 'active' ? { status: 'invalid', hint: known.id } : { status: 'invalid' };
  }
  const current = index.byId.get(id);
  const charter = current ?? index.byPreviousId.get(id);
  if (!charter) return { status: 'unknown' };
  if (charter.status === 'retired') {
    // A retired group whose work went on (`retired.successor`, followed through renames and folds)
    // to an active group of this type: the command means that group, as a former id does.
    const heir = successorOf(charter, index);
    return heir && heir.type === type ? { status: 'renamed', charter: heir } : { status: 'retired', charter };
  }
  if (charter.type !== type) return { status: 'wrong-type', charter };
  return current ? { status: 'active', charter } : { status: 'renamed', charter };
}

/** The active group `retired.successor` leads to from `charter` (at most 20 steps; a cycle leads nowhere), or null. */
function successorOf(charter: Charter, index: GroupIndex): Charter | null {
  let current: Charter | undefined = charter;
  for (let step = 0; step < 20 && current; step += 1) {
    if (current.status === 'active') return current;
    const next: string | undefined = current.retired?.successor;
    current = next === undefined ? undefined : index.byId.get(next);
  }
  return null;
}
