import type { Decimal } from 'decimal.js';
import { RejectedError, ValidationError } from '../errors/vault-error.js';
import { allocateMinor } from './allocate.js';
import { type Currency, type CurrencyRegistry, defaultCurrencyRegistry } from './currencies.js';
import { formatMinor } from './format-minor.js';
import { MoneyDecimal } from './internal-decimal.js';
import { divideRounded } from './internal-divide-rounded.js';
import { parseScaledDecimal } from './internal-parse-decimal.js';
import { parseAmount } from './parse-amount.js';
import { assertRoundingMode, type RoundingMode } from './rounding-mode.js';

/**
 * An exact amount of one currency: an integer number of minor units (`minor`) and its
 * {@link Currency}. Immutable; every operation returns a new `Money`.
 *
 * Arithmetic is exact at any size (bigint). Only {@link Money.multiply} and
 * {@link Money.convert} can produce digits the currency cannot hold, and both take a required
 * {@link RoundingMode}. Mixing currencies throws `CURRENCY_MISMATCH`. A `Money` refuses to
 * become a number: `money * 2` or `a < b` throw instead of silently comparing strings.
 *
 * @example
 * ```ts
 * const price = Money.parse('19.99', 'USD');
 * const total = price.add(Money.parse('0.01', 'USD')); // 20.00 USD
 * const [first, second] = total.allocate(['1', '1']); // 10.00 and 10.00
 * const euros = total.convert('0.9235', 'EUR', 'HALF_EVEN'); // 18.47 EUR
 * JSON.stringify({ amount: total }); // '{"amount":"20.00"}'
 * ```
 */
export class Money {
  /** The amount in minor units of {@link Money.currency} (cents for USD). */
  readonly minor: bigint;
  /** The currency. */
  readonly currency: Currency;

  private constructor(minor: bigint, currency: Currency) {
    this.minor = minor;
    this.currency = currency;
    Object.freeze(this);
  }

  /**
   * Parses a decimal string (a leading `-` and zero are accepted; more fraction digits than the
   * currency's scale are rejected, never rounded). See {@link parseAmount} for the grammar.
   *
   * @param currency - A {@link Currency} or a code looked up in `registry`.
   * @throws ValidationError (`VALIDATION_ERROR`) at `amount` or `currency`; a `number` amount is
   *   a type error and, from JavaScript, a run-time error.
   *
   * @example
   * ```ts
   * Money.parse('-12.50', 'EUR').minor; // -1250n
   * ```
   */
  static parse(
    amount: string,
    currency: Currency | string,
    registry: CurrencyRegistry = defaultCurrencyRegistry,
  ): Money {
    const resolved = registry.resolve(currency, 'currency');
    const minor = parseAmount(amount, resolved, {
      allowNegative: true,
      allowZero: true,
      maxMinor: null,
    });
    return new Money(minor, resolved);
  }

  /**
   * A `Money` of `minor` minor units.
   *
   * @throws ValidationError (`VALIDATION_ERROR`) when `minor` is not a bigint or the currency
   *   is unknown.
   *
   * @example
   * ```ts
   * Money.fromMinor(1050n, 'USD').toString(); // '10.50'
   * ```
   */
  static fromMinor(
    minor: bigint,
    currency: Currency | string,
    registry: CurrencyRegistry = defaultCurrencyRegistry,
  ): Money {
    if (typeof minor !== 'bigint') {
      throw new ValidationError([{ path: 'minor', message: 'must be a bigint of minor units' }]);
    }
    return new Money(minor, registry.resolve(currency, 'currency'));
  }

  /**
   * Zero of a currency.
   *
   * @example
   * ```ts
   * Money.zero('JPY').toString(); // '0'
   * ```
   */
  static zero(
    currency: Currency | string,
    registry: CurrencyRegistry = defaultCurrencyRegistry,
  ): Money {
    return new Money(0n, registry.resolve(currency, 'currency'));
  }

  /** The canonical decimal string, with exactly the currency's scale (`'10.50'`, `'1500'`). */
  toString(): string {
    return formatMinor(this.minor, this.currency.scale);
  }

  /** The canonical decimal string: money travels as a string in JSON, never as a number. */
  toJSON(): string {
    return this.toString();
  }

  /** The amount in minor units (same as {@link Money.minor}). */
  toMinorUnits(): bigint {
    return this.minor;
  }

  /** The amount as an exact decimal.js value (of the module's private 80-digit context). */
  toDecimal(): Decimal {
    return new MoneyDecimal(this.toString());
  }

  /** Whether `other` has the same currency (code and scale). */
  hasSameCurrency(other: Money): boolean {
    return sameCurrency(this.currency, other.currency);
  }

  /** `this + other`. @throws RejectedError (`CURRENCY_MISMATCH`). */
  add(other: Money): Money {
    this.#assertSameCurrency(other, 'add');
    return new Money(this.minor + other.minor, this.currency);
  }

  /** `this - other`. @throws RejectedError (`CURRENCY_MISMATCH`). */
  subtract(other: Money): Money {
    this.#assertSameCurrency(other, 'subtract');
    return new Money(this.minor - other.minor, this.currency);
  }

  /** `-this`. */
  negate(): Money {
    return new Money(-this.minor, this.currency);
  }

  /** `|this|`. */
  abs(): Money {
    return this.minor < 0n ? this.negate() : this;
  }

  /** Whether the amount is 0. */
  isZero(): boolean {
    return this.minor === 0n;
  }

  /** Whether the amount is below 0. */
  isNegative(): boolean {
    return this.minor < 0n;
  }

  /** Whether the amount is above 0. */
  isPositive(): boolean {
    return this.minor > 0n;
  }

  /**
   * -1, 0 or 1 as `this` is below, equal to or above `other`.
   *
   * @throws RejectedError (`CURRENCY_MISMATCH`).
   *
   * @example
   * ```ts
   * const sorted = [Money.parse('2', 'USD'), Money.parse('1', 'USD')].sort((a, b) => a.compare(b));
   * ```
   */
  compare(other: Money): -1 | 0 | 1 {
    this.#assertSameCurrency(other, 'compare');
    return this.minor < other.minor ? -1 : this.minor > other.minor ? 1 : 0;
  }

  /** Whether both have the same currency and amount; different currencies are simply unequal. */
  equals(other: Money): boolean {
    return this.hasSameCurrency(other) && this.minor === other.minor;
  }

  /** `this < other`. @throws RejectedError (`CURRENCY_MISMATCH`). */
  lessThan(other: Money): boolean {
    return this.compare(other) < 0;
  }

  /** `this <= other`. @throws RejectedError (`CURRENCY_MISMATCH`). */
  lessThanOrEqual(other: Money): boolean {
    return this.compare(other) <= 0;
  }

  /** `this > other`. @throws RejectedError (`CURRENCY_MISMATCH`). */
  greaterThan(other: Money): boolean {
    return this.compare(other) > 0;
  }

  /** `this >= other`. @throws RejectedError (`CURRENCY_MISMATCH`). */
  greaterThanOrEqual(other: Money): boolean {
    return this.compare(other) >= 0;
  }

  /**
   * Splits this amount into parts proportional to `ratios` that add up to it exactly (see
   * {@link allocateMinor} for the method and limits).
   *
   * @throws ValidationError (`VALIDATION_ERROR`) at `ratios` or `ratios.<i>`.
   *
   * @example
   * ```ts
   * Money.parse('100.00', 'USD').allocate(['1', '1', '1']).map(String); // ['33.34', '33.33', '33.33']
   * ```
   */
  allocate(ratios: readonly (string | bigint)[]): Money[] {
    return allocateMinor(this.minor, ratios).map((minor) => new Money(minor, this.currency));
  }

  /**
   * `this * factor`, rounded to the currency's scale with `rounding`. Exact before rounding.
   *
   * @param factor - A decimal string, possibly negative (`'1.5'`, `'-0.25'`).
   * @throws ValidationError (`VALIDATION_ERROR`) at `factor` or `rounding`.
   *
   * @example
   * ```ts
   * Money.parse('10.00', 'USD').multiply('0.125', 'HALF_EVEN').toString(); // '1.25'
   * ```
   */
  multiply(factor: string, rounding: RoundingMode): Money {
    const parsed = parseScaledDecimal(factor, 'factor', { allowNegative: true });
    const mode = assertRoundingMode(rounding, 'rounding');
    const minor = divideRounded(this.minor * parsed.units, 10n ** BigInt(parsed.scale), mode);
    return new Money(minor, this.currency);
  }

  /**
   * This amount in another currency at `rate` (units of `to` per unit of this currency),
   * rounded to the scale of `to` with `rounding`. Exact before rounding.
   *
   * @param rate - A decimal string greater than 0.
   * @param to - The target {@link Currency} or a code looked up in `registry`.
   * @throws ValidationError (`VALIDATION_ERROR`) at `rate`, `to` or `rounding`.
   *
   * @example
   * ```ts
   * Money.parse('1000', 'JPY').convert('0.0067', 'USD', 'HALF_UP').toString(); // '6.70'
   * ```
   */
  convert(
    rate: string,
    to: Currency | string,
    rounding: RoundingMode,
    registry: CurrencyRegistry = defaultCurrencyRegistry,
  ): Money {
    const parsed = parseScaledDecimal(rate, 'rate', { allowNegative: false });
    if (parsed.units === 0n) {
      throw new ValidationError([{ path: 'rate', message: 'must be greater than 0' }]);
    }
    const target = registry.resolve(to, 'to');
    const mode = assertRoundingMode(rounding, 'rounding');
    // amount = minor / 10^s1 and rate = units / 10^k, so in minor units of the target:
    // minor * units * 10^s2 / 10^(s1 + k).
    const numerator = this.minor * parsed.units * 10n ** BigInt(target.scale);
    const denominator = 10n ** BigInt(this.currency.scale + parsed.scale);
    return new Money(divideRounded(numerator, denominator, mode), target);
  }

  /**
   * Refuses implicit conversion to a number (`+money`, `money * 2`, `a < b`), which would
   * compare or compute on strings or floats. String conversion (`${money}`) is allowed.
   */
  [Symbol.toPrimitive](hint: string): string {
    if (hint !== 'string') {
      // A TypeError, as JavaScript raises for `1n + 1`: this is a programming error.
      throw new TypeError('Money is not a number: use compare(), add() or toString()');
    }
    return this.toString();
  }

  #assertSameCurrency(other: Money, operation: string): void {
    if (!(other instanceof Money)) {
      throw new ValidationError([{ path: 'other', message: 'must be a Money' }]);
    }
    if (!sameCurrency(this.currency, other.currency)) {
      throw new RejectedError(
        'CURRENCY_MISMATCH',
        `cannot ${operation} ${this.currency.code} and ${other.currency.code} amounts`,
        { details: { currency: this.currency.code, other_currency: other.currency.code } },
      );
    }
  }
}

function sameCurrency(left: Currency, right: Currency): boolean {
  return left === right || (left.code === right.code && left.scale === right.scale);
}
