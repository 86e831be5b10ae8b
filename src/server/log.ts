/**
 * The server's logger: the pino logger Probot would build from the environment (`LOG_LEVEL`,
 * `LOG_FORMAT`, `LOG_LEVEL_IN_STRING`, `LOG_MESSAGE_KEY`, `SENTRY_DSN`; root name `probot`), with
 * three changes that keep the logs' promises (issue 22 § 6):
 *
 * - **`name` once.** pino appends a child's bindings to its parent's, so Probot's children
 *   (`probot` under the root `probot`, `event` under that, `http`) wrote `name` two or three times
 *   in one JSON line. Each child's bindings are rewritten with each key once, the child's value
 *   winning (what a JSON parser kept anyway).
 * - **No payload in an error.** `@octokit/webhooks` attaches the delivery (`event`: id, name,
 *   payload) to the errors it reports, and pino's error serializer writes every property: a
 *   handler's failure logged the whole payload at error level. The `err` serializer drops every
 *   `payload` key; the delivery's id and name stay.
 * - **Said once.** An error the server has already logged in its own words (`reported`: a
 *   delivery refused for its signature, or while draining) is not logged again by the webhook
 *   middleware, which logs every error it answers.
 * - **Requests without their headers.** Probot's request log (pino-http, `name` `http`) bound
 *   every request's headers (the sender's: signature, user agent…) to its line, and a 5xx answer
 *   carried a made-up error with a stack ("failed with status code 503"): the `http` lines keep
 *   the request's id (the delivery's), method and URL, and a 503 — a delivery refused while
 *   draining, which GitHub can redeliver and the gate already logged at warn — is an info line
 *   without an error.
 */
import type { Writable } from 'node:stream';
import type { Logger, LoggerOptions } from 'pino';
import { pino } from 'pino';
import { getTransformStream } from '@probot/pino';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

const REPORTED = Symbol('group-steward.reported');

/** `error`, marked as logged already: the server's logger will not write it again. */
export function reported<E extends Error>(error: E): E {
  Object.defineProperty(error, REPORTED, { value: true });
  return error;
}

function isReported(value: unknown): boolean {
  return value instanceof Error && (value as Error & { [REPORTED]?: boolean })[REPORTED] === true;
}

/**
 * The server's root logger, for Probot's `run` (its `log` option). `env` is read as Probot reads
 * it: `LOG_FORMAT` `pretty` or anything else (JSON), unset meaning JSON only with
 * `NODE_ENV=production`. `destination` replaces stdout (a test's); pretty lines, levels as words
 * and Sentry go through Probot's own transform (`@probot/pino`). Throws on an unknown `LOG_LEVEL`
 * (`serverEnvironmentProblem` reports it first).
 */
export async function serverLog(env: Readonly<Record<string, string | undefined>>, destination?: Writable): Promise<Logger> {
  const set = (name: string) => (env[name] ?? '') !== '';
  const logFormat = set('LOG_FORMAT') ? (env.LOG_FORMAT === 'pretty' ? 'pretty' : 'json') : env.NODE_ENV === 'production' ? 'json' : 'pretty';
  const logLevelInString = env.LOG_LEVEL_IN_STRING === 'true';
  const sentryDsn = set('SENTRY_DSN') ? env.SENTRY_DSN : undefined;
  const options: LoggerOptions = {
    name: 'probot',
    level: set('LOG_LEVEL') ? env.LOG_LEVEL : 'info',
    messageKey: set('LOG_MESSAGE_KEY') ? env.LOG_MESSAGE_KEY : 'msg',
    serializers: { err: (error: Error) => withoutPayload(pino.stdSerializers.err(error), 0) },
    onChild: eachKeyOnce,
    hooks: {
      logMethod(args, method) {
        if (isReported(args[0])) return;
        Reflect.apply(method, this, withoutRefusalError(args));
      },
    },
  };
  // JSON lines need no transform: straight to stdout, which pino flushes when the process exits.
  if (logFormat === 'json' && !logLevelInString && sentryDsn === undefined) return pino(options, destination ?? pino.destination(1));
  const transform = await getTransformStream({ logFormat, logLevelInString, sentryDsn });
  // As Probot does: its transform piped into pino's stdout stream (a SonicBoom, writable though not typed as a Writable).
  transform.pipe(destination ?? (pino.destination(1) as unknown as Writable));
  return pino(options, transform);
}

/** A child's bindings, each key once (the last value): pino keeps them as a JSON fragment, `,"k":v,…`. */
function eachKeyOnce(child: Logger): void {
  const holder = child as unknown as Record<symbol, unknown>;
  const chindings = holder[pino.symbols.chindingsSym];
  if (typeof chindings !== 'string' || !chindings.startsWith(',')) return;
  const bindings = JSON.parse(`{${chindings.slice(1)}}`) as Record<string, unknown>;
  if (bindings.name === 'http') bindings.req = requestWithoutHeaders(bindings.req);
  const body = JSON.stringify(bindings).slice(1, -1);
  holder[pino.symbols.chindingsSym] = body === '' ? '' : `,${body}`;
}

/** A request as pino-http serialized it, kept to its id (the delivery's), method and URL. */
function requestWithoutHeaders(req: unknown): unknown {
  if (req === null || typeof req !== 'object') return req;
  const { id, method, url } = req as Record<string, unknown>;
  return { id, method, url };
}

/** The status pino-http's made-up error names for an answer ≥ 500 it saw no error for. */
const MADE_UP_ERROR = /^failed with status code (\d{3})$/;

/**
 * pino-http's arguments for a 503 answer (a delivery refused while draining, logged by the gate
 * already) without its made-up error, so the line carries no stack; any other arguments as they are.
 */
function withoutRefusalError(args: Parameters<Logger['info']>): Parameters<Logger['info']> {
  const [fields, ...rest] = args as unknown[];
  if (fields === null || typeof fields !== 'object' || !('res' in fields) || !('err' in fields)) return args;
  const { err, res, ...kept } = fields as { err: unknown; res: { statusCode?: unknown } | undefined };
  const made = err instanceof Error ? MADE_UP_ERROR.exec(err.message) : null;
  if (made === null || res?.statusCode !== 503) return args;
  return [{ ...kept, res }, ...rest] as Parameters<Logger['info']>;
}

/** A serialized error without any `payload` key, at any depth (bounded: deeper values are kept as they are). */
function withoutPayload(value: unknown, depth: number): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => withoutPayload(item, depth + 1));
  const kept: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (key !== 'payload') kept[key] = withoutPayload(item, depth + 1);
  return kept;
}
