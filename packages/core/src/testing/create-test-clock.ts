import type { Clock } from '../ids/clock.js';

/** A clock that only moves when a test moves it; see {@link createTestClock}. */
export interface TestClock {
  /** The function to inject: `createVault({ store, clock: testClock.clock })`. */
  readonly clock: Clock;
  /** The current instant (a fresh `Date` each call). */
  now(): Date;
  /** Moves the clock by `ms` milliseconds (negative goes back in time); returns the new instant. */
  advance(ms: number): Date;
  /** Sets the clock to an instant, earlier or later than now; returns it. */
  set(instant: Date | string): Date;
}

/** The default start of a test clock: a fixed instant, so that runs are reproducible. */
export const testClockStart = '2026-01-01T00:00:00.000Z';

/**
 * Creates a clock for tests: it stands still until the test advances or sets it, and it may
 * go backwards, as a real clock sometimes does (NTP steps, leap smearing, another host).
 * Tests of hold expiry, as-of balances and time filters use it instead of waiting.
 *
 * @param start - the first instant (default {@link testClockStart})
 * @throws Error when `start`, `set` or `advance` would make an invalid date.
 * @example
 * ```ts
 * const time = createTestClock();
 * const vault = createVault({ store: createMemoryStore(), clock: time.clock });
 * time.advance(60_000); // one minute later, instantly
 * ```
 */
export function createTestClock(start: Date | string = testClockStart): TestClock {
  let current = toMs(start);
  return {
    clock: () => new Date(current),
    now: () => new Date(current),
    advance(ms: number): Date {
      if (!Number.isFinite(ms)) {
        throw new Error(`TestClock.advance: ${ms} is not a finite number of milliseconds`);
      }
      current = toMs(new Date(current + Math.trunc(ms)));
      return new Date(current);
    },
    set(instant: Date | string): Date {
      current = toMs(instant);
      return new Date(current);
    },
  };
}

function toMs(instant: Date | string): number {
  const ms = (typeof instant === 'string' ? new Date(instant) : instant).getTime();
  if (Number.isNaN(ms)) {
    throw new Error(`TestClock: ${String(instant)} is not a valid instant`);
  }
  return ms;
}
