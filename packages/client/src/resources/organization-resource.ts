import type { Organization } from '../contract/types.js';
import type { Transport } from '../internal/transport.js';
import type { RequestOptions } from '../request-options.js';

/** The caller's organization (`client.organization`). */
export class OrganizationResource {
  readonly #transport: Transport;

  /**
   * The client creates its resources; use `client.organization`.
   *
   * @internal
   */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * The caller's organization: `{id, name, created_at}`.
   *
   * @throws AuthenticationError (`UNAUTHORIZED`).
   */
  retrieve(options?: RequestOptions): Promise<Organization> {
    return this.#transport.request({ endpoint: 'organization.retrieve', options });
  }
}
