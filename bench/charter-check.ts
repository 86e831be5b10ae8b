/**
 * Benchmark: GitHub API requests per pull-request event that changes one charter — black-box, the
 * real App on Probot against the stateful fake GitHub, linking included — for YAML charters and
 * for SEP-2149 charter pages, from 10 to 500 charters; and the time to read (validate) 500 pages
 * against 500 YAML charters. Nothing leaves the process. Measurements, not tests.
 */
import nock from 'nock';
import { validateCharterFiles } from '../src/charters/layout.js';
import { DEFAULT_PAGE_LAYOUT } from '../src/charters/pages/layout.js';
import { newCharterPage } from '../src/charters/pages/new-page.js';
import { forgetGroupRegistry } from '../src/github/group-registry.js';
import { forgetRepoConfig } from '../src/github/repo-config.js';
import { ActivityGitHub } from './activity-github.js';
import type { FakeActor } from './activity-github.js';
import { generatedCharter } from './charters.js';
import { loopProbot, pullPayload } from './governance-loop.js';

const NOW = new Date('2026-12-01T00:00:00Z');
const WG_DIR = DEFAULT_PAGE_LAYOUT.workingGroups;
const IG_DIR = DEFAULT_PAGE_LAYOUT.interestGroups;

/** `count` YAML charters, by file name, as the fake's `groups/` holds them. */
function yamlCharters(count: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => generatedCharter(i, count)).map((s) => [s.file, String(s.content)]));
}

/** `count` charter pages and their navigation file, by path, as a governance repository holds them. */
function pageCharters(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  const wg: string[] = [];
  const ig: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const working = i % 2 === 0;
    const id = `group-${i}`;
    files[`${working ? WG_DIR : IG_DIR}/${id}.mdx`] = newCharterPage({
      id,
      name: `Generated ${working ? 'Working' : 'Interest'} Group ${i}`,
      type: working ? 'working' : 'interest',
      mission: 'Collaborate on a themed series of SEPs and their reference implementations.',
      leads: [{ login: `lead-${i}`, term: 'until 2027-06-30' }],
      discord: `${id}-${working ? 'wg' : 'ig'}`,
      repos: [`example-org/${id}`],
      ...(working ? { deliverables: [`https://github.com/example-org/spec/pull/${1000 + i}`] } : {}),
      formed: '2026-01-15',
    });
    (working ? wg : ig).push(`community/${working ? 'working' : 'interest'}-groups/${id}`);
  }
  files[DEFAULT_PAGE_LAYOUT.nav] = `${JSON.stringify({ navigation: { groups: [{ group: 'Working Groups', pages: wg }, { group: 'Interest Groups', pages: ig }] } }, null, 2)}\n`;
  return files;
}

/**
 * Requests per `pull_request.synchronize` of a contributor's pull request that edits the first
 * charter: the first event (cold: installation token, configuration, registry), then the steady
 * state (each event's requests, by kind).
 */
async function measure(kind: 'yaml' | 'pages', count: number, events: number): Promise<{ cold: string[]; steady: string[][] }> {
  forgetRepoConfig();
  forgetGroupRegistry();
  const fake = new ActivityGitHub({ governanceRepo: 'example-org/governance' });
  fake.installationId = 1;
  fake.now = NOW;
  fake.charters = kind === 'yaml' ? yamlCharters(count) : pageCharters(count);
  if (kind === 'pages') {
    fake.groupsDir = '';
    fake.configs.set(fake.governanceRepo, 'charter_pages: {}\n');
  }
  fake.install();
  const probot = await loopProbot();
  const author: FakeActor = { login: 'a-contributor', type: 'User' };
  const [first] = Object.keys(fake.charters).filter((f) => /\.(?:yaml|mdx)$/.test(f));
  const edited = (fake.charters[first as string] as string).replace('Generated', 'Renamed');
  fake.branches.set('edit', { sha: 'e'.repeat(40), files: { ...fake.charters, [first as string]: edited } });
  const pull = fake.add({ repo: fake.governanceRepo, type: 'pull_request', title: 'Edit a charter', body: '', author, createdAt: NOW.toISOString(), headRef: 'edit', baseRef: 'main' });
  const runs: string[][] = [];
  for (let n = 0; n < events; n += 1) {
    const from = fake.requests.length;
    await probot.receive({ id: `bench-${kind}-${count}-${n}`, name: 'pull_request', payload: pullPayload(fake, pull, 'synchronize', author) } as never);
    runs.push(fake.requests.slice(from).map((r) => r.kind));
  }
  const problems = fake.problems.length;
  fake.uninstall();
  if (problems > 0) throw new Error(`the fake found ${problems} problems in the App's requests`);
  return { cold: runs[0] ?? [], steady: runs.slice(1) };
}

/** Median ms of `rounds` runs of `work`. */
function medianMs(rounds: number, work: () => void): number {
  const ms: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const start = process.hrtime.bigint();
    work();
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return ms.sort((a, b) => a - b)[Math.floor(rounds / 2)] as number;
}

/** Runs the benchmark and returns its report lines. */
export async function benchCharterCheck(): Promise<string[]> {
  nock.disableNetConnect();
  const lines = ['charter check: GitHub API requests per pull_request event that changes one charter (black-box, linking included)'];
  for (const kind of ['yaml', 'pages'] as const) {
    for (const count of [10, 100, 500]) {
      const { cold, steady } = await measure(kind, count, 4);
      const shapes = [...new Set(steady.map((s) => s.join(', ')))];
      lines.push(`  ${kind.padEnd(5)} ${String(count).padStart(3)} charters: first event ${cold.length} requests (cold), then ${[...new Set(steady.map((s) => s.length))].join('/')} per event: ${shapes.join(' | ')}`);
    }
  }
  nock.enableNetConnect();

  // Reading 500 charters: the validator of each source over the same number of groups.
  const yaml = Object.entries(yamlCharters(500)).map(([file, content]) => ({ file: `groups/${file}`, content }));
  const pages = pageCharters(500);
  const nav = { file: DEFAULT_PAGE_LAYOUT.nav, content: pages[DEFAULT_PAGE_LAYOUT.nav] as string };
  const pageSources = Object.entries(pages).filter(([file]) => file.endsWith('.mdx')).map(([file, content]) => ({ file, content }));
  const yamlMs = medianMs(5, () => validateCharterFiles({ kind: 'yaml', dir: 'groups' }, { charters: yaml, nav: null }, { now: NOW }));
  const pagesMs = medianMs(5, () => validateCharterFiles({ kind: 'pages', ...DEFAULT_PAGE_LAYOUT }, { charters: pageSources, nav }, { now: NOW }));
  lines.push(`  reading 500 charters (median of 5): YAML ${yamlMs.toFixed(0)} ms, pages ${pagesMs.toFixed(0)} ms (${(pagesMs / yamlMs).toFixed(2)}× YAML; goal ≤ 2×)`);
  return lines;
}
