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

/**
 * A deep copy of plain data — objects, arrays and primitives, what a read holds (a YAML document's
 * value, a page read) — made in this realm. A key `__proto__` stays an own property, as it was.
 */
export function copyPlain<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i += 1) copy[i] = copyPlain(value[i]);
    return copy as T;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copyPlain((value as Record<string, unknown>)[key]);
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy as T;
}

/**
 * Whether `value` is a tree of plain data: primitives, arrays, and objects whose prototype is this
 * realm's `Object.prototype` or null, all the way down, no object reached twice (a YAML alias
 * shares one, and may make a cycle: not a tree). Never recurses deeper than the value nests.
 */
export function isPlainData(value: unknown, seen: Set<object> = new Set()): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function';
  if (seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) return value.every((item) => isPlainData(item, seen));
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.keys(value).every((key) => isPlainData((value as Record<string, unknown>)[key], seen));
}
