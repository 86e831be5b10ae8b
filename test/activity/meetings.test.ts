/**
 * Meetings and conversations as evidence (issue 23), pure: held meetings (cancelled, future), SEP-2149
 * § 1.6's checks per meeting, Discord conversations, and what they do to verdicts — an interest
 * group `met` / `not met` / `unknown`, a working group's meetings as activity, coverage of feeds and
 * channels — the dashboard's section, a snapshot round trip, and MCP's real pages' calendar tags.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { evidenceSources } from '../../src/activity/coverage.js';
import type { CoverageEntry } from '../../src/activity/coverage.js';
import { channelConversation } from '../../src/activity/conversations.js';
import { dashboardBody } from '../../src/activity/dashboard.js';
import { evaluateActivity } from '../../src/activity/evaluate.js';
import { checkMeetings, countMeetingChecks, heldMeetings } from '../../src/activity/meetings.js';
import { formatSnapshot, parseSnapshot, SnapshotError } from '../../src/activity/snapshot.js';
import type { Snapshot, SnapshotConversation, SnapshotMeeting } from '../../src/activity/snapshot.js';
import { readCheckoutPages } from '../../src/charters/read-pages.js';
import { validateCharterFiles } from '../../src/charters/layout.js';
import type { Charter } from '../../src/charters/schema.js';
import { tagFeedUrl } from '../../src/calendar/read-feed.js';
import { NOW, ROOT, WINDOW_DAYS, daysAgo, event, fullCoverage, interestGroup, item, workingGroup } from './helpers.js';
import type { SnapshotItem } from '../../src/activity/snapshot.js';

const FEED = 'https://meet.modelcontextprotocol.io/ics/tag/auth-ig.ics';
const BASE = 'https://meet.modelcontextprotocol.io';
const HUB = 'modelcontextprotocol/modelcontextprotocol';
const CHANNEL_ID = '1300000000000000001';
const DAY = 86_400_000;

function meeting(startDaysAgo: number, overrides: Partial<SnapshotMeeting> = {}): SnapshotMeeting {
  const start = daysAgo(startDaysAgo);
  return {
    feed: FEED,
    url: `https://meet.modelcontextprotocol.io/m/${startDaysAgo}`,
    uid: `uid-${startDaysAgo}`,
    title: 'Auth IG meeting',
    start,
    end: new Date(Date.parse(start) + 3_600_000).toISOString(),
    created: daysAgo(startDaysAgo + 10),
    cancelled: false,
    ...overrides,
  };
}

/** `n` messages in the last `n` days, by `people` distinct authors in turn. */
function talk(n: number, people: number, channel = 'auth-ig'): SnapshotConversation {
  return { channel, channel_id: CHANNEL_ID, messages: Array.from({ length: n }, (_, i) => ({ at: daysAgo(i * (25 / Math.max(1, n)) + 0.5), author: `2100000000000000${String(i % people).padStart(2, '0')}` })) };
}

/** A discussion of `category` in the hub repository, titled by its meeting date. */
function discussion(number: number, category: string, events: SnapshotItem['events']): SnapshotItem {
  return item({ repo: HUB, number, type: 'discussion', category, url: `https://github.com/${HUB}/discussions/${number}`, events });
}

const read = (entry: { source: 'calendar'; feed: string } | { source: 'discord'; channel: string; channel_id: string }): CoverageEntry => ({ ...entry, status: 'read', from: daysAgo(90), until: new Date(NOW + 14 * DAY).toISOString() });

const auth = interestGroup({ id: 'auth', name: 'Authorization Interest Group', discord: 'auth-ig', meetings: { tag: 'auth-ig' }, discussions: { repo: HUB, category: 'Meeting Notes' } });
const settings = { calendarBase: BASE, discord: { guild_id: '1200000000000000001', channels: { 'auth-ig': CHANNEL_ID } } };

function judge(charters: Charter[], parts: { items?: Snapshot['items']; meetings?: SnapshotMeeting[]; conversations?: SnapshotConversation[]; coverage?: CoverageEntry[] }, evidence = settings) {
  const snapshot: Snapshot = {
    generated_at: new Date(NOW).toISOString(),
    items: parts.items ?? [],
    coverage: parts.coverage ?? [...fullCoverage(charters), read({ source: 'calendar', feed: FEED }), read({ source: 'discord', channel: 'auth-ig', channel_id: CHANNEL_ID })],
    ...(parts.meetings ? { meetings: parts.meetings } : {}),
    ...(parts.conversations ? { conversations: parts.conversations } : {}),
  };
  return evaluateActivity({ charters, snapshot, now: NOW, inactivityDays: WINDOW_DAYS, evidence });
}

describe('meetings held (SEP-1302 § IG Lifecycle "a live meeting")', () => {
  it('counts meetings started in the window, never a cancelled or a future one, and each once', () => {
    const meetings = [meeting(40), meeting(20), meeting(20), meeting(10, { cancelled: true }), meeting(3), meeting(-2), { ...meeting(5), feed: 'https://other.example/x.ics' }];
    const held = heldMeetings(meetings, FEED, NOW - WINDOW_DAYS * DAY, NOW);
    expect(held.held.map((m) => m.start)).toEqual([daysAgo(20), daysAgo(3)]);
    expect(held.cancelled).toBe(1);
    expect(held.latest?.start).toBe(daysAgo(3));
    // Before the window, the latest held is still known (for "no activity since …").
    expect(heldMeetings([meeting(40), meeting(-1)], FEED, NOW - WINDOW_DAYS * DAY, NOW)).toMatchObject({ held: [], latest: { start: daysAgo(40) } });
  });
});

describe("SEP-2149 § 1.6 per meeting: announced 7 days ahead, an agenda discussion, notes within 48 hours", () => {
  const agenda = (date: string, createdDaysAgo: number, comments: { author: string; createdAt: string }[] = []) => ({ title: `Auth IG meeting ${date}`, createdAt: daysAgo(createdDaysAgo), url: `https://github.com/${HUB}/discussions/${createdDaysAgo}`, comments });

  it('finds a late announcement, pairs the agenda by date and judges the notes from the meeting’s end', () => {
    const m = meeting(10, { created: daysAgo(13) });
    const day = m.start.slice(0, 10);
    const end = Date.parse(m.end as string);
    const onTime = new Date(end + 47 * 3_600_000).toISOString();
    const [check] = checkMeetings([m], { discussions: [agenda(day, 12, [{ author: 'LOCALDEN', createdAt: onTime }])] }, ['localden'], new Date(NOW));
    expect(check).toMatchObject({ announced: { state: 'late', daysAhead: 3 }, agenda: { state: 'present' }, notes: { state: 'on-time', at: onTime } });
    const [late] = checkMeetings([m], { discussions: [agenda(day, 12, [{ author: 'localden', createdAt: new Date(end + 49 * 3_600_000).toISOString() }, { author: 'someone', createdAt: onTime }])] }, ['localden'], new Date(NOW));
    expect(late?.notes.state).toBe('late');
    expect(countMeetingChecks([check!, late!])).toEqual({ held: 2, announcedLate: 2, withNotes: 2, notesMissing: 1, unknown: 0 });
  });

  it("pairs by the event's discussion link; an agenda created after the meeting is missing", () => {
    const m = meeting(10, { discussion: `https://github.com/${HUB}/discussions/4/` });
    const [byLink] = checkMeetings([m], { discussions: [{ ...agenda('2020-01-01', 4), url: `https://github.com/${HUB}/discussions/4` }] }, ['localden'], new Date(NOW));
    expect(byLink).toMatchObject({ announced: { state: 'on-time' }, agenda: { state: 'missing', why: expect.stringContaining('after the meeting began') }, notes: { state: 'late' } });
    const [none] = checkMeetings([meeting(10)], { discussions: [] }, ['localden'], new Date(NOW));
    expect(none).toMatchObject({ agenda: { state: 'missing' }, notes: { state: 'late', why: 'no agenda discussion holds notes' } });
    const [recent] = checkMeetings([meeting(0.5)], { discussions: [] }, ['localden'], new Date(NOW));
    expect(recent?.notes.state).toBe('waiting');
  });

  it('is unknown where what it needs was not read: no CREATED, a category not read', () => {
    const [check] = checkMeetings([meeting(10, { created: undefined })], { why: 'discussions "Meeting Notes" were not read' }, ['localden'], new Date(NOW));
    expect(check).toMatchObject({ announced: { state: 'unknown' }, agenda: { state: 'unknown', why: 'discussions "Meeting Notes" were not read' }, notes: { state: 'unknown' } });
  });
});

describe('conversations', () => {
  it('counts human messages in the window with their distinct authors, by channel name and id', () => {
    const conversation = { channel: 'auth-ig', channel_id: CHANNEL_ID, messages: [{ at: daysAgo(1), author: 'a' }, { at: daysAgo(2), author: 'b' }, { at: daysAgo(2), author: 'b' }, { at: daysAgo(40), author: 'c' }, { at: daysAgo(-1), author: 'd' }] };
    expect(channelConversation([conversation], '#Auth-IG', CHANNEL_ID, NOW - WINDOW_DAYS * DAY, NOW)).toEqual({ channel: '#Auth-IG', messages: 2, participants: 2, latest: daysAgo(1) });
    expect(channelConversation([conversation], 'auth-ig', '999', NOW - WINDOW_DAYS * DAY, NOW)).toMatchObject({ messages: 0, latest: null });
  });
});

describe('an interest group against SEP-1302 on what was read: met / not met / unknown', () => {
  it('is met with counts: meetings held (with notes) and messages by people in its channel', () => {
    const meetings = [meeting(25), meeting(15), meeting(5), meeting(12, { cancelled: true }), meeting(-3)];
    const notes = [25, 15].map((d, i) => discussion(100 + i, 'Meeting Notes', [event(daysAgo(d + 3), 'localden', 'opened'), event(new Date(Date.parse(daysAgo(d)) + 2 * 3_600_000).toISOString(), 'localden', 'comment')]));
    const withTitles = notes.map((n, i) => ({ ...n, title: `Auth IG ${daysAgo([25, 15][i]!).slice(0, 10)}`, created_at: daysAgo([25, 15][i]! + 3) }));
    const [v] = judge([auth], { items: withTitles, meetings, conversations: [talk(41, 12)] });
    expect(v!.expectation).toMatchObject({ state: 'met', meetings: 3, meetingsWithNotes: 2, messages: 41, participants: 12 });
    expect(v!.expectation?.text).toBe('met: 3 meetings held, 2 with notes; 41 messages by 12 people in #auth-ig; 2 discussion threads');
    expect(v!.verdict).toBe('active');
    expect(v!.lastActivity).toMatchObject({ kind: 'message' });
    expect(v!.reason).toMatch(/^last human activity on \d{4}-\d{2}-\d{2} \(message in #auth-ig, 0 days ago; window 30 days\)$/);
  });

  it('is not met when every source was read and holds nothing in the window: never idle', () => {
    const [v] = judge([auth], { meetings: [meeting(40), meeting(8, { cancelled: true })], conversations: [talk(0, 1)] });
    expect(v!.verdict).toBe('unknown');
    expect(v!.coverage.every((c) => c.status === 'read')).toBe(true);
    expect(v!.expectation).toMatchObject({ state: 'not met', text: 'not met: no meeting held, no message in #auth-ig, no thread or conversation on GitHub' });
    expect(v!.reason).toBe('not met: no meeting held, no message in #auth-ig, no thread or conversation on GitHub (window 30 days; every source read)');
    expect(v!.lastActivity).toMatchObject({ kind: 'meeting', at: daysAgo(40) });
  });

  it('is unknown when a feed was not read — and says why and the fix, never silence', () => {
    const coverage = [...fullCoverage([auth]), { source: 'calendar', feed: FEED, status: 'unread', from: daysAgo(90), until: daysAgo(0), why: 'the server answered 503', fix: 'check the feed URL' } as CoverageEntry, read({ source: 'discord', channel: 'auth-ig', channel_id: CHANNEL_ID })];
    const [v] = judge([auth], { coverage, meetings: [], conversations: [talk(0, 1)] });
    expect(v!.expectation?.state).toBe('unknown');
    expect(v!.coverage).toContainEqual({ source: `calendar ${FEED}`, status: 'unread', why: 'the server answered 503', fix: 'check the feed URL' });
    expect(v!.reason).toContain(`calendar ${FEED}: the server answered 503`);
  });

  it('is unknown when its channel is not configured, and when a tag names no feed for want of a base', () => {
    const [v] = judge([auth], { coverage: fullCoverage([auth]), meetings: [], conversations: [] }, {} as typeof settings);
    expect(v!.expectation?.state).toBe('unknown');
    expect(v!.coverage.filter((c) => c.status !== 'read')).toEqual([
      { source: 'calendar tag "auth-ig"', status: 'unread', why: 'no calendar base is configured, so the tag names no feed', fix: expect.stringContaining('meetings.calendar_base') },
      { source: 'Discord #auth-ig', status: 'unread', why: expect.stringContaining('not configured'), fix: expect.stringContaining('DISCORD_BOT_TOKEN') },
    ]);
  });

  it('a feed read over only part of the window is partial', () => {
    const coverage = [...fullCoverage([auth]), { ...read({ source: 'calendar', feed: FEED }), from: daysAgo(10) } as CoverageEntry, read({ source: 'discord', channel: 'auth-ig', channel_id: CHANNEL_ID })];
    const [v] = judge([auth], { coverage, meetings: [], conversations: [] });
    expect(v!.coverage).toContainEqual(expect.objectContaining({ source: `calendar ${FEED}`, status: 'partial' }));
    expect(v!.expectation?.state).toBe('unknown');
  });
});

describe("a working group's meetings and conversations are its activity", () => {
  const wg = workingGroup({ meetings: { calendar: FEED }, discord: 'auth-ig' });
  const oldWork = item({ repo: 'modelcontextprotocol/registry', number: 391, events: [event(daysAgo(50), 'rdimitrov')] });

  it('a meeting held in the window makes it active; the reason names the meeting', () => {
    const [v] = judge([wg], { items: [oldWork], meetings: [meeting(6, { title: 'Registry WG sync' })], conversations: [] });
    expect(v!.verdict).toBe('active');
    expect(v!.lastActivity).toMatchObject({ kind: 'meeting', title: 'Registry WG sync', at: daysAgo(6) });
    expect(v!.reason).toMatch(/^last human activity on \d{4}-\d{2}-\d{2} \(meeting "Registry WG sync", 6 days ago; window 30 days\)$/);
  });

  it('a future or cancelled meeting is no activity: idle when every source was read', () => {
    const [v] = judge([wg], { items: [oldWork], meetings: [meeting(-3), meeting(4, { cancelled: true })], conversations: [talk(0, 1)] });
    expect(v!.verdict).toBe('idle');
  });

  it('an unread calendar keeps a silent working group unknown, never idle', () => {
    const coverage = [...fullCoverage([wg]), read({ source: 'discord', channel: 'auth-ig', channel_id: CHANNEL_ID })];
    const [v] = judge([wg], { items: [oldWork], coverage, meetings: [], conversations: [] });
    expect(v!.verdict).toBe('unknown');
    expect(v!.reason).toContain(`calendar ${FEED}: not read: the snapshot does not record it`);
  });

  it('an unconfigured Discord is no source of a working group (judged on its work, SEP-1302 § WG Lifecycle)', () => {
    expect(evidenceSources(wg, { calendarBase: BASE }).map((s) => s.source)).toEqual(['calendar']);
    expect(evidenceSources(interestGroup(), {}).map((s) => s.source)).toEqual(['discord']);
  });
});

describe('the dashboard shows meetings and conversations with each source’s coverage', () => {
  it('under SEP-2149: meetings held, announced late, notes missing; messages with participants', () => {
    const meetings = [meeting(20, { created: daysAgo(22) }), meeting(5)];
    const verdicts = judge([auth], { meetings, conversations: [talk(7, 3)] });
    const body = dashboardBody(verdicts, [auth], new Map(), WINDOW_DAYS, { duties: new Map() });
    const section = body.slice(body.indexOf('## Meetings and conversations'));
    expect(section).toContain('- **Authorization Interest Group** (`ig:auth`)');
    // Escaped as the dashboard escapes what a calendar or Discord gives (no autolink, no channel mention).
    expect(section).toContain('  - calendar https:\u2060//meet.modelcontextprotocol.io/ics/tag/auth-ig.ics (read): 2 meetings held, 1 announced late, 2 with notes missing');
    expect(section).toContain('  - Discord \\#\u2060auth-ig (read): 7 messages by 3 people');
    expect(section).toMatch(/ {4}- \[\d{4}-\d{2}-\d{2} "Auth IG meeting"\]\(https:\/\/meet\.modelcontextprotocol\.io\/m\/20\): announced 2 days ahead; no agenda discussion/);
    // Under SEP-1302, no SEP-2149 checks.
    expect(dashboardBody(verdicts, [auth], new Map(), WINDOW_DAYS)).toContain('  - calendar https:\u2060//meet.modelcontextprotocol.io/ics/tag/auth-ig.ics (read): 2 meetings held, 0 with notes');
  });
});

describe('the snapshot carries meetings and conversations', () => {
  it('round-trips them, and rejects a bad one with its path', () => {
    const snapshot: Snapshot = { generated_at: new Date(NOW).toISOString(), items: [], coverage: [read({ source: 'calendar', feed: FEED }), read({ source: 'discord', channel: 'auth-ig', channel_id: CHANNEL_ID })], meetings: [meeting(3, { discussion: `https://github.com/${HUB}/discussions/9` })], conversations: [talk(3, 2)] };
    expect(parseSnapshot(formatSnapshot(snapshot))).toEqual(snapshot);
    const bad = { ...snapshot, meetings: [{ ...meeting(3), start: 'yesterday' }], conversations: [{ channel: 'auth-ig', channel_id: 'not-an-id', messages: [] }] };
    expect(() => parseSnapshot(JSON.stringify(bad))).toThrow(SnapshotError);
    expect(() => parseSnapshot(JSON.stringify(bad))).toThrow(/meetings\[0\]\.start.*conversations\[0\]\.channel_id/s);
  });
});

describe("MCP's real charter pages: their calendar tags", () => {
  it('map the meet.modelcontextprotocol.io/tag link to meetings.tag, and MCP’s base to its feed', async () => {
    const pages = join(ROOT, 'examples', 'mcp-pages');
    const checkout = await readCheckoutPages(pages);
    const charters = validateCharterFiles(checkout.layout, checkout.files, { now: new Date(NOW) }).charters.map((c) => c.charter);
    const tagged = Object.fromEntries(charters.flatMap((c) => (c.meetings ? [[c.id, c.meetings]] : [])));
    expect(tagged).toEqual({ apps: { tag: 'mcp-apps-wg' }, 'inspector-v2': { tag: 'inspector-v2-wg' } });
    const page = await readFile(join(pages, 'docs/community/working-groups/inspector-v2.mdx'), 'utf8');
    expect(page).toContain('https://meet.modelcontextprotocol.io/tag/inspector-v2-wg');
    const inspector = charters.find((c) => c.id === 'inspector-v2')!;
    expect(evidenceSources(inspector, { calendarBase: BASE })[0]).toEqual({ source: 'calendar', feed: tagFeedUrl(BASE, 'inspector-v2-wg'), tag: 'inspector-v2-wg' });
    expect(tagFeedUrl(BASE, 'inspector-v2-wg')).toBe('https://meet.modelcontextprotocol.io/ics/tag/inspector-v2-wg.ics');
    // The core resolves a tag as the calendar adapter does (trailing slashes, encoding).
    const odd = { ...inspector, meetings: { tag: 'wg.v2_x' } };
    expect(evidenceSources(odd, { calendarBase: 'https://meet.example.org//' })[0]).toMatchObject({ feed: tagFeedUrl('https://meet.example.org//', 'wg.v2_x') });
  });
});
