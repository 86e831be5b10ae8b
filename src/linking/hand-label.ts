/**
 * A label added to work by a person: is it a group's label? A label of an unknown or retired
 * group added by hand (`wg:nope`) gets the same reply as a command naming it.
 */
import type { Charter } from '../charters/schema.js';
import type { GroupIndex } from './group-index.js';
import type { Unlinkable } from './group-problem.js';
import { resolveGroupId } from './resolve-group.js';

export type HandLabel =
  /** Not a group label (no `wg:`/`ig:` prefix): none of the App's business. */
  | { kind: 'other' }
  /** The label of an active group. */
  | { kind: 'group'; charter: Charter }
  /** Looks like a group label, but links no active group. */
  | { kind: 'unlinkable'; resolution: Unlinkable };

/**
 * Classifies a label by its `wg:`/`ig:` prefix, ignoring case as GitHub does for label names
 * (`WG:Registry` is the label `wg:registry`). The id after the prefix is then resolved like a
 * command's, so a former id's label (`renamed`), a retired group's, the other type's or an
 * invalid one is `unlinkable`. Pure; never throws.
 */
export function classifyHandLabel(label: string, index: GroupIndex): HandLabel {
  const match = /^(wg|ig):(.*)$/s.exec(label.toLowerCase());
  if (!match) return { kind: 'other' };
  const resolution = resolveGroupId(match[2] as string, match[1] === 'wg' ? 'working' : 'interest', index);
  return resolution.status === 'active' ? { kind: 'group', charter: resolution.charter } : { kind: 'unlinkable', resolution };
}
