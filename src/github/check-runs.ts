/**
 * Check runs: created already completed (or in progress, for an open vote), with annotations sent
 * 50 per request as GitHub requires — the first 50 with the creation, the rest in updates. The
 * executor (`applyPlan`: `create-check-run`, `update-check-run`) is the one caller.
 */
import type { Annotation, CheckRunConclusion, CheckRunOutput, CheckRunStatus } from '../checks/check-run.js';
import type { GitHub } from './client.js';

/** GitHub accepts at most 50 annotations per check-run request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** GitHub's limit on a check run's summary and text, in bytes of UTF-8. */
export const MAX_OUTPUT_CHARS = 65535;

export interface CheckRunParams {
  owner: string;
  repo: string;
  name: string;
  headSha: string;
  /** `completed` with a conclusion, or `in_progress` (an open vote). */
  status: CheckRunStatus;
  conclusion?: CheckRunConclusion;
  /** When an in-progress check run was started, ISO 8601 (defaults to GitHub's now). */
  startedAt?: string;
  completedAt?: string;
  output: CheckRunOutput;
  /**
   * When GitHub refuses the output (422, from the creation or a later batch): create the run again
   * with the same verdict and title, and a summary saying GitHub refused the output, ending with
   * this sentence. Absent: the 422 is thrown like any other error.
   */
  onRefusedOutput?: string;
  /** The run's `external_id` (a digest of its content); cleared when its annotations end incomplete. */
  externalId?: string;
}

/**
 * Creates a check run and sends its annotations in batches of 50. A batch refused after the run
 * exists marks it failed ("Annotations incomplete") and the error stands — unless it is a 422 and
 * `onRefusedOutput` is given: then the verdict is posted once more, without the output.
 *
 * @returns the check run's id and the number of requests made (1 + one per extra batch)
 * @throws the HTTP error when GitHub refuses a request
 */
export async function createCheckRun(gh: GitHub, params: CheckRunParams): Promise<{ id: number; requests: number }> {
  try {
    return await createWithAnnotations(gh, params);
  } catch (error) {
    // GitHub refused the output itself (422: a limit we did not foresee): post the verdict without it.
    if (params.onRefusedOutput === undefined || (error as { status?: unknown }).status !== 422) throw error;
    const why = (error as Error).message.slice(0, 300);
    const summary = `GitHub refused this check's full output (${why}). ${params.onRefusedOutput}`;
    const created = await createWithAnnotations(gh, { ...params, output: { title: params.output.title, summary } });
    return { id: created.id, requests: created.requests + 1 };
  }
}

async function createWithAnnotations(gh: GitHub, params: CheckRunParams): Promise<{ id: number; requests: number }> {
  const annotations = params.output.annotations ?? [];
  const batches: Annotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }
  const output = (batch: Annotation[] | undefined) => ({
    title: params.output.title.slice(0, 255),
    summary: bound(params.output.summary),
    ...(batch && batch.length > 0 ? { annotations: batch } : {}),
  });
  const { data } = await gh.rest.checks.create({
    owner: params.owner,
    repo: params.repo,
    name: params.name,
    head_sha: params.headSha,
    status: params.status,
    ...(params.conclusion ? { conclusion: params.conclusion } : {}),
    ...(params.startedAt ? { started_at: params.startedAt } : {}),
    ...(params.completedAt ? { completed_at: params.completedAt } : {}),
    ...(params.externalId !== undefined ? { external_id: params.externalId } : {}),
    output: output(batches[0]),
  });
  try {
    for (const batch of batches.slice(1)) {
      await gh.rest.checks.update({ owner: params.owner, repo: params.repo, check_run_id: data.id, output: output(batch) });
    }
  } catch (error) {
    // The run exists and is complete, but its annotations are not: say so, as a failure.
    const message = error instanceof Error ? error.message : String(error);
    await gh.rest.checks.update({
      owner: params.owner,
      repo: params.repo,
      check_run_id: data.id,
      status: 'completed',
      conclusion: 'failure',
      // Not the content its digest says: the next event posts it again.
      ...(params.externalId !== undefined ? { external_id: '' } : {}),
      output: { title: 'Annotations incomplete', summary: bound(`Not every annotation could be sent (${message}).\n\n${params.output.summary}`) },
    });
    throw error;
  }
  return { id: data.id, requests: Math.max(1, batches.length) };
}

/**
 * Cuts a Markdown text to GitHub's limit — 65,535 bytes of UTF-8, not characters — on a character
 * boundary, saying so at the end.
 */
export function bound(text: string, limitBytes = MAX_OUTPUT_CHARS): string {
  if (Buffer.byteLength(text, 'utf8') <= limitBytes) return text;
  const note = "\n\n… (cut to fit GitHub's 65,535-byte limit)";
  const room = limitBytes - Buffer.byteLength(note, 'utf8');
  // Decoding a cut buffer ends in U+FFFD where a character was split: drop it.
  const cut = Buffer.from(text, 'utf8').subarray(0, room).toString('utf8').replace(/\uFFFD$/, '');
  return cut + note;
}

export interface CheckRunUpdate {
  owner: string;
  repo: string;
  id: number;
  status: CheckRunStatus;
  conclusion?: CheckRunConclusion;
  output: { title: string; summary: string };
  /** The run's `external_id` (a digest of its new content). */
  externalId?: string;
}

/** Updates a check run in place (the creation vote, as it moves from open to settled). One request. */
export async function updateCheckRun(gh: GitHub, params: CheckRunUpdate): Promise<void> {
  await gh.rest.checks.update({
    owner: params.owner,
    repo: params.repo,
    check_run_id: params.id,
    status: params.status,
    ...(params.conclusion ? { conclusion: params.conclusion } : {}),
    ...(params.externalId !== undefined ? { external_id: params.externalId } : {}),
    output: { title: params.output.title.slice(0, 255), summary: bound(params.output.summary) },
  });
}
