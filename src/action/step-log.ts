/**
 * The App's logger inside a workflow step: what Probot, Octokit and the handlers log (pino's
 * calls: `log.info('message')`, `log.info({ fields }, 'message')`, `log.error(error)`,
 * `log.child({ bindings })`) written as the step's log lines — `debug` and `trace` to
 * `core.debug` (shown with step debug logging), `info` to `core.info`, `warn` to
 * `core.warning` and `error` / `fatal` to `core.error` (annotations). One line per call:
 * the event (`[issue_comment.created]`), the message, then its fields as `key=value`; an error
 * is its message with what GitHub answered (never a stack, never a header, so never a token:
 * the runner also masks every secret the step registered with `core.setSecret`).
 *
 * An error logged alone, with no message (Probot's report of a handler that threw, which the step
 * then fails with — `core.setFailed` — in the same words), is an `info` line, not recorded: the
 * step's failure is its annotation and its summary, once.
 *
 * Text from GitHub can reach a line (a repository name, an error message): no line of `info`
 * may run as a workflow command, so a line beginning with `::` is written as `: :`. The other
 * levels go through `core`'s own commands, which escape their message.
 */

/** Where the lines go: `@actions/core` in the Action. */
export interface LogSink {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** One call at `info` or above, as the step summary lists them. */
export interface LogRecord {
  level: 'info' | 'warn' | 'error' | 'fatal';
  /** The line as written, without the event prefix. */
  line: string;
  /** The child logger's bindings: `name` (`event`, `octokit`, `probot`), `event`, `id`, … */
  bindings: Readonly<Record<string, unknown>>;
}

type LogMethod = (first?: unknown, ...rest: unknown[]) => void;

/** The part of pino's `Logger` Probot, `@octokit/webhooks`, Octokit and the handlers call. */
export interface StepLogger {
  level: string;
  trace: LogMethod;
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  fatal: LogMethod;
  silent: LogMethod;
  child(bindings: Record<string, unknown>): StepLogger;
  isLevelEnabled(level: string): boolean;
}

/** A line is cut here (a field can be long: a response body Octokit logs at debug). */
const MAX_LINE = 2000;
/** A field's value is cut here. */
const MAX_VALUE = 300;
/** Bindings every line carries that say nothing to a person reading one run's log. */
const HIDDEN_BINDINGS = new Set(['name', 'id', 'installation', 'event']);
/** Keys never written, whatever object holds them. */
const SECRET_KEYS = new Set(['headers', 'authorization', 'token', 'request', 'response', 'privateKey', 'private_key', 'auth']);

/**
 * A pino-compatible logger writing to `sink`. Every method is an own property (Octokit copies its
 * `log` option with `Object.assign`, which leaves prototype methods behind).
 *
 * @param record told each call at `info` or above (the step summary's "what the handlers did")
 */
export function stepLogger(sink: LogSink, record: (entry: LogRecord) => void = () => {}, bindings: Readonly<Record<string, unknown>> = {}): StepLogger {
  const write = (level: LogLevel) => (first?: unknown, ...rest: unknown[]) => {
    const line = formatCall(first, rest, bindings);
    const event = typeof bindings.event === 'string' ? `[${bindings.event}] ` : '';
    const source = bindings.name === 'octokit' || bindings.name === 'github' ? 'octokit: ' : '';
    const text = cut(`${event}${source}${line}`, MAX_LINE);
    if ((level === 'error' || level === 'fatal') && first instanceof Error && rest.length === 0) {
      sink.info(neutralise(`${event}${source}error: ${line}`));
      return;
    }
    switch (level) {
      case 'trace':
      case 'debug':
        sink.debug(text);
        return;
      case 'info':
        sink.info(neutralise(text));
        break;
      case 'warn':
        sink.warning(text);
        break;
      default:
        sink.error(text);
    }
    record({ level, line: `${source}${line}`, bindings });
  };
  return {
    level: 'debug',
    trace: write('trace'),
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    fatal: write('fatal'),
    silent: () => {},
    child: (more) => stepLogger(sink, record, { ...bindings, ...more }),
    isLevelEnabled: (level) => level !== 'silent',
  };
}

/**
 * One pino call as a line: `message key=value …`. pino's forms: a message alone (with `%s`-style
 * arguments, appended here), fields then a message, or an error (alone or as the `err` field).
 */
export function formatCall(first: unknown, rest: readonly unknown[], bindings: Readonly<Record<string, unknown>> = {}): string {
  let fields: Record<string, unknown> = {};
  let message: string;
  if (first instanceof Error) {
    message = describeError(first);
    if (typeof rest[0] === 'string') message = `${String(rest[0])}: ${message}`;
  } else if (first !== null && typeof first === 'object') {
    fields = { ...(first as Record<string, unknown>) };
    message = rest.map((r) => (typeof r === 'string' ? r : formatValue(r))).join(' ');
    const err = fields.err ?? fields.error;
    if (err instanceof Error) {
      delete fields.err;
      delete fields.error;
      message = message ? `${message}: ${describeError(err)}` : describeError(err);
    }
  } else {
    message = [first, ...rest].filter((p) => p !== undefined).map((p) => (typeof p === 'string' ? p : formatValue(p))).join(' ');
  }
  const shown = [
    ...Object.entries(bindings).filter(([key]) => !HIDDEN_BINDINGS.has(key)),
    ...Object.entries(fields),
  ]
    .filter(([key, value]) => value !== undefined && !SECRET_KEYS.has(key))
    .map(([key, value]) => `${key}=${formatValue(value)}`);
  return [message, ...shown].filter((p) => p !== '').join(' ');
}

/**
 * An error in one line: its message, and for an Octokit error the status and request (method and
 * URL only). An `AggregateError` (several handlers failed) is its errors, joined with `; `.
 */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(describeError).join('; ');
  const e = error as { status?: unknown; request?: { method?: unknown; url?: unknown }; message?: unknown } | null;
  const message = e && typeof e.message === 'string' && e.message !== '' ? firstLine(e.message) : String(error);
  if (e && typeof e.status === 'number' && typeof e.request?.method === 'string' && typeof e.request.url === 'string') {
    return `${message} (GitHub answered ${e.status} to ${e.request.method} ${e.request.url})`;
  }
  return message;
}

function formatValue(value: unknown): string {
  if (value instanceof Error) return JSON.stringify(describeError(value));
  if (typeof value === 'string') return cut(/^[^\s"=]+$/.test(value) ? value : JSON.stringify(value), MAX_VALUE);
  if (value === null || typeof value !== 'object') return String(value);
  // A list of words as `a,b`; one whose items have spaces or commas as JSON, so it reads back.
  if (Array.isArray(value) && value.every((v) => v === null || (typeof v !== 'object' && /^[^\s",=]+$/.test(String(v))))) return cut(value.map(String).join(',') || '[]', MAX_VALUE);
  try {
    return cut(JSON.stringify(value, (key, v: unknown) => (SECRET_KEYS.has(key) ? undefined : v)) ?? '', MAX_VALUE);
  } catch {
    return '[unprintable]';
  }
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/)[0] ?? '';
  return line.length < text.length ? `${line} …` : line;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Each line that would start a workflow command (`::name::`, after any spaces) loses that power. */
export function neutralise(text: string): string {
  return text.replace(/^(\s*):(?=:)/gm, '$1: ');
}
