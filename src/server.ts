#!/usr/bin/env node
/**
 * The App server, as `npm start` and the container run it: Probot's `run` (its HTTP server,
 * webhook route, `/ping`, environment options: APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, PORT, HOST,
 * LOG_LEVEL, LOG_FORMAT, GHE_HOST…) with the App's handlers, the App's Octokit (it retries
 * GitHub's rate limits instead of only logging them), `/ready`, and the server's logger
 * (`startServer`, src/server/).
 *
 * SIGTERM or SIGINT (a container stopping, Ctrl-C) drains the server: deliveries are refused with
 * 503 and `/ready` answers 503, the work in flight gets `SHUTDOWN_GRACE_SECONDS` (25 s) to
 * finish, then the process exits 0 — or 1, after one error line per delivery the grace period
 * cut (src/server/drain.ts). A second signal cuts the drain short.
 *
 * The environment is checked first (`serverEnvironmentProblem`): without what the App needs, the
 * server exits 1 with one line naming what is missing, never a stack trace. Only Probot's setup
 * mode — not in production, and neither APP_ID nor a private key set — starts without them.
 *
 * `REDIS_URL` makes the server a receiver and workers on a durable queue shared by every replica
 * (src/server/queue/, docs/app.md "More than one replica"); without it deliveries run in process.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import groupSteward from './index.js';
import { LOG_LEVELS } from './server/log.js';
import { shutdownGraceMs, shutdownGraceProblem } from './server/drain.js';
import { queueSettingsProblem } from './server/queue/settings.js';
import { startServer } from './server/start.js';

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The environment as Probot reads it: `processEnv` with `<cwd>/.env` applied over it (Probot loads
 * it). Throws when `.env` exists but cannot be read.
 */
export function serverEnvironment(processEnv: Environment, cwd: string): Environment {
  const dotEnv = resolve(cwd, '.env');
  if (!existsSync(dotEnv)) return { ...processEnv };
  try {
    return { ...processEnv, ...parseEnv(readFileSync(dotEnv, 'utf8')) };
  } catch (error) {
    throw new Error(`cannot read ${dotEnv}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * What keeps the server from starting, in one line, or undefined when nothing does. Reads `env`
 * as Probot will (`serverEnvironment`).
 *
 * Required: `APP_ID` (the App's numeric id), `PRIVATE_KEY` or `PRIVATE_KEY_PATH` (a file that
 * exists), `WEBHOOK_SECRET` — in production (`NODE_ENV=production`), and whenever the App's id or
 * key is set (the App runs). Neither set outside production is Probot's setup mode (it creates the
 * App through the manifest flow), which needs none of them. In every mode, `SHUTDOWN_GRACE_SECONDS`
 * (`shutdownGraceProblem`), `LOG_LEVEL` (`trace` … `fatal`, `silent`) and, with `REDIS_URL`, the
 * queue's settings (`queueSettingsProblem`) must be valid when set.
 */
export function serverEnvironmentProblem(processEnv: Environment, cwd: string): string | undefined {
  let env: Environment;
  try {
    env = serverEnvironment(processEnv, cwd);
  } catch (error) {
    return (error as Error).message;
  }
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  const problems: string[] = [];
  const graceProblem = shutdownGraceProblem(env);
  if (graceProblem !== undefined) problems.push(graceProblem);
  const queueProblem = queueSettingsProblem(env);
  if (queueProblem !== undefined) problems.push(queueProblem);
  const level = env.LOG_LEVEL ?? '';
  if (level !== '' && !(LOG_LEVELS as readonly string[]).includes(level)) problems.push(`LOG_LEVEL must be one of ${listed(LOG_LEVELS, 'or')}, not "${level.slice(0, 40)}"`);
  const production = env.NODE_ENV === 'production';
  const setupMode = !production && !set('APP_ID') && !set('PRIVATE_KEY') && !set('PRIVATE_KEY_PATH');
  if (!setupMode) problems.push(...credentialProblems(env, cwd, set));
  return problems.length === 0 ? undefined : `the App cannot start: ${problems.join('; ')}; see docs/app.md`;
}

function credentialProblems(env: Environment, cwd: string, set: (name: string) => boolean): string[] {
  const missing: string[] = [];
  if (!set('APP_ID')) missing.push('APP_ID');
  if (!set('PRIVATE_KEY') && !set('PRIVATE_KEY_PATH')) missing.push('PRIVATE_KEY (or PRIVATE_KEY_PATH)');
  if (!set('WEBHOOK_SECRET')) missing.push('WEBHOOK_SECRET');
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`set ${listed(missing)} (in the environment or .env)`);
  if (set('APP_ID') && !/^\d+$/.test((env.APP_ID ?? '').trim())) problems.push(`APP_ID must be the App's numeric id, not "${(env.APP_ID ?? '').trim().slice(0, 40)}"`);
  if (!set('PRIVATE_KEY') && set('PRIVATE_KEY_PATH') && !existsSync(resolve(cwd, env.PRIVATE_KEY_PATH ?? ''))) problems.push(`PRIVATE_KEY_PATH names no file: ${env.PRIVATE_KEY_PATH ?? ''}`);
  return problems;
}

function listed(items: readonly string[], last = 'and'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1] ?? ''}`;
}

/** Checks the environment, then runs the server until SIGTERM or SIGINT, and drains it (exit 0, or 1 when work was cut). */
async function main(): Promise<void> {
  const problem = serverEnvironmentProblem(process.env, process.cwd());
  if (problem !== undefined) {
    process.stderr.write(`group-steward server: ${problem}\n`);
    process.exitCode = 1;
    return;
  }
  const env = serverEnvironment(process.env, process.cwd());
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({ env, graceMs: shutdownGraceMs(env), app: groupSteward });
  } catch (error) {
    // Redis unreachable (REDIS_URL), a port in use: one line, no stack trace.
    process.stderr.write(`group-steward server: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      server.log.warn(`${signal} again: the drain is cut short`);
      server.cutShort();
      return;
    }
    server.log.info(`${signal}: draining`);
    void server.drain().then((code) => {
      // One turn of the event loop for the last lines (pretty logs pass through a stream) to reach stdout.
      setImmediate(() => process.exit(code));
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

// Run when started (`node dist/src/server.js`); a test imports the check without starting a server.
if (import.meta.main) await main();
