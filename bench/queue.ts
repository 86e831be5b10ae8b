/**
 * Benchmark: the delivery queue (issue 22 § 4). A burst of 100 `/wg` comments over 5
 * installations, all delivered at once, against the stateful fake GitHub on 127.0.0.1, twice:
 *
 * - in process: one App server (`node dist/src/server.js`) without `REDIS_URL` — each answer
 *   comes once the delivery's handlers have ended;
 * - queued: two App servers sharing one `redis-server` (`REDIS_URL`), the burst split across
 *   both — each answers once Redis has the job, and the workers of both run the jobs.
 *
 * For each: the time until every delivery is answered, the time until every item is labelled and
 * has its link comment (settled), deliveries per second, and per installation the most
 * content-creating requests in any minute (each replica paces its own requests). GitHub's spacing
 * is scaled as in bench/pacing.ts: a unit of 25 ms (`PACING_BENCH_UNIT`) stands for GitHub's 1 s.
 * Needs Debian's redis-server (`apt-get install redis-server`); without it the queued run is
 * reported as not run.
 */
import { appPrivateKey } from './app-key.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { throttling } from '@octokit/plugin-throttling';
import { CONTENT_CREATION_PER_MINUTE } from '../src/github/pacing.js';
import { linkedMarker } from '../src/linking/markers.js';
import { deliver, freePort, request } from '../test/server/http.js';
import { startFakeServer } from '../test/support/fake-server.js';
import { startRedis } from '../test/support/redis.js';
import { ActivityGitHub } from './activity-github.js';
import type { FakeActor, FakeItem, FakeReply, FakeRequest } from './activity-github.js';
import { chartersOf, commentPayload } from './governance-loop.js';

const UNIT = Number(process.env.PACING_BENCH_UNIT ?? 25);
const COMMANDS = 100;
const INSTALLATIONS = 5;
const SECRET = 'bench-secret';
const GROUPS = ['registry', 'sdk', 'transports', 'interceptors', 'server-card'];
const SERVER = fileURLToPath(new URL('../src/server.js', import.meta.url));

/** The fake GitHub: an installation token (`ghs_<id>`) for any installation; each content-creating request timed by installation. */
class QueueGitHub extends ActivityGitHub {
  readonly content: { at: number; installation: number }[] = [];

  override async handle(request: Request): Promise<FakeReply> {
    const path = new URL(request.url).pathname.replace(/^\/api\/v3/, '');
    if (request.method !== 'GET' && !path.endsWith('/graphql') && !path.startsWith('/app/') && throttling.triggersNotification(path)) {
      this.content.push({ at: performance.now(), installation: Number(/^token ghs_(\d+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? 0) });
    }
    return super.handle(request);
  }

  protected override intercept(request: FakeRequest): { reply: FakeReply; afterApplying: boolean } | null {
    const token = request.method === 'POST' ? /^\/app\/installations\/(\d+)\/access_tokens$/.exec(request.path) : null;
    if (!token) return null;
    return { reply: [201, { token: `ghs_${token[1] as string}`, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: { issues: 'write' } }], afterApplying: false };
  }

  /** Per installation, the most content-creating requests in any 60 units. */
  peakPerMinute(): number {
    let most = 0;
    for (const installation of new Set(this.content.map((c) => c.installation))) {
      const times = this.content.filter((c) => c.installation === installation).map((c) => c.at);
      for (const from of times) most = Math.max(most, times.filter((at) => at >= from && at < from + 60 * UNIT).length);
    }
    return most;
  }
}

async function startApp(githubUrl: string, redisUrl: string | undefined): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const preload = `data:text/javascript,globalThis[Symbol.for('group-steward.spacing-base-ms')]=${UNIT};`;
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', NODE_ENV: 'production', APP_ID: '1', PRIVATE_KEY: appPrivateKey(), WEBHOOK_SECRET: SECRET, HOST: '127.0.0.1', PORT: String(port), LOG_FORMAT: 'json', LOG_LEVEL: 'warn', GHE_HOST: new URL(githubUrl).host, GHE_PROTOCOL: 'http', ...(redisUrl ? { REDIS_URL: redisUrl } : {}) };
  const child = spawn(process.execPath, ['--import', preload, SERVER], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 500; i++) {
    if ((await request(port, 'GET', '/ready').catch(() => ({ status: 0 }))).status === 200) return { child, port };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  throw new Error('the server was not ready within 10 s');
}

/** One burst against fresh App processes (one without `redisUrl`, two with it); its report line. */
async function burst(name: string, redisUrl: string | undefined): Promise<string[]> {
  const fake = new QueueGitHub({ governanceRepo: 'example-org/governance', baseUrl: 'http://127.0.0.1/api/v3' });
  fake.charters = chartersOf('groups');
  const github = await startFakeServer(fake);
  const apps = await Promise.all((redisUrl ? [1, 2] : [1]).map(() => startApp(github.url, redisUrl)));
  const person: FakeActor = { login: 'someone', type: 'User' };
  const deliveries = Array.from({ length: COMMANDS }, (_, i) => {
    const item = fake.add({ repo: fake.governanceRepo, title: `Work ${i}`, createdAt: '2026-12-01T09:00:00Z' });
    const group = GROUPS[i % GROUPS.length] as string;
    const comment = fake.comment(fake.governanceRepo, item.number, '2026-12-01T10:00:00Z', person, `/wg ${group}`);
    return { item, group, id: `bench-${item.number}`, payload: { ...commentPayload(fake, item, comment, person), installation: { id: 100 + (i % INSTALLATIONS) } } };
  });
  const settled = (d: { item: FakeItem; group: string }) =>
    fake.get(fake.governanceRepo, d.item.number).labels.length > 0 && fake.commentsOn(fake.governanceRepo, d.item.number).some((c) => c.by === fake.app.login && c.body.includes(linkedMarker(d.group)));
  try {
    const start = performance.now();
    const answers = await Promise.all(deliveries.map((d, i) => deliver((apps[i % apps.length] as { port: number }).port, { id: d.id, event: 'issue_comment', payload: d.payload, secret: SECRET })));
    const answeredMs = performance.now() - start;
    while (!deliveries.every(settled) && performance.now() - start < 600_000) await new Promise((resolve) => setTimeout(resolve, 10));
    const settleMs = performance.now() - start;
    const units = settleMs / UNIT;
    const ok = answers.filter((a) => a.status === 200).length;
    return [
      `  ${name}: answered all in ${answeredMs.toFixed(0)} ms; settled in ${units.toFixed(1)} units (${settleMs.toFixed(0)} ms; ≈ ${units.toFixed(0)} s at GitHub's 1 s): ${(COMMANDS / units).toFixed(2)} deliveries/s; ${ok}/${COMMANDS} answered 200, ${deliveries.filter(settled).length}/${COMMANDS} linked`,
      `    per installation at most ${fake.peakPerMinute()} content-creating requests in any minute (GitHub documents ${CONTENT_CREATION_PER_MINUTE}/min; each replica paces its own)`,
      ...(fake.problems.length > 0 ? [`    problems: ${fake.problems.slice(0, 3).join('; ')}`] : []),
    ];
  } finally {
    for (const { child } of apps) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await github.close();
  }
}

/** Runs the burst in process and queued; returns the report lines. */
export async function benchQueue(): Promise<string[]> {
  const lines = [`queue: a burst of ${COMMANDS} "/wg" comments over ${INSTALLATIONS} installations against the App server as processes, GitHub's spacing scaled to ${UNIT} ms a unit (1 s at GitHub)`];
  lines.push(...(await burst('in process (one server, no REDIS_URL)', undefined)));
  let redis: Awaited<ReturnType<typeof startRedis>>;
  try {
    redis = await startRedis();
  } catch (error) {
    lines.push(`  queued: not run — ${error instanceof Error ? error.message : String(error)}`);
    return lines;
  }
  try {
    lines.push(...(await burst('queued (two servers, one Redis, split across both)', redis.url)));
  } finally {
    await redis.stop();
  }
  return lines;
}
