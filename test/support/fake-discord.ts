/**
 * A fake Discord REST API (v10) on the loopback interface, for src/discord: `node:http` on
 * 127.0.0.1 with a port the system picks, serving the routes the adapter calls —
 * `GET /channels/{id}`, `GET /channels/{id}/messages?before=&limit=`, `GET /guilds/{id}/threads/active`,
 * `GET /channels/{id}/threads/archived/public?before=&limit=` — with bodies typed by
 * discord-api-types, Discord's error bodies (`{ message, code }`: 401, 403 Missing Access 50001,
 * 404 Unknown Channel 10003), and Discord's rate limits: every answer carries its bucket's
 * `X-RateLimit-Limit/Remaining/Reset-After/Bucket` headers, a request over a spent bucket gets a
 * 429 (so a client that ignores the headers is caught), and `rateLimitOnce` answers a route 429
 * once, with `Retry-After` and the body's `retry_after`.
 *
 * Like Discord: a channel the bot cannot view answers 403 everywhere; without Read Message History
 * a history answers `[]` (not 403) and the archived threads 403. A channel of `generated` messages
 * is computed page by page (a million messages cost nothing until read). Every request is recorded;
 * one the fake does not serve is answered 404 and listed in `unexpected`.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChannelType, MessageType, SortOrderType, ThreadAutoArchiveDuration } from 'discord-api-types/v10';
import type { APIGuildForumChannel, APIMessage, APIPublicThreadChannel, APITextChannel, APIThreadList, APIUser, RESTGetAPIChannelThreadsArchivedPublicResult } from 'discord-api-types/v10';
import { snowflakeAt, snowflakeTime } from '../../src/discord/snowflake.js';

/** The only bot token the fake accepts (any other: 401). */
export const FAKE_TOKEN = 'fake-bot-token.for-tests';

/** A channel of the fake: its object, its messages, and how the bot's permissions show. */
export interface FakeChannel {
  channel: APITextChannel | APIGuildForumChannel | APIPublicThreadChannel | (Record<string, unknown> & { id: string; type: number });
  /** Its messages (any order). */
  messages?: APIMessage[];
  /** Messages computed on request: `count` messages by `author`, the newest at `newestMs`, one every `stepMs`. */
  generated?: { count: number; newestMs: number; stepMs: number; author: string };
  /** The bot lacks View Channel (403 Missing Access on every route of the channel). */
  hidden?: boolean;
  /** The bot lacks Read Message History: histories answer `[]`, archived threads 403. */
  noHistory?: boolean;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

/** A user as Discord sends it (no email, no flags: what a bot sees of an author). */
export function fakeUser(id: string, bot = false): APIUser {
  return { id, username: `user${id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null, ...(bot ? { bot: true } : {}) };
}

/** A message as Discord sends a bot without the Message Content intent … except that `content` is filled, to prove it is never kept. */
export function fakeMessage(at: number, author: APIUser, options: { channelId: string; type?: MessageType; sequence?: number; webhook?: string; application?: string; content?: string }): APIMessage {
  const id = (BigInt(snowflakeAt(at)) + BigInt(options.sequence ?? 0)).toString();
  return {
    id,
    channel_id: options.channelId,
    author,
    content: options.content ?? 'message text that must never be kept',
    timestamp: new Date(at).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: (options.type ?? MessageType.Default) as MessageType.Default,
    ...(options.webhook ? { webhook_id: options.webhook } : {}),
    ...(options.application ? { application_id: options.application } : {}),
  };
}

/** A text channel of `guildId` whose newest message is `lastMessageId`. */
export function fakeTextChannel(id: string, guildId: string, name: string, lastMessageId: string | null): APITextChannel {
  return { id, type: ChannelType.GuildText, guild_id: guildId, name, position: 0, permission_overwrites: [], nsfw: false, parent_id: null, topic: null, last_message_id: lastMessageId, rate_limit_per_user: 0, default_auto_archive_duration: ThreadAutoArchiveDuration.OneWeek };
}

/** A forum channel of `guildId`; Discord gives it the id of its newest post's thread as `last_message_id`. */
export function fakeForumChannel(id: string, guildId: string, name: string, lastThreadId: string | null): APIGuildForumChannel {
  return {
    id,
    type: ChannelType.GuildForum,
    guild_id: guildId,
    name,
    position: 1,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    topic: null,
    last_message_id: lastThreadId,
    available_tags: [],
    default_reaction_emoji: null,
    default_sort_order: SortOrderType.LatestActivity,
    default_forum_layout: 0,
  };
}

/** A public thread of `parentId`; `archivedAt` (ms) archives it. */
export function fakeThread(id: string, guildId: string, parentId: string, lastMessageId: string | null, archivedAt?: number): APIPublicThreadChannel {
  const thread: APIPublicThreadChannel = {
    id,
    type: ChannelType.PublicThread,
    guild_id: guildId,
    parent_id: parentId,
    name: `thread ${id.slice(-4)}`,
    owner_id: '100000000000000001',
    last_message_id: lastMessageId,
    message_count: 1,
    member_count: 1,
    rate_limit_per_user: 0,
    thread_metadata: {
      archived: archivedAt !== undefined,
      auto_archive_duration: ThreadAutoArchiveDuration.OneDay,
      archive_timestamp: new Date(archivedAt ?? snowflakeTime(id)).toISOString(),
      locked: false,
    },
    applied_tags: [],
    total_message_sent: 1,
  };
  return thread;
}

interface Bucket {
  hash: string;
  used: number;
  resetAt: number;
}

/** The fake server's state: its channels, buckets and the requests it answered. */
export class FakeDiscord {
  readonly requests: FakeRequest[] = [];
  readonly unexpected: string[] = [];
  private readonly channels = new Map<string, FakeChannel>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly once = new Map<string, number>();
  private readonly always = new Map<string, number>();
  private activeHidden = false;

  /** `limit` requests per bucket each `resetAfter` seconds (Discord's message buckets are of this order). */
  constructor(
    readonly guildId: string,
    private readonly limits: { limit: number; resetAfter: number } = { limit: 50, resetAfter: 0.2 },
  ) {}

  add(...channels: FakeChannel[]): this {
    for (const channel of channels) this.channels.set(channel.channel.id, channel);
    return this;
  }

  /** The next request whose path starts with `pathPrefix` (after `/api/v10`) is answered 429 with `retryAfter` seconds. */
  rateLimitOnce(pathPrefix: string, retryAfter: number): this {
    this.once.set(pathPrefix, retryAfter);
    return this;
  }

  /** Every request whose path starts with `pathPrefix` is answered 429 with `retryAfter` seconds (a client must give up). */
  rateLimitAlways(pathPrefix: string, retryAfter: number): this {
    this.always.set(pathPrefix, retryAfter);
    return this;
  }

  /** The guild's active threads answer 403 (a bot without View Channel anywhere but the channels it was given). */
  hideActiveThreads(): this {
    this.activeHidden = true;
    return this;
  }

  /** The requests for `path` (after `/api/v10`), in order. */
  to(path: string): FakeRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  /** Serves on 127.0.0.1: `api` is the base URL for `REST`'s `api` option (`<url>/api`). */
  async start(): Promise<{ api: string; close(): Promise<void> }> {
    const server = createServer((req, res) => this.answer(req, res));
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return {
      api: `http://127.0.0.1:${port}/api`,
      close: () =>
        new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        }),
    };
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/^\/api\/v10/, '');
    const request: FakeRequest = { method: req.method ?? 'GET', path, query: Object.fromEntries(url.searchParams), status: 0 };
    this.requests.push(request);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      request.status = status;
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
      res.end(text);
    };
    if (req.headers.authorization !== `Bot ${FAKE_TOKEN}`) return send(401, { message: '401: Unauthorized', code: 0 });
    const route = this.route(path);
    if (route === null || request.method !== 'GET') {
      this.unexpected.push(`${request.method} ${path}`);
      return send(404, { message: '404: Not Found', code: 0 });
    }
    const bucket = this.bucket(route.bucket);
    const headers = { 'x-ratelimit-limit': String(this.limits.limit), 'x-ratelimit-remaining': String(Math.max(0, this.limits.limit - bucket.used)), 'x-ratelimit-reset-after': ((bucket.resetAt - Date.now()) / 1000).toFixed(3), 'x-ratelimit-bucket': bucket.hash };
    for (const [prefix, retryAfter] of [...this.once, ...this.always]) {
      if (!path.startsWith(prefix)) continue;
      this.once.delete(prefix);
      return send(429, { message: 'You are being rate limited.', retry_after: retryAfter, global: false }, { ...headers, 'retry-after': String(retryAfter), 'x-ratelimit-scope': 'user' });
    }
    if (bucket.used > this.limits.limit) return send(429, { message: 'You are being rate limited.', retry_after: Number(headers['x-ratelimit-reset-after']), global: false }, { ...headers, 'x-ratelimit-remaining': '0', 'retry-after': headers['x-ratelimit-reset-after'], 'x-ratelimit-scope': 'user' });
    const [status, body] = route.answer(url.searchParams);
    send(status, body, headers);
  }

  /** One request more on `key`'s bucket. */
  private bucket(key: string): Bucket {
    const now = Date.now();
    let bucket = this.buckets.get(key);
    if (bucket === undefined || bucket.resetAt <= now) {
      bucket = { hash: `bucket-${key.split('/')[1] ?? 'x'}-${this.buckets.size}`, used: 0, resetAt: now + this.limits.resetAfter * 1000 };
      this.buckets.set(key, bucket);
    }
    bucket.used += 1;
    return bucket;
  }

  private route(path: string): { bucket: string; answer(query: URLSearchParams): [number, unknown] } | null {
    let match = /^\/guilds\/(\d+)\/threads\/active$/.exec(path);
    if (match) return { bucket: `guild/${match[1]}/threads`, answer: () => (this.activeHidden ? [403, { message: 'Missing Access', code: 50001 }] : this.activeThreads(match?.[1] as string)) };
    match = /^\/channels\/(\d+)(\/messages|\/threads\/archived\/public)?$/.exec(path);
    if (!match) return null;
    const [, id, rest] = match as unknown as [string, string, string | undefined];
    const fake = this.channels.get(id);
    return {
      bucket: `channels/${id}${rest ?? ''}`,
      answer: (query) => {
        if (fake === undefined) return [404, { message: 'Unknown Channel', code: 10003 }];
        if (fake.hidden) return [403, { message: 'Missing Access', code: 50001 }];
        if (rest === undefined) return [200, fake.channel];
        if (rest === '/messages') return this.messages(fake, query);
        return this.archivedThreads(fake, query);
      },
    };
  }

  private activeThreads(guildId: string): [number, APIThreadList] {
    const threads = [...this.channels.values()]
      .map((fake) => fake.channel)
      .filter((channel): channel is APIPublicThreadChannel => channel.type === ChannelType.PublicThread && (channel as APIPublicThreadChannel).guild_id === guildId && !(channel as APIPublicThreadChannel).thread_metadata?.archived);
    return [200, { threads, members: [] }];
  }

  private archivedThreads(fake: FakeChannel, query: URLSearchParams): [number, unknown] {
    if (fake.noHistory) return [403, { message: 'Missing Access', code: 50001 }];
    if (fake.channel.type === ChannelType.PublicThread) return [400, { message: 'Cannot execute action on this channel type', code: 50024 }];
    const before = query.has('before') ? Date.parse(query.get('before') as string) : Number.POSITIVE_INFINITY;
    const limit = Math.min(100, Number(query.get('limit') ?? 50));
    const archived = [...this.channels.values()]
      .map((other) => other.channel as APIPublicThreadChannel)
      .filter((thread) => thread.type === ChannelType.PublicThread && thread.parent_id === fake.channel.id && thread.thread_metadata?.archived)
      .map((thread) => ({ thread, at: Date.parse(thread.thread_metadata?.archive_timestamp as string) }))
      .filter(({ at }) => at < before)
      .sort((a, b) => b.at - a.at);
    const body: RESTGetAPIChannelThreadsArchivedPublicResult = { threads: archived.slice(0, limit).map(({ thread }) => thread), members: [], has_more: archived.length > limit };
    return [200, body];
  }

  private messages(fake: FakeChannel, query: URLSearchParams): [number, unknown] {
    if (fake.channel.type === ChannelType.GuildForum) return [400, { message: 'Cannot execute action on this channel type', code: 50024 }];
    if (fake.noHistory) return [200, []];
    if (query.has('after') || query.has('around')) return [400, { message: 'the fake serves `before` only', code: 0 }];
    const before = query.has('before') ? BigInt(query.get('before') as string) : 1n << 64n;
    const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50)));
    if (fake.generated) return [200, generatedPage(fake.channel.id, fake.generated, before, limit)];
    const page = (fake.messages ?? [])
      .filter((message) => BigInt(message.id) < before)
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
      .slice(0, limit);
    return [200, page];
  }
}

/** Messages `i` = 0 … count-1 at `newestMs - i × stepMs`, newest first: the page of those with an id below `before`. */
function generatedPage(channelId: string, generated: NonNullable<FakeChannel['generated']>, before: bigint, limit: number): APIMessage[] {
  const { count, newestMs, stepMs, author } = generated;
  const idOf = (i: number) => BigInt(snowflakeAt(newestMs - i * stepMs)) + 1n;
  let first = Math.max(0, Math.ceil((newestMs - snowflakeTime(before.toString())) / stepMs));
  while (first < count && idOf(first) >= before) first += 1;
  const page: APIMessage[] = [];
  for (let i = first; i < Math.min(count, first + limit); i += 1) page.push(fakeMessage(newestMs - i * stepMs, fakeUser(author), { channelId, sequence: 1 }));
  return page;
}
