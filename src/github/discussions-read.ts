/**
 * Reading GitHub Discussions categories for the activity snapshot (SEP-1302 § IG Lifecycle: "at
 * least one substantive thread / conversation per month"): each category's discussions updated
 * since the window's start, newest first, with their last comments and those comments' last
 * replies. All categories are read together, in aliased GraphQL requests; a category is paged
 * further only while its last discussion read is still inside the window.
 */
import type { SnapshotEvent, SnapshotItem } from '../activity/snapshot.js';
import type { GitHub } from './client.js';
import { aliasedRead } from './graphql-errors.js';
import type { GroupStewardDiscussionsQuery, SnapshotDiscussionsFragment } from './graphql-types.generated.js';
import type { DiscussionCategory } from './source-check.js';

/** Discussions per category per request (GitHub allows 100; their comments and replies make each costly). */
const DISCUSSIONS_PER_PAGE = 50;
/**
 * Categories per request. A category page is at most 50 discussions × 50 comments × 20 replies
 * (52,550 nodes); GitHub refuses a request of more than 500,000 nodes, so 8 fit in one.
 */
const CATEGORIES_PER_REQUEST = 8;

/** The discussions of `count` categories, one page each; `$a<i>` is each one's cursor. */
export function discussionsQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$o${i}: String!, $n${i}: String!, $c${i}: ID!, $a${i}: String`).join(', ');
  const fields = Array.from(
    { length: count },
    (_, i) =>
      `d${i}: repository(owner: $o${i}, name: $n${i}) { discussions(first: ${DISCUSSIONS_PER_PAGE}, after: $a${i}, categoryId: $c${i}, orderBy: { field: UPDATED_AT, direction: DESC }) { ...SnapshotDiscussions } }`,
  ).join('\n    ');
  return `query GroupStewardDiscussions(${vars}) {\n    ${fields}\n  }\n  ${DISCUSSION_FIELDS}`;
}

const DISCUSSION_FIELDS = /* GraphQL */ `
  fragment SnapshotDiscussions on DiscussionConnection {
    pageInfo { hasNextPage endCursor }
    nodes {
      number
      title
      url
      createdAt
      updatedAt
      closed
      closedAt
      author { __typename login }
      comments(last: 50) {
        totalCount
        nodes {
          createdAt
          author { __typename login }
          replies(last: 20) { totalCount nodes { createdAt author { __typename login } } }
        }
      }
    }
  }
`;

/** Who wrote a discussion, comment or reply, as any of the generated author types reads. */
type Actor = { __typename: string; login: string } | null;
type RawDiscussion = NonNullable<NonNullable<SnapshotDiscussionsFragment['nodes']>[number]>;
/** One alias's answer (`d<i>`). */
type RawPage = NonNullable<GroupStewardDiscussionsQuery['d0']>;

/** One category to read. */
export interface CategoryRead {
  /** `owner/name` as GitHub spells it. */
  repo: string;
  category: DiscussionCategory;
}

/** What was read of one category: all of it since the window's start, or not (why). */
export type CategoryOutcome = { status: 'read' } | { status: 'partial' | 'unread'; why: string };

/**
 * Reads the discussions of `categories` updated on or after `since` (`YYYY-MM-DD`, UTC), 8
 * categories per GraphQL request (`GroupStewardDiscussions`), further pages only for a category
 * whose last discussion read was updated on or after `since`.
 *
 * Each discussion becomes a snapshot item of `type: 'discussion'` (its category's name and slug,
 * state `open` or `closed`, no labels) with events `opened` (its author, at its creation) and one
 * `comment` per comment and per reply read (the last 50 comments, the last 20 replies of each);
 * an author of `__typename: 'Bot'` is `Bot`, any other `User`, a deleted one null.
 *
 * @param keep receives each item read
 * @returns each category's outcome, by its index in `categories`, and the requests made. A failed
 *   request (a GraphQL or HTTP error after Octokit's retries) leaves its categories `unread` (or
 *   `partial`, when earlier pages were read), the others go on.
 * @throws the HTTP error of bad credentials (401), or an error that is not GitHub's answer
 */
export async function readDiscussions(gh: GitHub, categories: readonly CategoryRead[], since: string, keep: (item: SnapshotItem) => void): Promise<{ outcomes: CategoryOutcome[]; requests: number }> {
  const sinceMs = Date.parse(`${since}T00:00:00Z`);
  const outcomes: CategoryOutcome[] = categories.map(() => ({ status: 'read' }));
  const pagesRead = categories.map(() => 0);
  const cutShort: (string | undefined)[] = categories.map(() => undefined);
  let pending = categories.map((_, index) => ({ index, cursor: null as string | null }));
  let requests = 0;
  while (pending.length > 0) {
    const next: typeof pending = [];
    for (let start = 0; start < pending.length; start += CATEGORIES_PER_REQUEST) {
      const chunk = pending.slice(start, start + CATEGORIES_PER_REQUEST);
      const variables: Record<string, string | null> = {};
      chunk.forEach(({ index, cursor }, i) => {
        const { repo, category } = categories[index] as CategoryRead;
        const [owner = '', name = ''] = repo.split('/');
        Object.assign(variables, { [`o${i}`]: owner, [`n${i}`]: name, [`c${i}`]: category.id, [`a${i}`]: cursor });
      });
      requests += 1;
      const read = await aliasedRead<Record<string, RawPage | null>>(gh, discussionsQuery(chunk.length), variables);
      if (!read.ok) {
        for (const { index } of chunk) outcomes[index] = failed(pagesRead[index] ?? 0, read.message);
        continue;
      }
      const { data, byAlias } = read;
      chunk.forEach(({ index }, i) => {
        const { repo, category } = categories[index] as CategoryRead;
        const page = data[`d${i}`]?.discussions;
        if (!page) {
          outcomes[index] = failed(pagesRead[index] ?? 0, byAlias.get(`d${i}`)?.message ?? 'GitHub returned no discussions');
          return;
        }
        pagesRead[index] = (pagesRead[index] ?? 0) + 1;
        // An error beside the data (a discussion GitHub could not give), a discussion left out, or
        // one updated in the period with more comments or replies than were read: not all seen.
        if (byAlias.has(`d${i}`) || (page.nodes ?? []).some((n) => n === null)) cutShort[index] = byAlias.get(`d${i}`)?.message ?? 'GitHub left out a discussion';
        let last: number | null = null;
        for (const node of page.nodes ?? []) {
          if (!node) continue;
          last = Date.parse(node.updatedAt);
          if (last < sinceMs) continue;
          keep(toDiscussionItem(node, repo, category));
          if (commentsCut(node)) cutShort[index] ??= `discussion #${node.number} has more comments or replies than the newest ${COMMENTS_READ} and ${REPLIES_READ} read`;
        }
        if (page.pageInfo.hasNextPage && page.pageInfo.endCursor && last !== null && last >= sinceMs) next.push({ index, cursor: page.pageInfo.endCursor });
      });
    }
    pending = next;
  }
  cutShort.forEach((why, index) => {
    if (why !== undefined && outcomes[index]?.status === 'read') outcomes[index] = { status: 'partial', why: `not every discussion was read completely: ${why}` };
  });
  return { outcomes, requests };
}

/** Comments and replies read of each discussion (the newest). */
const COMMENTS_READ = 50;
const REPLIES_READ = 20;

/** True when GitHub has more comments, or replies to a comment, than the query read. */
function commentsCut(node: RawDiscussion): boolean {
  const comments = node.comments?.nodes ?? [];
  if ((node.comments?.totalCount ?? 0) > comments.length) return true;
  return comments.some((c) => (c?.replies?.totalCount ?? 0) > (c?.replies?.nodes?.length ?? 0));
}

function failed(pagesRead: number, message: string): CategoryOutcome {
  return pagesRead > 0 ? { status: 'partial', why: `reading the discussions failed after ${pagesRead} pages: ${message}` } : { status: 'unread', why: `reading the discussions failed: ${message}` };
}

const actorType = (actor: Actor): SnapshotEvent['actor_type'] => (actor === null ? null : actor.__typename === 'Bot' ? 'Bot' : 'User');

/** GitHub's GraphQL discussion → the snapshot's plain item (events sorted by time). */
export function toDiscussionItem(node: RawDiscussion, repo: string, category: DiscussionCategory): SnapshotItem {
  const event = (actor: Actor | undefined, at: string, kind: SnapshotEvent['kind']): SnapshotEvent => ({ at, actor: actor?.login ?? null, actor_type: actorType(actor ?? null), kind });
  const events: SnapshotEvent[] = [event(node.author, node.createdAt, 'opened')];
  for (const comment of node.comments?.nodes ?? []) {
    if (!comment) continue;
    events.push(event(comment.author, comment.createdAt, 'comment'));
    for (const reply of comment.replies?.nodes ?? []) if (reply) events.push(event(reply.author, reply.createdAt, 'comment'));
  }
  events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return {
    repo,
    number: node.number,
    type: 'discussion',
    category: category.name,
    category_slug: category.slug,
    title: node.title.slice(0, 10_000),
    state: node.closed ? 'closed' : 'open',
    labels: [],
    created_at: node.createdAt,
    closed_at: node.closedAt,
    author: node.author?.login ?? null,
    url: node.url,
    events,
  };
}
