/**
 * The charter: one YAML file per group, `groups/<id>.yaml`.
 *
 * This zod schema is the single source of truth for the charter's shape: the TypeScript
 * type `Charter` is inferred from it, the validator checks files against it, and
 * `groups/charter.schema.json` (for editors) is generated from it by `charterJsonSchema()`.
 *
 * Fields follow SEP-1302's creation templates (§ Interest Groups / § Working Groups, "Creation
 * Template"), with SEP-2149's charter template (Part 2 § 4 "Leadership": a WG's `leads` and their
 * terms; § 1.1: the `sponsors`) as optional additions, so every charter valid under SEP-1302 stays
 * valid under both. What the schema cannot say — requirements that depend on `type` or `status`,
 * and everything across files — lives in `rules.ts`.
 */
import { z } from 'zod';
import { malformedTermDate } from '../policies/lead-terms.js';

/** Longest id whose label (`wg:<id>`) still fits GitHub's 50-character label names. */
export const MAX_ID_LENGTH = 47;
/** Longest free-text answer to a template question, in characters. */
export const MAX_TEXT_LENGTH = 5000;
/** Longest `term` of a lead, in characters. */
export const MAX_TERM_LENGTH = 200;

/** kebab-case: lowercase letters and digits in words joined by single hyphens. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** GitHub's login rules: 1–39 characters, letters, digits and single inner hyphens. */
export const LOGIN_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
/** `owner/name`: an owner by the login rules, a repository name of letters, digits, `.`, `_`, `-`. */
export const REPO_PATTERN =
  /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;
/** A Discord channel name as Discord writes it: lowercase, digits, `-` and `_`, no `#`. */
export const DISCORD_PATTERN = /^[a-z0-9](?:[a-z0-9_-]{0,99})$/;
/** A relative glob: no leading `/`, no `..` segment. */
export const PATH_GLOB_PATTERN = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\0\n\r]{1,200}$/;

const id = z
  .string()
  .max(MAX_ID_LENGTH)
  .regex(ID_PATTERN)
  .describe('kebab-case group id; equals the file name without .yaml');
const login = z.string().regex(LOGIN_PATTERN).describe('a GitHub login, without "@"');
const logins = z.array(login).min(1);
const date = z.iso.date().describe('a date, YYYY-MM-DD (UTC)');
const httpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain });
const text = z.string().trim().min(1).max(MAX_TEXT_LENGTH);

/** What `retired.on` says when no record dates the retirement: the gap acknowledged, not a date. */
export const RETIRED_ON_UNKNOWN = 'unknown';

/**
 * `retired.on`: a real date (zod's ISO date, as `formed` — no 2026-02-30), or `unknown`. One pattern
 * rather than a union, so a malformed date is reported as a date (`date-format`), and the JSON
 * Schema gives editors the same pattern.
 */
const RETIRED_ON_PATTERN = new RegExp(`^(?:${z.regexes.date.source.replace(/^\^|\$$/g, '')}|${RETIRED_ON_UNKNOWN})$`);

/**
 * The `retired:` block: present exactly when `status: retired` (SEP-1302 § Lifecycle). `on` is the
 * date, or `unknown` when no record gives it (which the charter then says, instead of a warning
 * that nobody could clear); absent, it is the `retired-date-missing` warning.
 */
export const RetirementSchema = z.strictObject({
  on: z
    .string()
    .regex(RETIRED_ON_PATTERN)
    .optional()
    .describe('the date the group was retired, YYYY-MM-DD (UTC), or "unknown" when no record gives it'),
  reason: text.describe('why the group was retired, and where its work went'),
  issue: httpsUrl.optional().describe('URL of the retirement issue or decision'),
  successor: id
    .optional()
    .describe(
      'id of the group that took over this group\'s work (a rename, a fold, a merge, an interest group become a working group): a chartered group; its work counts for the successor, and the directory links both',
    ),
});

/**
 * One lead of a working group (SEP-2149 § 1.1: "Each group has one or more Leads (referred to as
 * Facilitators for Interest Groups)"; Part 2 § 4: the leads table gives each one's GitHub handle
 * and term).
 */
export const LeadSchema = z
  .strictObject({
    login: login.describe('the lead\'s GitHub login, without "@"'),
    term: z
      .string()
      .trim()
      .min(1)
      .max(MAX_TERM_LENGTH)
      .refine((term) => malformedTermDate(term) === null, {
        message: 'ends in a date that does not exist; write the end date as a real YYYY-MM-DD date, e.g. "until 2027-01-31"',
        params: { rule: 'date-format' },
      })
      .optional()
      .describe(
        'the lead\'s term (SEP-2149 Part 2 § 4): free text such as "2026 H1", or an end date YYYY-MM-DD. ' +
          'A term that is a date, or ends with one ("until 2027-01-31"), ends on that date; an end date before today is a warning',
      ),
  })
  .describe('a working group lead: login and optional term');

/** Longest Discussions category name GitHub allows, in characters. */
export const MAX_CATEGORY_LENGTH = 100;

/**
 * The group's GitHub Discussions category: discussions opened there, and their comments and
 * replies, are its activity (SEP-1302 § IG Lifecycle: "at least one substantive thread /
 * conversation per month").
 */
export const DiscussionsSchema = z
  .strictObject({
    repo: z.string().regex(REPO_PATTERN).describe('owner/name of the repository holding the discussions'),
    category: z.string().trim().min(1).max(MAX_CATEGORY_LENGTH).describe('the category name (or its slug), as GitHub shows it'),
  })
  .describe("the group's GitHub Discussions category");

/**
 * Participation levels of a group's member list (SEP-2149 as MCP's docs state it, "Participation
 * Levels"): observer, participant, member (a WG Member), lead (a lead or facilitator).
 */
export const MEMBER_LEVELS = ['observer', 'participant', 'member', 'lead'] as const;
export type MemberLevel = (typeof MEMBER_LEVELS)[number];

/** One listed member of a group (SEP-2149, "Participation Levels": members "maintain name, organization, and Discord name in the respective group's member list"). */
export const MemberSchema = z
  .strictObject({
    login: login.describe('the member\'s GitHub login, without "@"'),
    level: z.enum(MEMBER_LEVELS).describe('observer, participant, member (a WG Member) or lead (a lead or facilitator)'),
  })
  .describe('a listed member: login and participation level');

/** One emeritus member (SEP-2149: "WG Members who do not participate for 3 consecutive months are moved to emeritus status"). */
export const EmeritusSchema = z
  .strictObject({
    login: login.describe('the former member\'s GitHub login, without "@"'),
    level: z.enum(MEMBER_LEVELS).optional().describe('the level held before emeritus status'),
    since: date.optional().describe('the date the member was moved to emeritus status, YYYY-MM-DD (UTC)'),
  })
  .describe('an emeritus member: login, former level, since when');

/** A calendar tag (Meetable's are lowercase words joined by "-", e.g. `auth-ig`). */
export const CALENDAR_TAG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/**
 * The group's meetings (issue 23; SEP-1302 § IG Lifecycle "a live meeting", SEP-2149 § 1.6): an
 * ICS feed (`calendar`), or a tag on the configured calendar (`meetings.calendar_base` in
 * `.github/group-steward.yml`). A meeting held is activity of the group.
 */
export const MeetingsSchema = z
  .strictObject({
    calendar: httpsUrl.optional().describe("https URL of the group's iCalendar (ICS) feed"),
    tag: z.string().regex(CALENDAR_TAG_PATTERN).optional().describe('a tag on the configured calendar (`meetings.calendar_base`), e.g. "auth-ig" for https://meet.modelcontextprotocol.io/tag/auth-ig'),
  })
  .describe("the group's meetings: its calendar feed, or a tag on the configured calendar (one of them; `calendar` wins)");

/** The charter of one working group (WG) or interest group (IG). */
export const CharterSchema = z
  .strictObject({
    id,
    name: z.string().trim().min(1).max(100).describe('the group name, e.g. "Registry Working Group"'),
    type: z.enum(['working', 'interest']).describe('working group (solutions) or interest group (problems)'),
    status: z.enum(['active', 'retired']),
    formed: date.optional().describe('the date the group was formed; required while active'),
    facilitators: logins
      .optional()
      .describe('GitHub logins of the facilitators (SEP-1302; an IG\'s facilitators in SEP-2149); one or more while active, unless a working group lists "leads"'),
    leads: z
      .array(LeadSchema)
      .min(1)
      .optional()
      .describe('WG: the leads (SEP-2149 § 1.1, Part 2 § 4; SEP-1302 calls them facilitators), each { login, term? }; an active WG has "leads" or "facilitators"'),
    maintainers: logins.optional().describe('GitHub logins of MCP Steering Group representatives'),
    sponsors: logins
      .optional()
      .describe('GitHub logins of the core or lead maintainers who sponsored the group and its leadership (SEP-2149 § 1.1, § 1.9)'),
    discord: z.string().regex(DISCORD_PATTERN).optional().describe('Discord channel name, without "#"'),
    repos: z
      .array(z.string().regex(REPO_PATTERN))
      .optional()
      .describe('owner/name repositories the group owns: all their issues and PRs are its work'),
    paths: z
      .array(z.string().regex(PATH_GLOB_PATTERN))
      .optional()
      .describe('globs: a pull request touching a matching file belongs to the group'),
    // Working groups (SEP-1302 § Working Groups, Creation Template)
    use_cases: text.optional().describe('WG: explanation of interest / use cases'),
    first_work: httpsUrl.optional().describe('WG: URL of the first Issue/PR/SEP'),
    deliverables: z
      .array(httpsUrl)
      .optional()
      .describe('WG: URLs of the Issues/PRs/SEPs the group intends to pursue'),
    untracked_deliverables: z
      .array(text)
      .optional()
      .describe(
        'WG: work the group intends to deliver that no issue or pull request tracks (a charter page\'s Active Work Items without a link); while any is listed, the group is never judged completed',
      ),
    // Interest groups (SEP-1302 § Interest Groups, Creation Template)
    related_groups: z.array(id).optional().describe('IG: ids of interest groups with similar goals'),
    differentiation: text.optional().describe('IG: how this group differs from the related groups'),
    first_topic: text.optional().describe('IG: the first topic to discuss'),
    // Optional
    meeting_notes: httpsUrl
      .optional()
      .describe('URL where meeting notes are published; a GitHub Discussions category, label or issue is read as activity'),
    discussions: DiscussionsSchema.optional(),
    meetings: MeetingsSchema.optional(),
    members: z
      .array(MemberSchema)
      .max(1000)
      .optional()
      .describe('the group\'s member list, each { login, level } (SEP-2149 "Participation Levels"); leads are listed with level "lead"'),
    emeritus: z
      .array(EmeritusSchema)
      .max(1000)
      .optional()
      .describe('members moved to emeritus status after 3 consecutive months without participation, each { login, level?, since? }'),
    previous_ids: z.array(id).optional().describe('former ids, so a rename keeps its history and label'),
    retired: RetirementSchema.optional(),
  })
  .describe('A Group Steward charter: one MCP working group or interest group (SEP-1302, SEP-2149).');

export type Charter = z.infer<typeof CharterSchema>;
export type GroupType = Charter['type'];

/** Every top-level key a charter may have, in schema order. */
export const CHARTER_KEYS: readonly string[] = Object.keys(CharterSchema.shape);

/**
 * Keys only a working group may have (SEP-1302 § WG Creation Template; `leads`: SEP-2149 § 1.1,
 * an IG's leaders are its facilitators).
 */
export const WORKING_GROUP_KEYS = ['leads', 'use_cases', 'first_work', 'deliverables', 'untracked_deliverables'] as const;
/** Keys only an interest group may have (SEP-1302 § IG Creation Template). */
export const INTEREST_GROUP_KEYS = ['related_groups', 'differentiation', 'first_topic'] as const;

/**
 * The people who lead a group: a working group's `leads` (SEP-2149 § 1.1, Part 2 § 4) and its
 * `facilitators` (SEP-1302's word for them), an interest group's `facilitators` — logins without
 * repeats (ignoring case), leads first. Wherever the App names or trusts a group's leaders, it reads
 * them here, so a charter written with SEP-2149's `leads` is led by them. Pure.
 */
export function groupLeaders(charter: Pick<Charter, 'type' | 'facilitators' | 'leads'>): string[] {
  const logins = [...(charter.type === 'working' ? (charter.leads ?? []).map((l) => l.login) : []), ...(charter.facilitators ?? [])];
  const seen = new Map<string, string>();
  for (const login of logins) if (!seen.has(login.toLowerCase())) seen.set(login.toLowerCase(), login);
  return [...seen.values()];
}

/**
 * The label a group's work carries: `wg:<id>` for a working group, `ig:<id>` for an interest
 * group. Derived, never typed in a charter.
 */
export function groupLabel(type: GroupType, groupId: string): string {
  return `${type === 'working' ? 'wg' : 'ig'}:${groupId}`;
}

/**
 * The JSON Schema (draft 2020-12) of a charter, generated from `CharterSchema`; this is what
 * `groups/charter.schema.json` holds and `group-steward schema` prints.
 */
export function charterJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(CharterSchema),
    title: 'Group Steward charter',
  };
}
