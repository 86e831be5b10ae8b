/**
 * The creation-request issue forms: the single source of their fields. SEP-1302 starts a group by
 * "filling out a template" (§ Interest Groups / § Working Groups, Lifecycle and Creation
 * Template); these are those templates as GitHub issue forms, plus what a charter needs besides
 * (id, name, Discord channel, owned repositories).
 *
 * `.github/ISSUE_TEMPLATE/new-working-group.yml` and `new-interest-group.yml` are written by hand
 * from this model; `test/requests/forms.test.ts` checks that they equal it and that every field
 * maps to a key of `CharterSchema`, so the forms, the reader and the schema cannot drift apart.
 */
import type { GroupType } from '../charters/schema.js';

/** The label both forms apply to the issues they open, and that marks a creation request. */
export const GROUP_REQUEST_LABEL = 'group-request';

/** One question of a form: an `input` or `textarea` element of the issue form. */
export interface FormField {
  /** The element's `id` in the issue form (letters, digits, `-`, `_`). */
  id: string;
  /** The question as the form shows it; GitHub renders the answer under `### <label>`. */
  label: string;
  /**
   * The charter key the answer fills: a key of `CharterSchema` (`CHARTER_KEYS`). A documented
   * special may be added one day; none is used today, every field maps to a schema key.
   */
  charterKey: string;
  /** `input` for one line, `textarea` for several. */
  kind: 'input' | 'textarea';
  /** `validations.required` of the element: GitHub refuses to submit the form without it. */
  required: boolean;
  /** The help text under the label (`attributes.description`). */
  description: string;
  /** The greyed example in the empty field (`attributes.placeholder`). */
  placeholder?: string;
  /** A list answer (logins, repositories, ids): entries separated by commas, spaces or lines. */
  list?: boolean;
}

/** One issue form: a creation template of SEP-1302 for one type of group. */
export interface GroupForm {
  /** The type of group the form requests. */
  type: GroupType;
  /** The form's file in the repository, e.g. `.github/ISSUE_TEMPLATE/new-working-group.yml`. */
  file: string;
  /** The form's `name`, as GitHub's template chooser lists it. */
  name: string;
  /** The form's default issue `title`, e.g. `[WG request] `. */
  title: string;
  /** The form's questions, in the order the form asks them. */
  fields: readonly FormField[];
}

const ID_FIELD = (example: string): FormField => ({
  id: 'group-id',
  label: 'Group id',
  charterKey: 'id',
  kind: 'input',
  required: true,
  description:
    'A short kebab-case id (lowercase letters and digits joined by single hyphens, at most 47 characters). It names the charter file (`groups/<id>.yaml`) and the label of the group\'s work.',
  placeholder: example,
});

const NAME_FIELD = (example: string): FormField => ({
  id: 'group-name',
  label: 'Group name',
  charterKey: 'name',
  kind: 'input',
  required: true,
  description: 'The name of the group, as the directory of groups shows it (at most 100 characters).',
  placeholder: example,
});

const FACILITATORS_FIELD: FormField = {
  id: 'facilitators',
  label: 'Facilitator(s)',
  charterKey: 'facilitators',
  kind: 'input',
  required: true,
  description:
    'GitHub logins of the facilitators, separated by commas or spaces. A facilitator shepherds the group\'s discussions and speaks for it; anyone may self-nominate (SEP-1302 § WG/IG Facilitators).',
  placeholder: 'octocat, hubot',
  list: true,
};

const MAINTAINERS_FIELD: FormField = {
  id: 'maintainers',
  label: 'Maintainer(s) (optional)',
  charterKey: 'maintainers',
  kind: 'input',
  required: false,
  description:
    'GitHub logins of the official representatives from the MCP steering group, if any (not every group has one), separated by commas or spaces.',
  placeholder: 'octocat',
  list: true,
};

const DISCORD_FIELD = (suffix: '-wg' | '-ig', example: string): FormField => ({
  id: 'discord',
  label: 'Discord channel',
  charterKey: 'discord',
  kind: 'input',
  required: true,
  description: `The group's Discord channel, without "#": lowercase letters, digits, "-" and "_"; by convention it ends in "${suffix}".`,
  placeholder: example,
});

const REPOS_FIELD: FormField = {
  id: 'repos',
  label: 'Owned repositories (optional)',
  charterKey: 'repos',
  kind: 'textarea',
  required: false,
  description:
    'Repositories the group owns, as owner/name, one per line or separated by commas: all their issues and pull requests count as the group\'s work.',
  placeholder: 'modelcontextprotocol/registry',
  list: true,
};

/** SEP-1302 § Working Groups, Creation Template, plus the charter's own fields. */
export const WORKING_GROUP_FORM: GroupForm = {
  type: 'working',
  file: '.github/ISSUE_TEMPLATE/new-working-group.yml',
  name: 'New working group',
  title: '[WG request] ',
  fields: [
    ID_FIELD('tool-filtering'),
    NAME_FIELD('Tool Filtering Working Group'),
    FACILITATORS_FIELD,
    MAINTAINERS_FIELD,
    {
      id: 'use-cases',
      label: 'Explanation of interest/use cases',
      charterKey: 'use_cases',
      kind: 'textarea',
      required: true,
      description:
        'Why this group should exist: the interest and the use cases it serves, ideally from an interest group but it can come from anywhere (at most 5,000 characters).',
    },
    {
      id: 'first-work',
      label: 'First Issue/PR/SEP you intend to procure',
      charterKey: 'first_work',
      kind: 'input',
      required: true,
      description: 'The https URL of the first issue, pull request or SEP the group will work on.',
      placeholder: 'https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1302',
    },
    DISCORD_FIELD('-wg', 'tool-filtering-wg'),
    REPOS_FIELD,
  ],
};

/** SEP-1302 § Interest Groups, Creation Template, plus the charter's own fields. */
export const INTEREST_GROUP_FORM: GroupForm = {
  type: 'interest',
  file: '.github/ISSUE_TEMPLATE/new-interest-group.yml',
  name: 'New interest group',
  title: '[IG request] ',
  fields: [
    ID_FIELD('client-implementors'),
    NAME_FIELD('Client Implementors Interest Group'),
    FACILITATORS_FIELD,
    MAINTAINERS_FIELD,
    {
      id: 'related-groups',
      label: "Flag potential overlap with other IG's",
      charterKey: 'related_groups',
      kind: 'input',
      required: false,
      description:
        'The ids of chartered interest groups with similar goals (see groups/), separated by commas or spaces; leave it empty if there are none.',
      placeholder: 'security, enterprise',
      list: true,
    },
    {
      id: 'differentiation',
      label: "How this IG differentiates itself from the related IG's",
      charterKey: 'differentiation',
      kind: 'textarea',
      required: true,
      description: 'What this group discusses that the related groups do not (at most 5,000 characters).',
    },
    {
      id: 'first-topic',
      label: 'First topic you want to discuss',
      charterKey: 'first_topic',
      kind: 'textarea',
      required: true,
      description: 'The first problem the group will discuss (at most 5,000 characters).',
    },
    DISCORD_FIELD('-ig', 'client-implementors-ig'),
    REPOS_FIELD,
  ],
};

/** Both creation forms: working group first, then interest group. */
export const GROUP_FORMS: readonly GroupForm[] = [WORKING_GROUP_FORM, INTEREST_GROUP_FORM];
