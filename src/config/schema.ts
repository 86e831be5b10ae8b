/**
 * `.github/group-steward.yml`: the App's settings for a repository (or, through Probot's
 * `_extends`, for an organization). One zod schema gives the type, the defaults and the errors.
 */
import { z } from 'zod';
import { LOGIN_PATTERN, REPO_PATTERN } from '../charters/schema.js';

/** Where the App reads its configuration, relative to `.github/` (Probot's `context.config`). */
export const CONFIG_FILE = 'group-steward.yml';

const login = z.string().regex(LOGIN_PATTERN, 'must be a GitHub login without "@"');
/** A team (by slug, in the repository's organization) or an explicit list of logins. */
const people = z.union([
  z.strictObject({ team: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be a team slug, e.g. "core-maintainers"') }),
  z.strictObject({ logins: z.array(login).min(1) }),
]);
export type People = z.infer<typeof people>;

const color = z.string().regex(/^[0-9a-fA-F]{6}$/, 'must be a 6-digit hex color without "#"');

export const ConfigSchema = z.strictObject({
  /** The folder of charters in the governance repository. */
  groups_dir: z.string().regex(/^(?!\/)(?!.*\.\.)[A-Za-z0-9._/-]+$/, 'must be a relative folder path').default('groups'),
  /** The repository that holds the charters (`owner/name`); default: the repository itself. */
  governance_repo: z.string().regex(REPO_PATTERN, 'must be owner/name').optional(),
  /** SEP-1302 § WG Lifecycle: a WG with no human activity for this many days is idle. */
  inactivity_days: z.number().int().min(1).max(3650).default(30),
  /** SEP-1302 § Lifecycle: creation vote by moderators, vetoable by core and lead maintainers. */
  vote: z
    .strictObject({
      moderators: people.optional(),
      core_maintainers: people.optional(),
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
    })
    .prefault({}),
});

export type Config = z.infer<typeof ConfigSchema>;

/** The configuration of a repository with no `.github/group-steward.yml`. */
export const DEFAULT_CONFIG: Config = ConfigSchema.parse({});
