/**
 * Benchmark: a burst of 100 `/wg` commands over 5 installations (20 issues each, every comment
 * delivered at once) through the real App (Probot with the App's Octokit) against the stateful
 * fake GitHub holding MCP's real charters. Nothing leaves the process.
 *
 * The pacing is GitHub's, scaled: one spacing unit is 25 ms here instead of 1 s (1/100), so the
 * times below are also given in units — seconds at GitHub's real spacing — which is what they are
 * whenever the pacing, not the CPU, sets the pace. Two runs:
 *
 * - before: the pacing the App had until issue 22 § 5 — the throttling plugin's groups (writes
 *   1 unit apart, GraphQL queries in the write queue, comments and issues 3 units apart);
 * - after: the App's pacing (src/github/pacing.ts) — writes one at a time per installation, 1 unit
 *   apart, GraphQL queries as reads, content-creating requests within GitHub's 80 a minute and
 *   500 an hour.
 *
 * It reports deliveries per second and the time to settle, and, per installation, the most
 * content-creating requests (the throttling plugin's notification paths) in any minute, against
 * the 80 GitHub documents.
 */
import { appPrivateKey } from './app-key.js';
import { throttling } from '@octokit/plugin-throttling';
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { appOctokit } from '../src/github/app-octokit.js';
import { forgetGroupRegistry } from '../src/github/group-registry.js';
import { CONTENT_CREATION_PER_MINUTE } from '../src/github/pacing.js';
import { throttleOptions } from '../src/github/rate-limits.js';
import { forgetRepoConfig } from '../src/github/repo-config.js';
import groupSteward from '../src/index.js';
import { ActivityGitHub } from './activity-github.js';
import type { FakeActor, FakeReply, FakeRequest } from './activity-github.js';
import { chartersOf, commentPayload } from './governance-loop.js';

/** The spacing unit of this benchmark, in ms (GitHub's is 1000; `PACING_BENCH_UNIT` sets another: the larger, the less the fake's CPU weighs). */
const UNIT = Number(process.env.PACING_BENCH_UNIT ?? 25);
const INSTALLATIONS = [11, 12, 13, 14, 15];
const COMMANDS = 100;
const GROUPS = ['registry', 'sdk', 'transports', 'interceptors', 'server-card'];

/** The fake GitHub, answering an installation token for every installation, and timing each request. */
class BurstGitHub extends ActivityGitHub {
  readonly timed: { at: number; request: FakeRequest }[] = [];

  protected override intercept(request: FakeRequest): { reply: FakeReply; afterApplying: boolean } | null {
    this.timed.push({ at: performance.now(), request });
    const token = request.method === 'POST' ? /^\/app\/installations\/(\d+)\/access_tokens$/.exec(request.path) : null;
    if (!token) return null;
    return { reply: [201, { token: `ghs_${token[1] as string}`, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: { issues: 'write' } }], afterApplying: false };
  }
}

interface Run {
  settleMs: number;
  lines: string[];
}

/** One burst with the Octokit class `Octokit`. */
async function burst(name: string, Octokit: typeof ProbotOctokit): Promise<Run> {
  forgetRepoConfig();
  forgetGroupRegistry();
  const fake = new BurstGitHub({ governanceRepo: 'example-org/governance' });
  fake.charters = chartersOf('groups');
  fake.install();
  const probot = new Probot({ appId: 1, privateKey: appPrivateKey(), logLevel: 'fatal', Octokit });
  await probot.load(groupSteward);
  const person: FakeActor = { login: 'someone', type: 'User' };
  const installationOf = new Map<number, number>();
  const deliveries = Array.from({ length: COMMANDS }, (_, i) => {
    const installation = INSTALLATIONS[i % INSTALLATIONS.length] as number;
    const item = fake.add({ repo: fake.governanceRepo, title: `Work ${i}`, createdAt: '2026-12-01T09:00:00Z' });
    installationOf.set(item.number, installation);
    const comment = fake.comment(fake.governanceRepo, item.number, '2026-12-01T10:00:00Z', person, `/wg ${GROUPS[i % GROUPS.length] as string}`);
    return { id: `wg-${i}`, name: 'issue_comment', payload: { ...commentPayload(fake, item, comment, person), installation: { id: installation } } };
  });

  const start = performance.now();
  await Promise.all(deliveries.map((d) => probot.receive(d as never)));
  const settleMs = performance.now() - start;
  fake.uninstall();

  const linked = [...fake.items.values()].filter((i) => i.labels.length > 0).length;
  // Per installation, the content-creating requests' times: the most in any window of 60 units.
  const most = (times: number[]) => Math.max(0, ...times.map((from) => times.filter((at) => at >= from && at < from + 60 * UNIT).length));
  let peak = 0;
  let peakWrites = 0;
  for (const installation of INSTALLATIONS) {
    const times = fake.timed
      .filter(({ request }) => request.method !== 'GET' && request.path !== '/graphql' && !request.path.startsWith('/app/'))
      .filter(({ request }) => installationOf.get(Number(/\/issues\/(\d+)\//.exec(request.path)?.[1])) === installation)
      .map(({ at, request }) => ({ at, content: throttling.triggersNotification(request.path.split('?')[0] ?? '') }));
    peakWrites = Math.max(peakWrites, most(times.map((t) => t.at)));
    peak = Math.max(peak, most(times.filter((t) => t.content).map((t) => t.at)));
  }
  const settleUnits = settleMs / UNIT;
  const graphql = fake.timed.filter(({ request }) => request.path === '/graphql').length;
  return {
    settleMs,
    lines: [
      `  ${name}`,
      `    settled in ${settleUnits.toFixed(1)} units (${settleMs.toFixed(0)} ms at ${UNIT} ms a unit; ≈ ${settleUnits.toFixed(0)} s at GitHub's 1 s): ${(COMMANDS / settleUnits).toFixed(2)} deliveries/s; ${linked}/${COMMANDS} issues labelled`,
      `    requests: ${fake.timed.length} (${graphql} GraphQL), per installation at most ${peakWrites} writes and ${peak} content-creating requests in any minute (GitHub documents ${CONTENT_CREATION_PER_MINUTE}/min, 500/h)`,
      ...(fake.problems.length > 0 ? [`    problems: ${fake.problems.slice(0, 3).join('; ')}`] : []),
    ],
  };
}

/** Runs both bursts and returns the report lines. */
export async function benchPacing(): Promise<string[]> {
  nock.disableNetConnect();
  const noRetry = (o: Record<string, unknown>) => ({ ...o, retry: { enabled: false } });
  // The App's Octokit before issue 22 § 5: the plugin's groups, scaled, shared by key.
  const before = ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...noRetry(o), throttle: { ...(o.throttle as object), ...throttleOptions({ spacingBaseMs: UNIT, warn: () => {} }) } }));
  const after = appOctokit({ spacingBaseMs: UNIT }).defaults(noRetry);
  const lines = [`pacing: a burst of ${COMMANDS} "/wg" comments over ${INSTALLATIONS.length} installations, GitHub's spacing scaled to ${UNIT} ms a unit (1 s at GitHub)`];
  for (const [name, Octokit] of [
    ['before: the throttling plugin\'s groups (GraphQL queries paced as writes, comments 3 units apart)', before],
    ['after: per installation, GraphQL queries as reads, content within GitHub\'s limits (pacing.ts)', after],
  ] as const) {
    lines.push(...(await burst(name, Octokit as typeof ProbotOctokit)).lines);
  }
  nock.enableNetConnect();
  return lines;
}
