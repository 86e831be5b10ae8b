/**
 * The charter check and the policy's approval checks on a pull request (the creation vote, or
 * under SEP-2149 sponsorship, amendment and retirement approval): read (one GraphQL request), judge
 * (pure), write the check runs. A check run is created already completed — or in progress for an
 * open vote or a pending approval, updated in place by the next review — so nothing is ever left
 * hanging; an exception becomes a failed check showing it.
 */
import { ConfigError } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { CHARTER_CHECK_NAME } from '../checks/charter-report.js';
import { judgePullRequest } from '../checks/judge-pull-request.js';
import { createCheckRun, updateCheckRun } from '../github/check-runs.js';
import type { GitHub } from '../github/client.js';
import { readPullRequestCharters } from '../github/pull-request-charters.js';
import type { PullTarget } from '../github/pull-request-charters.js';
import { voterTeamSlugs } from '../github/voter-teams.js';

export type { PullTarget } from '../github/pull-request-charters.js';

export interface CheckOptions {
  /** Post the "Group charters" check (false: only re-evaluate the approval checks, e.g. on a review). */
  charters: boolean;
  now: Date;
}

/** What a run did, for logs and the benchmark. */
export interface CheckOutcome {
  posted: string[];
  newGroups: string[];
}

/**
 * Checks a pull request's charters and the approvals its policy asks for: the creation vote or
 * sponsorship when it creates a group; under SEP-2149 also the amendment and retirement approvals.
 *
 * @param config the repository's configuration, or the error met reading it: a ConfigError fails
 *               the check with its message (naming the bad key), any other error fails it as
 *               "could not run" — when `options.charters` is false (a review, the settling job)
 *               nothing is posted for it and the error is thrown instead
 * @returns the check runs posted (none when the charters folder is unchanged)
 * @throws only when GitHub refuses to create a check run (there is then nothing left running)
 */
export async function checkPullRequest(gh: GitHub, target: PullTarget, config: Config | Error, options: CheckOptions): Promise<CheckOutcome> {
  const where = { owner: target.owner, repo: target.repo, headSha: target.headSha };
  const fail = async (title: string, summary: string): Promise<CheckOutcome> => {
    await createCheckRun(gh, { ...where, name: CHARTER_CHECK_NAME, status: 'completed', conclusion: 'failure', output: { title, summary } });
    return { posted: [CHARTER_CHECK_NAME], newGroups: [] };
  };
  if (config instanceof Error) {
    if (!options.charters) throw config;
    if (config instanceof ConfigError) {
      return fail('Invalid configuration', `${config.message}\n\nFix \`.github/group-steward.yml\` on the default branch, then re-run this check.`);
    }
    return fail('The charter check could not run', couldNotRun(config));
  }

  let judged: ReturnType<typeof judgePullRequest>;
  try {
    const read = await readPullRequestCharters(gh, {
      ...where,
      number: target.number,
      baseSha: target.baseSha,
      groupsDir: config.groups_dir,
      teams: voterTeamSlugs(config),
    });
    judged = judgePullRequest(read, config, options.now);
  } catch (error) {
    if (!options.charters) throw error;
    return fail('The charter check could not run', couldNotRun(error));
  }
  if (!judged) return { posted: [], newGroups: [] };

  const posted: string[] = [];
  if (options.charters) {
    const { report } = judged;
    const output = { title: report.title, summary: report.summary, annotations: report.annotations };
    try {
      await createCheckRun(gh, { ...where, name: CHARTER_CHECK_NAME, status: 'completed', conclusion: report.conclusion, output });
    } catch (error) {
      // GitHub refused the output itself (422: a limit we did not foresee): post the verdict without it.
      if ((error as { status?: number }).status !== 422) throw error;
      const why = (error as Error).message.slice(0, 300);
      await createCheckRun(gh, { ...where, name: CHARTER_CHECK_NAME, status: 'completed', conclusion: report.conclusion, output: { title: report.title, summary: `GitHub refused this check's full output (${why}). Run \`group-steward validate\` on the branch to see every problem.` } });
    }
    posted.push(CHARTER_CHECK_NAME);
  }
  for (const check of judged.checks) {
    const { report, startedAt, existingRunId } = check;
    const conclusion = report.conclusion ? { conclusion: report.conclusion } : {};
    const output = { title: report.title, summary: report.summary };
    if (existingRunId !== undefined) {
      await updateCheckRun(gh, { owner: target.owner, repo: target.repo, id: existingRunId, status: report.status, ...conclusion, output });
    } else {
      await createCheckRun(gh, { ...where, name: check.name, status: report.status, ...conclusion, ...(startedAt ? { startedAt } : {}), output });
    }
    posted.push(check.name);
  }
  return { posted, newGroups: judged.newGroups };
}

/** The summary of a check that could not run: the error's message in a code block it cannot leave. */
function couldNotRun(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000).replace(/`{3,}/g, '``');
  return `Group Steward could not check the charters of this pull request:\n\n\`\`\`\n${message}\n\`\`\`\n\nRe-run the check to try again.`;
}
