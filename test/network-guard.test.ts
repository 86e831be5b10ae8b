/**
 * The tests' network guard (test/support/environment.mjs), in a test file that never loads nock:
 * a connection beyond this machine fails at once (ENETUNREACH, no DNS lookup) whatever the client
 * — a socket, `fetch`, `https` — and a connection to a loopback server goes through.
 */
import { describe, expect, it } from '@jest/globals';
import { request } from 'node:https';
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

const refusal = (error: unknown) => expect(error).toMatchObject({ code: 'ENETUNREACH', message: expect.stringContaining('no test touches the network') });

describe('the network guard', () => {
  it('refuses a socket to an address beyond this machine, by IP or by name', async () => {
    for (const host of ['192.0.2.1', 'api.github.com']) {
      const error = await new Promise((resolve) => connect(443, host).on('error', resolve));
      refusal(error);
      expect((error as Error).message).toContain(`${host}:443`);
    }
  });

  it('refuses fetch and https requests to GitHub', async () => {
    const fetched = await fetch('https://api.github.com/zen').then(
      () => undefined,
      (error: unknown) => (error as { cause?: unknown }).cause,
    );
    refusal(fetched);
    const requested = await new Promise((resolve) => request('https://api.github.com/zen').on('error', resolve).end());
    refusal(requested);
  });

  it('lets a connection to a loopback server through', async () => {
    const server = createServer((socket) => socket.end('hello'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await new Promise<string>((resolve, reject) => {
        let text = '';
        connect(port, '127.0.0.1')
          .on('data', (chunk) => (text += chunk.toString('utf8')))
          .on('end', () => resolve(text))
          .on('error', reject);
      });
      expect(answer).toBe('hello');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
