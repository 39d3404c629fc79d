import { type ErrorCategory, type ErrorCode, errorRegistry } from './registry.js';

/** Extra machine-readable facts about an error, snake_case keys as on the wire. */
export type ErrorDetails = Record<string, unknown>;

/** One bad field of a {@link ValidationError}. */
export interface FieldIssue {
  /** Dotted path of the field (`amount`, `transfers.3.amount`, `metadata.color`). */
  readonly path: string;
  /** What is wrong, for people. */
  readonly message: string;
}

const marker = Symbol.for('vaultcraft.error');

/**
 * The base class of every error VaultCraft raises on purpose. It carries a stable
 * {@link ErrorCode}, the HTTP status and retryability from the registry, and `details`.
 *
 * Identify errors with {@link isVaultError} or by `code`, not only with `instanceof`: two
 * copies of the package in one process make `instanceof` fail.
 *
 * @example
 * ```ts
 * try {
 *   await acme.transactions.transfer({ fromWalletId, toWalletId, amount: '5.00' });
 * } catch (error) {
 *   if (isVaultError(error) && error.code === 'INSUFFICIENT_FUNDS') {
 *     // tell the user
 *   }
 * }
 * ```
 */
export class VaultError extends Error {
  /** The stable machine-readable code. */
  readonly code: ErrorCode;
  /** The HTTP status the server answers with for this code. */
  readonly status: number;
  /** Whether the same request may succeed if retried. */
  readonly retryable: boolean;
  /** The family of the code. */
  readonly category: ErrorCategory;
  /** Machine-readable facts (always an object). */
  readonly details: ErrorDetails;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: ErrorDetails; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const spec = errorRegistry[code];
    this.name = new.target.name;
    this.code = code;
    this.status = spec.status;
    this.retryable = spec.retryable;
    this.category = spec.category;
    this.details = options.details ?? {};
    Object.defineProperty(this, marker, { value: true });
  }

  /** The error as the wire's error body (without `request_id`, which the server adds). */
  toJSON(): { code: ErrorCode; message: string; details: ErrorDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** The input is malformed (`VALIDATION_ERROR`); `details.fields` lists every bad field. */
export class ValidationError extends VaultError {
  /** Every bad field, in input order. */
  readonly fields: readonly FieldIssue[];

  constructor(fields: readonly FieldIssue[], options: { details?: ErrorDetails } = {}) {
    const first = fields[0];
    const message =
      fields.length === 0
        ? 'Invalid input'
        : fields.length === 1 && first
          ? `Invalid input: ${first.path ? `${first.path}: ` : ''}${first.message}`
          : `Invalid input: ${fields.length} fields are invalid (${fields.map((f) => f.path || '(root)').join(', ')})`;
    super('VALIDATION_ERROR', message, {
      details: { ...options.details, fields: fields.map((f) => ({ ...f })) },
    });
    this.fields = fields;
  }
}

/** The resource does not exist in this organization (`NOT_FOUND`). */
export class NotFoundError extends VaultError {
  constructor(resource: string, id: string, details: ErrorDetails = {}) {
    super('NOT_FOUND', `${resource} ${id} not found`, { details: { resource, id, ...details } });
  }
}

/**
 * A business rule rejected the operation (`INSUFFICIENT_FUNDS`, `CURRENCY_MISMATCH`,
 * `SAME_WALLET`, `WALLET_FROZEN`, `INVALID_STATE`, `AMOUNT_EXCEEDS_REMAINING`). Nothing was
 * written.
 */
export class RejectedError extends VaultError {}

/** The request conflicts with existing state (`PRIMARY_WALLET_EXISTS`, `IDEMPOTENCY_KEY_REUSED`, `EMAIL_TAKEN`). */
export class ConflictError extends VaultError {}

/** The store could not be reached or kept conflicting (`UNAVAILABLE`); safe to retry. */
export class UnavailableError extends VaultError {
  constructor(message: string, options: { details?: ErrorDetails; cause?: unknown } = {}) {
    super('UNAVAILABLE', message, options);
  }
}

/** A setting is invalid (`CONFIGURATION_ERROR`); `details.setting` names it. */
export class ConfigurationError extends VaultError {
  /** The name of the bad setting. */
  readonly setting: string;

  constructor(
    setting: string,
    message: string,
    options: { cause?: unknown; details?: ErrorDetails } = {},
  ) {
    super('CONFIGURATION_ERROR', `${setting}: ${message}`, {
      details: { setting, ...options.details },
      cause: options.cause,
    });
    this.setting = setting;
  }
}

/** An unexpected failure or a broken invariant (`INTERNAL`). */
export class InternalError extends VaultError {
  constructor(message: string, options: { details?: ErrorDetails; cause?: unknown } = {}) {
    super('INTERNAL', message, options);
  }
}

/**
 * Whether `value` is an error raised by VaultCraft, also across duplicate installs of the
 * package (where `instanceof` fails).
 */
export function isVaultError(value: unknown): value is VaultError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[marker] === true
  );
}

/**
 * Fails loudly when an internal invariant does not hold. A broken invariant is a bug, never a
 * business error: it raises `INTERNAL`.
 */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) {
    throw new InternalError(`Invariant violated: ${message}`);
  }
}
