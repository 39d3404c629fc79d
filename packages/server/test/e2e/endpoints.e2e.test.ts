// Proves that every endpoint of the contract's table answers its happy path over real HTTP,
// on SQLite and on PostgreSQL, with exactly the body of API.md: snake_case fields, amounts at
// the currency's scale, UTC timestamps with milliseconds. Each test starts its own server on
// its own database; the last check of each backend proves that every endpoint was called and
// answered with its success status, and every answer and log line is scanned for 500s and
// secrets (scan-exchanges.ts).
import { type Endpoint, endpoints } from '@vaultcraft/client/contract';
import { createTestClock } from '@vaultcraft/core/testing';
import { afterAll, describe, expect, it, type RunnerTestSuite } from 'vitest';
import { signup } from '../test-server.js';
import {
  backends,
  createWallet,
  deposit,
  expectError,
  expectStatus,
  fields,
  type Json,
  keysOf,
  type RecordingServer,
  ranEveryTest,
  serversPerTest,
  timestampPattern,
  uuidPattern,
} from './e2e-harness.js';
import { scanExchanges } from './scan-exchanges.js';

/** The endpoint a request hit, by method and path template. */
function endpointOf(method: string, path: string): string | undefined {
  const bare = path.split('?', 1)[0]!;
  return (Object.entries(endpoints) as [string, Endpoint][]).find(
    ([, endpoint]) =>
      endpoint.method === method &&
      new RegExp(`^${endpoint.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(bare),
  )?.[0];
}

function expectTransactionShape(transaction: Json): void {
  expect(keysOf(transaction)).toEqual(fields.transaction);
  expect(transaction.id).toMatch(uuidPattern);
  expect(transaction.created_at).toMatch(timestampPattern);
  for (const entry of transaction.entries) {
    expect(keysOf(entry)).toEqual(fields.entry);
    expect(entry.created_at).toMatch(timestampPattern);
    expect(entry.transaction_id).toBe(transaction.id);
  }
}

describe.each(backends)('every endpoint on its happy path (%s)', (backend) => {
  const succeeded = new Set<string>();
  const start = serversPerTest((servers: readonly RecordingServer[]) => {
    scanExchanges(servers);
    for (const { method, path, response } of servers.flatMap((server) => server.exchanges)) {
      const name = endpointOf(method, path);
      if (
        name !== undefined &&
        response.status === endpoints[name as keyof typeof endpoints].status
      ) {
        succeeded.add(name);
      }
    }
  });

  it('signs up, logs in, tells who is calling, adds users, creates, lists and revokes API keys', async () => {
    const server = await start(backend);
    const signedUp = expectStatus(
      await server.request('POST', '/api/v1/auth/signup', {
        body: {
          email: 'Ada.Lovelace@Example.COM',
          password: 'analytical engine',
          full_name: 'Ada Lovelace',
          organization_name: 'Engines Ltd',
        },
      }),
      201,
    );
    expect(keysOf(signedUp)).toEqual(fields.token);
    expect(signedUp).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(keysOf(signedUp.user)).toEqual(fields.user);
    expect(signedUp.user).toMatchObject({
      email: 'ada.lovelace@example.com',
      full_name: 'Ada Lovelace',
      role: 'OWNER',
    });
    expect(signedUp.user.id).toMatch(uuidPattern);
    expect(signedUp.user.created_at).toMatch(timestampPattern);
    const token = signedUp.access_token as string;

    const loggedIn = expectStatus(
      await server.request('POST', '/api/v1/auth/login', {
        body: { email: 'ADA.lovelace@example.com', password: 'analytical engine' },
      }),
      200,
    );
    expect(keysOf(loggedIn)).toEqual(fields.token);
    expect(loggedIn.user).toEqual(signedUp.user);

    const me = expectStatus(await server.request('GET', '/api/v1/auth/me', { token }), 200);
    expect(me).toEqual(signedUp.user);

    const organization = expectStatus(
      await server.request('GET', '/api/v1/organization', { token }),
      200,
    );
    expect(organization).toEqual({
      id: signedUp.user.organization_id,
      name: 'Engines Ltd',
      created_at: expect.stringMatching(timestampPattern),
    });

    const admin = expectStatus(
      await server.request('POST', '/api/v1/organization/users', {
        token,
        body: {
          email: 'Charles@Example.com',
          password: 'difference engine',
          full_name: 'Charles Babbage',
          role: 'ADMIN',
        },
      }),
      201,
    );
    expect(keysOf(admin)).toEqual(fields.user);
    expect(admin).toMatchObject({
      email: 'charles@example.com',
      role: 'ADMIN',
      organization_id: organization.id,
    });
    const adminLogin = expectStatus(
      await server.request('POST', '/api/v1/auth/login', {
        body: { email: 'charles@example.com', password: 'difference engine' },
      }),
      200,
    );
    expect(adminLogin.user).toEqual(admin);

    const created = expectStatus(
      await server.request('POST', '/api/v1/api-keys', {
        token,
        body: { name: 'CI', role: 'ADMIN' },
      }),
      201,
    );
    expect(keysOf(created)).toEqual(['created_at', 'id', 'key', 'name', 'prefix', 'role']);
    expect(created.key).toMatch(/^vc_live_[A-Za-z0-9_-]{20,}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(created.prefix.length).toBeLessThan(created.key.length);
    expect(created.created_at).toMatch(timestampPattern);

    const keyMe = expectStatus(
      await server.request('GET', '/api/v1/auth/me', { token: created.key }),
      200,
    );
    const { key: _shownOnce, ...listed } = created;
    expect(keyMe).toEqual({ ...listed, organization_id: organization.id });

    const keys = expectStatus(await server.request('GET', '/api/v1/api-keys', { token }), 200);
    expect(keys).toEqual({
      items: [listed],
      total: 1,
      page: 1,
      page_size: 20,
      pages: 1,
      next_cursor: null,
    });

    const revoked = await server.request('DELETE', `/api/v1/api-keys/${created.id}`, { token });
    expect(revoked.status).toBe(204);
    expect(revoked.text).toBe('');
    expectError(
      await server.request('GET', '/api/v1/auth/me', { token: created.key }),
      401,
      'UNAUTHORIZED',
    );
    const after = expectStatus(await server.request('GET', '/api/v1/api-keys', { token }), 200);
    expect(after).toMatchObject({ items: [], total: 0, next_cursor: null });
  });

  it('creates, lists (with filters), retrieves, freezes and unfreezes wallets; balances as of an instant', async () => {
    const time = createTestClock('2026-03-01T10:00:00.000Z');
    const server = await start(backend, { clock: time.clock });
    const { token, userId, organizationId } = await signup(server);

    const usd = await createWallet(server, token, { name: 'Main', metadata: { tier: 'gold' } });
    expect(keysOf(usd)).toEqual(fields.wallet);
    expect(usd).toEqual({
      id: expect.stringMatching(uuidPattern),
      organization_id: organizationId,
      owner_id: userId,
      name: 'Main',
      wallet_type: 'PRIMARY',
      currency: 'USD',
      status: 'ACTIVE',
      balance: '0.00',
      available_balance: '0.00',
      metadata: { tier: 'gold' },
      created_at: '2026-03-01T10:00:00.000Z',
      updated_at: '2026-03-01T10:00:00.000Z',
    });
    time.advance(1);
    const bonus = await createWallet(server, token, { name: 'Bonus', wallet_type: 'BONUS' });
    time.advance(1);
    const yen = await createWallet(server, token, { name: 'Yen', currency: 'JPY' });
    expect(yen).toMatchObject({ balance: '0', available_balance: '0' });
    time.advance(1);
    const system = await createWallet(server, token, {
      name: 'Treasury',
      wallet_type: 'SYSTEM',
      currency: 'EUR',
      owner_id: 'treasury',
    });
    expect(system).toMatchObject({ owner_id: 'treasury', wallet_type: 'SYSTEM', balance: '0.00' });

    const list = async (query = '') =>
      expectStatus(await server.request('GET', `/api/v1/wallets${query}`, { token }), 200);
    const all = await list();
    expect(keysOf(all)).toEqual(fields.page);
    expect(all).toEqual({
      items: [system, yen, bonus, usd],
      total: 4,
      page: 1,
      page_size: 20,
      pages: 1,
      next_cursor: null,
    });
    const ids = async (query: string) =>
      (await list(query)).items.map((wallet: { id: string }) => wallet.id);
    expect(await ids('?currency=JPY')).toEqual([yen.id]);
    expect(await ids('?wallet_type=BONUS')).toEqual([bonus.id]);
    expect(await ids(`?owner_id=${userId}`)).toEqual([yen.id, bonus.id, usd.id]);
    expect(await ids('?status=ACTIVE&currency=USD')).toEqual([bonus.id, usd.id]);
    expect(await ids('?status=FROZEN')).toEqual([]);
    const secondPage = await list('?page=2&page_size=3');
    expect(secondPage).toMatchObject({ total: 4, page: 2, page_size: 3, pages: 2 });
    expect(secondPage.items.map((wallet: { id: string }) => wallet.id)).toEqual([usd.id]);

    expect(
      expectStatus(await server.request('GET', `/api/v1/wallets/${usd.id}`, { token }), 200),
    ).toEqual(usd);

    // 0.10 then, a second later, 0.20: decimal strings add up exactly.
    const first = await deposit(server, { token, walletId: usd.id, amount: '0.10' });
    time.advance(1000);
    const second = await deposit(server, { token, walletId: usd.id, amount: '0.20' });
    const balance = expectStatus(
      await server.request('GET', `/api/v1/wallets/${usd.id}/balance`, { token }),
      200,
    );
    expect(balance).toEqual({
      wallet_id: usd.id,
      currency: 'USD',
      balance: '0.30',
      available_balance: '0.30',
      as_of: '2026-03-01T10:00:01.003Z',
    });
    const between = '2026-03-01T10:00:00.503Z';
    expect(
      expectStatus(
        await server.request('GET', `/api/v1/wallets/${usd.id}/balance?as_of=${between}`, {
          token,
        }),
        200,
      ),
    ).toEqual({
      wallet_id: usd.id,
      currency: 'USD',
      balance: '0.10',
      available_balance: null,
      as_of: between,
    });
    // Both sides of the instant of the first deposit (entries with created_at <= as_of count).
    expect(first.created_at).toBe('2026-03-01T10:00:00.003Z');
    for (const [asOf, expected] of [
      ['2026-03-01T10:00:00.002Z', '0.00'],
      ['2026-03-01T10:00:00.003Z', '0.10'],
      ['2026-03-01T11:00:01.003+01:00', '0.30'],
    ]) {
      const answer = await server.request(
        'GET',
        `/api/v1/wallets/${usd.id}/balance?as_of=${encodeURIComponent(asOf!)}`,
        { token },
      );
      expect(expectStatus(answer, 200).balance, asOf).toBe(expected);
    }

    const history = expectStatus(
      await server.request('GET', `/api/v1/wallets/${usd.id}/transactions`, { token }),
      200,
    );
    expect(history).toMatchObject({ total: 2, page: 1, pages: 1, next_cursor: null });
    expect(history.items).toEqual([second, first]);
    const statement = expectStatus(
      await server.request('GET', `/api/v1/wallets/${usd.id}/entries`, { token }),
      200,
    );
    expect(keysOf(statement)).toEqual(fields.page);
    expect(statement.total).toBe(2);
    for (const entry of statement.items) {
      expect(keysOf(entry)).toEqual(fields.entry);
    }
    expect(
      statement.items.map((entry: Record<string, string>) => [
        entry.transaction_id,
        entry.direction,
        entry.amount,
        entry.balance_after,
      ]),
    ).toEqual([
      [second.id, 'CREDIT', '0.20', '0.30'],
      [first.id, 'CREDIT', '0.10', '0.10'],
    ]);

    const yenDeposit = await deposit(server, { token, walletId: yen.id, amount: '1500' });
    expect(yenDeposit).toMatchObject({ amount: '1500', currency: 'JPY' });
    expect(
      expectStatus(await server.request('GET', `/api/v1/wallets/${yen.id}`, { token }), 200),
    ).toMatchObject({ balance: '1500', available_balance: '1500' });

    time.advance(1000);
    const frozen = expectStatus(
      await server.request('POST', `/api/v1/wallets/${bonus.id}/freeze`, { token }),
      200,
    );
    expect(keysOf(frozen)).toEqual(fields.wallet);
    expect(frozen).toMatchObject({
      id: bonus.id,
      status: 'FROZEN',
      updated_at: '2026-03-01T10:00:02.003Z',
    });
    expect(await ids('?status=FROZEN')).toEqual([bonus.id]);
    const unfrozen = expectStatus(
      await server.request('POST', `/api/v1/wallets/${bonus.id}/unfreeze`, { token, body: {} }),
      200,
    );
    expect(unfrozen).toMatchObject({ id: bonus.id, status: 'ACTIVE' });
  });

  it('moves money: deposit, withdrawal, transfer, hold with partial capture, void, batch, reversals, lists and retrieval', async () => {
    const server = await start(backend);
    const { token, organizationId } = await signup(server);
    const alice = await createWallet(server, token, { name: 'Alice', owner_id: 'alice' });
    const bob = await createWallet(server, token, { name: 'Bob', owner_id: 'bob' });

    const funded = await deposit(server, { token, walletId: alice.id, amount: '100' });
    expectTransactionShape(funded);
    expect(funded).toMatchObject({
      organization_id: organizationId,
      transaction_type: 'DEPOSIT',
      status: 'COMPLETED',
      amount: '100.00',
      currency: 'USD',
      to_wallet_id: alice.id,
      description: null,
      metadata: {},
      reverses_id: null,
      held_amount: null,
      reversed_amount: '0.00',
      expires_at: null,
      completed_at: funded.created_at,
    });
    const systemId = funded.from_wallet_id as string;
    expect(funded.entries).toEqual([
      expect.objectContaining({
        wallet_id: systemId,
        direction: 'DEBIT',
        amount: '100.00',
        balance_after: '-100.00',
      }),
      expect.objectContaining({
        wallet_id: alice.id,
        direction: 'CREDIT',
        amount: '100.00',
        balance_after: '100.00',
      }),
    ]);
    expect(
      expectStatus(await server.request('GET', `/api/v1/wallets/${systemId}`, { token }), 200),
    ).toMatchObject({ wallet_type: 'SYSTEM', currency: 'USD', balance: '-100.00' });

    const withdrawn = expectStatus(
      await server.request('POST', '/api/v1/transactions/withdrawal', {
        token,
        body: { wallet_id: alice.id, amount: '10.5', description: 'ATM' },
      }),
      201,
    );
    expectTransactionShape(withdrawn);
    expect(withdrawn).toMatchObject({
      transaction_type: 'WITHDRAWAL',
      amount: '10.50',
      from_wallet_id: alice.id,
      to_wallet_id: systemId,
      description: 'ATM',
    });

    const moved = expectStatus(
      await server.request('POST', '/api/v1/transactions/transfer', {
        token,
        body: {
          from_wallet_id: alice.id,
          to_wallet_id: bob.id,
          amount: '20.00',
          description: 'Rent',
          metadata: { month: '2026-03' },
        },
      }),
      201,
    );
    expectTransactionShape(moved);
    expect(moved).toMatchObject({
      transaction_type: 'TRANSFER',
      status: 'COMPLETED',
      amount: '20.00',
      metadata: { month: '2026-03' },
    });
    expect(
      moved.entries.map((entry: Record<string, string>) => [
        entry.wallet_id,
        entry.direction,
        entry.balance_after,
      ]),
    ).toEqual([
      [alice.id, 'DEBIT', '69.50'],
      [bob.id, 'CREDIT', '20.00'],
    ]);

    // A hold reserves 30.00; a partial capture moves 12.50 and releases the rest.
    const hold = expectStatus(
      await server.request('POST', '/api/v1/transactions/transfer', {
        token,
        body: { from_wallet_id: alice.id, to_wallet_id: bob.id, amount: '30', hold: true },
      }),
      201,
    );
    expectTransactionShape(hold);
    expect(hold).toMatchObject({
      status: 'PENDING',
      amount: '30.00',
      held_amount: '30.00',
      entries: [],
      completed_at: null,
    });
    const aliceBalance = async () =>
      expectStatus(
        await server.request('GET', `/api/v1/wallets/${alice.id}/balance`, { token }),
        200,
      );
    expect(await aliceBalance()).toMatchObject({
      balance: '69.50',
      available_balance: '39.50',
    });
    const captured = expectStatus(
      await server.request('POST', `/api/v1/transactions/${hold.id}/capture`, {
        token,
        body: { amount: '12.50' },
      }),
      200,
    );
    expectTransactionShape(captured);
    expect(captured).toMatchObject({
      id: hold.id,
      status: 'COMPLETED',
      amount: '12.50',
      held_amount: '30.00',
      completed_at: expect.stringMatching(timestampPattern),
    });
    expect(captured.entries).toHaveLength(2);
    expect(await aliceBalance()).toMatchObject({ balance: '57.00', available_balance: '57.00' });

    const second = expectStatus(
      await server.request('POST', '/api/v1/transactions/transfer', {
        token,
        body: {
          from_wallet_id: alice.id,
          to_wallet_id: bob.id,
          amount: '5',
          hold: true,
          expires_at: '2999-01-01T00:00:00.000Z',
        },
      }),
      201,
    );
    expect(second.expires_at).toBe('2999-01-01T00:00:00.000Z');
    const voided = expectStatus(
      await server.request('POST', `/api/v1/transactions/${second.id}/void`, { token }),
      200,
    );
    expectTransactionShape(voided);
    expect(voided).toMatchObject({ id: second.id, status: 'VOIDED', entries: [] });
    expect(await aliceBalance()).toMatchObject({ balance: '57.00', available_balance: '57.00' });

    const batch = expectStatus(
      await server.request('POST', '/api/v1/transactions/batch', {
        token,
        body: {
          transfers: [
            { from_wallet_id: alice.id, to_wallet_id: bob.id, amount: '1.00' },
            { from_wallet_id: bob.id, to_wallet_id: alice.id, amount: '0.25' },
          ],
        },
      }),
      201,
    );
    expect(keysOf(batch)).toEqual(['transactions']);
    expect(batch.transactions).toHaveLength(2);
    batch.transactions.forEach(expectTransactionShape);
    expect(batch.transactions.map((item: { amount: string }) => item.amount)).toEqual([
      '1.00',
      '0.25',
    ]);

    // Reversals of the 20.00 transfer: 5.00, then what is left, then nothing more.
    const reverse = (body?: Record<string, unknown>) =>
      server.request('POST', `/api/v1/transactions/${moved.id}/reverse`, {
        token,
        ...(body !== undefined && { body }),
      });
    const partial = expectStatus(await reverse({ amount: '5', description: 'Refund' }), 201);
    expectTransactionShape(partial);
    expect(partial).toMatchObject({
      transaction_type: 'REVERSAL',
      status: 'COMPLETED',
      amount: '5.00',
      from_wallet_id: bob.id,
      to_wallet_id: alice.id,
      reverses_id: moved.id,
      description: 'Refund',
    });
    const rest = expectStatus(await reverse(), 201);
    expect(rest).toMatchObject({ amount: '15.00', reverses_id: moved.id });
    const exceeded = expectError(
      await reverse({ amount: '0.01' }),
      400,
      'AMOUNT_EXCEEDS_REMAINING',
    );
    expect(exceeded.details.remaining).toBe('0.00');
    const original = expectStatus(
      await server.request('GET', `/api/v1/transactions/${moved.id}`, { token }),
      200,
    );
    expectTransactionShape(original);
    expect(original).toMatchObject({ id: moved.id, reversed_amount: '20.00', amount: '20.00' });

    const list = async (query: string) =>
      expectStatus(await server.request('GET', `/api/v1/transactions${query}`, { token }), 200);
    const everything = await list('');
    expect(keysOf(everything)).toEqual(fields.page);
    expect(everything).toMatchObject({
      total: 9,
      page: 1,
      page_size: 20,
      pages: 1,
      next_cursor: null,
    });
    expect(everything.items[0]).toEqual(rest);
    expect(everything.items.at(-1)).toEqual(funded);
    const idsOf = (page: { items: { id: string }[] }) => page.items.map((item) => item.id);
    expect(idsOf(await list('?transaction_type=REVERSAL'))).toEqual([rest.id, partial.id]);
    expect(idsOf(await list('?status=VOIDED'))).toEqual([second.id]);
    expect(idsOf(await list('?status=PENDING'))).toEqual([]);
    expect((await list(`?wallet_id=${bob.id}`)).total).toBe(7);
    expect(
      (await list(`?wallet_id=${systemId}`)).items.map((item: { id: string }) => item.id),
    ).toEqual([withdrawn.id, funded.id]);
    expect((await list(`?created_to=${encodeURIComponent('2000-01-01T00:00:00Z')}`)).total).toBe(0);
    expect((await list(`?created_from=${encodeURIComponent(funded.created_at)}`)).total).toBe(9);
  });

  it('keeps money exact: large amounts round trip, the largest amount passes, one more is a 422', async () => {
    const server = await start(backend);
    const { token } = await signup(server);
    const usd = await createWallet(server, token);
    const big = await deposit(server, { token, walletId: usd.id, amount: '12345678901234567.89' });
    expect(big.amount).toBe('12345678901234567.89');
    expect(
      expectStatus(await server.request('GET', `/api/v1/wallets/${usd.id}`, { token }), 200),
    ).toMatchObject({ balance: '12345678901234567.89' });
    expect(
      expectStatus(await server.request('GET', `/api/v1/transactions/${big.id}`, { token }), 200)
        .amount,
    ).toBe('12345678901234567.89');

    // 10^20 - 1 minor units is the largest amount; in JPY (no minor digits) that is 20 nines.
    const yen = await createWallet(server, token, { currency: 'JPY' });
    const largest = '99999999999999999999';
    expect((await deposit(server, { token, walletId: yen.id, amount: largest })).amount).toBe(
      largest,
    );
    const tooLarge = expectError(
      await server.request('POST', '/api/v1/transactions/deposit', {
        token,
        body: { wallet_id: usd.id, amount: '1000000000000000000.00' },
      }),
      422,
      'VALIDATION_ERROR',
    );
    expect(JSON.stringify(tooLarge.details)).toContain('amount');
    expect(
      expectStatus(await server.request('GET', `/api/v1/wallets/${usd.id}`, { token }), 200)
        .balance,
    ).toBe('12345678901234567.89');
  });

  it('serves /health, /openapi.json and /docs', async () => {
    const server = await start(backend);
    const health = await server.request('GET', '/health');
    expect(expectStatus(health, 200)).toEqual({
      status: 'healthy',
      database: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(health.headers.get('x-request-id')).toBeTruthy();

    const openApi = expectStatus(await server.request('GET', '/openapi.json'), 200);
    expect(openApi.openapi).toMatch(/^3\.1\./);
    for (const endpoint of Object.values(endpoints) as Endpoint[]) {
      expect(
        openApi.paths[endpoint.path]?.[endpoint.method.toLowerCase()],
        endpoint.path,
      ).toBeDefined();
    }

    const docs = await server.request('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
    expect(docs.text).toContain('/api/v1/transactions/transfer');
  });

  // biome-ignore lint/correctness/noEmptyPattern: vitest reads the hook's context by destructuring
  afterAll(({}, suite) => {
    if (!ranEveryTest(suite as RunnerTestSuite)) return;
    expect([...succeeded].sort()).toEqual(Object.keys(endpoints).sort());
  });
});
