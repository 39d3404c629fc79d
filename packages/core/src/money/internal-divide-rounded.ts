import { invariant } from '../errors/vault-error.js';
import type { RoundingMode } from './rounding-mode.js';

/**
 * `numerator / denominator` rounded to an integer with `mode`, exactly, in bigint. Internal.
 *
 * Multiplication by a decimal factor and conversion at a decimal rate both reduce to one such
 * division by a power of ten, so they never pass through a fixed-precision context and cannot
 * lose a digit however large the operands are.
 *
 * @param denominator - Must be > 0.
 *
 * @example
 * ```ts
 * divideRounded(25n, 10n, 'HALF_EVEN'); // 2n
 * divideRounded(-25n, 10n, 'HALF_UP'); // -3n
 * ```
 */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  invariant(denominator > 0n, 'divideRounded needs a positive denominator');
  // BigInt division truncates towards zero, and the remainder takes the numerator's sign.
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder === 0n) {
    return quotient;
  }
  const negative = numerator < 0n;
  const awayFromZero = negative ? quotient - 1n : quotient + 1n;
  switch (mode) {
    case 'DOWN':
      return quotient;
    case 'UP':
      return awayFromZero;
    case 'CEIL':
      return negative ? quotient : awayFromZero;
    case 'FLOOR':
      return negative ? awayFromZero : quotient;
    default: {
      const twiceRemainder = (negative ? -remainder : remainder) * 2n;
      if (twiceRemainder > denominator) {
        return awayFromZero;
      }
      if (twiceRemainder < denominator) {
        return quotient;
      }
      if (mode === 'HALF_UP') {
        return awayFromZero;
      }
      if (mode === 'HALF_DOWN') {
        return quotient;
      }
      invariant(mode === 'HALF_EVEN', `unknown rounding mode ${String(mode)}`);
      return quotient % 2n === 0n ? quotient : awayFromZero;
    }
  }
}
