// Shared pieces of the end-to-end suites: servers that close after each test and remember
// every exchange (for the no-500 and no-secret scans), the exact error-body check of API.md,
// wire-format patterns, and a few calls that set up wallets and money.
import type { Clock } from '@vaultcraft/core';
import { afterEach, expect, type RunnerTestSuite } from 'vitest';
import type { StoredResponse } from '../../src/identity/identity-store.js';
import { openPostgresIdentityStore } from '../../src/identity/postgres-identity-store.js';
import { openSqliteIdentityStore } from '../../src/identity/sqlite-identity-store.js';
import {
  type Backend,
  type RequestOptions,
  startTestServer,
  type TestResponse,
  type TestServer,
} from '../test-server.js';

/** A parsed JSON answer, read field by field by the tests (the checks give it its shape). */
// biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field
export type Json = any;

/** Both backends every suite runs against. */
export const backends = ['sqlite', 'postgres'] as const satisfies readonly Backend[];

/** One request and its answer, as a recording server saw them. */
export interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly options: RequestOptions;
  readonly response: TestResponse;
}

/** A test server whose requests are all recorded in `exchanges`. */
export interface RecordingServer extends TestServer {
  readonly exchanges: Exchange[];
}

/** Options of one server start. */
export interface StartOptions {
  readonly env?: Record<string, string>;
  readonly clock?: Clock;
}

/**
 * Registers an `afterEach` that closes every server the test started, and returns the
 * function that starts them. `onClose` runs first (with every server of the test), so a suite
 * can check what the servers answered and logged.
 */
export function serversPerTest(
  onClose?: (servers: readonly RecordingServer[]) => void,
): (backend: Backend, options?: StartOptions) => Promise<RecordingServer> {
  const open: RecordingServer[] = [];
  afterEach(async () => {
    const servers = open.splice(0);
    try {
      onClose?.(servers);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });
  return async (backend, options = {}) => {
    const server = await startTestServer(backend, options);
    const exchanges: Exchange[] = [];
    const recording: RecordingServer = {
      ...server,
      exchanges,
      async request(method, path, requestOptions = {}) {
        const response = await server.request(method, path, requestOptions);
        exchanges.push({ method, path, options: requestOptions, response });
        return response;
      },
    };
    open.push(recording);
    return recording;
  };
}

/**
 * Whether every test of `suite` ran and passed: a suite-wide coverage check (every endpoint
 * called, every code seen) is meaningful only then, not under `-t` or after a failure.
 */
export function ranEveryTest(suite: Readonly<RunnerTestSuite>): boolean {
  return suite.tasks.every((task) => task.mode === 'run' && task.result?.state === 'pass');
}

/** A UUID as the server writes it. */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A timestamp as the server writes it: UTC with milliseconds. */
export const timestampPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Field names of the objects of API.md, sorted, to compare with `Object.keys(...).sort()`. */
export const fields = {
  user: ['created_at', 'email', 'full_name', 'id', 'organization_id', 'role'],
  token: ['access_token', 'expires_in', 'token_type', 'user'],
  wallet: [
    'available_balance',
    'balance',
    'created_at',
    'currency',
    'id',
    'metadata',
    'name',
    'organization_id',
    'owner_id',
    'status',
    'updated_at',
    'wallet_type',
  ],
  transaction: [
    'amount',
    'completed_at',
    'created_at',
    'currency',
    'description',
    'entries',
    'expires_at',
    'from_wallet_id',
    'held_amount',
    'id',
    'metadata',
    'organization_id',
    'reversed_amount',
    'reverses_id',
    'status',
    'to_wallet_id',
    'transaction_type',
  ],
  entry: [
    'amount',
    'balance_after',
    'created_at',
    'direction',
    'id',
    'transaction_id',
    'wallet_id',
  ],
  page: ['items', 'next_cursor', 'page', 'page_size', 'pages', 'total'],
} as const;

/** The sorted keys of an object. */
export function keysOf(value: object): string[] {
  return Object.keys(value).sort();
}

/**
 * Checks an error answer against API.md: the status, the code, exactly the four fields of
 * `error`, `details` a plain object, and `X-Request-Id` equal to `error.request_id`.
 * Returns `error` for further checks.
 */
export function expectError(
  response: TestResponse,
  status: number,
  code: string,
): { code: string; message: string; details: Record<string, unknown>; request_id: string } {
  expect({ status: response.status, code: response.body?.error?.code }, response.text).toEqual({
    status,
    code,
  });
  expect(keysOf(response.body)).toEqual(['error']);
  const { error } = response.body;
  expect(keysOf(error)).toEqual(['code', 'details', 'message', 'request_id']);
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  expect(error.details).toBeTypeOf('object');
  expect(Array.isArray(error.details)).toBe(false);
  expect(error.details).not.toBeNull();
  expect(error.request_id.length).toBeGreaterThan(0);
  expect(response.headers.get('x-request-id')).toBe(error.request_id);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return error;
}

/** Expects a success status and returns the parsed body. */
export function expectStatus(response: TestResponse, status: number): Json {
  expect(response.status, response.text).toBe(status);
  return response.body;
}

/** A Wallet of the caller's organization, created with `body` (defaults: PRIMARY USD). */
export async function createWallet(
  server: TestServer,
  token: string,
  body: Record<string, unknown> = {},
): Promise<Json> {
  const response = await server.request('POST', '/api/v1/wallets', {
    token,
    body: { name: 'Wallet', wallet_type: 'PRIMARY', currency: 'USD', ...body },
  });
  return expectStatus(response, 201);
}

/** Deposits `amount` into a wallet; returns the Transaction. */
export async function deposit(
  server: TestServer,
  options: { token: string; walletId: string; amount: string },
): Promise<Json> {
  const response = await server.request('POST', '/api/v1/transactions/deposit', {
    token: options.token,
    body: { wallet_id: options.walletId, amount: options.amount },
  });
  return expectStatus(response, 201);
}

/** Posts a transfer body; returns the raw answer. */
export function transfer(
  server: TestServer,
  options: { token: string; body: Record<string, unknown>; headers?: Record<string, string> },
): Promise<TestResponse> {
  return server.request('POST', '/api/v1/transactions/transfer', {
    token: options.token,
    body: options.body,
    ...(options.headers !== undefined && { headers: options.headers }),
  });
}

/** `balance` and `available_balance` of a wallet now. */
export async function balanceOf(
  server: TestServer,
  options: { token: string; walletId: string },
): Promise<{ balance: string; available_balance: string | null }> {
  const body = expectStatus(
    await server.request('GET', `/api/v1/wallets/${options.walletId}/balance`, {
      token: options.token,
    }),
    200,
  );
  return { balance: body.balance, available_balance: body.available_balance };
}

/** Every transaction of the caller's organization (up to 100), newest first. */
export async function allTransactions(server: TestServer, token: string): Promise<Json[]> {
  const body = expectStatus(
    await server.request('GET', '/api/v1/transactions?page_size=100', { token }),
    200,
  );
  expect(body.total).toBeLessThanOrEqual(100);
  return body.items;
}

/**
 * The row the server keeps for an answer it stores itself under an `Idempotency-Key`, read
 * straight from its database (what anyone with read access to the database sees).
 */
export async function readStoredResponse(
  server: TestServer,
  options: { organizationId: string; key: string },
): Promise<StoredResponse | null> {
  const url = server.databaseUrl;
  const identity = url.startsWith('postgres')
    ? await openPostgresIdentityStore({ url, migrate: false })
    : await openSqliteIdentityStore({ path: url, migrate: false });
  try {
    return await identity.findResponse(options.organizationId, options.key);
  } finally {
    await identity.close();
  }
}
