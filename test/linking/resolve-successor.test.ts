/** Issue 24: a command naming a retired group whose work went on resolves to the group that took it over. */
import { describe, expect, it } from '@jest/globals';
import type { Charter } from '../../src/charters/schema.js';
import { indexGroups } from '../../src/linking/group-index.js';
import { resolveGroupId } from '../../src/linking/resolve-group.js';
import { interestGroup, workingGroup } from '../activity/helpers.js';

const retired = (charter: Charter, successor?: string): Charter => ({ ...charter, status: 'retired', retired: { on: '2026-06-01', reason: 'Folded.', ...(successor ? { successor } : {}) } });
const auth = workingGroup({ id: 'auth', name: 'Auth Working Group' });
const tools = retired(workingGroup({ id: 'auth-wg-tool-scopes', name: 'Tool Scopes Working Group' }), 'auth');
const scopes = retired(workingGroup({ id: 'scopes', name: 'Scopes Working Group' }), 'auth-wg-tool-scopes');
const grouping = retired(interestGroup({ id: 'primitive-grouping', name: 'Primitive Grouping Interest Group' }), 'auth');
const gone = retired(workingGroup({ id: 'old', name: 'Old Working Group' }));
const loop = [retired(workingGroup({ id: 'a', name: 'A Working Group' }), 'b'), retired(workingGroup({ id: 'b', name: 'B Working Group' }), 'a')];
const index = indexGroups([auth, tools, scopes, grouping, gone, ...loop]);

describe('resolveGroupId and retired.successor', () => {
  it('a folded working group resolves to its successor, through a chain of them', () => {
    expect(resolveGroupId('auth-wg-tool-scopes', 'working', index)).toEqual({ status: 'renamed', charter: auth });
    expect(resolveGroupId('scopes', 'working', index)).toEqual({ status: 'renamed', charter: auth });
  });

  it('stays retired without a successor, across a type change, and in a cycle', () => {
    expect(resolveGroupId('old', 'working', index)).toEqual({ status: 'retired', charter: gone });
    // `/ig primitive-grouping`: its work went on in a working group, which `/ig` does not name.
    expect(resolveGroupId('primitive-grouping', 'interest', index)).toEqual({ status: 'retired', charter: grouping });
    expect(resolveGroupId('a', 'working', index)).toMatchObject({ status: 'retired' });
  });
});
