/**
 * The text of a page or of the navigation file, bounded before it is decoded: size first, then
 * encoding (UTF-8, no NUL byte), with parse.ts's own diagnostics for a file that is not text.
 */
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic, parseCharterFile } from '../parse.js';
import type { CharterSource } from '../parse.js';

/**
 * The decoded text of `source`, or the one diagnostic that stops it from being read:
 * `file-too-large` when it is over `maxBytes` (its real size: `byteLength` when given), else
 * `file-encoding` when it holds a NUL byte or invalid UTF-8 (as parse.ts reports it, at the first
 * bad byte). A byte order mark is dropped. Pure; never throws.
 *
 * @param what how the bound is named in the message, e.g. "a charter page may be at most 262144 bytes (256 KiB)"
 */
export function sourceText(source: CharterSource, maxBytes: number, what: string): { text: string } | { diagnostic: Diagnostic } {
  const { content } = source;
  const size = source.byteLength ?? (typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength);
  if (size > maxBytes) {
    return { diagnostic: diagnostic(source.file, { line: 1, column: 1 }, 'file-too-large', `the file is ${size} bytes; ${what}`) };
  }
  const text = decoded(content);
  if (text !== null) return { text };
  // parse.ts decodes before anything else: its first diagnostic is the encoding problem, placed.
  const problem = parseCharterFile({ file: source.file, content, byteLength: 0 }).diagnostics[0];
  return { diagnostic: problem ?? diagnostic(source.file, { line: 1, column: 1 }, 'file-encoding', 'the file is not UTF-8 text') };
}

/** The text, when the content is UTF-8 without a NUL byte; null otherwise. */
function decoded(content: Uint8Array | string): string | null {
  if (typeof content === 'string') {
    const text = content.startsWith('\uFEFF') ? content.slice(1) : content;
    return text.includes('\0') ? null : text;
  }
  if (content.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return null;
  }
}
