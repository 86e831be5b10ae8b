/** The deliveries in flight and the drain (src/server/in-flight.ts): an injected clock and timers, no waiting. */
import { describe, expect, it } from '@jest/globals';
import { InFlightDeliveries } from '../../src/server/in-flight.js';
import { manualTimers } from './manual-timers.js';

/** Whether `promise` has settled, after the microtasks queued so far. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('the deliveries in flight', () => {
  it('counts a delivery from admission to its end, once, and two deliveries with one id apart', () => {
    const deliveries = new InFlightDeliveries(() => 0);
    const first = deliveries.admit({ id: 'd-1', event: 'issues' });
    const again = deliveries.admit({ id: 'd-1', event: 'issues' });
    expect(deliveries.running.map((d) => d.id)).toEqual(['d-1', 'd-1']);
    first?.();
    first?.();
    expect(deliveries.running).toHaveLength(1);
    again?.();
    expect(deliveries.running).toEqual([]);
    expect(deliveries.accepting).toBe(true);
  });

  it('a drain with nothing in flight ends at once, and admits nothing after', async () => {
    const deliveries = new InFlightDeliveries();
    const clock = manualTimers();
    await expect(deliveries.drain(25_000, clock.timers)).resolves.toEqual([]);
    expect(clock.pending).toBe(0);
    expect(deliveries.accepting).toBe(false);
    expect(deliveries.admit({ id: 'late', event: 'push' })).toBeUndefined();
    expect(deliveries.running).toEqual([]);
  });

  it('a drain ends, with nothing cut, when the last delivery in flight finishes; its timer is cleared', async () => {
    const deliveries = new InFlightDeliveries();
    const clock = manualTimers();
    const a = deliveries.admit({ id: 'a', event: 'issues' });
    const b = deliveries.admit({ id: 'b', event: 'push' });
    const drained = deliveries.drain(25_000, clock.timers);
    expect(clock.pending).toBe(1);
    a?.();
    expect(await settled(drained)).toBe(false);
    b?.();
    await expect(drained).resolves.toEqual([]);
    expect(clock.pending).toBe(0);
    expect(deliveries.drain(1, clock.timers)).toBe(drained); // once
  });

  it('when the grace period runs out, the drain resolves with the deliveries still in flight, and how long each ran', async () => {
    let now = 1_000;
    const deliveries = new InFlightDeliveries(() => now);
    const clock = manualTimers();
    const done = deliveries.admit({ id: 'quick', event: 'issues' });
    deliveries.admit({ id: 'slow', event: 'issue_comment' });
    const drained = deliveries.drain(25_000, clock.timers);
    done?.();
    now = 26_000;
    clock.fireAll();
    const cut = await drained;
    expect(cut.map((d) => [d.id, d.event])).toEqual([['slow', 'issue_comment']]);
    expect(deliveries.runningFor(cut[0] as (typeof cut)[number])).toBe(25_000);
  });

  it('a drain cut short (a second signal) resolves with everything in flight', async () => {
    const deliveries = new InFlightDeliveries();
    const clock = manualTimers();
    deliveries.admit({ id: 'x', event: 'push' });
    deliveries.cutShort(); // before a drain: nothing happens
    expect(deliveries.accepting).toBe(true);
    const drained = deliveries.drain(25_000, clock.timers);
    deliveries.cutShort();
    await expect(drained).resolves.toMatchObject([{ id: 'x', event: 'push' }]);
    expect(clock.pending).toBe(0);
  });
});
