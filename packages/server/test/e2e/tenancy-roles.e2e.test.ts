// Proves tenancy and roles over real HTTP on SQLite and PostgreSQL. Tenancy: with another
// organization's token or API key, every endpoint that takes an id, and every body or filter
// naming a wallet, answers 404 NOT_FOUND (never 403); its lists never show a foreign row; and
// the first organization's data, read back before and after, is unchanged. Roles: a MEMBER
// user and a MEMBER API key get 403 on everything API.md reserves to OWNER and ADMIN, and on
// money leaving wallets they do not own, while their reads and their own wallets work; an
// ADMIN may not create an OWNER, an OWNER may. Answers and logs are scanned after each test.
import { describe, expect, it } from 'vitest';
import { signup, type TestResponse, type TestServer } from '../test-server.js';
import {
  allTransactions,
  backends,
  createWallet,
  deposit,
  expectError,
  expectStatus,
  type Json,
  serversPerTest,
} from './e2e-harness.js';
import { scanExchanges } from './scan-exchanges.js';

/** One request of a matrix: a label, and how to send it with a given credential. */
type Probe = [label: string, send: (token: string) => Promise<TestResponse>];

function probe(
  server: TestServer,
  method: string,
  path: string,
  body?: Record<string, unknown>,
): (token: string) => Promise<TestResponse> {
  return (token) => server.request(method, path, { token, ...(body !== undefined && { body }) });
}

/** Sends every probe with `token` and expects `status` and `code` from each. */
async function expectEvery(
  probes: readonly Probe[],
  token: string,
  expected: { status: number; code: string },
): Promise<void> {
  for (const [label, send] of probes) {
    const response = await send(token);
    expect(`${label}: ${response.status} ${response.body?.error?.code}`).toBe(
      `${label}: ${expected.status} ${expected.code}`,
    );
    expectError(response, expected.status, expected.code);
  }
}

/** Everything an organization can read of itself. */
async function organizationView(server: TestServer, token: string, walletIds: string[]) {
  const read = async (path: string) =>
    expectStatus(await server.request('GET', path, { token }), 200);
  return {
    wallets: await read('/api/v1/wallets?page_size=100'),
    transactions: await read('/api/v1/transactions?page_size=100'),
    apiKeys: await read('/api/v1/api-keys'),
    statements: await Promise.all(
      walletIds.map((id) => read(`/api/v1/wallets/${id}/entries?page_size=100`)),
    ),
  };
}

describe.each(backends)('tenancy and roles (%s)', (backend) => {
  const start = serversPerTest((servers) => scanExchanges(servers));

  it('answers 404 for every id of another organization and never shows or changes its rows', async () => {
    const server = await start(backend);
    const a = await signup(server, 'Org A');
    const b = await signup(server, 'Org B');
    const a1 = await createWallet(server, a.token, { owner_id: 'a1' });
    const a2 = await createWallet(server, a.token, { owner_id: 'a2' });
    await deposit(server, { token: a.token, walletId: a1.id, amount: '100' });
    const hold = expectStatus(
      await server.request('POST', '/api/v1/transactions/transfer', {
        token: a.token,
        body: { from_wallet_id: a1.id, to_wallet_id: a2.id, amount: '10', hold: true },
      }),
      201,
    );
    const moved = expectStatus(
      await server.request('POST', '/api/v1/transactions/transfer', {
        token: a.token,
        body: { from_wallet_id: a1.id, to_wallet_id: a2.id, amount: '5' },
      }),
      201,
    );
    const aKey = expectStatus(
      await server.request('POST', '/api/v1/api-keys', {
        token: a.token,
        body: { name: 'A key', role: 'ADMIN' },
      }),
      201,
    );
    const b1 = await createWallet(server, b.token, { owner_id: 'a1' });
    const b2 = await createWallet(server, b.token, { owner_id: 'b2' });
    const bFunding = await deposit(server, { token: b.token, walletId: b1.id, amount: '50' });
    const bKey = expectStatus(
      await server.request('POST', '/api/v1/api-keys', {
        token: b.token,
        body: { name: 'B key', role: 'OWNER' },
      }),
      201,
    );
    const before = await organizationView(server, a.token, [a1.id, a2.id]);

    const transferBody = (from: string, to: string) => ({
      from_wallet_id: from,
      to_wallet_id: to,
      amount: '1',
    });
    const probes: Probe[] = [
      ['retrieve wallet', probe(server, 'GET', `/api/v1/wallets/${a1.id}`)],
      ['balance', probe(server, 'GET', `/api/v1/wallets/${a1.id}/balance`)],
      [
        'balance as of',
        probe(server, 'GET', `/api/v1/wallets/${a1.id}/balance?as_of=2020-01-01T00:00:00Z`),
      ],
      ['wallet transactions', probe(server, 'GET', `/api/v1/wallets/${a1.id}/transactions`)],
      ['wallet entries', probe(server, 'GET', `/api/v1/wallets/${a1.id}/entries`)],
      ['freeze', probe(server, 'POST', `/api/v1/wallets/${a1.id}/freeze`)],
      ['unfreeze', probe(server, 'POST', `/api/v1/wallets/${a1.id}/unfreeze`)],
      ['capture', probe(server, 'POST', `/api/v1/transactions/${hold.id}/capture`)],
      ['void', probe(server, 'POST', `/api/v1/transactions/${hold.id}/void`)],
      ['reverse', probe(server, 'POST', `/api/v1/transactions/${moved.id}/reverse`)],
      ['retrieve transaction', probe(server, 'GET', `/api/v1/transactions/${moved.id}`)],
      ['revoke api key', probe(server, 'DELETE', `/api/v1/api-keys/${aKey.id}`)],
      [
        'deposit',
        probe(server, 'POST', '/api/v1/transactions/deposit', { wallet_id: a1.id, amount: '1' }),
      ],
      [
        'withdrawal',
        probe(server, 'POST', '/api/v1/transactions/withdrawal', {
          wallet_id: a1.id,
          amount: '1',
        }),
      ],
      [
        'transfer into A',
        probe(server, 'POST', '/api/v1/transactions/transfer', transferBody(b1.id, a1.id)),
      ],
      [
        'transfer out of A',
        probe(server, 'POST', '/api/v1/transactions/transfer', transferBody(a1.id, b1.id)),
      ],
      [
        'hold out of A',
        probe(server, 'POST', '/api/v1/transactions/transfer', {
          ...transferBody(a1.id, a2.id),
          hold: true,
        }),
      ],
      [
        'batch naming A',
        probe(server, 'POST', '/api/v1/transactions/batch', {
          transfers: [transferBody(b1.id, b2.id), transferBody(b1.id, a2.id)],
        }),
      ],
      [
        'list filtered by a wallet of A',
        probe(server, 'GET', `/api/v1/transactions?wallet_id=${a1.id}`),
      ],
    ];
    await expectEvery(probes, b.token, { status: 404, code: 'NOT_FOUND' });
    await expectEvery(probes, bKey.key, { status: 404, code: 'NOT_FOUND' });

    // B's lists hold B's rows only (a wallet owner id is free text: B's "a1" is B's own).
    const bView = await organizationView(server, b.token, []);
    expect(bView.wallets.items.map((wallet: Json) => wallet.organization_id)).toEqual(
      bView.wallets.items.map(() => b.organizationId),
    );
    expect(new Set(bView.wallets.items.map((wallet: Json) => wallet.id))).toEqual(
      new Set([b1.id, b2.id, bFunding.from_wallet_id]),
    );
    const owned = expectStatus(
      await server.request('GET', '/api/v1/wallets?owner_id=a1', { token: b.token }),
      200,
    );
    expect(owned.items.map((wallet: Json) => wallet.id)).toEqual([b1.id]);
    expect(bView.transactions.items.map((item: Json) => item.id)).toEqual([bFunding.id]);
    expect(bView.apiKeys.items.map((key: Json) => key.id)).toEqual([bKey.id]);
    expect((await allTransactions(server, bKey.key)).map((item) => item.id)).toEqual([bFunding.id]);

    expect(await organizationView(server, a.token, [a1.id, a2.id])).toEqual(before);
    expectStatus(await server.request('GET', '/api/v1/auth/me', { token: aKey.key }), 200);
  });

  it('lets a MEMBER user and a MEMBER API key read and move their own money only', async () => {
    const server = await start(backend);
    const owner = await signup(server);
    const member = expectStatus(
      await server.request('POST', '/api/v1/organization/users', {
        token: owner.token,
        body: {
          email: 'member@example.com',
          password: 'member password',
          full_name: 'Member',
          role: 'MEMBER',
        },
      }),
      201,
    );
    const memberToken = expectStatus(
      await server.request('POST', '/api/v1/auth/login', {
        body: { email: 'member@example.com', password: 'member password' },
      }),
      200,
    ).access_token as string;
    const newKey = async (role: string) =>
      expectStatus(
        await server.request('POST', '/api/v1/api-keys', {
          token: owner.token,
          body: { name: role, role },
        }),
        201,
      );
    const memberKey = (await newKey('MEMBER')).key as string;
    const adminKey = await newKey('ADMIN');

    const ownerWallet = await createWallet(server, owner.token, { name: 'Owner' });
    const funding = await deposit(server, {
      token: owner.token,
      walletId: ownerWallet.id,
      amount: '100',
    });
    // A MEMBER's wallet is its own by default.
    const memberWallet = await createWallet(server, memberToken, { name: 'Mine' });
    expect(memberWallet.owner_id).toBe(member.id);
    await deposit(server, { token: owner.token, walletId: memberWallet.id, amount: '50' });
    const ownerHold = expectStatus(
      await server.request('POST', '/api/v1/transactions/transfer', {
        token: owner.token,
        body: {
          from_wallet_id: ownerWallet.id,
          to_wallet_id: memberWallet.id,
          amount: '5',
          hold: true,
        },
      }),
      201,
    );
    // An API key owns no wallet: owner_id is required, and a MEMBER key may not name one.
    const keyWallet = await server.request('POST', '/api/v1/wallets', {
      token: memberKey,
      body: { name: 'Key', wallet_type: 'BONUS', currency: 'USD' },
    });
    expect(
      (expectError(keyWallet, 422, 'VALIDATION_ERROR').details.fields as Json[]).map(
        (field) => field.path,
      ),
    ).toEqual(['owner_id']);

    const forbiddenToBoth: Probe[] = [
      [
        'deposit',
        probe(server, 'POST', '/api/v1/transactions/deposit', {
          wallet_id: memberWallet.id,
          amount: '1',
        }),
      ],
      [
        'withdrawal',
        probe(server, 'POST', '/api/v1/transactions/withdrawal', {
          wallet_id: memberWallet.id,
          amount: '1',
        }),
      ],
      ['reverse', probe(server, 'POST', `/api/v1/transactions/${funding.id}/reverse`)],
      ['freeze', probe(server, 'POST', `/api/v1/wallets/${memberWallet.id}/freeze`)],
      ['unfreeze', probe(server, 'POST', `/api/v1/wallets/${memberWallet.id}/unfreeze`)],
      [
        'SYSTEM wallet',
        probe(server, 'POST', '/api/v1/wallets', {
          name: 'S',
          wallet_type: 'SYSTEM',
          currency: 'EUR',
          owner_id: member.id,
        }),
      ],
      [
        'wallet for someone else',
        probe(server, 'POST', '/api/v1/wallets', {
          name: 'X',
          wallet_type: 'BONUS',
          currency: 'USD',
          owner_id: owner.userId,
        }),
      ],
      [
        'create user',
        probe(server, 'POST', '/api/v1/organization/users', {
          email: 'other@example.com',
          password: 'other password',
          full_name: 'Other',
          role: 'MEMBER',
        }),
      ],
      ['create api key', probe(server, 'POST', '/api/v1/api-keys', { name: 'k', role: 'MEMBER' })],
      ['list api keys', probe(server, 'GET', '/api/v1/api-keys')],
      ['revoke api key', probe(server, 'DELETE', `/api/v1/api-keys/${adminKey.id}`)],
      [
        "transfer from the owner's wallet",
        probe(server, 'POST', '/api/v1/transactions/transfer', {
          from_wallet_id: ownerWallet.id,
          to_wallet_id: memberWallet.id,
          amount: '1',
        }),
      ],
      [
        "hold on the owner's wallet",
        probe(server, 'POST', '/api/v1/transactions/transfer', {
          from_wallet_id: ownerWallet.id,
          to_wallet_id: memberWallet.id,
          amount: '1',
          hold: true,
        }),
      ],
      [
        "batch with the owner's wallet",
        probe(server, 'POST', '/api/v1/transactions/batch', {
          transfers: [
            { from_wallet_id: memberWallet.id, to_wallet_id: ownerWallet.id, amount: '1' },
            { from_wallet_id: ownerWallet.id, to_wallet_id: memberWallet.id, amount: '1' },
          ],
        }),
      ],
      [
        "capture of the owner's hold",
        probe(server, 'POST', `/api/v1/transactions/${ownerHold.id}/capture`),
      ],
      [
        "void of the owner's hold",
        probe(server, 'POST', `/api/v1/transactions/${ownerHold.id}/void`),
      ],
    ];
    const written = await allTransactions(server, owner.token);
    await expectEvery(forbiddenToBoth, memberToken, { status: 403, code: 'FORBIDDEN' });
    await expectEvery(forbiddenToBoth, memberKey, { status: 403, code: 'FORBIDDEN' });
    // A MEMBER key owns no wallet, so even the member's wallet is not its to debit.
    await expectEvery(
      [
        [
          "transfer from the member's wallet",
          probe(server, 'POST', '/api/v1/transactions/transfer', {
            from_wallet_id: memberWallet.id,
            to_wallet_id: ownerWallet.id,
            amount: '1',
          }),
        ],
      ],
      memberKey,
      { status: 403, code: 'FORBIDDEN' },
    );
    expect(await allTransactions(server, owner.token)).toEqual(written);
    expectStatus(await server.request('GET', '/api/v1/auth/me', { token: adminKey.key }), 200);

    for (const token of [memberToken, memberKey]) {
      for (const path of [
        '/api/v1/auth/me',
        '/api/v1/organization',
        '/api/v1/wallets',
        `/api/v1/wallets/${ownerWallet.id}`,
        `/api/v1/wallets/${ownerWallet.id}/balance`,
        `/api/v1/wallets/${ownerWallet.id}/transactions`,
        `/api/v1/wallets/${ownerWallet.id}/entries`,
        '/api/v1/transactions',
        `/api/v1/transactions/${funding.id}`,
      ]) {
        expect((await server.request('GET', path, { token })).status, path).toBe(200);
      }
    }

    const memberMove = (body: Record<string, unknown>) =>
      server.request('POST', '/api/v1/transactions/transfer', {
        token: memberToken,
        body: { from_wallet_id: memberWallet.id, to_wallet_id: ownerWallet.id, ...body },
      });
    expectStatus(await memberMove({ amount: '1' }), 201);
    const memberHold = expectStatus(await memberMove({ amount: '2', hold: true }), 201);
    expect(
      expectStatus(
        await server.request('POST', `/api/v1/transactions/${memberHold.id}/capture`, {
          token: memberToken,
        }),
        200,
      ).status,
    ).toBe('COMPLETED');
    const toVoid = expectStatus(await memberMove({ amount: '3', hold: true }), 201);
    expect(
      expectStatus(
        await server.request('POST', `/api/v1/transactions/${toVoid.id}/void`, {
          token: memberToken,
        }),
        200,
      ).status,
    ).toBe('VOIDED');
    expectStatus(
      await server.request('POST', '/api/v1/transactions/batch', {
        token: memberToken,
        body: {
          transfers: [
            { from_wallet_id: memberWallet.id, to_wallet_id: ownerWallet.id, amount: '1' },
          ],
        },
      }),
      201,
    );
    expect(
      expectStatus(
        await server.request('GET', `/api/v1/wallets/${memberWallet.id}/balance`, {
          token: memberToken,
        }),
        200,
      ),
    ).toMatchObject({ balance: '46.00', available_balance: '46.00' });
  });

  it('lets only an OWNER create an OWNER user or key; API keys must name a wallet owner', async () => {
    const server = await start(backend);
    const owner = await signup(server);
    expectStatus(
      await server.request('POST', '/api/v1/organization/users', {
        token: owner.token,
        body: {
          email: 'admin@example.com',
          password: 'admin password',
          full_name: 'Admin',
          role: 'ADMIN',
        },
      }),
      201,
    );
    const adminToken = expectStatus(
      await server.request('POST', '/api/v1/auth/login', {
        body: { email: 'admin@example.com', password: 'admin password' },
      }),
      200,
    ).access_token as string;
    const createKey = (token: string, role: string) =>
      server.request('POST', '/api/v1/api-keys', { token, body: { name: role, role } });
    const createUser = (token: string, role: string, email: string) =>
      server.request('POST', '/api/v1/organization/users', {
        token,
        body: { email, password: 'long enough password', full_name: role, role },
      });
    const adminKey = expectStatus(await createKey(adminToken, 'ADMIN'), 201).key as string;
    for (const token of [adminToken, adminKey]) {
      expectError(await createKey(token, 'OWNER'), 403, 'FORBIDDEN');
      expectError(await createUser(token, 'OWNER', 'boss@example.com'), 403, 'FORBIDDEN');
    }
    const ownerKey = expectStatus(await createKey(owner.token, 'OWNER'), 201).key as string;
    expect(expectStatus(await createKey(ownerKey, 'OWNER'), 201).role).toBe('OWNER');
    expect(
      expectStatus(await createUser(owner.token, 'OWNER', 'co-owner@example.com'), 201).role,
    ).toBe('OWNER');

    // An ADMIN does the rest: money in, freezing, SYSTEM wallets.
    const wallet = await createWallet(server, adminToken, { name: 'Admin' });
    await deposit(server, { token: adminToken, walletId: wallet.id, amount: '1' });
    expectStatus(
      await server.request('POST', `/api/v1/wallets/${wallet.id}/freeze`, { token: adminKey }),
      200,
    );
    for (const token of [adminKey, ownerKey]) {
      const body = { name: 'By key', wallet_type: 'BONUS', currency: 'USD' };
      expectError(
        await server.request('POST', '/api/v1/wallets', { token, body }),
        422,
        'VALIDATION_ERROR',
      );
      expect(
        expectStatus(
          await server.request('POST', '/api/v1/wallets', {
            token,
            body: { ...body, owner_id: `customer-${token.slice(-6)}` },
          }),
          201,
        ).owner_id,
      ).toBe(`customer-${token.slice(-6)}`);
    }
    expect(
      (
        await createWallet(server, adminKey, {
          wallet_type: 'SYSTEM',
          currency: 'EUR',
          owner_id: 'treasury',
        })
      ).wallet_type,
    ).toBe('SYSTEM');
  });
});
