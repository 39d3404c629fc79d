/** Options of one call, overriding the client's for that call only. */
export interface RequestOptions {
  /** Aborts the call at once, also between retries; it rejects with `AbortError` (`ABORTED`). */
  readonly signal?: AbortSignal;
  /** How long one attempt may take, response body included (default: the client's). */
  readonly timeoutMs?: number;
  /** How many times a failed attempt may be repeated (default: the client's). */
  readonly maxRetries?: number;
  /** Extra headers of this call; they override the client's. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Options of a call that accepts an `Idempotency-Key` (every authenticated POST). */
export interface IdempotentRequestOptions extends RequestOptions {
  /**
   * The `Idempotency-Key` to send (1..255 printable ASCII characters). Without it the client
   * generates a random UUID before the first attempt; either way every retry sends the same key.
   * Pass your own to make a call safe to repeat across process restarts.
   */
  readonly idempotencyKey?: string;
}
