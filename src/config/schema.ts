/**
 * `.github/group-steward.yml`: the App's settings for a repository (or, through Probot's
 * `_extends`, for an organization). One zod schema gives the type, the defaults and the errors:
 * `ConfigFileSchema` is the file as written (every key optional), `ConfigSchema` the file with
 * every default resolved — including the ones that depend on `policy`.
 */
import { z } from 'zod';
import { LOGIN_PATTERN, REPO_PATTERN } from '../charters/schema.js';

/** A Discord snowflake id: digits. */
const DISCORD_ID = /^\d{1,25}$/;

/** Where the App reads its configuration, relative to `.github/` (Probot's `context.config`). */
export const CONFIG_FILE = 'group-steward.yml';

const login = z.string().regex(LOGIN_PATTERN, 'must be a GitHub login without "@"');
/** A team (by slug, in the repository's organization) or an explicit list of logins. */
const people = z.union([
  z.strictObject({ team: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be a team slug, e.g. "core-maintainers"') }),
  z.strictObject({ logins: z.array(login).min(1) }),
]);
export type People = z.infer<typeof people>;

/**
 * The governance rules a repository lives by: SEP-1302 ("Formalize Working Groups and Interest
 * Groups", the default) or SEP-2149 ("MCP Group Governance and Charter Template", MCP's rules
 * since it became Final).
 */
export const POLICIES = ['sep-1302', 'sep-2149'] as const;
export type Policy = (typeof POLICIES)[number];

/**
 * The default of `inactivity_days` under each policy: SEP-1302 § WG Lifecycle, a WG idle "a month
 * or more"; SEP-2149 § 1.9, "no active work for a sustained period" — one quarter, the period of
 * its quarterly reports (§ 1.8).
 */
export const DEFAULT_INACTIVITY_DAYS: Readonly<Record<Policy, number>> = { 'sep-1302': 30, 'sep-2149': 90 };

/** The default title pattern of a working group's quarterly update discussion (SEP-2149 § 1.8). */
export const DEFAULT_QUARTERLY_UPDATE_PATTERN = 'quarterly update';
/** Longest `activity.quarterly_update_pattern`, in characters. */
export const MAX_PATTERN_LENGTH = 200;

/** A JavaScript regular expression's source, compiled case-insensitively by its reader. */
const titlePattern = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_PATTERN_LENGTH, `must be at most ${MAX_PATTERN_LENGTH} characters`)
  .superRefine((source, ctx) => {
    try {
      new RegExp(source, 'i');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      ctx.addIssue({ code: 'custom', message: `must be a JavaScript regular expression (matched ignoring case), e.g. "quarterly update"; ${reason}` });
    }
  });

/** A path from the repository root: no leading `/`, no `..`. */
const RELATIVE_PATH = /^(?!\/)(?!.*\.\.)[A-Za-z0-9._/-]+$/;
const folder = z.string().regex(RELATIVE_PATH, 'must be a relative folder path');

const color = z.string().regex(/^[0-9a-fA-F]{6}$/, 'must be a 6-digit hex color without "#"');

/** The configuration file as written: every key optional; `inactivity_days` left open by default. */
export const ConfigFileSchema = z.strictObject({
  /** The governance rules the App applies (default: SEP-1302, today's behaviour). */
  policy: z.enum(POLICIES).default('sep-1302'),
  /** The folder of charters in the governance repository. */
  groups_dir: folder.default('groups'),
  /**
   * Charters kept as SEP-2149 charter pages (MDX, one per group, listed in the site's navigation)
   * instead of YAML files in `groups_dir`: the two folders and the navigation file, relative to the
   * repository root. Present (even `{}`), the pages are the charters; absent, `groups_dir` is.
   */
  charter_pages: z
    .strictObject({
      working_groups: folder.default('docs/community/working-groups'),
      interest_groups: folder.default('docs/community/interest-groups'),
      nav: z.string().regex(RELATIVE_PATH, 'must be a relative file path').default('docs/docs.json'),
    })
    .optional(),
  /** The repository that holds the charters (`owner/name`); default: the repository itself. */
  governance_repo: z.string().regex(REPO_PATTERN, 'must be owner/name').optional(),
  /**
   * A WG with no human activity for this many days is idle. Default by policy
   * (`DEFAULT_INACTIVITY_DAYS`): 30 under SEP-1302 (§ WG Lifecycle), 90 under SEP-2149 (§ 1.9).
   */
  inactivity_days: z.number().int().min(1).max(3650).optional(),
  /**
   * The people who decide. SEP-1302 § Lifecycle: creation vote by moderators, vetoable by core and
   * lead maintainers. SEP-2149 § 1.1, § 1.9, § 1.10: sponsorship by two core maintainers or one lead
   * maintainer, amendments approved by core maintainers, retirement by a core or lead maintainer.
   */
  vote: z
    .strictObject({
      moderators: people.optional(),
      core_maintainers: people.optional(),
      lead_maintainers: people.optional(),
      period_hours: z.number().positive().max(24 * 60).default(72),
    })
    .prefault({}),
  labels: z
    .strictObject({
      working_color: color.default('1d76db'),
      interest_color: color.default('0e8a16'),
    })
    .prefault({}),
  linking: z
    .strictObject({
      /** Who may remove a group label by command: anyone with write access, or a facilitator of the group. */
      remove_requires: z.enum(['write-or-facilitator', 'write', 'anyone']).default('write-or-facilitator'),
      /** Comment once, linking the charter and naming the facilitators, when work gains a group label. */
      comment_on_label: z.boolean().default(true),
    })
    .prefault({}),
  activity: z
    .strictObject({
      /** Logins whose events are not human activity, besides `[bot]` accounts and the App itself. */
      bot_logins: z.array(z.string().min(1).max(100)).default([]),
      /** Most writes one run of the scheduled job makes; the rest wait for the next run. */
      max_writes: z.number().int().min(1).max(1000).default(20),
      /**
       * SEP-2149 § 1.8: a discussion in a working group's category whose title matches this
       * regular expression (ignoring case) is its quarterly update.
       */
      quarterly_update_pattern: titlePattern.default(DEFAULT_QUARTERLY_UPDATE_PATTERN),
      /**
       * SEP-2149 "Participation Levels": the scheduled job opens one pull request per working group
       * moving its WG Members quiet for 3 consecutive months (on a full read) to the Emeritus list,
       * as `/emeritus <group>` does. Off by default: a lead or a core maintainer asks.
       */
      emeritus_pull_requests: z.boolean().default(false),
    })
    .prefault({}),
  /**
   * Meetings (issue 23): `calendar_base` resolves a charter's `meetings.tag` to the feed
   * `<base>/ics/tag/<tag>.ics` (Meetable; MCP's is `https://meet.modelcontextprotocol.io`). Default none.
   */
  meetings: z
    .strictObject({
      calendar_base: z.url({ protocol: /^https$/, hostname: z.regexes.domain }).max(500).optional(),
    })
    .prefault({}),
  /**
   * Discord (issue 23): the guild, and each channel's id by the name charters give it (`discord`).
   * The bot token comes from the environment (`DISCORD_BOT_TOKEN`), never from this file. Absent:
   * no channel is read (an interest group's channel is then "not configured", never silence).
   */
  discord: z
    .strictObject({
      guild_id: z.string().regex(DISCORD_ID, 'must be a Discord id (digits)'),
      channels: z.record(z.string().regex(/^#?[a-z0-9_-]{1,100}$/, 'must be a channel name'), z.string().regex(DISCORD_ID, 'must be a Discord channel id (digits)')),
    })
    .optional(),
});

/** The configuration file as written (what a person may put in `.github/group-steward.yml`). */
export type ConfigFile = z.input<typeof ConfigFileSchema>;

/** The configuration, every default resolved: `inactivity_days` from the policy when left out. */
export const ConfigSchema = ConfigFileSchema.transform((file) => ({
  ...file,
  inactivity_days: file.inactivity_days ?? DEFAULT_INACTIVITY_DAYS[file.policy],
}));

export type Config = z.output<typeof ConfigSchema>;

/** The configuration of a repository with no `.github/group-steward.yml`. */
export const DEFAULT_CONFIG: Config = ConfigSchema.parse({});
