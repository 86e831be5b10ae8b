/**
 * The governance rules a single charter must meet beyond its shape: what SEP-1302's creation
 * templates require of each type of group, what a retired group records, dates that cannot be in
 * the future, SEP-2149's lead terms, and MCP's conventions (warnings). Pure: plain data and
 * `today` in, diagnostics out.
 *
 * The rules read the raw mapping with guards, so that one malformed field (already reported by
 * the schema) never hides a problem elsewhere in the same charter.
 */
import type { Policy } from '../config/schema.js';
import { leadTermEnd } from '../policies/lead-terms.js';
import { INTEREST_GROUP_KEYS, WORKING_GROUP_KEYS } from './schema.js';
import { checkYamlMembers } from './members.js';
import type { Diagnostic, RuleId } from './diagnostics.js';
import { diagnostic } from './parse.js';
import type { KeyPath, ParsedCharterFile } from './parse.js';

/** Most diagnostics of one charter's rules (the validator lists at most 100 per file). */
const MAX_RULE_DIAGNOSTICS = 200;

/** A GitHub issue or pull request URL: the form of a deliverable whose completion can be tracked. */
export const GITHUB_WORK_URL = /^https:\/\/github\.com\/([^/\s]+)\/([^/\s]+)\/(?:issues|pull)\/(\d+)(?:[/?#].*)?$/;

const TEMPLATE_FIELDS: Record<'working' | 'interest', { key: string; question: string }[]> = {
  working: [
    { key: 'use_cases', question: 'explanation of interest / use cases' },
    { key: 'first_work', question: 'first Issue/PR/SEP the group intends to procure' },
  ],
  interest: [
    { key: 'differentiation', question: 'how this IG differentiates itself from related IGs' },
    { key: 'first_topic', question: 'first topic to discuss' },
  ],
};

/** The governance policy a charter is judged under (`policy` in `.github/group-steward.yml`). */
export interface CharterRuleOptions {
  /**
   * `sep-1302` (the default): an active group answers SEP-1302's creation template — a WG its
   * `use_cases` and `first_work`, an IG its `differentiation` and `first_topic`
   * (`type-required-field`). `sep-2149`: the charter is SEP-2149 Part 2's template (mission,
   * scope, leadership, …), which a YAML charter keeps as prose outside the schema, so those four
   * answers are not required; every other rule is the same.
   */
  policy?: Policy;
  /**
   * Config `meetings.calendar_base` (issue 23): given, a charter's `meetings.tag` resolves to a
   * feed; absent, a tag is warned about (`meetings-tag-no-base`), naming the fix.
   */
  calendarBase?: string;
}

/**
 * Checks one charter's type, status, date and convention rules.
 *
 * @param parsed  the parsed file (for positions)
 * @param value   the file's mapping, as parsed (not necessarily schema-valid)
 * @param today   the current date in UTC, `YYYY-MM-DD`; a later date is "in the future"
 * @param options.policy the policy judged under (default `sep-1302`); under `sep-2149`,
 *                `type-required-field` is not reported (SEP-2149 Part 2 replaces SEP-1302's
 *                creation templates)
 * @returns diagnostics; never throws
 *
 * Source: SEP-1302 § Interest Groups and § Working Groups (Creation Template, Lifecycle),
 * § WG/IG Facilitators; SEP-2149 § 1.1 (a WG's leads, an IG's facilitators), Part 2 (the charter
 * template) and Part 2 § 4 (a lead's term); MCP's channel naming convention (`-wg` / `-ig`).
 */
export function checkCharterRules(parsed: ParsedCharterFile, value: Record<string, unknown>, today: string, options: CharterRuleOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (rule: RuleId, path: KeyPath, message: string, where: 'key' | 'value' = 'value') =>
    out.push(diagnostic(parsed.file, parsed.positionOf(path, where), rule, message));
  const has = (key: string) => Object.prototype.hasOwnProperty.call(value, key) && value[key] !== null;
  const type = value.type === 'working' || value.type === 'interest' ? value.type : undefined;
  const status = value.status === 'active' || value.status === 'retired' ? value.status : undefined;
  const groupWord = type === 'working' ? 'a working group' : 'an interest group';

  // Type rules: each type has only its own fields and, under SEP-1302, answers its own creation
  // template. SEP-2149's charter template (Part 2) asks none of those answers.
  const policy = options.policy ?? 'sep-1302';
  if (type) {
    const foreign = type === 'working' ? INTEREST_GROUP_KEYS : WORKING_GROUP_KEYS;
    for (const key of foreign) {
      if (Object.prototype.hasOwnProperty.call(value, key)) {
        report('type-field', [key], `"${key}" belongs to ${type === 'working' ? 'interest' : 'working'} groups; ${groupWord} does not have it`, 'key');
      }
    }
    if (status === 'active' && policy === 'sep-1302') {
      for (const { key, question } of TEMPLATE_FIELDS[type]) {
        if (!has(key)) report('type-required-field', ['type'], `an active ${type} group needs "${key}" (SEP-1302 creation template: ${question})`);
      }
    }
  }

  // Status rules: an active group has its leaders and a formation date; a retired one says so.
  // Leaders: SEP-1302's "facilitators" for both types, or SEP-2149's "leads" for a working group
  // (§ 1.1: "Each group has one or more Leads (referred to as Facilitators for Interest Groups)").
  if (status === 'active') {
    const led = has('facilitators') || (type !== 'interest' && has('leads'));
    if (!led) {
      report(
        'active-required-field',
        ['status'],
        type === 'interest'
          ? 'an active group needs "facilitators": one or more GitHub logins (SEP-1302 § Facilitators; SEP-2149 § 1.1: an interest group\'s leads are its facilitators)'
          : 'an active group needs "facilitators" (SEP-1302 § Facilitators) or, for a working group, "leads" (SEP-2149 § 1.1): one or more GitHub logins',
      );
    }
    if (!has('formed')) report('active-required-field', ['status'], 'an active group needs "formed": the date it was formed, YYYY-MM-DD');
    if (Object.prototype.hasOwnProperty.call(value, 'retired')) {
      report('retired-block', ['retired'], '"retired" is only for a retired group; remove it, or set status: retired', 'key');
    }
    if (!has('discord')) report('discord-missing', ['id'], 'an active group names no Discord channel ("discord"), where SEP-1302 groups meet');
  }
  if (status === 'retired') {
    const retired = value.retired;
    if (retired === undefined || retired === null) {
      report('retired-block', ['status'], 'a retired group records "retired: { on, reason }": when and why it was retired');
    } else if (isRecord(retired) && !Object.prototype.hasOwnProperty.call(retired, 'on')) {
      // `on: unknown` says no record dates it: a gap acknowledged is not warned about again.
      report('retired-date-missing', ['retired'], '"retired.on" is missing: write the date the group was retired (YYYY-MM-DD), or "on: unknown" when no record gives it', 'key');
    }
  }

  // Dates: none in the future; a group is not retired before it was formed.
  const formed = isDate(value.formed) ? value.formed : undefined;
  const retiredOn = isRecord(value.retired) && isDate(value.retired.on) ? value.retired.on : undefined;
  if (formed && formed > today) report('date-future', ['formed'], `"formed" is ${formed}, after today (${today} UTC)`);
  if (retiredOn && retiredOn > today) report('date-future', ['retired', 'on'], `"retired.on" is ${retiredOn}, after today (${today} UTC)`);
  if (formed && retiredOn && retiredOn < formed) {
    report('retired-before-formed', ['retired', 'on'], `"retired.on" (${retiredOn}) is before "formed" (${formed})`);
  }

  // Lead terms (SEP-2149 Part 2 § 4: the leads table records each lead's term). A term whose end
  // date has passed is a warning while the group is active; a retired group's terms are history.
  if (status === 'active' && type !== 'interest' && Array.isArray(value.leads)) {
    value.leads.forEach((lead, i) => {
      if (!isRecord(lead) || typeof lead.term !== 'string') return;
      const end = leadTermEnd(lead.term);
      if (end === null || end >= today || out.length >= MAX_RULE_DIAGNOSTICS) return;
      const who = typeof lead.login === 'string' ? `lead "${lead.login}"` : 'this lead';
      report('lead-term-expired', ['leads', i, 'term'], `the term of ${who} ended on ${end}, before today (${today} UTC): renew it or update the leads (SEP-2149 Part 2 § 4)`);
    });
  }

  // Conventions (warnings).
  // An archived channel of a retired group is history, not something to rename.
  if (type && status === 'active' && typeof value.discord === 'string' && !value.discord.startsWith('#')) {
    const suffix = type === 'working' ? '-wg' : '-ig';
    if (!value.discord.endsWith(suffix)) {
      report('discord-suffix', ['discord'], `the channel "${value.discord}" does not end in "${suffix}", as ${groupWord}'s channel does by convention`);
    }
  }
  if (Array.isArray(value.deliverables)) {
    value.deliverables.forEach((url, i) => {
      if (typeof url === 'string' && url.startsWith('https://') && !GITHUB_WORK_URL.test(url)) {
        report('deliverable-untracked', ['deliverables', i], 'this deliverable is not a GitHub issue or pull request URL, so its completion cannot be tracked');
      }
    });
  }
  for (const key of ['facilitators', 'maintainers', 'sponsors', 'repos', 'paths', 'deliverables', 'related_groups', 'previous_ids']) {
    const list = value[key];
    if (!Array.isArray(list)) continue;
    const seen = new Set<string>();
    list.forEach((entry, i) => {
      if (typeof entry !== 'string') return;
      const norm = key === 'paths' || key === 'deliverables' ? entry : entry.toLowerCase();
      if (seen.has(norm) && out.length < MAX_RULE_DIAGNOSTICS) report('duplicate-entry', [key, i], `"${key}" lists ${JSON.stringify(entry)} twice`);
      seen.add(norm);
    });
  }
  // Meetings (issue 23): a tag needs the configured calendar base, unless the charter gives the feed itself.
  if (status === 'active' && isRecord(value.meetings) && typeof value.meetings.tag === 'string' && value.meetings.calendar === undefined && options.calendarBase === undefined) {
    report('meetings-tag-no-base', ['meetings', 'tag'], `"meetings.tag" is a tag on the configured calendar, but no calendar is configured: set \`meetings.calendar_base\` in .github/group-steward.yml (MCP's: https://meet.modelcontextprotocol.io), or give "meetings.calendar" (the ICS URL); until then its meetings are not read`);
  }
  // Member lists (SEP-2149 "Participation Levels"): no one twice, leads listed as leads.
  checkYamlMembers(value, (rule, path, message) => report(rule, path, message));
  if (Array.isArray(value.leads)) {
    const seen = new Set<string>();
    value.leads.forEach((lead, i) => {
      if (!isRecord(lead) || typeof lead.login !== 'string') return;
      const norm = lead.login.toLowerCase();
      if (seen.has(norm) && out.length < MAX_RULE_DIAGNOSTICS) report('duplicate-entry', ['leads', i, 'login'], `"leads" lists ${JSON.stringify(lead.login)} twice`);
      seen.add(norm);
    });
  }
  return out;
}

/** `YYYY-MM-DD` text (the schema checks that it is a real date). */
function isDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
