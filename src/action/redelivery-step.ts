/**
 * The scheduled run's redelivery step (issue 22 § 3): with the App's credentials, the App's failed
 * webhook deliveries of the last 24 hours are redelivered (`runRedeliveryJob`), each in a line of
 * the log and of the step summary; with a token alone they cannot be read (GitHub lists an App's
 * deliveries to the App's JWT only), and the summary says so — not read, never "nothing failed".
 * It never fails the step: what went wrong is a warning and a line of the summary.
 */
import * as core from '@actions/core';
import { createAppJwtClient } from '../github/app-jwt-client.js';
import type { CliClientOptions, CliEnvironment } from '../github/cli-client.js';
import { runRedeliveryJob } from '../jobs/redelivery-job.js';
import type { RedeliveryJobResult } from '../jobs/redelivery-job.js';
import { listingLine, MAX_SKIPPED_LINES, outcomeLine, redeliveryLines, skippedLine } from '../jobs/redelivery-report.js';
import { inlineText, listItem } from '../markdown/escape.js';

/** The summary's section stays under this many bytes (the activity summary keeps 1,000,000 of GitHub's 1 MiB). */
const SECTION_MAX_BYTES = 40_000;

/** What the step did: the job's result (absent when nothing was read), and its section of the step summary. */
export interface RedeliveryStepResult {
  result?: RedeliveryJobResult;
  summary: string;
}

/**
 * Runs the step: reads the deliveries as the App when `credentials` has `APP_ID` + `PRIVATE_KEY`,
 * logs each line (under stop-commands: no line can run a workflow command), warns when the listing
 * was not read or not read whole, or a redelivery was refused. Never throws.
 *
 * @param now the run's one clock reading (not the `now` input: deliveries are judged in real time)
 */
export async function runRedeliveryStep(credentials: CliEnvironment, now: Date, dryRun: boolean, client: Pick<CliClientOptions, 'retryAfterBaseMs' | 'spacingBaseMs' | 'rateLimitRetries'> = {}): Promise<RedeliveryStepResult> {
  if (!credentials.APP_ID || !credentials.PRIVATE_KEY) {
    const why = "this run has a token, not the App's credentials (app-id and private-key): GitHub lists an App's webhook deliveries to the App itself only (its JWT)";
    core.info(`webhook deliveries not read: ${why}`);
    return { summary: section(['**Not read**: ' + inlineText(`${why}. Failed deliveries were not looked for, and none was redelivered.`)]) };
  }
  try {
    const gh = createAppJwtClient(credentials, { ...client, log: (m) => core.info(`note: ${m}`) });
    const result = await runRedeliveryJob({ gh, now, dryRun });
    const token = `group-steward-${Math.random().toString(36).slice(2)}${now.getTime().toString(36)}`;
    core.info(`::stop-commands::${token}`);
    for (const line of redeliveryLines(result)) core.info(line);
    core.info(`::${token}::`);
    const refused = result.outcomes.filter((o) => o.status === 'refused' || o.status === 'not-sent').length;
    if (result.listing.status !== 'read') core.warning(listingLine(result));
    if (refused > 0) core.warning(`${refused} webhook ${refused === 1 ? 'redelivery was' : 'redeliveries were'} refused or not sent: the step's log names them`);
    return { result, summary: summaryOf(result) };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    core.warning(`webhook deliveries not read: ${message}`);
    return { summary: section(['**Not read**: ' + inlineText(message)]) };
  }
}

/** The step summary's section for a run that read the listing (or tried to). */
function summaryOf(result: RedeliveryJobResult): string {
  const lines = [
    (result.listing.status === 'read' ? '' : '**Not read whole**: ') + inlineText(listingLine(result)),
    '',
    ...result.outcomes.map((o) => listItem(`${o.status === 'sent' ? '✅ ' : o.status === 'planned' ? '' : '❌ '}${inlineText(outcomeLine(o))}`)),
    ...result.skipped.slice(0, MAX_SKIPPED_LINES).map((s) => listItem(inlineText(skippedLine(s)))),
    ...(result.skipped.length > MAX_SKIPPED_LINES ? [listItem(`… and ${result.skipped.length - MAX_SKIPPED_LINES} more passed over (the step's log has them)`)] : []),
  ];
  const total = redeliveryLines(result).at(-1);
  if (result.listing.status !== 'unread' && total !== undefined) lines.push('', inlineText(total));
  return section(lines);
}

/** `### Webhook redelivery` and its lines, cut under `SECTION_MAX_BYTES`. */
function section(lines: readonly string[]): string {
  const kept: string[] = ['### Webhook redelivery', ''];
  let bytes = 0;
  for (const line of lines) {
    bytes += Buffer.byteLength(line, 'utf8') + 1;
    if (bytes > SECTION_MAX_BYTES) {
      kept.push('', '_Cut here: the step\'s log has every line._');
      break;
    }
    kept.push(line);
  }
  return `${kept.join('\n')}\n`;
}
