/**
 * Reading a creation request: a rendered form becomes a charter file that the check's validator
 * accepts, or every problem in the form's own field names, or the existing group that holds the id.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import type { CharterSource } from '../../src/charters/parse.js';
import { readCharterDirectory } from '../../src/charters/read-directory.js';
import { CHARTER_KEYS } from '../../src/charters/schema.js';
import { validateCharters } from '../../src/charters/validate.js';
import { INTEREST_GROUP_FORM, WORKING_GROUP_FORM } from '../../src/requests/forms.js';
import type { GroupForm } from '../../src/requests/forms.js';
import { CHARTER_SCHEMA_COMMENT, problemLine, readGroupRequest, REQUEST_FIELD } from '../../src/requests/group-request.js';
import type { FieldProblem, GroupRequest } from '../../src/requests/group-request.js';
import { MAX_FORM_READ_LENGTH } from '../../src/requests/form-answers.js';
import { PARSE_BUDGET } from '../../src/markdown/blocks.js';
import { parseWork } from '../support/parse-work.js';
import { groupsDir, IG_ANSWERS, NOW, renderForm, WG_ANSWERS } from './bodies.js';

let existing: CharterSource[];

beforeAll(async () => {
  existing = await readCharterDirectory(groupsDir);
});

const OPENED = '2026-11-20T23:59:59Z';

function request(body: string, options: { openedAt?: string; existing?: readonly CharterSource[] } = {}): GroupRequest {
  return readGroupRequest({ body, openedAt: options.openedAt ?? OPENED, existing: options.existing ?? existing, groupsDir: 'groups', now: NOW });
}

function wg(answers: Record<string, string | null>): GroupRequest {
  return request(renderForm(WORKING_GROUP_FORM, { ...WG_ANSWERS, ...answers }));
}

function ig(answers: Record<string, string | null>): GroupRequest {
  return request(renderForm(INTEREST_GROUP_FORM, { ...IG_ANSWERS, ...answers }));
}

function valid(result: GroupRequest): Extract<GroupRequest, { kind: 'valid' }> {
  if (result.kind !== 'valid') throw new Error(`expected a valid request, got ${JSON.stringify(result, null, 1)}`);
  return result;
}

function invalid(result: GroupRequest): FieldProblem[] {
  if (result.kind !== 'invalid') throw new Error(`expected an invalid request, got ${JSON.stringify(result, null, 1)}`);
  result.problems.forEach(expectSafe);
  result.warnings?.forEach(expectSafe);
  return result.problems;
}

/** The problems of one field, as `<field>: <message>` lines. */
function lines(problems: readonly FieldProblem[], field?: string): string[] {
  return problems.filter((p) => field === undefined || p.field === field).map(problemLine);
}

/**
 * A problem is safe Markdown: outside its code spans (which echoTyped writes without backticks
 * inside) there is no HTML, no mention, no link or image, nothing unescaped; and it is short.
 */
function expectSafe(problem: FieldProblem): void {
  expect(problem.message.length).toBeLessThan(500);
  expect(problem.message).not.toMatch(/[\r\n]/);
  const outside = problem.message.replace(/`[^`]*`/g, '').replace(/\\./g, '');
  expect(outside).not.toMatch(/[<>@`[\]!*_|&]/);
}

/** The result's charter text validated alone with the real groups, as the check would. */
function validates(result: Extract<GroupRequest, { kind: 'valid' }>): void {
  const judged = validateCharters([...existing, { file: result.file, content: result.text }], { now: NOW });
  expect(judged.diagnostics.filter((d) => d.file === result.file && d.severity === 'error')).toEqual([]);
  expect(judged.charters.find((c) => c.file === result.file)?.charter).toEqual(result.charter);
}

describe('a valid request', () => {
  it('becomes a working group charter file that the validator accepts', () => {
    const result = valid(request(renderForm(WORKING_GROUP_FORM, WG_ANSWERS)));
    expect(result.form).toBe(WORKING_GROUP_FORM);
    expect(result.file).toBe('groups/tool-filtering.yaml');
    expect(result.text).toBe(
      [
        CHARTER_SCHEMA_COMMENT,
        'id: tool-filtering',
        'name: Tool Filtering Working Group',
        'type: working',
        'status: active',
        'formed: 2026-11-20',
        'facilitators:',
        '  - alice',
        '  - bob',
        'discord: tool-filtering-wg',
        'repos:',
        '  - modelcontextprotocol/tool-filtering',
        'use_cases: |-',
        '  Clients need to choose among hundreds of tools.',
        '',
        '  This group designs *filtering* for them.',
        'first_work: https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1300',
        '',
      ].join('\n'),
    );
    expect(result.charter).toEqual({
      id: 'tool-filtering',
      name: 'Tool Filtering Working Group',
      type: 'working',
      status: 'active',
      formed: '2026-11-20',
      facilitators: ['alice', 'bob'],
      discord: 'tool-filtering-wg',
      repos: ['modelcontextprotocol/tool-filtering'],
      use_cases: 'Clients need to choose among hundreds of tools.\n\nThis group designs *filtering* for them.',
      first_work: 'https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1300',
    });
    expect(result.warnings).toEqual([]);
    validates(result);
  });

  it('becomes an interest group charter, its keys in the schema\'s order', () => {
    const result = valid(request(renderForm(INTEREST_GROUP_FORM, IG_ANSWERS)));
    expect(result.form).toBe(INTEREST_GROUP_FORM);
    expect(result.file).toBe('groups/client-implementors.yaml');
    expect(result.charter).toMatchObject({ type: 'interest', status: 'active', facilitators: ['carol'], maintainers: ['dave'], related_groups: ['security'] });
    const keys = Object.keys(parse(result.text) as object);
    expect(keys).toEqual(CHARTER_KEYS.filter((k) => keys.includes(k)));
    expect(result.text.split('\n')[0]).toBe(CHARTER_SCHEMA_COMMENT);
    validates(result);
  });

  it('writes a long one-line answer folded, a multi-line one literal, as the charters do', () => {
    const long = 'Clients need to choose among hundreds of tools, and servers need a way to say which tools belong together.';
    const result = valid(wg({ use_cases: long }));
    expect(result.text).toContain('use_cases: >-\n  Clients need to choose among hundreds of tools, and servers need a way to say\n  which tools belong together.\n');
    expect(result.charter.use_cases).toBe(long);
    expect(valid(wg({ use_cases: 'one\ntwo' })).text).toContain('use_cases: |-\n  one\n  two\n');
  });

  it('is formed on the UTC day the request was opened', () => {
    expect(valid(request(renderForm(WORKING_GROUP_FORM, WG_ANSWERS), { openedAt: '2026-11-21T00:30:00+01:00' })).charter.formed).toBe('2026-11-20');
    expect(valid(request(renderForm(WORKING_GROUP_FORM, WG_ANSWERS), { openedAt: '2026-01-01T00:00:00Z' })).charter.formed).toBe('2026-01-01');
  });

  it('reads lists separated by commas, spaces, lines or bullets, and strips one "@" and one "#"', () => {
    const result = valid(wg({ facilitators: '@alice,bob  carol', repos: '- modelcontextprotocol/a\n- modelcontextprotocol/b,\n\nmodelcontextprotocol/c', discord: '#tool-filtering-wg' }));
    expect(result.charter.facilitators).toEqual(['alice', 'bob', 'carol']);
    expect(result.charter.repos).toEqual(['modelcontextprotocol/a', 'modelcontextprotocol/b', 'modelcontextprotocol/c']);
    expect(result.charter.discord).toBe('tool-filtering-wg');
  });

  it('reads words mixing @logins and bare words as one entry, not as several people', () => {
    expect(lines(invalid(wg({ facilitators: '@bad login, @alice and @bob, carol' })))).toEqual([
      'Facilitator(s): `[U+0040]bad[U+0020]login` is not a GitHub login: letters, digits and single inner hyphens, at most 39 characters',
      'Facilitator(s): `[U+0040]alice[U+0020]and[U+0020][U+0040]bob` is not a GitHub login: letters, digits and single inner hyphens, at most 39 characters',
    ]);
    expect(valid(wg({ facilitators: '@alice @bob\n- carol dave' })).charter.facilitators).toEqual(['alice', 'bob', 'carol', 'dave']);
  });

  it('lists warnings without blocking: a channel without -wg, a repository another group owns', () => {
    const result = valid(wg({ discord: 'tool-filtering', repos: 'modelcontextprotocol/registry' }));
    expect(lines(result.warnings ?? [])).toEqual([
      "Discord channel: `tool-filtering` does not end in `-wg`, as a working group's channel does by convention",
      'Owned repositories (optional): `modelcontextprotocol[U+002F]registry` is also owned by another active group: its issues and pull requests would count for both',
    ]);
    validates(result);
  });
});

describe('an invalid request', () => {
  it('names every problem of every field at once, by the form\'s labels, in form order', () => {
    const problems = invalid(
      wg({ name: null, facilitators: '@bad_login, -x, ok', use_cases: null, first_work: 'http://example.com/1', discord: 'Tool Filtering', repos: 'https://github.com/a/b' }),
    );
    expect(lines(problems)).toEqual([
      'Group name: required',
      'Facilitator(s): `[U+0040]bad_login` is not a GitHub login: letters, digits and single inner hyphens, at most 39 characters',
      'Facilitator(s): `-x` is not a GitHub login: letters, digits and single inner hyphens, at most 39 characters',
      'Explanation of interest/use cases: required',
      'First Issue/PR/SEP you intend to procure: `http:[U+002F][U+002F]example.com[U+002F]1` is not an https URL, e.g. `https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1302` (use https)',
      'Discord channel: `Tool[U+0020]Filtering` is not a Discord channel name: lowercase letters, digits, `-` and `_`, e.g. `tool-filtering-wg` (channel names are lowercase)',
      'Owned repositories (optional): `https:[U+002F][U+002F]github.com[U+002F]a[U+002F]b` is not a repository written owner/name, e.g. `modelcontextprotocol/registry` (owner/name, not a URL)',
    ]);
  });

  it('reports required fields left empty, also when the section was deleted', () => {
    const body = renderForm(WORKING_GROUP_FORM, { ...WG_ANSWERS, facilitators: '  ,  ', id: null }).replace(/### Group name\n\n[^\n]*\n\n/, '');
    expect(lines(invalid(request(body)))).toEqual(['Group id: required', 'Group name: required', 'Facilitator(s): required']);
  });

  it('checks related interest groups against the real charters', () => {
    const problems = invalid(ig({ related_groups: 'registry, nope, client-implementors, Bad_Id' }));
    expect(lines(problems, "Flag potential overlap with other IG's")).toEqual([
      "Flag potential overlap with other IG's: `registry` is a working group; list interest groups only",
      "Flag potential overlap with other IG's: `nope`: no charter has this id; list the ids of chartered interest groups (see the groups folder)",
      "Flag potential overlap with other IG's: `client-implementors` is the id of this group itself",
      "Flag potential overlap with other IG's: `Bad_Id` is not a group id: kebab-case, e.g. `security`",
    ]);
  });

  it('reports a duplicated section, a one-line answer on several lines, too many entries', () => {
    const body = `${renderForm(WORKING_GROUP_FORM, { ...WG_ANSWERS, name: 'Tool\nFiltering', maintainers: Array.from({ length: 60 }, (_, i) => `m${i}`).join(' ') })}\n\n### Discord channel\n\nother-wg`;
    expect(lines(invalid(request(body)))).toEqual([
      'Group name: is one line; the answer has 2',
      'Maintainer(s) (optional): lists 60 entries; at most 50',
      'Discord channel: answered in 2 sections of the same heading; keep one',
    ]);
  });

  it('reports a request opened after today (a clock gone wrong), at the request', () => {
    expect(lines(invalid(request(renderForm(WORKING_GROUP_FORM, WG_ANSWERS), { openedAt: '2026-12-01T00:00:00Z' })))).toEqual([
      `${REQUEST_FIELD}: the request was opened on 2026-12-01 (UTC), after today`,
    ]);
  });

  it('bounds the problems listed for one field', () => {
    const problems = invalid(wg({ facilitators: Array.from({ length: 40 }, (_, i) => `bad_${i}`).join(' ') }));
    const mine = lines(problems, 'Facilitator(s)');
    expect(mine).toHaveLength(11);
    expect(mine[10]).toBe('Facilitator(s): 30 more problems are not listed');
  });
});

describe('an id that exists', () => {
  const renamed: CharterSource = {
    file: 'renamed.yaml',
    content: 'id: renamed\nname: Renamed Interest Group\ntype: interest\nstatus: retired\nprevious_ids: [old-name]\nretired:\n  on: 2026-01-01\n  reason: Folded into security.\n',
  };

  it('names the existing group, by id and ignoring case, and opens nothing', () => {
    for (const id of ['registry', 'Registry', ' REGISTRY ']) {
      const result = wg({ id });
      expect(result).toEqual({
        kind: 'exists',
        form: WORKING_GROUP_FORM,
        id: id.trim(),
        existing: { id: 'registry', name: 'Registry Working Group', file: 'registry.yaml', status: 'active', matched: 'id' },
      });
    }
  });

  it('names the group that once had the id (previous_ids), even when other answers are wrong', () => {
    const result = request(renderForm(INTEREST_GROUP_FORM, { ...IG_ANSWERS, id: 'Old-Name', facilitators: '@@' }), { existing: [...existing, renamed] });
    expect(result).toEqual({
      kind: 'exists',
      form: INTEREST_GROUP_FORM,
      id: 'Old-Name',
      existing: { id: 'renamed', name: 'Renamed Interest Group', file: 'renamed.yaml', status: 'retired', matched: 'previous_id' },
    });
  });

  it('counts a file already named after the id', () => {
    const misnamed: CharterSource = { file: 'taken.yaml', content: 'id: other\nname: Other\n' };
    expect(request(renderForm(WORKING_GROUP_FORM, { ...WG_ANSWERS, id: 'taken' }), { existing: [misnamed] })).toMatchObject({
      kind: 'exists',
      existing: { id: 'other', file: 'taken.yaml', matched: 'id' },
    });
  });
});

describe('hostile answers', () => {
  it.each([
    ['../x', '`..[U+002F]x` is not a kebab-case id: lowercase letters and digits joined by single hyphens, e.g. `tool-filtering` (an id names a file in the groups folder: no "/", "\\" or "..")'],
    ['A/B', '`A[U+002F]B` is not a kebab-case id: lowercase letters and digits joined by single hyphens, e.g. `tool-filtering` (an id names a file in the groups folder: no "/", "\\" or "..")'],
    ['..', '`..` is not a kebab-case id: lowercase letters and digits joined by single hyphens, e.g. `tool-filtering` (an id names a file in the groups folder: no "/", "\\" or "..")'],
    ['Tool-Filtering', '`Tool-Filtering` is not a kebab-case id: lowercase letters and digits joined by single hyphens, e.g. `tool-filtering` (ids are lowercase)'],
    ['tool filtering', '`tool[U+0020]filtering` is not one id: write a single kebab-case id, e.g. `tool-filtering`'],
    ['a'.repeat(48), `\`${'a'.repeat(48)}\` is 48 characters long; an id has at most 47, so that its label fits GitHub's 50 characters`],
  ])('an id %j is a problem of the id and never a file name', (id, message) => {
    const result = wg({ id });
    expect(result.kind).toBe('invalid');
    const problems = invalid(result);
    expect(problems).toEqual([{ field: 'Group id', message }]);
    expect(result).not.toHaveProperty('file');
    expect(JSON.stringify(problems)).not.toContain('.yaml');
  });

  it('judges the rest of the form even when the id is unusable', () => {
    expect(lines(invalid(wg({ id: '../../etc/passwd', facilitators: 'a_b' })))).toEqual([
      expect.stringMatching(/^Group id: `..\[U\+002F\]..\[U\+002F\]etc/),
      'Facilitator(s): `a_b` is not a GitHub login: letters, digits and single inner hyphens, at most 39 characters',
    ]);
  });

  it('keeps Markdown and HTML in answers as text, and out of the messages', () => {
    const name = '<img src=x onerror=alert(1)> **@everyone** [x](javascript:alert(1)) `code`';
    const result = valid(wg({ name: name }));
    expect(result.charter.name).toBe(name);
    expect(parse(result.text)).toMatchObject({ name });
    validates(result);

    const problems = invalid(wg({ facilitators: '<script>alert(1)</script> @everyone', discord: '`</code><b>x</b>`', first_work: '[click](https://evil.example)' }));
    expect(lines(problems)).toEqual([
      'Facilitator(s): `[U+003C]script[U+003E]alert[U+0028]1[U+0029][U+003C][U+002F]script[U+003E][U+0020][U+0040]everyone` is not a GitHub login: letters, digits and single inner hyphens, at most 39 characters',
      expect.stringMatching(/^First Issue\/PR\/SEP you intend to procure: `\[U\+005B\]click/),
      expect.stringMatching(/^Discord channel: `\[U\+0060\]\[U\+003C\]\[U\+002F\]code/),
    ]);
    expect(JSON.stringify(problems)).not.toMatch(/@everyone/);
    // Alone, "@everyone" is the login "everyone": well-formed, and never a mention in a message.
    expect(valid(wg({ facilitators: '@everyone' })).charter.facilitators).toEqual(['everyone']);
  });

  it.each([
    ['name', 'Group name: is 100,000 characters long; at most 1,000'],
    ['use_cases', 'Explanation of interest/use cases: is 100,000 characters long; at most 5,000'],
    ['facilitators', 'Facilitator(s): is 100,000 characters long; a list answer may be at most 2,000'],
    ['repos', 'Owned repositories (optional): is 100,000 characters long; a list answer may be at most 2,000'],
    ['first_work', 'First Issue/PR/SEP you intend to procure: is 100,000 characters long; at most 1,000'],
  ])('reports a 100 KB answer to %s clearly and briefly', (key, line) => {
    const big = key === 'facilitators' || key === 'repos' ? 'ab '.repeat(33_333).concat('a') : 'x'.repeat(100_000);
    const body = renderForm(WORKING_GROUP_FORM, { ...WG_ANSWERS, [key]: big });
    const problems = invalid(request(body));
    expect(lines(problems)).toEqual([`${REQUEST_FIELD}: the issue body is ${body.length.toLocaleString('en-US')} characters long; GitHub allows at most 65,536`, line]);
    expect(JSON.stringify(problems).length).toBeLessThan(1000);
  });

  // Work, not time (the time is `npm run bench`'s, bench/hostile-text.ts): only the first
  // MAX_FORM_READ_LENGTH of the body is parsed, in one parse far inside the budget.
  it('survives a 1 MB body of 100 KB answers, reading only its first MAX_FORM_READ_LENGTH', () => {
    const big = 'x'.repeat(100_000);
    const body = renderForm(WORKING_GROUP_FORM, Object.fromEntries(WORKING_GROUP_FORM.fields.map((f) => [f.charterKey, big])));
    const whole = `${body}\n\n### More\n\n${big.repeat(2)}`;
    expect(whole.length).toBeGreaterThan(3 * MAX_FORM_READ_LENGTH);
    const { result, parses } = parseWork(() => request(whole));
    expect(['invalid', 'not-a-request']).toContain(result.kind);
    if (result.kind === 'invalid') result.problems.forEach(expectSafe);
    expect(parses).toHaveLength(1);
    expect(parses[0]?.length).toBeLessThanOrEqual(MAX_FORM_READ_LENGTH);
    expect(parses[0]?.checks).toBeLessThan(PARSE_BUDGET / 100);
  });

  it('reports answers just over the schema\'s own limits in the form\'s words', () => {
    expect(lines(invalid(wg({ name: 'n'.repeat(101), use_cases: 'u'.repeat(5001) })))).toEqual([
      'Group name: is 101 characters long; at most 100',
      'Explanation of interest/use cases: is 5,001 characters long; at most 5,000',
    ]);
  });

  it.each(['yes', 'No', 'on', 'null', '~', 'true', '&anchor', '*alias', ': ', 'a: b', '- x', "'", '"', '#x', 'a # b', '--- x', '...', '0123', '1e3', '!!js/function x', '%TAG', '{a: 1}', '[x]', '|', '>', '12:30'])(
    'keeps the YAML-special answer %j a string',
    (special) => {
      const result = valid(ig({ name: `${special}`.trim() === '' ? 'x' : special, differentiation: special.trim() === '' ? 'x' : special, first_topic: `${special}\n${special}` }));
      const reread = parse(result.text) as Record<string, unknown>;
      expect(reread.name).toBe(special.trim());
      expect(reread.differentiation).toBe(special.trim());
      expect(reread.first_topic).toBe(`${special}\n${special}`.trim());
      validates(result);
    },
  );

  it('keeps a lone "#" (an empty heading on GitHub) as the answer it was typed in', () => {
    expect(valid(ig({ first_topic: '#' })).charter.first_topic).toBe('#');
  });

  it('quotes words YAML 1.1 readers take for booleans or null', () => {
    const result = valid(ig({ name: 'yes', first_topic: 'off' }));
    expect(result.text).toContain('name: "yes"\n');
    expect(result.text).toContain('first_topic: "off"\n');
  });

  it('reports a body longer than GitHub allows, and still judges its answers', () => {
    const body = `${renderForm(WORKING_GROUP_FORM, WG_ANSWERS)}\n\n### Notes\n\n${'word\n'.repeat(14_000)}`;
    // `### Notes` is no question of the form: its text belongs to the answer above it.
    expect(lines(invalid(request(body)))).toContain(`${REQUEST_FIELD}: the issue body is ${body.length.toLocaleString('en-US')} characters long; GitHub allows at most 65,536`);
  });

  it('reads broken characters and control characters without crashing', () => {
    expect(lines(invalid(wg({ use_cases: 'a\uD800b' })))).toEqual([
      'Explanation of interest/use cases: contains a broken character (an unpaired UTF-16 surrogate); type the answer again',
    ]);
    const result = valid(wg({ use_cases: 'bell\u0007 nul\u0000 line\u2028sep' }));
    expect(result.charter.use_cases).toBe('bell\u0007 nul\u0000 line\u2028sep');
    expect(result.text).not.toContain('\u0000');
    validates(result);
  });
});

describe('not a request', () => {
  it.each([
    ['an empty body', ''],
    ['a plain issue', 'The registry is down.\n\n### Steps\n\n1. open it'],
    ['a form missing its distinguishing questions', '### Group id\n\nx\n\n### Group name\n\ny'],
    ['both forms in one body', `${renderForm(WORKING_GROUP_FORM, WG_ANSWERS)}\n\n${renderForm(INTEREST_GROUP_FORM, IG_ANSWERS)}`],
  ])('%s is not a request', (_what, body) => {
    expect(request(body)).toEqual({ kind: 'not-a-request' });
  });

  it('needs a real instant for openedAt (a caller\'s error)', () => {
    expect(() => request('', { openedAt: 'yesterday' })).toThrow(RangeError);
  });
});

describe('both forms', () => {
  it.each([WORKING_GROUP_FORM, INTEREST_GROUP_FORM].map((f) => [f.type, f] as const))(
    'the %s form with only its required answers is valid',
    (_type, form: GroupForm) => {
      const base = form === WORKING_GROUP_FORM ? WG_ANSWERS : IG_ANSWERS;
      const answers = Object.fromEntries(form.fields.map((f) => [f.charterKey, f.required ? base[f.charterKey] ?? null : null]));
      const result = valid(request(renderForm(form, answers)));
      expect(result.form).toBe(form);
      validates(result);
    },
  );
});
