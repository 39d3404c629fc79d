import type { EndpointBody } from '../contract/endpoints.js';
import type { Balance, Entry, Transaction, Wallet } from '../contract/types.js';
import type { QueryValue } from '../internal/build-url.js';
import { listPages } from '../internal/list-pages.js';
import type { Transport } from '../internal/transport.js';
import type { ListQuery } from '../pagination/list-query.js';
import type { PagePromise } from '../pagination/page-promise.js';
import type { IdempotentRequestOptions, RequestOptions } from '../request-options.js';

type Query = Readonly<Record<string, QueryValue>> | undefined;

/** Wallets, their balances and statements (`client.wallets`). */
export class WalletsResource {
  readonly #transport: Transport;

  /**
   * The client creates its resources; use `client.wallets`.
   *
   * @internal
   */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Creates a wallet. `owner_id` defaults to the calling user; an API key must name one.
   *
   * @throws ValidationError (`VALIDATION_ERROR`: an unknown currency, a missing `owner_id`),
   *   PermissionError (`FORBIDDEN`), ConflictError (`PRIMARY_WALLET_EXISTS`,
   *   `IDEMPOTENCY_KEY_REUSED`).
   * @example
   * ```ts
   * const wallet = await client.wallets.create({ name: 'Alice', wallet_type: 'PRIMARY', currency: 'USD', owner_id: 'alice' });
   * ```
   */
  create(
    body: EndpointBody<'wallets.create'>,
    options?: IdempotentRequestOptions,
  ): Promise<Wallet> {
    return this.#transport.request({ endpoint: 'wallets.create', body, options });
  }

  /** A wallet. @throws NotFoundError (`NOT_FOUND`). */
  retrieve(id: string, options?: RequestOptions): Promise<Wallet> {
    return this.#transport.request({ endpoint: 'wallets.retrieve', id, options });
  }

  /**
   * The organization's wallets, newest first, optionally filtered by `owner_id`,
   * `wallet_type`, `currency`, `status`. Await it for the first page or iterate every wallet.
   *
   * @throws ValidationError (`VALIDATION_ERROR`).
   * @example
   * ```ts
   * for await (const wallet of client.wallets.list({ currency: 'USD' })) console.log(wallet.balance);
   * ```
   */
  list(query?: ListQuery<'wallets.list'>, options?: RequestOptions): PagePromise<Wallet> {
    return listPages(this.#transport, { endpoint: 'wallets.list', query: query as Query, options });
  }

  /**
   * A wallet's balance now, or its posted balance at the instant `asOf` (then
   * `available_balance` is `null`).
   *
   * @throws ValidationError (`VALIDATION_ERROR`), NotFoundError (`NOT_FOUND`).
   * @example
   * ```ts
   * const { balance, available_balance } = await client.wallets.balance(wallet.id);
   * const endOfMonth = await client.wallets.balance(wallet.id, { asOf: '2026-01-31T23:59:59.999Z' });
   * ```
   */
  balance(
    id: string,
    query?: { readonly asOf?: string | Date },
    options?: RequestOptions,
  ): Promise<Balance> {
    const asOf = query?.asOf;
    return this.#transport.request({
      endpoint: 'wallets.balance',
      id,
      query: { as_of: asOf instanceof Date ? asOf.toISOString() : asOf },
      options,
    });
  }

  /**
   * The transactions touching a wallet, newest first (filters `transaction_type`, `status`,
   * `created_from`, `created_to`).
   *
   * @throws ValidationError (`VALIDATION_ERROR`), NotFoundError (`NOT_FOUND`).
   */
  transactions(
    id: string,
    query?: ListQuery<'wallets.transactions'>,
    options?: RequestOptions,
  ): PagePromise<Transaction> {
    return listPages(this.#transport, {
      endpoint: 'wallets.transactions',
      id,
      query: query as Query,
      options,
    });
  }

  /**
   * A wallet's statement: its entries (each with `balance_after`), newest first.
   *
   * @throws ValidationError (`VALIDATION_ERROR`), NotFoundError (`NOT_FOUND`).
   */
  entries(
    id: string,
    query?: ListQuery<'wallets.entries'>,
    options?: RequestOptions,
  ): PagePromise<Entry> {
    return listPages(this.#transport, {
      endpoint: 'wallets.entries',
      id,
      query: query as Query,
      options,
    });
  }

  /**
   * Freezes a wallet (OWNER or ADMIN): it can neither send nor receive until unfrozen.
   *
   * @throws PermissionError (`FORBIDDEN`), NotFoundError (`NOT_FOUND`),
   *   ConflictError (`IDEMPOTENCY_KEY_REUSED`).
   */
  freeze(id: string, options?: IdempotentRequestOptions): Promise<Wallet> {
    return this.#transport.request({ endpoint: 'wallets.freeze', id, options });
  }

  /**
   * Unfreezes a wallet (OWNER or ADMIN).
   *
   * @throws PermissionError (`FORBIDDEN`), NotFoundError (`NOT_FOUND`),
   *   ConflictError (`IDEMPOTENCY_KEY_REUSED`).
   */
  unfreeze(id: string, options?: IdempotentRequestOptions): Promise<Wallet> {
    return this.#transport.request({ endpoint: 'wallets.unfreeze', id, options });
  }
}
