/**
 * Benchmark of the Discord conversations adapter (issue 23): HTTP requests per active channel per
 * run, against the fake Discord REST API on the loopback interface (test/support/fake-discord.ts;
 * no network), beside the floor that paging allows. A measurement, not a test.
 *
 * The floor of a channel: 1 (the channel: its type and `last_message_id`) + the pages of its
 * history + 1 listing of its archived threads + the pages of each thread with messages in the
 * window; the run adds 1 listing of the guild's active threads. A history of n messages in the
 * window takes ⌊n/100⌋ + 1 pages of 100 (a message older than the window, or a short page, ends it),
 * ⌈n/100⌉ when it began inside the window (reaching its own id ends it), and none when its last
 * message is older than the window.
 */
import { readDiscordChannels } from '../src/discord/read-channels.js';
import { snowflakeAt } from '../src/discord/snowflake.js';
import { FAKE_TOKEN, FakeDiscord, fakeForumChannel, fakeMessage, fakeTextChannel, fakeThread, fakeUser } from '../test/support/fake-discord.js';
import type { FakeChannel } from '../test/support/fake-discord.js';

const GUILD = '1200000000000000001';
const DAY = 86_400_000;
const until = Date.parse('2026-12-01T00:00:00.000Z');
const since = until - 30 * DAY;
const people = Array.from({ length: 12 }, (_, i) => fakeUser(`2100000000000000${String(i + 10)}`));

/** `count` messages of `channelId` spread evenly over `fromMs..toMs`, newest first. */
function spread(channelId: string, count: number, fromMs: number, toMs: number) {
  return Array.from({ length: count }, (_, i) => fakeMessage(toMs - Math.floor(((toMs - fromMs) * i) / count), people[i % people.length] ?? fakeUser('210000000000000001'), { channelId, sequence: i % 7 }));
}

/** A thread of `parentId` made `madeDaysAgo` before the end of the window, with `count` messages since. */
function thread(parentId: string, madeDaysAgo: number, count: number, archived: boolean): FakeChannel[] {
  const made = until - madeDaysAgo * DAY;
  const messages = spread(snowflakeAt(made), count, made, made + DAY / 2);
  const first = messages[messages.length - 1];
  const channel = fakeThread(first?.id ?? snowflakeAt(made), GUILD, parentId, messages[0]?.id ?? null, archived ? made + DAY : undefined);
  return [{ channel, messages: messages.map((m) => ({ ...m, channel_id: channel.id })) }];
}

/** Pages of a history of `n` messages in the window: `older`: it has messages before the window. */
const pages = (n: number, older: boolean) => (n === 0 ? 0 : older ? Math.floor(n / 100) + 1 : Math.ceil(n / 100));

export async function benchDiscord(): Promise<string[]> {
  const text = '1300000000000000001';
  const forum = '1300000000000000002';
  const quiet = '1300000000000000003';
  const firehose = '1300000000000000004';
  const textMessages = [...spread(text, 250, since + 1, until - 1), ...spread(text, 40, since - 20 * DAY, since - 1)];
  const fake = new FakeDiscord(GUILD, { limit: 50, resetAfter: 1 }).add(
    { channel: fakeTextChannel(text, GUILD, 'general-wg', textMessages[0]?.id ?? null), messages: textMessages },
    ...thread(text, 3, 30, false),
    ...thread(text, 12, 30, true),
    { channel: fakeForumChannel(forum, GUILD, 'sdk-forum', null) },
    ...[2, 5, 9, 14, 20].flatMap((days, i) => thread(forum, days, 10 + 45 * i, i % 2 === 1)),
    { channel: fakeTextChannel(quiet, GUILD, 'quiet-ig', snowflakeAt(since - 3 * DAY)) },
    { channel: fakeTextChannel(firehose, GUILD, 'firehose', snowflakeAt(until)), generated: { count: 1_000_000, newestMs: until - 1000, stepMs: 300_000, author: '210000000000000010' } },
  );
  const server = await fake.start();
  const started = performance.now();
  try {
    const { channels, requests } = await readDiscordChannels({
      token: FAKE_TOKEN,
      guildId: GUILD,
      since: new Date(since),
      until: new Date(until),
      api: server.api,
      channels: [
        { name: 'general-wg', id: text },
        { name: 'sdk-forum', id: forum },
        { name: 'quiet-ig', id: quiet },
        { name: 'firehose', id: firehose },
      ],
    });
    const elapsed = performance.now() - started;
    const floors: Record<string, number> = {
      'general-wg': 1 + pages(250, true) + 1 + 2 * pages(30, false),
      'sdk-forum': 1 + 1 + [0, 1, 2, 3, 4].reduce((sum, i) => sum + pages(10 + 45 * i, false), 0),
      'quiet-ig': 1 + 0 + 1,
      firehose: 1 + pages(Math.floor((30 * DAY - 1000) / 300_000) + 1, true) + 1,
    };
    const active = channels.filter((c) => c.messages.length > 0);
    const lines = channels.map((c, i) => `discord: ${c.name} (${c.status}): ${c.messages.length} human messages, ${c.requests} requests (floor ${floors[c.name] ?? '?'}${i === 0 ? ", + 1: the run's listing of active threads" : ''})`);
    const perActive = active.reduce((sum, c) => sum + c.requests, 0) / Math.max(1, active.length);
    lines.push(
      `discord: ${requests} requests for ${channels.length} channels (${active.length} active: ${perActive.toFixed(1)} requests per active channel; floor total ${Object.values(floors).reduce((a, b) => a + b, 0) + 1}), ${fake.requests.filter((r) => r.status === 429).length} answered 429, ${elapsed.toFixed(0)} ms over loopback`,
    );
    return lines;
  } finally {
    await server.close();
  }
}
