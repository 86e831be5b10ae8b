/**
 * readDiscordChannels against the fake Discord REST API on the loopback interface
 * (test/support/fake-discord.ts): real @discordjs/rest, real HTTP, every request recorded.
 */
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { MessageType } from 'discord-api-types/v10';
import nock from 'nock';
import { MAX_RATE_LIMITED } from '../../src/discord/discord-rest.js';
import { discordNotConfigured, readDiscordChannels } from '../../src/discord/read-channels.js';
import type { DiscordReadOptions } from '../../src/discord/read-channels.js';
import { snowflakeAt } from '../../src/discord/snowflake.js';
import { FAKE_TOKEN, FakeDiscord, fakeForumChannel, fakeMessage, fakeTextChannel, fakeThread, fakeUser } from '../support/fake-discord.js';

const GUILD = '1200000000000000001';
const DAY = 86_400_000;
const until = new Date('2026-12-01T00:00:00.000Z');
const since = new Date(until.getTime() - 30 * DAY);
const daysBefore = (days: number) => until.getTime() - days * DAY;
const alice = fakeUser('210000000000000001');
const bob = fakeUser('210000000000000002');
const carol = fakeUser('210000000000000003');
const robot = fakeUser('210000000000000009', true);

let close: (() => Promise<void>) | undefined;
beforeAll(() => nock.enableNetConnect('127.0.0.1'));
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function read(fake: FakeDiscord, options: Partial<DiscordReadOptions> & Pick<DiscordReadOptions, 'channels'>) {
  const server = await fake.start();
  close = server.close;
  return readDiscordChannels({ token: FAKE_TOKEN, guildId: GUILD, since, until, api: server.api, ...options });
}

/** The messages route of channel `id`. */
const messagesOf = (id: string) => `/channels/${id}/messages`;

describe('readDiscordChannels', () => {
  it('counts the human messages of a channel and of its active and archived threads, newest first, and keeps no content', async () => {
    const channelId = '1300000000000000001';
    const on = { channelId };
    const messages = [
      fakeMessage(until.getTime() + 60_000, alice, on), // after the window
      fakeMessage(daysBefore(1), alice, { ...on, content: 'SECRET-CONTENT' }),
      fakeMessage(daysBefore(2), bob, { ...on, type: MessageType.Reply }),
      fakeMessage(daysBefore(3), robot, on),
      fakeMessage(daysBefore(4), alice, { ...on, webhook: '310000000000000001' }),
      fakeMessage(daysBefore(5), carol, { ...on, application: '310000000000000002' }),
      fakeMessage(daysBefore(6), alice, { ...on, type: MessageType.ThreadCreated }),
      fakeMessage(daysBefore(29), carol, on),
      fakeMessage(daysBefore(31), bob, on), // before the window
    ];
    const active = fakeThread(snowflakeAt(daysBefore(10)), GUILD, channelId, messages[1]?.id ?? null);
    const activeMessages = [fakeMessage(daysBefore(0.5), bob, { channelId: active.id }), fakeMessage(daysBefore(10), carol, { channelId: active.id, type: MessageType.ThreadStarterMessage })];
    active.last_message_id = activeMessages[0]?.id ?? null;
    const archivedMessage = fakeMessage(daysBefore(20), carol, { channelId: 'x' });
    const archived = fakeThread(snowflakeAt(daysBefore(21)), GUILD, channelId, archivedMessage.id, daysBefore(19));
    const old = fakeThread(snowflakeAt(daysBefore(60)), GUILD, channelId, snowflakeAt(daysBefore(50)), daysBefore(45));
    const fake = new FakeDiscord(GUILD).add(
      { channel: fakeTextChannel(channelId, GUILD, 'general-wg', messages[0]?.id ?? null), messages },
      { channel: active, messages: activeMessages },
      { channel: archived, messages: [archivedMessage] },
      { channel: old, messages: [fakeMessage(daysBefore(50), alice, { channelId: old.id })] },
    );

    const result = await read(fake, { channels: [{ name: 'general-wg', id: channelId }] });

    expect(result.channels).toEqual([
      {
        name: 'general-wg',
        channelId,
        status: 'read',
        from: since.toISOString(),
        until: until.toISOString(),
        messages: [
          { at: new Date(daysBefore(0.5)).toISOString(), author: bob.id },
          { at: new Date(daysBefore(1)).toISOString(), author: alice.id },
          { at: new Date(daysBefore(2)).toISOString(), author: bob.id },
          { at: new Date(daysBefore(20)).toISOString(), author: carol.id },
          { at: new Date(daysBefore(29)).toISOString(), author: carol.id },
        ],
        requests: 6,
      },
    ]);
    expect(JSON.stringify(result)).not.toMatch(/SECRET|must never be kept|user\d/);
    // The channel, one page of its history, the guild's active threads (the run's one listing, counted with the first channel that needs it),
    // the archived listing, one page of each thread of the window; the old thread is never read.
    expect(fake.requests.map((r) => `${r.path} ${r.status}`).sort()).toEqual(
      [`/channels/${channelId} 200`, `${messagesOf(channelId)} 200`, `/channels/${channelId}/threads/archived/public 200`, `/guilds/${GUILD}/threads/active 200`, `${messagesOf(active.id)} 200`, `${messagesOf(archived.id)} 200`].sort(),
    );
    expect(fake.to(messagesOf(channelId))[0]?.query).toEqual({ before: snowflakeAt(until.getTime() + 1), limit: '100' });
    expect(result.requests).toBe(6);
    expect(fake.unexpected).toEqual([]);
  });

  it('reads a forum channel through its threads only', async () => {
    const forumId = '1300000000000000002';
    const thread = fakeThread(snowflakeAt(daysBefore(3)), GUILD, forumId, null);
    const posts = [fakeMessage(daysBefore(3), alice, { channelId: thread.id }), fakeMessage(daysBefore(2), bob, { channelId: thread.id, sequence: 1 })];
    thread.id = posts[0]?.id ?? thread.id; // a forum post's thread has the id of its first message
    thread.last_message_id = posts[1]?.id ?? null;
    const fake = new FakeDiscord(GUILD).add({ channel: fakeForumChannel(forumId, GUILD, 'sdk-forum', thread.id) }, { channel: thread, messages: posts });

    const { channels } = await read(fake, { channels: [{ name: 'sdk-forum', id: forumId }] });

    expect(channels[0]).toMatchObject({ status: 'read', messages: [{ author: bob.id }, { author: alice.id }] });
    expect(fake.to(messagesOf(forumId))).toEqual([]);
    expect(fake.unexpected).toEqual([]);
  });

  it('ends a thread of exactly 100 messages at its own id, without asking for an empty page', async () => {
    const forumId = '1300000000000000018';
    const posts = Array.from({ length: 100 }, (_, i) => fakeMessage(daysBefore(5) - i * 60_000, alice, { channelId: 'x' }));
    const thread = fakeThread(posts[99]?.id ?? '', GUILD, forumId, posts[0]?.id ?? null);
    const fake = new FakeDiscord(GUILD).add({ channel: fakeForumChannel(forumId, GUILD, 'forum', thread.id) }, { channel: thread, messages: posts });

    const { channels } = await read(fake, { channels: [{ name: 'forum', id: forumId }] });

    expect(channels[0]?.messages).toHaveLength(100);
    expect(fake.to(messagesOf(thread.id))).toHaveLength(1);
  });

  it('reports a channel the bot cannot view as unread, naming View Channel, and asks once', async () => {
    const hiddenId = '1300000000000000003';
    const fake = new FakeDiscord(GUILD).add({ channel: fakeTextChannel(hiddenId, GUILD, 'private', snowflakeAt(daysBefore(1))), hidden: true });

    const { channels, requests } = await read(fake, { channels: [{ name: 'private', id: hiddenId }, { name: 'gone', id: '1300000000000000099' }] });

    expect(channels[0]).toMatchObject({ status: 'unread', messages: [], requests: 1 });
    expect(channels[0]?.why).toMatch(/cannot see channel "private".*403 Missing Access/);
    expect(channels[0]?.fix).toMatch(/View Channel/);
    expect(channels[1]).toMatchObject({ status: 'unread', requests: 1 });
    expect(channels[1]?.why).toMatch(/404 Unknown Channel/);
    expect(requests).toBe(2);
  });

  it('reads an empty history whose last message lies in the window as missing Read Message History, never silence', async () => {
    const id = '1300000000000000004';
    const fake = new FakeDiscord(GUILD).add({ channel: fakeTextChannel(id, GUILD, 'quiet', snowflakeAt(daysBefore(2))), noHistory: true });

    const { channels } = await read(fake, { channels: [{ name: 'quiet', id }] });

    expect(channels[0]).toMatchObject({ status: 'unread', messages: [] });
    expect(channels[0]?.why).toMatch(/missing Read Message History/);
    expect(channels[0]?.fix).toMatch(/Read Message History/);
  });

  it('checks an empty history whose last message is after the window with one more request', async () => {
    const hiddenId = '1300000000000000005';
    const newId = '1300000000000000006';
    const after = fakeMessage(until.getTime() + DAY, alice, { channelId: newId });
    const fake = new FakeDiscord(GUILD).add({ channel: fakeTextChannel(hiddenId, GUILD, 'hidden', after.id), noHistory: true }, { channel: fakeTextChannel(newId, GUILD, 'new', after.id), messages: [after] });

    const { channels } = await read(fake, { channels: [{ name: 'hidden', id: hiddenId }, { name: 'new', id: newId }] });

    expect(channels.map((c) => c.status)).toEqual(['unread', 'read']);
    expect(channels[1]?.messages).toEqual([]);
    expect(fake.to(messagesOf(newId)).map((r) => r.query)).toEqual([{ before: snowflakeAt(until.getTime() + 1), limit: '100' }, { limit: '1' }]);
  });

  it('reads nothing of a channel whose last message is older than the window, but reports archived threads it may not list', async () => {
    const id = '1300000000000000007';
    const fake = new FakeDiscord(GUILD).add({ channel: fakeTextChannel(id, GUILD, 'dormant', snowflakeAt(daysBefore(40))), noHistory: true });

    const { channels } = await read(fake, { channels: [{ name: 'dormant', id }] });

    expect(fake.to(messagesOf(id))).toEqual([]);
    expect(channels[0]).toMatchObject({ status: 'partial', messages: [] });
    expect(channels[0]?.why).toMatch(/archived threads .*403 Missing Access/);
    expect(channels[0]?.fix).toMatch(/Read Message History/);
  });

  it('waits out a 429 as Discord asks (Retry-After) and reads on', async () => {
    const id = '1300000000000000008';
    const message = fakeMessage(daysBefore(1), alice, { channelId: id });
    const fake = new FakeDiscord(GUILD).add({ channel: fakeTextChannel(id, GUILD, 'busy', message.id), messages: [message] }).rateLimitOnce(messagesOf(id), 0.05);

    const { channels } = await read(fake, { channels: [{ name: 'busy', id }] });

    expect(channels[0]).toMatchObject({ status: 'read', messages: [{ author: alice.id }] });
    expect(fake.to(messagesOf(id)).map((r) => r.status)).toEqual([429, 200]);
    expect(fake.to(messagesOf(id))[1]?.query).toEqual(fake.to(messagesOf(id))[0]?.query);
    expect(channels[0]?.requests).toBe(5);
  });

  it('gives up on a route Discord keeps answering 429, with a reason, instead of waiting without end', async () => {
    const id = '1300000000000000015';
    const message = fakeMessage(daysBefore(1), alice, { channelId: id });
    const fake = new FakeDiscord(GUILD).add({ channel: fakeTextChannel(id, GUILD, 'stuck', message.id), messages: [message] }).rateLimitAlways(messagesOf(id), 0.01);

    const { channels } = await read(fake, { channels: [{ name: 'stuck', id }] });

    expect(channels[0]).toMatchObject({ status: 'unread', messages: [] });
    expect(channels[0]?.why).toMatch(/kept rate-limiting/);
    expect(fake.to(messagesOf(id)).map((r) => r.status)).toEqual(Array.from({ length: MAX_RATE_LIMITED + 1 }, () => 429));
  });

  it('reports the channel partial when the guild\'s active threads cannot be listed', async () => {
    const id = '1300000000000000016';
    const message = fakeMessage(daysBefore(1), alice, { channelId: id });
    const fake = new FakeDiscord(GUILD).add({ channel: fakeTextChannel(id, GUILD, 'general', message.id), messages: [message] }).hideActiveThreads();

    const { channels } = await read(fake, { channels: [{ name: 'general', id }] });

    expect(channels[0]).toMatchObject({ status: 'partial', messages: [{ author: alice.id }], from: since.toISOString() });
    expect(channels[0]?.why).toMatch(/active threads were not listed: .*403 Missing Access/);
  });

  it('reads on past a thread it may not read, and counts the channel back only to that thread\'s newest message', async () => {
    const id = '1300000000000000019';
    const older = fakeMessage(daysBefore(9), alice, { channelId: id });
    const newer = fakeMessage(daysBefore(1), bob, { channelId: id });
    const locked = fakeThread(snowflakeAt(daysBefore(6)), GUILD, id, snowflakeAt(daysBefore(4)));
    const fake = new FakeDiscord(GUILD).add({ channel: fakeTextChannel(id, GUILD, 'general', newer.id), messages: [newer, older] }, { channel: locked, hidden: true });

    const { channels } = await read(fake, { channels: [{ name: 'general', id }] });

    expect(channels[0]).toMatchObject({ status: 'partial', from: new Date(daysBefore(4) + 1).toISOString(), messages: [{ author: bob.id }] });
    expect(channels[0]?.why).toMatch(/thread \d+ of channel "general".*403 Missing Access/);
    expect(fake.to(messagesOf(id))).toHaveLength(1);
    expect(fake.to(messagesOf(locked.id)).map((r) => r.status)).toEqual([403]);
  });

  it('keeps within each bucket from its X-RateLimit headers (no 429 from a bucket of 3)', async () => {
    const id = '1300000000000000009';
    const fake = new FakeDiscord(GUILD, { limit: 3, resetAfter: 0.05 }).add({ channel: fakeTextChannel(id, GUILD, 'chatty', snowflakeAt(daysBefore(0.01))), generated: { count: 650, newestMs: daysBefore(0.01), stepMs: 60_000, author: bob.id } });

    const { channels } = await read(fake, { channels: [{ name: 'chatty', id }] });

    expect(channels[0]).toMatchObject({ status: 'read' });
    expect(channels[0]?.messages).toHaveLength(650);
    expect(fake.to(messagesOf(id))).toHaveLength(7);
    expect(fake.requests.filter((r) => r.status === 429)).toEqual([]);
  });

  it('stops paging a channel of 1,000,000 messages at the start of the window', async () => {
    const id = '1300000000000000010';
    const step = 300_000; // one message every 5 minutes: a million reach back to 2017
    const fake = new FakeDiscord(GUILD).add({ channel: fakeTextChannel(id, GUILD, 'firehose', snowflakeAt(until.getTime())), generated: { count: 1_000_000, newestMs: until.getTime() - 1000, stepMs: step, author: carol.id } });
    const oneDay = new Date(until.getTime() - DAY);

    const { channels } = await read(fake, { since: oneDay, channels: [{ name: 'firehose', id }] });

    const inWindow = Math.floor((DAY - 1000) / step) + 1; // 288
    expect(channels[0]?.status).toBe('read');
    expect(channels[0]?.messages).toHaveLength(inWindow);
    expect(fake.to(messagesOf(id))).toHaveLength(Math.ceil(inWindow / 100));
  });

  it('reads at most maxMessagesPerChannel and says how far back it counted (partial)', async () => {
    const id = '1300000000000000011';
    const fake = new FakeDiscord(GUILD).add({ channel: fakeTextChannel(id, GUILD, 'firehose', snowflakeAt(until.getTime())), generated: { count: 1_000_000, newestMs: until.getTime() - 1000, stepMs: 60_000, author: carol.id } });

    const { channels } = await read(fake, { maxMessagesPerChannel: 250, channels: [{ name: 'firehose', id }] });

    const read0 = channels[0];
    expect(read0?.status).toBe('partial');
    expect(read0?.why).toMatch(/^more than 250 messages in the window: counted the newest, back to 2026-11-30T/);
    expect(fake.to(messagesOf(id))).toHaveLength(3);
    // 300 read; the oldest read (its millisecond may hold more messages not read) is left out: everything after it was read.
    expect(read0?.messages).toHaveLength(299);
    expect(read0?.from).toBe(new Date(until.getTime() - 1000 - 299 * 60_000 + 1).toISOString());
  });

  it('reads a channel and its thread together under the cap, so that both are counted back to the same instant', async () => {
    const id = '1300000000000000017';
    const hour = 3_600_000;
    const channelMessages = Array.from({ length: 150 }, (_, i) => fakeMessage(until.getTime() - (2 * i + 1) * hour, alice, { channelId: id }));
    const thread = fakeThread(snowflakeAt(daysBefore(29)), GUILD, id, null);
    const threadMessages = Array.from({ length: 150 }, (_, i) => fakeMessage(until.getTime() - (2 * i + 2) * hour, bob, { channelId: thread.id }));
    thread.last_message_id = threadMessages[0]?.id ?? null;
    const fake = new FakeDiscord(GUILD).add({ channel: fakeTextChannel(id, GUILD, 'both', channelMessages[0]?.id ?? null), messages: channelMessages }, { channel: thread, messages: threadMessages });

    const { channels } = await read(fake, { maxMessagesPerChannel: 200, channels: [{ name: 'both', id }] });

    // One page of each (200 messages): the channel reached back to its 100th message, the thread to its 100th; the later of the two bounds what was read.
    const from = until.getTime() - 199 * hour + 1;
    expect(channels[0]).toMatchObject({ status: 'partial', from: new Date(from).toISOString() });
    const authors = channels[0]?.messages.map((m) => m.author) ?? [];
    expect(authors).toHaveLength(198); // 99 of each: the 100th of the channel lies on `from` - 1 ms, the thread's before it
    expect(authors.slice(0, 4)).toEqual([alice.id, bob.id, alice.id, bob.id]);
    expect(channels[0]?.messages.every((m) => Date.parse(m.at) >= from)).toBe(true);
    expect([fake.to(messagesOf(id)).length, fake.to(messagesOf(thread.id)).length]).toEqual([1, 1]);
  });

  it('bounds the requests of a channel of many small threads (partial, counted back to the last thread reached)', async () => {
    const id = '1300000000000000020';
    const fake = new FakeDiscord(GUILD).add({ channel: fakeTextChannel(id, GUILD, 'busy', null) });
    for (let i = 0; i < 10; i += 1) {
      const post = fakeMessage(daysBefore(1) - i * 60_000, alice, { channelId: 'x' });
      fake.add({ channel: fakeThread(post.id, GUILD, id, post.id), messages: [post] });
    }

    const { channels } = await read(fake, { maxMessagesPerChannel: 100, channels: [{ name: 'busy', id }] });

    // A cap of 100 messages allows 1 page + 100 / 20 requests = 6: the channel, the two thread listings, then 3 threads, the newest first.
    expect(channels[0]?.requests).toBe(6);
    expect(channels[0]?.status).toBe('partial');
    expect(channels[0]?.why).toMatch(/^more than 6 requests needed \(the channel and 10 threads\): counted back to /);
    expect(channels[0]?.messages).toHaveLength(3);
    expect(channels[0]?.from).toBe(new Date(daysBefore(1) - 3 * 60_000 + 1).toISOString());
  });

  it('stops at a refused token: every channel unread, no request after the 401', async () => {
    const fake = new FakeDiscord(GUILD).add({ channel: fakeTextChannel('1300000000000000012', GUILD, 'a', null) });
    const server = await fake.start();
    close = server.close;

    const { channels, requests } = await readDiscordChannels({ token: 'wrong', guildId: GUILD, since, until, api: server.api, channels: [{ name: 'a', id: '1300000000000000012' }, { name: 'b', id: '1300000000000000013' }] });

    expect(channels.map((c) => [c.name, c.status, c.requests])).toEqual([['a', 'unread', 1], ['b', 'unread', 0]]);
    expect(channels[1]?.why).toMatch(/refused the bot token \(401/);
    expect(channels[1]?.fix).toMatch(/DISCORD_BOT_TOKEN/);
    expect(requests).toBe(1);
  });

  it('reports, without asking Discord, a malformed id and, after one request, a channel of another server', async () => {
    const other = '1300000000000000014';
    const fake = new FakeDiscord(GUILD).add({ channel: fakeTextChannel(other, '1200000000000000999', 'elsewhere', null) });

    const { channels } = await read(fake, { channels: [{ name: 'typo', id: '#general' }, { name: 'elsewhere', id: other }] });

    expect(channels.map((c) => [c.status, c.requests])).toEqual([['unread', 0], ['unread', 1]]);
    expect(channels[0]?.why).toMatch(/not a Discord id/);
    expect(channels[1]?.why).toMatch(/not in the configured server/);
  });
});

describe('discordNotConfigured', () => {
  it('gives each channel unread with the reason, no request', async () => {
    const channels = [{ name: 'general', id: '1300000000000000001' }];
    expect(discordNotConfigured(channels, 'no bot token', { since, until })).toEqual([
      { name: 'general', channelId: '1300000000000000001', status: 'unread', why: 'no bot token', fix: expect.stringMatching(/DISCORD_BOT_TOKEN/), from: since.toISOString(), until: until.toISOString(), messages: [], requests: 0 },
    ]);
    const { channels: reads, requests } = await readDiscordChannels({ token: '', guildId: GUILD, channels, since, until, api: 'http://127.0.0.1:9' });
    expect(reads).toEqual(discordNotConfigured(channels, 'no bot token', { since, until }));
    expect(requests).toBe(0);
  });
});
