/** Exponential backoff of retries: the first waits up to 0.5 s, then 1 s, 2 s, ... up to 8 s. */
export const retryBaseDelayMs = 500;
export const retryMaxDelayMs = 8_000;
/** A server's `Retry-After` is honoured up to this long; a longer wait is the caller's decision. */
export const retryAfterMaxMs = 60_000;

/**
 * The wait before retry number `retryIndex` (0 for the first retry): the server's
 * `Retry-After` when it sent one, else exponential backoff with full jitter (a uniformly random
 * wait between 0 and the capped exponential delay), which spreads the retries of many clients
 * instead of synchronising them
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 */
export function retryDelayMs(input: {
  retryIndex: number;
  retryAfter: string | null;
  now: number;
  random: () => number;
}): number {
  const fromServer = parseRetryAfterMs(input.retryAfter, input.now);
  if (fromServer !== null) {
    return Math.min(fromServer, retryAfterMaxMs);
  }
  const ceiling = Math.min(retryMaxDelayMs, retryBaseDelayMs * 2 ** input.retryIndex);
  return Math.floor(input.random() * ceiling);
}

/**
 * A `Retry-After` header as milliseconds from `now`: delay-seconds or an HTTP-date
 * (RFC 9110 10.2.3); a date in the past is 0. `null` when absent or unreadable.
 */
export function parseRetryAfterMs(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    return Math.round(Number(text) * 1000);
  }
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}
