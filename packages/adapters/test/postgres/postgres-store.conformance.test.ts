// Proves that the PostgreSQL store meets the store contract, by running the whole conformance
// suite of `@vaultcraft/core/testing` unchanged, each test on its own database cloned from a
// migrated template on the run's throwaway server, dropped after the test: once with group
// commit (the default) and once sending each write on its own.
import type { LedgerStore } from '@vaultcraft/core';
import { describeStoreConformance } from '@vaultcraft/core/testing';
import { inject } from 'vitest';
import { openPostgresStore } from '../../src/postgres.js';
import { createTestDatabase, type TestDatabase } from '../postgres-test-database.js';

const databases = new Map<LedgerStore, TestDatabase>();

for (const groupCommit of [true, false]) {
  describeStoreConformance({
    name: groupCommit ? 'postgres, group commit' : 'postgres, one statement per write',
    async createStore() {
      const database = await createTestDatabase(inject('postgresUrl'));
      const store = await openPostgresStore({ url: database.url, migrate: false, groupCommit });
      databases.set(store, database);
      return store;
    },
    async destroyStore(store) {
      await store.close();
      await databases.get(store)?.drop();
      databases.delete(store);
    },
  });
}
