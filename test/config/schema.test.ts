/**
 * `.github/group-steward.yml`: the policy, the people who decide, the quarterly update pattern
 * and the policy-dependent inactivity window (issue 11).
 */
import { describe, expect, it } from '@jest/globals';
import { ConfigError, parseConfig } from '../../src/config/load.js';
import { charterLayout } from '../../src/charters/layout.js';
import { ConfigFileSchema, DEFAULT_CONFIG, DEFAULT_INACTIVITY_DAYS, MAX_PATTERN_LENGTH, POLICIES } from '../../src/config/schema.js';

/** The ConfigError's problems for a raw configuration (fails the test when it parses). */
function problems(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('the configuration parsed');
}

describe('the default configuration', () => {
  it('is SEP-1302 with a 30-day window, as before', () => {
    expect(DEFAULT_CONFIG.policy).toBe('sep-1302');
    expect(DEFAULT_CONFIG.inactivity_days).toBe(30);
    expect(DEFAULT_CONFIG.activity.quarterly_update_pattern).toBe('quarterly update');
    expect(DEFAULT_CONFIG.vote).toEqual({ period_hours: 72 });
    expect(parseConfig(null)).toEqual(DEFAULT_CONFIG);
    expect(parseConfig(undefined)).toEqual(DEFAULT_CONFIG);
  });

  it('leaves inactivity_days open in the file shape, so the policy can decide it', () => {
    expect(ConfigFileSchema.parse({}).inactivity_days).toBeUndefined();
    expect(POLICIES).toEqual(['sep-1302', 'sep-2149']);
  });
});

describe('policy', () => {
  it('accepts sep-1302 and sep-2149', () => {
    expect(parseConfig({ policy: 'sep-1302' }).policy).toBe('sep-1302');
    expect(parseConfig({ policy: 'sep-2149' }).policy).toBe('sep-2149');
  });

  it('names the key and the allowed values when invalid', () => {
    expect(problems({ policy: 'sep-9999' })).toEqual(['policy: must be one of "sep-1302", "sep-2149"; found "sep-9999"']);
    expect(problems({ policy: 2149 })).toEqual(['policy: must be one of "sep-1302", "sep-2149"; found 2149']);
    expect(() => parseConfig({ policy: 'SEP-2149' })).toThrow('invalid .github/group-steward.yml: policy: must be one of "sep-1302", "sep-2149"');
  });

  it('lists the allowed values of every enum the same way', () => {
    expect(problems({ linking: { remove_requires: 'admins' } })).toEqual([
      'linking.remove_requires: must be one of "write-or-facilitator", "write", "anyone"; found "admins"',
    ]);
  });
});

describe('inactivity_days, by policy', () => {
  it('defaults to 30 under SEP-1302 (§ WG Lifecycle) and 90 under SEP-2149 (§ 1.9)', () => {
    expect(DEFAULT_INACTIVITY_DAYS).toEqual({ 'sep-1302': 30, 'sep-2149': 90 });
    expect(parseConfig({}).inactivity_days).toBe(30);
    expect(parseConfig({ policy: 'sep-1302' }).inactivity_days).toBe(30);
    expect(parseConfig({ policy: 'sep-2149' }).inactivity_days).toBe(90);
  });

  it('keeps a value the file gives, under either policy', () => {
    expect(parseConfig({ policy: 'sep-2149', inactivity_days: 45 }).inactivity_days).toBe(45);
    expect(parseConfig({ policy: 'sep-2149', inactivity_days: 30 }).inactivity_days).toBe(30);
    expect(parseConfig({ inactivity_days: 60 }).inactivity_days).toBe(60);
  });

  it('still rejects a value that is not a whole number of days', () => {
    expect(problems({ policy: 'sep-2149', inactivity_days: 'soon' })).toEqual([expect.stringMatching(/^inactivity_days: /)]);
    expect(problems({ inactivity_days: 0 })).toEqual([expect.stringMatching(/^inactivity_days: /)]);
  });
});

describe('vote.lead_maintainers', () => {
  it('takes a team or logins, like the moderators', () => {
    expect(parseConfig({ vote: { lead_maintainers: { logins: ['dsp-ant', 'localden'] } } }).vote.lead_maintainers).toEqual({ logins: ['dsp-ant', 'localden'] });
    expect(parseConfig({ vote: { lead_maintainers: { team: 'lead-maintainers' } } }).vote.lead_maintainers).toEqual({ team: 'lead-maintainers' });
    expect(parseConfig({}).vote.lead_maintainers).toBeUndefined();
  });

  it('rejects a login with "@", an empty list and an unknown key', () => {
    expect(problems({ vote: { lead_maintainers: { logins: ['@dsp-ant'] } } }).join('\n')).toMatch(/^vote\.lead_maintainers/);
    expect(problems({ vote: { lead_maintainers: { logins: [] } } }).join('\n')).toMatch(/^vote\.lead_maintainers/);
    expect(problems({ vote: { lead_maintainer: { team: 'x' } } })).toEqual(['vote.lead_maintainer: unknown key']);
  });
});

describe('activity.quarterly_update_pattern (SEP-2149 § 1.8)', () => {
  it('accepts a regular expression, matched ignoring case by its reader', () => {
    const pattern = parseConfig({ activity: { quarterly_update_pattern: '^Q[1-4] 20\\d\\d update' } }).activity.quarterly_update_pattern;
    expect(new RegExp(pattern, 'i').test('q3 2026 Update: Registry WG')).toBe(true);
    expect(new RegExp(DEFAULT_CONFIG.activity.quarterly_update_pattern, 'i').test('Registry WG — Quarterly Update, Q3 2026')).toBe(true);
  });

  it('rejects a pattern that does not compile, with the reason', () => {
    expect(problems({ activity: { quarterly_update_pattern: 'quarterly (update' } })).toEqual([
      expect.stringMatching(/^activity\.quarterly_update_pattern: must be a JavaScript regular expression.*Unterminated group/),
    ]);
  });

  it('rejects an empty pattern, one that is too long, and one that is not text', () => {
    expect(problems({ activity: { quarterly_update_pattern: '' } })).toEqual(['activity.quarterly_update_pattern: must not be empty']);
    expect(problems({ activity: { quarterly_update_pattern: 'a'.repeat(MAX_PATTERN_LENGTH + 1) } })).toEqual([
      `activity.quarterly_update_pattern: must be at most ${MAX_PATTERN_LENGTH} characters`,
    ]);
    expect(parseConfig({ activity: { quarterly_update_pattern: 'a'.repeat(MAX_PATTERN_LENGTH) } }).activity.quarterly_update_pattern).toHaveLength(MAX_PATTERN_LENGTH);
    expect(problems({ activity: { quarterly_update_pattern: 42 } })).toEqual([expect.stringMatching(/^activity\.quarterly_update_pattern: /)]);
  });
});

describe('charter_pages (SEP-2149 charter pages as the charter source)', () => {
  it('is absent by default: the YAML folder groups/ is the source', () => {
    expect(DEFAULT_CONFIG.charter_pages).toBeUndefined();
    expect(charterLayout(DEFAULT_CONFIG)).toEqual({ kind: 'yaml', dir: 'groups' });
    expect(charterLayout(parseConfig({ groups_dir: 'charters/' }))).toEqual({ kind: 'yaml', dir: 'charters' });
  });

  it('given, even empty, makes MCP\'s page folders and navigation the source, each movable', () => {
    expect(charterLayout(parseConfig({ charter_pages: {} }))).toEqual({ kind: 'pages', workingGroups: 'docs/community/working-groups', interestGroups: 'docs/community/interest-groups', nav: 'docs/docs.json' });
    expect(charterLayout(parseConfig({ charter_pages: { working_groups: 'site/wg/', nav: 'site/mint.json' } }))).toEqual({ kind: 'pages', workingGroups: 'site/wg', interestGroups: 'docs/community/interest-groups', nav: 'site/mint.json' });
  });

  it('names a bad key or path', () => {
    expect(problems({ charter_pages: { working_group: 'x' } })).toEqual(['charter_pages.working_group: unknown key']);
    expect(problems({ charter_pages: { nav: '../docs.json' } })).toEqual(['charter_pages.nav: must be a relative file path']);
    expect(problems({ charter_pages: { interest_groups: '/abs' } })).toEqual(['charter_pages.interest_groups: must be a relative folder path']);
  });
});
