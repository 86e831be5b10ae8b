/**
 * `reviewCharterChanges`: which groups a pull request creates, amends or retires — the input of
 * the policy's approval checks (SEP-1302 § Lifecycle: a creation needs the vote; SEP-2149 § 1.9,
 * § 1.10: sponsorship for a creation, a core maintainer's approval for an amendment, a core or
 * lead maintainer's for a retirement).
 */
import { describe, expect, it } from '@jest/globals';
import { diffCharterTrees, reviewCharterChanges } from '../../src/checks/charter-changes.js';
import { INTEREST_GROUP, WORKING_GROUP } from '../charters/helpers.js';

const RETIRED = `${WORKING_GROUP.replace('status: active', 'status: retired')}retired:\n  on: 2026-01-01\n  reason: Done.\n`;

function review(base: Record<string, string>, head: Record<string, string>) {
  const entries = (files: Record<string, string>) => Object.entries(files).map(([name, text]) => ({ name, oid: `${text.length}:${text}` }));
  const sources = (files: Record<string, string>) => Object.entries(files).map(([file, content]) => ({ file, content }));
  return reviewCharterChanges(diffCharterTrees(entries(base), entries(head)), sources(base), sources(head));
}

describe('reviewCharterChanges', () => {
  it('a field changed is an amendment; a comment or layout change is none', () => {
    expect(review({ 'registry.yaml': WORKING_GROUP }, { 'registry.yaml': WORKING_GROUP.replace(/^name: .*$/m, 'name: Registry WG') })).toMatchObject({ newGroups: [], amended: ['registry'], retiring: [] });
    expect(review({ 'registry.yaml': WORKING_GROUP }, { 'registry.yaml': `# a comment\n${WORKING_GROUP}\n` })).toMatchObject({ newGroups: [], amended: [], retiring: [] });
  });

  it('setting status: retired is a retirement, not an amendment', () => {
    expect(review({ 'registry.yaml': WORKING_GROUP }, { 'registry.yaml': RETIRED })).toMatchObject({ newGroups: [], amended: [], retiring: ['registry'] });
  });

  it('a retired group made active again — in place or under a new id — is a creation, never an amendment', () => {
    expect(review({ 'registry.yaml': RETIRED }, { 'registry.yaml': WORKING_GROUP })).toMatchObject({ newGroups: ['registry'], amended: [] });
    const revived = WORKING_GROUP.replace('id: registry', 'id: registry-v2').replace(/^name: .*$/m, 'name: Registry Working Group v2') + 'previous_ids:\n  - registry\n';
    const renamed = review({ 'registry.yaml': RETIRED }, { 'registry-v2.yaml': revived });
    expect(renamed.renamed).toEqual([{ from: 'registry.yaml', to: 'registry-v2.yaml' }]);
    expect(renamed).toMatchObject({ newGroups: ['registry-v2'], amended: [] });
  });

  it('a working group renamed into an interest group is a creation', () => {
    const asInterest = INTEREST_GROUP.replace('id: security', 'id: registry-ig') + 'previous_ids:\n  - registry\n';
    expect(review({ 'registry.yaml': WORKING_GROUP }, { 'registry-ig.yaml': asInterest })).toMatchObject({ newGroups: ['registry-ig'], amended: [] });
  });

  it('a rename of an active group keeping its type is an amendment', () => {
    const renamed = WORKING_GROUP.replace('id: registry', 'id: registries') + 'previous_ids:\n  - registry\n';
    expect(review({ 'registry.yaml': WORKING_GROUP }, { 'registries.yaml': renamed })).toMatchObject({ newGroups: [], amended: ['registries'] });
  });
});
