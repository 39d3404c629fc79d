/**
 * A property every error of this client carries, registered globally with `Symbol.for` so
 * that two copies of the package (a duplicate install, a bundle and a dependency) recognise
 * each other's errors where `instanceof` would not.
 */
const vaultCraftErrorMarker = Symbol.for('@vaultcraft/client.VaultCraftError');

/** What a {@link VaultCraftError} is made of. */
export interface VaultCraftErrorInit {
  /** The stable machine code (`INSUFFICIENT_FUNDS`, or a client code such as `TIMEOUT`). */
  readonly code: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
  /** The HTTP status, or `null` when no response arrived. */
  readonly status?: number | null;
  /** The server's `X-Request-Id` (`error.request_id`), or `null` when no response arrived. */
  readonly requestId?: string | null;
  readonly headers?: Headers | null;
  /** Whether the same request may succeed when repeated later. */
  readonly retryable?: boolean;
  readonly cause?: unknown;
}

/**
 * The base class of every error the client throws: an error answered by the server (rebuilt
 * from its error body), a transport failure, a caller's abort, or a response that does not
 * match the contract. Identify errors by `code` and {@link isVaultCraftError}, not only by
 * `instanceof`.
 *
 * @example
 * ```ts
 * try {
 *   await client.transactions.transfer({ from_wallet_id, to_wallet_id, amount: '10.00' });
 * } catch (error) {
 *   if (isVaultCraftError(error) && error.code === 'INSUFFICIENT_FUNDS') {
 *     console.log('not enough money', error.requestId);
 *   } else {
 *     throw error;
 *   }
 * }
 * ```
 */
export class VaultCraftError extends Error {
  override name = 'VaultCraftError';
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly status: number | null;
  readonly requestId: string | null;
  readonly headers: Headers | null;
  readonly retryable: boolean;

  constructor(init: VaultCraftErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.details = init.details ?? {};
    this.status = init.status ?? null;
    this.requestId = init.requestId ?? null;
    this.headers = init.headers ?? null;
    this.retryable = init.retryable ?? false;
    Object.defineProperty(this, vaultCraftErrorMarker, { value: true });
  }
}

/**
 * Whether `error` was thrown by `@vaultcraft/client`, of this copy of the package or another.
 *
 * @example
 * ```ts
 * if (isVaultCraftError(error) && error.code === 'NOT_FOUND') return null;
 * ```
 */
export function isVaultCraftError(error: unknown): error is VaultCraftError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { [vaultCraftErrorMarker]?: unknown })[vaultCraftErrorMarker] === true
  );
}
