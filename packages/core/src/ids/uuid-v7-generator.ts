import { getRandomValues } from 'node:crypto';

/** A source of unique ids. The engine asks it for every new organization, wallet, transaction and entry id. */
export type IdGenerator = () => string;

/** ASCII codes of the two hex digits of every byte value. */
const hexCodes = new Uint8Array(512);
for (let value = 0; value < 256; value += 1) {
  const digits = value.toString(16).padStart(2, '0');
  hexCodes[2 * value] = digits.charCodeAt(0);
  hexCodes[2 * value + 1] = digits.charCodeAt(1);
}
const dash = 0x2d;

/**
 * Creates a generator of RFC 9562 UUID version 7 ids: 48 bits of Unix milliseconds, then a
 * 12-bit counter seeded randomly each millisecond and 62 random bits (method 1 of RFC 9562
 * section 6.2), so ids of one generator sort in creation order even within one millisecond.
 *
 * Ids are made on every posting (a transaction and two entries), so this is written for speed:
 * random bytes are drawn from the CSPRNG in blocks, and the text is written as ASCII into one
 * buffer and decoded once, which gives a flat string (cheap to hash as a Map key) instead of a
 * rope of concatenations.
 *
 * @param clock - where the timestamp comes from (defaults to the system clock)
 * @example
 * ```ts
 * const nextId = uuidV7Generator();
 * nextId(); // '0193a2b4-7c1e-7f3a-9b2d-5e8f1a2b3c4d'
 * ```
 */
export function uuidV7Generator(clock: () => number = Date.now): IdGenerator {
  const pool = new Uint8Array(4096);
  let poolOffset = pool.length;
  const bytes = new Uint8Array(16);
  const text = Buffer.alloc(36);
  let lastMs = -1;
  let counter = 0;

  const take = (count: number): number => {
    if (poolOffset + count > pool.length) {
      getRandomValues(pool);
      poolOffset = 0;
    }
    const start = poolOffset;
    poolOffset += count;
    return start;
  };

  return () => {
    let ms = clock();
    if (ms <= lastMs) {
      // Same millisecond (or the clock went back): keep order by bumping the counter; if it
      // overflows, borrow the next millisecond as RFC 9562 allows.
      counter += 1;
      if (counter > 0xfff) {
        lastMs += 1;
        counter = pool[take(1)]! & 0x7f;
      }
      ms = lastMs;
    } else {
      lastMs = ms;
      const at = take(2);
      // Seed with 11 random bits so the counter has room to grow within the millisecond.
      counter = ((pool[at]! << 8) | pool[at + 1]!) & 0x7ff;
    }
    // 48-bit big-endian milliseconds; division keeps the bits above 32 exact.
    bytes[0] = (ms / 0x100_0000_0000) & 0xff;
    bytes[1] = (ms / 0x1_0000_0000) & 0xff;
    bytes[2] = (ms >>> 24) & 0xff;
    bytes[3] = (ms >>> 16) & 0xff;
    bytes[4] = (ms >>> 8) & 0xff;
    bytes[5] = ms & 0xff;
    bytes[6] = 0x70 | (counter >> 8);
    bytes[7] = counter & 0xff;
    const at = take(8);
    bytes[8] = 0x80 | (pool[at]! & 0x3f);
    for (let index = 1; index < 8; index += 1) bytes[8 + index] = pool[at + index]!;
    let position = 0;
    for (let index = 0; index < 16; index += 1) {
      if (index === 4 || index === 6 || index === 8 || index === 10) text[position++] = dash;
      const value = bytes[index]!;
      text[position++] = hexCodes[2 * value]!;
      text[position++] = hexCodes[2 * value + 1]!;
    }
    return text.toString('latin1', 0, 36);
  };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Whether `value` is a canonical lower-case UUID string (any version).
 *
 * @example
 * ```ts
 * isUuid('0193a2b4-7c1e-7f3a-9b2d-5e8f1a2b3c4d'); // true
 * ```
 */
export function isUuid(value: string): boolean {
  return value.length === 36 && uuidPattern.test(value);
}
