/**
 * `group-steward redeliver [--since 24h] [--max 50] [--dry-run] [--format text|json]`: asks GitHub
 * to deliver again the App's webhook deliveries whose every attempt failed in the window — the
 * redelivery step of the scheduled job, from the command line. Needs the App's credentials
 * (`APP_ID` + `PRIVATE_KEY`: the deliveries are read with its JWT; a `GITHUB_TOKEN` cannot).
 *
 * Exit codes: 0 every delivery of the window read and every planned redelivery sent (or, dry run,
 * printed); 1 done, but the listing stopped early (the page cap, a later page refused) or a
 * redelivery was refused; 2 usage error, missing credentials, or the listing not read at all.
 */
import { createAppJwtClient } from '../github/app-jwt-client.js';
import { CredentialsError } from '../github/cli-client.js';
import { runRedeliveryJob } from '../jobs/redelivery-job.js';
import type { RedeliveryJobResult } from '../jobs/redelivery-job.js';
import { listingLine, redeliveryLines } from '../jobs/redelivery-report.js';
import { DELIVERY_RETENTION_MS, REDELIVERY_DEFAULTS } from '../plan/redelivery.js';
import { CommandUsageError, parseCommandArgs } from './format.js';
import type { CliIo } from './io.js';

/** The usage lines of `redeliver`, for the CLI's help. */
export const REDELIVER_USAGE = `  redeliver             Redeliver the App's webhook deliveries whose every attempt failed (once each)
      --since DURATION    How far back: 90m, 24h (default), 3d at most (GitHub keeps 3 days)
      --max N             Redeliveries at most (default ${REDELIVERY_DEFAULTS.max}; 1–1000)
      --dry-run           Print what would be redelivered; send nothing
      --format text|json  Output format (default: text)
                          Needs APP_ID and PRIVATE_KEY (the App's JWT), not GITHUB_TOKEN`;

/** What `redeliver --format json` prints. */
export interface RedeliverReport {
  dry_run: boolean;
  now: string;
  since: string;
  listing: RedeliveryJobResult['listing'];
  deliveries: number;
  delivered: number;
  redeliveries: (RedeliveryJobResult['outcomes'][number]['action'] & { status: string; error?: string })[];
  skipped: RedeliveryJobResult['skipped'];
}

/**
 * Runs `redeliver` with its arguments (after the command word); credentials and `GITHUB_API_URL`
 * from `io.env`. The clock is read once.
 *
 * @returns the exit code (module comment)
 * @throws CommandUsageError for a bad option (`runCli` prints it with the usage, exit 2)
 */
export async function redeliverCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('redeliver', args, {
    options: {
      since: { type: 'string', default: '24h' },
      max: { type: 'string', default: String(REDELIVERY_DEFAULTS.max) },
      'dry-run': { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
    },
  });
  const usage = (message: string) => new CommandUsageError('redeliver', message);
  if (values.format !== 'text' && values.format !== 'json') throw usage(`--format must be text or json, not "${values.format}"`);
  const windowMs = parseWindow(values.since);
  if (typeof windowMs === 'string') throw usage(windowMs);
  if (!/^\d{1,4}$/.test(values.max) || Number(values.max) < 1 || Number(values.max) > 1000) throw usage(`--max must be a whole number from 1 to 1000, not "${values.max}"`);

  let gh;
  try {
    gh = createAppJwtClient(io.env ?? {}, { log: (message) => io.stderr(`note: ${message}\n`) });
  } catch (error) {
    if (!(error instanceof CredentialsError)) throw error;
    io.stderr(`group-steward redeliver: ${error.message}\n`);
    return 2;
  }
  const result = await runRedeliveryJob({ gh, now: io.now(), windowMs, max: Number(values.max), dryRun: values['dry-run'] === true });
  if (values.format === 'json') io.stdout(`${JSON.stringify(redeliverReport(result), null, 2)}\n`);
  if (result.listing.status === 'unread') {
    io.stderr(`group-steward redeliver: ${listingLine(result)}\n`);
    return 2;
  }
  if (values.format === 'text') io.stdout(`${redeliveryLines(result).join('\n')}\n`);
  const refused = result.outcomes.some((o) => o.status === 'refused' || o.status === 'not-sent');
  return result.listing.status === 'partial' || refused ? 1 : 0;
}

/** The JSON report: the result with each redelivery's action and outcome side by side. */
export function redeliverReport(result: RedeliveryJobResult): RedeliverReport {
  return {
    dry_run: result.dryRun,
    now: result.now.toISOString(),
    since: result.since,
    listing: result.listing,
    deliveries: result.deliveries,
    delivered: result.delivered,
    redeliveries: result.outcomes.map((o) => ({ ...o.action, status: o.status, ...(o.error !== undefined ? { error: o.error } : {}) })),
    skipped: result.skipped,
  };
}

/**
 * `--since`: `90m`, `24h` or `3d` → ms, at least a minute and at most GitHub's 3 days of
 * deliveries; else the problem, in words.
 */
export function parseWindow(text: string): number | string {
  const m = /^(\d{1,5})([mhd])$/.exec(text.trim());
  if (!m) return `--since must be a duration such as 90m, 24h or 3d, not "${text}"`;
  const ms = Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
  if (ms < 60_000) return '--since must be at least 1m';
  if (ms > DELIVERY_RETENTION_MS) return `--since must be at most 3d (72h): GitHub keeps an App's deliveries for 3 days, not "${text}"`;
  return ms;
}
