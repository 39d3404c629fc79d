/**
 * `@vaultcraft/client/contract`: the wire contract of the VaultCraft REST API v1 as zod
 * schemas. The server validates its requests and responses with these schemas and generates
 * its OpenAPI document from them; the client takes its types from them. Depends on zod only.
 *
 * @example
 * ```ts
 * import { endpoints, transactionSchema } from '@vaultcraft/client/contract';
 *
 * const { method, path } = endpoints['transactions.transfer']; // 'POST', '/api/v1/transactions/transfer'
 * const transaction = transactionSchema.parse(await response.json());
 * ```
 *
 * @packageDocumentation
 */

// Building blocks.
export {
  amountInputSchema,
  amountSchema,
  currencySchema,
  emailSchema,
  errorBodySchema,
  idempotencyKeySchema,
  instantInputSchema,
  instantTimeMax,
  instantTimeMin,
  metadataInputSchema,
  metadataSchema,
  pageOf,
  requestIdSchema,
  roleSchema,
  timestampSchema,
  uuidSchema,
  wireLimits,
} from './contract/common.js';
export type {
  Endpoint,
  EndpointBody,
  EndpointName,
  EndpointQuery,
  EndpointRequest,
  EndpointResponse,
} from './contract/endpoints.js';
// Endpoints.
export { endpoints } from './contract/endpoints.js';
export type { ApiErrorCode, ApiErrorSpec } from './contract/errors.js';
// Errors.
export { apiErrors, isApiErrorCode } from './contract/errors.js';

// Identity.
export {
  apiKeyCreatedSchema,
  apiKeyIdentitySchema,
  apiKeySchema,
  createApiKeyBodySchema,
  createUserBodySchema,
  healthSchema,
  loginBodySchema,
  meSchema,
  organizationSchema,
  signupBodySchema,
  tokenSchema,
  userSchema,
} from './contract/identity.js';

// Ledger.
export {
  balanceQuerySchema,
  balanceSchema,
  batchBodySchema,
  batchResultSchema,
  captureBodySchema,
  createWalletBodySchema,
  depositBodySchema,
  emptyBodySchema,
  entrySchema,
  listEntriesQuerySchema,
  listTransactionsQuerySchema,
  listWalletsQuerySchema,
  listWalletTransactionsQuerySchema,
  reverseBodySchema,
  transactionSchema,
  transactionStatusSchema,
  transactionTypeSchema,
  transferBodySchema,
  walletSchema,
  walletStatusSchema,
  walletTypeSchema,
  withdrawalBodySchema,
} from './contract/ledger.js';

// Types of the wire objects.
export type {
  ApiKey,
  ApiKeyCreated,
  ApiKeyIdentity,
  Balance,
  Entry,
  ErrorBody,
  Health,
  Organization,
  Page,
  Token,
  Transaction,
  User,
  Wallet,
} from './contract/types.js';
