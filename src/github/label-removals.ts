/** Who removed which labels from an issue or pull request (its issue events). */
import type { GitHub } from './client.js';
import { repoParams } from './client.js';
import { isAppLogin } from '../names.js';

/** Most pages of issue events read (100 each). */
const MAX_PAGES = 5;

/**
 * The labels people (not this App) removed from issue or pull request `number`, read from its
 * issue events (`GET /repos/{owner}/{repo}/issues/{number}/events`, up to 500 events).
 *
 * @throws the HTTP error GitHub answers with
 */
export async function labelsRemovedByPeople(gh: GitHub, repo: string, number: number, appLogin: string): Promise<string[]> {
  const removed = new Set<string>();
  let pages = 0;
  for await (const { data } of gh.paginate.iterator(gh.rest.issues.listEvents, { ...repoParams(repo), issue_number: number, per_page: 100 })) {
    for (const event of data) {
      const label = (event as { label?: { name?: string } }).label?.name;
      if (event.event === 'unlabeled' && label && !isAppLogin(event.actor?.login, event.actor?.type, appLogin)) removed.add(label);
    }
    if ((pages += 1) >= MAX_PAGES) break;
  }
  return [...removed];
}
