import {
  ConfigurationError,
  InternalError,
  isVaultError,
  UnavailableError,
} from '@vaultcraft/core';

// The one place where PostgreSQL driver errors of the identity store become VaultCraft errors.
// SQLSTATEs from https://www.postgresql.org/docs/current/errcodes-appendix.html. Messages
// name no SQL and never the password; the driver error stays as cause.

/** The setting that names the database, in the errors of a failed open. */
const databaseSetting = 'DATABASE_URL';

/** The SQLSTATE of a server error, or the errno code (`ECONNREFUSED`) of a socket error. */
export function pgErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Which uniqueness rule an insert broke (unique_violation, 23505), by constraint name: the
 * email of a user, the idempotency key of a stored response, or another (an id or key hash
 * used twice: a caller's bug).
 */
export function pgUniqueViolation(error: unknown): 'email' | 'response' | 'other' | null {
  if (pgErrorCode(error) !== '23505') return null;
  const constraint = (error as { constraint?: unknown }).constraint;
  if (constraint === 'vaultcraft_users_email_key') return 'email';
  if (constraint === 'vaultcraft_http_responses_pkey') return 'response';
  return 'other';
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

/** Whether the server, the network or the database itself is gone (worth retrying later). */
function isUnavailable(error: unknown): boolean {
  const code = pgErrorCode(error);
  if (code !== undefined) {
    return (
      connectionErrnos.has(code) ||
      code.startsWith('08') || // connection_exception
      code.startsWith('28') || // invalid_authorization_specification (credentials changed)
      code.startsWith('57P') || // operator_intervention: shutdown, cannot_connect_now, dropped database
      code === '3D000' || // invalid_catalog_name: the database was dropped
      // read_only_sql_transaction: the server became a standby after a failover, or was made
      // read-only (default_transaction_read_only): it refused the write and wrote nothing
      code === '25006' ||
      code === '53300' || // too_many_connections
      code === '57014' || // query_canceled (statement_timeout)
      code === '40P01' || // deadlock_detected: nothing was written
      code === '40001' // serialization_failure: nothing was written
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

/**
 * The error of a failed call: a lost server, network or database, or a full pool, are
 * `UNAVAILABLE`; anything else is `INTERNAL`.
 */
export function toPgQueryError(error: unknown): unknown {
  if (isVaultError(error)) return error;
  const code = pgErrorCode(error);
  const details = code === undefined ? {} : { details: { driver_code: code } };
  if (isUnavailable(error)) {
    return new UnavailableError(
      `The identity database is not reachable (${code ?? 'connection lost'}); retry later`,
      { cause: error, ...details },
    );
  }
  return new InternalError(`The identity store failed (${code ?? 'no SQLSTATE'})`, {
    cause: error,
    ...details,
  });
}

/**
 * The error of a failed open, saying what to fix: an unresolvable or unreachable host, a
 * refused connection, bad credentials, a missing database or privilege are a bad
 * `DATABASE_URL`; anything else as for a call.
 *
 * @param where - the URL without its password (`user@host:port/database`)
 */
export function toPgOpenError(error: unknown, where: string, connectTimeoutMs: number): unknown {
  if (isVaultError(error)) return error;
  const code = pgErrorCode(error);
  const reason = openFailureReason(error, code, connectTimeoutMs);
  if (reason === null) return toPgQueryError(error);
  return new ConfigurationError(databaseSetting, `${reason} (${where})`, {
    cause: error,
    ...(code !== undefined && { details: { driver_code: code } }),
  });
}

function openFailureReason(
  error: unknown,
  code: string | undefined,
  connectTimeoutMs: number,
): string | null {
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return 'nothing accepts connections at this host and port: is PostgreSQL running there, and is the port right?';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve: check the host in the URL';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host is not reachable from here: check the host in the URL and the network';
    case '28P01':
      return 'password authentication failed: check the user name and password in the URL';
    case '28000':
      return `the server refused the login (${message}): check the user name in the URL and pg_hba.conf`;
    case '3D000':
      return `the database does not exist (${message}): create it, or fix the database name in the URL`;
    case '42501':
      return `the user lacks a privilege the server needs (${message}): grant it, or use another user`;
    default:
      break;
  }
  if (code !== undefined || !(error instanceof Error)) return null;
  if (error.name === 'KnexTimeoutError' || /timeout/i.test(message)) {
    return `the server did not answer within ${connectTimeoutMs} ms: check the host and port in the URL and the firewall`;
  }
  if (isUnavailable(error)) {
    return 'the server closed the connection while logging in: check that the URL names a PostgreSQL server, and its sslmode';
  }
  return null;
}
