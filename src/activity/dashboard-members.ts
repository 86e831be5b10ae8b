/**
 * The dashboard's "Members" section (SEP-2149 as MCP's docs state it, "Participation Levels"):
 * per working group with a member list, its WG Members quiet for 3 consecutive months (with their
 * last participation), emeritus members active again, and people not listed who participated in
 * each of the last 3 months — candidates a lead may nominate; the App nominates no one. Names are
 * profile links, never mentions: rewriting the dashboard notifies no one. Like the rest of the
 * dashboard it holds no relative time. Pure.
 */
import type { Charter } from '../charters/schema.js';
import { inlineText, link, listItem, profileLink } from '../markdown/escape.js';
import type { GroupParticipation, LoginParticipation, MonthState, ParticipationMonth } from './participation.js';
import { QUIET_MONTHS } from './participation.js';

const MARK: Record<MonthState, string> = { participated: '✓', none: '–', unknown: '?' };

/** `2026-09 ✓ · 2026-10 – · 2026-11 ? · 2026-12 (to date) –`: a login's months. */
export function monthMarks(months: readonly ParticipationMonth[], states: readonly MonthState[]): string {
  return months.map((m, i) => `${m.month}${m.toDate ? ' (to date)' : ''} ${MARK[states[i] ?? 'unknown']}`).join(' · ');
}

/** `last 2026-07-14` (linked to the item when known), or `none seen`. Markdown. */
function lastSeen(p: LoginParticipation): string {
  if (!p.last) return 'no participation seen in what was read';
  const day = p.last.at.slice(0, 10);
  return `last ${p.last.url ? link(day, p.last.url) : day}`;
}

/**
 * The section's lines (empty when no group has a member list with WG Members, emeritus members or
 * candidates): one subsection per working group, by id, listing quiet members, members whose
 * quiet cannot be told (and the sources not read), emeritus members active again, and candidates.
 * `heading`: `##` on the dashboard. Pure.
 */
export function membersSection(participation: readonly GroupParticipation[], charters: readonly Charter[], options: { heading?: string } = {}): string[] {
  const heading = options.heading ?? '##';
  const names = new Map(charters.map((c) => [c.id, c.name]));
  const groups = [...participation].filter((g) => g.members.length > 0 || g.returning.length > 0 || g.candidates.length > 0).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (groups.length === 0) return [];
  const out = [
    `${heading} Members`,
    '',
    `WG Members who do not participate for ${QUIET_MONTHS} consecutive months are moved to emeritus status and may return by demonstrating renewed participation (SEP-2149, Participation Levels). Participation is a person's opening, commenting, reviewing, pushing, closing or merging in the group's work, per calendar month (UTC); ✓ participated, – not in what was read, ? not everything was read. A member is called quiet only when every source of the group was read over every month. \`/emeritus <group>\` by a lead or a core maintainer proposes moving the quiet members in one pull request. Candidates are listed for a lead to consider: Group Steward nominates no one.`,
    '',
  ];
  for (const g of groups) {
    out.push(`**${inlineText(names.get(g.id) ?? g.id)}**`, '');
    const quiet = g.members.filter((m) => m.status === 'quiet');
    const unknown = g.members.filter((m) => m.status === 'unknown');
    const active = g.members.filter((m) => m.status === 'active');
    const items: string[] = [];
    if (quiet.length > 0) items.push(listItem(`quiet for ${QUIET_MONTHS} months: ${quiet.map((m) => `${profileLink(m.login)} (${lastSeen(m)})`).join('; ')}`));
    if (unknown.length > 0) {
      const notRead = [...new Set(g.months.flatMap((m) => m.notRead.map((c) => c.source)))];
      items.push(listItem(`cannot tell (not every source was read): ${unknown.map((m) => `${profileLink(m.login)} — ${inlineText(monthMarks(g.months, m.months))}`).join('; ')}`));
      if (notRead.length > 0) items.push(listItem(`not read over every month: ${notRead.map(inlineText).join('; ')}`, 1));
    }
    if (active.length > 0) items.push(listItem(`participating: ${active.map((m) => profileLink(m.login)).join(', ')}`));
    if (g.returning.length > 0) items.push(listItem(`emeritus, active again: ${g.returning.map((m) => `${profileLink(m.login)} (${lastSeen(m)})`).join('; ')}`));
    if (g.candidates.length > 0) items.push(listItem(`not listed, participated in each of the last ${QUIET_MONTHS} months: ${g.candidates.map((m) => profileLink(m.login)).join(', ')}`));
    out.push(...items, '');
  }
  return out;
}

/**
 * The members' participation as plain text for a terminal (the demo, `group-steward activity`):
 * for each active working group with a member list, by id, each WG Member's months (`✓`
 * participated, `–` not in what was read, `?` not everything read) and status, emeritus members
 * active again, candidates, and — when a month was not read whole — which sources and why; a
 * group listing no WG Members says so. Text from charters and snapshots is printed as it is. Pure.
 */
export function membersText(participation: readonly GroupParticipation[], charters: readonly Charter[]): string[] {
  const byId = new Map(participation.map((g) => [g.id, g]));
  const groups = charters.filter((c) => c.type === 'working' && c.status === 'active' && ((c.members ?? []).length > 0 || (c.emeritus ?? []).length > 0)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const out: string[] = [];
  for (const c of groups) {
    const g = byId.get(c.id);
    const levels = new Map<string, number>();
    for (const m of c.members ?? []) levels.set(m.level, (levels.get(m.level) ?? 0) + 1);
    out.push(`  wg:${c.id} — ${(c.members ?? []).length} listed (${[...levels].map(([l, n]) => `${n} ${l}`).join(', ')})${c.emeritus?.length ? `, ${c.emeritus.length} emeritus` : ''}`);
    if (!g || g.members.length === 0) {
      const listsMembers = (c.members ?? []).some((m) => m.level === 'member');
      out.push(listsMembers ? '      not judged: the job does not count this charter (its errors leave it out of the registry until fixed)' : '      no WG Members listed: nothing to judge');
      continue;
    }
    const width = Math.max(...g.members.map((m) => m.login.length));
    for (const m of g.members) {
      const status = m.status === 'quiet' ? `quiet for ${QUIET_MONTHS} months (${m.last ? `last ${m.last.at.slice(0, 10)}` : 'none seen'})` : m.status === 'active' ? 'participating' : 'cannot tell';
      out.push(`      ${m.login.padEnd(width)}  ${monthMarks(g.months, m.months)}  → ${status}`);
    }
    for (const r of g.returning) out.push(`      emeritus, active again: ${r.login} (last ${r.last?.at.slice(0, 10) ?? '?'})`);
    if (g.candidates.length > 0) out.push(`      not listed, participated in each of the last ${QUIET_MONTHS} months: ${g.candidates.map((m) => m.login).join(', ')}`);
    const notRead = new Map<string, string>();
    for (const month of g.months) for (const s of month.notRead) if (!notRead.has(s.source)) notRead.set(s.source, s.why ?? s.status);
    if (notRead.size > 0 && g.members.some((m) => m.status === 'unknown')) {
      out.push('      why it cannot tell — not read over every month:');
      for (const [source, why] of notRead) out.push(`        ${source}: ${why}`);
    }
  }
  return out;
}
