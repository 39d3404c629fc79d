// Proves that the in-memory store meets the store contract, by running the whole conformance
// suite of `@vaultcraft/core/testing` on a fresh `createMemoryStore()` per test.
import { describeStoreConformance } from '../testing.js';
import { createMemoryStore } from './memory-store.js';

describeStoreConformance({
  name: 'memory',
  createStore: () => createMemoryStore(),
});
