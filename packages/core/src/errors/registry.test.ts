// Proves the error registry is well formed and that docs/errors.md is generated from it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCodes, errorRegistry, isErrorCode } from './registry.js';
import { renderErrorReference } from './render-error-reference.js';
import { isVaultError, ValidationError, VaultError } from './vault-error.js';

describe('error registry', () => {
  it('holds the codes of the REST API with their HTTP statuses', () => {
    expect(errorRegistry.INSUFFICIENT_FUNDS.status).toBe(400);
    expect(errorRegistry.NOT_FOUND.status).toBe(404);
    expect(errorRegistry.IDEMPOTENCY_KEY_REUSED.status).toBe(409);
    expect(errorRegistry.VALIDATION_ERROR.status).toBe(422);
    expect(errorRegistry.RATE_LIMITED.retryable).toBe(true);
    expect(errorRegistry.UNAVAILABLE.status).toBe(503);
    expect(isErrorCode('NOPE')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });

  it('gives every error its code, status and retryability', () => {
    for (const code of errorCodes) {
      const error = new VaultError(code, 'x');
      expect(isVaultError(error)).toBe(true);
      expect(error.status).toBe(errorRegistry[code].status);
      expect(error.toJSON()).toEqual({ code, message: 'x', details: {} });
    }
    expect(isVaultError(new Error('x'))).toBe(false);
    expect(isVaultError({ code: 'NOT_FOUND' })).toBe(false);
  });

  it('lists every bad field in a validation error', () => {
    const error = new ValidationError([
      { path: 'amount', message: 'bad' },
      { path: 'extra', message: 'unknown field' },
    ]);
    expect(error.details).toEqual({
      fields: [
        { path: 'amount', message: 'bad' },
        { path: 'extra', message: 'unknown field' },
      ],
    });
    expect(error.message).toContain('amount, extra');
  });

  it('keeps docs/errors.md in step with the registry (run `pnpm docs:errors` after a change)', () => {
    const committed = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderErrorReference());
  });
});
