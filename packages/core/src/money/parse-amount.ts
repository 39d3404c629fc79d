import { ValidationError } from '../errors/vault-error.js';
import type { Currency } from './currencies.js';
import { formatMinor } from './format-minor.js';
import { AMOUNT_MINOR_MAX, AMOUNT_STRING_LENGTH_MAX } from './limits.js';

const unsignedPattern = /^\d+(\.\d+)?$/;
const signedPattern = /^-?\d+(\.\d+)?$/;

/** Options of {@link parseAmount}. */
export interface ParseAmountOptions {
  /** The field named in errors. Default `'amount'`. */
  readonly path?: string;
  /** Accept a leading `-`. Default `false`: API amounts are positive. */
  readonly allowNegative?: boolean;
  /** Accept zero. Default `false`. */
  readonly allowZero?: boolean;
  /**
   * The largest accepted absolute value, in minor units. Default {@link AMOUNT_MINOR_MAX};
   * `null` for none (only the bound of 100 characters remains).
   */
  readonly maxMinor?: bigint | null;
}

/**
 * Parses a decimal amount string into minor units of `currency`, strictly and without rounding.
 *
 * Rules, checked in this order (the first failing one is reported):
 * 1. it is a `string` (a JSON number has already lost digits, so it is refused);
 * 2. it has at most 100 characters (`AMOUNT_STRING_LENGTH_MAX`);
 * 3. it matches `^\d+(\.\d+)?$`, with a leading `-` only if `allowNegative`: no exponent,
 *    spaces, `+`, grouping, or leading or trailing `.`;
 * 4. it has at most `currency.scale` fraction digits, trailing zeros included (`"1.500"` is
 *    not a USD amount): amounts are rejected, never rounded;
 * 5. it is not zero unless `allowZero` (`"-0"` is zero);
 * 6. its absolute value is at most `maxMinor`.
 *
 * @returns The amount in minor units (`"10.50"` USD -> `1050n`).
 * @throws ValidationError (`VALIDATION_ERROR`) with one field at `options.path`.
 *
 * @example
 * ```ts
 * const usd = defaultCurrencyRegistry.get('USD');
 * parseAmount('10.50', usd); // 1050n
 * parseAmount('-3', usd, { allowNegative: true }); // -300n
 * // parseAmount('1.005', usd) throws: USD has 2 fraction digits
 * ```
 */
export function parseAmount(
  value: unknown,
  currency: Currency,
  options: ParseAmountOptions = {},
): bigint {
  const path = options.path ?? 'amount';
  if (typeof value !== 'string') {
    const message =
      typeof value === 'number'
        ? 'must be a decimal string such as "10.50", not a number'
        : 'must be a decimal string';
    throw new ValidationError([{ path, message }]);
  }
  if (value.length > AMOUNT_STRING_LENGTH_MAX) {
    throw invalid(path, `must have at most ${AMOUNT_STRING_LENGTH_MAX} characters`);
  }
  const allowNegative = options.allowNegative === true;
  if (!(allowNegative ? signedPattern : unsignedPattern).test(value)) {
    if (!allowNegative && value.startsWith('-') && unsignedPattern.test(value.slice(1))) {
      throw invalid(path, 'must not be negative');
    }
    throw invalid(path, 'must be a decimal string such as "10.50" (no exponent, sign or spaces)');
  }
  const point = value.indexOf('.');
  const scale = currency.scale;
  let digits = value;
  if (point >= 0) {
    const fractionLength = value.length - point - 1;
    if (fractionLength > scale) {
      throw invalid(path, tooManyFractionDigits(currency, fractionLength));
    }
    digits = value.slice(0, point) + value.slice(point + 1).padEnd(scale, '0');
  } else if (scale > 0) {
    digits = value + '0'.repeat(scale);
  }
  // BigInt accepts the optional leading "-" and maps "-0" to 0n.
  const minor = BigInt(digits);
  if (minor === 0n && options.allowZero !== true) {
    throw invalid(path, allowNegative ? 'must not be 0' : 'must be greater than 0');
  }
  const maxMinor = options.maxMinor === undefined ? AMOUNT_MINOR_MAX : options.maxMinor;
  if (maxMinor !== null && (minor < 0n ? -minor : minor) > maxMinor) {
    throw invalid(path, `must be at most ${formatMinor(maxMinor, scale)} ${currency.code}`);
  }
  return minor;
}

function tooManyFractionDigits(currency: Currency, fractionLength: number): string {
  const allowed = currency.scale === 0 ? 'none' : `at most ${currency.scale}`;
  return `has ${fractionLength} fraction digits but ${currency.code} allows ${allowed} (scale ${currency.scale}); amounts are never rounded`;
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError([{ path, message }]);
}
