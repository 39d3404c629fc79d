// Proves that the PostgreSQL store meets the store contract, by running the whole conformance
// suite of `@vaultcraft/core/testing` unchanged, each test on its own database cloned from a
// migrated template on the run's throwaway server, dropped after the test.
import type { LedgerStore } from '@vaultcraft/core';
import { describeStoreConformance } from '@vaultcraft/core/testing';
import { inject } from 'vitest';
import { openPostgresStore } from '../../src/postgres.js';
import { createTestDatabase, type TestDatabase } from '../postgres-test-database.js';

const databases = new Map<LedgerStore, TestDatabase>();

describeStoreConformance({
  name: 'postgres',
  async createStore() {
    const database = await createTestDatabase(inject('postgresUrl'));
    const store = await openPostgresStore({ url: database.url, migrate: false });
    databases.set(store, database);
    return store;
  },
  async destroyStore(store) {
    await store.close();
    await databases.get(store)?.drop();
    databases.delete(store);
  },
});
