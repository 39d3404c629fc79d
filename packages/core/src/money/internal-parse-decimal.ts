import { ValidationError } from '../errors/vault-error.js';
import { AMOUNT_STRING_LENGTH_MAX } from './limits.js';

const unsignedPattern = /^\d+(\.\d+)?$/;
const signedPattern = /^-?\d+(\.\d+)?$/;

/**
 * An exact decimal as an integer and a power of ten: the value is `units / 10^scale`.
 * Internal.
 */
export interface ScaledDecimal {
  readonly units: bigint;
  readonly scale: number;
}

/**
 * Parses a factor, rate or ratio: a decimal string, exactly, with no currency scale limit.
 * Internal: amounts go through {@link parseAmount} instead.
 *
 * @throws ValidationError (`VALIDATION_ERROR`) at `path` when `value` is not a decimal string
 *   (`^\d+(\.\d+)?$`, with a leading `-` only if `allowNegative`) of at most
 *   {@link AMOUNT_STRING_LENGTH_MAX} characters.
 *
 * @example
 * ```ts
 * parseScaledDecimal('1.25', 'rate', { allowNegative: false }); // { units: 125n, scale: 2 }
 * ```
 */
export function parseScaledDecimal(
  value: unknown,
  path: string,
  options: { readonly allowNegative: boolean },
): ScaledDecimal {
  if (typeof value !== 'string') {
    const message =
      typeof value === 'number'
        ? 'must be a decimal string such as "1.25", not a number'
        : 'must be a decimal string such as "1.25"';
    throw new ValidationError([{ path, message }]);
  }
  if (value.length > AMOUNT_STRING_LENGTH_MAX) {
    throw new ValidationError([
      { path, message: `must have at most ${AMOUNT_STRING_LENGTH_MAX} characters` },
    ]);
  }
  if (!(options.allowNegative ? signedPattern : unsignedPattern).test(value)) {
    const message =
      !options.allowNegative && value.startsWith('-') && unsignedPattern.test(value.slice(1))
        ? 'must not be negative'
        : 'must be a decimal string such as "1.25" (no exponent, spaces or "+")';
    throw new ValidationError([{ path, message }]);
  }
  const point = value.indexOf('.');
  if (point < 0) {
    return { units: BigInt(value), scale: 0 };
  }
  return {
    units: BigInt(value.slice(0, point) + value.slice(point + 1)),
    scale: value.length - point - 1,
  };
}
