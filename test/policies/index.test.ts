/** The policies by name. */
import { describe, expect, it } from '@jest/globals';
import { POLICIES as POLICY_NAMES } from '../../src/config/schema.js';
import { POLICIES, policyFor } from '../../src/policies/index.js';
import { SEP_1302 } from '../../src/policies/sep-1302.js';
import { SEP_2149 } from '../../src/policies/sep-2149.js';

describe('policyFor', () => {
  it('gives each configurable policy, under its own name', () => {
    expect(policyFor('sep-1302')).toBe(SEP_1302);
    expect(policyFor('sep-2149')).toBe(SEP_2149);
    expect(Object.keys(POLICIES).sort()).toEqual([...POLICY_NAMES].sort());
    for (const name of POLICY_NAMES) expect(policyFor(name).name).toBe(name);
  });

  it('a vote policy has a creation vote, a sponsorship policy a sponsorship rule; a named check has its rule', () => {
    for (const policy of Object.values(POLICIES)) {
      expect(policy.creation === 'vote' ? policy.creationVote : policy.sponsorship).toBeDefined();
      expect(policy.checks.amendment === null).toBe(policy.amendment === undefined);
      expect(policy.checks.retirement === null).toBe(policy.retirementApproval === undefined);
    }
  });
});
