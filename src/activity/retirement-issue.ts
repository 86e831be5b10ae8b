/**
 * The text of a retirement issue: title, body and the comment the App leaves when it closes one.
 * The body holds only evidence (absolute dates, counts, states, the window) and never `now` or a
 * relative time, so a re-run with the same evidence renders the same body and writes nothing.
 * What comes from the charter or GitHub (the group's name, repositories, reasons, actors) is
 * escaped (`../markdown/escape.ts`): only the facilitators are mentioned, on purpose.
 */
import { groupLeaders } from '../charters/schema.js';
import type { Charter } from '../charters/schema.js';
import { days, utcDate } from './dates.js';
import type { GroupVerdict, LastActivity } from './evaluate.js';
import { describeEvidence } from './verdict.js';
import { groupLabels } from './group-work.js';
import { retirementMarker, withEvidenceMarker } from './markers.js';
import { inlineCode, inlineText, link, linkDestination, listItem, mention, neutralText, oneLine } from '../markdown/escape.js';

const RULE =
  'SEP-1302 § WG Lifecycle: a working group is retired when it "does not have a WIP Issue/PR for at least a month, or has completed all Issues/PRs it intends to pursue".';

/**
 * `Retire the Registry Working Group? (wg:registry: no activity for 30+ days)` or `(… : all planned
 * work done)`. A title is plain text: the name is kept on one line and cannot mention or reference
 * (`neutralText`).
 */
export function retirementTitle(charter: Charter, verdict: GroupVerdict, inactivityDays: number): string {
  const why = verdict.verdict === 'completed' ? 'all planned work done' : `no activity for ${inactivityDays}+ days`;
  return `Retire the ${neutralText(oneLine(charter.name))}? (${verdict.label}: ${why})`;
}

/** SEP-1302's "What happens next" line of a retirement issue: who decides, and how they retire the group. */
export const SEP_1302_RETIREMENT_STEPS =
  "The decision is the community moderators' and core maintainers' (SEP-1302 § WG Lifecycle); Group Steward retires nothing by itself. To retire the group, one of them comments `/retire <reason>` here: Group Steward opens the pull request that sets `status: retired` in its charter, with a `retired:` block that links this issue, and closes this issue when it merges.";

/**
 * The body of the retirement issue of an idle or completed working group (see the module note).
 * `steps` is the policy's sentence saying who decides and how (`Policy.retirementSteps`; default
 * SEP-1302's).
 */
export function retirementBody(charter: Charter, verdict: GroupVerdict, inactivityDays: number, steps: string = SEP_1302_RETIREMENT_STEPS): string {
  const window = days(inactivityDays);
  const last = verdict.lastActivity;
  const finding =
    verdict.verdict === 'completed'
      ? 'every deliverable its charter lists is closed or merged'
      : last
        ? `it has had no human activity on its work since **${utcDate(Date.parse(last.at))}**, and the window is ${window}`
        : `no human activity on its work was found${charter.formed ? ` since it was formed on ${charter.formed}` : ''}, and the window is ${window}`;
  const name = inlineText(charter.name);
  const labels = groupLabels(charter).map(code).join(' or ');
  const repos = (charter.repos ?? []).map(code).join(', ');
  const scope = `issues and pull requests labelled ${labels}${repos ? `, in its repositories (${repos})` : ''}, or named in its charter (\`first_work\`, \`deliverables\`)`;
  const deliverables = verdict.deliverables.length
    ? verdict.deliverables.map((d) => `\n${listItem(`${d.repo !== null && d.number !== null ? workLink(d.repo, d.number, d.url) : link(d.url, d.url)}: ${d.state === 'unknown' ? 'state unknown (not in the snapshot)' : d.state}`, 1)}`).join('')
    : ' none listed';
  // The facilitators are asked, so they are mentioned (logins the charter schema validated).
  const facilitators = groupLeaders(charter).map(mention).join(', ') || 'none listed in the charter';
  return withEvidenceMarker([
    retirementMarker(charter.id),
    `**Should the ${name} be retired?** Group Steward finds that ${finding}.`,
    '',
    `> ${RULE}`,
    '',
    '### Evidence',
    `- **Last human activity:** ${last ? describeActivity(last) : 'none found'}`,
    // Read newest first: down to the last human activity, or to the start of the period when there was none.
    `- **Items read:** ${verdict.itemsCounted} (${scope}; newest first, down to the last human activity or the start of the period)`,
    `- **Deliverables:**${deliverables}`,
    `- **Sources read:** ${sourcesLine(verdict)}`,
    `- **Window:** ${window} (\`inactivity_days\`)${charter.formed ? `; the group was formed on ${charter.formed}` : ''}`,
    "- Not counted as activity: bots, labelling, and Group Steward's own issues, this one included.",
    '',
    '### Facilitators',
    `${facilitators}: is the group still working? A link to its current work, here, helps the people who decide.`,
    '',
    '### What happens next',
    `- ${steps}`,
    verdict.verdict === 'completed'
      ? '- If the group has more work planned, list it in `deliverables` in its charter: an open deliverable closes this issue automatically.'
      : "- New human activity on the group's work closes this issue automatically. Comments on this issue do not count.",
    `- Closed by people (for example as not planned), this issue is not raised again for ${window}.`,
    '',
  ].join('\n'));
}

/** `all 3 sources of its work, over the whole window: …` or, for a completed group, what was not read. */
function sourcesLine(verdict: GroupVerdict): string {
  const read = verdict.coverage.filter((c) => c.status === 'read');
  const names = (list: typeof read) => list.map((c) => inlineText(c.source)).join(', ');
  if (read.length === verdict.coverage.length) return `all ${verdict.coverage.length} sources of its work, over the whole window (${names(read)})`;
  const unread = verdict.coverage.filter((c) => c.status !== 'read');
  return `${read.length} of ${verdict.coverage.length}; not read completely: ${names(unread)} (the deliverables decide this verdict, not activity)`;
}

/**
 * The hidden marker of the comment the App leaves before it closes a retirement issue of group
 * `groupId` (`<!-- group-steward:retirement-closing group=<id> -->`): a run that finds it on the
 * issue still open (a cut between the comment and the close) closes it without commenting again.
 */
export function closingMarker(groupId: string): string {
  return `<!-- group-steward:retirement-closing group=${groupId} -->`;
}

/** True when one of `comments` (their bodies) carries the closing marker of group `groupId`. */
export function hasClosingComment(comments: readonly string[] | undefined, groupId: string): boolean {
  const marker = closingMarker(groupId);
  return (comments ?? []).some((body) => body.includes(marker));
}

/** The comment the App leaves before closing a retirement issue whose group no longer meets the rule, with its hidden marker (`closingMarker`). */
export function closingComment(charter: Charter, verdict: GroupVerdict): string {
  const name = inlineText(charter.name);
  const reason = inlineText(verdict.reason);
  const why =
    verdict.verdict === 'retired'
      ? `The charter now records the ${name} as retired (${reason}).`
      : verdict.type === 'interest'
        ? `The ${name} is now an interest group: SEP-1302 retires interest groups only by a decision of the community moderators or core maintainers, so Group Steward does not propose it.`
        : verdict.verdict === 'active'
          ? `The ${name} is active again: ${reason}.`
          : `The ${name} no longer meets the retirement rule: ${reason}.`;
  return `${why}\n\nClosing this retirement issue. Group Steward opens a new one if the group meets the rule again.\n${closingMarker(charter.id)}\n`;
}

/** `a comment by \`olaservo\` on 2026-07-10, on [owner/name#12](url)`. */
export function describeActivity(last: LastActivity): string {
  if (last.kind === 'meeting' || last.kind === 'message') return `${inlineText(describeEvidence(last))} on ${utcDate(Date.parse(last.at))}`;
  const who = last.actor === null ? 'an unknown account' : code(last.actor);
  const what = { opened: 'opened', comment: 'a comment', review: 'a review', commit: 'a commit', closed: 'closed', merged: 'merged', reopened: 'reopened', labeled: 'labelled' }[last.kind];
  return `${what} by ${who} on ${utcDate(Date.parse(last.at))}, on ${workLink(last.repo, last.number, last.url)}`;
}

/** `[owner/name#12](url)`: the App's link to an issue or pull request (the repository's name escaped). */
function workLink(repo: string, number: number, url: string): string {
  return `[${inlineText(repo)}#${number}](${linkDestination(url)})`;
}

/** A name (a login, a label, a repository) as inline code, at most 100 code points. */
function code(text: string): string {
  return inlineCode(Array.from(text).slice(0, 100).join(''));
}
