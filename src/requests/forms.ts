/**
 * The creation-request issue forms: the single source of their fields. SEP-1302 starts a group by
 * "filling out a template" (§ Interest Groups / § Working Groups, Lifecycle and Creation
 * Template); these are those templates as GitHub issue forms, plus what a charter needs besides
 * (id, name, Discord channel, owned repositories). Under SEP-2149 the same questions are asked in
 * its words, a working group's leads with their terms (Part 2 § 4) in place of facilitators, and
 * the sponsors (§ 1.1) besides (`SEP_2149_WORKING_GROUP_FORM`, `SEP_2149_INTEREST_GROUP_FORM`).
 *
 * `.github/ISSUE_TEMPLATE/new-working-group.yml` and `new-interest-group.yml` are the files
 * `issueFormText` writes from this model (`group-steward init` writes them the same way, for the
 * policy it is given); `test/requests/forms.test.ts` checks that they equal it and that every
 * field maps to a key of `CharterSchema`, so the forms, the reader and the schema cannot drift apart.
 */
import { Document, isMap, isScalar, Scalar, visit } from 'yaml';
import type { GroupType } from '../charters/schema.js';
import type { Policy } from '../config/schema.js';

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
  /**
   * A list answer (logins, repositories, ids): entries separated by commas, spaces or lines. The
   * leads (`charterKey: 'leads'`) are a list read one entry per line: a login, then its term.
   */
  list?: boolean;
}

/** One issue form: a creation template for one type of group, in one policy's words. */
export interface GroupForm {
  /** The type of group the form requests. */
  type: GroupType;
  /** The governance rules the form is worded for (SEP-1302's creation vote, SEP-2149's sponsorship). */
  policy: Policy;
  /** The form's `description`, under its name in GitHub's template chooser. */
  description: string;
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
  policy: 'sep-1302',
  description: 'Propose a working group (SEP-1302), a group that builds solutions — SEPs or implementations.',
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
  policy: 'sep-1302',
  description: 'Propose an interest group (SEP-1302), a group that discusses problems MCP may solve.',
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

/** Both SEP-1302 creation forms: working group first, then interest group. */
export const GROUP_FORMS: readonly GroupForm[] = [WORKING_GROUP_FORM, INTEREST_GROUP_FORM];

// ——— SEP-2149: the same questions in its words, leads with terms and sponsors ———

const SEP_2149_ID_FIELD = (example: string): FormField => ({
  ...ID_FIELD(example),
  description:
    'A short kebab-case id (lowercase letters and digits joined by single hyphens, at most 47 characters). It names the group\'s charter (`<id>.yaml` in the groups folder, or the charter page `<id>.mdx`) and the label of the group\'s work.',
});

/** SEP-2149 § 1.1, Part 2 § 4: a working group's leads, each with a term. */
const LEADS_FIELD: FormField = {
  id: 'leads',
  label: 'Lead(s) and their terms',
  charterKey: 'leads',
  kind: 'textarea',
  required: true,
  description:
    'One lead per line: the GitHub login, then the lead\'s term if it has one — free text such as "2026 H1", or an end date YYYY-MM-DD ("until 2027-01-31"). A working group has one or more leads (SEP-2149 § 1.1); its charter lists each lead\'s handle and term (Part 2 § 4).',
  placeholder: '@octocat until 2027-01-31\n@hubot 2026 H2',
  list: true,
};

/** SEP-2149 § 1.1: an interest group's leaders are its facilitators. */
const SEP_2149_FACILITATORS_FIELD: FormField = {
  ...FACILITATORS_FIELD,
  description:
    'GitHub logins of the facilitators, separated by commas or spaces: an interest group\'s leads are its facilitators (SEP-2149 § 1.1).',
};

/** SEP-2149 § 1.1, § 1.9: two core maintainers or one lead maintainer sponsor the group and its leads. */
const SPONSORS_FIELD: FormField = {
  id: 'sponsors',
  label: 'Sponsor(s) (optional)',
  charterKey: 'sponsors',
  kind: 'input',
  required: false,
  description:
    'GitHub logins of the maintainers who sponsor the group and its leadership, separated by commas or spaces: two core maintainers or one lead maintainer (SEP-2149 § 1.1). Their approving reviews on the charter pull request are the sponsorship; name them here once they have agreed.',
  placeholder: 'octocat, hubot',
  list: true,
};

/** SEP-2149: the working group questions, with leads and their terms and the sponsors. */
export const SEP_2149_WORKING_GROUP_FORM: GroupForm = {
  type: 'working',
  policy: 'sep-2149',
  description: 'Propose a working group (SEP-2149), a group that delivers concrete work — SEPs, reference implementations or tooling.',
  file: WORKING_GROUP_FORM.file,
  name: WORKING_GROUP_FORM.name,
  title: WORKING_GROUP_FORM.title,
  fields: [
    SEP_2149_ID_FIELD('tool-filtering'),
    NAME_FIELD('Tool Filtering Working Group'),
    LEADS_FIELD,
    MAINTAINERS_FIELD,
    SPONSORS_FIELD,
    {
      id: 'use-cases',
      label: 'Explanation of interest/use cases',
      charterKey: 'use_cases',
      kind: 'textarea',
      required: true,
      description:
        'The group\'s mission: the problem it addresses, the use cases it serves and what it will deliver (at most 5,000 characters). It opens the charter\'s Mission Statement (SEP-2149 Part 2 § 2).',
    },
    {
      id: 'first-work',
      label: 'First Issue/PR/SEP you intend to procure',
      charterKey: 'first_work',
      kind: 'input',
      required: true,
      description: 'The https URL of the first issue, pull request or SEP the group will work on: its first active work item.',
      placeholder: 'https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1302',
    },
    { ...DISCORD_FIELD('-wg', 'tool-filtering-wg'), description: 'The group\'s Discord channel, without "#": lowercase letters, digits, "-" and "_"; SEP-2149 § 1.7 names it "<name>-wg".' },
    REPOS_FIELD,
  ],
};

/** SEP-2149: the interest group questions, with the sponsors. */
export const SEP_2149_INTEREST_GROUP_FORM: GroupForm = {
  type: 'interest',
  policy: 'sep-2149',
  description: 'Propose an interest group (SEP-2149), a group that explores a problem area and shares what it learns.',
  file: INTEREST_GROUP_FORM.file,
  name: INTEREST_GROUP_FORM.name,
  title: INTEREST_GROUP_FORM.title,
  fields: [
    SEP_2149_ID_FIELD('client-implementors'),
    NAME_FIELD('Client Implementors Interest Group'),
    SEP_2149_FACILITATORS_FIELD,
    MAINTAINERS_FIELD,
    SPONSORS_FIELD,
    {
      id: 'related-groups',
      label: "Flag potential overlap with other IG's",
      charterKey: 'related_groups',
      kind: 'input',
      required: false,
      description:
        'The ids of chartered interest groups with similar goals (see the directory of groups), separated by commas or spaces; leave it empty if there are none.',
      placeholder: 'security, enterprise',
      list: true,
    },
    {
      id: 'differentiation',
      label: "How this IG differentiates itself from the related IG's",
      charterKey: 'differentiation',
      kind: 'textarea',
      required: true,
      description:
        'What this group discusses that the related groups do not (at most 5,000 characters). It opens the charter\'s Mission Statement (SEP-2149 Part 2 § 2).',
    },
    {
      id: 'first-topic',
      label: 'First topic you want to discuss',
      charterKey: 'first_topic',
      kind: 'textarea',
      required: true,
      description: 'The first problem the group will discuss (at most 5,000 characters).',
    },
    { ...DISCORD_FIELD('-ig', 'client-implementors-ig'), description: 'The group\'s Discord channel, without "#": lowercase letters, digits, "-" and "_"; SEP-2149 § 1.7 names it "<name>-ig".' },
    REPOS_FIELD,
  ],
};

/** Both SEP-2149 creation forms: working group first, then interest group. */
export const SEP_2149_GROUP_FORMS: readonly GroupForm[] = [SEP_2149_WORKING_GROUP_FORM, SEP_2149_INTEREST_GROUP_FORM];

/** The creation forms of each policy. */
export const POLICY_FORMS: Readonly<Record<Policy, readonly GroupForm[]>> = { 'sep-1302': GROUP_FORMS, 'sep-2149': SEP_2149_GROUP_FORMS };

/**
 * Every form the App reads, whatever the repository's policy: an issue opened with the other
 * policy's form (a repository that changed policy, an old issue edited) is still a request.
 */
export const ALL_GROUP_FORMS: readonly GroupForm[] = [...GROUP_FORMS, ...SEP_2149_GROUP_FORMS];

// ——— the issue form files ———

/** Where the charters are kept: YAML files in the groups folder, or SEP-2149 charter pages. */
export type FormLayout = 'yaml' | 'pages';

/**
 * The Markdown that opens a form: what the group is, what happens to the answers and who approves
 * (SEP-1302: the moderators' vote; SEP-2149: the sponsorship), and where the charter is written.
 */
export function formIntro(form: GroupForm, layout: FormLayout = 'yaml'): string {
  const what =
    form.type === 'working'
      ? form.policy === 'sep-1302'
        ? 'A **working group** pushes forward specific *solutions* by producing deliverables (SEPs or community-owned implementations of the specification). To discuss *problems*, request an interest group instead.'
        : 'A **working group** delivers concrete work within a defined scope — SEPs, reference implementations or tooling (SEP-2149 § 1.1). To explore a *problem* area first, request an interest group instead.'
      : form.policy === 'sep-1302'
        ? 'An **interest group** facilitates *discussion* and knowledge-sharing about the *problems* of an MCP sub-topic or context. To build a specific *solution*, request a working group instead.'
        : 'An **interest group** explores a *problem* area: discussion, knowledge-sharing and recommendations (SEP-2149 § 1.1). To deliver a specific *solution*, request a working group instead.';
  const charter =
    layout === 'yaml'
      ? "Group Steward reads this form and opens a pull request adding the group's charter, `groups/<id>.yaml`"
      : "Group Steward reads this form and opens a pull request adding the group's charter page — SEP-2149's charter template filled with your answers; complete the sections it leaves to you on that pull request — and its entry in the site's navigation";
  const approval =
    form.policy === 'sep-1302'
      ? '; the community moderators then vote on it (SEP-1302: a majority over 72 hours, core and lead maintainers can veto).'
      : '. The group and its leads need sponsors (SEP-2149 § 1.1): two core maintainers or one lead maintainer approve the pull request, and its "Group sponsorship" check counts their reviews.';
  const edits = 'If an answer needs fixing, it replies here and you can edit this issue: the pull request follows your edits.';
  return `${[what, `${charter}${approval} ${edits}`].map((paragraph) => wrap(paragraph, 92)).join('\n\n')}\n`;
}

/** A paragraph's words in lines of at most `width` characters (a longer word on a line of its own). */
function wrap(paragraph: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line].join('\n');
}

/**
 * The issue form file of a form (GitHub's issue form syntax): a header comment, `name`,
 * `description`, `title`, the `group-request` label, the intro (`formIntro`) as a Markdown element,
 * then one `input` or `textarea` per field with its id, label, description, placeholder and
 * `validations.required`. What `group-steward init` writes to `.github/ISSUE_TEMPLATE/`, and what
 * this repository's own forms are. Pure.
 */
export function issueFormText(form: GroupForm, layout: FormLayout = 'yaml'): string {
  const value = {
    name: form.name,
    description: form.description,
    title: form.title,
    labels: [GROUP_REQUEST_LABEL],
    body: [
      { type: 'markdown', attributes: { value: formIntro(form, layout) } },
      ...form.fields.map((field) => ({
        type: field.kind,
        id: field.id,
        attributes: { label: field.label, description: field.description, ...(field.placeholder !== undefined ? { placeholder: field.placeholder } : {}) },
        validations: { required: field.required },
      })),
    ],
  };
  const doc = new Document(value);
  visit(doc, {
    Pair(_, pair) {
      // The Markdown and the multi-line placeholders as literal blocks, as a person writes them.
      if (isScalar(pair.value) && typeof pair.value.value === 'string' && pair.value.value.includes('\n')) pair.value.type = Scalar.BLOCK_LITERAL;
    },
  });
  if (!isMap(doc.contents)) throw new Error('an issue form is a mapping');
  const kind = form.type === 'working' ? 'working group' : 'interest group';
  const source = form.policy === 'sep-1302' ? `SEP-1302 § ${form.type === 'working' ? 'Working' : 'Interest'} Groups, Creation Template` : "SEP-2149 § 1.1 and its charter template";
  const header = [
    `# A request for a new ${kind}, as a GitHub issue form: ${source}.`,
    `# Written by \`group-steward init --policy ${form.policy}\` from Group Steward's form model`,
    '# (src/requests/forms.ts): the App reads the answers by these labels, so keep them as they are.',
  ];
  return `${header.join('\n')}\n${doc.toString({ lineWidth: 0, singleQuote: true })}`;
}
