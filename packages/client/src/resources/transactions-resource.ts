import type { EndpointBody, EndpointResponse } from '../contract/endpoints.js';
import type { Transaction } from '../contract/types.js';
import type { QueryValue } from '../internal/build-url.js';
import { listPages } from '../internal/list-pages.js';
import type { Transport } from '../internal/transport.js';
import type { ListQuery } from '../pagination/list-query.js';
import type { PagePromise } from '../pagination/page-promise.js';
import type { IdempotentRequestOptions, RequestOptions } from '../request-options.js';

/**
 * Deposits, withdrawals, transfers, holds and reversals (`client.transactions`). Every
 * money-moving call sends an `Idempotency-Key` (generated, or yours) and reuses it on every
 * retry, so a retried call is applied at most once. Amounts are decimal strings (`'10.50'`).
 */
export class TransactionsResource {
  readonly #transport: Transport;

  /**
   * The client creates its resources; use `client.transactions`.
   *
   * @internal
   */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Money in, from the organization's SYSTEM wallet of the currency (OWNER or ADMIN).
   *
   * @throws ValidationError (`VALIDATION_ERROR`: amount format or scale), NotFoundError
   *   (`NOT_FOUND`), PermissionError (`FORBIDDEN`), RejectedError (`WALLET_FROZEN`),
   *   ConflictError (`IDEMPOTENCY_KEY_REUSED`).
   * @example
   * ```ts
   * await client.transactions.deposit({ wallet_id: wallet.id, amount: '100.00' }, { idempotencyKey: 'order-1234' });
   * ```
   */
  deposit(
    body: EndpointBody<'transactions.deposit'>,
    options?: IdempotentRequestOptions,
  ): Promise<Transaction> {
    return this.#transport.request({ endpoint: 'transactions.deposit', body, options });
  }

  /**
   * Money out, to the organization's SYSTEM wallet of the currency (OWNER or ADMIN).
   *
   * @throws the codes of {@link TransactionsResource.deposit}, and RejectedError (`INSUFFICIENT_FUNDS`).
   */
  withdraw(
    body: EndpointBody<'transactions.withdrawal'>,
    options?: IdempotentRequestOptions,
  ): Promise<Transaction> {
    return this.#transport.request({ endpoint: 'transactions.withdrawal', body, options });
  }

  /**
   * Moves money between two wallets of one currency; with `hold: true` it only reserves it
   * (status `PENDING`) until captured, voided, or `expires_at` passes.
   *
   * @throws ValidationError (`VALIDATION_ERROR`), NotFoundError (`NOT_FOUND`), PermissionError
   *   (`FORBIDDEN`), RejectedError (`INSUFFICIENT_FUNDS`, `CURRENCY_MISMATCH`, `SAME_WALLET`,
   *   `WALLET_FROZEN`), ConflictError (`IDEMPOTENCY_KEY_REUSED`).
   * @example
   * ```ts
   * const hold = await client.transactions.transfer({
   *   from_wallet_id: alice.id,
   *   to_wallet_id: bob.id,
   *   amount: '30.00',
   *   hold: true,
   *   expires_at: '2030-01-01T00:00:00.000Z',
   * });
   * ```
   */
  transfer(
    body: EndpointBody<'transactions.transfer'>,
    options?: IdempotentRequestOptions,
  ): Promise<Transaction> {
    return this.#transport.request({ endpoint: 'transactions.transfer', body, options });
  }

  /**
   * Captures a hold, fully or `amount` of it (the rest is released).
   *
   * @throws RejectedError (`INVALID_STATE`: not PENDING, voided or expired;
   *   `AMOUNT_EXCEEDS_REMAINING`), and the codes of {@link TransactionsResource.transfer}.
   */
  capture(
    id: string,
    body?: EndpointBody<'transactions.capture'>,
    options?: IdempotentRequestOptions,
  ): Promise<Transaction> {
    return this.#transport.request({ endpoint: 'transactions.capture', id, body, options });
  }

  /**
   * Voids a hold: its funds are released.
   *
   * @throws RejectedError (`INVALID_STATE`), NotFoundError (`NOT_FOUND`),
   *   PermissionError (`FORBIDDEN`), ConflictError (`IDEMPOTENCY_KEY_REUSED`).
   */
  void(id: string, options?: IdempotentRequestOptions): Promise<Transaction> {
    return this.#transport.request({ endpoint: 'transactions.void', id, options });
  }

  /**
   * Several transfers, all or nothing, applied in order. When one fails, the error is that
   * transfer's and `details.index` is its position (0-based); nothing is written.
   *
   * @throws the codes of {@link TransactionsResource.transfer}.
   */
  batch(
    body: EndpointBody<'transactions.batch'>,
    options?: IdempotentRequestOptions,
  ): Promise<EndpointResponse<'transactions.batch'>> {
    return this.#transport.request({ endpoint: 'transactions.batch', body, options });
  }

  /**
   * Moves money back from the destination to the source (OWNER or ADMIN): `amount` defaults
   * to what is left to reverse.
   *
   * @throws RejectedError (`AMOUNT_EXCEEDS_REMAINING` with `details.remaining`,
   *   `INSUFFICIENT_FUNDS`, `INVALID_STATE`), and the codes of {@link TransactionsResource.deposit}.
   */
  reverse(
    id: string,
    body?: EndpointBody<'transactions.reverse'>,
    options?: IdempotentRequestOptions,
  ): Promise<Transaction> {
    return this.#transport.request({ endpoint: 'transactions.reverse', id, body, options });
  }

  /** A transaction with its entries. @throws NotFoundError (`NOT_FOUND`). */
  retrieve(id: string, options?: RequestOptions): Promise<Transaction> {
    return this.#transport.request({ endpoint: 'transactions.retrieve', id, options });
  }

  /**
   * The organization's transactions, newest first (filters `wallet_id`, `transaction_type`,
   * `status`, `created_from`, `created_to`).
   *
   * @throws ValidationError (`VALIDATION_ERROR`).
   * @example
   * ```ts
   * for await (const transaction of client.transactions.list({ wallet_id: wallet.id })) {
   *   console.log(transaction.transaction_type, transaction.amount);
   * }
   * ```
   */
  list(query?: ListQuery<'transactions.list'>, options?: RequestOptions): PagePromise<Transaction> {
    return listPages(this.#transport, {
      endpoint: 'transactions.list',
      query: query as Readonly<Record<string, QueryValue>> | undefined,
      options,
    });
  }
}
