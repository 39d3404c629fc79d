import type { EndpointBody, EndpointResponse } from '../contract/endpoints.js';
import type { Token } from '../contract/types.js';
import type { Transport } from '../internal/transport.js';
import type { RequestOptions } from '../request-options.js';

/** Options of signup and login. */
export interface AuthRequestOptions extends RequestOptions {
  /** Use the answered token for the client's next calls (default `true`). */
  readonly setToken?: boolean;
}

/** Signup, login and the calling identity (`client.auth`). */
export class AuthResource {
  readonly #transport: Transport;

  /**
   * The client creates its resources; use `client.auth`.
   *
   * @internal
   */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Creates an organization and its first user (OWNER) and answers a token, which the client
   * then uses unless `setToken: false`. Not retried after a transport failure: a repeat of a
   * signup that went through would answer `EMAIL_TAKEN`.
   *
   * @throws ValidationError (`VALIDATION_ERROR`), ConflictError (`EMAIL_TAKEN`),
   *   RateLimitError (`RATE_LIMITED`).
   * @example
   * ```ts
   * const { user } = await client.auth.signup({
   *   email: 'owner@example.com',
   *   password: 'correct horse battery',
   *   full_name: 'Ada Owner',
   *   organization_name: 'Acme',
   * });
   * ```
   */
  async signup(body: EndpointBody<'auth.signup'>, options?: AuthRequestOptions): Promise<Token> {
    const token = await this.#transport.request({ endpoint: 'auth.signup', body, options });
    if (options?.setToken !== false) this.#transport.token = token.access_token;
    return token;
  }

  /**
   * Exchanges email and password for a token, which the client then uses unless
   * `setToken: false`.
   *
   * @throws AuthenticationError (`INVALID_CREDENTIALS`, for an unknown email and a wrong
   *   password alike), ValidationError (`VALIDATION_ERROR`), RateLimitError (`RATE_LIMITED`).
   * @example
   * ```ts
   * await client.auth.login({ email: 'owner@example.com', password: 'correct horse battery' });
   * ```
   */
  async login(body: EndpointBody<'auth.login'>, options?: AuthRequestOptions): Promise<Token> {
    const token = await this.#transport.request({ endpoint: 'auth.login', body, options });
    if (options?.setToken !== false) this.#transport.token = token.access_token;
    return token;
  }

  /**
   * The calling user, or the calling API key (`{id, name, role, prefix, organization_id,
   * created_at}`; tell them apart with `'email' in me`).
   *
   * @throws AuthenticationError (`UNAUTHORIZED`).
   */
  me(options?: RequestOptions): Promise<EndpointResponse<'auth.me'>> {
    return this.#transport.request({ endpoint: 'auth.me', options });
  }
}
