/**
 * Putting untrusted text — charter fields, form answers, comment text, what GitHub returns — into
 * the Markdown the App writes (comments, issue and pull request bodies, check run summaries, the
 * directory, the Action's step summary), and into the plain-text places GitHub shows (titles,
 * annotations). The one home of escaping: every rendered surface uses these functions, each named
 * for the context it writes into, and nothing else escapes by hand.
 *
 * What "safe" means here (GitHub Flavored Markdown, https://github.github.com/gfm/, and what GitHub
 * does to the rendered HTML):
 * - nothing formats, links or embeds HTML: Markdown and HTML punctuation is backslash-escaped and
 *   `&` is written `&amp;` (so `&#64;` cannot decode into an `@`);
 * - nothing notifies or references: a word joiner (U+2060, invisible) follows every `@` (no
 *   mention of a person or team, `@everyone` included) and `#` (no `#12`, `owner/name#12`, no
 *   "Fixes #12" closing an issue), and breaks `GH-12`, `://` (no "Fixes https://…/issues/12",
 *   no autolink) and a leading `www.`;
 * - nothing leaves its context: a line break cannot start a block where one line is expected,
 *   a pipe cannot split a table cell, a backtick cannot end a code span or a fence;
 * - nothing hides: bidirectional controls (U+202E …) and other control characters are shown as
 *   `[U+XXXX]`;
 * - nothing is dropped: the text stays readable as typed.
 *
 * Logins that passed `LOGIN_PATTERN` may be written as `@login` where the App means to notify
 * (`mention`); everything else goes through one of these functions. Pure, total, no state.
 */
import { LOGIN_PATTERN } from '../charters/schema.js';

/** Longest echo of something a person typed, in code points. */
export const MAX_ECHO_LENGTH = 60;

/** The invisible character placed after `@`, `#` and the like: it stops GitHub's mention and reference matching. */
export const WORD_JOINER = '\u2060';

/**
 * Something a person typed (an id, a label), shown as an inline code span that cannot break out
 * of itself, mention anyone or form a marker: every character other than ASCII letters, digits,
 * `.`, `_`, `:` and `-` is shown as `[U+XXXX]`, which also makes Unicode look-alikes visible
 * (`r[U+0435]gistry`). Cut to `MAX_ECHO_LENGTH` code points, then "…". Pure.
 */
export function echoTyped(typed: string): string {
  const codePoints = Array.from(typed);
  const shown = codePoints
    .slice(0, MAX_ECHO_LENGTH)
    .map((c) => (/^[A-Za-z0-9._:-]$/.test(c) ? c : codePointName(c)))
    .join('');
  return `\`${shown}${codePoints.length > MAX_ECHO_LENGTH ? '…' : ''}\``;
}

/** `[U+202E]`. */
function codePointName(c: string): string {
  return `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`;
}

/** Bidirectional controls and control characters other than tab and line breaks: shown, never obeyed. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** Every line break Markdown or a browser may break a line at. */
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085]/g;

/** Markdown and HTML punctuation, backslash-escaped (CommonMark § 2.4). `&` is handled apart. */
const PUNCTUATION = /[\\`*_{}[\]()<>#+!|~$]/g;

/**
 * The breaks that stop GitHub's mentions and references, applied to text that is otherwise final
 * (Markdown-escaped or plain): `@` (people, teams, `@everyone`), `#` (`#12`, `owner/name#12`),
 * `GH-12`, `://` (an issue URL is a reference too, and after "Fixes" a closing one) and a word
 * starting `www.` (an autolink). `{ everywhere: false }` breaks only an `@` before a letter or
 * digit and a `#` before a digit (the only ones GitHub matches). Visible text is unchanged.
 */
function unreferenced(text: string, { everywhere = true }: { everywhere?: boolean } = {}): string {
  return text
    .replace(everywhere ? /@/g : /@(?=[A-Za-z0-9])/g, `@${WORD_JOINER}`)
    .replace(everywhere ? /#/g : /#(?=[0-9])/g, `#${WORD_JOINER}`)
    .replace(/\b(gh)-(?=\d)/gi, `$1-${WORD_JOINER}`)
    .replace(/:\/\//g, `:${WORD_JOINER}//`)
    .replace(/(^|[^A-Za-z0-9_.-])(www)\./gi, `$1$2${WORD_JOINER}.`);
}

/** `text` with every line break (CR, LF, CRLF, NEL, U+2028, U+2029) turned into one space. Pure. */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAKS, ' ');
}

/**
 * Text as Markdown text that may span lines (a paragraph of its own): Markdown and HTML
 * punctuation is backslash-escaped, `&` is `&amp;`, a line cannot start a list, a heading or a
 * thematic break, hidden characters are shown (`[U+202E]`) and mentions and references are broken
 * (see the module note), so it neither formats, embeds HTML, mentions anyone nor references (or,
 * after "Fixes", closes) an issue. Line breaks are kept: where one line is expected use
 * `inlineText`. Pure.
 */
export function plainText(text: string): string {
  const escaped = text
    .replace(HIDDEN, codePointName)
    .replace(PUNCTUATION, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    // A line of its own must not open a list (`- `, `1. `), a thematic break or a setext heading (`---`, `===`).
    .replace(/(^|[\r\n\u2028\u2029\u0085])([ \t]*)(?:([-=])|(\d{1,9})([.)]))/g, (_, start: string, indent: string, mark: string | undefined, digits: string | undefined, dot: string | undefined) =>
      mark !== undefined ? `${start}${indent}\\${mark}` : `${start}${indent}${digits ?? ''}\\${dot ?? ''}`,
    );
  return unreferenced(escaped);
}

/**
 * Text as one line of Markdown text — in a sentence, a list item, a heading, a link's text or a
 * table cell: line breaks become spaces, then `plainText`. Its pipes are escaped, so it never
 * splits a table row. Pure.
 */
export function inlineText(text: string): string {
  return plainText(oneLine(text));
}

/**
 * Markdown the App composed (its own text around parts already escaped with these functions) as
 * one table cell: line breaks become spaces and every pipe not already escaped is escaped, so the
 * row keeps its columns. Untrusted text goes through `inlineText` first (or use `tableCellText`).
 * Pure.
 */
export function tableCell(markdown: string): string {
  // A pipe after a backslash never splits a GFM cell; any other pipe is escaped.
  return oneLine(markdown).replace(/(?<!\\)\|/g, '\\|');
}

/** Untrusted text as one table cell: `tableCell(inlineText(text))`. Pure. */
export function tableCellText(text: string): string {
  return tableCell(inlineText(text));
}

/** A table row of cells (each already made with `tableCell` / `tableCellText`): `| a | b |`. Pure. */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/**
 * Markdown the App composed as one list item's line, `depth` levels deep (two spaces each):
 * `- <markdown>` with its line breaks turned into spaces, so nothing in it starts another block.
 * Untrusted parts must already be escaped (`inlineText`). Pure.
 */
export function listItem(markdown: string, depth = 0): string {
  return `${'  '.repeat(depth)}- ${oneLine(markdown)}`;
}

/**
 * Text as an inline code span, on one line: the span's backtick string is longer than any run of
 * backticks inside, and padded with a space when the text starts or ends with a backtick or a
 * space (CommonMark § 6.1), so nothing in it can end the span. GitHub neither formats, mentions
 * nor references inside code. In a table, wrap the span in `tableCell` (a pipe splits a cell even
 * in code). Empty text gives a code span of one space. Pure.
 */
export function inlineCode(text: string): string {
  const flat = oneLine(text).replace(HIDDEN, codePointName);
  if (flat === '') return '` `';
  const fence = '`'.repeat(longestBacktickRun(flat) + 1);
  const pad = /^[` ]|[` ]$/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Text as a fenced code block (CommonMark § 4.5): a fence of backticks longer than any run of
 * backticks inside (at least three), so no line of the text can close it; `info` (a language
 * name) keeps only its leading letters, digits, `_`, `+` and `-`. Line breaks are normalised to `\n`. The
 * block starts and ends a line: put it at the top level, with a blank line around it. Pure.
 */
export function fencedBlock(text: string, info = ''): string {
  const body = text.replace(/\r\n?/g, '\n').replace(HIDDEN, codePointName);
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  return `${fence}${/^[A-Za-z0-9_+-]*/.exec(info.trim())?.[0] ?? ''}\n${body}${body === '' || body.endsWith('\n') ? '' : '\n'}${fence}`;
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const match of text.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  return longest;
}

/**
 * A URL as a Markdown link destination that cannot end the link, split a table cell or decode
 * into something else: every character outside a conservative set is percent-encoded as UTF-8
 * (lone surrogates as U+FFFD), and `&` is written `&amp;` (decoded back to `&` by Markdown). Pure.
 */
export function linkDestination(url: string): string {
  const wellFormed = url.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return Array.from(wellFormed)
    .map((c) => (c === '&' ? '&amp;' : /^[A-Za-z0-9\-._~:/?#@!$+,;=%]$/.test(c) ? c : percentEncoded(c)))
    .join('');
}

function percentEncoded(c: string): string {
  return Array.from(new TextEncoder().encode(c), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/**
 * A Markdown link `[text](url)`: `text` is untrusted text (escaped with `inlineText`), `url` a
 * destination (`linkDestination`). A URL with a scheme other than `https:` or `http:`
 * (`javascript:`, `data:`) is not linked: the text is shown alone. Relative URLs are linked. Pure.
 */
export function link(text: string, url: string): string {
  if (/^\s*[A-Za-z][A-Za-z0-9+.-]*:/.test(url) && !/^https?:/i.test(url)) return inlineText(text);
  return `[${inlineText(text)}](${linkDestination(url)})`;
}

/**
 * A link to a GitHub profile that names a person without mentioning (notifying) them:
 * `[login](https://github.com/login)`. A string that is not a GitHub login is shown escaped,
 * unlinked. Pure.
 */
export function profileLink(login: string): string {
  return LOGIN_PATTERN.test(login) ? `[${login}](https://github.com/${login})` : inlineText(login);
}

/**
 * `@login`, which notifies the person, for a place where the App means to (a retirement issue's
 * facilitators, a reminder's leads): only a string `LOGIN_PATTERN` accepts is written so;
 * anything else is echoed (`echoTyped`), never a mention. Pure.
 */
export function mention(login: string): string {
  return LOGIN_PATTERN.test(login) ? `@${login}` : echoTyped(login);
}

/**
 * `@login` that reads as a mention but notifies no one (a word joiner after the `@`), for a
 * place that names people without calling them (a refusal naming who gave a command). A string
 * that is not a login is shown escaped. Pure.
 */
export function quietMention(login: string): string {
  return LOGIN_PATTERN.test(login) ? `@${WORD_JOINER}${login}` : inlineText(login);
}

/**
 * Text for a place GitHub shows as plain text, not Markdown — an issue or check run title, an
 * annotation's title and message: nothing is backslash-escaped (a backslash would show), but
 * mentions and references are broken as in Markdown (a word joiner after an `@` before a letter
 * or digit, a `#` before a digit, and in `GH-1`, `://`, `www.`), a word joiner follows a `<` that
 * could open a tag (wherever the text is later pasted) and hidden characters are shown
 * (`[U+202E]`). Line breaks
 * are kept (`oneLine` for a title). Visible text is unchanged. Pure.
 */
export function neutralText(text: string): string {
  return unreferenced(text.replace(HIDDEN, codePointName).replace(/<(?=[A-Za-z!/?])/g, `<${WORD_JOINER}`), { everywhere: false });
}
