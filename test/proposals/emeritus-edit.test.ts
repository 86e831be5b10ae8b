/** The emeritus edit of a YAML charter: only the moved entries change. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { emeritusCharterText } from '../../src/proposals/emeritus-edit.js';
import { ROOT } from '../activity/helpers.js';

// MCP's real registry charter with its Membership table as `members:` (from the registry page), a comment kept.
const REGISTRY = `${readFileSync(`${ROOT}groups/registry.yaml`, 'utf8').trimEnd()}
members:
  - login: rdimitrov # lead since 2025
    level: lead
  - login: tadasant
    level: member
  - login: BobDickinson
    level: member
  - login: pree-dew
    level: member
`;

describe('emeritusCharterText', () => {
  it('moves members to a new emeritus list at the end, every other byte kept', () => {
    const edited = emeritusCharterText(REGISTRY, ['bobdickinson', 'pree-dew'], '2026-12-07');
    expect(edited).toEqual({
      ok: true,
      text: REGISTRY.replace('  - login: BobDickinson\n    level: member\n  - login: pree-dew\n    level: member\n', '') +
        'emeritus:\n  - login: BobDickinson\n    level: member\n    since: 2026-12-07\n  - login: pree-dew\n    level: member\n    since: 2026-12-07\n',
    });
  });

  it('appends to an existing emeritus list, at its indentation, CRLF kept', () => {
    const text = `${REGISTRY}emeritus:\n    - login: domdomegg\n      level: member\n# the end\n`.replace(/\n/g, '\r\n');
    const edited = emeritusCharterText(text, ['tadasant'], '2026-12-07');
    expect(edited).toEqual({
      ok: true,
      text: text.replace('  - login: tadasant\r\n    level: member\r\n', '').replace('      level: member\r\n# the end', '      level: member\r\n    - login: tadasant\r\n      level: member\r\n      since: 2026-12-07\r\n# the end'),
    });
  });

  it('refuses what it cannot edit', () => {
    expect(emeritusCharterText(REGISTRY, ['nobody'], '2026-12-07')).toEqual({ ok: false, error: '"members" lists no "nobody"' });
    expect(emeritusCharterText('id: x\nmembers: [{ login: a, level: member }]\n', ['a'], '2026-12-07')).toMatchObject({ ok: false, error: expect.stringMatching(/block `members:`/) });
    expect(emeritusCharterText('id: x\n  bad: [\n', ['a'], '2026-12-07')).toMatchObject({ ok: false });
  });
});
