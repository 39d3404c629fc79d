// Proves Money's behaviour by example: parsing and canonical output, exact arithmetic at large sizes, CURRENCY_MISMATCH on mixed currencies, multiply and convert with explicit rounding, immutability and the refusal of numbers.
import { describe, expect, it } from 'vitest';
import { isVaultError, RejectedError, ValidationError } from '../errors/vault-error.js';
import { CurrencyRegistry, defaultCurrencyRegistry } from './currencies.js';
import { AMOUNT_MINOR_MAX } from './limits.js';
import { Money } from './money.js';
import { parseAmount } from './parse-amount.js';

const registry = new CurrencyRegistry({ TOKEN: 18, BTC: 8 });

describe('Money.parse and output', () => {
  it.each([
    ['10.5', 'USD', '10.50', 1050n],
    ['-12.50', 'EUR', '-12.50', -1250n],
    ['0', 'USD', '0.00', 0n],
    ['-0', 'USD', '0.00', 0n],
    ['-0.00', 'USD', '0.00', 0n],
    ['1500', 'JPY', '1500', 1500n],
    ['1.5', 'KWD', '1.500', 1500n],
  ])('parses %s %s as %s', (amount, code, canonical, minor) => {
    const money = Money.parse(amount, code);
    expect(money.toString()).toBe(canonical);
    expect(money.toJSON()).toBe(canonical);
    expect(money.minor).toBe(minor);
    expect(money.toMinorUnits()).toBe(minor);
    expect(money.currency.code).toBe(code);
  });

  it('rejects over-scale input instead of rounding it', () => {
    expect(() => Money.parse('1.005', 'USD')).toThrow(ValidationError);
    expect(() => Money.parse('1.5', 'JPY')).toThrow(/JPY allows none/);
  });

  it('rejects a number at compile time and at run time', () => {
    try {
      // @ts-expect-error: amounts are strings, never numbers
      Money.parse(10.5, 'USD');
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).fields).toEqual([
        { path: 'amount', message: 'must be a decimal string such as "10.50", not a number' },
      ]);
    }
  });

  it('has no maximum beyond the string length bound', () => {
    expect(Money.parse('123456789012345678901234567890.12', 'USD').toString()).toBe(
      '123456789012345678901234567890.12',
    );
  });

  it('resolves codes through a registry, and rejects unknown ones at currency', () => {
    expect(Money.parse('0.00000001', 'BTC', registry).minor).toBe(1n);
    expect(() => Money.parse('1', 'BTC')).toThrow(/unknown currency "BTC"/);
    expect(Money.parse('1', defaultCurrencyRegistry.get('USD')).toString()).toBe('1.00');
  });

  it('serialises as a string in JSON', () => {
    expect(JSON.stringify({ amount: Money.parse('20', 'USD') })).toBe('{"amount":"20.00"}');
  });

  it('builds from minor units and zero', () => {
    expect(Money.fromMinor(5n, 'USD').toString()).toBe('0.05');
    expect(Money.zero('JPY').toString()).toBe('0');
    expect(Money.zero('USD').isZero()).toBe(true);
    // @ts-expect-error: minor units are a bigint
    expect(() => Money.fromMinor(5, 'USD')).toThrow(ValidationError);
  });

  it('gives an exact Decimal', () => {
    expect(Money.parse('-12345678901234567.89', 'USD').toDecimal().toString()).toBe(
      '-12345678901234567.89',
    );
  });
});

describe('exact arithmetic', () => {
  it('0.10 + 0.20 == 0.30 exactly', () => {
    const sum = Money.parse('0.10', 'USD').add(Money.parse('0.20', 'USD'));
    expect(sum.equals(Money.parse('0.30', 'USD'))).toBe(true);
    expect(sum.toString()).toBe('0.30');
  });

  it('parses, formats and adds 12345678901234567.89 exactly', () => {
    const big = Money.parse('12345678901234567.89', 'USD');
    expect(big.minor).toBe(1234567890123456789n);
    expect(big.toString()).toBe('12345678901234567.89');
    expect(big.add(Money.parse('0.01', 'USD')).toString()).toBe('12345678901234567.90');
    expect(big.add(big).toString()).toBe('24691357802469135.78');
    expect(big.subtract(big).isZero()).toBe(true);
  });

  it('is exact for 38+ significant digits (10^20 - 1 minor units of a scale-18 asset)', () => {
    const token = registry.get('TOKEN');
    const max = Money.fromMinor(parseAmount('99.999999999999999999', token), token);
    expect(max.minor).toBe(AMOUNT_MINOR_MAX);
    expect(max.add(max).toString()).toBe('199.999999999999999998');
    const wide = Money.parse('12345678901234567890.123456789012345678', 'TOKEN', registry);
    expect(wide.toString()).toBe('12345678901234567890.123456789012345678');
    expect(wide.toDecimal().toString()).toBe('12345678901234567890.123456789012345678');
    expect(wide.add(wide).toString()).toBe('24691357802469135780.246913578024691356');
    expect(wide.multiply('1', 'HALF_EVEN').equals(wide)).toBe(true);
  });

  it('negates, takes absolute values and tells signs', () => {
    const debt = Money.parse('-3.50', 'USD');
    expect(debt.isNegative()).toBe(true);
    expect(debt.isPositive()).toBe(false);
    expect(debt.abs().toString()).toBe('3.50');
    expect(debt.negate().toString()).toBe('3.50');
    expect(Money.zero('USD').negate().toString()).toBe('0.00');
  });

  it('compares', () => {
    const one = Money.parse('1', 'USD');
    const two = Money.parse('2', 'USD');
    expect(one.compare(two)).toBe(-1);
    expect(two.compare(one)).toBe(1);
    expect(one.compare(Money.parse('1.00', 'USD'))).toBe(0);
    expect(one.lessThan(two) && one.lessThanOrEqual(one)).toBe(true);
    expect(two.greaterThan(one) && two.greaterThanOrEqual(two)).toBe(true);
    expect(Money.parse('10', 'USD').greaterThan(Money.parse('9', 'USD'))).toBe(true);
  });
});

describe('currency mismatch', () => {
  const usd = Money.parse('1', 'USD');
  const eur = Money.parse('1', 'EUR');

  it.each([
    ['add', () => usd.add(eur)],
    ['subtract', () => usd.subtract(eur)],
    ['compare', () => usd.compare(eur)],
    ['lessThan', () => usd.lessThan(eur)],
    ['greaterThanOrEqual', () => usd.greaterThanOrEqual(eur)],
  ])('%s throws CURRENCY_MISMATCH', (_, action) => {
    expect(action).toThrow(RejectedError);
    try {
      action();
    } catch (error) {
      expect(isVaultError(error) && error.code).toBe('CURRENCY_MISMATCH');
      expect(isVaultError(error) && error.details).toEqual({
        currency: 'USD',
        other_currency: 'EUR',
      });
    }
  });

  it('treats the same code with another scale as another currency', () => {
    const twoDecimals = new CurrencyRegistry({ PTS: 2 });
    const fourDecimals = new CurrencyRegistry({ PTS: 4 });
    const a = Money.parse('1', 'PTS', twoDecimals);
    const b = Money.parse('1', 'PTS', fourDecimals);
    expect(() => a.add(b)).toThrow(RejectedError);
    expect(a.equals(b)).toBe(false);
  });

  it('equals is simply false across currencies', () => {
    expect(usd.equals(eur)).toBe(false);
    expect(usd.hasSameCurrency(eur)).toBe(false);
  });
});

describe('allocate, multiply and convert', () => {
  it('allocates into parts that add up', () => {
    const parts = Money.parse('100.00', 'USD').allocate(['1', '1', '1']);
    expect(parts.map(String)).toEqual(['33.34', '33.33', '33.33']);
    expect(parts.every((part) => part.currency.code === 'USD')).toBe(true);
  });

  it.each([
    ['10.00', '0.125', 'HALF_EVEN', '1.25'],
    ['0.05', '0.5', 'HALF_EVEN', '0.02'],
    ['0.05', '0.5', 'HALF_UP', '0.03'],
    ['0.05', '0.5', 'HALF_DOWN', '0.02'],
    ['0.01', '0.1', 'UP', '0.01'],
    ['0.09', '0.1', 'DOWN', '0.00'],
    ['-0.01', '0.5', 'CEIL', '0.00'],
    ['-0.01', '0.5', 'FLOOR', '-0.01'],
    ['3.00', '-1.5', 'HALF_EVEN', '-4.50'],
    ['3.00', '0', 'HALF_EVEN', '0.00'],
  ] as const)('%s USD * %s with %s is %s', (amount, factor, mode, expected) => {
    expect(Money.parse(amount, 'USD').multiply(factor, mode).toString()).toBe(expected);
  });

  it('rejects a bad factor or rounding mode', () => {
    const money = Money.parse('1', 'USD');
    expect(() => money.multiply('1e2', 'HALF_EVEN')).toThrow(ValidationError);
    // @ts-expect-error: factors are strings
    expect(() => money.multiply(2, 'HALF_EVEN')).toThrow(/not a number/);
    // @ts-expect-error: the rounding mode is required
    expect(() => money.multiply('2')).toThrow(ValidationError);
  });

  it.each([
    ['1000', 'JPY', '0.0067', 'USD', 'HALF_UP', '6.70'],
    ['100.00', 'USD', '0.9235', 'EUR', 'HALF_EVEN', '92.35'],
    ['1.00', 'USD', '151.505', 'JPY', 'HALF_EVEN', '152'],
    ['1.00', 'USD', '151.5', 'JPY', 'HALF_EVEN', '152'],
    ['1.00', 'USD', '150.5', 'JPY', 'HALF_EVEN', '150'],
    ['1.00', 'USD', '0.3077', 'KWD', 'FLOOR', '0.307'],
    ['-1.00', 'USD', '0.3077', 'KWD', 'FLOOR', '-0.308'],
    ['1.00', 'USD', '1', 'USD', 'HALF_EVEN', '1.00'],
  ] as const)(
    'converts %s %s at %s to %s with %s: %s',
    (amount, from, rate, to, mode, expected) => {
      const converted = Money.parse(amount, from).convert(rate, to, mode);
      expect(converted.toString()).toBe(expected);
      expect(converted.currency.code).toBe(to);
    },
  );

  it('converts into a custom asset of a registry', () => {
    const btc = Money.parse('100.00', 'USD').convert('0.0000105', 'BTC', 'DOWN', registry);
    expect(btc.toString()).toBe('0.00105000');
  });

  it('rejects a zero, negative or malformed rate, and an unknown target', () => {
    const money = Money.parse('1', 'USD');
    expect(() => money.convert('0', 'EUR', 'HALF_EVEN')).toThrow(/greater than 0/);
    expect(() => money.convert('-1', 'EUR', 'HALF_EVEN')).toThrow(/must not be negative/);
    expect(() => money.convert('1e-2', 'EUR', 'HALF_EVEN')).toThrow(ValidationError);
    try {
      money.convert('1', 'NOPE', 'HALF_EVEN');
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).fields[0]?.path).toBe('to');
    }
  });
});

describe('immutability and numbers', () => {
  it('is frozen', () => {
    const money = Money.parse('1', 'USD');
    expect(Object.isFrozen(money)).toBe(true);
    expect(() => {
      (money as { minor: bigint }).minor = 5n;
    }).toThrow(TypeError);
    expect(money.add(Money.parse('1', 'USD')).toString()).toBe('2.00');
    expect(money.toString()).toBe('1.00');
  });

  it('converts to a string but refuses to become a number', () => {
    const money = Money.parse('10', 'USD');
    expect(`${money}`).toBe('10.00');
    expect(String(money)).toBe('10.00');
    expect(() => +(money as unknown as number)).toThrow(TypeError);
    const nine = Money.parse('9', 'USD') as unknown as number;
    expect(() => (money as unknown as number) < nine).toThrow(TypeError);
  });
});
