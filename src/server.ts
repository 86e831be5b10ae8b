#!/usr/bin/env node
/**
 * The App server, as `npm start` and the container run it: Probot's `run` (its HTTP server,
 * webhook route, `/ping`, environment options: APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, PORT, HOST,
 * LOG_LEVEL, LOG_FORMAT, GHE_HOST…) with the App's handlers and the App's Octokit, which retries
 * GitHub's rate limits instead of only logging them. SIGTERM (a container stopping) closes the
 * server; work in flight is idempotent and redone by the next delivery or the scheduled job.
 *
 * The environment is checked first (`serverEnvironmentProblem`): without what the App needs, the
 * server exits 1 with one line naming what is missing, never a stack trace. Only Probot's setup
 * mode — not in production, and neither APP_ID nor a private key set — starts without them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { run } from 'probot';
import { appOctokit } from './github/app-octokit.js';
import groupSteward from './index.js';

/**
 * What keeps the server from starting, in one line, or undefined when nothing does. Reads `env`
 * as Probot will: the process's environment, with `<cwd>/.env` applied over it (Probot loads it).
 *
 * Required: `APP_ID` (the App's numeric id), `PRIVATE_KEY` or `PRIVATE_KEY_PATH` (a file that
 * exists), `WEBHOOK_SECRET` — in production (`NODE_ENV=production`), and whenever the App's id or
 * key is set (the App runs). Neither set outside production is Probot's setup mode (it creates the
 * App through the manifest flow), which needs none of them.
 */
export function serverEnvironmentProblem(processEnv: Readonly<Record<string, string | undefined>>, cwd: string): string | undefined {
  let env: Record<string, string | undefined> = { ...processEnv };
  const dotEnv = resolve(cwd, '.env');
  if (existsSync(dotEnv)) {
    try {
      env = { ...env, ...parseEnv(readFileSync(dotEnv, 'utf8')) };
    } catch (error) {
      return `cannot read ${dotEnv}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  const production = env.NODE_ENV === 'production';
  if (!production && !set('APP_ID') && !set('PRIVATE_KEY') && !set('PRIVATE_KEY_PATH')) return undefined;

  const missing: string[] = [];
  if (!set('APP_ID')) missing.push('APP_ID');
  if (!set('PRIVATE_KEY') && !set('PRIVATE_KEY_PATH')) missing.push('PRIVATE_KEY (or PRIVATE_KEY_PATH)');
  if (!set('WEBHOOK_SECRET')) missing.push('WEBHOOK_SECRET');
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`set ${listed(missing)} (in the environment or .env)`);
  if (set('APP_ID') && !/^\d+$/.test((env.APP_ID ?? '').trim())) problems.push(`APP_ID must be the App's numeric id, not "${(env.APP_ID ?? '').trim().slice(0, 40)}"`);
  if (!set('PRIVATE_KEY') && set('PRIVATE_KEY_PATH') && !existsSync(resolve(cwd, env.PRIVATE_KEY_PATH ?? ''))) problems.push(`PRIVATE_KEY_PATH names no file: ${env.PRIVATE_KEY_PATH ?? ''}`);
  return problems.length === 0 ? undefined : `the App cannot start: ${problems.join('; ')}; see docs/app.md`;
}

function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** Checks the environment, then runs the server until SIGTERM. */
async function main(): Promise<void> {
  const problem = serverEnvironmentProblem(process.env, process.cwd());
  if (problem !== undefined) {
    process.stderr.write(`group-steward server: ${problem}\n`);
    process.exitCode = 1;
    return;
  }
  const server = await run(groupSteward, { Octokit: appOctokit() });
  process.once('SIGTERM', () => {
    void server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

// Run when started (`node dist/src/server.js`); a test imports the check without starting a server.
if (import.meta.main) await main();
