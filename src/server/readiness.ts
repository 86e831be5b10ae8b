/**
 * The readiness endpoint, `GET /ready` (and `HEAD`): 200 `READY` while the server takes
 * deliveries, 503 `DRAINING` from the shutdown signal on, so a load balancer or Kubernetes stops
 * sending it deliveries. Liveness stays Probot's `GET /ping`, which answers until the process ends.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const READY_PATH = '/ready';

/** A Probot handler (`addHandler`) answering `/ready` from `deliveries.accepting`; false (not handled) for any other request. */
export function readinessHandler(deliveries: { readonly accepting: boolean }): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || (req.url ?? '').split('?')[0] !== READY_PATH) return false;
    const ready = deliveries.accepting;
    const body = ready ? 'READY' : 'DRAINING';
    res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain', 'content-length': String(body.length), 'cache-control': 'no-store' }).end(body);
    return true;
  };
}
