import { invariant } from '../errors/vault-error.js';

const scaleMax = 18;

/**
 * Formats an amount in minor units as the canonical decimal string of its currency: exactly
 * `scale` fraction digits, a leading `-` only below zero (never `-0.00`), no exponent, no
 * grouping. It is the inverse of {@link parseAmount}, done with string operations only because
 * every amount on the wire passes through it.
 *
 * @param minor - The amount in minor units (cents for USD).
 * @param scale - The currency's scale, an integer 0..18 (see {@link Currency.scale}).
 * @returns The decimal string, e.g. `'12.34'`.
 * @throws InternalError (`INTERNAL`) when `scale` is not an integer 0..18: scales come from a
 *   {@link CurrencyRegistry}, which validates them, so a bad one is a bug.
 *
 * @example
 * ```ts
 * formatMinor(5n, 2); // '0.05'
 * formatMinor(-1234n, 2); // '-12.34'
 * formatMinor(1500n, 0); // '1500'
 * ```
 */
export function formatMinor(minor: bigint, scale: number): string {
  invariant(typeof minor === 'bigint', 'formatMinor takes a bigint amount');
  invariant(Number.isInteger(scale) && scale >= 0 && scale <= scaleMax, 'scale is 0..18');
  const negative = minor < 0n;
  let digits = (negative ? -minor : minor).toString();
  if (scale > 0) {
    if (digits.length <= scale) {
      digits = digits.padStart(scale + 1, '0');
    }
    const point = digits.length - scale;
    digits = `${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  return negative ? `-${digits}` : digits;
}
