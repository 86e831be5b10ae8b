/**
 * Markdown read as GitHub reads an issue, pull request or comment body: one way of building the
 * parser for the App, and the block tokens of a body. Every reader of Markdown structure (issue
 * form sections, command lines) starts here, never from regular expressions over the text.
 */
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as Markdown, Token } from 'markdown-it';

/**
 * A fresh markdown-it parser set up like GitHub's renderer: the `default` preset — CommonMark
 * (https://spec.commonmark.org/0.31.2/) with GitHub Flavored Markdown's tables and strikethrough
 * (https://github.github.com/gfm/) — and raw HTML recognised (`html: true`), as GitHub does before
 * sanitising it, so `<details>…` and `<!-- … -->` are HTML blocks and `<br>` is inline HTML.
 * Linkify and typographic replacements stay off (the preset's default). A new instance each call,
 * for a caller that adds its own rules. Never throws.
 */
export function createMarkdown(): Markdown {
  return new MarkdownIt('default', { html: true });
}

/**
 * Most block-rule checks one parse may make. markdown-it re-scans the lines after a block
 * quote for lazy continuation each time a quote starts, so a body of thousands of `> <!--`⏎`x`
 * (or `> ```⏎x`, `> # h`⏎`x`) pairs costs it time quadratic in the body: 30 million checks,
 * 3 to 4 s, at 64 Ki code units; 110 s at 256 Ki. Ordinary bodies of 64 Ki make under 70,000
 * (one or two a line). A check costs about 100 ns, so the budget is about 0.1 s.
 */
export const PARSE_BUDGET = 1_000_000;

/** Thrown by the budget rule to stop a parse that ran over `PARSE_BUDGET`. */
export class OverParseBudget extends Error {}

/** The parse environment's budget: the block-rule checks left (`parseBudget.left`). */
export type BudgetEnv = {
  parseBudget: { left: number };
};

/**
 * Adds the budget rule to `md`: first in every chain of block rules (and in the terminator chains
 * the block quote, list and paragraph rules scan lines with), it counts the checks and never
 * matches; a parse whose env holds `parseBudget` throws `OverParseBudget` once it is spent. A
 * parse without it is not counted.
 */
export function installParseBudget(md: Markdown): void {
  md.block.ruler.before(
    'table',
    'parse_budget',
    (state) => {
      const budget = (state.env as Partial<BudgetEnv> | undefined)?.parseBudget;
      if (budget && --budget.left < 0) throw new OverParseBudget('markdown parse over budget');
      return false;
    },
    { alt: ['paragraph', 'reference', 'blockquote', 'list'] },
  );
}

// Block parsing only: the inline rules (emphasis, links, …) are not run, so an `inline` token
// carries its source text in `content` and no children.
const blocksOnly = createMarkdown();
blocksOnly.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join'], true);
installParseBudget(blocksOnly);

/**
 * The block tokens of `text`, in document order, each with `map`, its source line range
 * `[first, end)` (0-based, `end` exclusive) where markdown-it sets one; `inline` tokens hold the
 * source text of a paragraph or heading in `content`, with empty `children`.
 *
 * Line endings `\r\n` and `\r` count as one line break each, as in CommonMark; no size limit of
 * its own (callers bound the text). Pure; never throws.
 *
 * @returns the tokens, or null when the parse ran over `PARSE_BUDGET` (crafted text markdown-it
 *          would take seconds on: see there) — the caller reads nothing of it
 */
export function parseBlocks(text: string): Token[] | null {
  const env: BudgetEnv = { parseBudget: { left: PARSE_BUDGET } };
  try {
    return blocksOnly.parse(text, env);
  } catch (error) {
    if (error instanceof OverParseBudget) return null;
    throw error;
  }
}
