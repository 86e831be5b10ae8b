/**
 * Putting text into the App's Markdown comments safely. Issue 4 § Linking (replies, link comments).
 */

/** Longest echo of something a person typed, in code points. */
export const MAX_ECHO_LENGTH = 60;

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
    .map((c) => (/^[A-Za-z0-9._:-]$/.test(c) ? c : `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`))
    .join('');
  return `\`${shown}${codePoints.length > MAX_ECHO_LENGTH ? '…' : ''}\``;
}

/**
 * Text from a charter (a group's name) as plain Markdown text: Markdown and HTML punctuation is
 * backslash-escaped, and `@` and `#` are followed by a word joiner (U+2060), so it neither formats,
 * mentions anyone, nor references (or, after "Fixes", closes) an issue. Pure.
 */
export function plainText(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`).replace(/@/g, '@\u2060').replace(/#/g, '#\u2060');
}

/** A link to a GitHub profile that names a person without mentioning (notifying) them. */
export function profileLink(login: string): string {
  return `[${login}](https://github.com/${login})`;
}

/**
 * Text from a pull request or a charter (a diagnostic message, a file name) as one line of plain
 * Markdown: line breaks become spaces, `&` an entity, and Markdown and HTML punctuation is
 * escaped (`plainText`), so it cannot format, link, embed HTML or mention anyone. Pure.
 */
export function inlineText(text: string): string {
  return plainText(text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/&/g, '&amp;'));
}
