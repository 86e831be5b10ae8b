import { describe, expect, it } from '@jest/globals';
import { DiscordAPIError, HTTPError } from '@discordjs/rest';
import { describeFailure } from '../../src/discord/failures.js';

const what = 'channel "general" (1300000000000000001)';
const apiError = (status: number, message: string, code = 0) => new DiscordAPIError({ message, code }, code, status, 'GET', 'https://discord.com/api/v10/channels/1300000000000000001', { body: undefined, files: undefined });

describe('describeFailure', () => {
  it('names the permission to grant for a 403, and is not a refused token', () => {
    expect(describeFailure(apiError(403, 'Missing Access', 50001), what, 'View Channel')).toEqual({
      why: 'the bot cannot see channel "general" (1300000000000000001): Discord answered 403 Missing Access',
      fix: 'give the bot\'s role View Channel on the channel (and check its id in discord.channels of .github/group-steward.yml)',
      tokenRefused: false,
    });
  });

  it('stops the run on a 401', () => {
    expect(describeFailure(apiError(401, '401: Unauthorized'), what, 'View Channel')).toMatchObject({ tokenRefused: true, fix: expect.stringMatching(/DISCORD_BOT_TOKEN/) });
  });

  it('quotes what Discord or the network said bounded, without control characters', () => {
    const { why } = describeFailure(apiError(400, `bad\u0007\n${'x'.repeat(10_000)}`), what, 'View Channel');
    expect(why.length).toBeLessThan(300);
    expect([...why].some((c) => c.charCodeAt(0) < 0x20)).toBe(false);
    expect(describeFailure(new HTTPError(502, 'Bad Gateway', 'GET', 'u', { body: undefined, files: undefined }), what, 'View Channel').why).toBe(`Discord failed (502) on ${what}, after retries`);
    expect(describeFailure(new Error('connect ECONNREFUSED 127.0.0.1:9'), what, 'View Channel').why).toBe(`Discord could not be reached for ${what}: connect ECONNREFUSED 127.0.0.1:9`);
  });
});
