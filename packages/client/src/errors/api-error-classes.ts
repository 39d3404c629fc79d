import { VaultCraftError } from './vaultcraft-error.js';

/**
 * One class per category of the contract's error registry (`apiErrors[code].category`).
 * The server's precise reason is always in `code`; the class groups codes that a caller
 * usually handles the same way.
 */

/** The request is malformed or breaks a rule of the contract (422, 413, `MALFORMED_JSON`). */
export class ValidationError extends VaultCraftError {
  override name = 'ValidationError';
}

/**
 * The request was understood but the ledger refuses it (400): `INSUFFICIENT_FUNDS`,
 * `CURRENCY_MISMATCH`, `SAME_WALLET`, `WALLET_FROZEN`, `INVALID_STATE`,
 * `AMOUNT_EXCEEDS_REMAINING`. Nothing was written.
 */
export class RejectedError extends VaultCraftError {
  override name = 'RejectedError';
}

/** Missing, bad or revoked credentials (401): `UNAUTHORIZED`, `INVALID_CREDENTIALS`. */
export class AuthenticationError extends VaultCraftError {
  override name = 'AuthenticationError';
}

/** Authenticated, but the role may not do this (403 `FORBIDDEN`). */
export class PermissionError extends VaultCraftError {
  override name = 'PermissionError';
}

/** No such resource in the caller's organization (404 `NOT_FOUND`). */
export class NotFoundError extends VaultCraftError {
  override name = 'NotFoundError';
}

/** The request conflicts with existing state (409): `EMAIL_TAKEN`, `PRIMARY_WALLET_EXISTS`, `IDEMPOTENCY_KEY_REUSED`. */
export class ConflictError extends VaultCraftError {
  override name = 'ConflictError';
}

/** Too many requests (429 `RATE_LIMITED`); `headers.get('retry-after')` says when to come back. */
export class RateLimitError extends VaultCraftError {
  override name = 'RateLimitError';
}

/** The server failed (500 `INTERNAL`, and 5xx other than 502..504). */
export class InternalServerError extends VaultCraftError {
  override name = 'InternalServerError';
}

/** The server or its database is unavailable (503 `UNAVAILABLE`, 502, 504). */
export class UnavailableError extends VaultCraftError {
  override name = 'UnavailableError';
}
