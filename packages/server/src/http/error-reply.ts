import type { ErrorBody } from '@vaultcraft/client/contract';
import { type FieldIssue, isVaultError, ValidationError, VaultError } from '@vaultcraft/core';

/** An error answer: status, the error body of API.md, and extra headers. */
export interface ErrorReply {
  readonly status: number;
  readonly body: ErrorBody;
  readonly headers: Readonly<Record<string, string>>;
  /** Whether the error is the server's fault (logged at `error` with its cause). */
  readonly internal: boolean;
}

/** `RATE_LIMITED` with the seconds after which a retry may pass (the `Retry-After` header). */
export class RateLimitedError extends VaultError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many requests; retry after ${retryAfterSeconds} s`, {
      details: { retry_after_seconds: retryAfterSeconds },
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * A `VALIDATION_ERROR` found while reading the request against the wire schemas: its field
 * paths are already the wire's names (`Idempotency-Key`, `metadata.orderId`) and are reported
 * as they are, unlike the engine's camelCase paths.
 */
export class WireValidationError extends ValidationError {}

/** Malformed JSON in a request body (400 `MALFORMED_JSON`). */
export function malformedJson(reason: string): VaultError {
  return new VaultError('MALFORMED_JSON', `The request body is not valid JSON: ${reason}`);
}

const snakeCache = new Map<string, string>();

/** `fromWalletId` → `from_wallet_id`: the engine names fields in camelCase, the wire in snake_case. */
export function toSnakeCase(name: string): string {
  let snake = snakeCache.get(name);
  if (snake === undefined) {
    snake = name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    if (snakeCache.size < 1000) {
      snakeCache.set(name, snake);
    }
  }
  return snake;
}

function snakeDetails(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(snakeDetails);
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [toSnakeCase(key), snakeDetails(item)]),
    );
  }
  return value;
}

function snakeFields(fields: readonly FieldIssue[]): FieldIssue[] {
  return fields.map((field) => ({
    path: field.path.split('.').map(toSnakeCase).join('.'),
    message: field.message,
  }));
}

/** Fastify's own errors that are the caller's fault, by Fastify error code. */
const fastifyErrors: Readonly<Record<string, () => VaultError>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    new VaultError('PAYLOAD_TOO_LARGE', 'The request body is larger than 1 MiB'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    new VaultError('MALFORMED_JSON', 'The Content-Length header does not match the body'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => malformedJson('the body is empty'),
  FST_ERR_BAD_URL: () => new VaultError('NOT_FOUND', 'No such resource'),
};

function asVaultError(error: unknown): VaultError | null {
  if (isVaultError(error)) {
    // A configuration problem found while serving a request is the operator's, not the
    // caller's; an internal error's message and details are for the log only.
    return error.code === 'CONFIGURATION_ERROR' || error.code === 'INTERNAL' ? null : error;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && Object.hasOwn(fastifyErrors, code)) {
    return fastifyErrors[code]!();
  }
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return new VaultError('MALFORMED_JSON', 'The request could not be read');
  }
  return null;
}

/**
 * The answer to any error thrown while serving a request. Engine errors keep their code and
 * status (field names turned to snake_case); anything unexpected becomes `INTERNAL` with a
 * generic message: never a stack trace, SQL or driver text.
 */
export function errorReply(error: unknown, requestId: string): ErrorReply {
  const known = asVaultError(error);
  if (known === null) {
    return {
      status: 500,
      body: {
        error: {
          code: 'INTERNAL',
          message: 'Internal error; the request id identifies it in the server log',
          details: {},
          request_id: requestId,
        },
      },
      headers: {},
      internal: true,
    };
  }
  const headers: Record<string, string> = {};
  if (known instanceof RateLimitedError) {
    headers['retry-after'] = String(known.retryAfterSeconds);
  } else if (known.code === 'UNAVAILABLE') {
    headers['retry-after'] = '1';
  }
  let message = known.message;
  let details = snakeDetails(known.details) as Record<string, unknown>;
  if (known instanceof ValidationError) {
    const rebuilt = new ValidationError(
      known instanceof WireValidationError ? known.fields : snakeFields(known.fields),
    );
    message = rebuilt.message;
    details = { ...details, fields: rebuilt.details.fields };
  }
  return {
    status: known.status,
    body: { error: { code: known.code, message, details, request_id: requestId } },
    headers,
    internal: false,
  };
}
