import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { readCharterDirectory } from '../../src/charters/read-directory.js';
import { validateCharters } from '../../src/charters/validate.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { desiredLabels } from '../../src/labels/desired.js';
import { labelDescription, MAX_LABEL_DESCRIPTION_LENGTH } from '../../src/labels/label-description.js';
import { interestGroup, retired, workingGroup } from './fixtures.js';

describe('desiredLabels', () => {
  it('gives wg:<id> and ig:<id>, one color per type, described by the group name, sorted by name', () => {
    const labels = desiredLabels([workingGroup('registry'), interestGroup('security'), workingGroup('auth')], DEFAULT_CONFIG);
    expect(labels).toEqual([
      { name: 'ig:security', color: '0e8a16', description: 'Security Interest Group', groupId: 'security', previousNames: [] },
      { name: 'wg:auth', color: '1d76db', description: 'Auth Working Group', groupId: 'auth', previousNames: [] },
      { name: 'wg:registry', color: '1d76db', description: 'Registry Working Group', groupId: 'registry', previousNames: [] },
    ]);
  });

  it('takes the colors from the configuration, lowercased as GitHub returns them', () => {
    const config = { labels: { working_color: 'ABCDEF', interest_color: '123456' } };
    const [ig, wg] = desiredLabels([workingGroup('registry'), interestGroup('security')], config);
    expect(ig?.color).toBe('123456');
    expect(wg?.color).toBe('abcdef');
  });

  it('keeps the label of a retired group, its description prefixed [retired]', () => {
    const [label] = desiredLabels([retired(workingGroup('old'))], DEFAULT_CONFIG);
    expect(label).toMatchObject({ name: 'wg:old', description: '[retired] Old Working Group' });
  });

  it('lists the labels of previous ids with the same prefix, never another group\'s label', () => {
    const labels = desiredLabels(
      [workingGroup('new', { previous_ids: ['old', 'older', 'other'] }), workingGroup('other')],
      DEFAULT_CONFIG,
    );
    expect(labels.find((l) => l.name === 'wg:new')?.previousNames).toEqual(['wg:old', 'wg:older']);
  });

  it('gives one label per name when two charters share an id: the active one wins', () => {
    const labels = desiredLabels([retired(workingGroup('dup', { name: 'Old one' })), workingGroup('dup', { name: 'New one' })], DEFAULT_CONFIG);
    expect(labels).toHaveLength(1);
    expect(labels[0]?.description).toBe('New one');
  });
});

describe('labelDescription', () => {
  it('keeps a name of up to 100 characters as it is', () => {
    const name = 'x'.repeat(100);
    expect(labelDescription(name, { retired: false })).toBe(name);
  });

  it('cuts a longer text to 100 code points ending with …', () => {
    const text = labelDescription('y'.repeat(95), { retired: true });
    expect(Array.from(text)).toHaveLength(MAX_LABEL_DESCRIPTION_LENGTH);
    expect(text.startsWith('[retired] yyy')).toBe(true);
    expect(text.endsWith('y…')).toBe(true);
  });

  it('counts code points, not bytes: 100 accented letters fit, 101 are cut', () => {
    expect(labelDescription('é'.repeat(100), { retired: false })).toBe('é'.repeat(100));
    expect(labelDescription('é'.repeat(101), { retired: false })).toBe(`${'é'.repeat(99)}…`);
  });

  it('drops 4-byte characters GitHub rejects in descriptions, never leaving half a surrogate pair', () => {
    const text = labelDescription(`🔐 Security ${'😀'.repeat(120)}Group`, { retired: false });
    expect(text).toBe('Security Group');
    expect(/[\uD800-\uDFFF]/.test(labelDescription('😀'.repeat(200), { retired: true }))).toBe(false);
  });

  it('turns runs of white space and control characters into one space', () => {
    expect(labelDescription('A\n\tB\u0007  C', { retired: false })).toBe('A B C');
  });

  it('does not end a cut text with a space before the …', () => {
    const text = labelDescription(`${'a'.repeat(98)} bcd`, { retired: false });
    expect(text).toBe(`${'a'.repeat(98)}…`);
  });
});

describe('desiredLabels on MCP\'s real charters', () => {
  it('gives each group one label that fits GitHub: name ≤ 50, description ≤ 100, no 4-byte characters', async () => {
    const sources = await readCharterDirectory(join(process.cwd(), 'groups'));
    const { charters } = validateCharters(sources, { now: new Date('2026-11-22T00:00:00Z') });
    const labels = desiredLabels(
      charters.map((c) => c.charter),
      DEFAULT_CONFIG,
    );
    expect(labels.length).toBe(charters.length);
    expect(new Set(labels.map((l) => l.name.toLowerCase())).size).toBe(labels.length);
    for (const label of labels) {
      expect(label.name.length).toBeLessThanOrEqual(50);
      expect(Array.from(label.description).length).toBeLessThanOrEqual(100);
      expect(/[\u{10000}-\u{10FFFF}]/u.test(label.description)).toBe(false);
      expect(label.color).toMatch(/^[0-9a-f]{6}$/);
    }
  });
});
