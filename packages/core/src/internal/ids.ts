import { getRandomValues } from 'node:crypto';

/** A source of unique ids. The engine asks it for every new organization, wallet, transaction and entry id. */
export type IdGenerator = () => string;

/** A source of the current time. Inject one to make tests and examples deterministic. */
export type Clock = () => Date;

const hex: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Creates a generator of RFC 9562 UUID version 7 ids: 48 bits of Unix milliseconds, then a
 * 12-bit counter seeded randomly each millisecond and 62 random bits (method 1 of RFC 9562
 * section 6.2), so ids of one generator sort in creation order even within one millisecond.
 *
 * Random bytes are drawn from the CSPRNG in blocks to keep id creation cheap on hot paths.
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
  let lastMs = -1;
  let counter = 0;
  // Number#toString(16) costs about a microsecond; the prefix only changes once per millisecond.
  let prefixMs = -1;
  let prefix = '';

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
    const at = take(8);
    if (ms !== prefixMs) {
      const t = ms.toString(16).padStart(12, '0');
      prefix = `${t.slice(0, 8)}-${t.slice(8, 12)}-`;
      prefixMs = ms;
    }
    const c = counter;
    return (
      `${prefix}${hex[0x70 | (c >> 8)]}${hex[c & 0xff]}-` +
      `${hex[0x80 | (pool[at]! & 0x3f)]}${hex[pool[at + 1]!]}-` +
      `${hex[pool[at + 2]!]}${hex[pool[at + 3]!]}${hex[pool[at + 4]!]}${hex[pool[at + 5]!]}${hex[pool[at + 6]!]}${hex[pool[at + 7]!]}`
    );
  };
}

/** The system clock. */
export const systemClock: Clock = () => new Date();

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether `value` is a canonical lower-case UUID string. */
export function isUuid(value: string): boolean {
  return value.length === 36 && uuidPattern.test(value);
}
