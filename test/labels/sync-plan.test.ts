import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { desiredLabels } from '../../src/labels/desired.js';
import type { DesiredLabel } from '../../src/labels/desired.js';
import { planLabelSync } from '../../src/labels/sync-plan.js';
import type { ExistingLabel } from '../../src/labels/sync-plan.js';
import type { Charter } from '../../src/charters/schema.js';
import { applyLabelPlan, interestGroup, retired, workingGroup } from './fixtures.js';

const repo = 'modelcontextprotocol/modelcontextprotocol';
const UNMANAGED: ExistingLabel[] = [
  { name: 'bug', color: 'd73a4a', description: "Something isn't working" },
  { name: 'wg:no-such-group', color: 'ffffff', description: null },
  { name: 'SEP', color: '000000', description: 'A spec enhancement proposal' },
];

function desired(charters: Charter[]): DesiredLabel[] {
  return desiredLabels(charters, DEFAULT_CONFIG);
}

/** Plans, applies the plan as GitHub would, plans again: the second plan must be empty. */
function syncTwice(charters: Charter[], existing: ExistingLabel[]) {
  const first = planLabelSync({ repo, desired: desired(charters), existing });
  const after = applyLabelPlan(existing, first.plan);
  const second = planLabelSync({ repo, desired: desired(charters), existing: after });
  return { first, after, second };
}

describe('planLabelSync', () => {
  it('creates every missing label', () => {
    const { plan, conflicts } = planLabelSync({ repo, desired: desired([workingGroup('registry'), interestGroup('security')]), existing: UNMANAGED });
    expect(plan).toEqual([
      expect.objectContaining({ kind: 'create-label', repo, name: 'ig:security', color: '0e8a16', description: 'Security Interest Group' }),
      expect.objectContaining({ kind: 'create-label', repo, name: 'wg:registry', color: '1d76db', description: 'Registry Working Group' }),
    ]);
    expect(conflicts).toEqual([]);
  });

  it('writes nothing when the labels already match, whatever the case of their colors', () => {
    const existing = [...UNMANAGED, { name: 'wg:registry', color: '1D76DB', description: 'Registry Working Group' }];
    expect(planLabelSync({ repo, desired: desired([workingGroup('registry')]), existing })).toEqual({ plan: [], conflicts: [] });
  });

  it('updates only what differs: color, description (null counts as different)', () => {
    const existing = [
      { name: 'wg:registry', color: 'ff0000', description: 'Registry Working Group' },
      { name: 'ig:security', color: '0e8a16', description: null },
    ];
    const { plan } = planLabelSync({ repo, desired: desired([workingGroup('registry'), interestGroup('security')]), existing });
    expect(plan).toEqual([
      { kind: 'update-label', repo, name: 'ig:security', description: 'Security Interest Group', why: expect.stringContaining('(description)') },
      { kind: 'update-label', repo, name: 'wg:registry', color: '1d76db', why: expect.stringContaining('(color)') },
    ]);
  });

  it('marks a retired group\'s label [retired] and never deletes it', () => {
    const existing = [{ name: 'wg:old', color: '1d76db', description: 'Old Working Group' }];
    const { first, second } = syncTwice([retired(workingGroup('old'))], existing);
    expect(first.plan).toEqual([expect.objectContaining({ kind: 'update-label', name: 'wg:old', description: '[retired] Old Working Group' })]);
    expect(second.plan).toEqual([]);
  });

  it('compares names ignoring case and updates a label to the canonical name instead of creating a twin', () => {
    const existing = [{ name: 'WG:Registry', color: '1d76db', description: 'Registry Working Group' }];
    const { first, after, second } = syncTwice([workingGroup('registry')], existing);
    expect(first.plan).toEqual([expect.objectContaining({ kind: 'update-label', name: 'WG:Registry', new_name: 'wg:registry' })]);
    expect(first.plan.some((a) => a.kind === 'create-label')).toBe(false);
    expect(after.map((l) => l.name)).toEqual(['wg:registry']);
    expect(second.plan).toEqual([]);
  });

  it('renames the label of a previous id in place, so its issues keep it', () => {
    const existing = [...UNMANAGED, { name: 'wg:old-name', color: 'cccccc', description: 'Old' }];
    const { first, after, second } = syncTwice([workingGroup('registry', { previous_ids: ['old-name'] })], existing);
    expect(first.plan).toEqual([
      {
        kind: 'update-label',
        repo,
        name: 'wg:old-name',
        new_name: 'wg:registry',
        color: '1d76db',
        description: 'Registry Working Group',
        why: expect.stringContaining('renamed'),
      },
    ]);
    expect(first.conflicts).toEqual([]);
    expect(after.map((l) => l.name)).toEqual([...UNMANAGED.map((l) => l.name), 'wg:registry']);
    expect(second).toEqual({ plan: [], conflicts: [] });
  });

  it('finds a previous label ignoring case', () => {
    const existing = [{ name: 'WG:Old-Name', color: '1d76db', description: 'Registry Working Group' }];
    const { first, second } = syncTwice([workingGroup('registry', { previous_ids: ['old-name'] })], existing);
    expect(second.plan).toEqual([]);
    expect(first.plan).toEqual([{ kind: 'update-label', repo, name: 'WG:Old-Name', new_name: 'wg:registry', why: expect.any(String) }]);
  });

  it('leaves both labels when the old and the new one exist, and reports the conflict; the new one is still kept in sync', () => {
    const existing = [
      { name: 'wg:old-name', color: 'cccccc', description: 'Old' },
      { name: 'wg:registry', color: 'ff0000', description: 'Registry Working Group' },
    ];
    const { first, second } = syncTwice([workingGroup('registry', { previous_ids: ['old-name'] })], existing);
    expect(first.plan).toEqual([expect.objectContaining({ kind: 'update-label', name: 'wg:registry', color: '1d76db' })]);
    expect(first.plan.some((a) => a.kind === 'update-label' && a.name === 'wg:old-name')).toBe(false);
    expect(first.conflicts).toEqual([expect.stringContaining('both "wg:old-name" (a previous id) and "wg:registry" exist')]);
    expect(second.plan).toEqual([]);
    expect(second.conflicts).toHaveLength(1);
  });

  it('renames the first previous label found when several exist, and reports the others', () => {
    const existing = [
      { name: 'wg:first', color: '1d76db', description: 'x' },
      { name: 'wg:second', color: '1d76db', description: 'y' },
    ];
    const { first, second } = syncTwice([workingGroup('registry', { previous_ids: ['first', 'second'] })], existing);
    expect(first.plan).toEqual([expect.objectContaining({ name: 'wg:first', new_name: 'wg:registry' })]);
    expect(first.conflicts).toEqual([expect.stringContaining('"wg:second"')]);
    expect(second.plan).toEqual([]);
    expect(second.conflicts).toEqual([expect.stringContaining('"wg:second"')]);
  });

  it('never renames a label that is another group\'s current label', () => {
    const existing = [{ name: 'wg:auth', color: '1d76db', description: 'Auth Working Group' }];
    const charters = [workingGroup('registry', { previous_ids: ['auth'] }), workingGroup('auth')];
    const { first, second } = syncTwice(charters, existing);
    expect(first.plan).toEqual([expect.objectContaining({ kind: 'create-label', name: 'wg:registry' })]);
    expect(second.plan).toEqual([]);
  });

  it('never touches a label it does not manage, and never plans a delete', () => {
    const { first } = syncTwice([workingGroup('registry'), interestGroup('security')], UNMANAGED);
    const touched = first.plan.map((a) => (a.kind === 'create-label' || a.kind === 'update-label' ? a.name : a.kind));
    expect(touched).toEqual(['ig:security', 'wg:registry']);
    expect(first.plan.every((a) => a.kind === 'create-label')).toBe(true);
  });

  it('handles a repository with 300 labels (more than three API pages): only group labels change, a second run writes nothing', () => {
    const charters = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0 ? workingGroup(`group-${i}`, { previous_ids: [`former-${i}`] }) : interestGroup(`group-${i}`),
    );
    const existing: ExistingLabel[] = Array.from({ length: 260 }, (_, i) => ({ name: `area/${i}`, color: 'eeeeee', description: `Area ${i}` }));
    for (let i = 0; i < 40; i += 1) {
      const type = i % 2 === 0 ? 'wg' : 'ig';
      if (i < 10) existing.push({ name: `${type}:group-${i}`, color: i % 2 === 0 ? '1d76db' : '0e8a16', description: i % 2 === 0 ? `Group ${i} Working Group` : `Group ${i} Interest Group` });
      else if (i < 20) existing.push({ name: `${type}:group-${i}`.toUpperCase(), color: '000000', description: null });
      else if (i % 2 === 0) existing.push({ name: `wg:former-${i}`, color: '1d76db', description: 'old' });
      else existing.push({ name: `ig:group-${i}`, color: '0e8a16', description: 'stale' });
    }
    expect(existing).toHaveLength(300);

    const { first, after, second } = syncTwice(charters, existing);
    const kinds = (k: string) => first.plan.filter((a) => a.kind === k).length;
    expect(kinds('create-label')).toBe(10); // group-40 … group-49
    expect(first.plan.filter((a) => a.kind === 'update-label' && a.new_name?.startsWith('wg:group-') && a.name.startsWith('wg:former-'))).toHaveLength(10);
    expect(kinds('update-label')).toBe(10 + 10 + 10); // case, renames, stale descriptions
    expect(after.filter((l) => l.name.startsWith('area/'))).toEqual(existing.filter((l) => l.name.startsWith('area/')));
    expect(after).toHaveLength(310);
    expect(second).toEqual({ plan: [], conflicts: [] });
  });
});
