/**
 * The creation forms cannot drift: the issue form files equal the model of `src/requests/forms.ts`,
 * every field fills a key of the charter schema, and every key the validator requires of an
 * active group of the form's type has a required field.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { validateCharters } from '../../src/charters/validate.js';
import { CHARTER_KEYS, CharterSchema, INTEREST_GROUP_KEYS, WORKING_GROUP_KEYS } from '../../src/charters/schema.js';
import { distinguishingLabels, normalizeLabel } from '../../src/requests/form-answers.js';
import { GROUP_FORMS, GROUP_REQUEST_LABEL, INTEREST_GROUP_FORM, WORKING_GROUP_FORM } from '../../src/requests/forms.js';
import type { GroupForm } from '../../src/requests/forms.js';
import { NOW, repoRoot } from './bodies.js';

interface FormElement {
  type: string;
  id?: string;
  attributes: { label?: string; description?: string; placeholder?: string; value?: string };
  validations?: { required?: boolean };
}

interface IssueForm {
  name: string;
  description: string;
  title: string;
  labels: string[];
  body: FormElement[];
}

function readForm(form: GroupForm): IssueForm {
  return parse(readFileSync(resolve(repoRoot, form.file), 'utf8')) as IssueForm;
}

/** The keys the validator itself demands of an active group of a type, beyond type, status and formed. */
function requiredKeys(type: GroupForm['type']): string[] {
  const text = `type: ${type}\nstatus: active\nformed: 2025-01-01\n`;
  const { diagnostics } = validateCharters([{ file: 'probe.yaml', content: text }], { now: NOW });
  return [
    ...new Set(
      diagnostics
        .filter((d) => ['missing-field', 'type-required-field', 'active-required-field'].includes(d.rule))
        .map((d) => /"([a-z_]+)"/.exec(d.message)?.[1] ?? `unparsed: ${d.message}`),
    ),
  ];
}

/** Whether a schema key holds a list (its zod type, optional unwrapped, is an array). */
function isListKey(key: string): boolean {
  const shape = CharterSchema.shape as Record<string, { def: { type: string; innerType?: { def: { type: string } } } }>;
  const def = shape[key]?.def;
  return def?.type === 'array' || (def?.type === 'optional' && def.innerType?.def.type === 'array');
}

describe.each(GROUP_FORMS.map((form) => [form.type, form] as const))('the %s group form', (_type, form) => {
  const yml = readForm(form);

  it('is an issue form that applies the group-request label', () => {
    expect(GROUP_REQUEST_LABEL).toBe('group-request');
    expect(yml.labels).toEqual([GROUP_REQUEST_LABEL]);
    expect(yml.name).toBe(form.name);
    expect(yml.title).toBe(form.title);
    expect(typeof yml.description).toBe('string');
    expect(yml.description.length).toBeGreaterThan(0);
    expect(yml.body.every((e) => ['markdown', 'input', 'textarea'].includes(e.type))).toBe(true);
    expect(yml.body[0]?.type).toBe('markdown');
  });

  it('has exactly the fields of the model: ids, labels, kinds, required-ness, help texts', () => {
    const fields = yml.body
      .filter((e) => e.type !== 'markdown')
      .map((e) => ({
        id: e.id,
        label: e.attributes.label,
        kind: e.type,
        required: e.validations?.required ?? false,
        description: e.attributes.description,
        placeholder: e.attributes.placeholder,
      }));
    expect(fields).toEqual(
      form.fields.map((f) => ({ id: f.id, label: f.label, kind: f.kind, required: f.required, description: f.description, placeholder: f.placeholder })),
    );
  });

  it('has unique ids and labels, ids GitHub accepts', () => {
    expect(new Set(form.fields.map((f) => f.id)).size).toBe(form.fields.length);
    expect(new Set(form.fields.map((f) => normalizeLabel(f.label))).size).toBe(form.fields.length);
    for (const f of form.fields) expect(f.id).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('maps every field to a distinct key of the charter schema, lists to list keys', () => {
    for (const f of form.fields) {
      expect(CHARTER_KEYS).toContain(f.charterKey);
      expect(Boolean(f.list)).toBe(isListKey(f.charterKey));
    }
    expect(new Set(form.fields.map((f) => f.charterKey)).size).toBe(form.fields.length);
    // type, status and formed come from the form, the request and its date, never from an answer.
    for (const key of ['type', 'status', 'formed', 'retired']) expect(form.fields.map((f) => f.charterKey)).not.toContain(key);
  });

  it('asks only its own type\'s template questions', () => {
    const foreign: readonly string[] = form.type === 'working' ? INTEREST_GROUP_KEYS : WORKING_GROUP_KEYS;
    for (const f of form.fields) expect(foreign).not.toContain(f.charterKey);
  });

  it("has a required field for every key the validator requires of an active group of its type", () => {
    const keys = requiredKeys(form.type);
    const template = form.type === 'working' ? ['use_cases', 'first_work'] : ['differentiation', 'first_topic'];
    expect(keys).toEqual(expect.arrayContaining(['id', 'name', 'facilitators', ...template]));
    expect(keys.filter((k) => k.startsWith('unparsed'))).toEqual([]);
    for (const key of keys) {
      const field = form.fields.find((f) => f.charterKey === key);
      expect({ key, required: field?.required }).toEqual({ key, required: true });
    }
  });

  it('has questions no other form has, so a rendered body tells the forms apart', () => {
    expect(distinguishingLabels(form).length).toBeGreaterThan(0);
  });
});

describe('SEP-1302 creation templates', () => {
  it('are the working group questions', () => {
    expect(WORKING_GROUP_FORM.fields.map((f) => [f.charterKey, f.label, f.required])).toEqual([
      ['id', 'Group id', true],
      ['name', 'Group name', true],
      ['facilitators', 'Facilitator(s)', true],
      ['maintainers', 'Maintainer(s) (optional)', false],
      ['use_cases', 'Explanation of interest/use cases', true],
      ['first_work', 'First Issue/PR/SEP you intend to procure', true],
      ['discord', 'Discord channel', true],
      ['repos', 'Owned repositories (optional)', false],
    ]);
  });

  it('are the interest group questions', () => {
    expect(INTEREST_GROUP_FORM.fields.map((f) => [f.charterKey, f.label, f.required])).toEqual([
      ['id', 'Group id', true],
      ['name', 'Group name', true],
      ['facilitators', 'Facilitator(s)', true],
      ['maintainers', 'Maintainer(s) (optional)', false],
      ['related_groups', "Flag potential overlap with other IG's", false],
      ['differentiation', "How this IG differentiates itself from the related IG's", true],
      ['first_topic', 'First topic you want to discuss', true],
      ['discord', 'Discord channel', true],
      ['repos', 'Owned repositories (optional)', false],
    ]);
  });
});
