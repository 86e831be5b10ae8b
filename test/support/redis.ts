/**
 * A real Redis for a test file (the delivery queue's tests, issue 22 § 4): Debian's
 * `redis-server` on a free loopback port, in a temporary directory, with no persistence
 * (`--save ''`, `--appendonly no`), killed by `stop`. `.ci/run` installs the package.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../server/http.js';

/** Where Debian's package puts the server (`REDIS_SERVER` names another). */
const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

export interface TestRedis {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** A client of this server (closed by `stop`). */
  readonly client: Redis;
  /** Kills the server and removes its directory. */
  stop(): Promise<void>;
}

/**
 * Starts a Redis server and resolves once it answers PING (10 s at most). Throws, naming the
 * package to install, when `redis-server` is absent; throws its output when it does not start.
 */
export async function startRedis(): Promise<TestRedis> {
  if (!existsSync(REDIS_SERVER)) throw new Error(`${REDIS_SERVER} is missing: the queue's tests need a real Redis — install it with \`sudo apt-get install redis-server\` (.ci/run does)`);
  const dir = await mkdtemp(join(tmpdir(), 'group-steward-redis-'));
  const port = await freePort();
  const server = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--loglevel', 'notice'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await ready(server);
  } catch (error) {
    await stop();
    throw error;
  }
  const client = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    client,
    stop: async () => {
      client.disconnect();
      await stop();
    },
  };
}

/** Resolves once the server logs that it accepts connections (10 s at most); rejects with its output when it exits first. */
function ready(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s: ${output.slice(-2000)}`)), 10_000);
    const take = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout?.on('data', take);
    server.stderr?.on('data', take);
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${String(code)}): ${output.slice(-2000)}`));
    });
  });
}
