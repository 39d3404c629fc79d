// Proves the Idempotency-Key rules of API.md and the ledger's behaviour under concurrent
// requests over real HTTP, on SQLite and PostgreSQL: a replay answers the same bytes and
// writes nothing (the transaction list is counted), a reused key with another body is a 409,
// a rejected request is not kept, organizations' keys never collide; concurrent identical
// requests write once, concurrent transfers never overdraw, a hold is either captured or
// voided; a failing batch item names its index and writes nothing; lists page without
// duplicates or gaps, by page and by cursor. Answers and logs are scanned after each test.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signup, type TestResponse, type TestServer } from '../test-server.js';
import {
  allTransactions,
  backends,
  balanceOf,
  createWallet,
  deposit,
  expectError,
  expectStatus,
  type Json,
  readStoredResponse,
  serversPerTest,
  transfer,
} from './e2e-harness.js';
import { scanExchanges } from './scan-exchanges.js';

function post(
  server: TestServer,
  options: { token: string; path: string; body: unknown; key?: string },
): Promise<TestResponse> {
  return server.request('POST', options.path, {
    token: options.token,
    body: options.body,
    ...(options.key !== undefined && { headers: { 'idempotency-key': options.key } }),
  });
}

function expectReplayOf(replay: TestResponse, original: TestResponse): void {
  expect(replay.status).toBe(original.status);
  expect(replay.text).toBe(original.text);
  expect(replay.headers.get('idempotent-replayed')).toBe('true');
}

/** Follows `next_cursor` from the first page of `path` to the end; returns every page. */
async function pagesByCursor(server: TestServer, token: string, path: string): Promise<Json[]> {
  const separator = path.includes('?') ? '&' : '?';
  const pages = [expectStatus(await server.request('GET', path, { token }), 200)];
  while (pages.at(-1).next_cursor !== null && pages.length < 100) {
    const cursor = encodeURIComponent(pages.at(-1).next_cursor);
    pages.push(
      expectStatus(
        await server.request('GET', `${path}${separator}cursor=${cursor}`, { token }),
        200,
      ),
    );
  }
  return pages;
}

describe.each(backends)('idempotency and concurrency (%s)', (backend) => {
  const start = serversPerTest((servers) => scanExchanges(servers));

  it('replays a repeated request, refuses a reused key, keeps no rejection, scopes keys to an organization', async () => {
    const server = await start(backend);
    const a = await signup(server, 'A');
    const b = await signup(server, 'B');
    const wallet = await createWallet(server, a.token);
    const depositPath = '/api/v1/transactions/deposit';
    const body = { wallet_id: wallet.id, amount: '10.00' };

    const first = await post(server, { token: a.token, path: depositPath, body, key: 'order-1' });
    expectStatus(first, 201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const replay = await post(server, { token: a.token, path: depositPath, body, key: 'order-1' });
    expectReplayOf(replay, first);
    expect(await allTransactions(server, a.token)).toHaveLength(1);

    // Same key, another body or another path: refused, nothing written.
    for (const [path, otherBody] of [
      [depositPath, { ...body, amount: '10.01' }],
      [depositPath, { ...body, description: 'again' }],
      ['/api/v1/transactions/withdrawal', body],
    ] as const) {
      const response = await post(server, {
        token: a.token,
        path,
        body: otherBody,
        key: 'order-1',
      });
      expectError(response, 409, 'IDEMPOTENCY_KEY_REUSED');
    }
    expect(await allTransactions(server, a.token)).toHaveLength(1);

    // A rejected request is not kept: the same key succeeds once the money is there.
    const withdrawal = { wallet_id: wallet.id, amount: '25.00' };
    const withdraw = () =>
      post(server, {
        token: a.token,
        path: '/api/v1/transactions/withdrawal',
        body: withdrawal,
        key: 'payout-1',
      });
    expectError(await withdraw(), 400, 'INSUFFICIENT_FUNDS');
    expect(await allTransactions(server, a.token)).toHaveLength(1);
    await deposit(server, { token: a.token, walletId: wallet.id, amount: '20' });
    const paid = await withdraw();
    expect(expectStatus(paid, 201).amount).toBe('25.00');
    expect(paid.headers.get('idempotent-replayed')).toBeNull();
    expectReplayOf(await withdraw(), paid);
    expect(await balanceOf(server, { token: a.token, walletId: wallet.id })).toEqual({
      balance: '5.00',
      available_balance: '5.00',
    });

    // Another organization's identical key is its own.
    const bWallet = await createWallet(server, b.token);
    const bFirst = await post(server, {
      token: b.token,
      path: depositPath,
      body: { wallet_id: bWallet.id, amount: '10.00' },
      key: 'order-1',
    });
    expect(expectStatus(bFirst, 201).organization_id).toBe(b.organizationId);
    expect(bFirst.headers.get('idempotent-replayed')).toBeNull();
    expect(await allTransactions(server, a.token)).toHaveLength(3);

    // Keys the server keeps itself (users, API keys) share the namespace of ledger keys.
    const keyBody = { name: 'CI', role: 'ADMIN' };
    const created = await post(server, {
      token: a.token,
      path: '/api/v1/api-keys',
      body: keyBody,
      key: 'setup-1',
    });
    expectStatus(created, 201);
    expectReplayOf(
      await post(server, {
        token: a.token,
        path: '/api/v1/api-keys',
        body: keyBody,
        key: 'setup-1',
      }),
      created,
    );
    expectError(
      await post(server, { token: a.token, path: depositPath, body, key: 'setup-1' }),
      409,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expectError(
      await post(server, {
        token: a.token,
        path: '/api/v1/api-keys',
        body: keyBody,
        key: 'order-1',
      }),
      409,
      'IDEMPOTENCY_KEY_REUSED',
    );
    const keys = expectStatus(
      await server.request('GET', '/api/v1/api-keys', { token: a.token }),
      200,
    );
    expect(keys.items.map((key: Json) => key.id)).toEqual([created.body.id]);
    // The replayed key still works: it is the one key that exists.
    expectStatus(await server.request('GET', '/api/v1/auth/me', { token: created.body.key }), 200);

    const walletBody = { name: 'Bonus', wallet_type: 'BONUS', currency: 'USD' };
    const madeWallet = await post(server, {
      token: a.token,
      path: '/api/v1/wallets',
      body: walletBody,
      key: 'wallet-1',
    });
    expectReplayOf(
      await post(server, {
        token: a.token,
        path: '/api/v1/wallets',
        body: walletBody,
        key: 'wallet-1',
      }),
      madeWallet,
    );
    const wallets = expectStatus(
      await server.request('GET', '/api/v1/wallets?wallet_type=BONUS', { token: a.token }),
      200,
    );
    expect(wallets.total).toBe(1);
  });

  it('replays a new user without keeping anything a password guess could be checked against', async () => {
    const server = await start(backend);
    const owner = await signup(server);
    const body = {
      email: 'member@example.com',
      password: 'member password',
      full_name: 'Member',
      role: 'MEMBER',
    };
    const send = (password: string) =>
      post(server, {
        token: owner.token,
        path: '/api/v1/organization/users',
        body: { ...body, password },
        key: 'user-1',
      });
    const created = await send(body.password);
    expectStatus(created, 201);
    expectReplayOf(await send(body.password), created);
    expectError(await send('another password'), 409, 'IDEMPOTENCY_KEY_REUSED');

    const stored = await readStoredResponse(server, {
      organizationId: owner.organizationId,
      key: 'user-1',
    });
    expect(stored).not.toBeNull();
    const row = JSON.stringify(stored);
    expect(row).not.toContain(body.password);
    expect(row).not.toContain(created.body.id);
    // Not a plain digest of the request either: that would test a guess at SHA-256 speed.
    const sorted = Object.fromEntries(Object.entries(body).sort(([a], [b]) => a.localeCompare(b)));
    for (const preimage of [
      `POST /api/v1/organization/users\n${JSON.stringify(sorted)}`,
      JSON.stringify(sorted),
      JSON.stringify(body),
    ]) {
      expect(row).not.toContain(createHash('sha256').update(preimage).digest('hex'));
    }
  });

  it('writes once for 20 concurrent identical requests under one key', async () => {
    const server = await start(backend);
    const { token } = await signup(server);
    const wallet = await createWallet(server, token);
    const body = { wallet_id: wallet.id, amount: '7.77' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        post(server, { token, path: '/api/v1/transactions/deposit', body, key: 'race-1' }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    expect(
      answers.filter((answer) => answer.headers.get('idempotent-replayed') === null),
    ).toHaveLength(1);
    expect(await allTransactions(server, token)).toHaveLength(1);
    expect((await balanceOf(server, { token, walletId: wallet.id })).balance).toBe('7.77');

    // The same for an answer the server keeps itself (an API key, stored encrypted).
    const keyAnswers = await Promise.all(
      Array.from({ length: 10 }, () =>
        post(server, {
          token,
          path: '/api/v1/api-keys',
          body: { name: 'race', role: 'MEMBER' },
          key: 'race-2',
        }),
      ),
    );
    expect(keyAnswers.map((answer) => answer.status)).toEqual(keyAnswers.map(() => 201));
    expect(new Set(keyAnswers.map((answer) => answer.text)).size).toBe(1);
    const keys = expectStatus(await server.request('GET', '/api/v1/api-keys', { token }), 200);
    expect(keys.total).toBe(1);
  });

  it('lets exactly 33 of 50 concurrent 3.00 transfers through from 100.00', async () => {
    const server = await start(backend);
    const { token } = await signup(server);
    const from = await createWallet(server, token, { owner_id: 'payer' });
    const to = await createWallet(server, token, { owner_id: 'payee' });
    await deposit(server, { token, walletId: from.id, amount: '100.00' });
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        transfer(server, {
          token,
          body: { from_wallet_id: from.id, to_wallet_id: to.id, amount: '3.00' },
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(33);
    expect(statuses.filter((status) => status === 400)).toHaveLength(17);
    for (const answer of answers.filter((item) => item.status !== 201)) {
      expectError(answer, 400, 'INSUFFICIENT_FUNDS');
    }
    expect(await balanceOf(server, { token, walletId: from.id })).toEqual({
      balance: '1.00',
      available_balance: '1.00',
    });
    expect((await balanceOf(server, { token, walletId: to.id })).balance).toBe('99.00');
    expect(await allTransactions(server, token)).toHaveLength(34);
    // The statement agrees: each balance_after is the one before minus 3.00.
    const statement = expectStatus(
      await server.request('GET', `/api/v1/wallets/${from.id}/entries?page_size=100`, { token }),
      200,
    );
    expect(statement.items.map((entry: Json) => entry.balance_after)).toEqual(
      Array.from({ length: 34 }, (_, index) => (1 + 3 * index).toFixed(2)),
    );
  });

  it('captures or voids each hold exactly once when both race', async () => {
    const server = await start(backend);
    const { token } = await signup(server);
    const from = await createWallet(server, token, { owner_id: 'payer' });
    const to = await createWallet(server, token, { owner_id: 'payee' });
    await deposit(server, { token, walletId: from.id, amount: '100.00' });
    const holds = [];
    for (let index = 0; index < 10; index += 1) {
      holds.push(
        expectStatus(
          await transfer(server, {
            token,
            body: { from_wallet_id: from.id, to_wallet_id: to.id, amount: '10', hold: true },
          }),
          201,
        ),
      );
    }
    expect(await balanceOf(server, { token, walletId: from.id })).toEqual({
      balance: '100.00',
      available_balance: '0.00',
    });
    const decide = (id: string, verb: 'capture' | 'void') =>
      server.request('POST', `/api/v1/transactions/${id}/${verb}`, { token });
    // Half the holds see the capture first, half the void, all at once.
    const races = await Promise.all(
      holds.map((hold, index) =>
        Promise.all(
          index % 2 === 0
            ? [decide(hold.id, 'capture'), decide(hold.id, 'void')]
            : [decide(hold.id, 'void'), decide(hold.id, 'capture')],
        ),
      ),
    );
    let captured = 0;
    for (const [index, pair] of races.entries()) {
      const won = pair.filter((answer) => answer.status === 200);
      expect(won, `hold ${index}`).toHaveLength(1);
      expectError(pair.find((answer) => answer.status !== 200)!, 400, 'INVALID_STATE');
      const state = expectStatus(
        await server.request('GET', `/api/v1/transactions/${holds[index].id}`, { token }),
        200,
      );
      expect(state.status).toBe(won[0]!.body.status);
      captured += state.status === 'COMPLETED' ? 1 : 0;
    }
    const left = (100 - 10 * captured).toFixed(2);
    expect(await balanceOf(server, { token, walletId: from.id })).toEqual({
      balance: left,
      available_balance: left,
    });
    expect((await balanceOf(server, { token, walletId: to.id })).balance).toBe(
      (10 * captured).toFixed(2),
    );
  });

  it("answers a failing batch item's code with details.index and writes nothing", async () => {
    const server = await start(backend);
    const { token } = await signup(server);
    const a = await createWallet(server, token, { owner_id: 'a' });
    const b = await createWallet(server, token, { owner_id: 'b' });
    const euro = await createWallet(server, token, { owner_id: 'a', currency: 'EUR' });
    await deposit(server, { token, walletId: a.id, amount: '10.00' });
    const before = {
      transactions: await allTransactions(server, token),
      a: await balanceOf(server, { token, walletId: a.id }),
      b: await balanceOf(server, { token, walletId: b.id }),
    };
    const ok = { from_wallet_id: a.id, to_wallet_id: b.id, amount: '4.00' };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...ok, amount: '2.01' }, 400, 'INSUFFICIENT_FUNDS'],
      [{ ...ok, to_wallet_id: a.id }, 400, 'SAME_WALLET'],
      [{ ...ok, to_wallet_id: euro.id, amount: '1' }, 400, 'CURRENCY_MISMATCH'],
      [{ ...ok, to_wallet_id: '01900000-0000-7000-8000-000000000000' }, 404, 'NOT_FOUND'],
    ];
    for (const [third, status, code] of cases) {
      const response = await post(server, {
        token,
        path: '/api/v1/transactions/batch',
        body: { transfers: [ok, ok, third, ok] },
      });
      expect(expectError(response, status, code).details.index, code).toBe(2);
    }
    expect({
      transactions: await allTransactions(server, token),
      a: await balanceOf(server, { token, walletId: a.id }),
      b: await balanceOf(server, { token, walletId: b.id }),
    }).toEqual(before);
  });

  it('pages 45 transactions by page and by cursor: newest first, no duplicates, no gaps', async () => {
    const server = await start(backend);
    const { token } = await signup(server);
    const from = await createWallet(server, token, { owner_id: 'payer' });
    const to = await createWallet(server, token, { owner_id: 'payee' });
    await deposit(server, { token, walletId: from.id, amount: '100.00' });
    const amounts = Array.from({ length: 45 }, (_, index) => ((index + 1) / 100).toFixed(2));
    // One request per transfer, so that each has its own instant and position.
    const created = [];
    for (const amount of amounts) {
      created.push(
        expectStatus(
          await transfer(server, {
            token,
            body: { from_wallet_id: from.id, to_wallet_id: to.id, amount },
          }),
          201,
        ),
      );
    }
    const newestFirst = created.map((item) => item.id).reverse();

    const path = '/api/v1/transactions?transaction_type=TRANSFER&page_size=10';
    const byPage = [];
    for (let page = 1; page <= 5; page += 1) {
      const answer = expectStatus(
        await server.request('GET', `${path}&page=${page}`, { token }),
        200,
      );
      expect(answer).toMatchObject({ total: 45, page, page_size: 10, pages: 5 });
      expect(answer.items).toHaveLength(page === 5 ? 5 : 10);
      expect(answer.next_cursor === null).toBe(page === 5);
      byPage.push(...answer.items.map((item: Json) => item.id));
    }
    expect(byPage).toEqual(newestFirst);
    expect(
      expectStatus(await server.request('GET', `${path}&page=6`, { token }), 200),
    ).toMatchObject({ items: [], total: 45, next_cursor: null });

    const pages = await pagesByCursor(server, token, path);
    expect(pages).toHaveLength(5);
    expect(pages.flatMap((page) => page.items.map((item: Json) => item.id))).toEqual(newestFirst);
    for (const page of pages.slice(1)) {
      expect(page).toMatchObject({ total: null, pages: null, page_size: 10 });
    }
    expect(pages.at(-1).next_cursor).toBeNull();

    // The wallet's own lists page the same way.
    const walletPages = await pagesByCursor(
      server,
      token,
      `/api/v1/wallets/${to.id}/transactions?page_size=7`,
    );
    expect(walletPages.flatMap((page) => page.items.map((item: Json) => item.id))).toEqual(
      newestFirst,
    );
    const entryPages = await pagesByCursor(
      server,
      token,
      `/api/v1/wallets/${to.id}/entries?page_size=8`,
    );
    const entries = entryPages.flatMap((page) => page.items);
    expect(entries.map((entry: Json) => entry.transaction_id)).toEqual(newestFirst);
    expect(entries[0].balance_after).toBe('10.35');
  });
});
