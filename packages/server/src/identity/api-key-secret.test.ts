// Proves the API key format: `vc_live_` + 32 random bytes in unpadded base64url, a 16-character
// prefix taken from the key, the hex SHA-256 as the stored hash, fresh randomness per key, and
// how bearer tokens are told apart.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey, looksLikeApiKey } from './api-key-secret.js';

describe('API key secrets', () => {
  it('generates vc_live_ keys with a prefix and a SHA-256 hash', () => {
    const { key, prefix, keyHash } = generateApiKey();
    expect(key).toMatch(/^vc_live_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice('vc_live_'.length), 'base64url')).toHaveLength(32);
    expect(prefix).toBe(key.slice(0, 16));
    expect(prefix).toMatch(/^vc_live_.{8}$/);
    expect(keyHash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hashApiKey(key)).toBe(keyHash);
    expect(keyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never repeats a key', () => {
    const keys = new Set(Array.from({ length: 100 }, () => generateApiKey().key));
    expect(keys.size).toBe(100);
  });

  it('tells API keys from other bearer tokens', () => {
    expect(looksLikeApiKey(generateApiKey().key)).toBe(true);
    expect(looksLikeApiKey('eyJhbGciOiJIUzI1NiJ9.e30.sig')).toBe(false);
    expect(looksLikeApiKey('vc_test_abc')).toBe(false);
    expect(looksLikeApiKey('')).toBe(false);
  });
});
