import type { EndpointBody } from '../contract/endpoints.js';
import type { User } from '../contract/types.js';
import type { Transport } from '../internal/transport.js';
import type { IdempotentRequestOptions } from '../request-options.js';

/** The users of the caller's organization (`client.users`). */
export class UsersResource {
  readonly #transport: Transport;

  /**
   * The client creates its resources; use `client.users`.
   *
   * @internal
   */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Adds a user to the caller's organization (OWNER or ADMIN; only an OWNER adds an OWNER).
   *
   * @throws ValidationError (`VALIDATION_ERROR`), PermissionError (`FORBIDDEN`),
   *   ConflictError (`EMAIL_TAKEN`, `IDEMPOTENCY_KEY_REUSED`).
   * @example
   * ```ts
   * const member = await client.users.create({
   *   email: 'bob@example.com',
   *   password: 'another long password',
   *   full_name: 'Bob',
   *   role: 'MEMBER',
   * });
   * ```
   */
  create(body: EndpointBody<'users.create'>, options?: IdempotentRequestOptions): Promise<User> {
    return this.#transport.request({ endpoint: 'users.create', body, options });
  }
}
