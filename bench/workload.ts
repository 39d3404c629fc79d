// The transfers every benchmark moves: deterministic, so each store and its baseline move the
// same amounts between the same wallets.

/** Wallets per benchmark ledger. */
export const walletCount = 1000;
/** What each wallet starts with, in minor units. */
export const fundingMinor = 100_000_000n;

/** A deterministic pseudo-random sequence (xorshift32) in [0, 1). */
export function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

/** One transfer between two wallets, by index. */
export interface Move {
  readonly from: number;
  readonly to: number;
  readonly amountMinor: bigint;
}

/**
 * `count` moves of 0.01..1.00 between random distinct wallets, or from wallet 0 (the hot
 * one) to random wallets.
 */
export function moves(count: number, seed: number, hot = false): Move[] {
  const next = sequence(seed);
  return Array.from({ length: count }, () => {
    const from = hot ? 0 : Math.floor(next() * walletCount);
    const to = (from + 1 + Math.floor(next() * (walletCount - 1))) % walletCount;
    return { from, to, amountMinor: BigInt(1 + Math.floor(next() * 100)) };
  });
}
