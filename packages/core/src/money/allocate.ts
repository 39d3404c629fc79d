import { invariant, ValidationError } from '../errors/vault-error.js';
import { parseScaledDecimal, type ScaledDecimal } from './internal-parse-decimal.js';

/** The most parts one allocation may have; it bounds the sort and the result's size. */
const ratioCountMax = 1000;

/**
 * Splits `total` minor units into parts proportional to `ratios`, exactly: the parts always
 * add up to `total`, no minor unit is created or lost, and a part differs from its exact
 * proportional share by less than one unit.
 *
 * Method (largest remainder, as dinero.js `allocate`): string ratios are scaled to integers by
 * a common power of ten; each part gets `floor(total * ratio / sum)`; the leftover units
 * (fewer than the number of parts) go one each to the parts with the largest remainders,
 * ties to the earlier index. A zero ratio therefore always gets exactly 0. For a negative
 * `total` the floors are more negative, so the leftover units again move parts up towards
 * their exact shares: `allocateMinor(-5n, ['1', '1'])` is `[-2n, -3n]`.
 *
 * @param total - The amount to split, in minor units; may be negative or zero.
 * @param ratios - 1 to 1000 non-negative ratios: decimal strings (`'1'`, `'0.5'`, `'33.333'`)
 *   or bigints; at least one above zero.
 * @returns One part per ratio, in order.
 * @throws ValidationError (`VALIDATION_ERROR`) at `ratios` (count, all zero) or `ratios.<i>`
 *   (a bad ratio).
 *
 * @example
 * ```ts
 * allocateMinor(100n, ['1', '1', '1']); // [34n, 33n, 33n]
 * allocateMinor(1000n, ['0.7', '0.3']); // [700n, 300n]
 * allocateMinor(5n, [1n, 0n, 1n]); // [3n, 0n, 2n]
 * ```
 */
export function allocateMinor(total: bigint, ratios: readonly (string | bigint)[]): bigint[] {
  if (typeof total !== 'bigint') {
    throw new ValidationError([
      { path: 'total', message: 'must be a bigint amount in minor units' },
    ]);
  }
  const weights = ratioWeights(ratios);
  let weightSum = 0n;
  for (const weight of weights) {
    weightSum += weight;
  }
  if (weightSum === 0n) {
    throw new ValidationError([
      { path: 'ratios', message: 'at least one ratio must be greater than 0' },
    ]);
  }

  const parts: bigint[] = [];
  const remainders: bigint[] = [];
  let allocated = 0n;
  for (const weight of weights) {
    const product = total * weight;
    const part = floorDivide(product, weightSum);
    parts.push(part);
    remainders.push(product - part * weightSum);
    allocated += part;
  }

  // Each remainder is in [0, weightSum) and they add up to leftover * weightSum, so at least
  // `leftover` parts have a positive remainder and a zero-ratio part is never picked.
  const leftover = total - allocated;
  invariant(leftover >= 0n && leftover < BigInt(parts.length), 'leftover is below the part count');
  if (leftover > 0n) {
    const order = parts.map((_, index) => index);
    order.sort((a, b) => {
      const left = remainders[a] ?? 0n;
      const right = remainders[b] ?? 0n;
      return left > right ? -1 : left < right ? 1 : a - b;
    });
    for (let rank = 0; BigInt(rank) < leftover; rank += 1) {
      const index = order[rank] ?? -1;
      parts[index] = (parts[index] ?? 0n) + 1n;
    }
  }
  return parts;
}

/** The ratios as integers of one common scale, validated. */
function ratioWeights(ratios: readonly (string | bigint)[]): bigint[] {
  if (!Array.isArray(ratios) || ratios.length === 0) {
    throw new ValidationError([{ path: 'ratios', message: 'must list at least 1 ratio' }]);
  }
  if (ratios.length > ratioCountMax) {
    throw new ValidationError([
      {
        path: 'ratios',
        message: `must list at most ${ratioCountMax} ratios (got ${ratios.length})`,
      },
    ]);
  }
  const parsed: ScaledDecimal[] = [];
  const issues: { path: string; message: string }[] = [];
  // A plain loop, not forEach, so that holes of a sparse array are reported, not skipped.
  for (let index = 0; index < ratios.length; index += 1) {
    const ratio = ratios[index];
    const path = `ratios.${index}`;
    if (typeof ratio === 'bigint') {
      if (ratio < 0n) {
        issues.push({ path, message: 'must not be negative' });
      }
      parsed.push({ units: ratio, scale: 0 });
      continue;
    }
    try {
      parsed.push(parseScaledDecimal(ratio, path, { allowNegative: false }));
    } catch (error) {
      if (!(error instanceof ValidationError)) {
        throw error;
      }
      issues.push(...error.fields);
    }
  }
  if (issues.length > 0) {
    throw new ValidationError(issues);
  }
  const scale = parsed.reduce((max, ratio) => Math.max(max, ratio.scale), 0);
  return parsed.map((ratio) => ratio.units * 10n ** BigInt(scale - ratio.scale));
}

/** Division rounded towards -infinity (BigInt `/` truncates towards zero). */
function floorDivide(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return numerator % denominator !== 0n && numerator < 0n ? quotient - 1n : quotient;
}
