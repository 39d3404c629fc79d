import {
  ConfigurationError,
  InternalError,
  isVaultError,
  UnavailableError,
} from '@vaultcraft/core';

// The one place where SQLite driver errors of the identity store become VaultCraft errors.
// better-sqlite3 reports SQLite's extended result codes as `error.code`
// (https://www.sqlite.org/rescode.html). Messages name no SQL; the driver error stays as cause.

/** The setting that names the database, in the errors of a failed open. */
const databaseSetting = 'DATABASE_URL';

/** The extended result code of a better-sqlite3 error (`SQLITE_BUSY_SNAPSHOT`), if any. */
export function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** Whether another connection or process holds the lock (worth waiting for). */
export function isSqliteBusy(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== undefined && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * Which uniqueness rule an insert broke: the email of a user, the idempotency key of a stored
 * response, or another (an id or key hash used twice: a caller's bug). SQLite names the columns,
 * not the constraint: `UNIQUE constraint failed: vaultcraft_users.email`.
 */
export function sqliteUniqueViolation(error: unknown): 'email' | 'response' | 'other' | null {
  const code = sqliteCode(error);
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return null;
  const message = (error as Error).message;
  if (message.includes('vaultcraft_users.email')) return 'email';
  if (message.includes('vaultcraft_http_responses.')) return 'response';
  return 'other';
}

/**
 * The error of a failed call: a closed store, a lock that outlasted the busy timeout, an I/O
 * error, a full disk or a file that became read-only or vanished are `UNAVAILABLE`; anything
 * else is `INTERNAL`.
 */
export function toSqliteQueryError(error: unknown): unknown {
  if (isVaultError(error)) return error;
  const code = sqliteCode(error);
  if (code === undefined) {
    if (error instanceof TypeError && /database connection is not open/.test(error.message)) {
      return new UnavailableError('The identity database is closed', { cause: error });
    }
    return new InternalError('The identity store failed unexpectedly', { cause: error });
  }
  if (
    isSqliteBusy(error) ||
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code === 'SQLITE_FULL' ||
    code === 'SQLITE_PROTOCOL'
  ) {
    return new UnavailableError(`The identity database cannot be used right now (${code})`, {
      cause: error,
      details: { driver_code: code },
    });
  }
  return new InternalError(`The identity store failed (${code})`, {
    cause: error,
    details: { driver_code: code },
  });
}

/**
 * The error of a failed open, saying what to fix: a file that cannot be created or opened, or
 * that is not a SQLite database, is a bad `DATABASE_URL`; a lock held past the wait is
 * `UNAVAILABLE`.
 */
export function toSqliteOpenError(error: unknown, path: string): unknown {
  if (isVaultError(error)) return error;
  const code = sqliteCode(error);
  if (isSqliteBusy(error)) {
    return new UnavailableError(
      `The SQLite database at ${path} stayed locked by another process while opening; retry`,
      { cause: error },
    );
  }
  const system = (error as { code?: unknown } | null)?.code;
  const notDatabase = code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
  if (
    notDatabase ||
    code?.startsWith('SQLITE_CANTOPEN') ||
    code?.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_PERM' ||
    code === 'SQLITE_AUTH' ||
    (typeof system === 'string' && /^E[A-Z]+$/.test(system)) ||
    (error instanceof TypeError && /Cannot open database/.test(error.message))
  ) {
    const reason = notDatabase
      ? 'is not a SQLite database (point it at a new file or at a VaultCraft database)'
      : 'cannot be opened for writing (check that its directory exists or can be created, and the permissions)';
    return new ConfigurationError(databaseSetting, `${JSON.stringify(path)} ${reason}`, {
      cause: error,
      ...(code !== undefined && { details: { driver_code: code } }),
    });
  }
  return new InternalError(`Opening the identity tables in ${path} failed`, { cause: error });
}
