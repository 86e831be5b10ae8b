/**
 * The in-memory GitHub (bench/activity-github.ts) served over real HTTP on the loopback
 * interface, for code that runs in another process (the bundled Action): `node:http` on
 * 127.0.0.1 with a port the system picks, each request handed to the fake's `handle`. Give the
 * fake a GHE-style `baseUrl` path (`/api/v3`); REST is then `<url>/api/v3`, GraphQL `<url>/api/graphql`,
 * as GitHub Actions' `GITHUB_API_URL` / `GITHUB_GRAPHQL_URL` name them on GitHub Enterprise Server.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeReply } from '../../bench/activity-github.js';

/** What the server needs of a fake: one request in, one reply out. */
export interface FakeHandler {
  handle(request: Request): Promise<FakeReply>;
}

export interface FakeServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** `GITHUB_API_URL`: `<url>/api/v3`. */
  apiUrl: string;
  /** `GITHUB_GRAPHQL_URL`: `<url>/api/graphql`. */
  graphqlUrl: string;
  /** Stops listening and ends open connections. */
  close(): Promise<void>;
}

/**
 * Starts serving `fake` on 127.0.0.1. A reply's string body is sent as is, any other as JSON
 * (`content-type: application/json` unless the reply sets its own); an exception in the fake is
 * answered 500 with its message, so the client sees a GitHub-like failure, never a hang.
 *
 * @throws the listen error (e.g. no loopback interface)
 */
export async function startFakeServer(fake: FakeHandler): Promise<FakeServer> {
  const server = createServer((req, res) => void answer(fake, req, res));
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    apiUrl: `${url}/api/v3`,
    graphqlUrl: `${url}/api/graphql`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function answer(fake: FakeHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = req.method ?? 'GET';
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const body = chunks.length > 0 && method !== 'GET' && method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
    const request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, { method, headers, ...(body ? { body } : {}) });
    const [status, payload, replyHeaders = {}] = await fake.handle(request);
    const text = payload === undefined ? '' : typeof payload === 'string' ? payload : JSON.stringify(payload);
    const hasType = Object.keys(replyHeaders).some((h) => h.toLowerCase() === 'content-type');
    res.writeHead(status, { ...(hasType ? {} : { 'content-type': 'application/json; charset=utf-8' }), ...replyHeaders, 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
  } catch (error) {
    const text = JSON.stringify({ message: `the fake GitHub failed: ${error instanceof Error ? error.message : String(error)}` });
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
    res.end(text);
  }
}
