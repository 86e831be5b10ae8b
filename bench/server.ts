/**
 * Benchmark: the App server as a process (`node dist/src/server.js`, as `npm start` runs it)
 * against the stateful fake GitHub on 127.0.0.1 (`GHE_HOST`, `GHE_PROTOCOL=http`), signed webhook
 * deliveries over loopback. Nothing leaves the machine. Two runs:
 *
 * - a burst: 100 `/wg` comments over 5 installations, all delivered at once — deliveries per
 *   second and the time until every delivery's work (label and link comment) is on the fake; the
 *   same burst without HTTP is bench/pacing.ts's "after" run, printed just before;
 * - a soak: 3,000 `/wg` deliveries at 25 a second (`SERVER_BENCH_DELIVERIES`,
 *   `SERVER_BENCH_RATE`) over 10 installations — the server's resident set size (RSS) at the start,
 *   half-way and at the end, and whether every delivery's work was done.
 *
 * For both: per installation, the most content-creating requests (the throttling plugin's
 * notification paths: issues, comments, pull requests…) in any minute and in any hour, against
 * GitHub's documented limits — "In general, no more than 80 content-generating requests per minute
 * and no more than 500 content-generating requests per hour are allowed" (docs.github.com, "Rate
 * limits for the REST API", About secondary rate limits). GitHub's spacing is scaled as in
 * bench/pacing.ts: a unit of 25 ms (`PACING_BENCH_UNIT`) stands for GitHub's 1 s, so a "minute"
 * is 60 units and an "hour" 3,600. The unit is set in the child by a preload, as the tests' is.
 *
 * The burst runs twice: in process, and through the delivery queue (issue 22 § 4: `REDIS_URL`, a
 * `redis-server` of its own on loopback) when `redis-server` is installed — there the server
 * answers once the delivery is enqueued, so the burst has settled when its work is on the fake.
 */
import { generateKeyPairSync } from 'node:crypto';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { throttling } from '@octokit/plugin-throttling';
import { CONTENT_CREATION_PER_HOUR, CONTENT_CREATION_PER_MINUTE } from '../src/github/pacing.js';
import { deliver, freePort, request } from '../test/server/http.js';
import { startFakeServer } from '../test/support/fake-server.js';
import { startRedis } from '../test/support/redis.js';
import type { TestRedis } from '../test/support/redis.js';
import { ActivityGitHub } from './activity-github.js';
import type { FakeActor, FakeItem, FakeReply, FakeRequest } from './activity-github.js';
import { chartersOf, commentPayload } from './governance-loop.js';

const UNIT = Number(process.env.PACING_BENCH_UNIT ?? 25);
const SOAK = Number(process.env.SERVER_BENCH_DELIVERIES ?? 3000);
const RATE = Number(process.env.SERVER_BENCH_RATE ?? 25);
const SECRET = 'bench-secret';
const GROUPS = ['registry', 'sdk', 'transports', 'interceptors', 'server-card'];
const SERVER = fileURLToPath(new URL('../src/server.js', import.meta.url));
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

/** The fake GitHub, answering an installation token (`ghs_<id>`) for every installation, and timing each request by installation. */
class ServedGitHub extends ActivityGitHub {
  readonly timed: { at: number; installation: number; method: string; path: string }[] = [];

  override async handle(request: Request): Promise<FakeReply> {
    const installation = Number(/^token ghs_(\d+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? 0);
    this.timed.push({ at: performance.now(), installation, method: request.method, path: new URL(request.url).pathname.replace(/^\/api\/v3/, '') });
    return super.handle(request);
  }

  protected override intercept(request: FakeRequest): { reply: FakeReply; afterApplying: boolean } | null {
    const token = request.method === 'POST' ? /^\/app\/installations\/(\d+)\/access_tokens$/.exec(request.path) : null;
    if (!token) return null;
    return { reply: [201, { token: `ghs_${token[1] as string}`, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: { issues: 'write' } }], afterApplying: false };
  }
}

/** The most of `times` (ms) in any window of `windowMs` that starts at one of them. */
function mostInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[j] as number) < (sorted[i] as number) - windowMs + 1e-9) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** Per installation, the most content-creating requests in any 60 units and any 3,600 units, from request `from` on. */
function contentPeaks(fake: ServedGitHub, from: number): { minute: number; hour: number } {
  const byInstallation = new Map<number, number[]>();
  for (const r of fake.timed.slice(from)) {
    if (r.method === 'GET' || r.path.endsWith('/graphql') || r.path.startsWith('/app/') || !throttling.triggersNotification(r.path)) continue;
    byInstallation.set(r.installation, [...(byInstallation.get(r.installation) ?? []), r.at]);
  }
  let minute = 0;
  let hour = 0;
  for (const times of byInstallation.values()) {
    minute = Math.max(minute, mostInWindow(times, 60 * UNIT));
    hour = Math.max(hour, mostInWindow(times, 3600 * UNIT));
  }
  return { minute, hour };
}

/** The resident set size of process `pid`, in MB (Linux's /proc; 0 where there is none). */
function rssMb(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/** Starts the server process against `githubUrl` with the spacing unit `UNIT`; resolves once `/ping` answers. */
async function startServer(githubUrl: string, extra: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const preload = `data:text/javascript,globalThis[Symbol.for('group-steward.spacing-base-ms')]=${UNIT};`;
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', NODE_ENV: 'production', APP_ID: '1', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: SECRET, HOST: '127.0.0.1', PORT: String(port), LOG_FORMAT: 'json', LOG_LEVEL: 'warn', GHE_HOST: new URL(githubUrl).host, GHE_PROTOCOL: 'http', ...extra };
  const child = spawn(process.execPath, ['--import', preload, SERVER], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 500; i++) {
    if ((await request(port, 'GET', '/ping').catch(() => ({ status: 0 }))).status === 200) return { child, port };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not answer /ping within 10 s');
}

type Delivery = { item: FakeItem; id: string; payload: unknown };

/** Delivers a burst of 100 `/wg` over 5 installations at once to the server on `port`; the report's lines. Settled: every delivery's label and link comment are on the fake. */
async function burst(fake: ServedGitHub, port: number, command: (i: number, installations: number) => Delivery, how: string): Promise<string[]> {
  const deliveries = Array.from({ length: 100 }, (_, i) => command(i, 5));
  const from = fake.timed.length;
  const start = performance.now();
  const answers = await Promise.all(deliveries.map((d) => deliver(port, { id: d.id, event: 'issue_comment', payload: d.payload, secret: SECRET })));
  const answeredMs = performance.now() - start;
  const done = () => deliveries.filter((d) => fake.get(fake.governanceRepo, d.item.number).labels.length > 0 && fake.commentsOn(fake.governanceRepo, d.item.number).some((c) => c.by === fake.app.login)).length;
  // A queue answers once the delivery is enqueued: the burst has settled when the work is on the fake (60 s at most).
  while (done() < deliveries.length && performance.now() - start < 60_000) await new Promise((resolve) => setTimeout(resolve, 10));
  const settleMs = performance.now() - start;
  const units = settleMs / UNIT;
  const ok = answers.filter((a) => a.status === 200).length;
  const peaks = contentPeaks(fake, from);
  return [
    `  burst ${how}: 100 "/wg" over 5 installations, all at once: answered in ${answeredMs.toFixed(0)} ms, settled in ${units.toFixed(1)} units (${settleMs.toFixed(0)} ms; ≈ ${units.toFixed(0)} s at GitHub's 1 s): ${(100 / units).toFixed(2)} deliveries/s; ${ok}/100 answered 200, ${done()}/100 linked`,
    `    per installation at most ${peaks.minute} content-creating requests in any minute (GitHub documents ${CONTENT_CREATION_PER_MINUTE}/min, ${CONTENT_CREATION_PER_HOUR}/h)`,
  ];
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

/** Runs the bursts (in process, and queued when `redis-server` is installed) and the soak; returns the report lines. */
export async function benchServer(): Promise<string[]> {
  const fake = new ServedGitHub({ governanceRepo: 'example-org/governance', baseUrl: 'http://127.0.0.1/api/v3' });
  fake.charters = chartersOf('groups');
  const github = await startFakeServer(fake);
  const person: FakeActor = { login: 'someone', type: 'User' };
  const command = (i: number, installations: number): Delivery => {
    const item = fake.add({ repo: fake.governanceRepo, title: `Work ${i}`, createdAt: '2026-12-01T09:00:00Z' });
    const group = GROUPS[i % GROUPS.length] as string;
    const comment = fake.comment(fake.governanceRepo, item.number, '2026-12-01T10:00:00Z', person, `/wg ${group}`);
    return { item, id: `bench-${item.number}`, payload: { ...commentPayload(fake, item, comment, person), installation: { id: 100 + (i % installations) } } };
  };
  const lines = [`server: the App server as a process (node dist/src/server.js) against the fake GitHub on loopback, GitHub's spacing scaled to ${UNIT} ms a unit (1 s at GitHub)`];
  const { child, port } = await startServer(github.url);
  try {
    lines.push(...(await burst(fake, port, command, 'in process (pacing\'s "after" run above: the same burst without HTTP)')));

    // The soak.
    const from = fake.timed.length;
    const rss = [`start ${rssMb(child.pid ?? 0).toFixed(0)} MB`];
    const pending: Promise<{ status: number }>[] = [];
    const soak = Array.from({ length: SOAK }, (_, i) => command(i, 10));
    const soakStart = performance.now();
    for (let i = 0; i < SOAK; i++) {
      const due = soakStart + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const d = soak[i] as Delivery;
      pending.push(deliver(port, { id: d.id, event: 'issue_comment', payload: d.payload, secret: SECRET }).catch(() => ({ status: 0 })));
      if (i + 1 === Math.floor(SOAK / 2)) rss.push(`half (${i + 1} sent) ${rssMb(child.pid ?? 0).toFixed(0)} MB`);
    }
    const soakAnswers = await Promise.all(pending);
    const soakMs = performance.now() - soakStart;
    rss.push(`end (${SOAK} answered) ${rssMb(child.pid ?? 0).toFixed(0)} MB`);
    const soakOk = soakAnswers.filter((a) => a.status === 200).length;
    const soakLinked = soak.filter((d) => fake.get(fake.governanceRepo, d.item.number).labels.length > 0).length;
    const peaks = contentPeaks(fake, from);
    lines.push(
      `  soak: ${SOAK} "/wg" at ${RATE}/s over 10 installations: done in ${(soakMs / 1000).toFixed(1)} s (${(SOAK / (soakMs / 1000)).toFixed(1)} deliveries/s); ${soakOk}/${SOAK} answered 200, ${soakLinked}/${SOAK} labelled`,
      `    server RSS: ${rss.join(', ')}`,
      `    per installation at most ${peaks.minute} content-creating requests in any minute and ${peaks.hour} in any hour (GitHub documents ${CONTENT_CREATION_PER_MINUTE}/min, ${CONTENT_CREATION_PER_HOUR}/h)`,
    );
  } finally {
    await stop(child);
  }
  try {
    lines.push(...(await queuedBurst(fake, github.url, command)));
  } finally {
    await github.close();
  }
  if (fake.problems.length > 0) lines.push(`    problems: ${fake.problems.slice(0, 3).join('; ')}`);
  return lines;
}

/** The burst through the delivery queue (`REDIS_URL`, issue 22 § 4) on a Redis of its own; a line saying why not when `redis-server` is absent or the queue does not start. */
async function queuedBurst(fake: ServedGitHub, githubUrl: string, command: (i: number, installations: number) => Delivery): Promise<string[]> {
  let redis: TestRedis;
  try {
    redis = await startRedis();
  } catch (error) {
    return [`  burst queued: not measured — ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`];
  }
  try {
    const { child, port } = await startServer(githubUrl, { REDIS_URL: redis.url });
    try {
      return await burst(fake, port, command, 'queued (REDIS_URL: the receiver enqueues, the workers run)');
    } finally {
      await stop(child);
    }
  } catch (error) {
    return [`  burst queued: not measured — ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`];
  } finally {
    await redis.stop();
  }
}
