/**
 * The governance policies by name (`policy:` in `.github/group-steward.yml`): SEP-1302, the default,
 * and SEP-2149. Handlers and the scheduled job ask `policyFor(config.policy)` for a rule instead of
 * testing the policy's name.
 */
import type { Policy, PolicyName } from './policy.js';
import { SEP_1302 } from './sep-1302.js';
import { SEP_2149 } from './sep-2149.js';

export type { ApprovalInput, CreationVoteInput, People, Policy, PolicyName, RetirementProposalInput, RetirementProposalVerdict, Review, RuleVerdict } from './policy.js';

/** Every policy, by name. (The names alone are the config's `POLICIES` in `src/config/schema.ts`.) */
export const POLICIES: Readonly<Record<PolicyName, Policy>> = { 'sep-1302': SEP_1302, 'sep-2149': SEP_2149 };

/** The policy named `name` (a name the configuration's schema accepted). Pure. */
export function policyFor(name: PolicyName): Policy {
  return POLICIES[name];
}
