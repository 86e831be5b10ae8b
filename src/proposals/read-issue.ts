/** An issue as the governance loop decides on it: what a read of one issue by number yields (src/github/issue-read.ts, `readIssueThread`). */

/** An issue as REST (or GraphQL) gives it, reduced to what the App decides on. */
export interface ReadIssue {
  number: number;
  state: 'open' | 'closed';
  /** Why it is in its state, as GraphQL names it (`COMPLETED`, `NOT_PLANNED`, `REOPENED`, …), when read. */
  stateReason?: string;
  /** The login of its author — REST's (`slug[bot]` for an App) or GraphQL's (`slug`, with `authorType` `Bot`); null for a deleted account. */
  author: string | null;
  /** GraphQL's `__typename` of the author (`User`, `Bot`), when read. */
  authorType?: string;
  body: string;
  isPull: boolean;
}
