import { errorBodySchema } from '../contract/common.js';
import { type ApiErrorCode, apiErrors, isApiErrorCode } from '../contract/errors.js';
import {
  AuthenticationError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  RejectedError,
  UnavailableError,
  ValidationError,
} from './api-error-classes.js';
import { VaultCraftError, type VaultCraftErrorInit } from './vaultcraft-error.js';

type ErrorClass = new (init: VaultCraftErrorInit) => VaultCraftError;
type Category = (typeof apiErrors)[ApiErrorCode]['category'];

// Typed by the registry's categories: a new category in the contract fails to compile here.
const classOfCategory: Record<Category, ErrorClass> = {
  validation: ValidationError,
  rejected: RejectedError,
  authentication: AuthenticationError,
  permission: PermissionError,
  not_found: NotFoundError,
  conflict: ConflictError,
  rate_limit: RateLimitError,
  internal: InternalServerError,
  unavailable: UnavailableError,
};

/** The class for a code this version does not know (from a newer server, or a proxy). */
function classOfStatus(status: number): ErrorClass {
  switch (status) {
    case 400:
      return RejectedError;
    case 401:
      return AuthenticationError;
    case 403:
      return PermissionError;
    case 404:
      return NotFoundError;
    case 409:
      return ConflictError;
    case 413:
    case 422:
      return ValidationError;
    case 429:
      return RateLimitError;
    case 502:
    case 503:
    case 504:
      return UnavailableError;
    default:
      return status >= 500 ? InternalServerError : VaultCraftError;
  }
}

/** Whether a status says "try again later" whatever the code (RFC 9110 15.5.9, 15.6). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** The `error` member of an error body, if the body is one (fields a newer server adds are ignored). */
function readErrorBody(json: unknown) {
  const inner =
    typeof json === 'object' && json !== null ? (json as { error?: unknown }).error : null;
  const result = errorBodySchema.shape.error.loose().safeParse(inner);
  return result.success ? result.data : null;
}

/**
 * Rebuilds the error the server answered, from the error body of REST API v1
 * (`{"error": {code, message, details, request_id}}`). A known code gets the class of its
 * category and its registry's `retryable`; an unknown code keeps its code and gets the class
 * of its HTTP status; a body that is not an error body (a proxy's HTML page) gets the code
 * `HTTP_<status>`.
 */
export function errorFromResponse(response: {
  status: number;
  headers: Headers;
  json: unknown;
}): VaultCraftError {
  const { status, headers } = response;
  const body = readErrorBody(response.json);
  const code = body?.code ?? `HTTP_${status}`;
  const known = isApiErrorCode(code);
  const ErrorClass = known ? classOfCategory[apiErrors[code].category] : classOfStatus(status);
  return new ErrorClass({
    code,
    message: body?.message ?? `The server answered ${status} without a VaultCraft error body`,
    details: body?.details ?? {},
    status,
    requestId: body?.request_id ?? headers.get('x-request-id'),
    headers,
    retryable: known ? apiErrors[code].retryable : isRetryableStatus(status),
  });
}
