/** Member lists in both sources (SEP-2149 Participation Levels): validated, and read from pages by GitHub handle only. */
import { describe, expect, it } from '@jest/globals';
import { memberLevelOf, pageMemberLists } from '../../src/charters/members.js';
import { found, validate, WORKING_GROUP } from './helpers.js';

// WORKING_GROUP ends at line 16: `members:` is line 17, its first entry's login line 18.
const withMembers = (lines: string) => `${WORKING_GROUP}${lines}`;

describe('YAML members and emeritus', () => {
  it('loads a valid member list and emeritus list into the charter', () => {
    const r = validate({ 'registry.yaml': withMembers('members:\n  - login: rdimitrov\n    level: lead\n  - login: tadasant\n    level: member\nemeritus:\n  - login: domdomegg\n    since: 2026-10-01\n') });
    expect(found(r)).toEqual([]);
    expect(r.charters[0]?.charter).toMatchObject({ members: [{ login: 'rdimitrov', level: 'lead' }, { login: 'tadasant', level: 'member' }], emeritus: [{ login: 'domdomegg', since: '2026-10-01' }] });
  });

  it('reports an unknown level and an invalid login at their lines', () => {
    const r = validate({ 'registry.yaml': withMembers('members:\n  - login: rdimitrov\n    level: lead\n  - login: -bad-\n    level: member\n  - login: tadasant\n    level: maintainer\n') });
    expect(found(r)).toEqual(['login-format@20:12', 'invalid-value@23:12']);
  });

  it('reports someone listed twice, as a member and emeritus', () => {
    const r = validate({ 'registry.yaml': withMembers('members:\n  - login: rdimitrov\n    level: lead\n  - login: tadasant\n    level: member\nemeritus:\n  - login: TADASANT\n') });
    expect(found(r)).toEqual(['duplicate-entry@23:12']);
    expect(r.diagnostics[0]?.message).toBe('"emeritus" lists "TADASANT", already in "members": a member is listed once, active or emeritus');
  });

  it('requires the leads listed as leads, and only them', () => {
    const notLead = validate({ 'registry.yaml': withMembers('members:\n  - login: rdimitrov\n    level: member\n  - login: tadasant\n    level: lead\n') });
    expect(found(notLead)).toEqual(['invalid-value@19:12', 'invalid-value@21:12']);
    expect(notLead.diagnostics.map((d) => d.message)).toEqual(['"rdimitrov" leads the group: list them with level "lead"', '"tadasant" is listed with level "lead" but is not among the group\'s leads or facilitators']);
    // A leader left out of the list is no error (a page's Membership table may leave its leads out).
    expect(found(validate({ 'registry.yaml': withMembers('members:\n  - login: tadasant\n    level: member\n') }))).toEqual([]);
  });
});

describe('page member tables', () => {
  it('maps levels by their words, and never guesses one', () => {
    expect(['Lead', 'Facilitator', 'WG Member', 'Member', '**Participant**', 'Observer', 'Maintainer', ''].map(memberLevelOf)).toEqual(['lead', 'lead', 'member', 'member', 'participant', 'observer', null, null]);
  });

  it('tracks rows by GitHub handle; a row without one, or with another role, is untracked with why', () => {
    const lists = pageMemberLists(
      {
        members: [
          { name: 'Cliff Hall', login: 'cliffhall', level: 'Maintainer', line: 69 },
          { name: 'Tobin South', login: 'tobinsouth', level: 'Member', line: 72 },
          { name: 'No Handle', level: 'WG Member', line: 73 },
          { name: 'Ola', login: 'olaservo', level: 'Maintainer', line: 70 },
        ],
        emeritus: [{ name: 'Former', login: 'former', level: 'WG Member', line: 80 }],
      },
      ['olaservo'],
    );
    expect(lists.members).toEqual([{ login: 'tobinsouth', level: 'member' }, { login: 'olaservo', level: 'lead' }]);
    expect(lists.emeritus).toEqual([{ login: 'former', level: 'member' }]);
    expect(lists.untracked.map((u) => [u.name, u.line, u.why])).toEqual([
      ['Cliff Hall', 69, 'the level "Maintainer" is none of Observer, Participant, WG Member, Lead/Facilitator'],
      ['No Handle', 73, 'no GitHub handle in the Membership table: participation is counted by login, never guessed from a name'],
    ]);
  });
});
