import { describe, expect, it } from '@jest/globals';
import { ActionInputError, readActionInputs } from '../../src/action/run-action.js';
import { INSTANT_FORMS, instantProblem, parseInstant } from '../../src/cli/instant.js';
import { runCli } from '../../src/cli/run.js';

describe('--now', () => {
  it('reads a date-time without an offset as UTC, whatever the machine\'s time zone', () => {
    expect(parseInstant('2026-10-01T12:00')?.toISOString()).toBe('2026-10-01T12:00:00.000Z');
    expect(parseInstant('2026-10-01T12:00:30.5')?.toISOString()).toBe('2026-10-01T12:00:30.500Z');
    expect(parseInstant('2026-10-01')?.toISOString()).toBe('2026-10-01T00:00:00.000Z');
  });

  it('reads a date-time with Z or an offset in that zone, with or without seconds', () => {
    expect(parseInstant('2026-10-01T12:00:00+02:00')?.toISOString()).toBe('2026-10-01T10:00:00.000Z');
    expect(parseInstant('2026-10-01T12:00:00.250-05:30')?.toISOString()).toBe('2026-10-01T17:30:00.250Z');
    expect(parseInstant('2026-10-01T12:00:00Z')?.toISOString()).toBe('2026-10-01T12:00:00.000Z');
    expect(parseInstant('2026-10-01T12:00Z')?.toISOString()).toBe('2026-10-01T12:00:00.000Z');
    expect(parseInstant('2026-10-01T12:00+02:00')?.toISOString()).toBe('2026-10-01T10:00:00.000Z');
  });

  it('accepts 29 February of a leap year only', () => {
    expect(parseInstant('2028-02-29')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(parseInstant('2028-02-29T23:59:59Z')?.toISOString()).toBe('2028-02-29T23:59:59.000Z');
    expect(parseInstant('2000-02-29')?.toISOString()).toBe('2000-02-29T00:00:00.000Z');
    expect(parseInstant('2026-02-29')).toBeUndefined();
    expect(parseInstant('2100-02-29')).toBeUndefined();
  });

  it('refuses a day that does not exist instead of rolling it into the next month', () => {
    for (const bad of ['2026-02-30', '2026-02-30T00:00:00Z', '2026-02-31T12:00', '2026-04-31', '2026-00-10', '2026-10-00', '2026-10-01T24:00:00Z', '2026-10-01T12:60', '2026-10-01T12:00:00+24:00']) {
      expect([bad, parseInstant(bad)]).toEqual([bad, undefined]);
    }
  });

  it('refuses what is not an ISO 8601 date', () => {
    for (const bad of ['', 'yesterday', 'now', '2026-13-01', '2026-10-01 12:00', '1 Oct 2026', '2026-10-1', '20261001', '2026-10-01T12', '2026-10-01Z', ' 2026-10-01', '2026-10-01T12:00:00+0200', '1e12']) {
      expect([bad, parseInstant(bad)]).toEqual([bad, undefined]);
    }
  });

  it('names the option and the accepted forms in the usage error', () => {
    expect(instantProblem('--now', '2026-02-30')).toBe(`--now must be an ISO 8601 date or date-time that exists (${INSTANT_FORMS}), not "2026-02-30"`);
    expect(INSTANT_FORMS).toContain('YYYY-MM-DD');
    expect(INSTANT_FORMS).toContain('±HH:MM');
  });
});

describe('the CLI and the Action refuse an impossible --now / now with a usage error', () => {
  const cli = async (argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: process.cwd(), now: () => new Date('2026-11-22T00:00:00Z'), env: {} });
    return { code, stdout, stderr };
  };

  it.each([
    [['validate', 'groups', '--now', '2026-02-30'], '2026-02-30'],
    [['demo', '--now', '2026-02-29'], '2026-02-29'],
    [['activity', '--snapshot', 'none.json', '--now', '2026-02-30T10:00:00Z'], '2026-02-30T10:00:00Z'],
    [['activity', '--snapshot', 'none.json', '--now', 'garbage'], 'garbage'],
  ])('%j exits 2 naming --now and the forms', async (argv, value) => {
    const { code, stdout, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`group-steward ${argv[0]}: ${instantProblem('--now', value)}\n`);
  });

  const reader = (inputs: Record<string, string>) => ({
    getInput: (name: string) => inputs[name] ?? '',
    getBooleanInput: (name: string) => inputs[name] === 'true',
  });

  it('the Action\'s now input shares the parser', () => {
    const read = (now: string) => readActionInputs(reader({ 'governance-repo': 'o/governance', token: 'ghs_x', now }), {}, '/work');
    expect(read('2028-02-29T06:00:00+01:00').now?.toISOString()).toBe('2028-02-29T05:00:00.000Z');
    expect(read('').now).toBeUndefined();
    for (const bad of ['2026-02-30', '2026-02-29', 'garbage']) {
      expect(() => read(bad)).toThrow(ActionInputError);
      expect(() => read(bad)).toThrow(instantProblem('now', bad));
    }
  });
});
