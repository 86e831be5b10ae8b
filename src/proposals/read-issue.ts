/** An issue as the governance loop decides on it: what a read of one issue by number yields (src/github/issue-read.ts). */

/** An issue as REST gives it, reduced to what the App decides on. */
export interface ReadIssue {
  number: number;
  state: 'open' | 'closed';
  /** The REST login of its author (`slug[bot]` for an App); null for a deleted account. */
  author: string | null;
  body: string;
  isPull: boolean;
}
