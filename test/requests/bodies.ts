/** Test helpers: issue bodies written the way GitHub renders a submitted issue form. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GroupForm } from '../../src/requests/forms.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const groupsDir = resolve(repoRoot, 'groups');

/** The instant the request tests judge dates against. */
export const NOW = new Date('2026-11-22T12:00:00Z');

/**
 * A body as GitHub renders a form: `### <label>`, a blank line, the answer (`_No response_` when
 * it is null or absent), a blank line; answers keyed by charter key. Keys missing from `answers`
 * are `_No response_`.
 */
export function renderForm(form: GroupForm, answers: Record<string, string | null>): string {
  return form.fields
    .map((field) => `### ${field.label}\n\n${answers[field.charterKey] ?? '_No response_'}`)
    .join('\n\n');
}

/** Valid answers of the working group form. */
export const WG_ANSWERS: Record<string, string | null> = {
  id: 'tool-filtering',
  name: 'Tool Filtering Working Group',
  facilitators: '@alice, bob',
  maintainers: null,
  use_cases: 'Clients need to choose among hundreds of tools.\n\nThis group designs *filtering* for them.',
  first_work: 'https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1300',
  discord: '#tool-filtering-wg',
  repos: 'modelcontextprotocol/tool-filtering',
};

/** Valid answers of the interest group form. */
export const IG_ANSWERS: Record<string, string | null> = {
  id: 'client-implementors',
  name: 'Client Implementors Interest Group',
  facilitators: 'carol',
  maintainers: 'dave',
  related_groups: 'security',
  differentiation: 'It is about clients, not servers.',
  first_topic: 'Sampling support across clients.',
  discord: 'client-implementors-ig',
  repos: null,
};
