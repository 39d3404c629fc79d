import { Decimal } from 'decimal.js';
import type { RoundingMode } from './rounding-mode.js';

/**
 * The money module's private decimal.js constructor. Internal: not exported from the package.
 *
 * 80 significant digits hold the largest amount (20 digits) times a 40-digit rate with room to
 * spare; decimal.js's default of 20 would silently drop digits of
 * `12345678901234567890.123456789`. The exponent limits make `toString()` never use exponent
 * notation. `defaults: true` resets every other setting (`maxE`, `modulo`, `crypto`, ...) so
 * that code changing the global `Decimal` config cannot change ours, and we never change it.
 *
 * @example
 * ```ts
 * new MoneyDecimal('0.1').plus('0.2').toString(); // '0.3'
 * ```
 */
export const MoneyDecimal: Decimal.Constructor = Decimal.clone({
  defaults: true,
  precision: 80,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

const decimalRoundings: Readonly<Record<RoundingMode, Decimal.Rounding>> = {
  HALF_EVEN: Decimal.ROUND_HALF_EVEN,
  HALF_UP: Decimal.ROUND_HALF_UP,
  HALF_DOWN: Decimal.ROUND_HALF_DOWN,
  UP: Decimal.ROUND_UP,
  DOWN: Decimal.ROUND_DOWN,
  CEIL: Decimal.ROUND_CEIL,
  FLOOR: Decimal.ROUND_FLOOR,
};

/**
 * The decimal.js rounding constant of a {@link RoundingMode}. Internal.
 *
 * @example
 * ```ts
 * new MoneyDecimal('2.5').toDecimalPlaces(0, decimalRounding('HALF_EVEN')).toString(); // '2'
 * ```
 */
export function decimalRounding(mode: RoundingMode): Decimal.Rounding {
  return decimalRoundings[mode];
}
