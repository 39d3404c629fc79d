// Proves the fixed-window rate limiter admits exactly `limit` hits per key and window, says when
// to retry, forgets old windows, and stays within its key bound, with an injected clock.
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';

describe('createRateLimiter', () => {
  it('admits limit hits per window, then answers the seconds until the window resets', () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    expect([1, 2, 3].map(() => limiter.hit('a').allowed)).toEqual([true, true, true]);
    now += 15_000;
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(limiter.hit('b').allowed).toBe(true);
    now += 45_000;
    expect(limiter.hit('a').allowed).toBe(true);
  });

  it('never answers a Retry-After below one second', () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000, now: () => now });
    limiter.hit('a');
    now = 999.9;
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('is disabled by a limit of 0', () => {
    const limiter = createRateLimiter({ limit: 0, windowMs: 1000 });
    for (let i = 0; i < 100; i += 1) {
      expect(limiter.hit('a').allowed).toBe(true);
    }
  });

  it('keeps at most keysMax keys: expired windows and then the oldest are forgotten', () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000, keysMax: 2, now: () => now });
    limiter.hit('a');
    limiter.hit('b');
    limiter.hit('c'); // evicts 'a', the oldest
    expect(limiter.hit('a').allowed).toBe(true);
    now = 10;
    expect(limiter.hit('c').allowed).toBe(false);
  });
});
