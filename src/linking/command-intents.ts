/**
 * Group commands → label intents and problems: `/wg` and `/ig` add, `/remove-wg` and
 * `/remove-ig` remove (when the actor may), and every id that names no active group of the
 * command's type is a problem for the reply.
 */
import { groupLabel } from '../charters/schema.js';
import type { GroupType } from '../charters/schema.js';
import type { Config } from '../config/schema.js';
import type { GroupCommand } from './commands.js';
import type { GroupIndex } from './group-index.js';
import type { GroupProblem } from './group-problem.js';
import type { LabelIntent } from './label-intent.js';
import { mayRemoveGroupLabel } from './removal-permission.js';
import { resolveGroupId } from './resolve-group.js';

export interface CommandContext {
  index: GroupIndex;
  actor: string;
  actorCanWrite: boolean;
  /** Who may remove a group label: the configuration's `linking.remove_requires`. */
  removeRequires: Config['linking']['remove_requires'];
  /** Whether the work carries `label` now (ignoring case). */
  hasLabel: (label: string) => boolean;
}

/**
 * Evaluates commands in order. `/wg` ids must name active working groups and `/ig` ids active
 * interest groups (a former id counts for its group); anyone may add. A removal the actor may not
 * make (see `mayRemoveGroupLabel`) is a problem only when the label is there to remove; otherwise
 * it is a no-op. Every other id is a problem and links nothing. Intents come in command order:
 * a later one for the same label overrides an earlier one. Pure; never throws.
 */
export function evaluateGroupCommands(
  commands: readonly GroupCommand[],
  context: CommandContext,
): { intents: LabelIntent[]; problems: GroupProblem[] } {
  const intents: LabelIntent[] = [];
  const problems: GroupProblem[] = [];
  for (const { command, ids, line } of commands) {
    if (ids.length === 0) problems.push({ kind: 'command-empty', command, line });
    const removing = command.startsWith('remove-');
    const type: GroupType = command.endsWith('wg') ? 'working' : 'interest';
    for (const id of ids) {
      const resolution = resolveGroupId(id, type, context.index);
      if (resolution.status !== 'active' && resolution.status !== 'renamed') {
        problems.push({ kind: 'command-id', command, line, id, resolution });
        continue;
      }
      const { charter } = resolution;
      const label = groupLabel(charter.type, charter.id);
      const by = `/${command} ${id} by @${context.actor} (line ${line})`;
      if (!removing) {
        intents.push({ op: 'add', label, charter, why: by });
      } else if (mayRemoveGroupLabel(context.removeRequires, charter, { actor: context.actor, actorCanWrite: context.actorCanWrite })) {
        intents.push({ op: 'remove', label, charter, why: by });
      } else if (context.hasLabel(label)) {
        problems.push({ kind: 'removal-denied', command, line, charter, rule: context.removeRequires });
      }
    }
  }
  return { intents, problems };
}
