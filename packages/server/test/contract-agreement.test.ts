// Proves the wire contract (which the client gets without the engine) agrees with the engine:
// every API error code has the registry's status and retryability, and the limits match.
import { apiErrors, wireLimits } from '@vaultcraft/client/contract';
import { errorRegistry, limits } from '@vaultcraft/core';
import { describe, expect, it } from 'vitest';

describe('the wire contract and the engine', () => {
  it('agree on every error code of the API', () => {
    for (const [code, spec] of Object.entries(apiErrors)) {
      const engine = errorRegistry[code as keyof typeof errorRegistry];
      expect(engine, code).toBeDefined();
      expect({ status: spec.status, retryable: spec.retryable, category: spec.category }).toEqual({
        status: engine.status,
        retryable: engine.retryable,
        category: engine.category,
      });
    }
    const engineOnly = Object.keys(errorRegistry).filter((code) => !(code in apiErrors));
    expect(engineOnly).toEqual(['CONFIGURATION_ERROR']);
  });

  it('agree on the limits', () => {
    expect(wireLimits.descriptionLengthMax).toBe(limits.descriptionLengthMax);
    expect(wireLimits.metadataKeysMax).toBe(limits.metadataKeysMax);
    expect(wireLimits.metadataKeyLengthMax).toBe(limits.metadataKeyLengthMax);
    expect(wireLimits.metadataValueLengthMax).toBe(limits.metadataValueLengthMax);
    expect(wireLimits.nameLengthMax).toBe(limits.nameLengthMax);
    expect(wireLimits.idempotencyKeyLengthMax).toBe(limits.idempotencyKeyLengthMax);
    expect(wireLimits.pageMax).toBe(limits.pageMax);
    expect(wireLimits.pageSizeMax).toBe(limits.pageSizeMax);
    expect(wireLimits.pageSizeDefault).toBe(limits.pageSizeDefault);
    expect(wireLimits.batchSizeMax).toBe(limits.batchSizeMax);
  });
});
