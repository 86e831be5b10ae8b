/**
 * Validating a configuration read from YAML (by Probot's `context.config`, or from a file by the
 * CLI). An invalid configuration is an error naming the bad key — never silently ignored.
 */
import { ConfigSchema } from './schema.js';
import type { Config } from './schema.js';

/** The configuration file is invalid; `problems` holds one line per bad key. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid .github/group-steward.yml: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses raw configuration data (null or undefined: no file, all defaults).
 *
 * @throws ConfigError naming each bad key, e.g. `vote.period_hours: expected number, received string`,
 *   `policy: must be one of "sep-1302", "sep-2149"; found "sep-9999"`
 */
export function parseConfig(raw: unknown): Config {
  const input = raw === null || raw === undefined ? {} : raw;
  const outcome = ConfigSchema.safeParse(input);
  if (outcome.success) return outcome.data;
  throw new ConfigError(
    outcome.error.issues.map((issue) => {
      const key = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((k) => `${key ? `${key}.` : ''}${k}: unknown key`).join('; ');
      }
      if (issue.code === 'invalid_value') {
        // An enum: name every allowed value (zod's own message joins them with "|").
        const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
        return `${key || '(top level)'}: must be one of ${allowed}; found ${shown(valueAt(input, issue.path))}`;
      }
      return `${key || '(top level)'}: ${issue.message}`;
    }),
  );
}

/** Longest rendering of a found value in a message. */
const MAX_SHOWN = 60;

function shown(value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  json ??= String(value);
  return json.length > MAX_SHOWN ? `${json.slice(0, MAX_SHOWN)}…` : json;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || typeof segment === 'symbol') return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}
