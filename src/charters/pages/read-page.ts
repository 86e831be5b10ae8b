/**
 * One SEP-2149 charter page (`<folder>/<id>.mdx`, written from the charter template, SEP-2149
 * Part 2) read into the App's one charter model (`Charter`) and the facts the model has no field
 * for (members, work items, changelog, …), with every problem of the page as a diagnostic at its
 * line. Content is hostile: bounded, never executed; a page never makes the reader throw.
 *
 * What a page gives — and nothing it does not state:
 * - `id` the file name; `type` the folder (checked against "Group Type"); `name` the front
 *   matter's `title` without " Charter", with " Working Group" / " Interest Group" added when it
 *   does not end so; `status` and `retired` the front matter's retirement marker (front-matter.ts);
 * - `leads` (WG: login and term) or `facilitators` (IG) the Leadership table (§ 4); `sponsors`
 *   the handles of "Sponsored by …" lines; `formed` the oldest Changelog date (§ 9);
 * - `discord` the Operations section's "Discord:" line, else a channel a sentence there (or in
 *   Membership) places on Discord, else the first `#…-wg` / `#…-ig` code span there;
 * - `discussions` and `meeting_notes` the first Discussions category link; `repos` the repository
 *   links of the Resources section; `deliverables` (WG) the issue and pull request links of the
 *   Active Work Items table (§ 8).
 */
import { copyPlain, TextMemo } from '../text-memo.js';
import { isCalendarDate, leadTermEnd, malformedTermDate } from '../../policies/lead-terms.js';
import type { Diagnostic, RuleId } from '../diagnostics.js';
import { diagnostic } from '../parse.js';
import type { CharterSource } from '../parse.js';
import { GITHUB_WORK_URL } from '../rules.js';
import { CALENDAR_TAG_PATTERN, CharterSchema, DISCORD_PATTERN, ID_PATTERN, LOGIN_PATTERN, MAX_CATEGORY_LENGTH, MAX_ID_LENGTH, MAX_TERM_LENGTH, MAX_TEXT_LENGTH, REPO_PATTERN, RETIRED_ON_UNKNOWN } from '../schema.js';
import type { Charter, GroupType } from '../schema.js';
import { readFrontMatter } from './front-matter.js';
import type { PageFrontMatter } from './front-matter.js';
import { pageGroup } from './layout.js';
import type { PageLayout } from './layout.js';
import { reduceMdx } from './mdx.js';
import { allSections, contentOf, MAX_NESTING, MAX_TABLE_ROWS, parseBody, plainInline, sectionKey } from './page-blocks.js';
import { lineageStatements } from './lineage.js';
import type { LineageStatement } from './lineage.js';
import type { Block, Inline, Link, TableRow } from './page-blocks.js';

/** A work item's Status that says it is finished (`Done`, `Completed`, `Shipped`, `Merged`, `Released`, `Closed`). */
const DONE_STATUS = /^\s*(?:done|complete|completed|shipped|merged|released|closed|finished)\b/i;
import { sourceText } from './source-text.js';
import { checkPageMembers, pageMemberLists } from '../members.js';

/** Largest charter page read, in bytes. */
export const MAX_PAGE_BYTES = 256 * 1024;

/** A charter page as given to the reader. */
export interface PageSource extends CharterSource {
  /** The page's repository-relative path, e.g. `docs/community/working-groups/registry.mdx`. */
  file: string;
}

/** A row of a Leadership table. */
export interface PageLeader {
  role: string;
  name: string;
  organization?: string;
  login?: string;
  term?: string;
  line: number;
}

/** A row of a Membership (or Emeritus Membership) table. */
export interface PageMember {
  name: string;
  organization?: string;
  login?: string;
  discord?: string;
  level?: string;
  line: number;
}

/** A row of the Active Work Items table; cells as text, Markdown links reduced to their text. */
export interface WorkItem {
  item: string;
  status?: string;
  target?: string;
  champion?: string;
  /** The row's first GitHub issue or pull request link. */
  url?: string;
  line: number;
}

/** A Changelog row with a real date. */
export interface ChangelogEntry {
  date: string;
  change: string;
  line: number;
}

/** What a page states, each with its 1-based line, whether or not it fits the charter model. */
export interface CharterPageFacts {
  file: string;
  /** The file name without `.mdx`. */
  id: string;
  /** From the folder; null when the path is in neither. */
  type: GroupType | null;
  /** From the front matter; null when it is malformed or unread. */
  status: 'active' | 'retired' | null;
  /** The line of the front matter's `status` key (else of the front matter's first line, else 1). */
  statusLine?: number;
  title?: string;
  leaders: PageLeader[];
  sponsors: { login: string; line: number }[];
  members: PageMember[];
  emeritus: PageMember[];
  workItems: WorkItem[];
  changelog: ChangelogEntry[];
  discord?: { channel: string; line: number };
  discussions?: { repo: string; category: string; url: string; line: number };
  calendarTag?: string;
  calendarTagLine?: number;
  repos: { repo: string; line: number }[];
  /** Every heading: title, level (2 for a section) and line. */
  sections: { title: string; level: number; line: number }[];
  /** The group's name as the title gives it ("Authorization Interest Group"); absent without a title. */
  name?: string;
  /** Paragraphs and JSX notes that may state a change of shape (`lineageStatements`; issue 24). */
  statements?: LineageStatement[];
}

const EMPTY_CELL = /^(?:|—|–|-|n\/a)$/i;
/** A Group Type statement naming each type. */
const STATES_TYPE: Record<GroupType, RegExp> = { working: /\bWorking Group\b/i, interest: /\bInterest Group\b/i };
/** A title ending in each type. */
const ENDS_WITH_TYPE: Record<GroupType, RegExp> = { working: /\bWorking Group$/i, interest: /\bInterest Group$/i };
const GITHUB_PROFILE = /^https?:\/\/(?:www\.)?github\.com\/([^/?#\s]+)\/?(?:[?#]\S*)?$/i;
const GITHUB_REPO = /^https:\/\/github\.com\/([^/?#\s]+)\/([^/?#\s]+?)\/?$/;
const NOT_OWNERS = new Set(['orgs', 'settings', 'sponsors', 'marketplace', 'apps', 'topics', 'features', 'enterprise', 'login', 'about', 'collections']);
const DISCUSSION_CATEGORY = /^https:\/\/github\.com\/([^/?#\s]+)\/([^/?#\s]+)\/discussions\/categories\/([^/?#\s]+)\/?(?:[?#]\S*)?$/;
const CALENDAR_TAG = /^https:\/\/meet\.modelcontextprotocol\.io\/tag\/([^/?#\s]+)\/?(?:[?#]\S*)?$/;

/** Sections every page has, and those a working group's page adds (the charter template; SEP-2149 Part 2). */
const REQUIRED_SECTIONS: Record<GroupType, string[]> = {
  interest: ['Group Type', 'Mission Statement', 'Scope', 'Leadership', 'Operations', 'Changelog'],
  working: ['Group Type', 'Mission Statement', 'Scope', 'Leadership', 'Authority & Decision Rights', 'Operations', 'Deliverables & Success Metrics', 'Changelog'],
};

/**
 * Reads one charter page. Checks the page alone (SEP-2149 Part 2): size (≤ 256 KiB) and encoding,
 * front matter and retirement marker, MDX balance, required and duplicate sections, the type, the
 * Leadership table's handles (§ 4), lead terms, members, sponsors, Discord channel, Changelog
 * dates and order (§ 9), and a retirement the page records but does not mark.
 *
 * @param source the page; `file` its repository-relative path (e.g. `docs/community/working-groups/registry.mdx`)
 * @param layout where the two folders are (the type comes from the folder)
 * @param today  the current date in UTC, `YYYY-MM-DD`
 * @returns the charter when the page gives a schema-valid one (even with errors elsewhere: see the
 *          diagnostics), the facts read, and the diagnostics (unsorted, unbounded in number); a
 *          path outside the two folders gives no charter and no diagnostic. Never throws on content.
 */
export function readCharterPage(source: PageSource, layout: PageLayout, today: string): PageRead {
  if (typeof source.content !== 'string' || source.content.length > MAX_PAGE_BYTES) return readCharterPageAfresh(source, layout, today);
  const key = JSON.stringify([source.file, source.byteLength ?? null, layout.workingGroups, layout.interestGroups, layout.nav, today, source.content]);
  const kept = pageMemo.get(key);
  if (kept) return copyPlain(kept);
  const read = readCharterPageAfresh(source, layout, today);
  pageMemo.set(key, copyPlain(read));
  return read;
}

/** What `readCharterPage` gives. */
export type PageRead = { charter: Charter | null; facts: CharterPageFacts; diagnostics: Diagnostic[] };

/**
 * Pages already read, the most recently used last, up to 1 MiB of text in all (a few dozen pages). The
 * same path, text, layout and day read the same (the outcome is a function of them alone), and the
 * App reads the same pages again and again: the registry and the check read the default branch's
 * pages on every event. Each caller gets its own copy (the validator completes the charters it
 * was given: lineage). An optimisation only: what is returned is the outcome of reading exactly
 * this page. Pages given as bytes, or larger than a page may be, are read afresh.
 */
const pageMemo = new TextMemo<PageRead>(1024 * 1024);

/** Forgets every page read (for measuring a cold read). */
export function forgetReadPages(): void {
  pageMemo.clear();
}

function readCharterPageAfresh(source: PageSource, layout: PageLayout, today: string): PageRead {
  const { file } = source;
  const group = pageGroup(file, layout);
  const id = group?.stem ?? file.slice(file.lastIndexOf('/') + 1).replace(/\.mdx$/, '');
  const facts: CharterPageFacts = { file, id, type: group?.type ?? null, status: null, leaders: [], sponsors: [], members: [], emeritus: [], workItems: [], changelog: [], repos: [], sections: [] };
  const out: Diagnostic[] = [];
  const done = (charter: Charter | null = null) => ({ charter, facts, diagnostics: out });
  if (!group) return done();
  const type = group.type;
  const report = (line: number, rule: RuleId, message: string) => out.push(diagnostic(file, { line, column: 1 }, rule, message));

  const read = sourceText(source, MAX_PAGE_BYTES, `a charter page may be at most ${MAX_PAGE_BYTES} bytes (256 KiB)`);
  if ('diagnostic' in read) {
    out.push(read.diagnostic);
    return done();
  }
  const idValid = ID_PATTERN.test(id) && id.length <= MAX_ID_LENGTH;
  if (!idValid) report(1, 'id-format', `the file name ${quote(id)} is not a group id: kebab-case (lowercase letters and digits joined by single hyphens), at most ${MAX_ID_LENGTH} characters`);

  const mdx = reduceMdx(read.text);
  for (const p of mdx.problems) out.push(diagnostic(file, p, p.rule, p.message));
  const { front, diagnostics: frontProblems } = readFrontMatter(file, mdx.frontMatter);
  out.push(...frontProblems);
  facts.status = front.status;
  facts.statusLine = front.statusLine;
  if (front.title) facts.title = front.title.text;

  const body = parseBody(mdx.body);
  if (!body.ok) {
    report(1, 'page-markdown-limit', `the page is not read: ${body.reason}`);
    return done();
  }
  if (body.nestingCut !== null) report(body.nestingCut, 'page-markdown-limit', `content here nests deeper than ${MAX_NESTING} levels (quotes, lists); what is deeper is not read`);

  // Sections (SEP-2149 Part 2: the template's headings).
  const sections = allSections(body.root);
  facts.sections = sections.map((s) => ({ title: s.title, level: s.level, line: s.line }));
  for (const parent of [body.root, ...sections]) {
    const seen = new Set<string>();
    for (const child of parent.children) {
      const key = `${child.level} ${child.key}`;
      if (seen.has(key)) report(child.line, 'page-section-duplicate', `the heading ${quote(child.title)} appears twice${parent.title ? ` under ${quote(parent.title)}` : ''}; merge the two`);
      seen.add(key);
    }
  }
  for (const table of tables(body.blocks)) {
    if (table.rowsNotRead) report(table.line, 'page-table-too-long', `this table has ${table.rowsNotRead} rows beyond the ${MAX_TABLE_ROWS} that are read; they are ignored`);
  }
  const top = sections.filter((s) => s.level <= 2);
  const section = (title: string) => {
    const key = sectionKey(title);
    return top.find((s) => s.key === key);
  };
  const subsection = (pattern: RegExp) => sections.find((s) => pattern.test(s.key));
  for (const title of REQUIRED_SECTIONS[type]) {
    if (!section(title)) report(1, 'page-section-missing', `the page has no "## ${title}" section, which the charter template requires of ${type === 'working' ? 'a working group' : 'every group'} (SEP-2149 Part 2)`);
  }

  // Type: the folder's, as the Group Type section and the title must say.
  const typeWords = { working: 'Working Group', interest: 'Interest Group' } as const;
  const other = type === 'working' ? 'interest' : 'working';
  const groupType = section('Group Type');
  if (groupType) {
    const paragraphs = contentOf(groupType).filter(isParagraph);
    const statement = (p: Inline) => (p.strong.length > 0 ? p.strong.join(' ') : p.text);
    const says = (t: GroupType) => paragraphs.find((p) => STATES_TYPE[t].test(statement(p.inline)));
    const mine = says(type);
    const theirs = says(other);
    if (theirs && !mine) report(theirs.line, 'page-type-mismatch', `the page is in the ${type === 'working' ? 'working' : 'interest'}-groups folder but states "${typeWords[other]}": move it, or state "**${typeWords[type]}**"`);
    else if (!mine || theirs) report(theirs?.line ?? groupType.line, 'page-type-mismatch', `the Group Type section states ${mine ? 'both types' : 'no type'}; state "**${typeWords[type]}**" (SEP-2149 Part 2 § 1)`);
  }
  let name: string | undefined;
  if (front.title) {
    const base = front.title.text.replace(/\s+charter$/i, '').trim();
    if (ENDS_WITH_TYPE[other].test(base)) {
      report(front.title.line, 'page-type-mismatch', `the title ${quote(front.title.text)} says "${typeWords[other]}", but the page is in the ${type}-groups folder`);
    }
    if (base) name = /\b(?:working|interest) group$/i.test(base) ? base : `${base} ${typeWords[type]}`;
  }

  // Leadership (§ 4): Role, Name, Organization, GitHub, Term.
  const leadership = section('Leadership');
  const leadTable = leadership ? tables(contentOf(leadership)).find((t) => column(t, /github/) >= 0) : undefined;
  const sponsors: { login: string; line: number }[] = [];
  if (leadership && !leadTable) report(leadership.line, 'page-leadership-table', 'the Leadership section has no table with a "GitHub" column: list each lead with Role, Name, Organization, GitHub and Term (SEP-2149 Part 2 § 4)');
  if (leadTable) {
    const col = (re: RegExp) => column(leadTable, re);
    const seen = new Set<string>();
    for (const row of readRows(leadTable)) {
      const role = cellText(row, col(/role/)) ?? '';
      const handle = loginOf(row.cells[col(/github/)]);
      if (/sponsor/i.test(role)) {
        if (handle.login) sponsors.push({ login: handle.login, line: row.line });
        continue;
      }
      const leader: PageLeader = { role, name: cellText(row, col(/^name$/)) ?? '', line: row.line };
      const organization = cellText(row, col(/org/));
      const term = cellText(row, col(/term/));
      if (organization) leader.organization = organization;
      if (term) leader.term = term;
      if (handle.login) {
        leader.login = handle.login;
        if (seen.has(handle.login.toLowerCase())) report(row.line, 'duplicate-entry', `the Leadership table lists @${handle.login} twice`);
        seen.add(handle.login.toLowerCase());
      } else {
        report(row.line, 'page-lead-handle', handle.written ? `${quote(handle.written)} is not a GitHub handle; write it as [@login](https://github.com/login) (SEP-2149 Part 2 § 4)` : `this lead has no GitHub handle; write it as [@login](https://github.com/login) in the GitHub column (SEP-2149 Part 2 § 4)`);
      }
      if (type === 'working' && term) {
        if (term.length > MAX_TERM_LENGTH) report(row.line, 'invalid-value', `the term is longer than ${MAX_TERM_LENGTH} characters`);
        const bad = malformedTermDate(term);
        if (bad) report(row.line, 'date-format', `the term ends in ${quote(bad)}, a date that does not exist`);
      }
      facts.leaders.push(leader);
    }
    if (facts.leaders.length === 0) report(leadTable.line, 'page-leadership-table', 'the Leadership table lists no lead (SEP-2149 Part 2 § 4)');
  }

  // Members (§ 6), when listed.
  const membership = section('Membership');
  const emeritusSection = subsection(/\bemeritus\b/);
  const memberTable = membership ? tables([...membership.blocks, ...membership.children.filter((c) => !/\bemeritus\b/.test(c.key)).flatMap(contentOf)]).find(isPeopleTable) : undefined;
  if (memberTable) facts.members = readMembers(memberTable);
  const emeritusTable = emeritusSection ? tables(contentOf(emeritusSection)).find(isPeopleTable) : undefined;
  if (emeritusTable) facts.emeritus = readMembers(emeritusTable);
  checkPageMembers(facts, report);

  // Sponsors: "Sponsored by …" lines, anywhere.
  for (const p of body.blocks.filter(isParagraph)) {
    if (/^\s*sponsored by\b/i.test(p.inline.text)) sponsors.push(...readSponsors(p.inline, (line, what) => report(line, 'page-sponsor-handle', `the sponsor ${quote(what)} has no GitHub handle; write "Name ([@login](https://github.com/login))"`)));
  }
  facts.sponsors = sponsors;

  // Discord (SEP-2149 § 1.7: `#{name}-wg` or `#{name}-ig`).
  const operations = section('Operations');
  const prose = [operations, membership].flatMap((s) => (s ? contentOf(s).filter(isParagraph) : []));
  const discordLine = operations ? contentOf(operations).filter(isParagraph).find((p) => /^\s*discord\s*:/i.test(p.inline.text)) : undefined;
  const onDiscordLine = discordLine && channelOf(discordLine.inline, true);
  const written =
    (discordLine && onDiscordLine !== undefined ? { channel: onDiscordLine, line: discordLine.line } : undefined) ||
    firstOf(prose, (p) => (/discord/i.test(p.inline.text) ? channelOf(p.inline, false) : undefined)) ||
    firstOf(prose, (p) => p.inline.codes.find((c) => /^#[a-z0-9][\w-]*-(?:wg|ig)$/i.test(c.trim()))?.trim().slice(1));
  if (written) {
    if (DISCORD_PATTERN.test(written.channel)) facts.discord = { channel: written.channel, line: written.line };
    else report(written.line, 'discord-format', `the Discord channel ${quote(written.channel)} is not a channel name (lowercase letters, digits, "-" and "_")`);
  }

  // Links: the Discussions category, the calendar tag, the Resources' repositories.
  const links = body.blocks.flatMap(linksOf);
  for (const link of links) {
    const category = DISCUSSION_CATEGORY.exec(link.href);
    if (category && !facts.discussions) {
      const repo = `${category[1]}/${category[2]}`;
      const slug = decode(category[3] as string);
      if (REPO_PATTERN.test(repo) && slug.length <= MAX_CATEGORY_LENGTH) facts.discussions = { repo, category: slug, url: link.href, line: link.line };
    }
    const tag = CALENDAR_TAG.exec(link.href);
    if (tag && facts.calendarTag === undefined) {
      facts.calendarTag = decode(tag[1] as string);
      facts.calendarTagLine = link.line;
    }
  }
  const resources = section('Resources');
  const repos = new Set<string>();
  for (const link of resources ? contentOf(resources).flatMap(linksOf) : []) {
    const repo = GITHUB_REPO.exec(link.href);
    const name = repo ? `${repo[1]}/${repo[2]}` : '';
    if (repo && !NOT_OWNERS.has((repo[1] as string).toLowerCase()) && REPO_PATTERN.test(name) && !repos.has(name.toLowerCase())) {
      repos.add(name.toLowerCase());
      facts.repos.push({ repo: name, line: link.line });
    }
  }

  // Work items (§ 8): Item, Status, Target Date, Champion.
  const workSection = subsection(/^active work items$/);
  const workTable = workSection ? tables(contentOf(workSection))[0] : undefined;
  if (workTable) {
    const itemCol = Math.max(column(workTable, /item|^sep$/), 0);
    for (const row of readRows(workTable)) {
      const item: WorkItem = { item: cellText(row, itemCol) ?? '', line: row.line };
      const fields = { status: /status/, target: /target|date/, champion: /champion|owner/ } as const;
      for (const [key, re] of Object.entries(fields) as [keyof typeof fields, RegExp][]) {
        const value = cellText(row, column(workTable, re));
        if (value) item[key] = value;
      }
      const url = row.cells.flatMap((c) => c.links).find((l) => GITHUB_WORK_URL.test(l.href))?.href;
      if (url) item.url = url;
      facts.workItems.push(item);
    }
  }

  // Changelog (§ 9): dated entries in one order; the oldest is when the group was formed.
  const changelog = section('Changelog');
  const logTable = changelog ? tables(contentOf(changelog)).find((t) => column(t, /date/) >= 0) : undefined;
  if (logTable) {
    const dateCol = column(logTable, /date/);
    const changeCol = column(logTable, /change/) >= 0 ? column(logTable, /change/) : dateCol + 1;
    let order = 0;
    for (const row of readRows(logTable)) {
      const date = cellText(row, dateCol) ?? '';
      if (!isCalendarDate(date)) {
        report(row.line, 'page-changelog-date', `the date ${quote(date)} is not a real date written YYYY-MM-DD`);
        continue;
      }
      if (date > today) report(row.line, 'date-future', `the Changelog date ${date} is after today (${today} UTC)`);
      const previous = facts.changelog[facts.changelog.length - 1];
      const step = previous ? Math.sign(date.localeCompare(previous.date)) : 0;
      if (step !== 0 && order === 0) order = step;
      else if (step !== 0 && step !== order) report(row.line, 'page-changelog-order', `this entry (${date}) breaks the Changelog's order: the entries above are ${order < 0 ? 'newest' : 'oldest'} first`);
      facts.changelog.push({ date, change: cellText(row, changeCol) ?? '', line: row.line });
    }
  }
  if (changelog && facts.changelog.length === 0 && !out.some((d) => d.rule === 'page-changelog-date')) {
    report(changelog.line, 'page-changelog-empty', 'the Changelog has no dated entries (a table of Date and Change): the first records when the group was formed (SEP-2149 Part 2 § 9)');
  }
  const formed = facts.changelog.reduce<string | undefined>((min, e) => (min === undefined || e.date < min ? e.date : min), undefined);
  const retired = front.status === 'retired' ? front.retired : undefined;
  if (retired?.on && retired.on > today) report(front.retiredOnLine ?? 1, 'date-future', `"retired_on" is ${retired.on}, after today (${today} UTC)`);
  if (retired?.on && formed && retired.on < formed) report(front.retiredOnLine ?? 1, 'retired-before-formed', `"retired_on" (${retired.on}) is before the group was formed (${formed}, the Changelog's first entry)`);

  // What the page states about groups that changed shape, read across pages (`applyPageLineage`).
  if (name) facts.name = name;
  facts.statements = lineageStatements(body.blocks, mdx.jsx);

  // An active page that records its own retirement.
  if (front.status === 'active') {
    const drift = retirementStatement(facts, body.blocks, mdx.jsx, name);
    if (drift) report(drift.line, 'page-retirement-unmarked', `the page records that the group was retired or folded (${quote(drift.text)}) but is not marked retired: add "status: retired", "retired_on" and "retired_reason" to its front matter`);
  }

  // Conventions of an active group (warnings).
  if (front.status === 'active') {
    if (type === 'working') {
      for (const lead of facts.leaders) {
        const end = lead.term === undefined ? null : leadTermEnd(lead.term);
        if (end !== null && end < today) report(lead.line, 'lead-term-expired', `the term of ${lead.login ? `@${lead.login}` : 'this lead'} ended on ${end}, before today (${today} UTC): renew it or update the leads (SEP-2149 Part 2 § 4)`);
      }
    }
    const memberLogins = new Set(facts.members.flatMap((m) => (m.login ? [m.login.toLowerCase()] : [])));
    if (memberLogins.size > 0) {
      for (const lead of facts.leaders) {
        if (lead.login && !memberLogins.has(lead.login.toLowerCase())) report(lead.line, 'page-leads-not-members', `@${lead.login} leads the group but is not in its Membership table (SEP-2149 Part 2 § 6)`);
      }
    }
    if (facts.discord) {
      const suffix = type === 'working' ? '-wg' : '-ig';
      if (!facts.discord.channel.endsWith(suffix)) report(facts.discord.line, 'discord-suffix', `the channel "${facts.discord.channel}" does not end in "${suffix}", as ${type === 'working' ? 'a working group' : 'an interest group'}'s channel does by convention (SEP-2149 § 1.7)`);
    } else {
      report(operations?.line ?? 1, 'discord-missing', 'the page names no Discord channel: add a line "Discord: `#<name>' + (type === 'working' ? '-wg' : '-ig') + '`" to Operations (SEP-2149 § 1.7)');
    }
  }

  if (!idValid || !name || front.status === null) return done();
  return done(buildCharter({ id, name, type, front, formed, facts, report }));
}

function buildCharter(input: {
  id: string;
  name: string;
  type: GroupType;
  front: PageFrontMatter;
  formed: string | undefined;
  facts: CharterPageFacts;
  report: (line: number, rule: RuleId, message: string) => void;
}): Charter | null {
  const { id, name, type, front, formed, facts, report } = input;
  const logins = unique(facts.leaders.flatMap((l) => (l.login ? [l] : [])), (l) => l.login as string);
  const sponsors = unique(facts.sponsors, (s) => s.login).map((s) => s.login);
  const deliverables = unique(facts.workItems.flatMap((w) => (w.url ? [w.url] : [])), (u) => u);
  // A work item no issue or pull request tracks, and whose status does not say it is done, is
  // never known done: it keeps the group from being judged completed.
  const untracked = unique(facts.workItems.flatMap((w) => (!w.url && w.item.trim() && !DONE_STATUS.test(w.status ?? '') ? [w.item.trim().slice(0, MAX_TEXT_LENGTH)] : [])), (i) => i);
  const candidate: Record<string, unknown> = { id, name, type, status: front.status };
  if (formed) candidate.formed = formed;
  if (type === 'working' && logins.length > 0) {
    candidate.leads = logins.map((l) => (l.term && !EMPTY_CELL.test(l.term) && l.term.length <= MAX_TERM_LENGTH && !malformedTermDate(l.term) ? { login: l.login, term: l.term } : { login: l.login }));
  }
  if (type === 'interest' && logins.length > 0) candidate.facilitators = logins.map((l) => l.login);
  if (sponsors.length > 0) candidate.sponsors = sponsors;
  if (facts.discord) candidate.discord = facts.discord.channel;
  // The page's `meet.modelcontextprotocol.io/tag/<tag>` link: its meetings (issue 23), fed from the configured `meetings.calendar_base`.
  if (facts.calendarTag !== undefined && CALENDAR_TAG_PATTERN.test(facts.calendarTag)) candidate.meetings = { tag: facts.calendarTag };
  if (facts.repos.length > 0) candidate.repos = facts.repos.map((r) => r.repo);
  if (type === 'working' && deliverables.length > 0) candidate.deliverables = deliverables;
  if (type === 'working' && untracked.length > 0) candidate.untracked_deliverables = untracked;
  const lists = pageMemberLists(facts, logins.map((l) => l.login as string));
  if (lists.members.length > 0) candidate.members = lists.members;
  if (lists.emeritus.length > 0) candidate.emeritus = lists.emeritus;
  if (facts.discussions) {
    candidate.discussions = { repo: facts.discussions.repo, category: facts.discussions.category };
    candidate.meeting_notes = facts.discussions.url;
  }
  // `retired_on: unknown` acknowledges that no record dates the retirement, as YAML's `on: unknown`.
  if (front.status === 'retired' && front.retired) candidate.retired = front.retiredOnUnknown ? { ...front.retired, on: RETIRED_ON_UNKNOWN } : front.retired;

  const parsed = CharterSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues.slice(0, 5)) {
    report(1, 'invalid-value', `the page gives an invalid "${issue.path.join('.')}": ${issue.message.slice(0, 200)}`);
  }
  return null;
}

// ---- Reading blocks -------------------------------------------------------------------------

type Paragraph = Extract<Block, { kind: 'paragraph' }>;
type Table = Extract<Block, { kind: 'table' }>;

function isParagraph(block: Block): block is Paragraph {
  return block.kind === 'paragraph';
}

function tables(blocks: readonly Block[]): Table[] {
  return blocks.filter((b): b is Table => b.kind === 'table');
}

/** The index of the first header cell matching `re` (tested lowercase), or -1. */
function column(table: Table, re: RegExp): number {
  return table.header.findIndex((h) => re.test(h.text.trim().toLowerCase()));
}

/** The body rows that hold any text (a template's empty row is no entry). */
function readRows(table: Table): TableRow[] {
  return table.rows.filter((r) => r.cells.some((c) => c.text.trim() !== ''));
}

/** A cell's text, spaces collapsed; undefined for a missing column or an empty cell ("", "—", "-"). */
function cellText(row: TableRow, col: number): string | undefined {
  const text = row.cells[col]?.text.replace(/\s+/g, ' ').trim() ?? '';
  return col < 0 || EMPTY_CELL.test(text) ? undefined : text;
}

function isPeopleTable(table: Table): boolean {
  return column(table, /github/) >= 0 || column(table, /^name$/) >= 0;
}

function readMembers(table: Table): PageMember[] {
  return readRows(table).map((row) => {
    const member: PageMember = { name: cellText(row, column(table, /^name$/)) ?? '', line: row.line };
    const login = loginOf(row.cells[column(table, /github/)]).login;
    const fields = { organization: /org/, discord: /discord/, level: /level|role/ } as const;
    for (const [key, re] of Object.entries(fields) as [keyof typeof fields, RegExp][]) {
      const value = cellText(row, column(table, re));
      if (value) member[key] = value;
    }
    if (login) member.login = login;
    return member;
  });
}

/**
 * The GitHub login a cell gives: a profile link's (`[@login](https://github.com/login)`), else a
 * written `@login`; `written` is what stands there when it is no valid login.
 */
function loginOf(cell: Inline | undefined): { login?: string; written?: string } {
  if (!cell) return {};
  for (const link of cell.links) {
    const profile = GITHUB_PROFILE.exec(link.href)?.[1];
    if (profile) return LOGIN_PATTERN.test(profile) ? { login: profile } : { written: profile };
  }
  const mention = /(?:^|[^\w@./])@([\w.-]+)/.exec(cell.text)?.[1];
  if (mention) return LOGIN_PATTERN.test(mention) ? { login: mention } : { written: `@${mention}` };
  const text = cell.text.trim();
  return EMPTY_CELL.test(text) ? {} : { written: text };
}

/**
 * The sponsors of a "Sponsored by A ([@a](…)), B ([@b](…)) and C." line: its parts (split at
 * commas, semicolons, "and", "&" outside brackets) with their handles; a part naming someone
 * without a handle is reported through `unnamed`.
 */
/** Most parts of one "Sponsored by" line read. */
const MAX_SPONSOR_PARTS = 20;
/** " and " between two parts: one or two spaces before "and" (six characters at most), matched where a part may end. */
const AND_SEPARATOR = /\s{1,2}and\s/iy;
const isA = (c: string | undefined) => c === 'a' || c === 'A';

function readSponsors(inline: Inline, unnamed: (line: number, what: string) => void): { login: string; line: number }[] {
  const raw = inline.raw;
  const start = (/sponsored by\b/i.exec(raw)?.index ?? 0) + 'sponsored by'.length;
  const parts: { text: string; at: number }[] = [];
  let depth = 0;
  let from = start;
  for (let i = start; i <= raw.length && parts.length < MAX_SPONSOR_PARTS; i += 1) {
    const c = raw[i];
    if (c === '(' || c === '[') depth += 1;
    else if ((c === ')' || c === ']') && depth > 0) depth -= 1;
    let separator = 0;
    if (c !== undefined && depth === 0) {
      if (c === ',' || c === ';' || c === '&') separator = 1;
      else if (isA(raw[i + 1]) || isA(raw[i + 2])) {
        // " and " has its "a" one or two characters on.
        AND_SEPARATOR.lastIndex = i;
        separator = AND_SEPARATOR.exec(raw)?.[0].length ?? 0;
      }
    }
    if (c === undefined || separator > 0) {
      parts.push({ text: raw.slice(from, i), at: from });
      from = i + Math.max(separator, 1);
      i = from - 1;
    }
  }
  const out: { login: string; line: number }[] = [];
  let line = inline.line;
  let counted = 0;
  for (const part of parts.slice(0, MAX_SPONSOR_PARTS)) {
    for (; counted < part.at; counted += 1) if (raw[counted] === '\n') line += 1;
    const handles = new Set<string>();
    // A profile link needs "://", a mention "@": a part with neither (a bare name) is not searched.
    if (part.text.includes('://')) for (const m of part.text.matchAll(/https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9-]+)\/?(?=[)\s>]|$)/gi)) handles.add(m[1] as string);
    if (part.text.includes('@')) for (const m of part.text.matchAll(/(?:^|[^\w@./])@([A-Za-z0-9-]+)/g)) handles.add(m[1] as string);
    const valid = [...handles].filter((h) => LOGIN_PATTERN.test(h));
    if (valid.length > 0) {
      for (const login of unique(valid, (h) => h)) out.push({ login, line });
      continue;
    }
    const what = part.text.replace(/[[\]()*_`]/g, '').replace(/\s+/g, ' ').replace(/^\s*(?:by\s+)?/i, '').replace(/[.\s]+$/, '');
    if (what !== '') unnamed(line, what);
  }
  return out;
}

/** A channel a paragraph names: a code span or link text `#name` (on a "Discord:" line, also a bare `#name`). */
function channelOf(inline: Inline, discordLine: boolean): string | undefined {
  const named = [...inline.codes, ...inline.links.map((l) => l.text)].map((t) => t.trim()).find((t) => /^#\S+$/.test(t));
  if (named) return named.slice(1);
  return discordLine ? /#([\w-]+)/.exec(inline.text)?.[1] : undefined;
}

function firstOf(paragraphs: Paragraph[], pick: (p: Paragraph) => string | undefined): { channel: string; line: number } | undefined {
  for (const p of paragraphs) {
    const channel = pick(p);
    if (channel) return { channel, line: p.line };
  }
  return undefined;
}

/** A block's links: inline content with no `[` (links, reference links) and no `<` (autolinks) has none, and is not parsed. */
function linksOf(block: Block): Link[] {
  if (block.kind !== 'table') return /[[<]/.test(block.inline.raw) ? block.inline.links : [];
  const links: Link[] = [];
  for (const cells of [block.header, ...block.rows.map((r) => r.cells)]) {
    for (const c of cells) if (/[[<]/.test(c.raw)) for (const link of c.links) links.push(link);
  }
  return links;
}

// ---- Retirement drift -----------------------------------------------------------------------

const RETIRED = '(?:folded|merged|retired|dissolved|disbanded|superseded|replaced|absorbed|sunset(?:ted)?|wound down|discontinued|archived)';
const AUXILIARY = '(?:(?:is|was|has been|had been|have been|got)\\s+)?(?:now\\s+)?';
const THIS_GROUP = '(?:this|the)\\s+(?:(?:working|interest)\\s+group|group|wg|ig)';
/** A retirement word anywhere: the cheap test a sentence passes before the full ones. */
const RETIRED_WORD = new RegExp(`\\b${RETIRED}\\b`, 'i');
/** "… into this group", "… by us": another group retired in favour of this one. */
const INTO_THIS_GROUP = /\b(?:into|with|by)\s+(?:this|our)\s+(?:(?:working|interest)\s+)?(?:group|wg|ig)\b|\binto\s+us\b/i;
/** A Changelog change that begins with the retirement: "Folded into the Authorization IG", "Group retired". */
const LEADING_RETIREMENT = new RegExp(`^\\W*(?:(?:this\\s+)?(?:group|wg|ig|working group|interest group)\\s+${AUXILIARY})?${RETIRED}\\b`, 'i');

/**
 * The first statement of the page that this group was retired, folded, merged, … : a Changelog
 * change that begins so, or a sentence (paragraph, list item, JSX note) whose subject is this group
 * ("this Interest Group is folded into …", "The Registry WG was retired"). A group retired into this
 * one ("… is folded into this group") is not this group's retirement.
 */
function retirementStatement(facts: CharterPageFacts, blocks: readonly Block[], jsx: readonly { line: number; text: string }[], name: string | undefined): { line: number; text: string } | null {
  // Built once a text names a retirement at all (most pages name none).
  let bySubjectRegExp: RegExp | undefined;
  const bySubject = () => {
    if (bySubjectRegExp) return bySubjectRegExp;
    const subjects = [`\\b${THIS_GROUP}`];
    if (name) {
      const base = name.replace(/\s+(?:working|interest) group$/i, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      subjects.push(`(?:^|\\b(?:the|this)\\s+)${base}\\s+(?:(?:working|interest)\\s+group|wg|ig|group)`);
    }
    bySubjectRegExp = new RegExp(`(?:${subjects.join('|')})\\s+${AUXILIARY}${RETIRED}\\b`, 'i');
    return bySubjectRegExp;
  };

  const found: { line: number; text: string }[] = [];
  for (const entry of facts.changelog) {
    if (RETIRED_WORD.test(entry.change) && LEADING_RETIREMENT.test(entry.change) && !INTO_THIS_GROUP.test(entry.change)) found.push({ line: entry.line, text: entry.change });
  }
  // A JSX note is parsed only when its text names a retirement at all (its text without tags is the parsed inline's source).
  const texts: Inline[] = blocks.filter(isParagraph).map((p) => p.inline);
  for (const j of jsx) {
    const text = j.text.replace(/<\/?[A-Za-z][^<>\n]{0,500}>/g, '');
    if (RETIRED_WORD.test(text)) texts.push(plainInline(text, j.line));
  }
  for (const inline of texts) {
    if (!RETIRED_WORD.test(inline.raw)) continue;
    for (const sentence of inline.text.matchAll(/[^.!?]+[.!?]*/g)) {
      const text = sentence[0].trimStart();
      if (!bySubject().test(text) || INTO_THIS_GROUP.test(text)) continue;
      const line = inline.line + (inline.text.slice(0, sentence.index + sentence[0].length - text.length).match(/\n/g)?.length ?? 0);
      found.push({ line, text });
      break;
    }
  }
  return found.reduce<{ line: number; text: string } | null>((first, f) => (first === null || f.line < first.line ? f : first), null);
}

// ---- Small helpers --------------------------------------------------------------------------

/** A value quoted for a message, cut to 80 characters. */
function quote(value: string): string {
  const text = value.replace(/\s+/g, ' ').trim();
  // At most 80 code units are at most 80 characters: nothing to cut.
  if (text.length <= 80) return JSON.stringify(text);
  const chars = Array.from(text);
  return JSON.stringify(chars.length > 80 ? `${chars.slice(0, 80).join('')}…` : text);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function unique<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item).toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
