import type { EndpointBody } from '../contract/endpoints.js';
import type { ApiKey, ApiKeyCreated } from '../contract/types.js';
import type { QueryValue } from '../internal/build-url.js';
import { listPages } from '../internal/list-pages.js';
import type { Transport } from '../internal/transport.js';
import type { ListQuery } from '../pagination/list-query.js';
import type { PagePromise } from '../pagination/page-promise.js';
import type { IdempotentRequestOptions, RequestOptions } from '../request-options.js';

/** The organization's API keys, OWNER or ADMIN only (`client.apiKeys`). */
export class ApiKeysResource {
  readonly #transport: Transport;

  /**
   * The client creates its resources; use `client.apiKeys`.
   *
   * @internal
   */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Creates an API key acting with `role` in the organization. Its `key` is in this answer
   * only; the server keeps a hash.
   *
   * @throws ValidationError (`VALIDATION_ERROR`), PermissionError (`FORBIDDEN`),
   *   ConflictError (`IDEMPOTENCY_KEY_REUSED`).
   * @example
   * ```ts
   * const { key } = await client.apiKeys.create({ name: 'billing job', role: 'ADMIN' });
   * const service = new VaultCraft({ baseUrl, apiKey: key });
   * ```
   */
  create(
    body: EndpointBody<'apiKeys.create'>,
    options?: IdempotentRequestOptions,
  ): Promise<ApiKeyCreated> {
    return this.#transport.request({ endpoint: 'apiKeys.create', body, options });
  }

  /**
   * The organization's active keys, without the keys themselves, newest first.
   *
   * @throws ValidationError (`VALIDATION_ERROR`), PermissionError (`FORBIDDEN`).
   */
  list(query?: ListQuery<'apiKeys.list'>, options?: RequestOptions): PagePromise<ApiKey> {
    return listPages(this.#transport, {
      endpoint: 'apiKeys.list',
      query: query as Readonly<Record<string, QueryValue>> | undefined,
      options,
    });
  }

  /**
   * Revokes a key; it stops working at once. A retry of a revocation whose answer was lost
   * answers `NOT_FOUND` (the key is already gone).
   *
   * @throws PermissionError (`FORBIDDEN`), NotFoundError (`NOT_FOUND`).
   */
  async revoke(id: string, options?: RequestOptions): Promise<void> {
    await this.#transport.request({ endpoint: 'apiKeys.revoke', id, options });
  }
}
