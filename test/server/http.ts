/**
 * Requests to a server on the loopback, over plain TCP sockets — not through `http` or `fetch`,
 * which nock intercepts for the whole worker — each on its own connection (`Connection: close`).
 */
import { createHmac } from 'node:crypto';
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Answer {
  status: number;
  body: string;
}

/** A port free on 127.0.0.1 now (Probot's server cannot listen on port 0: it reads 0 as 3000). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** One HTTP/1.1 request; resolves with the status and body once the server closes the connection. */
export function request(port: number, method: string, path: string, headers: Record<string, string> = {}, body = ''): Promise<Answer> {
  const head = [`${method} ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close'];
  return new Promise((resolve, reject) => {
    let answer = '';
    // Written, not ended: Node's server drops a request whose client half-closes before the answer.
    const socket = connect(port, '127.0.0.1', () => socket.write(`${head.join('\r\n')}\r\n\r\n${body}`));
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), body: answer.split('\r\n\r\n').slice(1).join('\r\n\r\n') }));
  });
}

/** A webhook delivery of `event` with `payload`, signed with `secret` (`sign: false`: a wrong signature). */
export function deliver(port: number, options: { id: string; event: string; payload: unknown; secret: string; sign?: boolean }): Promise<Answer> {
  const body = JSON.stringify(options.payload);
  const signed = options.sign === false ? `${body} ` : body;
  return request(
    port,
    'POST',
    '/api/github/webhooks',
    {
      'Content-Type': 'application/json',
      'X-GitHub-Event': options.event,
      'X-GitHub-Delivery': options.id,
      'X-Hub-Signature-256': `sha256=${createHmac('sha256', options.secret).update(signed).digest('hex')}`,
    },
    body,
  );
}
