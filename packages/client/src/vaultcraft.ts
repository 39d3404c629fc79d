import { clientVersion } from './client-version.js';
import type { Health } from './contract/types.js';
import { checkMaxRetries, checkTimeoutMs } from './internal/check-options.js';
import { Transport } from './internal/transport.js';
import type { RequestOptions } from './request-options.js';
import { ApiKeysResource } from './resources/api-keys-resource.js';
import { AuthResource } from './resources/auth-resource.js';
import { OrganizationResource } from './resources/organization-resource.js';
import { TransactionsResource } from './resources/transactions-resource.js';
import { UsersResource } from './resources/users-resource.js';
import { WalletsResource } from './resources/wallets-resource.js';

/** Options of {@link VaultCraft}. */
export interface VaultCraftOptions {
  /** The server's root URL, without `/api/v1` (`https://ledger.example.com`). */
  readonly baseUrl: string;
  /** An organization API key (`vc_live_...`). */
  readonly apiKey?: string;
  /** A token from signup or login; used instead of `apiKey` while set. */
  readonly token?: string;
  /** A `fetch` to use instead of the global one (tests, proxies, instrumentation). */
  readonly fetch?: typeof fetch;
  /** How long one attempt may take, response body included (default 30,000 ms). */
  readonly timeoutMs?: number;
  /** How many times a failed attempt may be repeated, 0..10 (default 2). */
  readonly maxRetries?: number;
  /** The `User-Agent` header (default `vaultcraft-client/<version>`). */
  readonly userAgent?: string;
  /** Headers sent with every request. */
  readonly defaultHeaders?: Readonly<Record<string, string>>;
}

/** Default of {@link VaultCraftOptions.timeoutMs}. */
export const defaultTimeoutMs = 30_000;
/** Default of {@link VaultCraftOptions.maxRetries}. */
export const defaultMaxRetries = 2;

/**
 * The VaultCraft REST API v1 client. Bodies and answers are the wire's snake_case objects with
 * amounts as decimal strings; answers are validated against the contract; failures throw
 * {@link VaultCraftError} subclasses carrying the server's `code`. Money-moving calls send an
 * idempotency key reused by every retry. Runs wherever standard `fetch` exists.
 *
 * @throws TypeError when `baseUrl` is not an http(s) URL or no `fetch` is available;
 *   RangeError when `timeoutMs` or `maxRetries` is out of range.
 * @example
 * ```ts
 * import { VaultCraft } from '@vaultcraft/client';
 *
 * const client = new VaultCraft({ baseUrl: 'http://127.0.0.1:8000', apiKey: process.env.VAULTCRAFT_API_KEY });
 * const wallet = await client.wallets.create({ name: 'Alice', wallet_type: 'PRIMARY', currency: 'USD', owner_id: 'alice' });
 * await client.transactions.deposit({ wallet_id: wallet.id, amount: '100.00' });
 * ```
 */
export class VaultCraft {
  /** Signup, login, and the calling identity. */
  readonly auth: AuthResource;
  /** The caller's organization. */
  readonly organization: OrganizationResource;
  /** Users of the organization. */
  readonly users: UsersResource;
  /** API keys of the organization. */
  readonly apiKeys: ApiKeysResource;
  /** Wallets, balances and statements. */
  readonly wallets: WalletsResource;
  /** Deposits, withdrawals, transfers, holds, batches and reversals. */
  readonly transactions: TransactionsResource;
  readonly #transport: Transport;

  constructor(options: VaultCraftOptions) {
    const fetchFunction = options.fetch ?? globalThis.fetch?.bind(globalThis);
    if (typeof fetchFunction !== 'function') {
      throw new TypeError('No fetch available: pass one as the fetch option');
    }
    this.#transport = new Transport(
      {
        baseUrl: checkBaseUrl(options.baseUrl),
        fetch: fetchFunction,
        timeoutMs: checkTimeoutMs(options.timeoutMs ?? defaultTimeoutMs),
        maxRetries: checkMaxRetries(options.maxRetries ?? defaultMaxRetries),
        headers: {
          'user-agent': options.userAgent ?? `vaultcraft-client/${clientVersion}`,
          ...options.defaultHeaders,
        },
      },
      { token: options.token ?? null, apiKey: options.apiKey ?? null },
    );
    this.auth = new AuthResource(this.#transport);
    this.organization = new OrganizationResource(this.#transport);
    this.users = new UsersResource(this.#transport);
    this.apiKeys = new ApiKeysResource(this.#transport);
    this.wallets = new WalletsResource(this.#transport);
    this.transactions = new TransactionsResource(this.#transport);
  }

  /** Uses `token` (a JWT from signup or login) for the next calls; `null` forgets it. */
  setToken(token: string | null): void {
    this.#transport.token = token;
  }

  /** Uses `apiKey` for the next calls while no token is set; `null` forgets it. */
  setApiKey(apiKey: string | null): void {
    this.#transport.apiKey = apiKey;
  }

  /**
   * The health of the server and its database. A 503 whose body is a health report
   * (`status: 'unhealthy'`) is answered, not thrown, and not retried.
   *
   * @throws ConnectionError (`CONNECTION_ERROR`), TimeoutError (`TIMEOUT`) when the server
   *   does not answer.
   * @example
   * ```ts
   * const { status, version } = await client.health();
   * ```
   */
  health(options?: RequestOptions): Promise<Health> {
    return this.#transport.request({ endpoint: 'health.check', options, acceptStatuses: [503] });
  }
}

/** The base URL without its trailing slashes. @throws TypeError when it is not http(s). */
function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (cause) {
    throw new TypeError(`baseUrl must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}`, {
      cause,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`baseUrl must be an http(s) URL, got ${JSON.stringify(baseUrl)}`);
  }
  return baseUrl.replace(/\/+$/, '');
}
