// Proves that answers are checked against the contract's schemas: a missing or mistyped
// field, an unknown enum value or a body that is not JSON throws
// VaultCraftResponseValidationError with the issues; fields the contract does not know (a
// newer server) are tolerated at any depth and kept; a 204 answers undefined; and the health
// check answers its 503 report instead of throwing.
import { describe, expect, it } from 'vitest';
import { VaultCraft, VaultCraftResponseValidationError } from '../src/index.js';
import { fakeFetch, type Reply } from './fake-fetch.js';
import { entry, transaction, transactionId, wallet, walletId } from './fixtures.js';

function clientWith(replies: Reply[]) {
  const fake = fakeFetch(replies);
  return {
    client: new VaultCraft({ baseUrl: 'http://vault.test', fetch: fake.fetch }),
    requests: fake.requests,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<VaultCraftResponseValidationError> {
  const error = await promise.then(
    () => expect.fail('should have failed'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(VaultCraftResponseValidationError);
  return error as VaultCraftResponseValidationError;
}

describe('responses that break the contract', () => {
  it('reports a mistyped amount (a JSON number) with its path', async () => {
    const { client } = clientWith([{ status: 200, body: { ...wallet(), balance: 100 } }]);
    const error = await failureOf(client.wallets.retrieve(walletId));
    expect(error).toMatchObject({
      code: 'RESPONSE_VALIDATION_ERROR',
      status: 200,
      retryable: false,
      requestId: 'req-test',
    });
    expect(error.issues).toEqual([
      expect.objectContaining({ code: 'invalid_type', path: ['balance'] }),
    ]);
    expect(error.message).toContain('balance');
  });

  it('reports a missing field and an unknown enum value deep in a transaction', async () => {
    const { id: _id, ...withoutId } = entry();
    const body = transaction({ status: 'SETTLED' as 'COMPLETED', entries: [withoutId as never] });
    const { client } = clientWith([{ status: 200, body }]);
    const error = await failureOf(client.transactions.retrieve(transactionId));
    expect(error.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([['status'], ['entries', 0, 'id']]),
    );
  });

  it('reports a success body that is not JSON, and an empty one', async () => {
    const { client } = clientWith([
      { status: 200, text: '<html>' },
      { status: 200, text: '' },
    ]);
    const notJson = await failureOf(client.wallets.retrieve(walletId, { maxRetries: 0 }));
    expect(notJson.issues[0]?.code).toBe('invalid_json');
    await failureOf(client.wallets.retrieve(walletId));
  });
});

describe('responses of a newer server', () => {
  it('tolerates and keeps unknown fields at any depth, still checking the known ones', async () => {
    const body = {
      ...transaction(),
      settlement_batch: 'b-1',
      entries: [{ ...entry(), ledger_code: 7 }],
    };
    const { client } = clientWith([{ status: 200, body }]);
    const answer = await client.transactions.retrieve(transactionId);
    expect(answer).toEqual(body);
    expect((answer as unknown as { settlement_batch: string }).settlement_batch).toBe('b-1');
  });

  it('tolerates unknown fields in one branch of a union (auth.me of a user)', async () => {
    const user = {
      id: walletId,
      email: 'a@example.com',
      full_name: 'A',
      organization_id: walletId,
      role: 'OWNER',
      created_at: '2026-01-02T03:04:05.678Z',
      avatar_url: 'https://x',
    };
    const { client } = clientWith([{ status: 200, body: user }]);
    expect(await client.auth.me()).toEqual(user);
  });
});

describe('other answers', () => {
  it('answers undefined for a 204', async () => {
    const { client, requests } = clientWith([{ status: 204 }]);
    await expect(client.apiKeys.revoke(walletId)).resolves.toBeUndefined();
    expect(requests[0]?.method).toBe('DELETE');
  });

  it("answers the health check's 503 report without retrying", async () => {
    const report = { status: 'unhealthy', database: 'unavailable', version: '0.1.0' };
    const { client, requests } = clientWith([{ status: 503, body: report }]);
    await expect(client.health()).resolves.toEqual(report);
    expect(requests).toHaveLength(1);
  });
});
