// Proves group commit on the SQLite store with the shared suite (group-commit-suite.ts), on a
// fresh file per test (WAL, synchronous=FULL), counting groups by spying on the transaction
// runner's group commit.
import { afterAll, vi } from 'vitest';
import { SqliteTransactions } from '../../src/sqlite/sqlite-transactions.js';
import { openSqliteStore } from '../../src/sqlite.js';
import { tempDatabase } from '../sqlite/temp-database.js';
import { describeGroupCommit } from './group-commit-suite.js';

const commitGroup = vi.spyOn(
  SqliteTransactions.prototype as unknown as { commitGroup(runs: unknown[]): unknown },
  'commitGroup',
);
afterAll(() => commitGroup.mockRestore());

describeGroupCommit({
  name: 'SQLite',
  keyedWritesArriveTogether: true,
  groupsCommitted: () => commitGroup.mock.calls.length,
  async open(groupCommit = {}) {
    const database = tempDatabase();
    const store = await openSqliteStore({ path: database.path, groupCommit });
    return {
      store,
      reopen: () => openSqliteStore({ path: database.path }),
      async dispose() {
        await store.close();
        database.remove();
      },
    };
  },
});
