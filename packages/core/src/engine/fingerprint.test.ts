// Proves that requests meaning the same thing share an idempotency fingerprint and that any
// real difference (amount, wallet, operation, metadata value) changes it.
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from './fingerprint.js';

const base = { fromWalletId: 'a', toWalletId: 'b', amount: '1.50' };

describe('fingerprintOf', () => {
  it('ignores field order, defaults and how an amount is written', () => {
    const same = [
      { toWalletId: 'b', amount: '1.50', fromWalletId: 'a' },
      { ...base, hold: false, description: null, metadata: {} },
      { ...base, amount: '01.5' },
      { ...base, expiresAt: undefined },
    ];
    for (const input of same) {
      expect(fingerprintOf('transactions.transfer', input)).toBe(
        fingerprintOf('transactions.transfer', base),
      );
    }
  });

  it('changes with the operation, the amount, a wallet, a flag or a metadata value', () => {
    const fingerprint = fingerprintOf('transactions.transfer', base);
    const different = [
      fingerprintOf('transactions.deposit', base),
      fingerprintOf('transactions.transfer', { ...base, amount: '1.51' }),
      fingerprintOf('transactions.transfer', { ...base, amount: '15' }),
      fingerprintOf('transactions.transfer', { ...base, toWalletId: 'c' }),
      fingerprintOf('transactions.transfer', { ...base, hold: true }),
      fingerprintOf('transactions.transfer', { ...base, metadata: { a: '' } }),
      fingerprintOf('transactions.transfer', { ...base, expiresAt: new Date(0) }),
    ];
    expect(new Set([fingerprint, ...different]).size).toBe(different.length + 1);
  });
});
