/**
 * The charter check and the creation vote on a pull request: read (one GraphQL request), judge
 * (pure), write the check runs. A check run is created already completed — or in progress for an
 * open vote — so nothing is ever left hanging; an exception becomes a failed check showing it.
 */
import { validateCharters } from '../charters/validate.js';
import type { CharterSource } from '../charters/parse.js';
import { ConfigError } from '../config/load.js';
import type { Config, People } from '../config/schema.js';
import { charterFacts, diffCharterTrees, reviewCharterChanges } from '../checks/charter-changes.js';
import { buildCharterReport, CHARTER_CHECK_NAME } from '../checks/charter-report.js';
import { buildVoteReport, VOTE_CHECK_NAME } from '../checks/vote-report.js';
import { createCheckRun, updateCheckRun } from '../github/check-runs.js';
import type { GitHub } from '../github/client.js';
import { readPullRequestCharters } from '../github/pull-request-charters.js';
import type { CharterTree, PullRequestCharters } from '../github/pull-request-charters.js';
import { evaluateCreationVote } from '../vote/creation-vote.js';

export interface PullTarget {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  baseSha: string;
}

export interface CheckOptions {
  /** Post the "Group charters" check (false: only re-evaluate the vote, e.g. on a review). */
  charters: boolean;
  now: Date;
}

/** What a run did, for logs and the benchmark. */
export interface CheckOutcome {
  posted: string[];
  newGroups: string[];
}

/**
 * Checks a pull request's charters and, when it adds a new group, its creation vote.
 *
 * @param config the repository's configuration, or the ConfigError met reading it (the check then
 *               fails with the error's message, naming the bad key)
 * @returns the check runs posted (none when the charters folder is unchanged)
 * @throws only when GitHub refuses to create a check run (there is then nothing left running)
 */
export async function checkPullRequest(gh: GitHub, target: PullTarget, config: Config | ConfigError, options: CheckOptions): Promise<CheckOutcome> {
  const where = { owner: target.owner, repo: target.repo, headSha: target.headSha };
  if (config instanceof ConfigError) {
    await createCheckRun(gh, { ...where, name: CHARTER_CHECK_NAME, status: 'completed', conclusion: 'failure', output: { title: 'Invalid configuration', summary: `${config.message}\n\nFix \`.github/group-steward.yml\` on the default branch, then re-run this check.` } });
    return { posted: [CHARTER_CHECK_NAME], newGroups: [] };
  }

  let judged: ReturnType<typeof judge>;
  try {
    const read = await readPullRequestCharters(gh, {
      ...where,
      number: target.number,
      baseSha: target.baseSha,
      groupsDir: config.groups_dir,
      moderatorTeam: teamOf(config.vote.moderators),
      coreTeam: teamOf(config.vote.core_maintainers),
    });
    judged = judge(read, config, options.now);
  } catch (error) {
    if (!options.charters) throw error;
    const message = error instanceof Error ? error.message : String(error);
    await createCheckRun(gh, { ...where, name: CHARTER_CHECK_NAME, status: 'completed', conclusion: 'failure', output: { title: 'The charter check could not run', summary: `Group Steward could not check the charters of this pull request:\n\n\`\`\`\n${message.slice(0, 2000)}\n\`\`\`\n\nRe-run the check to try again.` } });
    return { posted: [CHARTER_CHECK_NAME], newGroups: [] };
  }
  if (!judged) return { posted: [], newGroups: [] };

  const posted: string[] = [];
  if (options.charters) {
    const { report } = judged;
    await createCheckRun(gh, { ...where, name: CHARTER_CHECK_NAME, status: 'completed', conclusion: report.conclusion, output: { title: report.title, summary: report.summary, annotations: report.annotations } });
    posted.push(CHARTER_CHECK_NAME);
  }
  if (judged.vote) {
    const { report, startedAt, existingRunId } = judged.vote;
    const conclusion = report.conclusion ? { conclusion: report.conclusion } : {};
    const output = { title: report.title, summary: report.summary };
    if (existingRunId !== undefined) {
      await updateCheckRun(gh, { owner: target.owner, repo: target.repo, id: existingRunId, status: report.status, ...conclusion, output });
    } else {
      await createCheckRun(gh, { ...where, name: VOTE_CHECK_NAME, status: report.status, ...conclusion, ...(startedAt ? { startedAt } : {}), output });
    }
    posted.push(VOTE_CHECK_NAME);
  }
  return { posted, newGroups: judged.newGroups };
}

/** The pure part: from what was read to the two reports. Undefined when `groups/` is unchanged. */
function judge(read: PullRequestCharters, config: Config, now: Date) {
  if ((read.head?.oid ?? null) === (read.base?.oid ?? null)) return undefined;
  const headSources = sourcesOf(read.head);
  const baseSources = sourcesOf(read.base);
  const changes = diffCharterTrees(read.base?.files ?? [], read.head?.files ?? []);
  const result = validateCharters(headSources, { now });
  const review = reviewCharterChanges(changes, baseSources, headSources);
  const report = buildCharterReport({
    groupsDir: config.groups_dir,
    changes,
    renamed: review.renamed,
    problems: [...result.diagnostics, ...review.problems],
    headFacts: headSources.map(charterFacts),
    baseFacts: baseSources.map(charterFacts),
  });

  let vote: { report: ReturnType<typeof buildVoteReport>; startedAt?: string; existingRunId?: number } | undefined;
  if (review.newGroups.length > 0 && read.pull) {
    const verdict = evaluateCreationVote({
      moderators: membersOf(config.vote.moderators, read.moderatorTeam),
      coreMaintainers: membersOf(config.vote.core_maintainers, read.coreTeam),
      reviews: read.pull.reviews,
      openedAt: read.pull.createdAt,
      readyAt: read.pull.readyAt,
      isDraft: read.pull.isDraft,
      periodHours: config.vote.period_hours,
      now,
    });
    vote = {
      report: buildVoteReport(review.newGroups, verdict, config.vote.period_hours),
      ...(verdict.opensAt ? { startedAt: verdict.opensAt } : {}),
      ...(read.voteCheckRunId !== undefined ? { existingRunId: read.voteCheckRunId } : {}),
    };
  }
  return { report, vote, newGroups: review.newGroups };
}

/**
 * A tree's charter files as validator sources. A binary or truncated blob (GitHub gives no text)
 * becomes bytes the validator reports: oversized files by their real size, binary ones as binary.
 */
function sourcesOf(tree: CharterTree | null): CharterSource[] {
  return (tree?.files ?? [])
    .filter((f) => /\.ya?ml$/i.test(f.name))
    .map((f) => {
      if (f.text !== null && !f.isBinary) return { file: f.name, content: f.text, byteLength: f.byteSize };
      return { file: f.name, content: f.isBinary ? new Uint8Array([0]) : '', byteLength: f.byteSize };
    });
}

function teamOf(people: People | undefined): string | undefined {
  return people && 'team' in people ? people.team : undefined;
}

function membersOf(people: People | undefined, team: string[] | undefined): string[] {
  if (!people) return [];
  return 'logins' in people ? people.logins : (team ?? []);
}
