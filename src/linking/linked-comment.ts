/**
 * The short comment work gets once when it gains a group label: which group, its charter, its
 * facilitators.
 */
import { groupLabel, groupLeaders } from '../charters/schema.js';
import type { Charter, GroupType } from '../charters/schema.js';
import { charterFile } from '../charters/layout.js';
import type { CharterLayout } from '../charters/layout.js';
import { linkedMarker } from './markers.js';
import { inlineCode, inlineText, profileLink } from '../markdown/escape.js';

/** Where charters are read: the governance repository (`owner/name`) and its charter source. */
export interface CharterLocation {
  governanceRepo: string;
  layout: CharterLayout;
}

/** `https://github.com/<governance repo>/blob/HEAD/<charter file>`: the charter (YAML file or page) on the default branch. */
export function charterUrl(location: CharterLocation, group: { id: string; type: GroupType }): string {
  return `https://github.com/${location.governanceRepo}/blob/HEAD/${charterFile(location.layout, group)}`;
}

/**
 * One comment for the groups work just gained, one paragraph per group, each headed by the
 * group's marker (`linkedMarker`) so it is found again per group. Facilitators are named by
 * profile links, not @-mentions: linking every issue of a busy group must not notify its
 * facilitators each time. Pure; never throws.
 */
export function linkedCommentBody(groups: readonly Charter[], kind: 'issue' | 'pull_request', location: CharterLocation): string {
  const work = kind === 'issue' ? 'issue' : 'pull request';
  return groups
    .map((charter) => {
      const facilitators = groupLeaders(charter);
      // A working group's leads are its leads (SEP-2149 § 1.1); otherwise its facilitators.
      const role = charter.type === 'working' && (charter.leads?.length ?? 0) > 0 ? 'Lead' : 'Facilitator';
      const named = facilitators.length
        ? ` ${facilitators.length === 1 ? role : `${role}s`}: ${facilitators.map(profileLink).join(', ')}.`
        : '';
      return [
        linkedMarker(charter.id),
        `This ${work} is part of the work of the **${inlineText(charter.name)}** (${inlineCode(groupLabel(charter.type, charter.id))}): see its [charter](${charterUrl(location, charter)}).${named}`,
      ].join('\n');
    })
    .join('\n\n');
}
