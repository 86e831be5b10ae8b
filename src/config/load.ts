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
 * @throws ConfigError naming each bad key, e.g. `vote.period_hours: expected number, received string`
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
      return `${key || '(top level)'}: ${issue.message}`;
    }),
  );
}
