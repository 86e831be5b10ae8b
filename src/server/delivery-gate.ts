/**
 * The server's rules for each webhook delivery, ahead of Probot's handlers. Probot's webhook
 * middleware reads the body, then calls `webhooks.verifyAndReceive` and answers 200 when it
 * resolves (202 if it takes over 9 s) or the status of the error it throws; so that call is
 * wrapped — the one point where a delivery is known by id and event, can still be refused with
 * a status, and ends when its last handler ends (Probot has no hook around a whole delivery):
 *
 * 1. A delivery whose signature does not match is refused (400) with one line: its id, its
 *    event and the reason, never its payload (Probot logged two error lines with the payload).
 * 2. While the server drains, a delivery is refused (503): GitHub records a failed delivery,
 *    which can be redelivered, instead of a 2xx for work that would not be done.
 * 3. Otherwise it is counted in flight (`InFlightDeliveries`) until its handlers have ended and
 *    its answer is written.
 */
import type { Logger } from 'pino';
import type { Probot } from 'probot';
import type { InFlightDeliveries } from './in-flight.js';
import { reported } from './log.js';

/** Header values are the sender's: a line carries at most this many characters of each. */
const MAX_HEADER = 200;

/**
 * Wraps `webhooks.verifyAndReceive` (Probot's `app.webhooks`) with the rules above; refusals are
 * thrown as `@octokit/webhooks` does (an AggregateError whose first error has a `status`), marked
 * `reported` so the middleware does not log them a second time.
 */
export function guardDeliveries(webhooks: Probot['webhooks'], deliveries: InFlightDeliveries, log: Logger): void {
  const verifyAndReceive = webhooks.verifyAndReceive;
  webhooks.verifyAndReceive = async (delivery) => {
    const id = String(delivery.id).slice(0, MAX_HEADER);
    const event = String(delivery.name).slice(0, MAX_HEADER);
    const deliveryLog = log.child({ name: 'event', id, event });
    if (!(await webhooks.verify(delivery.payload, delivery.signature).catch(() => false))) {
      deliveryLog.error("delivery refused (400): its signature does not match its payload and the webhook secret; check that WEBHOOK_SECRET is the App's webhook secret");
      throw refusal(400, 'signature does not match event payload and secret');
    }
    const finish = deliveries.admit({ id, event });
    if (finish === undefined) {
      deliveryLog.warn('delivery refused (503): the server is shutting down; GitHub records a failed delivery, which can be redelivered');
      throw refusal(503, 'the server is shutting down: redeliver this delivery');
    }
    try {
      await verifyAndReceive(delivery);
    } finally {
      // Ended once the middleware has written its answer (in the microtasks after this returns):
      // a drain that ends with this delivery then closes the server on an answered request.
      setImmediate(finish);
    }
  };
}

function refusal(status: number, message: string): AggregateError {
  return reported(new AggregateError([Object.assign(new Error(message), { status })], message));
}
