/**
 * The thread of a webhook delivery — the issue, pull request or discussion it is about — and the
 * queue partition that runs it (issue 22 § 4): every delivery of one thread goes to one partition,
 * whose jobs run one at a time across all replicas, so two deliveries of one issue never run at
 * once. Pure: plain payloads in, strings and numbers out.
 */

/** The most characters of a repository name a thread key keeps (payload text is the sender's). */
const MAX_REPOSITORY = 200;

/**
 * The thread of a delivery: `owner/repo#number` for an event about an issue, pull request or
 * discussion (`issue`, `pull_request`, `discussion`, a `number` at the top of the payload, or a
 * check suite or check run of exactly one pull request);
 * `owner/repo` for one about a repository without a thread (push, label, check suite…);
 * `installation:<id>` for one about an installation only; `app` for any other. Never throws:
 * a payload of another shape falls back to the next key.
 */
export function deliveryThread(payload: unknown): string {
  const body = isRecord(payload) ? payload : {};
  const repository = isRecord(body.repository) && typeof body.repository.full_name === 'string' ? body.repository.full_name.slice(0, MAX_REPOSITORY).toLowerCase() : undefined;
  const number = threadNumber(body);
  if (repository !== undefined && number !== undefined) return `${repository}#${number}`;
  if (repository !== undefined) return repository;
  if (isRecord(body.installation) && Number.isSafeInteger(body.installation.id)) return `installation:${String(body.installation.id)}`;
  return 'app';
}

function threadNumber(body: Record<string, unknown>): number | undefined {
  for (const key of ['issue', 'pull_request', 'discussion'] as const) {
    const thread = body[key];
    if (isRecord(thread) && Number.isSafeInteger(thread.number)) return thread.number as number;
  }
  if (Number.isSafeInteger(body.number)) return body.number as number;
  // A check suite or check run of one pull request (a re-run of the charter check) is that pull request's.
  for (const key of ['check_suite', 'check_run'] as const) {
    const check = body[key];
    const pulls = isRecord(check) && Array.isArray(check.pull_requests) ? check.pull_requests : [];
    if (pulls.length === 1 && isRecord(pulls[0]) && Number.isSafeInteger(pulls[0].number)) return pulls[0].number as number;
  }
  return undefined;
}

/**
 * The partition of `thread`, from 0 to `partitions` − 1: FNV-1a (32 bits) of its UTF-8 bytes,
 * modulo `partitions` (a positive integer). The same on every replica and every run.
 */
export function threadPartition(thread: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(thread, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
