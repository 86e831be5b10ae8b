/**
 * The check runs this App posts on pull requests, under any policy: the charter check and every
 * policy's approval checks. A re-run requested of one of them runs the check again. Pure data.
 */
import { POLICIES } from '../policies/index.js';
import { CHARTER_CHECK_NAME } from './charter-report.js';

/** The names of this App's check runs, under every policy. */
export const OWN_CHECK_NAMES: ReadonlySet<string> = new Set([
  CHARTER_CHECK_NAME,
  ...Object.values(POLICIES).flatMap((p) => [p.checks.creation, p.checks.amendment, p.checks.retirement].filter((n): n is string => n !== null)),
]);
