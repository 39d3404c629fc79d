/**
 * The error codes of REST API v1 with their HTTP status, whether a retry may succeed, and
 * their category. A copy of the engine's error registry for the codes that travel over HTTP
 * (the client must not depend on the engine); a server test checks that the two agree.
 * Append-only: a code, once published, keeps its meaning and status.
 */
export const apiErrors = {
  VALIDATION_ERROR: { status: 422, retryable: false, category: 'validation' },
  INSUFFICIENT_FUNDS: { status: 400, retryable: false, category: 'rejected' },
  CURRENCY_MISMATCH: { status: 400, retryable: false, category: 'rejected' },
  SAME_WALLET: { status: 400, retryable: false, category: 'rejected' },
  WALLET_FROZEN: { status: 400, retryable: false, category: 'rejected' },
  INVALID_STATE: { status: 400, retryable: false, category: 'rejected' },
  AMOUNT_EXCEEDS_REMAINING: { status: 400, retryable: false, category: 'rejected' },
  MALFORMED_JSON: { status: 400, retryable: false, category: 'validation' },
  UNAUTHORIZED: { status: 401, retryable: false, category: 'authentication' },
  INVALID_CREDENTIALS: { status: 401, retryable: false, category: 'authentication' },
  FORBIDDEN: { status: 403, retryable: false, category: 'permission' },
  NOT_FOUND: { status: 404, retryable: false, category: 'not_found' },
  EMAIL_TAKEN: { status: 409, retryable: false, category: 'conflict' },
  PRIMARY_WALLET_EXISTS: { status: 409, retryable: false, category: 'conflict' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, retryable: false, category: 'conflict' },
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false, category: 'validation' },
  RATE_LIMITED: { status: 429, retryable: true, category: 'rate_limit' },
  INTERNAL: { status: 500, retryable: true, category: 'internal' },
  UNAVAILABLE: { status: 503, retryable: true, category: 'unavailable' },
} as const satisfies Record<string, ApiErrorSpec>;

/** What the contract says about one error code. */
export interface ApiErrorSpec {
  readonly status: number;
  readonly retryable: boolean;
  readonly category: string;
}

/** An error code of REST API v1. A newer server may send codes this version does not know. */
export type ApiErrorCode = keyof typeof apiErrors;

/** Whether `code` is an error code this version of the contract knows. */
export function isApiErrorCode(code: unknown): code is ApiErrorCode {
  return typeof code === 'string' && Object.hasOwn(apiErrors, code);
}
