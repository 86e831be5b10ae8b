/**
 * Discord snowflakes: 64-bit ids whose top 42 bits are the ms since Discord's epoch
 * (2015-01-01T00:00:00Z), so an id says when its object was made and ids sort by time.
 * @see https://discord.com/developers/docs/reference#snowflakes
 */

/** Discord's epoch, in ms since the Unix epoch (2015-01-01T00:00:00.000Z). */
export const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/** A snowflake as Discord writes it: a decimal string of at most 20 digits (u64). */
export const SNOWFLAKE_PATTERN = /^[0-9]{1,20}$/;

/** Whether `value` is a snowflake string (digits only, within u64). */
export function isSnowflake(value: unknown): value is string {
  return typeof value === 'string' && SNOWFLAKE_PATTERN.test(value) && BigInt(value) < 1n << 64n;
}

/** The instant a snowflake encodes, in ms since the Unix epoch: `(id >> 22) + 1420070400000`. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH_MS);
}

/**
 * The smallest snowflake of the instant `ms` (ms since the Unix epoch; clamped to Discord's
 * epoch): every id made at `ms` or later is ≥ it, every id made earlier is < it — the `before`
 * cursor that reads nothing made at or after `ms`.
 */
export function snowflakeAt(ms: number): string {
  const since = BigInt(Math.floor(ms)) - DISCORD_EPOCH_MS;
  return (since > 0n ? since << 22n : 0n).toString();
}
