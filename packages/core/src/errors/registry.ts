/**
 * The registry of stable error codes. Codes are API: append only, never rename.
 *
 * Every error VaultCraft raises carries one of these codes. The HTTP status and retryability
 * live here so that the engine, the server's responses, the client's rebuilt errors and the
 * error reference page all agree (see docs/errors.md).
 */
export const errorRegistry = {
  VALIDATION_ERROR: {
    status: 422,
    retryable: false,
    category: 'validation',
    summary:
      'The input is malformed: a field has the wrong type, is missing, unknown or out of range.',
    action: 'Fix the fields listed in `details.fields` and send the request again.',
  },
  INSUFFICIENT_FUNDS: {
    status: 400,
    retryable: false,
    category: 'rejected',
    summary:
      "The source wallet's available balance (posted balance minus open holds) is below the amount.",
    action: 'Deposit funds, release a hold, or move a smaller amount.',
  },
  CURRENCY_MISMATCH: {
    status: 400,
    retryable: false,
    category: 'rejected',
    summary: 'The wallets involved hold different currencies.',
    action: 'Move money only between wallets of the same currency; convert explicitly with a rate.',
  },
  SAME_WALLET: {
    status: 400,
    retryable: false,
    category: 'rejected',
    summary: 'The source and destination are the same wallet.',
    action: 'Choose two different wallets.',
  },
  WALLET_FROZEN: {
    status: 400,
    retryable: false,
    category: 'rejected',
    summary: 'A wallet involved is frozen: it can neither send nor receive.',
    action: 'Unfreeze the wallet (OWNER or ADMIN) or use another wallet.',
  },
  INVALID_STATE: {
    status: 400,
    retryable: false,
    category: 'rejected',
    summary:
      'The transaction is not in a state that allows this operation (capture or void of a hold that is not PENDING, reversal of a transaction that is not COMPLETED).',
    action: 'Retrieve the transaction to see its status.',
  },
  AMOUNT_EXCEEDS_REMAINING: {
    status: 400,
    retryable: false,
    category: 'rejected',
    summary:
      'The amount is above what is left: a capture above the held amount, or a reversal above what remains to be reversed.',
    action: 'Use at most `details.remaining`.',
  },
  MALFORMED_JSON: {
    status: 400,
    retryable: false,
    category: 'validation',
    summary: 'The request body is not valid JSON.',
    action: 'Send a well-formed JSON body with `Content-Type: application/json`.',
  },
  UNAUTHORIZED: {
    status: 401,
    retryable: false,
    category: 'authentication',
    summary: 'Credentials are missing, malformed, expired or revoked.',
    action: 'Log in again or use a valid API key.',
  },
  INVALID_CREDENTIALS: {
    status: 401,
    retryable: false,
    category: 'authentication',
    summary: 'The email or password is wrong (the answer is the same for both).',
    action: 'Check the credentials.',
  },
  FORBIDDEN: {
    status: 403,
    retryable: false,
    category: 'permission',
    summary: 'The caller is authenticated, but its role may not perform this operation.',
    action: 'Use an OWNER or ADMIN credential.',
  },
  NOT_FOUND: {
    status: 404,
    retryable: false,
    category: 'not_found',
    summary:
      "The resource does not exist in the caller's organization (another organization's id answers the same).",
    action: 'Check the id and the organization.',
  },
  EMAIL_TAKEN: {
    status: 409,
    retryable: false,
    category: 'conflict',
    summary: 'A user with this email already exists.',
    action: 'Log in, or use another email.',
  },
  PRIMARY_WALLET_EXISTS: {
    status: 409,
    retryable: false,
    category: 'conflict',
    summary: 'The owner already has a PRIMARY wallet in this currency.',
    action: 'Use the existing wallet (see `details.wallet_id`), or create a BONUS wallet.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    retryable: false,
    category: 'conflict',
    summary: 'The idempotency key was already used for a different request.',
    action: 'Use a new key for a new request; reuse a key only to retry the very same request.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    retryable: false,
    category: 'validation',
    summary: 'The request body is over the size limit (1 MiB).',
    action: 'Send a smaller body; split large batches.',
  },
  RATE_LIMITED: {
    status: 429,
    retryable: true,
    category: 'rate_limit',
    summary: 'Too many requests of this kind from this client.',
    action: 'Wait for the number of seconds in `Retry-After`, then retry.',
  },
  INTERNAL: {
    status: 500,
    retryable: true,
    category: 'internal',
    summary: 'An unexpected error. Nothing was written unless the operation was acknowledged.',
    action: 'Retry with the same idempotency key; report the `request_id` if it persists.',
  },
  UNAVAILABLE: {
    status: 503,
    retryable: true,
    category: 'unavailable',
    summary: 'The database is unreachable or overloaded, or a write conflicted too often.',
    action: 'Retry with the same idempotency key after `Retry-After` seconds.',
  },
  CONFIGURATION_ERROR: {
    status: 500,
    retryable: false,
    category: 'configuration',
    summary:
      'A setting is invalid: a bad URL, an unreachable database, wrong credentials, an unknown currency declaration. `details.setting` names it.',
    action: 'Fix the named setting and start again.',
  },
} as const satisfies Record<string, ErrorSpec>;

/** The description of one error code in the registry. */
export interface ErrorSpec {
  /** The HTTP status the server answers with. */
  readonly status: number;
  /** Whether retrying the same request (with the same idempotency key) may succeed. */
  readonly retryable: boolean;
  /** The error class family the code belongs to. */
  readonly category: ErrorCategory;
  /** What the code means. */
  readonly summary: string;
  /** What a caller should do about it. */
  readonly action: string;
}

/** Families of error codes; each maps to one error class. */
export type ErrorCategory =
  | 'validation'
  | 'rejected'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'conflict'
  | 'rate_limit'
  | 'internal'
  | 'unavailable'
  | 'configuration';

/** A stable machine-readable error code. */
export type ErrorCode = keyof typeof errorRegistry;

/** Every error code, in registry order. */
export const errorCodes = Object.keys(errorRegistry) as ErrorCode[];

/** Whether `value` is a known error code. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorRegistry, value);
}
