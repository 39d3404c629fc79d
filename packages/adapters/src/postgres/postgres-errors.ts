import {
  ConfigurationError,
  InternalError,
  idempotencyKeyReused,
  isStoreRejection,
  isVaultError,
  type RejectionCode,
  type RejectionFacts,
  StoreRejection,
  UnavailableError,
} from '@vaultcraft/core';

// The one place where PostgreSQL driver errors become VaultCraft errors. SQLSTATEs from
// https://www.postgresql.org/docs/15/errcodes-appendix.html; VC001 and VC002 are raised by the
// store's own functions (migrations/m0001-documents.ts, m0001-write-steps.ts).

const rejectionSqlstate = 'VC001';
const keyReusedSqlstate = 'VC002';

const rejectionCodes = new Set<string>([
  'NOT_FOUND',
  'CURRENCY_MISMATCH',
  'WALLET_FROZEN',
  'INSUFFICIENT_FUNDS',
  'INVALID_STATE',
  'AMOUNT_EXCEEDS_REMAINING',
  'PRIMARY_WALLET_EXISTS',
]);

/** The SQLSTATE of a server error, or the errno code (`ECONNREFUSED`) of a socket error. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Whether PostgreSQL rolled the statement back because of a race it could not order: a
 * deadlock (40P01) or a serialization failure (40001). Nothing was written, so the store
 * retries the statement (a bounded number of times) instead of failing the caller.
 */
export function isRetryableConflict(error: unknown): boolean {
  const code = errorCode(error);
  return code === '40P01' || code === '40001';
}

const connectionErrnos = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Whether the server, the network or the database itself failed us: nothing was written, or
 * the connection broke before we could know, and the request may be retried later.
 */
function isConnectionFailure(error: unknown): boolean {
  const code = errorCode(error);
  if (code !== undefined) {
    return (
      connectionErrnos.has(code) ||
      code.startsWith('08') || // connection exception
      code.startsWith('28') || // invalid_authorization_specification (credentials changed)
      // operator_intervention: admin_shutdown, crash_shutdown, cannot_connect_now (starting
      // up, in recovery), database_dropped, idle_session_timeout
      code.startsWith('57P') ||
      code === '3D000' || // invalid_catalog_name: the database is gone (dropped, renamed)
      // read_only_sql_transaction: the server became a standby after a failover, or was made
      // read-only (default_transaction_read_only): it refused the write and wrote nothing
      code === '25006' ||
      code === '53300' || // too_many_connections
      code === '57014' // query_canceled (statement_timeout)
    );
  }
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'KnexTimeoutError' ||
    /Connection terminated|connection timeout|timeout expired|Client has encountered a connection error|Client was closed/i.test(
      error.message,
    )
  );
}

/** The raw facts of a VC001 rejection, from its JSON detail. */
function rejectionFacts(detail: unknown): RejectionFacts {
  const raw = typeof detail === 'string' ? (JSON.parse(detail) as Record<string, unknown>) : {};
  const facts: {
    index?: number;
    walletId?: string;
    transactionId?: string;
    organizationId?: string;
    remaining?: bigint;
    status?: string;
    transactionType?: string;
  } = {};
  if (typeof raw.index === 'number') facts.index = raw.index;
  if (typeof raw.walletId === 'string') facts.walletId = raw.walletId;
  if (typeof raw.transactionId === 'string') facts.transactionId = raw.transactionId;
  if (typeof raw.organizationId === 'string') facts.organizationId = raw.organizationId;
  if (typeof raw.remaining === 'string') facts.remaining = BigInt(raw.remaining);
  if (typeof raw.status === 'string') facts.status = raw.status;
  if (typeof raw.transactionType === 'string') facts.transactionType = raw.transactionType;
  return facts;
}

/**
 * The error a store call reports: the functions' rejections become `StoreRejection`s and
 * `IDEMPOTENCY_KEY_REUSED`; a lost server or network, a full pool, or conflicts that outlasted
 * the retries are `UNAVAILABLE`; anything else is `INTERNAL` (a constraint violated here is a
 * broken invariant, since every write checks before it writes). The driver error stays as
 * `cause`; no SQL is echoed.
 */
export function toStoreError(error: unknown): unknown {
  if (isStoreRejection(error) || isVaultError(error)) return error;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === rejectionSqlstate && rejectionCodes.has(message)) {
    return new StoreRejection(
      message as RejectionCode,
      rejectionFacts((error as { detail?: unknown }).detail),
    );
  }
  if (code === keyReusedSqlstate) return idempotencyKeyReused(message);
  if (isRetryableConflict(error)) {
    return new UnavailableError(
      'PostgreSQL kept aborting the write on conflicts with concurrent writes; retry it',
      { cause: error, details: { driver_code: code } },
    );
  }
  if (isConnectionFailure(error)) {
    return new UnavailableError(`PostgreSQL is not reachable (${code ?? message}); retry later`, {
      cause: error,
      ...(code !== undefined && { details: { driver_code: code } }),
    });
  }
  return new InternalError(`The PostgreSQL store failed (${code ?? 'no SQLSTATE'})`, {
    cause: error,
    ...(code !== undefined && { details: { driver_code: code } }),
  });
}

/**
 * The error of a failed open, saying what to fix: a host that does not resolve or answer, a
 * refused connection, bad credentials, or a missing database are a bad `url`; a server that is
 * starting or full is `UNAVAILABLE`. Never echoes the password.
 *
 * @param where - the URL without its password (`user@host:port/database`)
 */
export function toOpenError(error: unknown, where: string, connectTimeoutMs: number): unknown {
  if (isVaultError(error)) return error;
  const code = errorCode(error);
  const fail = (message: string) =>
    new ConfigurationError('url', `${message} (${where})`, {
      cause: error,
      ...(code !== undefined && { details: { driver_code: code } }),
    });
  switch (code) {
    case 'ECONNREFUSED':
      return fail(
        'nothing accepts connections at this host and port: is PostgreSQL running there, and is the port right?',
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return fail('the host name does not resolve: check the host in the URL');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return fail('the host is not reachable from here: check the host in the URL and the network');
    case '28P01':
      return fail('password authentication failed: check the user name and password in the URL');
    case '28000':
      return fail(
        `the server refused the login (${(error as Error).message}): check the user name in the URL and pg_hba.conf`,
      );
    case '3D000':
      return fail(
        `the database does not exist (${(error as Error).message}): create it, or fix the database name in the URL`,
      );
    case '42501':
      return fail(
        `the user lacks a privilege the store needs (${(error as Error).message}): grant it, or use another user`,
      );
    default:
      break;
  }
  if (error instanceof Error && code === undefined) {
    if (error.name === 'KnexTimeoutError' || /timeout/i.test(error.message)) {
      return fail(
        `the server did not answer within ${connectTimeoutMs} ms: check the host and port in the URL and the firewall, or raise connectTimeoutMs`,
      );
    }
    if (isConnectionFailure(error)) {
      return fail(
        'the server closed the connection while logging in: check that the URL names a PostgreSQL server, and its sslmode',
      );
    }
  }
  return toStoreError(error);
}
