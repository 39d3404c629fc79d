// Proves the UUIDv7 generator emits RFC 9562 v7 ids that sort in creation order, also within one millisecond and when the clock goes back.
import { describe, expect, it } from 'vitest';
import { isUuid, uuidV7Generator } from './uuid-v7-generator.js';

describe('uuidV7Generator', () => {
  it('emits version 7, variant 10 ids carrying the timestamp', () => {
    const ms = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    const id = uuidV7Generator(() => ms)();
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
    expect(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(ms);
  });

  it('sorts in creation order within one millisecond and when the clock goes back', () => {
    let now = 1_700_000_000_000;
    const next = uuidV7Generator(() => now);
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i += 1) {
      if (i % 3000 === 0) now -= 5;
      if (i % 1000 === 999) now += 1;
      ids.push(next());
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
