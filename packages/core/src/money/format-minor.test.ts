// Proves formatMinor prints exactly the scale's fraction digits with correct signs, by example; the round trip with parseAmount is a property in money.property.test.ts.
import { describe, expect, it } from 'vitest';
import { InternalError } from '../errors/vault-error.js';
import { formatMinor } from './format-minor.js';

describe('formatMinor', () => {
  it.each([
    [5n, 2, '0.05'],
    [-1234n, 2, '-12.34'],
    [1500n, 0, '1500'],
    [0n, 2, '0.00'],
    [0n, 0, '0'],
    [-0n, 3, '0.000'],
    [-5n, 2, '-0.05'],
    [100n, 2, '1.00'],
    [1n, 18, '0.000000000000000001'],
    [10n ** 20n - 1n, 18, '99.999999999999999999'],
    [1234567890123456789n, 2, '12345678901234567.89'],
    [-(10n ** 40n), 4, '-1000000000000000000000000000000000000.0000'],
  ])('formats %s at scale %i as %s', (minor, scale, expected) => {
    expect(formatMinor(minor, scale)).toBe(expected);
  });

  it('never prints -0', () => {
    for (let scale = 0; scale <= 18; scale += 1) {
      expect(formatMinor(-0n, scale).startsWith('-')).toBe(false);
    }
  });

  it.each([-1, 19, 1.5])('treats scale %d as a bug', (scale) => {
    expect(() => formatMinor(1n, scale)).toThrow(InternalError);
  });

  it('treats a number amount as a bug', () => {
    // @ts-expect-error: amounts are bigint minor units
    expect(() => formatMinor(5, 2)).toThrow(InternalError);
  });
});
