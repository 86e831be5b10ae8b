import { createHmac } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createNodeMiddleware } from 'probot';
import groupSteward from '../src/index.js';
import { createTestProbot, examplePayload } from './support/probot.js';

const SECRET = 'webhook-secret';
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const middleware = await createNodeMiddleware(groupSteward, { probot: createTestProbot(SECRET) });
  const server = createServer((req, res) => {
    void middleware(req, res, () => {
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
  nock.enableNetConnect('127.0.0.1');
});
afterAll(async () => {
  nock.disableNetConnect();
  await close();
});

/** POSTs a webhook delivery; resolves with the HTTP status. */
function deliver(body: string, signature: string | undefined): Promise<{ status: number }> {
  const headers = {
    'content-type': 'application/json',
    'x-github-event': 'pull_request',
    'x-github-delivery': 'delivery-1',
    ...(signature ? { 'x-hub-signature-256': signature } : {}),
  };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the webhook server (Probot middleware at /api/github/webhooks)', () => {
  // A closed pull request is an event Group Steward does not act on: no GitHub request follows.
  const body = JSON.stringify(examplePayload('pull_request', 'closed'));
  const sign = (text: string) => `sha256=${createHmac('sha256', SECRET).update(text).digest('hex')}`;

  it('accepts a delivery signed with the webhook secret', async () => {
    const response = await deliver(body, sign(body));
    expect(response.status).toBe(200);
  });

  it('refuses a delivery with a wrong or missing signature, running nothing', async () => {
    expect((await deliver(body, sign(`${body} `))).status).toBe(400);
    expect((await deliver(body, undefined)).status).toBe(400);
  });
});
