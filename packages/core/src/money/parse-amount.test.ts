// Proves parseAmount's rules and their order (type, length, format, scale, zero, maximum) with one table row per rule on both sides of each limit, by direct calls.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/vault-error.js';
import { CurrencyRegistry, defaultCurrencyRegistry } from './currencies.js';
import { AMOUNT_MINOR_MAX, AMOUNT_STRING_LENGTH_MAX } from './limits.js';
import { type ParseAmountOptions, parseAmount } from './parse-amount.js';

const usd = defaultCurrencyRegistry.get('USD');
const jpy = defaultCurrencyRegistry.get('JPY');
const kwd = defaultCurrencyRegistry.get('KWD');
const clf = defaultCurrencyRegistry.get('CLF');
const token = new CurrencyRegistry({ TOKEN: 18 }).get('TOKEN');

/** The single field of the ValidationError that `action` throws. */
function issueOf(action: () => unknown): { path: string; message: string } {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const fields = (error as ValidationError).fields;
    expect((error as ValidationError).code).toBe('VALIDATION_ERROR');
    expect(fields).toHaveLength(1);
    const [field] = fields;
    if (field) {
      return field;
    }
  }
  throw new Error('expected a ValidationError');
}

describe('parseAmount accepts', () => {
  it.each([
    ['10.50', usd, 1050n],
    ['10.5', usd, 1050n],
    ['10', usd, 1000n],
    ['0.01', usd, 1n],
    ['007.50', usd, 750n],
    ['1500', jpy, 1500n],
    ['1.234', kwd, 1234n],
    ['1.2345', clf, 12345n],
    ['0.000000000000000001', token, 1n],
  ])('%s as minor units', (value, currency, expected) => {
    expect(parseAmount(value, currency)).toBe(expected);
  });

  it('12345678901234567.89 exactly', () => {
    expect(parseAmount('12345678901234567.89', usd)).toBe(1234567890123456789n);
  });
});

describe('parseAmount type rule', () => {
  it('rejects a number with a message that says so', () => {
    expect(issueOf(() => parseAmount(10.5, usd))).toEqual({
      path: 'amount',
      message: 'must be a decimal string such as "10.50", not a number',
    });
  });

  it.each([[null], [undefined], [1050n], [{}], [['1']], [true]])('rejects %s', (value) => {
    expect(issueOf(() => parseAmount(value, usd))).toEqual({
      path: 'amount',
      message: 'must be a decimal string',
    });
  });

  it('uses the given path', () => {
    expect(issueOf(() => parseAmount(5, usd, { path: 'transfers.3.amount' })).path).toBe(
      'transfers.3.amount',
    );
  });
});

describe('parseAmount length rule', () => {
  it(`accepts ${AMOUNT_STRING_LENGTH_MAX} characters and rejects one more`, () => {
    const longest = `0.${'0'.repeat(AMOUNT_STRING_LENGTH_MAX - 3)}1`;
    expect(longest).toHaveLength(AMOUNT_STRING_LENGTH_MAX);
    const scaleless = new CurrencyRegistry({ LONG: 18 }).get('LONG');
    // Within the length bound the scale rule decides, not the length rule.
    expect(issueOf(() => parseAmount(longest, scaleless)).message).toMatch(/fraction digits/);
    const padded = `${'0'.repeat(AMOUNT_STRING_LENGTH_MAX - 1)}1`;
    expect(parseAmount(padded, jpy)).toBe(1n);
    expect(issueOf(() => parseAmount(`0${padded}`, jpy)).message).toBe(
      `must have at most ${AMOUNT_STRING_LENGTH_MAX} characters`,
    );
  });
});

describe('parseAmount format rule', () => {
  it.each([
    '1e3',
    '1E3',
    ' 1',
    '1 ',
    '+1',
    '.5',
    '1.',
    '',
    '1,000.00',
    '1_000',
    '0x10',
    '١٢',
    'NaN',
    'Infinity',
    '1..2',
    '--1',
  ])('rejects %j', (value) => {
    expect(issueOf(() => parseAmount(value, usd)).message).toBe(
      'must be a decimal string such as "10.50" (no exponent, sign or spaces)',
    );
  });

  it('rejects a negative amount unless allowNegative', () => {
    expect(issueOf(() => parseAmount('-1', usd)).message).toBe('must not be negative');
    expect(issueOf(() => parseAmount('-0', usd)).message).toBe('must not be negative');
    expect(parseAmount('-1.25', usd, { allowNegative: true })).toBe(-125n);
  });

  it('still rejects "+", "- 1" and "--1" with allowNegative', () => {
    for (const value of ['+1', '- 1', '--1', '-', '-.5']) {
      expect(() => parseAmount(value, usd, { allowNegative: true })).toThrow(ValidationError);
    }
  });
});

describe('parseAmount scale rule', () => {
  it.each([
    ['1.00', usd, 100n],
    ['1.000', kwd, 1000n],
    ['1.0000', clf, 10000n],
    ['1', jpy, 1n],
    ['1.000000000000000000', token, 10n ** 18n],
  ])('accepts %s (exactly the scale)', (value, currency, expected) => {
    expect(parseAmount(value, currency)).toBe(expected);
  });

  it.each([
    ['1.001', usd],
    ['1.500', usd],
    ['1.0001', kwd],
    ['1.00001', clf],
    ['1.0', jpy],
    ['1.0000000000000000001', token],
  ])('rejects %s (scale + 1), even when the extra digit is 0', (value, currency) => {
    const issue = issueOf(() => parseAmount(value, currency));
    expect(issue.message).toContain(currency.code);
    expect(issue.message).toContain(`scale ${currency.scale}`);
    expect(issue.message).toMatch(/never rounded/);
  });

  it('names the currency and its scale', () => {
    expect(issueOf(() => parseAmount('1.500', usd)).message).toBe(
      'has 3 fraction digits but USD allows at most 2 (scale 2); amounts are never rounded',
    );
    expect(issueOf(() => parseAmount('5.5', jpy)).message).toBe(
      'has 1 fraction digits but JPY allows none (scale 0); amounts are never rounded',
    );
  });
});

describe('parseAmount zero rule', () => {
  it.each(['0', '0.00', '00', '-0', '-0.00'])('rejects %j by default', (value) => {
    const options: ParseAmountOptions = value.startsWith('-') ? { allowNegative: true } : {};
    const expected = value.startsWith('-') ? 'must not be 0' : 'must be greater than 0';
    expect(issueOf(() => parseAmount(value, usd, options)).message).toBe(expected);
  });

  it('accepts zero with allowZero, and "-0" is 0n', () => {
    expect(parseAmount('0', usd, { allowZero: true })).toBe(0n);
    expect(parseAmount('-0', usd, { allowZero: true, allowNegative: true })).toBe(0n);
    expect(parseAmount('-0.00', usd, { allowZero: true, allowNegative: true })).toBe(0n);
    expect(Object.is(parseAmount('-0', jpy, { allowZero: true, allowNegative: true }), 0n)).toBe(
      true,
    );
  });

  it('accepts the smallest positive amount', () => {
    expect(parseAmount('0.01', usd)).toBe(1n);
    expect(parseAmount('1', jpy)).toBe(1n);
  });
});

describe('parseAmount maximum rule', () => {
  it('accepts exactly AMOUNT_MINOR_MAX and rejects one unit more', () => {
    expect(parseAmount('999999999999999999.99', usd)).toBe(AMOUNT_MINOR_MAX);
    expect(issueOf(() => parseAmount('1000000000000000000.00', usd)).message).toBe(
      'must be at most 999999999999999999.99 USD',
    );
    expect(parseAmount('99999999999999999999', jpy)).toBe(AMOUNT_MINOR_MAX);
    expect(() => parseAmount('100000000000000000000', jpy)).toThrow(ValidationError);
    expect(parseAmount('99.999999999999999999', token)).toBe(AMOUNT_MINOR_MAX);
    expect(() => parseAmount('100.000000000000000000', token)).toThrow(ValidationError);
  });

  it('bounds negative amounts by their absolute value', () => {
    const options = { allowNegative: true };
    expect(parseAmount('-999999999999999999.99', usd, options)).toBe(-AMOUNT_MINOR_MAX);
    expect(() => parseAmount('-1000000000000000000', usd, options)).toThrow(/at most/);
  });

  it('honours a custom maxMinor, and null for none', () => {
    expect(parseAmount('5.00', usd, { maxMinor: 500n })).toBe(500n);
    expect(issueOf(() => parseAmount('5.01', usd, { maxMinor: 500n })).message).toBe(
      'must be at most 5.00 USD',
    );
    expect(parseAmount('1000000000000000000000', usd, { maxMinor: null })).toBe(10n ** 23n);
  });
});

describe('parseAmount rule order', () => {
  it('reports the first failing rule', () => {
    // Both over-scale and zero: the scale rule comes first.
    expect(issueOf(() => parseAmount('0.000', usd)).message).toMatch(/fraction digits/);
    // Both over-scale and above the maximum: the scale rule comes first.
    expect(issueOf(() => parseAmount('1000000000000000000.001', usd)).message).toMatch(
      /fraction digits/,
    );
    // Both malformed and too long: the length rule comes first.
    expect(issueOf(() => parseAmount('x'.repeat(500), usd)).message).toMatch(/characters/);
  });
});
