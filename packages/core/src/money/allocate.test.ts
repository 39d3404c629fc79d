// Proves allocateMinor splits exactly (examples, error rows for every bad input, both sides of the ratio-count limit) and, with fast-check, that parts always sum to the total, zero ratios get nothing and each part is within one unit of its exact share.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/vault-error.js';
import { allocateMinor } from './allocate.js';
import { formatMinor } from './format-minor.js';

function fieldsOf(action: () => unknown): readonly { path: string; message: string }[] {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields;
  }
  throw new Error('expected a ValidationError');
}

describe('allocateMinor examples', () => {
  it.each([
    [100n, ['1', '1', '1'], [34n, 33n, 33n]],
    [1000n, ['0.7', '0.3'], [700n, 300n]],
    [5n, [1n, 0n, 1n], [3n, 0n, 2n]],
    [1n, ['1', '1', '1'], [1n, 0n, 0n]],
    [2n, ['1', '1', '1'], [1n, 1n, 0n]],
    [0n, ['1', '2'], [0n, 0n]],
    [100n, ['33.333', '66.667'], [33n, 67n]],
    [10n, ['0.5', 1n], [3n, 7n]],
    [7n, ['0', '1'], [0n, 7n]],
    [100n, ['1'], [100n]],
    [-5n, ['1', '1'], [-2n, -3n]],
    [-100n, ['1', '1', '1'], [-33n, -33n, -34n]],
    [1n, ['0.000000000000000000001', '0.000000000000000000002'], [0n, 1n]],
  ])('splits %s by %s', (total, ratios, expected) => {
    expect(allocateMinor(total, ratios)).toEqual(expected);
  });

  it('gives leftover units to the largest remainders, ties to the earlier index', () => {
    // Exact shares 1.4, 2.8, 2.8: floors 1, 2, 2 leave 2 units for the two 0.8 remainders.
    expect(allocateMinor(7n, ['1', '2', '2'])).toEqual([1n, 3n, 3n]);
    // Exact shares 2.5, 2.5: one leftover unit goes to the first.
    expect(allocateMinor(5n, ['1', '1'])).toEqual([3n, 2n]);
  });

  it('splits amounts far beyond 64 bits exactly', () => {
    const total = 10n ** 40n + 1n;
    const parts = allocateMinor(total, ['1', '1']);
    expect(parts).toEqual([5n * 10n ** 39n + 1n, 5n * 10n ** 39n]);
  });
});

describe('allocateMinor errors', () => {
  it('rejects an empty list and accepts one ratio', () => {
    expect(fieldsOf(() => allocateMinor(1n, []))).toEqual([
      { path: 'ratios', message: 'must list at least 1 ratio' },
    ]);
    expect(allocateMinor(1n, ['2'])).toEqual([1n]);
  });

  it('accepts 1000 ratios and rejects 1001', () => {
    const parts = allocateMinor(
      1000n,
      Array.from({ length: 1000 }, () => '1'),
    );
    expect(parts).toHaveLength(1000);
    expect(parts.every((part) => part === 1n)).toBe(true);
    expect(
      fieldsOf(() =>
        allocateMinor(
          1n,
          Array.from({ length: 1001 }, () => '1'),
        ),
      ),
    ).toEqual([{ path: 'ratios', message: 'must list at most 1000 ratios (got 1001)' }]);
  });

  it('rejects ratios that are all zero', () => {
    expect(fieldsOf(() => allocateMinor(1n, ['0', 0n, '0.00']))).toEqual([
      { path: 'ratios', message: 'at least one ratio must be greater than 0' },
    ]);
  });

  it('reports every bad ratio with its index', () => {
    const ratios = ['1', '-1', -2n, '1e2', ' 1', '.5', 3, null] as unknown as string[];
    const fields = fieldsOf(() => allocateMinor(10n, ratios));
    expect(fields.map((field) => field.path)).toEqual([
      'ratios.1',
      'ratios.2',
      'ratios.3',
      'ratios.4',
      'ratios.5',
      'ratios.6',
      'ratios.7',
    ]);
    expect(fields[0]?.message).toBe('must not be negative');
    expect(fields[1]?.message).toBe('must not be negative');
    expect(fields[5]?.message).toMatch(/not a number/);
  });

  it('reports a hole of a sparse array', () => {
    const sparse: string[] = ['1'];
    sparse[2] = '1';
    expect(fieldsOf(() => allocateMinor(10n, sparse)).map((field) => field.path)).toEqual([
      'ratios.1',
    ]);
  });

  it('rejects a total that is not a bigint', () => {
    // @ts-expect-error: totals are bigint minor units
    expect(fieldsOf(() => allocateMinor(10, ['1']))[0]?.path).toBe('total');
  });
});

const ratioArbitrary = fc.oneof(
  fc.bigInt({ min: 0n, max: 10n ** 6n }),
  fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.integer({ min: 0, max: 6 }))
    .map(([units, scale]) => formatMinor(units, scale)),
  fc.constant('0'),
);

const allocationArbitrary = fc
  .record({
    total: fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }),
    ratios: fc.array(ratioArbitrary, { minLength: 1, maxLength: 40 }),
  })
  .filter(({ ratios }) => ratios.some((ratio) => ratio !== 0n && !/^[0.]+$/.test(String(ratio))));

/** A ratio as an exact fraction numerator / 10^6-scaled: enough for the generated scales. */
function ratioUnits(ratio: string | bigint): bigint {
  if (typeof ratio === 'bigint') {
    return ratio * 10n ** 6n;
  }
  const [whole = '0', fraction = ''] = ratio.split('.');
  return BigInt(whole + fraction.padEnd(6, '0'));
}

describe('allocateMinor properties', () => {
  it('parts always sum to the total', () => {
    fc.assert(
      fc.property(allocationArbitrary, ({ total, ratios }) => {
        const parts = allocateMinor(total, ratios);
        expect(parts).toHaveLength(ratios.length);
        expect(parts.reduce((sum, part) => sum + part, 0n)).toBe(total);
      }),
      { numRuns: 500 },
    );
  });

  it('never gives a zero-ratio part anything', () => {
    fc.assert(
      fc.property(allocationArbitrary, ({ total, ratios }) => {
        const parts = allocateMinor(total, ratios);
        ratios.forEach((ratio, index) => {
          if (ratioUnits(ratio) === 0n) {
            expect(parts[index]).toBe(0n);
          }
        });
      }),
      { numRuns: 500 },
    );
  });

  it('each part differs from its exact proportional share by less than one unit', () => {
    fc.assert(
      fc.property(allocationArbitrary, ({ total, ratios }) => {
        const parts = allocateMinor(total, ratios);
        const weights = ratios.map(ratioUnits);
        const weightSum = weights.reduce((sum, weight) => sum + weight, 0n);
        weights.forEach((weight, index) => {
          // |part - total * weight / weightSum| < 1  <=>  |part * weightSum - total * weight| < weightSum
          const difference = (parts[index] ?? 0n) * weightSum - total * weight;
          expect(difference < 0n ? -difference : difference).toBeLessThan(weightSum);
        });
      }),
      { numRuns: 500 },
    );
  });
});
