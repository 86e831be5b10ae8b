/**
 * The work of markdown-it parses, counted instead of timed: a test that a read is bounded asserts
 * the block-rule checks it made (the unit of `PARSE_BUDGET`, src/markdown/blocks.ts), which a
 * loaded machine does not change. The times are `npm run bench`'s (bench/hostile-text.ts).
 */
import MarkdownIt from 'markdown-it';
import type { BudgetEnv } from '../../src/markdown/blocks.js';

/** One markdown-it parse made during `parseWork`'s call. */
export interface ParseWork {
  /** Length of the text parsed, in UTF-16 code units. */
  length: number;
  /** Lines of the text parsed (LF, CRLF or CR). */
  lines: number;
  /**
   * Block-rule checks the parse made, counted by the budget rule of its env; `PARSE_BUDGET + 1`
   * when it ran over the budget and was stopped; undefined when its env held no budget.
   */
  checks: number | undefined;
}

/**
 * Calls `fn` and returns its result with every markdown-it parse it made, in order: markdown-it's
 * `parse` is wrapped, for the call only, on the class every parser of the App is an instance of
 * (the same module instance as src's within a test file), to read the budget left in the parse's
 * env before and after.
 */
export function parseWork<T>(fn: () => T): { result: T; parses: ParseWork[] } {
  const prototype = Object.getPrototypeOf(new MarkdownIt()) as { parse: (src: string, env?: unknown) => unknown };
  const parse = prototype.parse;
  const parses: ParseWork[] = [];
  prototype.parse = function (this: unknown, src: string, env?: unknown) {
    const budget = (env as Partial<BudgetEnv> | undefined)?.parseBudget;
    const before = budget?.left;
    try {
      return parse.call(this, src, env);
    } finally {
      parses.push({ length: src.length, lines: src.split(/\r\n|\r|\n/).length, checks: budget && before !== undefined ? before - budget.left : undefined });
    }
  };
  try {
    return { result: fn(), parses };
  } finally {
    prototype.parse = parse;
  }
}
