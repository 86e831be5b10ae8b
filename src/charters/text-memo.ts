/**
 * Values kept by a text key (a charter's or a page's text, with what else its read depends on),
 * the most recently used last, up to `maxUnits` UTF-16 code units (~bytes) of keys in all; the
 * oldest are dropped first. An optimisation only: a value is what computing it for its key gives.
 */
export class TextMemo<V> {
  readonly #kept = new Map<string, V>();
  #units = 0;

  constructor(readonly maxUnits: number) {}

  /** The value kept for `key` (now the most recently used), or undefined. */
  get(key: string): V | undefined {
    const value = this.#kept.get(key);
    if (value !== undefined) {
      this.#kept.delete(key);
      this.#kept.set(key, value);
    }
    return value;
  }

  /** Keeps `value` for `key`, dropping the oldest entries beyond `maxUnits`. */
  set(key: string, value: V): void {
    if (this.#kept.delete(key)) this.#units -= key.length;
    this.#kept.set(key, value);
    this.#units += key.length;
    for (const [oldest] of this.#kept) {
      if (this.#units <= this.maxUnits) break;
      this.#kept.delete(oldest);
      this.#units -= oldest.length;
    }
  }

  /** Forgets everything kept. */
  clear(): void {
    this.#kept.clear();
    this.#units = 0;
  }
}
