/**
 * Benchmark: GitHub API requests per charter pull-request event (cold, then at steady state, for
 * 10 to 500 charters) and in-process handling time for a pull request against 100 charters.
 * GitHub is simulated with nock on api.github.com; nothing leaves the process.
 */
import { createHash } from 'node:crypto';
import nock from 'nock';
import { forgetRepoConfig } from '../src/github/repo-config.js';
import { generatedCharter } from './charters.js';
import { loopProbot } from './governance-loop.js';

const oid = (text: string) => createHash('sha1').update(text).digest('hex');

function tree(files: { file: string; content: string }[]) {
  const entries = files.map(({ file, content }) => ({
    name: file,
    type: 'blob',
    oid: oid(content),
    object: { byteSize: Buffer.byteLength(content), isBinary: false, isTruncated: false, text: content },
  }));
  return { oid: oid(JSON.stringify(entries.map((e) => e.oid))), entries };
}

/** A pull request that edits one charter out of `count`, as GitHub's GraphQL API would describe it. */
function pullRequestData(count: number) {
  const base = Array.from({ length: count }, (_, i) => generatedCharter(i, count)).map((s) => ({ file: s.file, content: String(s.content) }));
  const head = base.map((f, i) => (i === 0 ? { ...f, content: f.content.replace('name: Generated', 'name: Renamed') } : f));
  return {
    viewer: { login: 'group-steward' },
    repository: {
      headCommit: { checkSuites: { nodes: [] } },
      head: tree(head),
      base: tree(base),
      pullRequest: { createdAt: '2026-11-20T00:00:00Z', isDraft: false, timelineItems: { nodes: [] }, latestOpinionatedReviews: { nodes: [] } },
    },
  };
}

function payload(n: number) {
  return {
    action: 'synchronize',
    number: 2,
    installation: { id: 1 },
    repository: { name: 'governance', full_name: 'example-org/governance', owner: { login: 'example-org' } },
    pull_request: { number: 2, head: { sha: 'a'.repeat(40) }, base: { sha: 'b'.repeat(40) } },
    sender: { login: `user-${n}`, type: 'User' },
  };
}

async function measure(count: number, events: number): Promise<{ cold: number; steady: number[]; ms: number[] }> {
  nock.cleanAll();
  forgetRepoConfig();
  const probot = await loopProbot();
  const data = pullRequestData(count);
  let requests = 0;
  const api = nock('https://api.github.com').persist();
  api.post('/app/installations/1/access_tokens').reply(201, () => (requests++, { token: 't', expires_at: '2099-01-01T00:00:00Z' }));
  api.get(/\/contents\//).reply(404, () => (requests++, { message: 'Not Found' }));
  // The pull request event also runs linking (its read of the pull request and of the governance
  // commit): answered, and not counted — the charter check's own requests are what is measured.
  const linking = { viewer: { login: 'group-steward' }, governance: { defaultBranchRef: { target: { oid: 'c'.repeat(40) } } }, repository: { defaultBranchRef: { name: 'main', target: { oid: 'c'.repeat(40) } }, charters: null, issueOrPullRequest: { __typename: 'PullRequest', labels: { totalCount: 0, nodes: [] }, comments: { totalCount: 0, nodes: [] }, timelineItems: { totalCount: 0, nodes: [] }, files: { totalCount: 0, nodes: [] } } } };
  api.post('/graphql').reply(200, async (request: Request) => {
    const query = String(((await request.json()) as { query?: string }).query);
    if (query.includes('GroupStewardWork') || query.includes('GroupStewardRegistry')) return { data: linking };
    requests++;
    return { data };
  });
  api.post('/repos/example-org/governance/check-runs').reply(201, () => (requests++, { id: 1 }));

  const counts: number[] = [];
  const ms: number[] = [];
  for (let n = 0; n < events; n += 1) {
    const before = requests;
    const start = process.hrtime.bigint();
    await probot.receive({ id: `bench-${n}`, name: 'pull_request', payload: payload(n) } as never);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    counts.push(requests - before);
  }
  nock.cleanAll();
  return { cold: counts[0] ?? 0, steady: counts.slice(1), ms: ms.slice(1) };
}

/** Runs the benchmark and returns its report lines. */
export async function benchCharterCheck(): Promise<string[]> {
  nock.disableNetConnect();
  const lines = ['charter check: GitHub API requests per pull_request event (one charter changed)'];
  for (const count of [10, 100, 500]) {
    const { cold, steady } = await measure(count, 6);
    lines.push(`  ${String(count).padStart(3)} charters: first event ${cold} requests (cold: installation token, the two configuration reads), then ${[...new Set(steady)].join('/')} per event`);
  }
  const { ms } = await measure(100, 21);
  ms.sort((a, b) => a - b);
  lines.push(`  handling time against 100 charters (steady state, 20 events): median ${ms[10]?.toFixed(1)} ms, worst ${ms.at(-1)?.toFixed(1)} ms`);
  nock.enableNetConnect();
  return lines;
}
