/**
 * A group's member list (SEP-2149 as MCP's docs state it, "Participation Levels"): who is listed,
 * at which level, and who is emeritus — from either source. YAML charters write `members:` and
 * `emeritus:`; charter pages keep a Membership table and an Emeritus Membership table (name,
 * organization, GitHub, Discord, level). Pure.
 */
import type { KeyPath } from './parse.js';
import type { RuleId } from './diagnostics.js';
import { LOGIN_PATTERN, MEMBER_LEVELS } from './schema.js';
import type { Charter, MemberLevel } from './schema.js';

/** A row of a page's member tables, as `readCharterPage` reads it (`CharterPageFacts.members`). */
export interface PageMember {
  name: string;
  login?: string;
  level?: string;
  line: number;
}

/** Most member rule diagnostics of one charter. */
const MAX_MEMBER_DIAGNOSTICS = 100;

/**
 * The level a page's Level cell names, or null when it names none of the four: `Lead` and
 * `Facilitator` → lead; `WG Member`, `IG Member`, `Member` → member; `Participant`; `Observer`.
 * ("Maintainer", "Core Maintainer" … are other roles: null, never guessed.)
 */
export function memberLevelOf(cell: string | undefined): MemberLevel | null {
  const text = (cell ?? '').replace(/[*_`]/g, '').trim().toLowerCase();
  if (/^(?:lead|co-lead|facilitator|wg lead|ig facilitator)s?$/.test(text)) return 'lead';
  if (/^(?:(?:wg|ig)\s+)?members?$/.test(text)) return 'member';
  if (/^participants?$/.test(text)) return 'participant';
  if (/^observers?$/.test(text)) return 'observer';
  return null;
}

/** A row of a page's member tables that cannot be tracked, and why. */
export interface UntrackedMember {
  name: string;
  line: number;
  why: string;
}

/**
 * The `members` and `emeritus` lists of a charter page's Membership and Emeritus Membership
 * tables, by GitHub handle. A row without a handle cannot be tracked (a login is never guessed from
 * a name), nor one whose level is none of the four (`memberLevelOf`): both are listed in
 * `untracked` with why. A login listed twice keeps its first row; a lead of the Leadership table
 * (`leads`) is a `lead` whatever its row says. Pure.
 */
export function pageMemberLists(facts: { members: readonly PageMember[]; emeritus: readonly PageMember[] }, leads: readonly string[]): { members: NonNullable<Charter['members']>; emeritus: NonNullable<Charter['emeritus']>; untracked: UntrackedMember[] } {
  const leadSet = new Set(leads.map((l) => l.toLowerCase()));
  const seen = new Set<string>();
  const untracked: UntrackedMember[] = [];
  const members: NonNullable<Charter['members']> = [];
  const emeritus: NonNullable<Charter['emeritus']> = [];
  const who = (m: PageMember) => m.name || (m.login ? `@${m.login}` : `the row at line ${m.line}`);
  for (const row of facts.members) {
    if (!row.login || !LOGIN_PATTERN.test(row.login)) {
      untracked.push({ name: who(row), line: row.line, why: 'no GitHub handle in the Membership table: participation is counted by login, never guessed from a name' });
      continue;
    }
    const level = leadSet.has(row.login.toLowerCase()) ? 'lead' : memberLevelOf(row.level);
    if (level === null) {
      untracked.push({ name: who(row), line: row.line, why: `the level ${JSON.stringify((row.level ?? '').slice(0, 40))} is none of Observer, Participant, WG Member, Lead/Facilitator` });
      continue;
    }
    if (seen.has(row.login.toLowerCase())) continue;
    seen.add(row.login.toLowerCase());
    members.push({ login: row.login, level });
  }
  for (const row of facts.emeritus) {
    if (!row.login || !LOGIN_PATTERN.test(row.login)) {
      untracked.push({ name: who(row), line: row.line, why: 'no GitHub handle in the Emeritus table: a return cannot be seen' });
      continue;
    }
    if (seen.has(row.login.toLowerCase())) continue;
    seen.add(row.login.toLowerCase());
    const level = memberLevelOf(row.level);
    emeritus.push({ login: row.login, ...(level ? { level } : {}) });
  }
  return { members, emeritus, untracked };
}

/**
 * The member rules of a page (SEP-2149 "Participation Levels"): a row that cannot be tracked
 * (`page-member-untracked`: no GitHub handle, or a level none of the four), and a login listed
 * twice in its Membership and Emeritus tables together (`duplicate-entry`, at the second row). Pure.
 */
export function checkPageMembers(facts: { members: readonly PageMember[]; emeritus: readonly PageMember[]; leaders: readonly { login?: string }[] }, report: (line: number, rule: RuleId, message: string) => void): void {
  const seen = new Map<string, string>();
  let reported = 0;
  const leads = facts.leaders.flatMap((l) => (l.login ? [l.login] : []));
  for (const row of pageMemberLists(facts, leads).untracked) {
    if (reported >= MAX_MEMBER_DIAGNOSTICS) break;
    reported += 1;
    report(row.line, 'page-member-untracked', `${JSON.stringify(row.name.slice(0, 80))} is not tracked: ${row.why}${row.why.startsWith('no GitHub') ? '; write it as [@login](https://github.com/login)' : '; write one of them in the Level column'}`);
  }
  for (const [table, rows] of [['Membership', facts.members], ['Emeritus', facts.emeritus]] as const) {
    for (const row of rows) {
      if (!row.login) continue;
      const first = seen.get(row.login.toLowerCase());
      if (first !== undefined && reported < MAX_MEMBER_DIAGNOSTICS) {
        reported += 1;
        report(row.line, 'duplicate-entry', `@${row.login} is listed twice (in the ${first} table, and here in the ${table} table): a member is listed once, active or emeritus`);
      }
      if (first === undefined) seen.set(row.login.toLowerCase(), table);
    }
  }
}

/**
 * The member rules of a YAML charter (SEP-2149 "Participation Levels"), beyond the schema (which
 * checks logins and levels): no login listed twice in `members` and `emeritus` together
 * (`duplicate-entry`); a working group's leads and a group's facilitators listed in `members` are
 * listed with level `lead`, and a member with level `lead` is one of them (`invalid-value`). A
 * leader left out of `members` is no error (a page's Membership table may leave its leads out:
 * `page-leads-not-members` warns there). Reads the raw mapping with guards. Pure.
 */
export function checkYamlMembers(value: Record<string, unknown>, report: (rule: RuleId, path: KeyPath, message: string) => void): void {
  const members = Array.isArray(value.members) ? value.members : null;
  const emeritus = Array.isArray(value.emeritus) ? value.emeritus : [];
  const seen = new Map<string, string>();
  let reported = 0;
  const limited = (rule: RuleId, path: KeyPath, message: string) => {
    if (reported >= MAX_MEMBER_DIAGNOSTICS) return;
    reported += 1;
    report(rule, path, message);
  };
  for (const [key, list] of [['members', members ?? []], ['emeritus', emeritus]] as const) {
    list.forEach((entry: unknown, i: number) => {
      const login = loginOf(entry);
      if (login === null) return;
      const first = seen.get(login.toLowerCase());
      if (first !== undefined) limited('duplicate-entry', [key, i, 'login'], `"${key}" lists ${JSON.stringify(login)}, already in "${first}": a member is listed once, active or emeritus`);
      else seen.set(login.toLowerCase(), key);
    });
  }
  if (members === null) return;
  const leaders = new Set<string>();
  if (value.type === 'working' && Array.isArray(value.leads)) for (const lead of value.leads) if (loginOf(lead)) leaders.add((loginOf(lead) as string).toLowerCase());
  if (Array.isArray(value.facilitators)) for (const f of value.facilitators) if (typeof f === 'string') leaders.add(f.toLowerCase());
  const listed = new Map<string, { level: unknown; i: number }>();
  members.forEach((entry: unknown, i: number) => {
    const login = loginOf(entry);
    if (login === null || listed.has(login.toLowerCase())) return;
    const level = (entry as Record<string, unknown>).level;
    listed.set(login.toLowerCase(), { level, i });
    if (level === 'lead' && !leaders.has(login.toLowerCase())) limited('invalid-value', ['members', i, 'level'], `${JSON.stringify(login)} is listed with level "lead" but is not among the group's ${value.type === 'interest' ? 'facilitators' : 'leads or facilitators'}`);
    if (typeof level === 'string' && level !== 'lead' && (MEMBER_LEVELS as readonly string[]).includes(level) && leaders.has(login.toLowerCase())) limited('invalid-value', ['members', i, 'level'], `${JSON.stringify(login)} leads the group: list them with level "lead"`);
  });
}

function loginOf(entry: unknown): string | null {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return null;
  const login = (entry as Record<string, unknown>).login;
  return typeof login === 'string' && login !== '' ? login : null;
}

/** A charter's listed WG Members (level `member`), logins as written. Pure. */
export function workingMembers(charter: Pick<Charter, 'members'>): string[] {
  return (charter.members ?? []).filter((m) => m.level === 'member').map((m) => m.login);
}
