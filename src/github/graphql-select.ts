/**
 * Reading GraphQL answers as the generated types (`graphql-types.generated.ts`) describe them: a
 * field selected with `... on Type` exists only on that variant of a union or an interface.
 */

/** The value type of `key` over the variants of `T` that have it. */
type SelectedValue<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

/**
 * `object[key]` when `object` is a variant that selected `key` (`target.file` of a commit, not of a
 * tree; `author.databaseId` of a user, not of a bot); undefined for the other variants and for a
 * null or missing object. Pure.
 */
export function selected<T extends object, K extends PropertyKey>(object: T | null | undefined, key: K): SelectedValue<T, K> | undefined {
  if (object === null || object === undefined || !(key in object)) return undefined;
  return (object as Record<K, SelectedValue<T, K>>)[key];
}
