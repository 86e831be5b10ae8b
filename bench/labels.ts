/**
 * Benchmark: GitHub API requests made by label sync and linking, counted against a small
 * in-memory GitHub served through nock (no network). A measurement, not a test: it asserts
 * nothing and never runs under jest.
 *
 * - Linking: requests per event at steady state — the configuration and the group registry
 *   already cached, as they are after an installation's first event — for the usual events.
 * - Label sync: 50 groups on a repository with 300 labels (three pages of 100), first and second
 *   run, and a push to the governance repository end to end.
 */
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import type { GitHub } from '../src/github/client.js';
import { forgetGroupRegistry, readGroupRegistry } from '../src/github/group-registry.js';
import { listInstallationRepos } from '../src/github/installation-repos.js';
import { forgetRepoConfig } from '../src/github/repo-config.js';
import { repoConfigReader } from '../src/github/repo-config-reader.js';
import { registryLabels } from '../src/labels/sync-repos.js';
import { loadGovernance, loadGovernanceConfig } from '../src/services/governance.js';
import { syncRepoLabels } from '../src/services/label-sync.js';
import { linkWorkEvent } from '../src/services/linking.js';
import { readGroupCommands } from '../src/linking/commands.js';
import { linkedMarker } from '../src/linking/markers.js';
import type { WorkEvent } from '../src/services/linking.js';
import { DEFAULT_CONFIG } from '../src/config/schema.js';
import { generatedCharter } from './charters.js';

const API = 'https://api.github.com';
const GOVERNANCE = 'example-org/governance';
const NOW = new Date('2026-11-22T00:00:00Z');

interface Label {
  name: string;
  color: string;
  description: string | null;
}
interface Comment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

/** A GitHub holding one repository's labels, issues' labels and comments, and a charters folder. */
class FakeGitHub {
  labels: Label[] = [];
  issueLabels = new Map<number, string[]>();
  comments = new Map<number, Comment[]>();
  files = new Map<number, string[]>();
  charters: Record<string, string> = {};
  installed: string[] = [GOVERNANCE];
  requests: string[] = [];
  private nextComment = 1000;

  install(): void {
    nock.cleanAll();
    const scope = nock(API).persist();
    for (const method of ['get', 'post', 'patch', 'delete'] as const) {
      scope[method](/.*/).reply(async (request: Request) => this.answer(request));
    }
  }

  count(): { total: number; reads: number; writes: number; byKind: string } {
    const reads = this.requests.filter((r) => r.startsWith('GET') || r === 'POST /graphql').length;
    const kinds = new Map<string, number>();
    for (const r of this.requests) kinds.set(route(r), (kinds.get(route(r)) ?? 0) + 1);
    return { total: this.requests.length, reads, writes: this.requests.length - reads, byKind: [...kinds].map(([k, n]) => `${n}× ${k}`).join(', ') };
  }

  private async answer(request: Request): Promise<[number, unknown, Record<string, string>?]> {
    const url = new URL(request.url);
    const path = decodeURIComponent(url.pathname);
    const text = await request.text();
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    this.requests.push(`${request.method} ${path}`);
    const page = Number(url.searchParams.get('page') ?? '1');
    let match: RegExpMatchArray | null;

    if (path === '/graphql') return [200, { data: String(body.query).includes('GroupStewardWork') ? this.workData(body.variables as { number: number; withFiles: boolean }) : this.registryData() }];
    if (path.endsWith('/contents/.github/group-steward.yml')) return [404, { message: 'Not Found' }];
    if (path === '/installation/repositories') return [200, { total_count: this.installed.length, repositories: this.installed.map((full_name) => ({ full_name })) }];
    if ((match = path.match(/^\/repos\/[^/]+\/[^/]+\/labels$/))) {
      if (request.method === 'GET') return paginate(url, this.labels, page);
      this.labels.push({ name: String(body.name), color: String(body.color), description: String(body.description) });
      return [201, {}];
    }
    if ((match = path.match(/^\/repos\/[^/]+\/[^/]+\/labels\/(.+)$/))) {
      const label = this.labels.find((l) => l.name.toLowerCase() === match?.[1]?.toLowerCase());
      if (label) Object.assign(label, { ...(body.new_name ? { name: body.new_name } : {}), ...(body.color ? { color: body.color } : {}), ...(body.description ? { description: body.description } : {}) });
      return [200, {}];
    }
    if ((match = path.match(/^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/labels$/))) {
      const n = Number(match[1]);
      if (request.method === 'POST') this.issueLabels.set(n, [...(this.issueLabels.get(n) ?? []), ...(body.labels as string[])]);
      return paginate(url, (this.issueLabels.get(n) ?? []).map((name) => ({ name, color: 'ededed' })), page);
    }
    if ((match = path.match(/^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/labels\/(.+)$/))) {
      const n = Number(match[1]);
      this.issueLabels.set(n, (this.issueLabels.get(n) ?? []).filter((l) => l !== match?.[2]));
      return [200, []];
    }
    if ((match = path.match(/^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/))) {
      const n = Number(match[1]);
      const list = this.comments.get(n) ?? [];
      if (request.method === 'GET') return paginate(url, list, page);
      const comment = { id: (this.nextComment += 1), body: String(body.body), user: { login: 'group-steward[bot]', type: 'Bot' } };
      this.comments.set(n, [...list, comment]);
      return [201, comment];
    }
    if ((match = path.match(/^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/))) {
      const id = Number(match[1]);
      for (const list of this.comments.values()) for (const c of list) if (c.id === id) c.body = String(body.body);
      return [200, {}];
    }
    if (path.match(/\/collaborators\/[^/]+\/permission$/)) return [200, { permission: 'read', role_name: 'read', user: null }];
    if ((match = path.match(/^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/files$/))) {
      return paginate(url, (this.files.get(Number(match[1])) ?? []).map((filename) => ({ filename, status: 'modified' })), page);
    }
    return [404, { message: `the bench's GitHub does not serve ${request.method} ${path}` }];
  }

  /** The `GroupStewardWork` answer: the governance commit, the work's labels, comments and files. */
  private workData(variables: { number: number; withFiles: boolean }) {
    const n = variables.number;
    const page = <T>(nodes: T[]) => ({ totalCount: nodes.length, nodes: nodes.slice(0, 100) });
    const files = this.files.get(n) ?? [];
    return {
      governance: { defaultBranchRef: { target: { oid: 'c'.repeat(40) } } },
      repository: {
        issueOrPullRequest: {
          __typename: files.length ? 'PullRequest' : 'Issue',
          labels: page((this.issueLabels.get(n) ?? []).map((name) => ({ name }))),
          comments: page((this.comments.get(n) ?? []).map((c) => ({ databaseId: c.id, body: c.body, author: { __typename: 'Bot', login: 'group-steward' } }))),
          timelineItems: { totalCount: 0, nodes: [] },
          ...(variables.withFiles ? { files: page(files.map((path) => ({ path, changeType: 'MODIFIED' }))) } : {}),
        },
      },
    };
  }

  private registryData() {
    const entries = Object.entries(this.charters).map(([name, text]) => ({
      name,
      type: 'blob',
      object: { byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false, text },
    }));
    return { viewer: { login: 'group-steward' }, repository: { defaultBranchRef: { name: 'main', target: { oid: 'c'.repeat(40) } }, charters: { oid: 't'.repeat(40), entries } } };
  }
}

/** One page of 100 with GitHub's Link header. */
function paginate(url: URL, items: readonly unknown[], page: number): [number, unknown, Record<string, string>] {
  const perPage = Number(url.searchParams.get('per_page') ?? '30');
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const headers: Record<string, string> = {};
  if (page < last) {
    const next = new URL(url);
    next.searchParams.set('page', String(page + 1));
    headers.link = `<${next.toString()}>; rel="next"`;
  }
  return [200, items.slice((page - 1) * perPage, page * perPage), headers];
}

function route(request: string): string {
  return request
    .replace(/\/repos\/[^/]+\/[^/]+/, '/repos/{o}/{r}')
    .replace(/\/issues\/\d+/, '/issues/{n}')
    .replace(/\/pulls\/\d+/, '/pulls/{n}')
    .replace(/\/comments\/\d+$/, '/comments/{id}')
    .replace(/\/labels\/.+$/, '/labels/{name}')
    .replace(/\/collaborators\/[^/]+/, '/collaborators/{u}');
}

/** 50 valid generated charters; every fifth has `paths`, so pull requests are matched by files. */
function charterFiles(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i += 1) {
    const source = generatedCharter(i, count);
    files[source.file] = `${source.content as string}${i % 5 === 0 ? `paths:\n  - docs/group-${i}/**\n` : ''}`;
  }
  return files;
}

function octokit(): GitHub {
  return new ProbotOctokit({ auth: { token: 'bench' }, throttle: { enabled: false }, retry: { enabled: false } }) as GitHub;
}

function line(name: string, github: FakeGitHub): string {
  const { total, reads, writes, byKind } = github.count();
  return `  ${name}: ${total} request${total === 1 ? '' : 's'} (${reads} read, ${writes} write)${byKind ? ` — ${byKind}` : ''}`;
}

/** Requests per linking event at steady state. */
async function benchLinking(github: FakeGitHub, gh: GitHub): Promise<string[]> {
  const out: string[] = [];
  forgetRepoConfig();
  forgetGroupRegistry();
  const repo = GOVERNANCE;
  github.requests = [];
  const governance = () => loadGovernanceConfig(gh, repo, repoConfigReader(gh, repo), NOW);
  await loadGovernance(gh, repo, repoConfigReader(gh, repo), NOW);
  out.push(line('cold start (first event of the process): configuration and registry', github));
  const sender = { isApp: () => false, isBot: false };

  const event = (e: Partial<WorkEvent>): WorkEvent => ({ repo, number: 1, kind: 'issue', trigger: 'comment', actor: 'reader', labels: [], ...e });
  const measure = async (name: string, e: WorkEvent) => {
    github.requests = [];
    const start = process.hrtime.bigint();
    // As the handler does, a body without a command is dropped before any request.
    if (!(e.trigger === 'comment' && readGroupCommands(e.body ?? '').commands.length === 0)) await linkWorkEvent(gh, e, await governance(), { scope: '', now: NOW, sender });
    out.push(`${line(name, github)} (${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(1)} ms)`);
  };
  await measure('comment without a command', event({ body: 'Looks good to me.' }));
  await measure('issue opened, no command, repository owned by no group', event({ trigger: 'opened', body: 'A bug.' }));
  await measure('comment "/wg group-0" on an unlabelled issue (goal ≤ 3)', event({ number: 2, body: '/wg group-0' }));
  await measure('the same delivery again (redelivered)', event({ number: 2, body: '/wg group-0' }));
  await measure('comment "/wg nope": the reply', event({ number: 3, body: '/wg nope' }));
  await measure('comment "/wg nada": the same reply, updated', event({ number: 3, body: '/wg nada' }));
  // Labels linked as the App leaves them: each with its link comment (a label without one gets it).
  github.issueLabels.set(4, ['wg:group-0']);
  github.comments.set(4, [{ id: 9004, body: `Linked.\n${linkedMarker('group-0')}`, user: { login: 'group-steward[bot]', type: 'Bot' } }]);
  await measure('comment "/remove-wg group-0" by a reader without write access', event({ number: 4, body: '/remove-wg group-0', labels: ['wg:group-0'] }));
  github.files.set(5, Array.from({ length: 250 }, (_, i) => (i === 249 ? 'docs/group-10/guide.md' : `src/file-${i}.ts`)));
  github.issueLabels.set(5, ['wg:group-10']);
  github.comments.set(5, [{ id: 9005, body: `Linked.\n${linkedMarker('group-10')}`, user: { login: 'group-steward[bot]', type: 'Bot' } }]);
  await measure('pull request synchronize, 250 changed files, label already there (under 100 files: 1)', event({ number: 5, kind: 'pull_request', trigger: 'synchronize', labels: ['wg:group-10'] }));
  github.files.set(7, ['src/index.ts', 'docs/group-20/intro.md']);
  await measure('pull request opened touching a group\'s paths (goal ≤ 3)', event({ number: 7, kind: 'pull_request', trigger: 'opened', body: 'Docs.' }));
  await measure('issue opened in a repository a group owns (goal ≤ 3)', event({ repo: 'example-org/group-0', number: 6, trigger: 'opened', body: 'A bug.' }));
  return out;
}

/** Requests per label sync of 50 groups on a repository with 300 labels. */
async function benchLabelSync(github: FakeGitHub, gh: GitHub): Promise<string[]> {
  const out: string[] = [];
  const registry = await readGroupRegistry(gh, { repo: GOVERNANCE, layout: { kind: 'yaml', dir: 'groups' } }, NOW);
  const desired = registryLabels(registry, DEFAULT_CONFIG);
  github.labels = Array.from({ length: 250 }, (_, i) => ({ name: `area/${i}`, color: 'ededed', description: null }));

  github.requests = [];
  await syncRepoLabels(gh, GOVERNANCE, desired);
  out.push(line(`first sync (250 other labels, the ${desired.length} group labels missing)`, github));
  github.requests = [];
  await syncRepoLabels(gh, GOVERNANCE, desired);
  out.push(line(`second sync (${github.labels.length} labels, in sync)`, github));

  github.requests = [];
  forgetGroupRegistry(GOVERNANCE);
  const fresh = await readGroupRegistry(gh, { repo: GOVERNANCE, layout: { kind: 'yaml', dir: 'groups' } }, NOW);
  await listInstallationRepos(gh);
  await syncRepoLabels(gh, GOVERNANCE, registryLabels(fresh, DEFAULT_CONFIG));
  out.push(line('push to the governance repository changing groups/ (registry, installation, sync; in sync)', github));
  return out;
}

/** Runs both measurements and returns the lines to print. */
export async function benchLabelsAndLinking(): Promise<string[]> {
  const github = new FakeGitHub();
  github.charters = charterFiles(50);
  github.install();
  const gh = octokit();
  try {
    return [
      'linking: GitHub API requests per event at steady state (configuration and registry cached)',
      ...(await benchLinking(github, gh)),
      'label sync: GitHub API requests, 50 groups, a repository with 300 labels',
      ...(await benchLabelSync(github, gh)),
    ];
  } finally {
    nock.cleanAll();
    nock.restore();
  }
}
