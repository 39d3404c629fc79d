import type { VaultCraftErrorInit } from './vaultcraft-error.js';
import { VaultCraftError } from './vaultcraft-error.js';

/**
 * Errors that the client raises itself, with client codes that the server never sends:
 * transport failures, a caller's abort, and a response that does not match the contract.
 */

/**
 * What a client error is built from: the fields of {@link VaultCraftErrorInit} but its code and
 * retryability, which each class sets.
 *
 * @inline
 */
type ClientErrorInit = Omit<VaultCraftErrorInit, 'code' | 'retryable'>;

/** No response arrived: DNS, refused connection, reset, TLS (`CONNECTION_ERROR`, retryable). */
export class ConnectionError extends VaultCraftError {
  override name = 'ConnectionError';

  constructor(init: ClientErrorInit & { code?: string }) {
    super({ ...init, code: init.code ?? 'CONNECTION_ERROR', retryable: true });
  }
}

/** No complete response arrived within `timeoutMs` (`TIMEOUT`, retryable). */
export class TimeoutError extends ConnectionError {
  override name = 'TimeoutError';

  constructor(init: ClientErrorInit) {
    super({ ...init, code: 'TIMEOUT' });
  }
}

/**
 * The caller's `AbortSignal` fired (`ABORTED`). Never retried. Its `name` is `AbortError`,
 * like the `DOMException` that `fetch` throws, so code that checks the name keeps working.
 */
export class AbortError extends VaultCraftError {
  override name = 'AbortError';

  constructor(init: ClientErrorInit) {
    super({ ...init, code: 'ABORTED', retryable: false });
  }
}

/** One problem found in a response body (a zod issue, reduced to what callers need). */
export interface ResponseIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * A success response whose body is not what the contract describes
 * (`RESPONSE_VALIDATION_ERROR`): not JSON, a missing or mistyped field, an unknown enum value.
 * Fields the contract does not know are tolerated (a newer server may add some); see the README.
 * The request itself may have succeeded: do not blindly repeat a money-moving call.
 */
export class VaultCraftResponseValidationError extends VaultCraftError {
  override name = 'VaultCraftResponseValidationError';
  readonly issues: readonly ResponseIssue[];

  constructor(init: ClientErrorInit & { issues: readonly ResponseIssue[] }) {
    super({ ...init, code: 'RESPONSE_VALIDATION_ERROR', retryable: false });
    this.issues = init.issues;
  }
}
