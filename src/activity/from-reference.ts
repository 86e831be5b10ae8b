/**
 * Converting the shared reference data (`reference/mcp-activity.json`: real issues and pull
 * requests of MCP's group repositories) into the activity snapshot format, for the bundled
 * `snapshots/mcp-activity.json`. Pure: JSON data in, a snapshot out.
 */
import { z } from 'zod';
import { SnapshotError, validateSnapshot } from './snapshot.js';
import type { Snapshot } from './snapshot.js';

/** The top-level `source` sentence of a snapshot converted from the reference data. */
export const REFERENCE_SOURCE =
  "Converted from mcp-activity.json, Group Steward's shared reference data: real issues and pull requests of MCP's group repositories, transcribed from stored copies of public GitHub threads and git history (each item's url is its public source); partial, as threads were cut short, so most items carry only their first events.";

/** The parts of the reference file the conversion reads; other keys are ignored. */
const ReferenceSchema = z.object({
  generated_at: z.string(),
  items: z.array(
    z.object({
      repo: z.string(),
      repo_alias: z.string().optional(),
      number: z.number(),
      type: z.string(),
      title: z.string(),
      state: z.string(),
      labels: z.array(z.string()),
      created_at: z.string().nullable(),
      closed_at: z.string().nullable(),
      author: z.string().nullable().optional(),
      source: z.string().optional(),
      events: z.array(z.object({ at: z.string(), actor: z.string().nullable(), actor_type: z.string().nullable(), kind: z.string() })),
    }),
  ),
});

export interface ReferenceOptions {
  /** Every repository a charter names (`repos`), so a renamed repository keeps the charter's name. */
  charterRepos: readonly string[];
}

/**
 * Converts the reference data into a snapshot. Keeps the real data: `generated_at`, every item in
 * order, its labels (none are invented), its events (a commit's actor that is a git author name
 * stays as it is), and its `source` URL as `url`. Drops the collection notes (`group_hint`,
 * `group_evidence`, `author_type`, `repo_alias`).
 *
 * A renamed repository: an item carries `repo` (the name its thread shows) and `repo_alias` (the
 * other name). When the charters name the alias and not `repo`, the item's `repo` becomes the alias,
 * so it counts for the group whose charter lists it (`modelcontextprotocol/ext-skills` →
 * `modelcontextprotocol/experimental-ext-skills`, owned by skills-over-mcp); its `url` is unchanged.
 *
 * @throws SnapshotError naming the path when the reference data does not have the expected shape,
 *   or when the result is not a valid snapshot
 */
export function snapshotFromReference(reference: unknown, options: ReferenceOptions): Snapshot {
  const parsed = ReferenceSchema.safeParse(reference);
  if (!parsed.success) {
    throw new SnapshotError(parsed.error.issues.slice(0, 10).map((i) => `reference ${i.path.join('.') || '(top level)'}: ${i.message}`));
  }
  const named = new Set(options.charterRepos.map((r) => r.toLowerCase()));
  const items = parsed.data.items.map((item) => ({
    repo: item.repo_alias && named.has(item.repo_alias.toLowerCase()) && !named.has(item.repo.toLowerCase()) ? item.repo_alias : item.repo,
    number: item.number,
    type: item.type,
    title: item.title,
    state: item.state,
    labels: item.labels,
    created_at: item.created_at,
    closed_at: item.closed_at,
    ...(item.author !== undefined ? { author: item.author } : {}),
    ...(item.source !== undefined ? { url: item.source } : {}),
    events: item.events.map((e) => ({ at: e.at, actor: e.actor, actor_type: e.actor_type, kind: e.kind })),
  }));
  return validateSnapshot({ generated_at: parsed.data.generated_at, source: REFERENCE_SOURCE, items });
}
