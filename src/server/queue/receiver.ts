/**
 * The receiver of a replica with a queue (issue 22 § 4): a webhook delivery is checked as in
 * process (`guardDeliveries`: its signature, by `@octokit/webhooks`' verification — 400; the
 * drain — 503), then enqueued instead of handled: Probot's middleware answers as soon as Redis
 * has the job, and the workers of any replica run the App's handlers on it.
 */
import type { Logger } from 'pino';
import type { Probot } from 'probot';
import { guardDeliveries } from '../delivery-gate.js';
import type { InFlightDeliveries } from '../in-flight.js';
import { reported } from '../log.js';
import type { DeliveryQueue } from './delivery-queue.js';

/** The longest delivery id taken as a job id (GitHub's are 36-character GUIDs). */
const MAX_ID = 100;

/**
 * Makes `webhooks.verifyAndReceive` (Probot's `app.webhooks`) enqueue each delivery that passes
 * `guardDeliveries` into `queue`, its job id the delivery id. Refusals are thrown as
 * `@octokit/webhooks` does (an error with a `status`), each logged once: 400 for an id BullMQ
 * cannot take as a job id (anything but letters, digits, `.`, `_`, `-`, or digits only) or a
 * payload that is not JSON; 503 when Redis does not take the job (GitHub records a failed
 * delivery, which can be redelivered).
 */
export function enqueueDeliveries(webhooks: Probot['webhooks'], deliveries: InFlightDeliveries, queue: DeliveryQueue, log: Logger): void {
  webhooks.verifyAndReceive = async (delivery) => {
    const id = String(delivery.id);
    const event = String(delivery.name).slice(0, 200);
    const deliveryLog = log.child({ name: 'event', id: id.slice(0, 200), event });
    if (!/^[A-Za-z0-9._-]+$/.test(id) || id.length > MAX_ID || /^\d+$/.test(id)) {
      deliveryLog.error('delivery refused (400): its X-GitHub-Delivery id is not a delivery id (letters, digits, ".", "_", "-", at most 100)');
      throw refusal(400, 'X-GitHub-Delivery is not a delivery id');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(String(delivery.payload));
    } catch {
      deliveryLog.error('delivery refused (400): its payload is not JSON');
      throw refusal(400, 'the payload is not JSON');
    }
    try {
      await queue.enqueue({ id, name: event, payload });
    } catch (error) {
      deliveryLog.error({ err: error }, 'delivery refused (503): the queue (Redis) did not take it; GitHub records a failed delivery, which can be redelivered');
      throw refusal(503, 'the queue is unavailable: redeliver this delivery');
    }
    deliveryLog.debug('delivery queued');
  };
  guardDeliveries(webhooks, deliveries, log);
}

function refusal(status: number, message: string): AggregateError {
  return reported(new AggregateError([Object.assign(new Error(message), { status })], message));
}
