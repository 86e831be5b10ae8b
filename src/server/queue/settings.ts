/**
 * The settings of the durable delivery queue (issue 22 § 4), from the environment. `REDIS_URL`
 * turns it on; without it the server handles deliveries in process, as before. Every replica
 * sharing a Redis must use the same `QUEUE_PARTITIONS`.
 */

type Environment = Readonly<Record<string, string | undefined>>;

export interface QueueSettings {
  /** `redis://` or `rediss://` URL of the Redis the replicas share. */
  readonly redisUrl: string;
  /** Partition queues: at most this many deliveries run at once across all replicas, one per thread (`QUEUE_PARTITIONS`, default 16). */
  readonly partitions: number;
  /** How long a worker's lock on a job lasts without renewal, in ms; a killed worker's job is retried once it lapses (`QUEUE_LOCK_SECONDS`, default 30). */
  readonly lockMs: number;
  /** Runs of a delivery before it is given up (`QUEUE_ATTEMPTS`, default 5). */
  readonly attempts: number;
  /** The first retry's delay, in ms; each further one doubles it (`QUEUE_BACKOFF_SECONDS`, default 2). */
  readonly backoffMs: number;
}

interface NumberSetting {
  readonly name: string;
  readonly fallback: number;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

const PARTITIONS: NumberSetting = { name: 'QUEUE_PARTITIONS', fallback: 16, min: 1, max: 256, integer: true };
const LOCK_SECONDS: NumberSetting = { name: 'QUEUE_LOCK_SECONDS', fallback: 30, min: 0.5, max: 600, integer: false };
const ATTEMPTS: NumberSetting = { name: 'QUEUE_ATTEMPTS', fallback: 5, min: 1, max: 50, integer: true };
const BACKOFF_SECONDS: NumberSetting = { name: 'QUEUE_BACKOFF_SECONDS', fallback: 2, min: 0, max: 3600, integer: false };

/** The queue's settings, or undefined when `REDIS_URL` is unset or empty (the in-process server). Throws `queueSettingsProblem`'s line when a setting is invalid. */
export function queueSettings(env: Environment): QueueSettings | undefined {
  const problem = queueSettingsProblem(env);
  if (problem !== undefined) throw new Error(problem);
  const redisUrl = (env.REDIS_URL ?? '').trim();
  if (redisUrl === '') return undefined;
  return {
    redisUrl,
    partitions: read(env, PARTITIONS),
    lockMs: Math.round(read(env, LOCK_SECONDS) * 1000),
    attempts: read(env, ATTEMPTS),
    backoffMs: Math.round(read(env, BACKOFF_SECONDS) * 1000),
  };
}

/** What is wrong with the queue's settings, in one line (`;`-separated), or undefined. The `QUEUE_*` settings are checked only with `REDIS_URL` set. */
export function queueSettingsProblem(env: Environment): string | undefined {
  const url = (env.REDIS_URL ?? '').trim();
  if (url === '') return undefined;
  const problems: string[] = [];
  if (!/^rediss?:\/\/[^\s]+$/.test(url)) problems.push(`REDIS_URL must be a redis:// or rediss:// URL, not "${redactedUrl(url).slice(0, 60)}"`);
  for (const setting of [PARTITIONS, LOCK_SECONDS, ATTEMPTS, BACKOFF_SECONDS]) {
    const text = (env[setting.name] ?? '').trim();
    if (text !== '' && !Number.isFinite(parsed(text, setting))) {
      problems.push(`${setting.name} must be ${setting.integer ? 'a whole number' : 'a number'} from ${setting.min} to ${setting.max} (default ${setting.fallback}), not "${text.slice(0, 40)}"`);
    }
  }
  return problems.length === 0 ? undefined : problems.join('; ');
}

/** `url` without its password (`redis://user:***@host`), for log lines and messages. */
export function redactedUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}

function read(env: Environment, setting: NumberSetting): number {
  const text = (env[setting.name] ?? '').trim();
  return text === '' ? setting.fallback : parsed(text, setting);
}

function parsed(text: string, setting: NumberSetting): number {
  if (!(setting.integer ? /^\d+$/ : /^\d+(\.\d+)?$/).test(text)) return Number.NaN;
  const value = Number(text);
  return value >= setting.min && value <= setting.max ? value : Number.NaN;
}
