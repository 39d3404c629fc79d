/**
 * `@vaultcraft/core/testing`: the store conformance suite and what a store author needs to run
 * it. Every store (memory, SQLite, PostgreSQL, or your own) must pass the suite unchanged.
 *
 * Requires vitest (an optional peer dependency of `@vaultcraft/core`).
 *
 * @example
 * ```ts
 * import { describeStoreConformance } from '@vaultcraft/core/testing';
 *
 * describeStoreConformance({ name: 'my-store', createStore: () => createMyStore() });
 * ```
 *
 * @packageDocumentation
 */

// A controllable clock for a store's own time-dependent tests.
export type { TestClock } from './testing/create-test-clock.js';
export { createTestClock, testClockStart } from './testing/create-test-clock.js';
// The conformance suite.
export type { StoreConformanceOptions } from './testing/describe-store-conformance.js';
export { describeStoreConformance } from './testing/describe-store-conformance.js';
