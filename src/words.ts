/** Counted words for messages and reports: one way to write "1 error", "2 errors". */

/** `n` and the word for it: `plural(1, 'error')` → `1 error`, `plural(2, 'match', 'matches')` → `2 matches`. Pure. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
