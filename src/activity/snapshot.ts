/**
 * The activity snapshot: the plain data the evaluation judges, as a documented JSON format. A live
 * run builds it from GitHub; `--snapshot FILE` replays one; `--save-snapshot FILE` records one, so a
 * run can be attached to a bug report. The bundled `snapshots/mcp-activity.json` is one.
 *
 * ```json
 * {
 *   "generated_at": "2026-09-20T00:00:00Z",          // ISO 8601 instant the data was read
 *   "source": "…",                                    // optional: where the data came from
 *   "since": "2026-06-01",                            // optional: items updated before it are not in it
 *   "settings": { "inactivity_days": 30, "bot_logins": [], "policy": "sep-1302" },  // optional: what the run judged with
 *   "coverage": [                                     // optional: each source it meant to read, and what it read
 *     { "source": "repo", "repo": "owner/name", "status": "read" | "partial" | "unread",
 *       "from": ISO | "YYYY-MM-DD", "until": ISO, "why": "…" },           // why: required unless read
 *     { "source": "label", "label": "wg:registry", "scope": "user:owner", … },  // or "repo": one repository
 *     { "source": "item", "repo": "owner/name", "number": 12, … },
 *     { "source": "discussions", "repo": "owner/name", "category": "Registry WG", "slug": "registry-wg", … }
 *   ],
 *   "items": [{
 *     "repo": "owner/name", "number": 12,             // an issue, pull request or discussion, unique by repo+number
 *     "type": "issue" | "pull_request" | "discussion",
 *     "category": "…", "category_slug": "…",          // a discussion's category (discussions only)
 *     "title": "…" | null,                            // null: unknown (git history has no title)
 *     "state": "open" | "closed" | "merged" | null,   // "merged" only for a pull request; null: unknown
 *     "labels": ["wg:registry", …],
 *     "created_at": ISO | null, "closed_at": ISO | null,
 *     "author": "login" | null,                       // optional
 *     "url": "https://github.com/…",                  // optional: its public address
 *     "events": [{
 *       "at": ISO,
 *       "actor": "login" | null,                      // null: unknown (a deleted account, an unrecorded merger)
 *       "actor_type": "User" | "Bot" | "Unknown" | null,   // null: a person not recorded (counts as human); Unknown: person or bot
 *       "kind": "opened" | "comment" | "review" | "commit" | "closed" | "merged" | "reopened" | "labeled"
 *     }]
 *   }],
 *   "meetings": [{                                    // optional: the meetings of the calendar feeds read (issue 23)
 *     "feed": "https://…/ics/tag/auth-ig.ics", "url": "https://…", "uid": "…", "title": "…",
 *     "start": ISO, "end": ISO, "created": ISO,       // end, created optional; created: when it was first published
 *     "cancelled": false, "discussion": "https://github.com/…/discussions/12"   // discussion optional
 *   }],
 *   "conversations": [{                               // optional: the Discord channels read (issue 23)
 *     "channel": "auth-ig", "channel_id": "123…",
 *     "messages": [{ "at": ISO, "author": "<Discord user id>" }]   // human messages only; never their content
 *   }]
 * }
 * ```
 *
 * Instants are ISO 8601 with `Z` or an offset; the evaluation reads them as UTC milliseconds.
 * Unknown keys are errors, so a typo never passes silently. A snapshot without `coverage` records
 * nothing as read: its silences prove nothing (see `coverage.ts`). See `snapshots/README.md`.
 */
import { z } from 'zod';
import { REPO_PATTERN } from '../charters/schema.js';
import { MAX_PATTERN_LENGTH, POLICIES } from '../config/schema.js';
import { CoverageEntrySchema } from './coverage.js';

/** Largest snapshot `parseSnapshot` reads, in bytes (UTF-8): 64 MiB. */
export const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;
/** Most items one snapshot may hold. */
export const MAX_SNAPSHOT_ITEMS = 200_000;
/** Most problems one `SnapshotError` lists; the rest are counted. */
const MAX_LISTED_PROBLEMS = 10;

const instant = z.iso.datetime({ offset: true });
const shortText = z.string().max(1000);

/** Event kinds; all but `labeled` can be human activity (SEP-1302 § WG Lifecycle). */
export const EVENT_KINDS = ['opened', 'comment', 'review', 'commit', 'closed', 'merged', 'reopened', 'labeled'] as const;

export const SnapshotEventSchema = z.strictObject({
  at: instant,
  actor: shortText.nullable(),
  /** `Unknown`: may be a person or a bot (a squash merge read from git): never human activity. */
  actor_type: z.enum(['User', 'Bot', 'Unknown']).nullable(),
  kind: z.enum(EVENT_KINDS),
});

export const SnapshotItemSchema = z
  .strictObject({
    repo: z.string().regex(REPO_PATTERN, 'must be owner/name'),
    number: z.number().int().positive(),
    type: z.enum(['issue', 'pull_request', 'discussion']),
    /** A discussion's category name and slug. */
    category: z.string().min(1).max(200).optional(),
    category_slug: z.string().max(200).optional(),
    title: z.string().max(10_000).nullable(),
    state: z.enum(['open', 'closed', 'merged']).nullable(),
    labels: z.array(shortText).max(1000),
    created_at: instant.nullable(),
    closed_at: instant.nullable(),
    author: shortText.nullable().optional(),
    url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
    events: z.array(SnapshotEventSchema).max(100_000),
  })
  .refine((item) => item.state !== 'merged' || item.type === 'pull_request', {
    message: 'only a pull_request can be "merged"',
    path: ['state'],
  })
  .refine((item) => (item.type === 'discussion') === (item.category !== undefined), {
    message: 'a discussion has a category, and only a discussion',
    path: ['category'],
  });

/** Most meetings, and most messages, one snapshot may hold. */
export const MAX_SNAPSHOT_MEETINGS = 100_000;
export const MAX_SNAPSHOT_MESSAGES = 1_000_000;

/** One meeting of a calendar feed, as read (`src/calendar/read-feed.ts`'s `CalendarMeeting` with its feed). */
export const SnapshotMeetingSchema = z.strictObject({
  feed: z.url({ protocol: /^https?$/ }).max(2000),
  url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  uid: z.string().min(1).max(1000),
  title: z.string().max(300),
  start: instant,
  end: instant.optional(),
  /** When the event was first published (`CREATED`): SEP-2149 § 1.6 "announced at least 7 days ahead". */
  created: instant.optional(),
  cancelled: z.boolean(),
  /** A GitHub Discussions link the event names (agenda and notes). */
  discussion: z.url({ protocol: /^https$/ }).max(2000).optional(),
});

/** One Discord channel's human messages, as read: when and by whom (a Discord user id), never what. */
export const SnapshotConversationSchema = z.strictObject({
  channel: z.string().min(1).max(100),
  channel_id: z.string().regex(/^\d{1,25}$/),
  messages: z.array(z.strictObject({ at: instant, author: z.string().min(1).max(100) })).max(MAX_SNAPSHOT_MESSAGES),
});

export type SnapshotMeeting = z.infer<typeof SnapshotMeetingSchema>;
export type SnapshotConversation = z.infer<typeof SnapshotConversationSchema>;

export const SnapshotSchema = z
  .strictObject({
    generated_at: instant,
    source: z.string().max(10_000).optional(),
    /** Optional: only items updated on or after this date were collected (a live run's window). */
    since: z.iso.date().optional(),
    /** Optional: the settings the run judged with, so a replay judges the same way. */
    settings: z
      .strictObject({
        inactivity_days: z.number().int().min(1).max(3650),
        bot_logins: z.array(shortText).max(1000),
        /** The policy judged under (default `sep-1302`), and its quarterly-update title pattern (SEP-2149 § 1.8). */
        policy: z.enum(POLICIES).optional(),
        quarterly_update_pattern: z.string().min(1).max(MAX_PATTERN_LENGTH).optional(),
      })
      .optional(),
    /** Optional: every source the run meant to read, and what it read of each (see coverage.ts). */
    coverage: z.array(CoverageEntrySchema).max(100_000).optional(),
    items: z.array(SnapshotItemSchema).max(MAX_SNAPSHOT_ITEMS),
    /** Optional: the meetings of each calendar feed read (its coverage says over which span). */
    meetings: z.array(SnapshotMeetingSchema).max(MAX_SNAPSHOT_MEETINGS).optional(),
    /** Optional: the human messages of each Discord channel read (its coverage says over which span). */
    conversations: z.array(SnapshotConversationSchema).max(10_000).optional(),
  })
  .superRefine((snapshot, ctx) => {
    const seen = new Map<string, number>();
    snapshot.items.forEach((item, i) => {
      const key = itemKey(item.repo, item.number);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else ctx.addIssue({ code: 'custom', path: ['items', i], message: `${item.repo}#${item.number} is already items[${first}]; each issue or pull request appears once` });
    });
  });

export type Snapshot = z.infer<typeof SnapshotSchema>;
export type SnapshotItem = Snapshot['items'][number];
export type SnapshotEvent = SnapshotItem['events'][number];
export type EventKind = SnapshotEvent['kind'];

/** The snapshot is not valid; `problems` holds one line per problem, each naming its path. */
export class SnapshotError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid snapshot: ${problems.join('; ')}`);
    this.name = 'SnapshotError';
  }
}

/** The key that identifies an issue or pull request: `owner/name#number`, lower-cased. */
export function itemKey(repo: string, number: number): string {
  return `${repo.toLowerCase()}#${number}`;
}

/**
 * Parses and validates a snapshot (JSON text, or its UTF-8 bytes; a leading BOM is allowed).
 *
 * @throws SnapshotError with a clear message naming the path of each problem, e.g.
 *   `items[3].events[0].kind: Invalid option: …`; also when the input is larger than
 *   `MAX_SNAPSHOT_BYTES`, not UTF-8 or not JSON. Never a stack trace for bad content.
 */
export function parseSnapshot(input: string | Uint8Array): Snapshot {
  if (lastParsed && sameInput(lastParsed.input, input)) return lastParsed.snapshot;
  const snapshot = parseSnapshotAfresh(input);
  lastParsed = { input: typeof input === 'string' ? input : Uint8Array.from(input), snapshot: deepFreeze(snapshot) };
  return snapshot;
}

/**
 * The last snapshot parsed, and the exact input it was parsed from (a copy): the demo judges the
 * bundled snapshot twice (its YAML charters, then its charter pages), and a snapshot of the
 * reference data is 9 MB of JSON to validate. Frozen, as every reader only reads it.
 */
let lastParsed: { input: string | Uint8Array; snapshot: Snapshot } | undefined;

function sameInput(kept: string | Uint8Array, input: string | Uint8Array): boolean {
  if (typeof kept === 'string' || typeof input === 'string') return kept === input;
  return kept.byteLength === input.byteLength && Buffer.compare(kept, input) === 0;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function parseSnapshotAfresh(input: string | Uint8Array): Snapshot {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (bytes > MAX_SNAPSHOT_BYTES) {
    throw new SnapshotError([`the snapshot is ${bytes} bytes; at most ${MAX_SNAPSHOT_BYTES} are read`]);
  }
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw new SnapshotError(['the snapshot is not UTF-8 text']);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new SnapshotError([`not valid JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
  return validateSnapshot(data);
}

/**
 * Validates snapshot data already parsed from JSON (or built in memory).
 *
 * @throws SnapshotError naming the path of each problem
 */
export function validateSnapshot(data: unknown): Snapshot {
  const outcome = SnapshotSchema.safeParse(data);
  if (outcome.success) return outcome.data;
  const lines = outcome.error.issues.map((issue) => `${formatPath(issue.path) || '(top level)'}: ${issue.message}`);
  const extra = lines.length - MAX_LISTED_PROBLEMS;
  throw new SnapshotError(extra > 0 ? [...lines.slice(0, MAX_LISTED_PROBLEMS), `${extra} more problems`] : lines);
}

/** The snapshot as the JSON text it is stored in: two-space indentation, a final newline. */
export function formatSnapshot(snapshot: Snapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/** `['items', 3, 'kind']` → `items[3].kind`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}
