/**
 * Benchmark: the time to read hostile and oversized text — the comment bodies the linking reads
 * commands from, the issue forms a group request is read from, and a YAML alias bomb in a
 * charter. A measurement, not a test: it asserts nothing and never runs under jest.
 *
 * The tests assert what these reads do and the work they make (markdown-it block-rule checks
 * against `PARSE_BUDGET`: test/support/parse-work.ts), never their time, which a loaded machine
 * changes; the times are here. "goal" is the time a read should stay under on an idle machine.
 */
import { validateCharters } from '../src/charters/validate.js';
import { readGroupCommands } from '../src/linking/commands.js';
import { MAX_READABLE_LENGTH, readableLines } from '../src/linking/readable-lines.js';
import { createMarkdown, installParseBudget, PARSE_BUDGET } from '../src/markdown/blocks.js';
import type { BudgetEnv } from '../src/markdown/blocks.js';
import { MAX_FORM_READ_LENGTH, readFormSections } from '../src/requests/form-answers.js';
import { WORKING_GROUP_FORM } from '../src/requests/forms.js';
import { readGroupRequest } from '../src/requests/group-request.js';

const NOW = new Date('2026-11-22T00:00:00Z');

/** Median and worst time of `rounds` calls of `fn` after one warm-up call, in ms. */
export function time(fn: () => unknown, rounds: number): { median: number; worst: number } {
  fn();
  const times: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, worst: times.at(-1) ?? 0 };
}

/** The block-rule checks one markdown-it parse of `text` makes (over PARSE_BUDGET: not stopped here). */
const counting = createMarkdown();
installParseBudget(counting);
function blockChecks(text: string): number {
  const env: BudgetEnv = { parseBudget: { left: Number.MAX_SAFE_INTEGER } };
  counting.parse(text, env);
  return Number.MAX_SAFE_INTEGER - env.parseBudget.left;
}

function line(name: string, fn: () => unknown, goalMs: number, rounds = 5): string {
  const { median, worst } = time(fn, rounds);
  return `  ${name}: median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms (goal < ${goalMs} ms)`;
}

/** Commands read from comment bodies (readGroupCommands: markdown-it, its budget, the comment pass). */
function benchCommands(): string[] {
  const hostile: Record<string, string> = {
    'comment openers': '<!--'.repeat(16_384),
    'list markers': '- '.repeat(32_768),
    'numbered markers': '1. '.repeat(21_845),
    'markers and tabs': '-\t \t'.repeat(16_384),
    'fence characters': '`'.repeat(65_536),
    'commands': '/wg \n'.repeat(13_107),
    'white space ids': `/wg ${' \t'.repeat(32_000)}x`,
    'open fences': '```\n~~~~\n'.repeat(8_000),
  };
  const quotes = `/wg a\n\n${'> ```\nx\n'.repeat(8192)}`.slice(0, MAX_READABLE_LENGTH);
  return [
    'commands of a comment body (readGroupCommands), 64 Ki code units at most',
    line('a 100 KB body of fences, quotes, comments and commands (read up to 64 Ki)', () => readGroupCommands('```\n/wg a\n```\n> /wg b\n<!-- /wg c -->\n/wg d\n'.repeat(2_500)), 500),
    ...Object.entries(hostile).map(([name, body]) => line(`hostile body of ${name}, then the same with a command after it`, () => [readGroupCommands(body), readGroupCommands(`${body}\n/wg registry`)], 250)),
    line(`64 Ki of "> \`\`\`⏎x" pairs, stopped at PARSE_BUDGET (${PARSE_BUDGET.toLocaleString('en-US')} checks; the whole parse needs ${blockChecks(quotes).toLocaleString('en-US')})`, () => [...readableLines(quotes)], 2000, 3),
  ];
}

/** Issue forms read into sections (readFormSections) and judged as a group request. */
function benchForms(): string[] {
  const long = `### Group id\n\nx\n\n### Group name\n\n${'word\n'.repeat(60_000)}\n### Discord channel\n\ny`;
  const deep = `### Group id\n\n${'> '.repeat(30_000)}x\n${'*'.repeat(30_000)}`;
  const form = WORKING_GROUP_FORM.fields.map((field) => `### ${field.label}\n\nanswer`).join('\n\n');
  const quotes = `${form}\n\n${'> ```\nx\n'.repeat(Math.floor(MAX_FORM_READ_LENGTH / 8))}`;
  const big = 'x'.repeat(100_000);
  const huge = `${WORKING_GROUP_FORM.fields.map((field) => `### ${field.label}\n\n${big}`).join('\n\n')}\n\n### More\n\n${big.repeat(2)}`;
  return [
    `issue forms (readFormSections, readGroupRequest), ${MAX_FORM_READ_LENGTH.toLocaleString('en-US')} code units read at most`,
    line(`a ${(long.length / 1000).toFixed(0)} KB body of one long answer (read up to its bound)`, () => readFormSections(long), 2000),
    line('30,000 nested quote markers and 30,000 *', () => readFormSections(deep), 2000),
    line(`a form and ${(quotes.length / 1000).toFixed(0)} KB of "> \`\`\`⏎x" pairs, stopped at PARSE_BUDGET`, () => readFormSections(quotes), 2000, 3),
    line(`a ${(huge.length / 1e6).toFixed(1)} MB request of 100 KB answers (readGroupRequest)`, () => readGroupRequest({ body: huge, openedAt: '2026-11-20T23:59:59Z', existing: [], groupsDir: 'groups', now: NOW }), 3000),
  ];
}

/** A billion-laughs alias bomb in a charter: 10 levels of 10 aliases, stopped at the alias limit. */
function benchAliasBomb(): string[] {
  const levels = 'abcdefghij'.split('');
  const lines = [`${levels[0]}: &${levels[0]} [${Array(10).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < levels.length; i += 1) lines.push(`${levels[i]}: &${levels[i]} [${Array(10).fill(`*${levels[i - 1]}`).join(', ')}]`);
  const content = `${lines.join('\n')}\n`;
  return [
    'charter validation of hostile YAML',
    line('a billion-laughs alias bomb (10^10 values), stopped at the alias limit', () => validateCharters([{ file: 'registry.yaml', content }], { now: NOW }), 5000),
  ];
}

/** Runs every measurement and returns the lines to print. */
export function benchHostileText(): string[] {
  return [...benchCommands(), ...benchForms(), ...benchAliasBomb()];
}
