import { describe, expect, it } from '@jest/globals';
import { MessageType } from 'discord-api-types/v10';
import { humanMessageFact } from '../../src/discord/human-message.js';
import { isSnowflake, snowflakeAt, snowflakeTime } from '../../src/discord/snowflake.js';
import { fakeMessage, fakeUser } from '../support/fake-discord.js';

describe('snowflakes', () => {
  it('reads the instant of Discord\'s documented example (175928847299117063 → 2016-04-30T11:18:25.796Z)', () => {
    expect(new Date(snowflakeTime('175928847299117063')).toISOString()).toBe('2016-04-30T11:18:25.796Z');
  });

  it('makes the smallest id of an instant: ids of that ms are ≥ it, earlier ones below', () => {
    const at = Date.parse('2026-11-01T12:00:00.000Z');
    const cursor = BigInt(snowflakeAt(at));
    expect(snowflakeTime(cursor.toString())).toBe(at);
    expect(snowflakeTime((cursor - 1n).toString())).toBe(at - 1);
    expect(snowflakeAt(0)).toBe('0');
  });

  it('accepts digit strings within u64 only', () => {
    expect(isSnowflake('175928847299117063')).toBe(true);
    expect(isSnowflake('18446744073709551616')).toBe(false);
    expect(isSnowflake('12a')).toBe(false);
    expect(isSnowflake(1759288472991)).toBe(false);
  });
});

describe('humanMessageFact', () => {
  const at = Date.parse('2026-11-20T08:00:00.000Z');
  const person = fakeUser('200000000000000002');
  const base = { channelId: '1300000000000000001' };

  it('keeps when and who of a default message and of a reply, never the content', () => {
    const fact = humanMessageFact(fakeMessage(at, person, base));
    expect(fact).toEqual({ at: '2026-11-20T08:00:00.000Z', author: '200000000000000002' });
    expect(humanMessageFact(fakeMessage(at, person, { ...base, type: MessageType.Reply }))).toEqual(fact);
  });

  it.each([
    ['a bot', fakeMessage(at, fakeUser('200000000000000003', true), base)],
    ['Discord itself', fakeMessage(at, { ...person, system: true }, base)],
    ['a webhook', fakeMessage(at, person, { ...base, webhook: '300000000000000001' })],
    ['an application (an interaction\'s reply)', fakeMessage(at, person, { ...base, application: '300000000000000002' })],
    ['a thread-created notice', fakeMessage(at, person, { ...base, type: MessageType.ThreadCreated })],
    ['a thread\'s starter copy', fakeMessage(at, person, { ...base, type: MessageType.ThreadStarterMessage })],
    ['a join', fakeMessage(at, person, { ...base, type: MessageType.UserJoin })],
    ['no author', { ...fakeMessage(at, person, base), author: null }],
    ['an id that is no snowflake', { ...fakeMessage(at, person, base), id: '<script>' }],
    ['not an object', 'hello'],
  ])('drops a message of %s', (_, message) => {
    expect(humanMessageFact(message)).toBeNull();
  });
});
