/** Reading a rendered issue form: its `### <label>` sections, and which form it is. */
import { describe, expect, it } from '@jest/globals';
import { matchForm, MAX_FORM_READ_LENGTH, readFormSections } from '../../src/requests/form-answers.js';
import { PARSE_BUDGET } from '../../src/markdown/blocks.js';
import { INTEREST_GROUP_FORM, WORKING_GROUP_FORM } from '../../src/requests/forms.js';
import { parseWork } from '../support/parse-work.js';
import { IG_ANSWERS, renderForm, WG_ANSWERS } from './bodies.js';

/** A working group request exactly as GitHub stores the body of a submitted form. */
const RENDERED = `### Group id

tool-filtering

### Group name

Tool Filtering Working Group

### Facilitator(s)

@alice, bob

### Maintainer(s) (optional)

_No response_

### Explanation of interest/use cases

Clients need to choose among hundreds of tools.

#### Why now

\`\`\`yaml
### not a section: inside a fence
\`\`\`

### First Issue/PR/SEP you intend to procure

https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1300

### Discord channel

#tool-filtering-wg

### Owned repositories (optional)

_No response_`;

describe('readFormSections', () => {
  it('reads each ### section, its answer and its line; _No response_ is null', () => {
    expect(readFormSections(RENDERED)).toEqual([
      { label: 'Group id', answer: 'tool-filtering', line: 1 },
      { label: 'Group name', answer: 'Tool Filtering Working Group', line: 5 },
      { label: 'Facilitator(s)', answer: '@alice, bob', line: 9 },
      { label: 'Maintainer(s) (optional)', answer: null, line: 13 },
      {
        label: 'Explanation of interest/use cases',
        answer: 'Clients need to choose among hundreds of tools.\n\n#### Why now\n\n```yaml\n### not a section: inside a fence\n```',
        line: 17,
      },
      { label: 'First Issue/PR/SEP you intend to procure', answer: 'https://github.com/modelcontextprotocol/modelcontextprotocol/pull/1300', line: 27 },
      { label: 'Discord channel', answer: '#tool-filtering-wg', line: 31 },
      { label: 'Owned repositories (optional)', answer: null, line: 35 },
    ]);
  });

  it('reads \\r\\n bodies and a byte order mark the same way', () => {
    expect(readFormSections(`\uFEFF${RENDERED.replace(/\n/g, '\r\n')}`)).toEqual(readFormSections(RENDERED));
  });

  it('takes no heading inside a fence, a block quote, a list or HTML for a section', () => {
    const body = [
      '### Group id',
      '',
      '~~~',
      '### Facilitator(s)',
      '~~~',
      '',
      '> ### Group name',
      '',
      '- ### Discord channel',
      '',
      '<details>',
      '### Maintainer(s) (optional)',
      '</details>',
      '',
      '    ### indented code',
    ].join('\n');
    const sections = readFormSections(body);
    expect(sections.map((s) => s.label)).toEqual(['Group id']);
    expect(sections[0]?.answer).toContain('### Facilitator(s)');
  });

  it('opens a section only at a top-level h3 that is a form question; any other heading is answer text', () => {
    const body = '### Group id\n\none\n#### deeper\ntwo\n## Other\n\nthree\n### Aside\nx\n### Group name\nfour\n\nSetext\n======\nfive\n# Title';
    expect(readFormSections(body)).toEqual([
      { label: 'Group id', answer: 'one\n#### deeper\ntwo\n## Other\n\nthree\n### Aside\nx', line: 1 },
      { label: 'Group name', answer: 'four\n\nSetext\n======\nfive\n# Title', line: 11 },
    ]);
    // A setext underline inside an answer stays in it.
    expect(readFormSections('### Group id\n\nfour\nfive\n---\n').map((s) => s.answer)).toEqual(['four\nfive\n---']);
  });

  it('unwraps an answer rendered as one fenced block (render:), and keeps a fence among other text', () => {
    expect(readFormSections('### Group id\n\n```shell\nline 1\n\nline 2\n```\n')[0]?.answer).toBe('line 1\n\nline 2');
    expect(readFormSections('### Group id\n\ntext\n```\ncode\n```\n')[0]?.answer).toBe('text\n```\ncode\n```');
  });

  it('strips closing #s and spaces from a label; an empty answer is null; text before the first section is not one', () => {
    expect(readFormSections('intro text\n\n###   Group id   ###\n\n   \n\n### Group name\n_No response_')).toEqual([
      { label: 'Group id', answer: null, line: 3 },
      { label: 'Group name', answer: null, line: 7 },
    ]);
  });

  it('reads no sections from an empty body or a plain issue', () => {
    expect(readFormSections('')).toEqual([]);
    expect(readFormSections('Please add a group for tool filtering.\n\nThanks!')).toEqual([]);
  });

  // Work, not time (the time is `npm run bench`'s, bench/hostile-text.ts): what is parsed, and
  // the parse's block-rule checks.
  it('reads a body far longer than GitHub allows only up to its bound, in one parse linear in its lines', () => {
    const body = `### Group id\n\nx\n\n### Group name\n\n${'word\n'.repeat(60_000)}\n### Discord channel\n\ny`;
    expect(body.length).toBeGreaterThan(MAX_FORM_READ_LENGTH);
    const { result: sections, parses } = parseWork(() => readFormSections(body));
    expect(parses).toHaveLength(1);
    expect(parses[0]?.length).toBeLessThanOrEqual(MAX_FORM_READ_LENGTH);
    expect(parses[0]?.checks).toBeLessThan(2 * (parses[0]?.lines ?? 0));
    expect(sections.map((s) => s.label)).toEqual(['Group id', 'Group name']);
    expect(sections[1]?.answer?.length).toBeGreaterThan(250_000);
    expect(sections[1]?.answer?.length).toBeLessThanOrEqual(MAX_FORM_READ_LENGTH);
    expect(sections[1]?.answer?.endsWith('word')).toBe(true);
    // A 100 KB answer is read whole, with the questions after it.
    expect(readFormSections(`### Group id\n\n${'x'.repeat(100_000)}\n\n### Group name\n\ny`).map((s) => [s.label, s.answer?.length])).toEqual([['Group id', 100_000], ['Group name', 1]]);
    // 30,000 nested quote markers: markdown-it stops nesting at its maxNesting (100).
    const hostile = `### Group id\n\n${'> '.repeat(30_000)}x\n${'*'.repeat(30_000)}`;
    const deep = parseWork(() => readFormSections(hostile));
    expect(deep.result.map((s) => s.label)).toEqual(['Group id']);
    expect(deep.parses.map((p) => p.checks)).toEqual([expect.any(Number)]);
    expect(deep.parses[0]?.checks).toBeLessThan(PARSE_BUDGET / 100);
  });
});

describe('readFormSections on text crafted to make markdown-it quadratic', () => {
  it('reads no section of it, instead of parsing for minutes; the same answers without the crafted tail still read', () => {
    const form = renderForm(WORKING_GROUP_FORM, WG_ANSWERS);
    const crafted = `${form}\n\n${'> ```\nx\n'.repeat(Math.floor(MAX_FORM_READ_LENGTH / 8))}`;
    // Work, not time: without the budget this body makes markdown-it re-scan its lines for each quote.
    const stopped = parseWork(() => readFormSections(crafted));
    expect(stopped.result).toEqual([]);
    expect(stopped.parses.map((p) => p.checks)).toEqual([PARSE_BUDGET + 1]);
    expect(matchForm(readFormSections(form))).toBe(WORKING_GROUP_FORM);
  });
});

describe('matchForm', () => {
  it('tells the two forms apart from their headings', () => {
    expect(matchForm(readFormSections(RENDERED))).toBe(WORKING_GROUP_FORM);
    expect(matchForm(readFormSections(renderForm(WORKING_GROUP_FORM, WG_ANSWERS)))).toBe(WORKING_GROUP_FORM);
    expect(matchForm(readFormSections(renderForm(INTEREST_GROUP_FORM, IG_ANSWERS)))).toBe(INTEREST_GROUP_FORM);
  });

  it('ignores extra sections and tolerates a missing shared one, case and typographic apostrophes', () => {
    const body = `${renderForm(INTEREST_GROUP_FORM, IG_ANSWERS).replace('### Group name', '### Notes').replace(/IG's/g, 'IG’s').replace('### First topic', '### FIRST TOPIC')}\n\n### Anything else?\n\nNo.`;
    expect(matchForm(readFormSections(body))).toBe(INTEREST_GROUP_FORM);
  });

  it('matches nothing for a plain issue, a form missing a distinguishing question, or both forms at once', () => {
    expect(matchForm([])).toBeNull();
    expect(matchForm(readFormSections('### Group id\n\nx\n\n### Facilitator(s)\n\ny'))).toBeNull();
    expect(matchForm(readFormSections(renderForm(WORKING_GROUP_FORM, WG_ANSWERS).replace('### First Issue/PR/SEP', '### First thing')))).toBeNull();
    const both = `${renderForm(WORKING_GROUP_FORM, WG_ANSWERS)}\n\n${renderForm(INTEREST_GROUP_FORM, IG_ANSWERS)}`;
    expect(matchForm(readFormSections(both))).toBeNull();
  });
});
