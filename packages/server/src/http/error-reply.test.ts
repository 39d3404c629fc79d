// Proves every error becomes the error body of API.md: engine errors keep code and status with
// snake_case field names, Fastify's own errors map to our codes, and anything unexpected is a
// generic INTERNAL without its message, stack or SQL.
import {
  ConfigurationError,
  InternalError,
  NotFoundError,
  ValidationError,
} from '@vaultcraft/core';
import { describe, expect, it } from 'vitest';
import { errorReply, RateLimitedError, toSnakeCase } from './error-reply.js';

describe('errorReply', () => {
  it('keeps an engine error and turns its field names to snake_case', () => {
    const answer = errorReply(
      new ValidationError([{ path: 'transfers.2.fromWalletId', message: 'must be a UUID' }]),
      'req-1',
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error).toEqual({
      code: 'VALIDATION_ERROR',
      message: 'Invalid input: transfers.2.from_wallet_id: must be a UUID',
      details: { fields: [{ path: 'transfers.2.from_wallet_id', message: 'must be a UUID' }] },
      request_id: 'req-1',
    });
    expect(errorReply(new NotFoundError('wallet', 'w1'), 'r').status).toBe(404);
  });

  it('adds Retry-After to RATE_LIMITED and UNAVAILABLE', () => {
    const limited = errorReply(new RateLimitedError(42), 'r');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('42');
  });

  it('maps Fastify errors to our codes', () => {
    const tooLarge = Object.assign(new Error('x'), {
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      statusCode: 413,
    });
    expect(errorReply(tooLarge, 'r').body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(errorReply(tooLarge, 'r').status).toBe(413);
  });

  it('hides the message of anything unexpected, internal or configuration errors', () => {
    for (const error of [
      new Error('SELECT * FROM secrets failed'),
      new InternalError('invariant broken at ledger row 7'),
      new ConfigurationError('DATABASE_URL', 'password wrong for postgres://u:p@h/db'),
      'a string',
    ]) {
      const answer = errorReply(error, 'r');
      expect(answer.status).toBe(500);
      expect(answer.internal).toBe(true);
      expect(answer.body.error.code).toBe('INTERNAL');
      expect(JSON.stringify(answer.body)).not.toMatch(/SELECT|ledger row|postgres:/);
    }
  });

  it('converts camelCase names', () => {
    expect(toSnakeCase('fromWalletId')).toBe('from_wallet_id');
    expect(toSnakeCase('amount')).toBe('amount');
  });
});
