// Proves that the SQLite store meets the store contract, by running the whole conformance suite
// of `@vaultcraft/core/testing` unchanged on a fresh database file per test (WAL,
// synchronous=FULL, as in production), deleted after the test: once with group commit (the
// default) and once committing each write on its own.
import type { LedgerStore } from '@vaultcraft/core';
import { describeStoreConformance } from '@vaultcraft/core/testing';
import { openSqliteStore } from '../../src/sqlite.js';
import { type TempDatabase, tempDatabase } from './temp-database.js';

const databases = new Map<LedgerStore, TempDatabase>();

for (const groupCommit of [true, false]) {
  describeStoreConformance({
    name: groupCommit ? 'sqlite, group commit' : 'sqlite, one commit per write',
    async createStore() {
      const database = tempDatabase();
      const store = await openSqliteStore({ path: database.path, groupCommit });
      databases.set(store, database);
      return store;
    },
    async destroyStore(store) {
      await store.close();
      databases.get(store)?.remove();
      databases.delete(store);
    },
  });
}
