/**
 * What went wrong with a group command or a hand-added group label, as data; `describeProblem`
 * words it for the reply.
 */
import { groupLabel } from '../charters/schema.js';
import type { Charter } from '../charters/schema.js';
import type { Config } from '../config/schema.js';
import type { GroupCommandName } from './commands.js';
import { echoTyped, inlineCode, inlineText } from '../markdown/escape.js';
import type { GroupResolution } from './resolve-group.js';

/** A resolution that links nothing. */
export type Unlinkable = Exclude<GroupResolution, { status: 'active' }>;

export type GroupProblem =
  /** A command's id that names no active group of the command's type. */
  | { kind: 'command-id'; command: GroupCommandName; line: number; id: string; resolution: Unlinkable }
  /** A command with no id. */
  | { kind: 'command-empty'; command: GroupCommandName; line: number }
  /** A removal the actor may not make. */
  | { kind: 'removal-denied'; command: GroupCommandName; line: number; charter: Charter; rule: Config['linking']['remove_requires'] }
  /** A label `wg:…`/`ig:…` added by hand that is not the label of an active group. */
  | { kind: 'hand-label'; label: string; resolution: Unlinkable };

const ID_RULE = 'group ids are lowercase ASCII letters and digits, words joined by single hyphens';

/** One Markdown sentence for a problem, e.g. ``/wg `nope` (line 3): no group has the id `nope`.``. Pure. */
export function describeProblem(problem: GroupProblem): string {
  switch (problem.kind) {
    case 'command-empty':
      return `\`/${problem.command}\` (line ${problem.line}) names no group: write \`/${problem.command} <id>\`.`;
    case 'removal-denied': {
      const who = problem.rule === 'write' ? 'write access to this repository' : 'write access to this repository or being a facilitator of the group';
      return `\`/${problem.command} ${problem.charter.id}\` (line ${problem.line}): removing \`${groupLabel(problem.charter.type, problem.charter.id)}\` needs ${who}.`;
    }
    case 'command-id':
      return `\`/${problem.command}\` ${echoTyped(problem.id)} (line ${problem.line}): ${explain(problem.resolution, problem.id, problem.command)}`;
    case 'hand-label':
      return `The label ${echoTyped(problem.label)} was added by hand, but it is not the label of an active group: ${explain(problem.resolution, problem.label.slice(3), undefined)}`;
  }
}

function explain(resolution: Unlinkable, id: string, command: GroupCommandName | undefined): string {
  switch (resolution.status) {
    case 'invalid':
      return `this is not a group id (${ID_RULE}).${resolution.hint ? ` Did you mean \`${resolution.hint}\`?` : ''}`;
    case 'unknown':
      return `no group has the id ${echoTyped(id)}.`;
    case 'retired':
      return `${inlineText(resolution.charter.name)} is retired; its label stays on past work as a record but is no longer applied.`;
    case 'wrong-type': {
      const { charter } = resolution;
      const right = groupLabel(charter.type, charter.id).slice(0, 2);
      const use = command ? `\`/${command.startsWith('remove-') ? 'remove-' : ''}${right} ${charter.id}\`` : `\`${right}:${charter.id}\``;
      return `${inlineText(charter.name)} is ${charter.type === 'working' ? 'a working' : 'an interest'} group: use ${use}.`;
    }
    case 'renamed':
      return `it is a former label of ${inlineText(resolution.charter.name)}: use ${inlineCode(groupLabel(resolution.charter.type, resolution.charter.id))}.`;
  }
}
