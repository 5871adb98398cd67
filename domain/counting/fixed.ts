/**
 * Exact fixed-point decimals: a value is a bigint count of 10^-scale units, so 1.5 at scale 5 is
 * 150000n. No floating point ever touches a count; each rule names its scale and which way each
 * operation rounds, and these are the only roundings there are.
 */

/** 10^scale for the scales the rules use, worked out once: a count multiplies by it millions of times. */
const UNITS = Array.from({ length: 19 }, (_, scale) => 10n ** BigInt(scale));
const unitOf = (scale: number) => UNITS[scale] ?? 10n ** BigInt(scale);

/** `n` whole votes at this scale. */
export const whole = (n: number | bigint, scale: number): bigint => BigInt(n) * unitOf(scale);

/** a × b, rounded down (towards zero for the non-negative values counts hold). */
export const mulDown = (a: bigint, b: bigint, scale: number): bigint => (a * b) / unitOf(scale);

/** a × b, rounded up. */
export const mulUp = (a: bigint, b: bigint, scale: number): bigint => ceilDiv(a * b, unitOf(scale));

/** a ÷ b, rounded down. */
export const divDown = (a: bigint, b: bigint, scale: number): bigint => (a * unitOf(scale)) / b;

/** a ÷ b, rounded up. */
export const divUp = (a: bigint, b: bigint, scale: number): bigint => ceilDiv(a * unitOf(scale), b);

/** ⌈a / b⌉ for a ≥ 0, b > 0. */
export const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

/** The value as a decimal string with exactly `scale` digits after the point ("12.50000"); whole numbers at scale 0 ("12"). */
export function formatFixed(value: bigint, scale: number): string {
  const sign = value < 0n ? '-' : '';
  const digits = (value < 0n ? -value : value).toString().padStart(scale + 1, '0');
  return scale === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Reads a decimal string exactly; more digits after the point than the scale holds is an error, not a rounding. */
export function parseFixed(text: string, scale: number): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`"${text}" is not a decimal number`);
  const [, sign, integer, fraction = ''] = match;
  if (fraction.length > scale) throw new Error(`"${text}" has more than ${scale} decimal places`);
  const value = BigInt(integer!) * unitOf(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
  return sign === '-' ? -value : value;
}
