/**
 * The scheduled job with meetings and conversations (issue 23): the stateful fake GitHub, a calendar
 * feed served on the loopback interface (MCP's real Meetable feed of the MCP Apps WG, from
 * test/fixtures/calendar) and the fake Discord REST API (test/support/fake-discord.ts). Every
 * request each fake answers is asserted; the job's GitHub requests are those of a run without them.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { parseSnapshot } from '../../src/activity/snapshot.js';
import type { GitHub } from '../../src/github/client.js';
import { forgetGroupRegistry } from '../../src/github/group-registry.js';
import { forgetRepoConfig } from '../../src/github/repo-config.js';
import { runActivityJob } from '../../src/jobs/activity-job.js';
import type { EvidenceReaders } from '../../src/jobs/meeting-evidence.js';
import { FakeGovernance } from '../support/fake-governance.js';
import { FAKE_TOKEN, FakeDiscord, fakeMessage, fakeTextChannel, fakeUser } from '../support/fake-discord.js';
import { INTEREST_GROUP } from '../charters/helpers.js';

const GOV = 'example-org/governance';
const APPS = 'example-org/apps';
const GUILD = '1200000000000000001';
const CHANNEL = '1300000000000000001';
const DAY = 86_400_000;
/** After the feed's 2026-11-17 review meeting, before its 2026-12-15 meeting; the 2026-12-01 one was cancelled. */
const NOW = Date.parse('2026-12-10T12:00:00Z');
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();
const FIXTURE = new URL('../fixtures/calendar/meetable-mcp-apps-wg.ics', import.meta.url);

/** A working group owning example-org/apps, its meetings on the calendar's `mcp-apps-wg` tag. */
const APPS_WG = `id: apps
name: MCP Apps Working Group
type: working
status: active
formed: 2026-03-01
facilitators:
  - idosal
discord: mcp-apps-wg
repos:
  - ${APPS}
meetings:
  tag: mcp-apps-wg
use_cases: >-
  Interactive UI for MCP servers.
first_work: https://github.com/${APPS}/issues/1
`;

const CONFIG = `meetings:
  calendar_base: https://meet.example.org
discord:
  guild_id: "${GUILD}"
  channels:
    security-ig: "${CHANNEL}"
`;

let fake: FakeGovernance;
let tmp: string;
let closers: (() => Promise<void>)[] = [];

beforeAll(() => nock.enableNetConnect('127.0.0.1'));

beforeEach(async () => {
  nock.cleanAll();
  forgetRepoConfig();
  forgetGroupRegistry();
  fake = new FakeGovernance({ governanceRepo: GOV }).install();
  fake.charters = { 'apps.yaml': APPS_WG, 'security.yaml': INTEREST_GROUP };
  // The working group's own work: a person's comment 60 days ago, nothing since.
  fake.add({ repo: APPS, number: 1, title: 'UI resources', author: { login: 'idosal', type: 'User' }, createdAt: ago(90), events: [{ kind: 'comment', at: ago(60), actor: { login: 'idosal', type: 'User' } }] });
  tmp = await mkdtemp(join(tmpdir(), 'group-steward-evidence-'));
});

afterEach(async () => {
  try {
    fake.assertClean();
  } finally {
    fake.uninstall();
    for (const close of closers) await close();
    closers = [];
    await rm(tmp, { recursive: true, force: true });
  }
});

/** A calendar server on 127.0.0.1: the fixture at `/ics/tag/mcp-apps-wg.ics`, or `status` for every request. */
async function feedServer(status = 200): Promise<{ url: string; requests: string[] }> {
  const text = await readFile(FIXTURE, 'utf8');
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (status !== 200 || req.url !== '/ics/tag/mcp-apps-wg.ics') {
      res.writeHead(status === 200 ? 404 : status).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

/** Discord with #security-ig: 5 human messages by 3 people in the last 30 days, one by a bot, one older. */
async function discordServer(): Promise<{ api: string; fake: FakeDiscord }> {
  const [alice, bob, carol, robot] = [fakeUser('210000000000000001'), fakeUser('210000000000000002'), fakeUser('210000000000000003'), fakeUser('210000000000000009', true)];
  const on = { channelId: CHANNEL };
  const messages = [
    fakeMessage(NOW - 1 * DAY, alice, on),
    fakeMessage(NOW - 2 * DAY, bob, on),
    fakeMessage(NOW - 3 * DAY, robot, on),
    fakeMessage(NOW - 8 * DAY, carol, on),
    fakeMessage(NOW - 9 * DAY, alice, on),
    fakeMessage(NOW - 20 * DAY, bob, on),
    fakeMessage(NOW - 45 * DAY, carol, on),
  ];
  const discord = new FakeDiscord(GUILD).add({ channel: fakeTextChannel(CHANNEL, GUILD, 'security-ig', messages[0]!.id), messages });
  const server = await discord.start();
  closers.push(server.close);
  return { api: server.api, fake: discord };
}

function plainOctokit(): GitHub {
  return new ProbotOctokit({ auth: { token: 'ghs_test' }, retry: { enabled: false }, throttle: { enabled: false } }) as GitHub;
}

/** `fetch` that sends the calendar base's requests to the loopback server. */
const toLoopback = (server: string): typeof globalThis.fetch => (input, init) => globalThis.fetch(String(input instanceof Request ? input.url : input).replace('https://meet.example.org', server), init);

async function run(evidence: EvidenceReaders, options: { config?: string; saveSnapshot?: string } = {}) {
  forgetRepoConfig();
  forgetGroupRegistry();
  fake.configs.set(GOV, options.config ?? CONFIG);
  const now = new Date(NOW);
  fake.now = now;
  const from = fake.requests.length;
  const result = await runActivityJob({ source: { kind: 'live', gh: plainOctokit(), repo: GOV, evidence }, now, clock: () => now, dryRun: true, ...(options.saveSnapshot ? { saveSnapshot: options.saveSnapshot } : {}) });
  return { result, kinds: fake.kinds(from) };
}

describe('the activity job reads meetings and conversations', () => {
  it("judges a working group active on a meeting held, an interest group met on its channel's messages, and records both", async () => {
    const feed = await feedServer();
    const discord = await discordServer();
    const saved = join(tmp, 'snapshot.json');
    const { result, kinds } = await run({ fetch: toLoopback(feed.url), cache: new Map(), discordToken: FAKE_TOKEN, discordApi: discord.api }, { saveSnapshot: saved });

    const apps = result.verdicts.find((v) => v.id === 'apps')!;
    expect(apps.verdict).toBe('active');
    expect(apps.lastActivity).toMatchObject({ kind: 'meeting', at: '2026-11-17T17:00:00.000Z', url: 'https://meet.modelcontextprotocol.io/2026/11/mcp-apps-wg-review-Lm4Hs8' });
    expect(apps.evidence?.meetings).toMatchObject({ feed: 'https://meet.example.org/ics/tag/mcp-apps-wg.ics', held: 1, cancelled: 1 });
    const security = result.verdicts.find((v) => v.id === 'security')!;
    expect(security.verdict).toBe('active');
    expect(security.expectation).toMatchObject({ state: 'met', messages: 5, participants: 3, text: 'met: 5 messages by 3 people in #security-ig' });
    expect(security.lastActivity).toMatchObject({ kind: 'message', url: `https://discord.com/channels/${GUILD}/${CHANNEL}` });

    // One GET of the one feed; Discord only as the adapter reads it.
    expect(feed.requests).toEqual(['GET /ics/tag/mcp-apps-wg.ics']);
    expect(discord.fake.unexpected).toEqual([]);
    expect(discord.fake.requests.length).toBeGreaterThan(0);
    expect(result.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^calendar: 1 feed, \d+ meetings since \d{4}-\d{2}-\d{2}; 1 HTTP requests$/), expect.stringMatching(/^discord: 1 channel, 5 human messages since 2026-11-10; \d+ HTTP requests$/)]));

    // The dashboard: the meetings and the conversation, each with its coverage.
    const dashboard = result.plan.find((a) => a.kind === 'create-issue' && a.title === 'Group health dashboard');
    const body = dashboard && 'body' in dashboard ? dashboard.body : '';
    expect(body).toContain('## Meetings and conversations');
    expect(body).toContain('  - calendar https:\u2060//meet.example.org/ics/tag/mcp-apps-wg.ics (read): 1 meeting held, 1 cancelled, 0 with notes');
    expect(body).toContain('  - Discord \\#\u2060security-ig (read): 5 messages by 3 people');

    // The recorded snapshot carries them, and a replay judges the same.
    const snapshot = parseSnapshot(await readFile(saved));
    expect(snapshot.meetings?.map((m) => m.uid)).toContain('Lm4Hs8-1794301200@meet.modelcontextprotocol.io');
    expect(snapshot.conversations).toEqual([{ channel: 'security-ig', channel_id: CHANNEL, messages: expect.any(Array) }]);
    expect(snapshot.coverage?.filter((c) => c.source === 'calendar' || c.source === 'discord').map((c) => [c.source, c.status])).toEqual([
      ['calendar', 'read'],
      ['discord', 'read'],
    ]);
    const charters = join(tmp, 'groups');
    await mkdir(charters);
    await writeFile(join(charters, 'apps.yaml'), APPS_WG);
    await writeFile(join(charters, 'security.yaml'), INTEREST_GROUP);
    const replay = await runActivityJob({ source: { kind: 'snapshot', snapshotFile: saved, charters: { dir: charters }, governanceRepo: GOV }, now: new Date(NOW), clock: () => new Date(NOW), dryRun: true });
    expect(replay.verdicts.map((v) => [v.id, v.verdict, v.expectation?.text ?? null])).toEqual(result.verdicts.map((v) => [v.id, v.verdict, v.expectation?.text ?? null]));

    // The job's GitHub requests are those of a run that reads no calendar and no Discord.
    const without = await run({}, { config: 'policy: sep-1302\n' });
    expect(without.kinds).toEqual(kinds);
    expect(without.result.verdicts.find((v) => v.id === 'apps')?.verdict).toBe('unknown');
  });

  it('a feed that fails and a missing bot token are unread with why and fix: unknown, never idle or not met', async () => {
    const feed = await feedServer(503);
    const { result } = await run({ fetch: toLoopback(feed.url), cache: new Map(), discordToken: '' });
    expect(feed.requests).toEqual(['GET /ics/tag/mcp-apps-wg.ics']);
    const apps = result.verdicts.find((v) => v.id === 'apps')!;
    expect(apps.verdict).toBe('unknown');
    expect(apps.coverage).toContainEqual(expect.objectContaining({ source: 'calendar https://meet.example.org/ics/tag/mcp-apps-wg.ics', status: 'unread', why: expect.stringContaining('503') }));
    const security = result.verdicts.find((v) => v.id === 'security')!;
    expect(security.expectation?.state).toBe('unknown');
    expect(security.coverage).toContainEqual(expect.objectContaining({ source: 'Discord #security-ig', status: 'unread', why: 'no bot token', fix: expect.stringContaining('DISCORD_BOT_TOKEN') }));
    expect(result.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^not read completely: calendar https:\/\/meet\.example\.org\/ics\/tag\/mcp-apps-wg\.ics unread: /), expect.stringMatching(/^not read completely: Discord #security-ig unread: no bot token \(to fix: set DISCORD_BOT_TOKEN /)]));
  });
});
