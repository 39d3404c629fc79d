import {
  ConfigurationError,
  InternalError,
  isStoreRejection,
  isVaultError,
  UnavailableError,
} from '@vaultcraft/core';

// The one place where SQLite driver errors become VaultCraft errors. better-sqlite3 reports
// SQLite's extended result codes as `error.code` (https://www.sqlite.org/rescode.html).

/** The extended result code of a better-sqlite3 error (`SQLITE_BUSY_SNAPSHOT`), if any. */
export function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/**
 * Whether the error is a lock held by another connection or process: worth retrying. With
 * `busy_timeout`, SQLite has already waited that long before reporting it.
 */
export function isTransientSqliteError(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== undefined && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * The error a store call reports for a failure: rejections and VaultErrors pass unchanged;
 * locks that outlasted the retries, I/O errors, a full disk or a read-only file are
 * `UNAVAILABLE`; anything else is `INTERNAL` (a constraint violated here means a broken
 * invariant, since every write checks before it writes). The driver error stays as `cause`,
 * and no SQL is echoed.
 */
export function toStoreError(error: unknown): unknown {
  if (isStoreRejection(error) || isVaultError(error)) return error;
  const code = sqliteCode(error);
  if (code === undefined) {
    if (error instanceof TypeError && /database connection is not open/.test(error.message)) {
      return new UnavailableError('The SQLite store is closed', { cause: error });
    }
    return new InternalError('The SQLite store failed unexpectedly', { cause: error });
  }
  if (isTransientSqliteError(error)) {
    return new UnavailableError(
      'The SQLite database stayed locked by another writer; retry later or raise busyTimeoutMs',
      { cause: error, details: { driver_code: code } },
    );
  }
  if (
    code.startsWith('SQLITE_IOERR') ||
    code === 'SQLITE_FULL' ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code === 'SQLITE_PROTOCOL'
  ) {
    return new UnavailableError(`The SQLite database cannot be written (${code})`, {
      cause: error,
      details: { driver_code: code },
    });
  }
  return new InternalError(`The SQLite store failed (${code})`, {
    cause: error,
    details: { driver_code: code },
  });
}

/**
 * The error of a failed open: what to fix, naming the setting. A file that cannot be created or
 * opened, or that is not a SQLite database, is a bad `path`; a lock that outlasted the busy
 * timeout while applying migrations is `UNAVAILABLE`.
 */
export function toOpenError(error: unknown, path: string): unknown {
  if (isVaultError(error)) return error;
  const code = sqliteCode(error);
  if (isTransientSqliteError(error)) {
    return new UnavailableError(
      `The SQLite database at ${path} stayed locked by another process while opening; retry, or raise busyTimeoutMs`,
      { cause: error },
    );
  }
  const system = (error as { code?: unknown } | null)?.code;
  if (
    code === 'SQLITE_NOTADB' ||
    code === 'SQLITE_CORRUPT' ||
    code?.startsWith('SQLITE_CANTOPEN') ||
    code?.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_PERM' ||
    code === 'SQLITE_AUTH' ||
    (typeof system === 'string' && /^E[A-Z]+$/.test(system))
  ) {
    const reason =
      code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT'
        ? 'is not a SQLite database (point it at a new file or at a VaultCraft database)'
        : 'cannot be opened for writing (check that the directory exists or can be created, and its permissions)';
    return new ConfigurationError('path', `${JSON.stringify(path)} ${reason}`, { cause: error });
  }
  return new InternalError(`Opening the SQLite database at ${path} failed`, { cause: error });
}
