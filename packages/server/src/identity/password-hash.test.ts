// Proves password hashing: the stored format (scrypt, N = 2^15, r = 8, p = 1, 16-byte salt,
// 32-byte key), that the right password verifies and a wrong one does not, that equal passwords
// get different salts, that malformed or out-of-bounds stored strings answer false instead of
// throwing, and that the dummy hash is one valid hash, computed once.
import { describe, expect, it } from 'vitest';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password-hash.js';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts each hash anew', async () => {
    const [first, second] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(first).not.toBe(second);
    expect(first.split('$')[4]).not.toBe(second.split('$')[4]);
    expect(await verifyPassword('same', second)).toBe(true);
  });

  it('answers false for malformed or out-of-bounds stored hashes', async () => {
    const stored = await hashPassword('pw');
    const [, log2, r, p, salt, key] = stored.split('$');
    const malformed = [
      '',
      'not a hash',
      `bcrypt$${log2}$${r}$${p}$${salt}$${key}`,
      `scrypt$${log2}$${r}$${p}$${salt}`,
      `scrypt$${log2}$${r}$${p}$${salt}$${key}$extra`,
      `scrypt$${log2}$${r}$${p}$${salt}$${key}==`,
      `scrypt$${log2}$${r}$${p}$${salt}$${key?.slice(0, 20)}!`,
      `scrypt$${log2}$${r}$${p}$${salt}$AAAA`, // key too short
      `scrypt$40$${r}$${p}$${salt}$${key}`, // cost beyond the bounds
      `scrypt$20$32$16$${salt}$${key}`, // memory beyond the bounds
      `scrypt$${log2}$0$${p}$${salt}$${key}`,
    ];
    for (const bad of malformed) {
      expect(await verifyPassword('pw', bad)).toBe(false);
    }
    expect(await verifyPassword('pw', undefined as unknown as string)).toBe(false);
  });

  it('verifies hashes stored with other parameters (the format describes itself)', async () => {
    const stored = await hashPassword('pw');
    const cheaper = stored.replace(/^scrypt\$15\$/, 'scrypt$14$');
    // Same salt and key, other cost: a different derivation, so no match, but no error either.
    expect(await verifyPassword('pw', cheaper)).toBe(false);
  });

  it('makes one dummy hash, valid and reused', async () => {
    const [first, second] = await Promise.all([dummyPasswordHash(), dummyPasswordHash()]);
    expect(first).toBe(second);
    expect(first).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(await verifyPassword('anything', first)).toBe(false);
  });
});
