/**
 * The durable delivery queue (issue 22 § 4), BullMQ on Redis: webhook deliveries are enqueued by
 * any replica's receiver and run by the workers of every replica.
 *
 * - **One job per delivery.** The job id is the `X-GitHub-Delivery` id: while a delivery's job
 *   waits, waits for a retry or runs, adding it again (a second receiver, a redelivery) adds
 *   nothing. A finished job (done or given up) is removed, so a later redelivery runs again —
 *   what an operator asking for it wants, and safe: the App's plans converge.
 * - **One at a time per thread.** `QUEUE_PARTITIONS` queues; a delivery goes to the partition of
 *   its thread (`threadPartition`), and each partition's global concurrency is 1, so the
 *   deliveries of one issue or pull request run one after the other across all replicas.
 * - **Retries.** A delivery whose handlers fail runs again after `backoffMs`, doubling, up to
 *   `attempts` runs. A worker killed mid-job stops renewing its lock: once it lapses (`lockMs`)
 *   another worker's stalled check puts the job back, and it runs again.
 * - **Shutdown.** `close` stops taking jobs and lets the running ones finish within the grace
 *   period; the jobs it cuts stay in Redis (their locks lapse and another replica runs them), as
 *   do all the jobs not yet taken.
 */
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { systemTimers, type DrainTimers } from '../in-flight.js';
import { redactedUrl, type QueueSettings } from './settings.js';
import { deliveryThread, threadPartition } from './thread.js';

/** A webhook delivery as a job carries it: its id, its event name, its parsed payload. */
export interface QueuedDelivery {
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
}

/** The Redis key prefix of the queues (`group-steward:deliveries-<n>:…`). */
export const QUEUE_PREFIX = 'group-steward';
/** How long the start waits for Redis, in ms. */
const CONNECT_TIMEOUT_MS = 10_000;

/** The name of partition `n`'s queue. */
export function partitionQueueName(partition: number): string {
  return `deliveries-${partition}`;
}

export class DeliveryQueue {
  readonly settings: QueueSettings;
  readonly #log: Logger;
  /** The connection of the receivers' adds: fails fast when Redis is away (the delivery is answered 503). */
  readonly #client: Redis;
  /** The connection the workers share (each adds its own blocking one). */
  readonly #workerClient: Redis;
  readonly #queues: Queue<QueuedDelivery>[];
  readonly #workers: Worker<QueuedDelivery>[] = [];
  readonly #running = new Map<string, { id: string; event: string; since: number }>();
  /** Who waits for no job to be running (`#whenIdle`). */
  readonly #idle: (() => void)[] = [];
  #closed: Promise<0 | 1> | undefined;
  #cut: () => void = () => {};

  private constructor(settings: QueueSettings, log: Logger) {
    this.settings = settings;
    this.#log = log;
    this.#client = new Redis(settings.redisUrl, { maxRetriesPerRequest: 2, connectionName: 'group-steward-receiver' });
    this.#workerClient = new Redis(settings.redisUrl, { maxRetriesPerRequest: null, connectionName: 'group-steward-worker' });
    let lastError = '';
    for (const client of [this.#client, this.#workerClient]) {
      client.on('error', (error: Error) => {
        // ioredis reports every failed reconnection: one line per distinct error.
        if (error.message === lastError) return;
        lastError = error.message;
        this.#log.error({ err: error, redis: redactedUrl(settings.redisUrl) }, 'Redis connection error: deliveries are refused (503) until it is back');
      });
      client.on('ready', () => (lastError = ''));
    }
    this.#queues = Array.from({ length: settings.partitions }, (_, n) => new Queue<QueuedDelivery>(partitionQueueName(n), { connection: this.#client, prefix: QUEUE_PREFIX }));
    // The connection's errors are logged above; without a listener BullMQ would print each to the console.
    for (const queue of this.#queues) queue.on('error', () => {});
  }

  /**
   * Connects to Redis and sets each partition's global concurrency to 1. Throws a one-line error
   * naming the URL (without its password) when Redis cannot be reached within 10 s.
   */
  static async connect(settings: QueueSettings, log: Logger): Promise<DeliveryQueue> {
    const queue = new DeliveryQueue(settings, log);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        Promise.all([whenReady(queue.#client), whenReady(queue.#workerClient)]),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no answer within 10 s')), CONNECT_TIMEOUT_MS))),
      ]);
      await Promise.all(queue.#queues.map((q) => q.setGlobalConcurrency(1)));
    } catch (error) {
      queue.#client.disconnect();
      queue.#workerClient.disconnect();
      throw new Error(`cannot reach Redis at ${redactedUrl(settings.redisUrl)} (REDIS_URL): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
    log.info({ redis: redactedUrl(settings.redisUrl), partitions: settings.partitions, lockSeconds: settings.lockMs / 1000, attempts: settings.attempts }, 'delivery queue on Redis: deliveries are enqueued, and run by the workers of every replica');
    return queue;
  }

  /** True while the receivers' connection to Redis is up (readiness). */
  get connected(): boolean {
    return this.#client.status === 'ready';
  }

  /**
   * Adds `delivery` to its thread's partition, its job id the delivery id (an id already waiting
   * or running adds nothing). Resolves once Redis has it; rejects when Redis cannot take it.
   */
  async enqueue(delivery: QueuedDelivery): Promise<void> {
    const partition = threadPartition(deliveryThread(delivery.payload), this.settings.partitions);
    const queue = this.#queues[partition] as Queue<QueuedDelivery>;
    await queue.add(delivery.name, delivery, {
      jobId: delivery.id,
      attempts: this.settings.attempts,
      backoff: { type: 'exponential', delay: this.settings.backoffMs },
      removeOnComplete: true,
      removeOnFail: true,
    });
  }

  /**
   * Starts one worker per partition, running `receive` on each job (the App's handlers:
   * `probot.receive`); a job whose `receive` rejects is retried. Call once.
   */
  startWorkers(receive: (delivery: QueuedDelivery) => Promise<void>): void {
    const { lockMs } = this.settings;
    for (let n = 0; n < this.settings.partitions; n += 1) {
      const worker = new Worker<QueuedDelivery>(
        partitionQueueName(n),
        async (job: Job<QueuedDelivery>) => {
          const key = `${n}/${String(job.id)}`;
          this.#running.set(key, { id: job.data.id, event: job.data.name, since: Date.now() });
          try {
            await receive({ id: job.data.id, name: job.data.name, payload: job.data.payload });
          } finally {
            this.#running.delete(key);
            if (this.#running.size === 0) for (const resolve of this.#idle.splice(0)) resolve();
          }
        },
        { connection: this.#workerClient, prefix: QUEUE_PREFIX, concurrency: 1, lockDuration: lockMs, stalledInterval: lockMs, maxStalledCount: this.settings.attempts },
      );
      worker.on('failed', (job, error) => {
        if (!job) return;
        const line = { id: job.data.id, event: job.data.name, attempt: job.attemptsMade, attempts: this.settings.attempts, err: error };
        if (job.attemptsMade < this.settings.attempts) this.#log.warn(line, 'delivery failed: it runs again after a delay');
        else this.#log.error(line, 'delivery failed on its last attempt: given up (a redelivery runs it again)');
      });
      worker.on('stalled', (jobId) => this.#log.warn({ id: String(jobId).slice(0, 200) }, `delivery taken up again: its worker stopped (lock lapsed after ${lockMs / 1000} s)`));
      worker.on('error', (error) => {
        // A lost connection is logged once by the connection's listener; other errors here.
        if (!/ECONNREFUSED|ECONNRESET|Connection is closed/.test(error.message)) this.#log.error({ err: error }, 'queue worker error');
      });
      this.#workers.push(worker);
    }
  }

  /**
   * Stops the workers: they take no more jobs, and those running get `graceMs` (ms) to finish.
   * Resolves 0 when all finished, 1 when the grace period cut some — each logged at error level;
   * they stay in Redis and run again once their lock lapses. Then closes the connections. Once:
   * later calls return the same promise.
   */
  close(graceMs: number, timers: DrainTimers = systemTimers): Promise<0 | 1> {
    return (this.#closed ??= this.#close(graceMs, timers));
  }

  /** Resolves once no job of this process is running. */
  #whenIdle(): Promise<void> {
    return this.#running.size === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Ends a `close` under way at once (a second signal): the running jobs are cut, as when the grace period runs out. Nothing before a `close`. */
  cutShort(): void {
    this.#cut();
  }

  async #close(graceMs: number, timers: DrainTimers): Promise<0 | 1> {
    // The workers take no more jobs; the running ones go on. Not BullMQ's `close()` first: it waits
    // for them, and a later `close(true)` returns that same wait, so a cut could never stop their
    // lock renewals or close their connections.
    await bounded(Promise.all(this.#workers.map((w) => w.pause(true).catch(() => {}))));
    const finished = this.#whenIdle().then(() => true as const);
    let timer: unknown;
    const cut = new Promise<false>((resolve) => {
      timer = timers.setTimeout(() => resolve(false), Math.max(0, graceMs));
      this.#cut = () => resolve(false);
    });
    const allFinished = await Promise.race([finished, cut]);
    timers.clearTimeout(timer);
    let code: 0 | 1 = 0;
    if (!allFinished) {
      code = 1;
      for (const job of this.#running.values()) {
        this.#log.error(
          { id: job.id, event: job.event, runningMs: Date.now() - job.since },
          `shutdown cut this delivery: it stays in the queue and runs again once its lock lapses (${this.settings.lockMs / 1000} s)`,
        );
      }
    }
    // Forced: the jobs that finished were awaited above, and a cut one's lock is no longer renewed,
    // so another replica takes it up. (An unforced close waits on the worker's blocking read,
    // which never ends while Redis is away.)
    await bounded(Promise.all(this.#workers.map((w) => w.close(true).catch(() => {}))));
    if (code === 0) this.#log.info('queue workers stopped: the jobs they ran finished; the jobs not taken stay in the queue');
    await bounded(Promise.all(this.#queues.map((q) => q.close().catch(() => {}))));
    // QUIT when Redis is there (its answer ends the connection cleanly); otherwise no wait for it.
    for (const client of [this.#client, this.#workerClient]) {
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    }
    return code;
  }
}

/** How long a step of the close may wait on Redis once the work is done or cut, in ms (Redis may be gone). */
const CLOSE_STEP_MS = 1000;

/** `promise`, or nothing after `CLOSE_STEP_MS`: a close never hangs on a Redis that went away. */
async function bounded(promise: Promise<unknown>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_STEP_MS)))]);
  clearTimeout(timer);
}

/** Resolves once `client` is connected and ready (ioredis connects on its own, and reconnects). */
function whenReady(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => client.once('ready', () => resolve()));
}
