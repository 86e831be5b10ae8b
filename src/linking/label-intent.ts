/**
 * A group label the linking plan means to add to or remove from a piece of work, and why.
 */
import type { Charter } from '../charters/schema.js';

export interface LabelIntent {
  op: 'add' | 'remove';
  /** The canonical label, `wg:<id>` or `ig:<id>`. */
  label: string;
  charter: Charter;
  /** Why, for the plan's `why`. */
  why: string;
}
