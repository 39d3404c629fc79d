import { UnavailableError } from '@vaultcraft/core';
import type { GroupCommitSettings } from '../shared/group-commit-options.js';
import { type GroupOutcome, WriteGroups } from '../shared/write-groups.js';
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
 *
 * With group commit (the default), writes issued together run one after the other in one
 * `BEGIN IMMEDIATE` transaction, each in its own savepoint (better-sqlite3 turns a nested
 * transaction function into `SAVEPOINT`): a write that throws is rolled back to its savepoint
 * and fails alone, the next ones see exactly what the previous ones wrote (as they would one
 * by one), and one `COMMIT` (one fsync) makes the whole group durable before any caller hears
 * back. A failure that ends the transaction itself (disk full, I/O error) fails every write of
 * the group: none was acknowledged, none is kept.
 */
export class SqliteTransactions {
  private readonly immediate: (run: () => unknown) => unknown;
  private readonly deferred: (run: () => unknown) => unknown;
  private closed = false;
  private migrating: Promise<unknown> | null = null;
  private readonly groups: WriteGroups<() => unknown> | null;

  constructor(
    private readonly db: SqliteDatabase,
    groupCommit: GroupCommitSettings | null,
  ) {
    // better-sqlite3's transaction wrapper: cached BEGIN/COMMIT statements, and ROLLBACK when
    // the function throws (a StoreRejection included), so a rejected write leaves nothing.
    const transaction = db.transaction((run: () => unknown) => run());
    this.immediate = transaction.immediate;
    this.deferred = transaction.deferred;
    this.groups =
      groupCommit === null ? null : new WriteGroups(groupCommit, (runs) => this.commitGroup(runs));
  }

  /** @throws `UNAVAILABLE` once closed. */
  assertOpen(): void {
    if (this.closed) throw new UnavailableError('The SQLite store is closed');
  }

  /** Refuses every later call, commits the writes already queued; waits for a migration. */
  async close(): Promise<void> {
    this.closed = true;
    await this.groups?.flush();
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
   * Runs a write in a `BEGIN IMMEDIATE` transaction (its own, or its group's). A lock that stays
   * busy past the busy timeout (another process writing) is retried a bounded number of times,
   * then `UNAVAILABLE`.
   */
  async write<T>(run: () => T): Promise<T> {
    this.assertOpen();
    if (this.migrating !== null) await this.migrating.catch(() => undefined);
    if (this.groups !== null) return this.groups.submit<T>(run);
    return (await this.retryingBusy(() => this.immediate(run))) as T;
  }

  /** Runs the writes of a group in one transaction, each in a savepoint; see the class. */
  private async commitGroup(runs: readonly (() => unknown)[]): Promise<GroupOutcome[]> {
    // A migration holds its transaction across awaits: a group run meanwhile would become a
    // savepoint inside it, acknowledged before the migration commits.
    if (this.migrating !== null) await this.migrating.catch(() => undefined);
    return this.retryingBusy(
      () => this.immediate(() => runs.map((run) => this.inSavepoint(run))) as GroupOutcome[],
    );
  }

  private inSavepoint(run: () => unknown): GroupOutcome {
    try {
      // Inside a transaction, better-sqlite3 runs a transaction function in a savepoint.
      return { ok: true, value: this.immediate(run) };
    } catch (error) {
      // SQLite ended the whole transaction (I/O error, full disk): the group cannot commit.
      if (!this.db.inTransaction) throw error;
      return { ok: false, error: toStoreError(error) };
    }
  }

  private async retryingBusy<T>(attempt: () => T): Promise<T> {
    for (let attempts = 1; ; attempts += 1) {
      try {
        return attempt();
      } catch (error) {
        if (!isTransientSqliteError(error) || attempts >= writeAttemptsMax) {
          throw toStoreError(error);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempts));
    }
  }
}
