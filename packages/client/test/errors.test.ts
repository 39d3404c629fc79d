// Proves how the client rebuilds the server's errors from the error body of REST API v1:
// one row per code of the contract's registry checks its class, status, retryable flag,
// message, details and request id; an unknown code from a newer server keeps its code and
// gets the class of its HTTP status; a body that is not an error body gets HTTP_<status>;
// and isVaultCraftError recognises errors by a Symbol.for marker, also from another copy.
import { describe, expect, it } from 'vitest';
import { type ApiErrorCode, apiErrors } from '../src/contract.js';
import { errorFromResponse } from '../src/errors/error-from-response.js';
import {
  AuthenticationError,
  ConflictError,
  InternalServerError,
  isVaultCraftError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  RejectedError,
  UnavailableError,
  ValidationError,
  VaultCraft,
  VaultCraftError,
} from '../src/index.js';
import { errorBody, fakeFetch } from './fake-fetch.js';
import { walletId } from './fixtures.js';

const classOfCategory = {
  validation: ValidationError,
  rejected: RejectedError,
  authentication: AuthenticationError,
  permission: PermissionError,
  not_found: NotFoundError,
  conflict: ConflictError,
  rate_limit: RateLimitError,
  internal: InternalServerError,
  unavailable: UnavailableError,
} as const;

async function errorOf(reply: { status: number; body?: unknown; text?: string }): Promise<unknown> {
  const replyWithBody =
    reply.text === undefined
      ? { status: reply.status, body: reply.body }
      : { status: reply.status, text: reply.text };
  const { fetch } = fakeFetch([replyWithBody]);
  const client = new VaultCraft({ baseUrl: 'http://vault.test', fetch, maxRetries: 0 });
  return client.wallets.retrieve(walletId).then(
    () => expect.fail('the call should have failed'),
    (error: unknown) => error,
  );
}

describe('known codes', () => {
  const rows = Object.entries(apiErrors) as [ApiErrorCode, (typeof apiErrors)[ApiErrorCode]][];

  it.each(rows)('%s is rebuilt with the class of its category', async (code, spec) => {
    const error = await errorOf({
      status: spec.status,
      body: errorBody(code, { field: 'amount' }),
    });
    expect(error).toBeInstanceOf(classOfCategory[spec.category]);
    expect(error).toBeInstanceOf(VaultCraftError);
    expect(error).toMatchObject({
      code,
      status: spec.status,
      retryable: spec.retryable,
      message: `${code} happened`,
      details: { field: 'amount' },
      requestId: 'req-body',
    });
    expect((error as VaultCraftError).headers?.get('x-request-id')).toBe('req-test');
    expect(isVaultCraftError(error)).toBe(true);
  });
});

describe('codes this version does not know', () => {
  it.each([
    [400, RejectedError, false],
    [401, AuthenticationError, false],
    [403, PermissionError, false],
    [404, NotFoundError, false],
    [409, ConflictError, false],
    [413, ValidationError, false],
    [422, ValidationError, false],
    [429, RateLimitError, true],
    [500, InternalServerError, true],
    [503, UnavailableError, true],
    [418, VaultCraftError, false],
  ])(
    'a %i keeps its code and gets the class of its status',
    async (status, errorClass, retryable) => {
      const error = await errorOf({ status, body: errorBody('FUTURE_CODE', { hint: 1 }) });
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toMatchObject({ code: 'FUTURE_CODE', status, retryable, details: { hint: 1 } });
    },
  );

  it('reads an error body with fields a newer server added', async () => {
    const body = {
      error: { ...errorBody('INSUFFICIENT_FUNDS').error, doc_url: 'https://x' },
      extra: 1,
    };
    const error = await errorOf({ status: 400, body });
    expect(error).toBeInstanceOf(RejectedError);
    expect(error).toMatchObject({ code: 'INSUFFICIENT_FUNDS', requestId: 'req-body' });
  });

  it("names a body that is not an error body (a proxy's page) HTTP_<status>", async () => {
    const error = await errorOf({ status: 502, text: '<html>Bad gateway</html>' });
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({
      code: 'HTTP_502',
      status: 502,
      requestId: 'req-test',
      details: {},
    });
  });
});

describe('isVaultCraftError', () => {
  it('recognises an error of another copy of the package by its Symbol.for marker', () => {
    const foreign = new Error('from another copy');
    Object.defineProperty(foreign, Symbol.for('@vaultcraft/client.VaultCraftError'), {
      value: true,
    });
    expect(foreign).not.toBeInstanceOf(VaultCraftError);
    expect(isVaultCraftError(foreign)).toBe(true);
  });

  it('rejects everything else', () => {
    for (const value of [
      new Error('x'),
      null,
      undefined,
      'INSUFFICIENT_FUNDS',
      { code: 'NOT_FOUND' },
    ]) {
      expect(isVaultCraftError(value)).toBe(false);
    }
  });

  it('rebuilds directly from a response too', () => {
    const error = errorFromResponse({
      status: 404,
      headers: new Headers(),
      json: errorBody('NOT_FOUND'),
    });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.name).toBe('NotFoundError');
  });
});
