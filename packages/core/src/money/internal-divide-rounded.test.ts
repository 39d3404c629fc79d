// Proves divideRounded, the rounding primitive behind multiply and convert, against the classic rounding table of java.math.RoundingMode for every mode and sign, and checks the RoundingMode list and its decimal.js mapping.
import { describe, expect, it } from 'vitest';
import { InternalError, ValidationError } from '../errors/vault-error.js';
import { decimalRounding, MoneyDecimal } from './internal-decimal.js';
import { divideRounded } from './internal-divide-rounded.js';
import { assertRoundingMode, type RoundingMode, roundingModes } from './rounding-mode.js';

// Input (tenths) -> result per mode, from the table in the java.math.RoundingMode docs.
const table: readonly [tenths: bigint, results: Record<RoundingMode, bigint>][] = [
  [55n, { UP: 6n, DOWN: 5n, CEIL: 6n, FLOOR: 5n, HALF_UP: 6n, HALF_DOWN: 5n, HALF_EVEN: 6n }],
  [25n, { UP: 3n, DOWN: 2n, CEIL: 3n, FLOOR: 2n, HALF_UP: 3n, HALF_DOWN: 2n, HALF_EVEN: 2n }],
  [16n, { UP: 2n, DOWN: 1n, CEIL: 2n, FLOOR: 1n, HALF_UP: 2n, HALF_DOWN: 2n, HALF_EVEN: 2n }],
  [11n, { UP: 2n, DOWN: 1n, CEIL: 2n, FLOOR: 1n, HALF_UP: 1n, HALF_DOWN: 1n, HALF_EVEN: 1n }],
  [10n, { UP: 1n, DOWN: 1n, CEIL: 1n, FLOOR: 1n, HALF_UP: 1n, HALF_DOWN: 1n, HALF_EVEN: 1n }],
  [0n, { UP: 0n, DOWN: 0n, CEIL: 0n, FLOOR: 0n, HALF_UP: 0n, HALF_DOWN: 0n, HALF_EVEN: 0n }],
  [
    -10n,
    { UP: -1n, DOWN: -1n, CEIL: -1n, FLOOR: -1n, HALF_UP: -1n, HALF_DOWN: -1n, HALF_EVEN: -1n },
  ],
  [
    -11n,
    { UP: -2n, DOWN: -1n, CEIL: -1n, FLOOR: -2n, HALF_UP: -1n, HALF_DOWN: -1n, HALF_EVEN: -1n },
  ],
  [
    -16n,
    { UP: -2n, DOWN: -1n, CEIL: -1n, FLOOR: -2n, HALF_UP: -2n, HALF_DOWN: -2n, HALF_EVEN: -2n },
  ],
  [
    -25n,
    { UP: -3n, DOWN: -2n, CEIL: -2n, FLOOR: -3n, HALF_UP: -3n, HALF_DOWN: -2n, HALF_EVEN: -2n },
  ],
  [
    -55n,
    { UP: -6n, DOWN: -5n, CEIL: -5n, FLOOR: -6n, HALF_UP: -6n, HALF_DOWN: -5n, HALF_EVEN: -6n },
  ],
];

describe('divideRounded', () => {
  for (const mode of roundingModes) {
    it(`rounds the reference table with ${mode}, as decimal.js does`, () => {
      for (const [tenths, results] of table) {
        expect(divideRounded(tenths, 10n, mode)).toBe(results[mode]);
        const reference = new MoneyDecimal(tenths.toString())
          .dividedBy(10)
          .toDecimalPlaces(0, decimalRounding(mode));
        expect(BigInt(reference.toFixed(0))).toBe(results[mode]);
      }
    });
  }

  it('is exact far beyond 64 bits', () => {
    const big = 10n ** 60n;
    expect(divideRounded(big * 10n + 5n, 10n, 'HALF_EVEN')).toBe(big);
    expect(divideRounded(big * 10n + 5n, 10n, 'HALF_UP')).toBe(big + 1n);
  });

  it('treats a non-positive denominator as a bug', () => {
    expect(() => divideRounded(1n, 0n, 'UP')).toThrow(InternalError);
    expect(() => divideRounded(1n, -1n, 'UP')).toThrow(InternalError);
  });
});

describe('rounding modes', () => {
  it('lists the seven modes and is frozen', () => {
    expect(roundingModes).toEqual([
      'HALF_EVEN',
      'HALF_UP',
      'HALF_DOWN',
      'UP',
      'DOWN',
      'CEIL',
      'FLOOR',
    ]);
    expect(Object.isFrozen(roundingModes)).toBe(true);
  });

  it('accepts every mode and rejects anything else with VALIDATION_ERROR', () => {
    for (const mode of roundingModes) {
      expect(assertRoundingMode(mode, 'rounding')).toBe(mode);
    }
    for (const bad of ['half_even', 'ROUND_HALF_UP', '', 4, undefined]) {
      expect(() => assertRoundingMode(bad, 'rounding')).toThrow(ValidationError);
    }
  });
});

describe('MoneyDecimal', () => {
  it('keeps 80 significant digits and never uses exponent notation', () => {
    const digits = '12345678901234567890.123456789';
    expect(new MoneyDecimal(digits).plus('0').toString()).toBe(digits);
    expect(new MoneyDecimal('1e-30').toString()).toBe(`0.${'0'.repeat(29)}1`);
    expect(new MoneyDecimal('1e40').toString()).toBe(`1${'0'.repeat(40)}`);
    expect(MoneyDecimal.precision).toBe(80);
  });
});
