/**
 * Benchmark: GitHub API requests per pull-request event that changes one charter — black-box, the
 * real App on Probot against the stateful fake GitHub, linking included — for YAML charters and
 * for SEP-2149 charter pages, from 10 to 500 charters; and the time to read (validate) 500 pages
 * against 500 YAML charters. Nothing leaves the process. Measurements, not tests.
 */
import nock from 'nock';
import { validateCharterFiles } from '../src/charters/layout.js';
import { forgetParsedCharters } from '../src/charters/parse.js';
import { forgetReadPages } from '../src/charters/pages/read-page.js';
import { DEFAULT_PAGE_LAYOUT } from '../src/charters/pages/layout.js';
import { newCharterPage } from '../src/charters/pages/new-page.js';
import { forgetGroupRegistry } from '../src/github/group-registry.js';
import { forgetRepoConfig } from '../src/github/repo-config.js';
import { ActivityGitHub } from './activity-github.js';
import type { FakeActor } from './activity-github.js';
import type { Charter, GroupType } from '../src/charters/schema.js';
import { charterYaml } from '../src/requests/group-request.js';
import { loopProbot, pullPayload } from './governance-loop.js';

const NOW = new Date('2026-12-01T00:00:00Z');
const WG_DIR = DEFAULT_PAGE_LAYOUT.workingGroups;
const IG_DIR = DEFAULT_PAGE_LAYOUT.interestGroups;

/**
 * `count` groups in the one charter model — working and interest groups alternating, each with a
 * lead (and term) or facilitator, a channel, a repository, a WG's deliverable — so that both
 * sources below hold the same groups.
 */
function generatedGroups(count: number): Charter[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `group-${i}`;
    const common = { id, name: `Generated ${i % 2 === 0 ? 'Working' : 'Interest'} Group ${i}`, status: 'active' as const, formed: '2026-01-15', discord: `${id}-${i % 2 === 0 ? 'wg' : 'ig'}`, repos: [`example-org/${id}`] };
    const mission = 'Collaborate on a themed series of SEPs and their reference implementations, so that clients and servers interoperate.';
    return i % 2 === 0
      ? { ...common, type: 'working' as const, leads: [{ login: `lead-${i}`, term: 'until 2027-06-30' }], use_cases: mission, first_work: `https://github.com/example-org/spec/pull/${1000 + i}`, deliverables: [`https://github.com/example-org/spec/pull/${1000 + i}`] }
      : { ...common, type: 'interest' as const, facilitators: [`lead-${i}`], differentiation: mission, first_topic: 'The first topic the group discusses.' };
  });
}

/** The groups as YAML charters, by file name, as the fake's `groups/` holds them. */
function yamlCharters(groups: readonly Charter[]): Record<string, string> {
  return Object.fromEntries(groups.map((c) => [`${c.id}.yaml`, charterYaml(c) as string]));
}

/** The same groups as charter pages (from SEP-2149's template) and their navigation file, by path. */
function pageCharters(groups: readonly Charter[]): Record<string, string> {
  const files: Record<string, string> = {};
  const nav: Record<GroupType, string[]> = { working: [], interest: [] };
  for (const c of groups) {
    const folder = c.type === 'working' ? WG_DIR : IG_DIR;
    files[`${folder}/${c.id}.mdx`] = newCharterPage({
      id: c.id,
      name: c.name,
      type: c.type,
      mission: (c.type === 'working' ? c.use_cases : c.differentiation) ?? '',
      leads: c.leads ?? (c.facilitators ?? []).map((login) => ({ login })),
      ...(c.discord ? { discord: c.discord } : {}),
      ...(c.repos ? { repos: c.repos } : {}),
      ...(c.deliverables ? { deliverables: c.deliverables } : {}),
      formed: c.formed ?? '2026-01-15',
    });
    nav[c.type].push(`community/${c.type}-groups/${c.id}`);
  }
  files[DEFAULT_PAGE_LAYOUT.nav] = `${JSON.stringify({ navigation: { groups: [{ group: 'Working Groups', pages: nav.working }, { group: 'Interest Groups', pages: nav.interest }] } }, null, 2)}\n`;
  return files;
}

/**
 * Requests per `pull_request.synchronize` of a contributor's pull request that edits the first
 * charter, each a new push: the first event (cold: installation token, configuration, registry), then the steady
 * state (each event's requests, by kind).
 */
async function measure(kind: 'yaml' | 'pages', count: number, events: number): Promise<{ cold: string[]; steady: string[][] }> {
  forgetRepoConfig();
  forgetGroupRegistry();
  const fake = new ActivityGitHub({ governanceRepo: 'example-org/governance' });
  fake.installationId = 1;
  fake.now = NOW;
  fake.charters = kind === 'yaml' ? yamlCharters(generatedGroups(count)) : pageCharters(generatedGroups(count));
  if (kind === 'pages') {
    fake.groupsDir = '';
    fake.configs.set(fake.governanceRepo, 'charter_pages: {}\n');
  }
  fake.install();
  const probot = await loopProbot();
  const author: FakeActor = { login: 'a-contributor', type: 'User' };
  const [first] = Object.keys(fake.charters).filter((f) => /\.(?:yaml|mdx)$/.test(f));
  // Each event is a new push: a new head commit whose charter differs again (a redelivery of the
  // same head would find its check runs posted, and write nothing).
  const push = (n: number) => {
    const edited = (fake.charters[first as string] as string).replace('Generated', `Renamed ${n}`);
    fake.branches.set('edit', { sha: n.toString(16).padStart(40, 'e'), files: { ...fake.charters, [first as string]: edited } });
  };
  push(0);
  const pull = fake.add({ repo: fake.governanceRepo, type: 'pull_request', title: 'Edit a charter', body: '', author, createdAt: NOW.toISOString(), headRef: 'edit', baseRef: 'main' });
  const runs: string[][] = [];
  for (let n = 0; n < events; n += 1) {
    push(n);
    const from = fake.requests.length;
    await probot.receive({ id: `bench-${kind}-${count}-${n}`, name: 'pull_request', payload: pullPayload(fake, pull, 'synchronize', author) } as never);
    runs.push(fake.requests.slice(from).map((r) => r.kind));
  }
  const problems = fake.problems.length;
  fake.uninstall();
  if (problems > 0) throw new Error(`the fake found ${problems} problems in the App's requests`);
  return { cold: runs[0] ?? [], steady: runs.slice(1) };
}

/**
 * Median ms of each of `works` over `rounds` rounds, the works interleaved in each round (after one
 * warm-up round), so a busy machine slows them alike; `cold` runs, untimed, before each work.
 */
function medianMs(rounds: number, works: readonly (() => void)[], cold: () => void = () => {}): number[] {
  const ms = works.map(() => [] as number[]);
  for (let round = -1; round < rounds; round += 1) {
    works.forEach((work, i) => {
      cold();
      const start = process.hrtime.bigint();
      work();
      if (round >= 0) ms[i]?.push(Number(process.hrtime.bigint() - start) / 1e6);
    });
  }
  return ms.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)] as number);
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

  // Reading 500 charters: the validator of each source over the same 500 groups.
  const groups = generatedGroups(500);
  const yaml = Object.entries(yamlCharters(groups)).map(([file, content]) => ({ file: `groups/${file}`, content }));
  const pages = pageCharters(groups);
  const nav = { file: DEFAULT_PAGE_LAYOUT.nav, content: pages[DEFAULT_PAGE_LAYOUT.nav] as string };
  const pageSources = Object.entries(pages).filter(([file]) => file.endsWith('.mdx')).map(([file, content]) => ({ file, content }));
  // Each read cold: the YAML texts (parse.ts) and the pages (read-page.ts) kept read from the round before are forgotten first.
  const [yamlMs = 0, pagesMs = 0] = medianMs(
    9,
    [
      () => validateCharterFiles({ kind: 'yaml', dir: 'groups' }, { charters: yaml, nav: null }, { now: NOW }),
      () => validateCharterFiles({ kind: 'pages', ...DEFAULT_PAGE_LAYOUT }, { charters: pageSources, nav }, { now: NOW }),
    ],
    () => {
      forgetParsedCharters();
      forgetReadPages();
    },
  );
  const bytes = (files: readonly { content: string }[]) => Math.round(files.reduce((n, f) => n + Buffer.byteLength(f.content), 0) / files.length);
  lines.push(`  the same 500 groups as YAML (${bytes(yaml)} bytes a charter) and as pages (${bytes(pageSources)} bytes a page, the template's sections and tables):`);
  lines.push(`  reading 500 charters (median of 9, interleaved): YAML ${yamlMs.toFixed(0)} ms, pages ${pagesMs.toFixed(0)} ms (${(pagesMs / yamlMs).toFixed(2)}× YAML; goal ≤ 2×)`);
  return lines;
}
