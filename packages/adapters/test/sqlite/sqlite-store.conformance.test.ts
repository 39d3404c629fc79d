// Proves that the SQLite store meets the store contract, by running the whole conformance suite
// of `@vaultcraft/core/testing` unchanged on a fresh database file per test (WAL,
// synchronous=FULL, as in production), deleted after the test.
import type { LedgerStore } from '@vaultcraft/core';
import { describeStoreConformance } from '@vaultcraft/core/testing';
import { openSqliteStore } from '../../src/sqlite.js';
import { type TempDatabase, tempDatabase } from './temp-database.js';

const databases = new Map<LedgerStore, TempDatabase>();

describeStoreConformance({
  name: 'sqlite',
  async createStore() {
    const database = tempDatabase();
    const store = await openSqliteStore({ path: database.path });
    databases.set(store, database);
    return store;
  },
  async destroyStore(store) {
    await store.close();
    databases.get(store)?.remove();
    databases.delete(store);
  },
});
