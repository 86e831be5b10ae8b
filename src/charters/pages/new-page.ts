/**
 * A new group's charter page, written from its creation request: SEP-2149 Part 2's charter
 * template (`docs/community/charter-template.mdx`) filled with what the request gives, laid out as
 * MCP's charter pages are (formatted tables, `Discord: \`#channel\``, "Sponsored by"), and every
 * section the request cannot fill said to be the proposer's to complete.
 */
import { LOGIN_PATTERN, REPO_PATTERN } from '../schema.js';
import { inlineCode, inlineText, link, oneLine, plainText, tableCell, tableCellText } from '../../markdown/escape.js';
import { displayWidth, yamlScalar } from './retire-page.js';

/** What a creation request gives a charter page. */
export interface NewPageInput {
  /** The group id: the page is `<folder>/<id>.mdx` (not written in the page). */
  id: string;
  /** The group's name, e.g. "Tool Filtering Working Group". */
  name: string;
  type: 'working' | 'interest';
  mission: string;
  /** The leads (WG) or facilitators (IG), in order; `term` defaults to "Initial". */
  leads: { login: string; name?: string; term?: string }[];
  /** GitHub logins of the sponsoring maintainers. */
  sponsors?: string[];
  /** The Discord channel, with or without its `#`. */
  discord?: string;
  /** `owner/name` repositories the group owns. */
  repos?: string[];
  /** WG: URLs of the issues and pull requests it intends to pursue. */
  deliverables?: string[];
  /** The day the group was formed, `YYYY-MM-DD`. */
  formed: string;
}

/** SEP-2149 Part 2's default decision rights of a working group, as the template lists them. */
const AUTHORITY: readonly (readonly [string, string])[] = [
  ['Meeting logistics & scheduling', 'WG Leads (autonomous)'],
  ['Proposal prioritization within WG', 'WG Leads (autonomous)'],
  ['SEP triage & closure (in scope)', 'WG Leads (autonomous, with documented rationale)'],
  ['Technical design within scope', 'WG consensus'],
  ['Spec changes (additive)', 'WG consensus → Core Maintainer approval'],
  ['Spec changes (breaking/fundamental)', 'WG consensus → Core Maintainer approval + wider review'],
  ['Scope expansion', 'Core Maintainer approval required'],
  ['WG Member approval', 'WG Member sponsors'],
];

/** The sentence that opens every part the proposer has to write, so none reads as decided. */
const TO_COMPLETE = 'To be completed by the proposer:';

/**
 * The MDX charter page of a new group (SEP-2149 Part 2 template, in the order of
 * `charter-template.mdx`): front matter `title: <name without "Working/Interest Group"> Charter`
 * and `description`; Group Type; Mission Statement; Scope (In Scope, Out of Scope, Related
 * Groups, each a sentence saying what the template asks the proposer to write); Leadership (a
 * table of Lead or Facilitator, name, organization left empty, `[@login](https://github.com/login)`
 * and term, "Initial" by default) and "Sponsored by …" when sponsors are given; Authority &
 * Decision Rights (WG only: the template's default table); Operations (the meetings for the
 * proposer to give, then `Discord: \`#channel\``); Resources (the repositories, linked) when
 * there are any; Deliverables & Success Metrics (WG only: Active Work Items listing the
 * deliverable URLs as Planned; an interest group's `deliverables` are not written); Changelog
 * `| <formed> | Initial charter |`. Membership is left out, as the template says to while a group
 * has no members; `id` names the file, not the page.
 *
 * Every value from the request is escaped for its place (`markdown/escape.ts`): text through
 * `plainText`/`inlineText`/`tableCellText` (no HTML, no MDX expression — `{`, `}`, `<` are
 * backslash-escaped —, no pipe splitting a cell, no line break leaving its line), the channel as a
 * code span, logins and repositories linked only when they match GitHub's patterns; the front
 * matter's values are one-line YAML scalars (`yamlScalar`). Tables are padded to even columns, as
 * MCP's formatter writes them. Pure; never throws on the input's text.
 *
 * Source: SEP-2149 Part 2 (charter template); `docs/community/charter-template.mdx`.
 */
export function newCharterPage(input: NewPageInput): string {
  const working = input.type === 'working';
  const kind = working ? 'Working Group' : 'Interest Group';
  const name = oneLine(input.name).replace(/\s+/g, ' ').trim();
  const short = name.replace(/\s+(?:Working|Interest)\s+Group$/i, '').trim() || name;
  const role = working ? 'Lead' : 'Facilitator';
  const sponsors = input.sponsors ?? [];
  const repos = input.repos ?? [];
  const deliverables = input.deliverables ?? [];
  const discord = oneLine(input.discord ?? '').trim().replace(/^#/, '');
  const mission = input.mission.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n').trim();

  const out: string[] = [
    '---',
    `title: ${yamlScalar(`${short} Charter`)}`,
    `description: ${yamlScalar(`Charter for the MCP ${short} ${kind}.`)}`,
    '---',
    '',
    '## Group Type',
    '',
    `**${kind}**`,
    '',
    '## Mission Statement',
    '',
    mission === '' ? `${TO_COMPLETE} a 2-3 sentence summary of the group's purpose.` : paragraphs(mission),
    '',
    '## Scope',
    '',
    '### In Scope',
    '',
    working
      ? `${TO_COMPLETE} the specification work (spec sections or SEPs owned), reference implementations (SDK components), cross-cutting concerns needing coordination with other groups, and documentation responsibilities of the group.`
      : `${TO_COMPLETE} the topic areas for discussion, and the types of output (problem statements, use cases, recommendations) the group will produce.`,
    '',
    '### Out of Scope',
    '',
    `${TO_COMPLETE} explicit statements of what is not within the group's purview, to prevent mission creep.`,
    '',
    '### Related Groups',
    '',
    `${TO_COMPLETE} the other Working Groups or Interest Groups with intersecting work, and the nature of the overlap.`,
    '',
    '## Leadership',
    '',
    ...table(
      ['Role', 'Name', 'Organization', 'GitHub', 'Term'],
      input.leads.map((lead) => [role, tableCellText(lead.name ?? ''), '', tableCell(profile(lead.login)), tableCellText(lead.term ?? 'Initial')]),
    ),
    '',
  ];
  if (sponsors.length > 0) out.push(`Sponsored by ${listed(sponsors.map(profile))}.`, '');
  if (working) out.push('## Authority & Decision Rights', '', ...table(['Decision Type', 'Authority Level'], AUTHORITY.map(([a, b]) => [a, b])), '');
  out.push('## Operations', '', `${TO_COMPLETE} the group's meetings — working sessions, office hours — with their frequency, duration and purpose.`, '');
  if (discord !== '') out.push(`Discord: ${inlineCode(`#${discord}`)}`, '');
  if (repos.length > 0) {
    out.push('## Resources', '');
    for (const repo of repos) out.push(`- Repository: ${REPO_PATTERN.test(repo) ? link(repo, `https://github.com/${repo}`) : inlineText(repo)}`);
    out.push('');
  }
  if (working) {
    out.push('## Deliverables & Success Metrics', '', '### Active Work Items', '');
    if (deliverables.length > 0) {
      out.push(...table(['Item', 'Status', 'Target Date', 'Champion'], deliverables.map((url) => [tableCell(workItem(url)), 'Planned', 'TBD', 'TBD'])));
    } else {
      out.push(`${TO_COMPLETE} the SEPs, issues and pull requests the group will deliver, with their status, target date and champion.`);
    }
    out.push('', '### Success Criteria', '', `${TO_COMPLETE} measurable outcomes for the group's success.`, '');
  }
  out.push('## Changelog', '', ...table(['Date', 'Change'], [[tableCellText(input.formed), 'Initial charter']]));
  return `${out.join('\n')}\n`;
}

/** `[@login](https://github.com/login)` for a GitHub login; anything else escaped, unlinked. */
function profile(login: string): string {
  return LOGIN_PATTERN.test(login) ? `[@${login}](https://github.com/${login})` : inlineText(login);
}

/** A deliverable's URL as a link: `owner/repo#12` for a GitHub issue or pull request, else the URL. */
function workItem(url: string): string {
  const github = /^https:\/\/github\.com\/([^/\s]+\/[^/\s]+)\/(?:issues|pull)\/(\d+)\/?$/.exec(url);
  return link(github ? `${github[1]}#${github[2]}` : url, url);
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Multi-line text as Markdown paragraphs: each line trimmed and escaped (`plainText`), blank lines
 * kept as paragraph breaks; a line starting with the word `import` or `export`, which MDX would
 * run as JavaScript, starts with a character reference instead (`&#105;mport`), read as the same letter.
 */
function paragraphs(text: string): string {
  return text
    .split('\n')
    .map((line) => plainText(line.trim()).replace(/^(?:import|export)(?![\p{L}\p{N}_$])/u, (word) => `&#${word.charCodeAt(0)};${word.slice(1)}`))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}

/** A table with every column padded to its widest cell (cells already escaped), as a Markdown formatter writes it. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(3, displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - displayWidth(c))).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)];
}
