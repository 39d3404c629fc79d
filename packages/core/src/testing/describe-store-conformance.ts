import { describe } from 'vitest';
import type { LedgerStore } from '../store/ledger-store.js';
import { describeBalances } from './conformance/balances.js';
import { describeBatches } from './conformance/batches.js';
import { describeConcurrency } from './conformance/concurrency.js';
import { describeFilters } from './conformance/filters.js';
import { createHarness } from './conformance/harness.js';
import { describeHoldExpiry } from './conformance/hold-expiry.js';
import { describeHolds } from './conformance/holds.js';
import { describeIdempotency } from './conformance/idempotency.js';
import { describeIdempotencyRaces } from './conformance/idempotency-races.js';
import { describeInvariants } from './conformance/invariants.js';
import { describeMoney } from './conformance/money.js';
import { describeOrganizations } from './conformance/organizations.js';
import { describePagination } from './conformance/pagination.js';
import { describePrecedence } from './conformance/precedence.js';
import { describeReversals } from './conformance/reversals.js';
import { describeStoreContract } from './conformance/store-contract.js';
import { describeSystemWallets } from './conformance/system-wallets.js';
import { describeTenancy } from './conformance/tenancy.js';
import { describeTransfers } from './conformance/transfers.js';
import { describeValidation } from './conformance/validation.js';
import { describeWallets } from './conformance/wallets.js';

/** Options of {@link describeStoreConformance}. */
export interface StoreConformanceOptions {
  /** Shown in test names, e.g. 'memory', 'sqlite', 'postgres'. */
  readonly name: string;
  /** A fresh, empty, opened store for one test. Called once per test: tests never share data. */
  readonly createStore: () => LedgerStore | Promise<LedgerStore>;
  /**
   * Disposes of a store made by createStore (default: store.close()). Must tolerate a store
   * that the test already closed.
   */
  readonly destroyStore?: (store: LedgerStore) => void | Promise<void>;
  /**
   * Scale for the heavier tests (concurrency, pagination), default 1. Sizes are multiplied by it,
   * down to small floors; limits (1000 items per batch) are tested at their value whatever it is.
   */
  readonly scale?: number;
}

/**
 * Registers the store conformance suite with vitest: every operation, error code, limit and
 * ledger invariant of the engine, run through the public API (`createVault({ store, clock })`)
 * against the store under test. Every store — memory, SQLite, PostgreSQL, or yours — must pass
 * it unchanged. Each test gets a fresh store from `createStore`, and ends with
 * `vault.verify()`, which must find no violation.
 *
 * Tests never sleep: time moves through an injected test clock. Tests run one after the other
 * (concurrency is tested inside tests, with `Promise.all`).
 *
 * @param options - how to make and dispose of the store under test
 * @throws Error at registration when `scale` is not a positive number.
 * @example
 * ```ts
 * // my-store.conformance.test.ts
 * import { describeStoreConformance } from '@vaultcraft/core/testing';
 * import { createMyStore } from './my-store.js';
 *
 * describeStoreConformance({
 *   name: 'my-store',
 *   createStore: () => createMyStore({ url: process.env.TEST_DATABASE_URL }),
 * });
 * ```
 */
export function describeStoreConformance(options: StoreConformanceOptions): void {
  describe(`store conformance: ${options.name}`, { concurrent: false }, () => {
    const harness = createHarness(options);
    describeOrganizations(harness);
    describeWallets(harness);
    describeBalances(harness);
    describeMoney(harness);
    describeTransfers(harness);
    describeSystemWallets(harness);
    describePrecedence(harness);
    describeHolds(harness);
    describeHoldExpiry(harness);
    describeReversals(harness);
    describeBatches(harness);
    describeIdempotency(harness);
    describeIdempotencyRaces(harness);
    describePagination(harness);
    describeFilters(harness);
    describeTenancy(harness);
    describeValidation(harness);
    describeConcurrency(harness);
    describeInvariants(harness);
    describeStoreContract(harness);
  });
}
