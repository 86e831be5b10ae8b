/**
 * Reading a submitted issue form. GitHub renders a form's answers into the issue body as Markdown:
 * each field becomes a `### <label>` heading followed by the answer, and an empty optional field
 * reads `_No response_`. The body is parsed with a Markdown parser (markdown-it's block tokens and
 * their source line ranges), never with regular expressions over the text, so a heading inside a
 * fenced code block, a block quote or an HTML block is never taken for a section.
 */
import type { Token } from 'markdown-it';
import { parseBlocks } from '../markdown/blocks.js';
import { ALL_GROUP_FORMS } from './forms.js';
import type { GroupForm } from './forms.js';

/** GitHub's longest issue body, in UTF-16 code units; `readGroupRequest` reports a longer one. */
export const MAX_FORM_BODY_LENGTH = 65_536;
/**
 * Longest body read, in UTF-16 code units: four times GitHub's limit, so an over-long answer is
 * still read and reported as too long rather than cut off with the questions after it.
 */
export const MAX_FORM_READ_LENGTH = 4 * MAX_FORM_BODY_LENGTH;

/** What GitHub writes for an optional field left empty. */
export const NO_RESPONSE = '_No response_';

/** One `### <label>` section of a rendered form. */
export interface FormSection {
  /** The heading's text as written (trimmed, closing `#`s removed), e.g. `Facilitator(s)`. */
  label: string;
  /** The answer's text, trimmed; `null` for `_No response_` or an empty answer. */
  answer: string | null;
  /** 1-based line of the heading in the body. */
  line: number;
}

/**
 * The `### <label>` sections of an issue body, in order.
 *
 * A section is a level-3 heading at the top level of the document (not in a block quote, a
 * list, a code block or an HTML block) whose text is one of the forms' questions (`ALL_GROUP_FORMS`,
 * compared with `normalizeLabel`); its answer is the source text from the line after the heading
 * up to the next such heading (or the end), trimmed. Any other heading (`# x`, `## Details`, an
 * `### Aside` no form asks) inside an answer is part of it, so no text a person wrote is dropped. An answer that is exactly one fenced code
 * block (how GitHub renders a field with `render:`) is the block's content. `_No response_` and an
 * empty answer are `null`. Text before the first section is not a section.
 *
 * A setext underline (`---`, `===`) makes a heading of the paragraph above it, as on GitHub; it
 * stays inside the answer.
 *
 * Line endings `\r\n` and `\r` read as `\n`; a byte order mark is dropped. Bounds: a body longer
 * than `MAX_FORM_READ_LENGTH` (256 Ki code units) is read up to that length less its last,
 * incomplete line (`readGroupRequest` reports any body over GitHub's `MAX_FORM_BODY_LENGTH`).
 * Pure; never throws; cost: at most `PARSE_BUDGET` block-rule checks (about 0.1 s) — a body
 * crafted to make markdown-it quadratic (thousands of quote lines) yields no sections.
 *
 * Source: GitHub's rendering of issue forms (docs: "Syntax for issue forms"); README § The life of
 * a group (step 1).
 */
export function readFormSections(body: string): FormSection[] {
  let text = (body.startsWith('\uFEFF') ? body.slice(1) : body).replace(/\r\n?/g, '\n');
  if (text.length > MAX_FORM_READ_LENGTH) {
    text = text.slice(0, MAX_FORM_READ_LENGTH);
    text = text.slice(0, Math.max(text.lastIndexOf('\n'), 0));
  }
  const lines = text.split('\n');
  // Block tokens only: the inline rules (emphasis, links, …) are not needed to find headings and
  // their source lines. HTML blocks are recognised, as GitHub does, so `<details>### x</details>`
  // is no section.
  const tokens = parseBlocks(text);
  // Crafted text markdown-it would take seconds on (`PARSE_BUDGET`): no section is read.
  if (tokens === null) return [];

  // Only a top-level h3 that is one of the forms' questions opens a section (and ends the one
  // before): any other heading — a `## Details` a person wrote inside a long answer — is answer text.
  const boundaries: number[] = [];
  tokens.forEach((token, i) => {
    if (token.type === 'heading_open' && token.level === 0 && token.tag === 'h3' && token.map && FIELD_LABELS.has(normalizeLabel(tokens[i + 1]?.content ?? ''))) boundaries.push(i);
  });

  const sections: FormSection[] = [];
  boundaries.forEach((open, b) => {
    const heading = tokens[open] as Token;
    if (heading.tag !== 'h3' || !heading.map) return;
    const next = boundaries[b + 1];
    const start = heading.map[1];
    const end = next === undefined ? lines.length : ((tokens[next] as Token).map?.[0] ?? lines.length);
    const blocks = tokens
      .slice(open + 3, next ?? tokens.length)
      .filter((t) => t.level === 0 && t.nesting >= 0);
    const only = blocks.length === 1 ? blocks[0] : undefined;
    const raw = only?.type === 'fence' ? only.content : lines.slice(start, end).join('\n');
    const answer = raw.trim();
    sections.push({
      label: (tokens[open + 1]?.content ?? '').trim(),
      answer: answer === '' || answer === NO_RESPONSE ? null : answer,
      line: heading.map[0] + 1,
    });
  });
  return sections;
}

/** Every question of every form (both policies'), normalised: the headings that open a section. */
const FIELD_LABELS = new Set(ALL_GROUP_FORMS.flatMap((form) => form.fields.map((field) => normalizeLabel(field.label))));

/**
 * A label as compared: Unicode NFC, typographic apostrophes as `'`, runs of white space as one
 * space, trimmed, lowercase. So `Flag potential overlap with other IG’s` matches the form's
 * `Flag potential overlap with other IG's`.
 */
export function normalizeLabel(label: string): string {
  return label.normalize('NFC').replace(/[\u2018\u2019\u02BC]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Which creation form a body was written with, from its section headings alone.
 *
 * First the type of group. Each form has distinguishing labels, the ones no form of the other
 * type has (working group: the use cases and the first Issue/PR/SEP, and under SEP-2149 the leads
 * with their terms; interest group: the related groups, how the group differs, the first topic);
 * the labels every type shares (id, name, facilitators, sponsors, …) decide nothing. A form is a
 * candidate when the body has a section for every one of its distinguishing labels (compared with
 * `normalizeLabel`). No candidate, or candidates of both types (a body carrying both types'
 * questions), is `null`.
 *
 * Then the policy's wording (`ALL_GROUP_FORMS`: SEP-1302's forms, then SEP-2149's): among the
 * candidates, the form with the most of its labels in the body — a SEP-2149 body has the leads or
 * the sponsors a SEP-1302 form does not ask — and on a tie the first, SEP-1302's, so a body of a
 * SEP-1302 form reads as it always has. Sections the form does not have are ignored, and shared
 * fields may be missing (the caller reports a required one as missing).
 *
 * Source: README § The life of a group (step 1); the forms of `ALL_GROUP_FORMS`.
 */
export function matchForm(sections: readonly FormSection[]): GroupForm | null {
  const present = new Set(sections.map((s) => normalizeLabel(s.label)));
  const candidates = ALL_GROUP_FORMS.filter((form) => distinguishingLabels(form).every((label) => present.has(label)));
  const first = candidates[0];
  if (!first || candidates.some((form) => form.type !== first.type)) return null;
  const asked = (form: GroupForm) => form.fields.filter((field) => present.has(normalizeLabel(field.label))).length;
  return candidates.reduce((best, form) => (asked(form) > asked(best) ? form : best), first);
}

/** The normalised labels of a form that no form of another type (in `ALL_GROUP_FORMS`) has. */
export function distinguishingLabels(form: GroupForm): string[] {
  const others = new Set(
    ALL_GROUP_FORMS.filter((f) => f.type !== form.type).flatMap((f) => f.fields.map((field) => normalizeLabel(field.label))),
  );
  return form.fields.map((field) => normalizeLabel(field.label)).filter((label) => !others.has(label));
}
