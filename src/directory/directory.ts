/**
 * The group directory: the list of every current working group and interest group, and of the
 * retired ones, derived from the charters. SEP-1302 FAQ: "Where can I find a list of all current
 * WGs and IGs?" — this is the answer the repository gives, as Markdown (the section of
 * `groups/README.md` between the directory markers, see `section.ts`) and as JSON (a static API).
 *
 * Pure and deterministic: the same charters give the same bytes (no clock, no locale). Every
 * value that comes from a charter is escaped before it reaches Markdown, since charters arrive in
 * pull requests from anyone.
 */
import type { LoadedCharter } from '../charters/validate.js';
import { groupLineage } from '../charters/lineage.js';
import type { GroupLineage } from '../charters/lineage.js';
import { groupLabel, groupLeaders } from '../charters/schema.js';
import type { GroupType } from '../charters/schema.js';
import { inlineCode, inlineText, link, tableCell, tableRow } from '../markdown/escape.js';

/** One group in the directory; the JSON output's element, with every field always present. */
export interface DirectoryEntry {
  id: string;
  name: string;
  type: GroupType;
  status: 'active' | 'retired';
  /** The label its work carries: `wg:<id>` or `ig:<id>`. */
  label: string;
  /** The charter file: the link base followed by its file name (e.g. `registry.yaml`). */
  charter: string;
  /** GitHub logins, as the charter lists them. */
  facilitators: string[];
  /** A working group's leads with their terms as written (SEP-2149 Part 2 § 4); empty when the charter names none. */
  leads: { login: string; term: string | null }[];
  /** Who sponsored the group (SEP-2149 § 1.1); empty when the charter names none. */
  sponsors: string[];
  maintainers: string[];
  /** The Discord channel name, without `#`; null when the charter names none. */
  discord: string | null;
  /** `owner/name` repositories the group owns. */
  repos: string[];
  meeting_notes: string | null;
  /** YYYY-MM-DD, or null when the charter does not say (only a retired group may omit it). */
  formed: string | null;
  /**
   * YYYY-MM-DD; `unknown` when the charter says no record dates the retirement (`on: unknown`);
   * null while active, or when the charter leaves `on` out (a `retired-date-missing` warning).
   */
  retired_on: string | null;
  /** Why the group was retired; null while active. */
  reason: string | null;
  /** URL of the retirement issue or decision; null when none is recorded. */
  retirement_issue: string | null;
  /**
   * The id of the group that took over this group's work (`retired.successor`, or the charter
   * listing it in `previous_ids`); null when none (issue 24).
   */
  successor: string | null;
  /** The ids of the groups whose work this group took over (`previous_ids` and retired charters naming it), sorted. */
  predecessors: string[];
}

/** The directory: active working groups, active interest groups, retired groups, each sorted by id. */
export interface GroupDirectory {
  working_groups: DirectoryEntry[];
  interest_groups: DirectoryEntry[];
  retired: DirectoryEntry[];
}

export interface DirectoryOptions {
  /**
   * Prefix of each charter link and `charter` path: the way from the file that shows the
   * directory to the charters folder, ending in `/`, or `''` when the directory lives in the
   * charters folder itself (`groups/README.md`, the default).
   */
  linkBase?: string;
}

/**
 * Builds the directory from validated charters (`validateCharters(...).charters`: schema-conforming
 * charters only; the caller decides whether charters with rule errors may appear). Active groups
 * go to `working_groups` or `interest_groups` by type, retired ones to `retired`; each list is
 * sorted by id, then by file name, by UTF-16 code units (no locale). Pure.
 *
 * Source rule: SEP-1302 FAQ ("Where can I find a list of all current WGs and IGs?").
 */
export function buildDirectory(charters: readonly LoadedCharter[], options: DirectoryOptions = {}): GroupDirectory {
  const linkBase = options.linkBase ?? '';
  const lineage = groupLineage(charters.map((c) => c.charter));
  const entries = charters
    .map((loaded) => toEntry(loaded, linkBase, lineage))
    .sort((a, b) => compare(a.id, b.id) || compare(a.charter, b.charter));
  return {
    working_groups: entries.filter((e) => e.status === 'active' && e.type === 'working'),
    interest_groups: entries.filter((e) => e.status === 'active' && e.type === 'interest'),
    retired: entries.filter((e) => e.status === 'retired'),
  };
}

function toEntry({ file, charter }: LoadedCharter, linkBase: string, lineage: GroupLineage): DirectoryEntry {
  return {
    id: charter.id,
    name: charter.name,
    type: charter.type,
    status: charter.status,
    label: groupLabel(charter.type, charter.id),
    charter: `${linkBase}${file}`,
    facilitators: groupLeaders(charter),
    leads: (charter.leads ?? []).map((lead) => ({ login: lead.login, term: lead.term ?? null })),
    sponsors: [...(charter.sponsors ?? [])],
    maintainers: [...(charter.maintainers ?? [])],
    discord: charter.discord ?? null,
    repos: [...(charter.repos ?? [])],
    meeting_notes: charter.meeting_notes ?? null,
    formed: charter.formed ?? null,
    retired_on: charter.retired?.on ?? null,
    reason: charter.retired?.reason ?? null,
    retirement_issue: charter.retired?.issue ?? null,
    successor: lineage.successorOf.get(charter.id) ?? null,
    predecessors: (lineage.predecessorsOf.get(charter.id) ?? []).map((p) => p.id),
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface MarkdownOptions {
  /** The level of the three headings, 1–6 (default 2: `## Active working groups`). */
  headingLevel?: number;
}

/**
 * The directory as Markdown: three headings ("Active working groups (N)", "Active interest groups
 * (N)", "Retired groups (N)"), each followed by a table, or "None." when empty. Active rows: the
 * name linked to its charter, label, facilitators (links to their GitHub profiles that mention no
 * one), Discord channel, owned repositories (linked), meeting notes (linked) and formed date.
 * Retired rows: name, type, label, formed, retired on, reason (with the decision linked) and
 * successor. Lineage both ways (issue 24): a group with predecessors says "formerly …" after its
 * name, each predecessor linked to its charter (or its former id, when it has none); a retired
 * group's successor is linked in the last column.
 *
 * Every charter value is escaped (`../markdown/escape.ts`: `inlineText`, `link`; URLs
 * percent-encoded), so a name such as `@org/team`, `<script>` or `a | b` neither mentions,
 * formats, injects HTML nor breaks the table. Ends with a newline. Pure and deterministic.
 *
 * @throws RangeError when `headingLevel` is not an integer from 1 to 6
 */
export function renderDirectoryMarkdown(directory: GroupDirectory, options: MarkdownOptions = {}): string {
  const level = options.headingLevel ?? 2;
  if (!Number.isInteger(level) || level < 1 || level > 6) throw new RangeError(`headingLevel must be an integer from 1 to 6, not ${level}`);
  const heading = (title: string, n: number) => `${'#'.repeat(level)} ${title} (${n})`;
  const lines: string[] = [
    '_Generated from the charters by `group-steward directory`: edit a charter, then regenerate this section; do not edit it by hand._',
    '',
  ];
  const activeHeader = ['Group', 'Label', 'Facilitators', 'Discord', 'Repositories', 'Meeting notes', 'Formed'];
  const section = (title: string, entries: readonly DirectoryEntry[], header: string[], row: (e: DirectoryEntry) => string[]) => {
    lines.push(heading(title, entries.length), '');
    if (entries.length === 0) lines.push('None.');
    else lines.push(tableRow(header), tableRow(header.map(() => '---')), ...entries.map((e) => tableRow(row(e).map(tableCell))));
    lines.push('');
  };
  const byId = new Map([...directory.working_groups, ...directory.interest_groups, ...directory.retired].map((e) => [e.id, e]));
  const links = (row: (e: DirectoryEntry) => string[]) => (e: DirectoryEntry) => withLineage(row(e), e, byId);
  section('Active working groups', directory.working_groups, activeHeader, links(activeRow));
  section('Active interest groups', directory.interest_groups, activeHeader, links(activeRow));
  section('Retired groups', directory.retired, ['Group', 'Type', 'Label', 'Formed', 'Retired on', 'Reason', 'Successor'], links(retiredRow));
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * The directory as JSON, a static API: `{ "working_groups": [entry…], "interest_groups": [entry…],
 * "retired": [entry…] }`, each entry a `DirectoryEntry` with every key present (null or [] when a
 * charter leaves it out), indented by two spaces, ending in a newline. Pure and deterministic.
 */
export function renderDirectoryJson(directory: GroupDirectory): string {
  return `${JSON.stringify(directory, null, 2)}\n`;
}

const NONE = '—';

/** The cells of an active group's row, as Markdown (`tableCell` makes each a cell). */
function activeRow(e: DirectoryEntry): string[] {
  return [
    charterLink(e),
    code(e.label),
    list(e.facilitators.map(facilitatorLink)),
    e.discord === null ? NONE : code(`#${e.discord}`),
    list(e.repos.map((r) => link(r, `https://github.com/${r}`))),
    e.meeting_notes === null ? NONE : link('notes', e.meeting_notes),
    e.formed === null ? NONE : inlineText(e.formed),
  ];
}

function retiredRow(e: DirectoryEntry): string[] {
  const decision = e.retirement_issue === null ? '' : ` (${link('decision', e.retirement_issue)})`;
  return [
    charterLink(e),
    e.type === 'working' ? 'WG' : 'IG',
    code(e.label),
    e.formed === null ? NONE : inlineText(e.formed),
    // `on: unknown` reads "unknown"; a charter that leaves `on` out, "not recorded".
    e.retired_on === null ? 'not recorded' : inlineText(e.retired_on),
    `${e.reason === null ? NONE : inlineText(e.reason)}${decision}`,
  ];
}

/** The row with its lineage: "formerly …" in the Group cell; a retired row's Successor cell. */
function withLineage(cells: string[], e: DirectoryEntry, byId: ReadonlyMap<string, DirectoryEntry>): string[] {
  const named = (id: string) => {
    const entry = byId.get(id);
    return entry ? charterLink(entry) : code(id);
  };
  const out = [...cells];
  if (e.predecessors.length > 0) out[0] = `${out[0] as string} (formerly ${e.predecessors.map(named).join(', ')})`;
  if (e.status === 'retired') out.push(e.successor === null ? NONE : named(e.successor));
  return out;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? NONE : items.join(', ');
}

function charterLink(e: DirectoryEntry): string {
  return link(e.name, e.charter);
}

/**
 * `[@login](https://github.com/login)` with a word joiner (U+2060) after the `@`: it reads as
 * `@login` but never mentions (notifies) anyone, wherever the Markdown is shown.
 */
function facilitatorLink(login: string): string {
  return link(`@${login}`, `https://github.com/${login}`);
}

/** A value of a known-safe alphabet (label, channel) as a code span; anything else as plain text. */
function code(value: string): string {
  return /^[A-Za-z0-9._:#/-]+$/.test(value) ? inlineCode(value) : inlineText(value);
}
