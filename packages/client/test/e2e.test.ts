// Proves the client against the real server, in-process on SQLite on a random port (one
// server and database per test): the whole story through the client (signup, an API key and a
// client using it, wallets, deposits, transfers, a hold captured and one voided, a batch, a
// reversal, a withdrawal, freezing, a revoked key) with every refusal as a typed error and the
// balances checked to the cent; an idempotent retry after a dropped response replayed instead
// of charged twice; and the served OpenAPI document fully covered by client methods.
import { describe, expect, it } from 'vitest';
import { endpoints } from '../src/contract.js';
import {
  AuthenticationError,
  ConflictError,
  ConnectionError,
  RejectedError,
  VaultCraft,
  type Wallet,
} from '../src/index.js';
import { endpointMethods } from '../src/internal/endpoint-methods.js';
import { balances, failureOf, ownerLogin, serverPerTest, twoWallets } from './e2e-setup.js';
import { methodAt } from './method-at.js';

const context = serverPerTest();

/** Alice pays Bob twice, then a hold of 30.00 is captured for 25.00 and another voided. */
async function transfersAndHolds(client: VaultCraft, alice: Wallet, bob: Wallet) {
  const move = { from_wallet_id: alice.id, to_wallet_id: bob.id };
  await client.transactions.transfer({ ...move, amount: '0.10', description: 'Coffee' });
  const tea = await client.transactions.transfer({ ...move, amount: '0.20' });
  const hold = await client.transactions.transfer({
    ...move,
    amount: '30.00',
    hold: true,
    expires_at: '2999-01-01T00:00:00.000Z',
  });
  expect(hold).toMatchObject({ status: 'PENDING', entries: [] });
  expect(await balances(client, alice)).toEqual(['99.70', '69.70']);
  const captured = await client.transactions.capture(hold.id, { amount: '25.00' });
  expect(captured).toMatchObject({ status: 'COMPLETED', amount: '25.00', held_amount: '30.00' });
  const recapture = await failureOf(client.transactions.capture(hold.id));
  expect(recapture).toBeInstanceOf(RejectedError);
  expect(recapture).toMatchObject({ code: 'INVALID_STATE', status: 400 });

  const second = await client.transactions.transfer({ ...move, amount: '5.00', hold: true });
  expect((await client.transactions.void(second.id)).status).toBe('VOIDED');
  return { tea };
}

/** A reversal, refusals as typed errors, a batch (and a failing one), a withdrawal. */
async function reversalsAndRefusals(client: VaultCraft, alice: Wallet, bob: Wallet, tea: string) {
  const reversal = await client.transactions.reverse(tea, { description: 'refund' });
  expect(reversal).toMatchObject({
    transaction_type: 'REVERSAL',
    reverses_id: tea,
    amount: '0.20',
  });
  expect((await client.transactions.retrieve(reversal.id)).reverses_id).toBe(tea);
  const overReversal = await failureOf(client.transactions.reverse(tea, { amount: '0.01' }));
  expect(overReversal).toMatchObject({
    code: 'AMOUNT_EXCEEDS_REMAINING',
    details: { remaining: '0.00' },
  });

  const declined = await failureOf(
    client.transactions.transfer({
      from_wallet_id: bob.id,
      to_wallet_id: alice.id,
      amount: '1000.00',
    }),
  );
  expect(declined).toBeInstanceOf(RejectedError);
  expect(declined).toMatchObject({ code: 'INSUFFICIENT_FUNDS', status: 400, retryable: false });
  const { requestId, headers } = declined as RejectedError;
  expect(requestId).toBe(headers?.get('x-request-id'));

  const there = { from_wallet_id: alice.id, to_wallet_id: bob.id, amount: '1.00' };
  const back = { from_wallet_id: bob.id, to_wallet_id: alice.id, amount: '0.50' };
  expect((await client.transactions.batch({ transfers: [there, back] })).transactions).toHaveLength(
    2,
  );
  const selfTransfer = { from_wallet_id: bob.id, to_wallet_id: bob.id, amount: '1.00' };
  const badBatch = await failureOf(client.transactions.batch({ transfers: [there, selfTransfer] }));
  expect(badBatch).toMatchObject({ code: 'SAME_WALLET', details: { index: 1 } });

  await client.transactions.withdraw({ wallet_id: alice.id, amount: '4.40' });
}

describe('the story through the client', () => {
  it('moves money, holds, reverses and refuses exactly as the API says', async () => {
    const { owner, server } = context;
    const created = await owner.apiKeys.create({ name: 'ledger job', role: 'ADMIN' });
    const service = new VaultCraft({ baseUrl: server.url, apiKey: created.key });
    expect(await service.auth.me()).toMatchObject({
      id: created.id,
      role: 'ADMIN',
      prefix: created.prefix,
    });
    expect((await service.organization.retrieve()).name).toBe('Acme');

    const { alice, bob } = await twoWallets(service, '100.00', { alice: 'alice', bob: 'bob' });
    const again = {
      name: 'Again',
      wallet_type: 'PRIMARY',
      currency: 'USD',
      owner_id: 'alice',
    } as const;
    const duplicate = await failureOf(service.wallets.create(again));
    expect(duplicate).toBeInstanceOf(ConflictError);
    expect(duplicate).toMatchObject({ code: 'PRIMARY_WALLET_EXISTS', status: 409 });

    const { tea } = await transfersAndHolds(service, alice, bob);
    await reversalsAndRefusals(service, alice, bob, tea.id);
    expect(await balances(service, alice)).toEqual(['70.00', '70.00']);
    expect(await balances(service, bob)).toEqual(['25.60', '25.60']);
    expect((await service.wallets.retrieve(alice.id)).balance).toBe('70.00');
    const past = await service.wallets.balance(alice.id, {
      asOf: new Date('2000-01-01T00:00:00Z'),
    });
    expect(past).toMatchObject({ balance: '0.00', available_balance: null });

    await service.wallets.freeze(bob.id);
    const frozen = await failureOf(
      service.transactions.deposit({ wallet_id: bob.id, amount: '1.00' }),
    );
    expect(frozen).toMatchObject({ code: 'WALLET_FROZEN' });
    expect((await service.wallets.unfreeze(bob.id)).status).toBe('ACTIVE');

    await service.apiKeys.revoke(created.id);
    const revoked = await failureOf(service.wallets.retrieve(alice.id));
    expect(revoked).toBeInstanceOf(AuthenticationError);
    expect(revoked).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
  });
});

describe('an idempotent retry after a dropped response', () => {
  it('is replayed by the server under the same key and charges once', async () => {
    const { owner, server } = context;
    const wallet = await owner.wallets.create({
      name: 'Alice',
      wallet_type: 'PRIMARY',
      currency: 'USD',
    });
    const seen: { key: string | null; replayed: string | null; body: string }[] = [];
    let drop = true;
    const droppingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const body = await response.clone().text();
      const key = new Headers(init?.headers).get('idempotency-key');
      seen.push({ key, replayed: response.headers.get('idempotent-replayed'), body });
      if (drop) {
        drop = false;
        // The server has answered and committed; the connection dies before the client reads it.
        throw new TypeError('fetch failed: socket closed after the server answered');
      }
      return response;
    };
    const flaky = new VaultCraft({ baseUrl: server.url, fetch: droppingFetch });
    flaky.setToken((await owner.auth.login(ownerLogin, { setToken: false })).access_token);

    const deposit = await flaky.transactions.deposit({ wallet_id: wallet.id, amount: '100.00' });
    expect(seen).toHaveLength(2);
    expect(seen[0]?.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[1]?.key).toBe(seen[0]?.key);
    expect(seen.map((exchange) => exchange.replayed)).toEqual([null, 'true']);
    expect(JSON.parse(seen[0]?.body ?? '').id).toBe(deposit.id);
    expect((await owner.wallets.balance(wallet.id)).balance).toBe('100.00');
    expect((await owner.transactions.list({ wallet_id: wallet.id })).total).toBe(1);

    drop = true;
    const lost = flaky.transactions.deposit(
      { wallet_id: wallet.id, amount: '5.00' },
      { maxRetries: 0 },
    );
    expect(await failureOf(lost)).toBeInstanceOf(ConnectionError);
    // Without a retry the caller cannot know the outcome: the server did apply it, once.
    expect((await owner.wallets.balance(wallet.id)).balance).toBe('105.00');
  });
});

describe('the served contract', () => {
  it('has a client method for every operation of GET /openapi.json, and health answers', async () => {
    const { owner, server } = context;
    const response = await fetch(`${server.url}/openapi.json`);
    const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => ['get', 'put', 'post', 'delete', 'patch'].includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const methodOf = new Map(
      Object.entries(endpoints).map(([name, endpoint]) => [
        `${endpoint.method} ${endpoint.path}`,
        methodAt(owner, endpointMethods[name as keyof typeof endpointMethods]),
      ]),
    );
    expect(operations.length).toBe(Object.keys(endpoints).length);
    expect(operations.filter((operation) => methodOf.get(operation) === undefined)).toEqual([]);
    expect(await owner.health()).toMatchObject({ status: 'healthy', database: 'ok' });
  });
});
