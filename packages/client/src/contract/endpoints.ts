import { z } from 'zod';
import { pageOf, uuidSchema } from './common.js';
import type { ApiErrorCode } from './errors.js';
import {
  apiKeyCreatedSchema,
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
} from './identity.js';
import {
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
  transferBodySchema,
  walletSchema,
  withdrawalBodySchema,
} from './ledger.js';

/**
 * Every endpoint of REST API v1 as data: method, path, the schemas of its path parameters,
 * query, body and success response, who may call it, and the error codes it documents. The
 * server registers, validates and answers its routes from this table, the OpenAPI document is
 * generated from it, and the client's methods are checked against it.
 */
export interface Endpoint {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** The path with `{name}` parameters, as in OpenAPI. */
  readonly path: string;
  readonly summary: string;
  readonly tag: 'health' | 'auth' | 'organization' | 'api-keys' | 'wallets' | 'transactions';
  /** `none`: public; `any`: any caller with a valid token or key; `admin`: OWNER or ADMIN. */
  readonly access: 'none' | 'any' | 'admin';
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** The body may be omitted (POSTs that take nothing or only optional fields). */
  readonly bodyOptional?: boolean;
  readonly status: 200 | 201 | 204;
  /** `null` for 204 and for endpoints that answer something other than JSON of the contract. */
  readonly response: z.ZodType | null;
  /** Accepts an `Idempotency-Key` header (every authenticated POST). */
  readonly idempotent: boolean;
  /**
   * The error codes this endpoint answers besides the ones every endpoint may answer.
   * `VALIDATION_ERROR` is listed everywhere: an unknown query parameter (or a bad
   * `Idempotency-Key`) is one on every endpoint; `MALFORMED_JSON` wherever a body is read.
   */
  readonly errors: readonly ApiErrorCode[];
}

const idParams = z.strictObject({ id: uuidSchema });

const moneyErrors = [
  'VALIDATION_ERROR',
  'NOT_FOUND',
  'FORBIDDEN',
  'WALLET_FROZEN',
  'IDEMPOTENCY_KEY_REUSED',
] as const;

function endpoint<const E extends Endpoint>(definition: E): E {
  return definition;
}

/** The endpoints, by operation name (`resource.verb`). */
export const endpoints = {
  'health.check': endpoint({
    method: 'GET',
    path: '/health',
    summary: 'Health of the server and its database (503 when the database does not answer)',
    tag: 'health',
    access: 'none',
    status: 200,
    response: healthSchema,
    idempotent: false,
    errors: ['VALIDATION_ERROR', 'UNAVAILABLE'],
  }),
  'auth.signup': endpoint({
    method: 'POST',
    path: '/api/v1/auth/signup',
    summary: 'Create an organization and its first user (OWNER); answers a token',
    tag: 'auth',
    access: 'none',
    body: signupBodySchema,
    status: 201,
    response: tokenSchema,
    idempotent: false,
    errors: ['VALIDATION_ERROR', 'EMAIL_TAKEN', 'RATE_LIMITED'],
  }),
  'auth.login': endpoint({
    method: 'POST',
    path: '/api/v1/auth/login',
    summary: 'Exchange email and password for a token',
    tag: 'auth',
    access: 'none',
    body: loginBodySchema,
    status: 200,
    response: tokenSchema,
    idempotent: false,
    errors: ['VALIDATION_ERROR', 'INVALID_CREDENTIALS', 'RATE_LIMITED'],
  }),
  'auth.me': endpoint({
    method: 'GET',
    path: '/api/v1/auth/me',
    summary: 'The calling user, or the calling API key',
    tag: 'auth',
    access: 'any',
    status: 200,
    response: meSchema,
    idempotent: false,
    errors: ['VALIDATION_ERROR'],
  }),
  'organization.retrieve': endpoint({
    method: 'GET',
    path: '/api/v1/organization',
    summary: "The caller's organization",
    tag: 'organization',
    access: 'any',
    status: 200,
    response: organizationSchema,
    idempotent: false,
    errors: ['VALIDATION_ERROR'],
  }),
  'users.create': endpoint({
    method: 'POST',
    path: '/api/v1/organization/users',
    summary: 'Add a user to the organization (OWNER or ADMIN; only an OWNER adds an OWNER)',
    tag: 'organization',
    access: 'admin',
    body: createUserBodySchema,
    status: 201,
    response: userSchema,
    idempotent: true,
    errors: ['VALIDATION_ERROR', 'FORBIDDEN', 'EMAIL_TAKEN', 'IDEMPOTENCY_KEY_REUSED'],
  }),
  'apiKeys.create': endpoint({
    method: 'POST',
    path: '/api/v1/api-keys',
    summary: 'Create an API key; the key is in the answer this once and stored only as a hash',
    tag: 'api-keys',
    access: 'admin',
    body: createApiKeyBodySchema,
    status: 201,
    response: apiKeyCreatedSchema,
    idempotent: true,
    errors: ['VALIDATION_ERROR', 'FORBIDDEN', 'IDEMPOTENCY_KEY_REUSED'],
  }),
  'apiKeys.list': endpoint({
    method: 'GET',
    path: '/api/v1/api-keys',
    summary: "The organization's active API keys (without the keys)",
    tag: 'api-keys',
    access: 'admin',
    query: listEntriesQuerySchema,
    status: 200,
    response: pageOf(apiKeySchema),
    idempotent: false,
    errors: ['VALIDATION_ERROR', 'FORBIDDEN'],
  }),
  'apiKeys.revoke': endpoint({
    method: 'DELETE',
    path: '/api/v1/api-keys/{id}',
    summary: 'Revoke an API key; it stops working at once',
    tag: 'api-keys',
    access: 'admin',
    params: idParams,
    status: 204,
    response: null,
    idempotent: false,
    errors: ['VALIDATION_ERROR', 'MALFORMED_JSON', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'wallets.create': endpoint({
    method: 'POST',
    path: '/api/v1/wallets',
    summary: 'Create a wallet (one PRIMARY per owner and currency)',
    tag: 'wallets',
    access: 'any',
    body: createWalletBodySchema,
    status: 201,
    response: walletSchema,
    idempotent: true,
    errors: ['VALIDATION_ERROR', 'FORBIDDEN', 'PRIMARY_WALLET_EXISTS', 'IDEMPOTENCY_KEY_REUSED'],
  }),
  'wallets.list': endpoint({
    method: 'GET',
    path: '/api/v1/wallets',
    summary: "The organization's wallets, newest first",
    tag: 'wallets',
    access: 'any',
    query: listWalletsQuerySchema,
    status: 200,
    response: pageOf(walletSchema),
    idempotent: false,
    errors: ['VALIDATION_ERROR'],
  }),
  'wallets.retrieve': endpoint({
    method: 'GET',
    path: '/api/v1/wallets/{id}',
    summary: 'A wallet',
    tag: 'wallets',
    access: 'any',
    params: idParams,
    status: 200,
    response: walletSchema,
    idempotent: false,
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
  }),
  'wallets.balance': endpoint({
    method: 'GET',
    path: '/api/v1/wallets/{id}/balance',
    summary: "A wallet's balance now, or its posted balance as of an instant",
    tag: 'wallets',
    access: 'any',
    params: idParams,
    query: balanceQuerySchema,
    status: 200,
    response: balanceSchema,
    idempotent: false,
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
  }),
  'wallets.transactions': endpoint({
    method: 'GET',
    path: '/api/v1/wallets/{id}/transactions',
    summary: 'The transactions touching a wallet, newest first',
    tag: 'wallets',
    access: 'any',
    params: idParams,
    query: listWalletTransactionsQuerySchema,
    status: 200,
    response: pageOf(transactionSchema),
    idempotent: false,
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
  }),
  'wallets.entries': endpoint({
    method: 'GET',
    path: '/api/v1/wallets/{id}/entries',
    summary: "A wallet's statement: its entries, newest first",
    tag: 'wallets',
    access: 'any',
    params: idParams,
    query: listEntriesQuerySchema,
    status: 200,
    response: pageOf(entrySchema),
    idempotent: false,
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
  }),
  'wallets.freeze': endpoint({
    method: 'POST',
    path: '/api/v1/wallets/{id}/freeze',
    summary: 'Freeze a wallet: it can neither send nor receive (OWNER or ADMIN)',
    tag: 'wallets',
    access: 'admin',
    params: idParams,
    body: emptyBodySchema,
    bodyOptional: true,
    status: 200,
    response: walletSchema,
    idempotent: true,
    errors: ['VALIDATION_ERROR', 'FORBIDDEN', 'NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED'],
  }),
  'wallets.unfreeze': endpoint({
    method: 'POST',
    path: '/api/v1/wallets/{id}/unfreeze',
    summary: 'Unfreeze a wallet (OWNER or ADMIN)',
    tag: 'wallets',
    access: 'admin',
    params: idParams,
    body: emptyBodySchema,
    bodyOptional: true,
    status: 200,
    response: walletSchema,
    idempotent: true,
    errors: ['VALIDATION_ERROR', 'FORBIDDEN', 'NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED'],
  }),
  'transactions.deposit': endpoint({
    method: 'POST',
    path: '/api/v1/transactions/deposit',
    summary: "Money in, from the organization's SYSTEM wallet of the currency (OWNER or ADMIN)",
    tag: 'transactions',
    access: 'admin',
    body: depositBodySchema,
    status: 201,
    response: transactionSchema,
    idempotent: true,
    // SAME_WALLET: the wallet named is the SYSTEM wallet the money would come from.
    errors: [...moneyErrors, 'SAME_WALLET'],
  }),
  'transactions.withdrawal': endpoint({
    method: 'POST',
    path: '/api/v1/transactions/withdrawal',
    summary: "Money out, to the organization's SYSTEM wallet of the currency (OWNER or ADMIN)",
    tag: 'transactions',
    access: 'admin',
    body: withdrawalBodySchema,
    status: 201,
    response: transactionSchema,
    idempotent: true,
    errors: [...moneyErrors, 'INSUFFICIENT_FUNDS', 'SAME_WALLET'],
  }),
  'transactions.transfer': endpoint({
    method: 'POST',
    path: '/api/v1/transactions/transfer',
    summary: 'Move money between two wallets of one currency, or reserve it (hold: true)',
    tag: 'transactions',
    access: 'any',
    body: transferBodySchema,
    status: 201,
    response: transactionSchema,
    idempotent: true,
    errors: [...moneyErrors, 'INSUFFICIENT_FUNDS', 'CURRENCY_MISMATCH', 'SAME_WALLET'],
  }),
  'transactions.batch': endpoint({
    method: 'POST',
    path: '/api/v1/transactions/batch',
    summary:
      'Several transfers, all or nothing, applied in order (details.index names a failing item)',
    tag: 'transactions',
    access: 'any',
    body: batchBodySchema,
    status: 201,
    response: batchResultSchema,
    idempotent: true,
    errors: [...moneyErrors, 'INSUFFICIENT_FUNDS', 'CURRENCY_MISMATCH', 'SAME_WALLET'],
  }),
  'transactions.capture': endpoint({
    method: 'POST',
    path: '/api/v1/transactions/{id}/capture',
    summary: 'Capture a hold, fully or partly (the rest is released)',
    tag: 'transactions',
    access: 'any',
    params: idParams,
    body: captureBodySchema,
    bodyOptional: true,
    status: 200,
    response: transactionSchema,
    idempotent: true,
    errors: [...moneyErrors, 'INVALID_STATE', 'AMOUNT_EXCEEDS_REMAINING'],
  }),
  'transactions.void': endpoint({
    method: 'POST',
    path: '/api/v1/transactions/{id}/void',
    summary: 'Void a hold: its funds are released',
    tag: 'transactions',
    access: 'any',
    params: idParams,
    body: emptyBodySchema,
    bodyOptional: true,
    status: 200,
    response: transactionSchema,
    idempotent: true,
    errors: [...moneyErrors, 'INVALID_STATE'],
  }),
  'transactions.reverse': endpoint({
    method: 'POST',
    path: '/api/v1/transactions/{id}/reverse',
    summary: 'Move money back from the destination to the source (OWNER or ADMIN)',
    tag: 'transactions',
    access: 'admin',
    params: idParams,
    body: reverseBodySchema,
    bodyOptional: true,
    status: 201,
    response: transactionSchema,
    idempotent: true,
    errors: [...moneyErrors, 'INSUFFICIENT_FUNDS', 'INVALID_STATE', 'AMOUNT_EXCEEDS_REMAINING'],
  }),
  'transactions.list': endpoint({
    method: 'GET',
    path: '/api/v1/transactions',
    summary: "The organization's transactions, newest first",
    tag: 'transactions',
    access: 'any',
    query: listTransactionsQuerySchema,
    status: 200,
    response: pageOf(transactionSchema),
    idempotent: false,
    // NOT_FOUND: a wallet_id filter naming no wallet of the organization.
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
  }),
  'transactions.retrieve': endpoint({
    method: 'GET',
    path: '/api/v1/transactions/{id}',
    summary: 'A transaction with its entries',
    tag: 'transactions',
    access: 'any',
    params: idParams,
    status: 200,
    response: transactionSchema,
    idempotent: false,
    errors: ['VALIDATION_ERROR', 'NOT_FOUND'],
  }),
} as const;

/** The name of an endpoint (`wallets.create`). */
export type EndpointName = keyof typeof endpoints;

/**
 * What a schema parses to (`undefined` when there is none).
 *
 * @inline
 */
type SchemaOutput<S> = S extends z.ZodType ? z.output<S> : undefined;
/**
 * What a schema accepts (`undefined` when there is none).
 *
 * @inline
 */
type SchemaInput<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What the server hands a handler of endpoint `N`, after validation. */
export interface EndpointRequest<N extends EndpointName> {
  readonly params: SchemaOutput<(typeof endpoints)[N] extends { params: infer P } ? P : undefined>;
  readonly query: SchemaOutput<(typeof endpoints)[N] extends { query: infer Q } ? Q : undefined>;
  readonly body: SchemaOutput<(typeof endpoints)[N] extends { body: infer B } ? B : undefined>;
}

/**
 * The request body a caller of endpoint `N` sends.
 *
 * @useDeclaredType
 */
export type EndpointBody<N extends EndpointName> = SchemaInput<
  (typeof endpoints)[N] extends { body: infer B } ? B : undefined
>;

/**
 * The query a caller of endpoint `N` sends (before the server parses the strings).
 *
 * @useDeclaredType
 */
export type EndpointQuery<N extends EndpointName> = SchemaInput<
  (typeof endpoints)[N] extends { query: infer Q } ? Q : undefined
>;

/**
 * The success response body of endpoint `N` (`undefined` for 204).
 *
 * @useDeclaredType
 */
export type EndpointResponse<N extends EndpointName> = SchemaOutput<
  (typeof endpoints)[N]['response']
>;
