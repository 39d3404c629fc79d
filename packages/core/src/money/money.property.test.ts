// Proves with fast-check that parse/format round-trip for any bigint and scale 0..18, that addition is exact (associative, a + b - b == a), that multiply by '1' is the identity, and that multiply and convert match a decimal.js reference for every rounding mode.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Currency, CurrencyRegistry } from './currencies.js';
import { formatMinor } from './format-minor.js';
import { decimalRounding, MoneyDecimal } from './internal-decimal.js';
import { Money } from './money.js';
import { parseAmount } from './parse-amount.js';
import { roundingModes } from './rounding-mode.js';

// One custom asset per scale, so that every scale 0..18 is exercised through a registry.
const scaleCodes = Array.from({ length: 19 }, (_, scale) => `S${scale}`);
const registry = new CurrencyRegistry(
  Object.fromEntries(scaleCodes.map((code, scale) => [code, scale])),
);
const currencyOfScale = (scale: number): Currency => registry.get(`S${scale}`);

const scaleArbitrary = fc.integer({ min: 0, max: 18 });
const minorArbitrary = fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n });
const modeArbitrary = fc.constantFrom(...roundingModes);
/** A decimal string with up to 12 integer and 12 fraction digits. */
const decimalArbitrary = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 24n }), fc.integer({ min: 0, max: 12 }))
  .map(([units, scale]) => formatMinor(units, scale));

/** The reference: the exact product in decimal.js, rounded to `scale` with `mode`, as minor units. */
function referenceMinor(
  amount: string,
  factor: string,
  scale: number,
  mode: (typeof roundingModes)[number],
): bigint {
  const exact = new MoneyDecimal(amount).times(factor);
  // The product has at most ~70 significant digits, within the 80-digit context: no rounding.
  expect(exact.precision(true)).toBeLessThanOrEqual(80);
  const rounded = exact
    .times(new MoneyDecimal(10).pow(scale))
    .toDecimalPlaces(0, decimalRounding(mode));
  return BigInt(rounded.toFixed(0));
}

describe('parse and format', () => {
  it('round-trip for any bigint minor value and scale 0..18', () => {
    fc.assert(
      fc.property(minorArbitrary, scaleArbitrary, (minor, scale) => {
        const currency = currencyOfScale(scale);
        const text = formatMinor(minor, scale);
        const options = { allowNegative: true, allowZero: true, maxMinor: null };
        expect(parseAmount(text, currency, options)).toBe(minor);
        const money = Money.parse(text, currency);
        expect(money.minor).toBe(minor);
        expect(money.toString()).toBe(text);
        expect(money.toDecimal().toFixed(scale)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('addition', () => {
  const money = (minor: bigint) => Money.fromMinor(minor, 'USD');

  it('is associative and commutative', () => {
    fc.assert(
      fc.property(minorArbitrary, minorArbitrary, minorArbitrary, (a, b, c) => {
        const left = money(a).add(money(b)).add(money(c));
        const right = money(a).add(money(b).add(money(c)));
        expect(left.equals(right)).toBe(true);
        expect(
          money(a)
            .add(money(b))
            .equals(money(b).add(money(a))),
        ).toBe(true);
        expect(money(a).subtract(money(b)).subtract(money(c)).minor).toBe(a - b - c);
      }),
    );
  });

  it('a + b - b == a', () => {
    fc.assert(
      fc.property(minorArbitrary, minorArbitrary, (a, b) => {
        expect(money(a).add(money(b)).subtract(money(b)).equals(money(a))).toBe(true);
      }),
    );
  });
});

describe('multiply', () => {
  it("by '1' (or '1.000') is the identity, for every mode", () => {
    fc.assert(
      fc.property(minorArbitrary, scaleArbitrary, modeArbitrary, (minor, scale, mode) => {
        const money = Money.fromMinor(minor, currencyOfScale(scale));
        expect(money.multiply('1', mode).equals(money)).toBe(true);
        expect(money.multiply('1.000', mode).equals(money)).toBe(true);
      }),
    );
  });

  it('matches a decimal.js reference for every rounding mode', () => {
    const factorArbitrary = fc
      .tuple(decimalArbitrary, fc.boolean())
      .map(([factor, negative]) => (negative ? `-${factor}` : factor));
    const amountArbitrary = fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n });
    fc.assert(
      fc.property(
        amountArbitrary,
        scaleArbitrary,
        factorArbitrary,
        modeArbitrary,
        (minor, scale, factor, mode) => {
          const money = Money.fromMinor(minor, currencyOfScale(scale));
          const expected = referenceMinor(money.toString(), factor, scale, mode);
          expect(money.multiply(factor, mode).minor).toBe(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('convert', () => {
  it('matches a decimal.js reference for every rounding mode', () => {
    const rateArbitrary = decimalArbitrary.filter((rate) => !/^[0.]+$/.test(rate));
    const amountArbitrary = fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n });
    fc.assert(
      fc.property(
        amountArbitrary,
        scaleArbitrary,
        scaleArbitrary,
        rateArbitrary,
        modeArbitrary,
        (minor, fromScale, toScale, rate, mode) => {
          const money = Money.fromMinor(minor, currencyOfScale(fromScale));
          const converted = money.convert(rate, `S${toScale}`, mode, registry);
          expect(converted.currency.scale).toBe(toScale);
          expect(converted.minor).toBe(referenceMinor(money.toString(), rate, toScale, mode));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('with every mode lands within one minor unit of the exact value, on the side the mode says', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        modeArbitrary,
        (minor, mode) => {
          const money = Money.fromMinor(minor, currencyOfScale(2));
          const down = money.convert('0.333', 'S2', 'DOWN', registry).minor;
          const converted = money.convert('0.333', 'S2', mode, registry).minor;
          const difference = converted - down;
          expect(difference === 0n || difference === (minor < 0n ? -1n : 1n)).toBe(true);
        },
      ),
    );
  });
});
