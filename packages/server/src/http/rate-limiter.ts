/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Requests allowed per key and window; 0 disables the limiter. */
  readonly limit: number;
  readonly windowMs: number;
  /** Keys tracked at most; beyond, the oldest windows are forgotten first (bounded memory). */
  readonly keysMax?: number;
  readonly now?: () => number;
}

/** The verdict on one request. */
export interface RateLimitVerdict {
  readonly allowed: boolean;
  /** Whole seconds until the key's window resets (for `Retry-After`); 0 when allowed. */
  readonly retryAfterSeconds: number;
}

/** Counts requests per key in fixed windows. */
export interface RateLimiter {
  hit(key: string): RateLimitVerdict;
}

/**
 * A fixed-window counter per key, kept in this process: with several server processes each
 * enforces its own count (documented in docs/server.md). No timers: expired windows are swept
 * when the map is full, so an idle server holds nothing alive.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { limit, windowMs } = options;
  const keysMax = options.keysMax ?? 100_000;
  const now = options.now ?? Date.now;
  // Insertion order = window start order, which makes the sweep cheap.
  const windows = new Map<string, { start: number; count: number }>();

  function sweep(at: number): void {
    for (const [key, window] of windows) {
      if (at - window.start < windowMs && windows.size < keysMax) {
        break;
      }
      windows.delete(key);
    }
  }

  return {
    hit(key) {
      if (limit === 0) {
        return { allowed: true, retryAfterSeconds: 0 };
      }
      const at = now();
      let window = windows.get(key);
      if (window === undefined || at - window.start >= windowMs) {
        windows.delete(key);
        if (windows.size >= keysMax) {
          sweep(at);
        }
        window = { start: at, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count <= limit) {
        return { allowed: true, retryAfterSeconds: 0 };
      }
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((window.start + windowMs - at) / 1000)),
      };
    },
  };
}
