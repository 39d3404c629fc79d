import { UnavailableError } from '@vaultcraft/core';
import { isTransientSqliteError, toStoreError } from './sqlite-errors.js';
import type { SqliteDatabase } from './sqlite-statements.js';

/** Attempts of a write whose lock stayed busy past `busy_timeout`, before `UNAVAILABLE`. */
const writeAttemptsMax = 3;

/**
 * Runs the store's work in SQLite transactions on its one connection: writes in
 * `BEGIN IMMEDIATE` (the write lock is taken before the first read, so a check and the write
 * that depends on it see the same state, also across processes), multi-statement reads in one
 * deferred transaction (one snapshot). The work itself is synchronous: no other call of this
 * process can interleave, and no lock is ever held across an await.
 */
export class SqliteTransactions {
  private readonly immediate: (run: () => unknown) => unknown;
  private readonly deferred: (run: () => unknown) => unknown;
  private closed = false;
  private migrating: Promise<unknown> | null = null;

  constructor(db: SqliteDatabase) {
    // better-sqlite3's transaction wrapper: cached BEGIN/COMMIT statements, and ROLLBACK when
    // the function throws (a StoreRejection included), so a rejected write leaves nothing.
    const transaction = db.transaction((run: () => unknown) => run());
    this.immediate = transaction.immediate;
    this.deferred = transaction.deferred;
  }

  /** @throws `UNAVAILABLE` once closed. */
  assertOpen(): void {
    if (this.closed) throw new UnavailableError('The SQLite store is closed');
  }

  /** Refuses every later call; waits for a running migration to end. */
  async close(): Promise<void> {
    this.closed = true;
    await this.migrating?.catch(() => undefined);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Runs a migration (which holds the write lock across awaits); writes wait for it, so that
   * none joins its transaction and none could be rolled back with it.
   */
  async whileMigrating<T>(run: () => Promise<T>): Promise<T> {
    this.assertOpen();
    await this.migrating?.catch(() => undefined);
    const running = run();
    this.migrating = running;
    try {
      return await running;
    } catch (error) {
      throw toStoreError(error);
    } finally {
      if (this.migrating === running) this.migrating = null;
    }
  }

  /** Runs a read in one snapshot. */
  read<T>(run: () => T): T {
    this.assertOpen();
    try {
      return this.deferred(run) as T;
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /**
   * Runs a write in one `BEGIN IMMEDIATE` transaction. A lock that stays busy past the busy
   * timeout (another process writing) is retried a bounded number of times, then `UNAVAILABLE`.
   */
  async write<T>(run: () => T): Promise<T> {
    this.assertOpen();
    if (this.migrating !== null) await this.migrating.catch(() => undefined);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return this.immediate(run) as T;
      } catch (error) {
        if (!isTransientSqliteError(error) || attempt >= writeAttemptsMax) {
          throw toStoreError(error);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
