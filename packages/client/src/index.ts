/**
 * `@vaultcraft/client`: the typed client of the VaultCraft REST API v1, for any runtime with
 * standard `fetch` (Node 20+, browsers, Deno, Bun, edge). Depends on zod only.
 *
 * @example
 * ```ts
 * import { VaultCraft, isVaultCraftError } from '@vaultcraft/client';
 *
 * const client = new VaultCraft({ baseUrl: 'http://127.0.0.1:8000', apiKey });
 * try {
 *   await client.transactions.transfer({ from_wallet_id, to_wallet_id, amount: '10.50' });
 * } catch (error) {
 *   if (isVaultCraftError(error) && error.code === 'INSUFFICIENT_FUNDS') console.log('declined');
 *   else throw error;
 * }
 * ```
 *
 * @packageDocumentation
 */

// The client.
export { VaultCraft, defaultMaxRetries, defaultTimeoutMs } from './vaultcraft.js';
export type { VaultCraftOptions } from './vaultcraft.js';
export type { IdempotentRequestOptions, RequestOptions } from './request-options.js';
export { clientVersion } from './client-version.js';

// Resources (created by the client; exported for their types).
export { AuthResource } from './resources/auth-resource.js';
export type { AuthRequestOptions } from './resources/auth-resource.js';
export { OrganizationResource } from './resources/organization-resource.js';
export { UsersResource } from './resources/users-resource.js';
export { ApiKeysResource } from './resources/api-keys-resource.js';
export { WalletsResource } from './resources/wallets-resource.js';
export { TransactionsResource } from './resources/transactions-resource.js';

// Pagination.
export { Page } from './pagination/page.js';
export { PagePromise, collectLimitMax } from './pagination/page-promise.js';
export type { ListEndpointName, ListQuery } from './pagination/list-query.js';

// Errors.
export { VaultCraftError, isVaultCraftError } from './errors/vaultcraft-error.js';
export type { VaultCraftErrorInit } from './errors/vaultcraft-error.js';
export {
  AuthenticationError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  RejectedError,
  UnavailableError,
  ValidationError,
} from './errors/api-error-classes.js';
export {
  AbortError,
  ConnectionError,
  TimeoutError,
  VaultCraftResponseValidationError,
} from './errors/client-errors.js';
export type { ResponseIssue } from './errors/client-errors.js';

// Wire types (the schemas themselves are in `@vaultcraft/client/contract`).
export type {
  ApiKey,
  ApiKeyCreated,
  ApiKeyIdentity,
  Balance,
  Entry,
  ErrorBody,
  Health,
  Organization,
  Token,
  Transaction,
  User,
  Wallet,
} from './contract/types.js';
export type {
  EndpointBody,
  EndpointName,
  EndpointQuery,
  EndpointResponse,
} from './contract/endpoints.js';
export type { ApiErrorCode } from './contract/errors.js';
