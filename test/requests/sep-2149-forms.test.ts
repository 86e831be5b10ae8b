/**
 * The creation forms in each policy's words, as files: the repository's own forms are what
 * `issueFormText` writes for SEP-1302; SEP-2149's ask a working group's leads with their terms and
 * the sponsors, never describe SEP-1302's moderator vote, and their answers — leads with terms,
 * sponsors — reach the charter.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import type { CharterLayout } from '../../src/charters/layout.js';
import type { CharterSource } from '../../src/charters/parse.js';
import { readCharterDirectory } from '../../src/charters/read-directory.js';
import { CHARTER_KEYS, CharterSchema, INTEREST_GROUP_KEYS, WORKING_GROUP_KEYS } from '../../src/charters/schema.js';
import { validateCharters } from '../../src/charters/validate.js';
import { requestPageFiles } from '../../src/proposals/request-page.js';
import { readCheckoutPages } from '../../src/charters/read-pages.js';
import { distinguishingLabels, matchForm, normalizeLabel, readFormSections } from '../../src/requests/form-answers.js';
import {
  ALL_GROUP_FORMS,
  formIntro,
  GROUP_FORMS,
  GROUP_REQUEST_LABEL,
  INTEREST_GROUP_FORM,
  issueFormText,
  POLICY_FORMS,
  SEP_2149_INTEREST_GROUP_FORM,
  SEP_2149_WORKING_GROUP_FORM,
  WORKING_GROUP_FORM,
} from '../../src/requests/forms.js';
import type { FormLayout } from '../../src/requests/forms.js';
import { problemLine, readGroupRequest } from '../../src/requests/group-request.js';
import type { GroupRequest } from '../../src/requests/group-request.js';
import { groupsDir, IG_ANSWERS, NOW, renderForm, repoRoot, WG_ANSWERS } from './bodies.js';

/** Valid answers of SEP-2149's working group form. */
const WG_2149: Record<string, string | null> = {
  ...WG_ANSWERS,
  leads: '@alice until 2027-01-31\n- bob (2026 H2)\ncarol',
  sponsors: '@core-one, core-two',
};
/** Valid answers of SEP-2149's interest group form. */
const IG_2149: Record<string, string | null> = { ...IG_ANSWERS, sponsors: 'lead-maintainer' };

let existing: CharterSource[];
beforeAll(async () => {
  existing = await readCharterDirectory(groupsDir);
});

function request(body: string): GroupRequest {
  return readGroupRequest({ body, openedAt: '2026-11-20T12:00:00Z', existing, groupsDir: 'groups', now: NOW });
}
function valid(result: GroupRequest): Extract<GroupRequest, { kind: 'valid' }> {
  if (result.kind !== 'valid') throw new Error(`expected a valid request, got ${JSON.stringify(result, null, 1)}`);
  return result;
}
function problems(result: GroupRequest): string[] {
  if (result.kind !== 'invalid') throw new Error(`expected an invalid request, got ${JSON.stringify(result, null, 1)}`);
  return result.problems.map(problemLine);
}
const wg2149 = (answers: Record<string, string | null>) => request(renderForm(SEP_2149_WORKING_GROUP_FORM, { ...WG_2149, ...answers }));

interface IssueForm {
  name: string;
  description: string;
  title: string;
  labels: string[];
  body: { type: string; id?: string; attributes: Record<string, string>; validations?: { required?: boolean } }[];
}

describe("the repository's own forms", () => {
  it.each(GROUP_FORMS.map((form) => [form.type, form] as const))('the %s group form is what issueFormText writes for SEP-1302', (_type, form) => {
    expect(readFileSync(resolve(repoRoot, form.file), 'utf8')).toBe(issueFormText(form));
  });
});

const CASES = (['yaml', 'pages'] as const).flatMap((layout: FormLayout) => ALL_GROUP_FORMS.map((form) => [`${form.policy} ${form.type} (${layout})`, form, layout] as const));

describe.each(CASES)('the issue form file, %s', (_name, form, layout) => {
  const text = issueFormText(form, layout);
  const yml = parse(text) as IssueForm;

  it("is an issue form GitHub accepts: name, description, title, the label, a Markdown intro, then the fields", () => {
    expect(text.startsWith('# ')).toBe(true);
    expect(yml).toMatchObject({ name: form.name, description: form.description, title: form.title, labels: [GROUP_REQUEST_LABEL] });
    expect(Object.keys(yml)).toEqual(['name', 'description', 'title', 'labels', 'body']);
    expect(yml.body[0]).toEqual({ type: 'markdown', attributes: { value: formIntro(form, layout) } });
    const fields = yml.body.slice(1);
    expect(fields.every((e) => e.type === 'input' || e.type === 'textarea')).toBe(true);
    expect(fields.map((e) => ({ id: e.id, type: e.type, ...e.attributes, required: e.validations?.required }))).toEqual(
      form.fields.map((f) => ({ id: f.id, type: f.kind, label: f.label, description: f.description, ...(f.placeholder !== undefined ? { placeholder: f.placeholder } : {}), required: f.required })),
    );
    // GitHub: ids unique, of letters, digits, - and _; labels unique.
    expect(new Set(form.fields.map((f) => f.id)).size).toBe(form.fields.length);
    for (const f of form.fields) expect(f.id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(new Set(form.fields.map((f) => normalizeLabel(f.label))).size).toBe(form.fields.length);
  });

  it('says where the charter goes and who approves it, in its policy\'s words', () => {
    const intro = formIntro(form, layout);
    expect(intro).toContain(layout === 'yaml' ? '`groups/<id>.yaml`' : 'charter page');
    if (form.policy === 'sep-2149') {
      expect(text).not.toMatch(/moderator/i);
      expect(text).not.toMatch(/SEP-1302/);
      expect(intro).toMatch(/two core\s+maintainers or one lead maintainer/);
      expect(intro).toContain('"Group sponsorship"');
    } else {
      expect(intro).toMatch(/moderators then\s+vote/);
    }
  });
});

describe('the SEP-2149 forms', () => {
  const isListKey = (key: string) => {
    const def = (CharterSchema.shape as Record<string, { def: { type: string; innerType?: { def: { type: string } } } }>)[key]?.def;
    return def?.type === 'array' || (def?.type === 'optional' && def.innerType?.def.type === 'array');
  };

  it.each(POLICY_FORMS['sep-2149'].map((form) => [form.type, form] as const))('the %s form asks the same questions as SEP-1302\'s, the leaders in SEP-2149\'s terms, and the sponsors', (type, form) => {
    const sep1302 = type === 'working' ? WORKING_GROUP_FORM : INTEREST_GROUP_FORM;
    const keys = form.fields.map((f) => f.charterKey);
    const leaders = type === 'working' ? 'leads' : 'facilitators';
    expect(keys).toEqual([...sep1302.fields.map((f) => f.charterKey).filter((k) => k !== 'facilitators').flatMap((k) => (k === 'name' ? [k, leaders] : k === 'maintainers' ? [k, 'sponsors'] : [k]))]);
    expect(form.fields.find((f) => f.charterKey === leaders)?.required).toBe(true);
    expect(form.fields.find((f) => f.charterKey === 'sponsors')?.required).toBe(false);
    for (const f of form.fields) {
      expect(CHARTER_KEYS).toContain(f.charterKey);
      expect({ key: f.charterKey, list: Boolean(f.list) }).toEqual({ key: f.charterKey, list: isListKey(f.charterKey) });
      // The template answers keep SEP-1302's labels: one reader for both.
      const same = sep1302.fields.find((g) => g.charterKey === f.charterKey);
      if (same) expect(f.label).toBe(same.label);
    }
    const foreign: readonly string[] = type === 'working' ? INTEREST_GROUP_KEYS : WORKING_GROUP_KEYS;
    for (const f of form.fields) expect(foreign).not.toContain(f.charterKey);
    expect(distinguishingLabels(form).length).toBeGreaterThan(0);
  });

  it('asks a working group for its leads with their terms, and explains the sponsorship', () => {
    const leads = SEP_2149_WORKING_GROUP_FORM.fields.find((f) => f.charterKey === 'leads');
    expect(leads).toMatchObject({ kind: 'textarea', required: true, label: 'Lead(s) and their terms' });
    expect(leads?.description).toMatch(/term/);
    const sponsors = SEP_2149_WORKING_GROUP_FORM.fields.find((f) => f.charterKey === 'sponsors');
    expect(sponsors?.description).toMatch(/two core maintainers or one lead maintainer/);
  });
});

describe('matchForm across both policies', () => {
  it.each([
    ['SEP-1302 working group', WORKING_GROUP_FORM, WG_ANSWERS],
    ['SEP-1302 interest group', INTEREST_GROUP_FORM, IG_ANSWERS],
    ['SEP-2149 working group', SEP_2149_WORKING_GROUP_FORM, WG_2149],
    ['SEP-2149 interest group', SEP_2149_INTEREST_GROUP_FORM, IG_2149],
  ] as const)('a body of the %s form is that form', (_name, form, answers) => {
    expect(matchForm(readFormSections(renderForm(form, answers)))).toBe(form);
  });

  it('an empty optional sponsors answer still marks a SEP-2149 interest group body', () => {
    expect(matchForm(readFormSections(renderForm(SEP_2149_INTEREST_GROUP_FORM, { ...IG_2149, sponsors: null })))).toBe(SEP_2149_INTEREST_GROUP_FORM);
  });

  it('a body with both types\' questions, or none, is no form', () => {
    expect(matchForm(readFormSections(`${renderForm(SEP_2149_WORKING_GROUP_FORM, WG_2149)}\n\n${renderForm(SEP_2149_INTEREST_GROUP_FORM, IG_2149)}`))).toBeNull();
    expect(matchForm(readFormSections('### Group id\n\nx\n\n### Sponsor(s) (optional)\n\ny'))).toBeNull();
  });
});

describe('a SEP-2149 request: leads with their terms and sponsors reach the charter', () => {
  it('reads a working group\'s leads, one per line, with their terms, and the sponsors', () => {
    const result = valid(wg2149({}));
    expect(result.form).toBe(SEP_2149_WORKING_GROUP_FORM);
    expect(result.charter.leads).toEqual([{ login: 'alice', term: 'until 2027-01-31' }, { login: 'bob', term: '2026 H2' }, { login: 'carol' }]);
    expect(result.charter.sponsors).toEqual(['core-one', 'core-two']);
    expect(result.charter.facilitators).toBeUndefined();
    expect(parse(result.text)).toMatchObject({ leads: [{ login: 'alice', term: 'until 2027-01-31' }, { login: 'bob', term: '2026 H2' }, { login: 'carol' }], sponsors: ['core-one', 'core-two'] });
    // The charter file is valid under both policies, as the check will judge it.
    for (const policy of ['sep-1302', 'sep-2149'] as const) {
      const judged = validateCharters([...existing, { file: result.file, content: result.text }], { now: NOW, policy });
      expect(judged.diagnostics.filter((d) => d.file === result.file && d.severity === 'error')).toEqual([]);
    }
  });

  it.each([
    ['@alice — until 2027-01-31', { login: 'alice', term: 'until 2027-01-31' }],
    ['alice: 2026 H1', { login: 'alice', term: '2026 H1' }],
    ['* alice (term: 2026-12-31)', { login: 'alice', term: '2026-12-31' }],
    ['+ @alice - Initial', { login: 'alice', term: 'Initial' }],
    ['  @alice  ', { login: 'alice' }],
  ])('reads the line %j', (line, lead) => {
    expect(valid(wg2149({ leads: line })).charter.leads).toEqual([lead]);
  });

  it("reads an interest group's facilitators and sponsors", () => {
    const result = valid(request(renderForm(SEP_2149_INTEREST_GROUP_FORM, IG_2149)));
    expect(result.form).toBe(SEP_2149_INTEREST_GROUP_FORM);
    expect(result.charter).toMatchObject({ type: 'interest', facilitators: ['carol'], sponsors: ['lead-maintainer'] });
    expect(result.charter.leads).toBeUndefined();
  });

  it('leaves the sponsors out when none are named', () => {
    expect(valid(wg2149({ sponsors: null })).charter.sponsors).toBeUndefined();
  });

  it('reports, by the field\'s label, leads missing, several people on one line, a bad login, a term date that does not exist', () => {
    expect(problems(wg2149({ leads: null }))).toEqual(['Lead(s) and their terms: required']);
    expect(problems(wg2149({ leads: '- \n\n' }))).toEqual(['Lead(s) and their terms: required']);
    for (const line of ['@alice @bob', 'alice,bob', 'alice, bob']) {
      expect(problems(wg2149({ leads: line }))).toEqual([expect.stringMatching(/^Lead\(s\) and their terms: ".*" names more than one person: write one lead per line/)]);
    }
    expect(problems(wg2149({ leads: 'good until 2027-01-31\n@bad_login 2026 H1' }))).toEqual([
      'Lead(s) and their terms: `[U+0040]bad_login` is not a GitHub login: letters, digits and single inner hyphens, at most 39 characters',
    ]);
    expect(problems(wg2149({ leads: 'alice until 2027-02-30' }))).toEqual([
      'Lead(s) and their terms: "until 2027-02-30" ends in a date that does not exist: write the end date as a real YYYY-MM-DD date, e.g. `until 2027-01-31`',
    ]);
    expect(problems(wg2149({ leads: `alice ${'x'.repeat(201)}` }))).toEqual(['Lead(s) and their terms: is 201 characters long; at most 200']);
    expect(problems(wg2149({ leads: Array.from({ length: 51 }, (_, i) => `lead${i}`).join('\n') }))).toEqual(['Lead(s) and their terms: lists 51 leads; at most 50']);
    expect(problems(wg2149({ sponsors: 'not a login!' }))).toEqual(expect.arrayContaining([expect.stringMatching(/^Sponsor\(s\) \(optional\): .* is not a GitHub login/)]));
  });

  it('quotes hostile text of a lead\'s line as inert, bounded Markdown: no HTML, no mention', () => {
    const [problem] = problems(wg2149({ leads: `@alice <img src=x onerror=alert(1)> @everyone ${'x'.repeat(300)}` }));
    expect(problem).toMatch(/names more than one person/);
    expect(problem).not.toMatch(/(^|[^\\])<img/);
    expect(problem).not.toContain('@everyone');
    expect((problem as string).length).toBeLessThan(300);
  });

  it('warns, without blocking, about a lead whose term already ended', () => {
    const result = valid(wg2149({ leads: 'alice until 2025-01-31' }));
    expect(result.warnings?.map(problemLine)).toEqual([expect.stringMatching(/^Lead\(s\) and their terms: .*ended on 2025-01-31/)]);
  });

  it('a lead listed twice is a warning of the leads field', () => {
    const result = valid(wg2149({ leads: 'alice\nalice 2026 H2' }));
    expect(result.warnings?.map((w) => w.field)).toContain('Lead(s) and their terms');
  });

  it('under charter pages, the new page lists each lead with its term and the sponsors', async () => {
    const result = valid(wg2149({}));
    // MCP's real pages and navigation (examples/mcp-pages), as the App reads them.
    const checkout = await readCheckoutPages(resolve(repoRoot, 'examples/mcp-pages'));
    const layout = checkout.layout as Extract<CharterLayout, { kind: 'pages' }>;
    const text = (source: CharterSource): CharterSource => ({ file: source.file, content: Buffer.from(source.content).toString('utf8') });
    const nav = checkout.files.nav;
    const made = requestPageFiles({ charter: result.charter, layout, pages: checkout.files.charters.map(text), nav: nav && text(nav), now: NOW });
    if ('problem' in made) throw new Error(made.problem);
    const page = made.files[0]?.text ?? '';
    expect(page).toMatch(/\[@alice\]\(https:\/\/github\.com\/alice\)\s*\|\s*until 2027-01-31/);
    expect(page).toMatch(/\[@bob\]\(https:\/\/github\.com\/bob\)\s*\|\s*2026 H2/);
    expect(page).toMatch(/Sponsored by/);
  });
});
