/**
 * Structured logs (README § In a container, "Logs"): every line a handler logs names the delivery
 * (Probot's context logger carries its `id`), the event with its action, and the installation, so
 * one action taken is one line a collector can join on. Never a token or a key: handlers log plain
 * fields only.
 */
import type { Context } from 'probot';

/**
 * `handler` with its context's logger extended by `event` (`issues.opened`, `push`, …) and
 * `installation` (the installation id, when the payload has one).
 */
export function withDeliveryLog<C extends Context>(handler: (context: C) => Promise<void>): (context: C) => Promise<void> {
  return async (context) => {
    const payload = context.payload as { action?: unknown; installation?: { id?: unknown } | null };
    const event = typeof payload.action === 'string' ? `${context.name}.${payload.action}` : context.name;
    context.log = context.log.child({ event, installation: payload.installation?.id ?? null });
    await handler(context);
  };
}
