import { ValidationError } from '../errors/vault-error.js';

/**
 * How to round a result that has more fraction digits than its currency allows. Operations that
 * can lose precision ({@link Money.multiply}, {@link Money.convert}) require one; nothing rounds
 * by default.
 *
 * - `HALF_EVEN`: to the nearest, a tie to the even neighbour (banker's rounding).
 * - `HALF_UP`: to the nearest, a tie away from zero.
 * - `HALF_DOWN`: to the nearest, a tie towards zero.
 * - `UP`: away from zero. `DOWN`: towards zero (truncation).
 * - `CEIL`: towards +infinity. `FLOOR`: towards -infinity.
 *
 * The names and meanings are those of decimal.js and of Java's `java.math.RoundingMode`.
 *
 * @example
 * ```ts
 * const mode: RoundingMode = 'HALF_EVEN';
 * ```
 */
export type RoundingMode = 'HALF_EVEN' | 'HALF_UP' | 'HALF_DOWN' | 'UP' | 'DOWN' | 'CEIL' | 'FLOOR';

/**
 * Every {@link RoundingMode}, for validation and documentation.
 *
 * @example
 * ```ts
 * roundingModes.includes('HALF_UP'); // true
 * ```
 */
export const roundingModes: readonly RoundingMode[] = Object.freeze([
  'HALF_EVEN',
  'HALF_UP',
  'HALF_DOWN',
  'UP',
  'DOWN',
  'CEIL',
  'FLOOR',
]);

/**
 * Checks at run time that `value` is a {@link RoundingMode}; callers from plain JavaScript or
 * JSON may pass anything.
 *
 * @throws ValidationError (`VALIDATION_ERROR`) at `path` otherwise.
 *
 * @example
 * ```ts
 * const mode = assertRoundingMode('HALF_UP', 'rounding');
 * ```
 */
export function assertRoundingMode(value: unknown, path: string): RoundingMode {
  if (typeof value === 'string' && (roundingModes as readonly string[]).includes(value)) {
    return value as RoundingMode;
  }
  throw new ValidationError([{ path, message: `must be one of ${roundingModes.join(', ')}` }]);
}
