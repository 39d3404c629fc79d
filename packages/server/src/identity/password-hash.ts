import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt (RFC 7914) with the cost OWASP's Password Storage Cheat Sheet lists for it:
// N = 2^15, r = 8, p = 1, which takes 128 * N * r = 32 MiB and tens of milliseconds per hash.
const log2CostDefault = 15;
const blockSizeDefault = 8;
const parallelizationDefault = 1;
const saltBytes = 16;
const keyBytes = 32;

// Bounds on what a stored hash may ask for: a corrupted or hostile row must not make one login
// allocate gigabytes or spin for minutes. Anything outside them is treated as malformed.
const log2CostRange = { min: 10, max: 20 } as const;
const blockSizeRange = { min: 1, max: 32 } as const;
const parallelizationRange = { min: 1, max: 16 } as const;
const memoryBytesMax = 256 * 1024 * 1024;
const saltBytesRange = { min: 8, max: 64 } as const;
const keyBytesRange = { min: 16, max: 64 } as const;

/** The parameters and outputs stored in one hash string. */
interface ScryptHash {
  readonly log2Cost: number;
  readonly blockSize: number;
  readonly parallelization: number;
  readonly salt: Buffer;
  readonly key: Buffer;
}

/**
 * Hashes a password with scrypt and a fresh random 16-byte salt, as a self-describing string
 * `scrypt$<log2 N>$<r>$<p>$<salt base64>$<key base64>` (base64 without padding), so that the
 * cost can be raised later without breaking stored hashes.
 *
 * @example
 * ```ts
 * const stored = await hashPassword('correct horse battery staple');
 * await verifyPassword('correct horse battery staple', stored); // true
 * ```
 */
export async function hashPassword(password: string): Promise<string> {
  const parameters = {
    log2Cost: log2CostDefault,
    blockSize: blockSizeDefault,
    parallelization: parallelizationDefault,
    salt: randomBytes(saltBytes),
  };
  const key = await derive(password, { ...parameters, keyLength: keyBytes });
  return formatHash({ ...parameters, key });
}

/**
 * Whether `password` matches a hash made by {@link hashPassword}, compared in constant time.
 * A malformed or out-of-bounds stored string answers `false`; it never throws for one.
 *
 * @example
 * ```ts
 * await verifyPassword('guess', 'not a hash'); // false
 * ```
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const hash = parseHash(stored);
  if (hash === null) return false;
  let candidate: Buffer;
  try {
    candidate = await derive(password, { ...hash, keyLength: hash.key.length });
  } catch {
    // Parameters the bounds let through but OpenSSL still refuses: a bad stored hash.
    return false;
  }
  return timingSafeEqual(candidate, hash.key);
}

let dummy: Promise<string> | undefined;

/**
 * A valid hash of a random secret, computed once on first use. Login verifies the given
 * password against it when the email is unknown, so that an unknown email takes as long as a
 * wrong password and response times do not reveal which emails have accounts.
 *
 * @example
 * ```ts
 * const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
 * ```
 */
export function dummyPasswordHash(): Promise<string> {
  if (dummy === undefined) {
    dummy = hashPassword(randomBytes(32).toString('base64url'));
    // A failure (out of memory) must not be cached forever: the next call tries again.
    dummy.catch(() => {
      dummy = undefined;
    });
  }
  return dummy;
}

function derive(
  password: string,
  options: Omit<ScryptHash, 'key'> & { readonly keyLength: number },
): Promise<Buffer> {
  const cost = 2 ** options.log2Cost;
  // Twice what scrypt needs (128 * N * r * p): Node refuses a call whose estimate exceeds
  // maxmem, and its default (32 MiB) is exactly the need of the default cost.
  const maxmem = 2 * 128 * cost * options.blockSize * options.parallelization;
  return new Promise((resolve, reject) => {
    scrypt(
      password,
      options.salt,
      options.keyLength,
      { N: cost, r: options.blockSize, p: options.parallelization, maxmem },
      (error, key) => (error === null ? resolve(key) : reject(error)),
    );
  });
}

function formatHash(hash: ScryptHash): string {
  const salt = hash.salt.toString('base64').replace(/=+$/, '');
  const key = hash.key.toString('base64').replace(/=+$/, '');
  return `scrypt$${hash.log2Cost}$${hash.blockSize}$${hash.parallelization}$${salt}$${key}`;
}

const hashPattern = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** The parts of a stored hash, or `null` when it is malformed or outside the bounds. */
function parseHash(stored: string): ScryptHash | null {
  if (typeof stored !== 'string') return null;
  const match = hashPattern.exec(stored);
  if (match === null) return null;
  const [, log2Text, blockText, parallelText, saltText, keyText] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const log2Cost = Number(log2Text);
  const blockSize = Number(blockText);
  const parallelization = Number(parallelText);
  const salt = decodeBase64(saltText);
  const key = decodeBase64(keyText);
  if (
    !within(log2Cost, log2CostRange) ||
    !within(blockSize, blockSizeRange) ||
    !within(parallelization, parallelizationRange) ||
    128 * 2 ** log2Cost * blockSize * parallelization > memoryBytesMax ||
    salt === null ||
    !within(salt.length, saltBytesRange) ||
    key === null ||
    !within(key.length, keyBytesRange)
  ) {
    return null;
  }
  return { log2Cost, blockSize, parallelization, salt, key };
}

/** Strict unpadded base64: Buffer.from alone silently skips characters it does not know. */
function decodeBase64(text: string): Buffer | null {
  if (text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64').replace(/=+$/, '') === text ? bytes : null;
}

function within(value: number, range: { readonly min: number; readonly max: number }): boolean {
  return Number.isInteger(value) && value >= range.min && value <= range.max;
}
