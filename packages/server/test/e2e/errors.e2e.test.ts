// Proves that every error code of API.md's table (but INTERNAL, which a correct server does
// not produce on demand) comes back over real HTTP with its status and the
// exact error body, on SQLite and on PostgreSQL; that a rejected money request writes nothing
// (the ledger read back before and after is identical); that request ids are kept or replaced
// as documented. After every test, every answer and log line of its servers is scanned: no
// 500, and no password, token, API key or hash anywhere it does not belong.
import { apiErrors } from '@vaultcraft/client/contract';
import { createTestClock } from '@vaultcraft/core/testing';
import { SignJWT } from 'jose';
import { afterAll, describe, expect, it, type RunnerTestSuite } from 'vitest';
import { signup, type TestResponse, type TestServer, testJwtSecret } from '../test-server.js';
import {
  allTransactions,
  backends,
  createWallet,
  deposit,
  expectError,
  expectStatus,
  ranEveryTest,
  serversPerTest,
  transfer,
} from './e2e-harness.js';
import { scanExchanges } from './scan-exchanges.js';

/** A 422 naming `path` among its fields. */
function expectInvalid(response: TestResponse, path: string): void {
  const error = expectError(response, 422, 'VALIDATION_ERROR');
  const paths = (error.details.fields as { path: string }[]).map((field) => field.path);
  expect(paths, response.text).toContain(path);
}

/** What a reader sees of the ledger: wallets, every transaction, every statement. */
async function ledgerState(server: TestServer, token: string, walletIds: readonly string[]) {
  const wallets = [];
  for (const id of walletIds) {
    const wallet = expectStatus(
      await server.request('GET', `/api/v1/wallets/${id}`, { token }),
      200,
    );
    const entries = expectStatus(
      await server.request('GET', `/api/v1/wallets/${id}/entries?page_size=100`, { token }),
      200,
    );
    wallets.push({ wallet, entries });
  }
  return { wallets, transactions: await allTransactions(server, token) };
}

function signToken(
  claims: { sub: string; org: string; role?: string },
  options: { secret?: string; issuer?: string; audience?: string; expiresAt?: number } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ org: claims.org, role: claims.role ?? 'OWNER' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(options.issuer ?? 'vaultcraft')
    .setAudience(options.audience ?? 'vaultcraft-api')
    .setIssuedAt(now - 7200)
    .setExpirationTime(options.expiresAt ?? now + 600)
    .sign(new TextEncoder().encode(options.secret ?? testJwtSecret));
}

describe.each(backends)('error answers (%s)', (backend) => {
  const seenCodes = new Set<string>();
  const start = serversPerTest((servers) => scanExchanges(servers, seenCodes));

  it('rejects money moves that break a rule with 400 and writes nothing', async () => {
    const time = createTestClock('2026-05-01T12:00:00.000Z');
    const server = await start(backend, { clock: time.clock });
    const { token } = await signup(server);
    const a = await createWallet(server, token, { owner_id: 'a' });
    const b = await createWallet(server, token, { owner_id: 'b' });
    const cold = await createWallet(server, token, { owner_id: 'c' });
    const euro = await createWallet(server, token, { owner_id: 'a', currency: 'EUR' });
    const yen = await createWallet(server, token, { owner_id: 'a', currency: 'JPY' });
    const funding = await deposit(server, { token, walletId: a.id, amount: '50' });
    await deposit(server, { token, walletId: cold.id, amount: '10' });
    expectStatus(await server.request('POST', `/api/v1/wallets/${cold.id}/freeze`, { token }), 200);
    const hold = async (amount: string, extra: Record<string, unknown> = {}) =>
      expectStatus(
        await transfer(server, {
          token,
          body: { from_wallet_id: a.id, to_wallet_id: b.id, amount, hold: true, ...extra },
        }),
        201,
      );
    const voided = await hold('5');
    expectStatus(
      await server.request('POST', `/api/v1/transactions/${voided.id}/void`, { token }),
      200,
    );
    const expiring = await hold('5', { expires_at: '2026-05-01T12:01:00.000Z' });
    const open = await hold('5');
    // The accepted side of the description and metadata limits.
    expectStatus(
      await server.request('POST', '/api/v1/transactions/deposit', {
        token,
        body: {
          wallet_id: a.id,
          amount: '0.01',
          description: 'd'.repeat(1000),
          metadata: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])),
        },
      }),
      201,
    );
    time.advance(61_000);
    const before = await ledgerState(server, token, [a.id, b.id, cold.id, euro.id, yen.id]);
    // The hold expired a second ago: VOIDED for every reader, its 5.00 released.
    expect(before.transactions.find((item) => item.id === expiring.id).status).toBe('VOIDED');
    expect(before.wallets[0]!.wallet).toMatchObject({
      balance: '50.01',
      available_balance: '45.01',
    });

    const post = (path: string, body?: unknown) =>
      server.request('POST', path, { token, ...(body !== undefined && { body }) });
    const move = (from: string, to: string, amount: string, extra = {}) =>
      post('/api/v1/transactions/transfer', {
        from_wallet_id: from,
        to_wallet_id: to,
        amount,
        ...extra,
      });
    const rejections: [string, () => Promise<TestResponse>, string, Record<string, unknown>][] = [
      [
        'transfer above the available balance',
        () => move(a.id, b.id, '45.02'),
        'INSUFFICIENT_FUNDS',
        { wallet_id: a.id },
      ],
      [
        'hold above the available balance',
        () => move(a.id, b.id, '45.02', { hold: true }),
        'INSUFFICIENT_FUNDS',
        {},
      ],
      [
        'withdrawal above the available balance',
        () => post('/api/v1/transactions/withdrawal', { wallet_id: a.id, amount: '45.02' }),
        'INSUFFICIENT_FUNDS',
        {},
      ],
      ['transfer between currencies', () => move(a.id, euro.id, '1'), 'CURRENCY_MISMATCH', {}],
      ['transfer to itself', () => move(a.id, a.id, '1'), 'SAME_WALLET', {}],
      [
        'transfer to a frozen wallet',
        () => move(a.id, cold.id, '1'),
        'WALLET_FROZEN',
        { wallet_id: cold.id },
      ],
      [
        'deposit to a frozen wallet',
        () => post('/api/v1/transactions/deposit', { wallet_id: cold.id, amount: '1' }),
        'WALLET_FROZEN',
        {},
      ],
      [
        'transfer from a frozen wallet',
        () => move(cold.id, a.id, '1'),
        'WALLET_FROZEN',
        { wallet_id: cold.id },
      ],
      [
        'withdrawal from a frozen wallet',
        () => post('/api/v1/transactions/withdrawal', { wallet_id: cold.id, amount: '1' }),
        'WALLET_FROZEN',
        {},
      ],
      [
        'capture of a voided hold',
        () => post(`/api/v1/transactions/${voided.id}/capture`),
        'INVALID_STATE',
        { status: 'VOIDED' },
      ],
      [
        'void of a voided hold',
        () => post(`/api/v1/transactions/${voided.id}/void`),
        'INVALID_STATE',
        {},
      ],
      [
        'capture of an expired hold',
        () => post(`/api/v1/transactions/${expiring.id}/capture`, {}),
        'INVALID_STATE',
        {},
      ],
      [
        'void of a completed transfer',
        () => post(`/api/v1/transactions/${funding.id}/void`),
        'INVALID_STATE',
        {},
      ],
      [
        'capture above the held amount',
        () => post(`/api/v1/transactions/${open.id}/capture`, { amount: '5.01' }),
        'AMOUNT_EXCEEDS_REMAINING',
        { remaining: '5.00' },
      ],
      [
        'reversal above the amount',
        () => post(`/api/v1/transactions/${funding.id}/reverse`, { amount: '50.01' }),
        'AMOUNT_EXCEEDS_REMAINING',
        { remaining: '50.00' },
      ],
    ];
    for (const [label, send, code, details] of rejections) {
      const response = await send();
      expect(response.status, label).toBe(400);
      expect(expectError(response, 400, code).details, label).toMatchObject(details);
    }

    const deposit422 = (body: Record<string, unknown>) =>
      post('/api/v1/transactions/deposit', { wallet_id: a.id, amount: '1', ...body });
    const invalid: [() => Promise<TestResponse>, string][] = [
      [() => deposit422({ colour: 'red' }), 'colour'],
      [() => deposit422({ amount: 10 }), 'amount'],
      [() => deposit422({ amount: '1e3' }), 'amount'],
      [() => deposit422({ amount: '-5' }), 'amount'],
      [() => deposit422({ amount: '0' }), 'amount'],
      [() => deposit422({ amount: '0.00' }), 'amount'],
      [() => deposit422({ amount: '1.234' }), 'amount'],
      [() => deposit422({ amount: ' 1' }), 'amount'],
      [() => deposit422({ wallet_id: yen.id, amount: '1.5' }), 'amount'],
      [() => deposit422({ amount: '1000000000000000000.00' }), 'amount'],
      [() => deposit422({ description: 'd'.repeat(1001) }), 'description'],
      [
        () =>
          deposit422({
            metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])),
          }),
        'metadata',
      ],
      [() => deposit422({ metadata: { ['k'.repeat(41)]: 'v' } }), `metadata.${'k'.repeat(41)}`],
      [() => deposit422({ metadata: { orderId: 'v'.repeat(501) } }), 'metadata.orderId'],
      [() => deposit422({ wallet_id: 'not-a-uuid' }), 'wallet_id'],
      [() => move(a.id, b.id, '1', { expires_at: '2026-06-01T00:00:00Z' }), 'expires_at'],
      [() => post('/api/v1/transactions/batch', { transfers: [] }), 'transfers'],
      [() => post(`/api/v1/transactions/${open.id}/capture`, { amount: '1.001' }), 'amount'],
      [() => post(`/api/v1/transactions/${funding.id}/reverse`, { amount: 1 }), 'amount'],
    ];
    for (const [send, path] of invalid) {
      expectInvalid(await send(), path);
    }

    expect(await ledgerState(server, token, [a.id, b.id, cold.id, euro.id, yen.id])).toEqual(
      before,
    );
  });

  it('rejects bad requests: malformed JSON, oversized bodies, unknown routes and ids, bad queries and headers', async () => {
    const server = await start(backend);
    const { token } = await signup(server);
    const wallet = await createWallet(server, token);
    const depositPath = '/api/v1/transactions/deposit';

    const malformed = expectError(
      await server.request('POST', depositPath, { token, rawBody: '{"wallet_id": ' }),
      400,
      'MALFORMED_JSON',
    );
    expect(malformed.message).not.toMatch(/\n\s+at /);
    expectError(
      await server.request('POST', depositPath, {
        token,
        rawBody: '{"amount": "1",}',
        headers: { 'content-type': 'text/plain' },
      }),
      400,
      'MALFORMED_JSON',
    );

    // One byte over 1 MiB is refused before it is parsed; exactly 1 MiB is read (and then
    // refused for its unknown field).
    const padded = (bytes: number) => {
      const head = `{"wallet_id":"${wallet.id}","amount":"1","padding":"`;
      return `${head}${'x'.repeat(bytes - head.length - 2)}"}`;
    };
    expectError(
      await server.request('POST', depositPath, { token, rawBody: padded(1024 * 1024 + 1) }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expectInvalid(
      await server.request('POST', depositPath, { token, rawBody: padded(1024 * 1024) }),
      'padding',
    );

    const unknownRoute = expectError(
      await server.request('GET', '/api/v1/nothing-here?x=1', { token }),
      404,
      'NOT_FOUND',
    );
    expect(unknownRoute.message).toContain('/api/v1/nothing-here');
    expectError(await server.request('GET', '/api/v2/wallets', { token }), 404, 'NOT_FOUND');
    const missing = '01900000-0000-7000-8000-000000000000';
    expectError(
      await server.request('GET', `/api/v1/wallets/${missing}`, { token }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await server.request('GET', '/api/v1/wallets/not-a-uuid', { token }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await server.request('POST', `/api/v1/transactions/${missing}/capture`, { token }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await server.request('POST', depositPath, {
        token,
        body: { wallet_id: missing, amount: '1' },
      }),
      404,
      'NOT_FOUND',
    );

    const get = (path: string) => server.request('GET', path, { token });
    expectInvalid(await get('/api/v1/wallets?colour=red'), 'colour');
    expectInvalid(await get('/api/v1/transactions?page=1&cursor=abc'), 'cursor');
    expectInvalid(await get('/api/v1/transactions?page_size=0'), 'page_size');
    expectInvalid(await get('/api/v1/transactions?page_size=101'), 'page_size');
    expectStatus(await get('/api/v1/transactions?page_size=100'), 200);
    expectStatus(await get('/api/v1/transactions?page_size=1'), 200);
    expectInvalid(await get('/api/v1/transactions?page=0'), 'page');
    expectInvalid(await get('/api/v1/transactions?page_size=1.5'), 'page_size');
    expectInvalid(await get('/api/v1/wallets?currency=usd'), 'currency');
    expectInvalid(await get(`/api/v1/wallets/${wallet.id}/balance?as_of=yesterday`), 'as_of');
    expectInvalid(await get('/api/v1/transactions?cursor=bm90LWEtY3Vyc29y'), 'cursor');
    expectInvalid(
      await get(`/api/v1/wallets/${wallet.id}/balance?as_of=2999-01-01T00:00:00.000Z`),
      'as_of',
    );
    expectError(await get(`/api/v1/transactions?wallet_id=${missing}`), 404, 'NOT_FOUND');
    expectInvalid(
      await server.request('POST', '/api/v1/wallets', {
        token,
        body: { name: 'W', wallet_type: 'PRIMARY', currency: 'ABC' },
      }),
      'currency',
    );
    expectInvalid(
      await server.request('POST', `/api/v1/wallets/${wallet.id}/freeze`, {
        token,
        body: { now: true },
      }),
      'now',
    );

    const withKey = (key: string, amount: string) =>
      server.request('POST', depositPath, {
        token,
        body: { wallet_id: wallet.id, amount },
        headers: { 'idempotency-key': key },
      });
    expectInvalid(await withKey('k'.repeat(256), '1'), 'Idempotency-Key');
    expectInvalid(await withKey('caf\u00e9', '1'), 'Idempotency-Key');
    expectStatus(await withKey('k'.repeat(255), '1'), 201);

    // Request ids: a valid client id is kept, in the header and in the error body; an
    // invalid one is replaced by a fresh id.
    const kept = await server.request('GET', `/api/v1/wallets/${missing}`, {
      token,
      headers: { 'x-request-id': 'client-trace-42' },
    });
    expect(expectError(kept, 404, 'NOT_FOUND').request_id).toBe('client-trace-42');
    const keptOk = await server.request('GET', '/health', {
      headers: { 'x-request-id': 'r'.repeat(128) },
    });
    expect(keptOk.headers.get('x-request-id')).toBe('r'.repeat(128));
    for (const invalidId of ['has spaces in it', 'r'.repeat(129)]) {
      const replaced = await server.request('GET', `/api/v1/wallets/${missing}`, {
        token,
        headers: { 'x-request-id': invalidId },
      });
      const error = expectError(replaced, 404, 'NOT_FOUND');
      expect(error.request_id).not.toBe(invalidId);
      expect(error.request_id).toMatch(/^[\x21-\x7e]{1,128}$/);
    }
  });

  it('answers 401 UNAUTHORIZED to every bad credential, and INVALID_CREDENTIALS without telling why', async () => {
    const server = await start(backend);
    const owner = await signup(server);
    const me = (authorization?: string) =>
      server.request('GET', '/api/v1/auth/me', {
        ...(authorization !== undefined && { headers: { authorization } }),
      });
    const claims = { sub: owner.userId, org: owner.organizationId };
    // The control: a token signed the server's way is accepted, so each rejection below is
    // for the one thing that differs.
    expectStatus(await me(`Bearer ${await signToken(claims)}`), 200);

    const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({
      sub: owner.userId,
      org: owner.organizationId,
      role: 'OWNER',
      iss: 'vaultcraft',
      aud: 'vaultcraft-api',
      iat: now,
      exp: now + 600,
    })}.`;
    const bad: [string, string | undefined][] = [
      ['no Authorization header', undefined],
      ['an empty header', ''],
      ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
      ['Bearer without a token', 'Bearer '],
      ['a garbage token', 'Bearer garbage-garbage-garbage'],
      ['an unknown API key', `Bearer vc_live_${'A'.repeat(43)}`],
      ['an expired token', `Bearer ${await signToken(claims, { expiresAt: now - 60 })}`],
      ['an alg: none token', `Bearer ${unsigned}`],
      [
        'a token signed with another secret',
        `Bearer ${await signToken(claims, { secret: 'another-secret-another-secret-0123456789' })}`,
      ],
      ['a token of another issuer', `Bearer ${await signToken(claims, { issuer: 'someone' })}`],
      ['a token for another audience', `Bearer ${await signToken(claims, { audience: 'else' })}`],
      [
        'a token of an unknown user',
        `Bearer ${await signToken({ ...claims, sub: '01900000-0000-7000-8000-000000000000' })}`,
      ],
      [
        'a token naming another organization',
        `Bearer ${await signToken({ ...claims, org: '01900000-0000-7000-8000-000000000000' })}`,
      ],
      ['a token with an unknown role', `Bearer ${await signToken({ ...claims, role: 'ROOT' })}`],
    ];
    for (const [label, authorization] of bad) {
      const response = await me(authorization);
      expect(response.status, label).toBe(401);
      expectError(response, 401, 'UNAUTHORIZED');
    }
    expectError(
      await server.request('GET', '/api/v1/wallets', { token: 'garbage-garbage-garbage' }),
      401,
      'UNAUTHORIZED',
    );

    const login = (email: string, password: string) =>
      server.request('POST', '/api/v1/auth/login', { body: { email, password } });
    const unknownEmail = await login('nobody@example.com', 'correct horse battery');
    const wrongPassword = await login(owner.email, 'wrong horse battery');
    const normalized = (response: TestResponse) => {
      const error = expectError(response, 401, 'INVALID_CREDENTIALS');
      return response.text.replace(JSON.stringify(error.request_id), '"<id>"');
    };
    expect(normalized(unknownEmail)).toBe(normalized(wrongPassword));
    expectStatus(await login(owner.email.toUpperCase(), 'correct horse battery'), 200);
    // A rejected password is never echoed (the scan after the test checks answers and logs).
    expectInvalid(
      await server.request('POST', '/api/v1/auth/signup', {
        body: {
          email: 'long@example.com',
          password: `too long ${'p'.repeat(125)}`,
          full_name: 'Long',
          organization_name: 'Long',
        },
      }),
      'password',
    );
    expectInvalid(
      await server.request('POST', '/api/v1/auth/signup', {
        body: {
          email: 'not-an-email',
          password: 'correct horse battery',
          full_name: 'N',
          organization_name: 'N',
        },
      }),
      'email',
    );
  });

  it('answers FORBIDDEN, EMAIL_TAKEN, PRIMARY_WALLET_EXISTS and IDEMPOTENCY_KEY_REUSED', async () => {
    const server = await start(backend);
    const owner = await signup(server);
    const { token } = owner;
    const key = async (role: string) =>
      expectStatus(
        await server.request('POST', '/api/v1/api-keys', { token, body: { name: role, role } }),
        201,
      ).key as string;
    const adminKey = await key('ADMIN');
    const memberKey = await key('MEMBER');
    expectError(
      await server.request('POST', '/api/v1/api-keys', {
        token: adminKey,
        body: { name: 'escalate', role: 'OWNER' },
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await server.request('GET', '/api/v1/api-keys', { token: memberKey }),
      403,
      'FORBIDDEN',
    );

    const taken = expectError(
      await server.request('POST', '/api/v1/auth/signup', {
        body: {
          email: owner.email.toUpperCase(),
          password: 'another long password',
          full_name: 'Copy',
          organization_name: 'Copycat',
        },
      }),
      409,
      'EMAIL_TAKEN',
    );
    expect(taken.details).toEqual({});
    expectError(
      await server.request('POST', '/api/v1/organization/users', {
        token,
        body: {
          email: owner.email.replace('owner', 'OWNER'),
          password: 'another long password',
          full_name: 'Copy',
          role: 'MEMBER',
        },
      }),
      409,
      'EMAIL_TAKEN',
    );

    const wallet = await createWallet(server, token);
    const second = await server.request('POST', '/api/v1/wallets', {
      token,
      body: { name: 'Again', wallet_type: 'PRIMARY', currency: 'USD' },
    });
    expect(expectError(second, 409, 'PRIMARY_WALLET_EXISTS').details).toEqual({
      wallet_id: wallet.id,
    });
    expectStatus(
      await server.request('POST', '/api/v1/wallets', {
        token,
        body: { name: 'Bonus', wallet_type: 'BONUS', currency: 'USD' },
      }),
      201,
    );

    const withKey = (amount: string) =>
      server.request('POST', '/api/v1/transactions/deposit', {
        token,
        body: { wallet_id: wallet.id, amount },
        headers: { 'idempotency-key': 'order-1' },
      });
    expectStatus(await withKey('10.00'), 201);
    const reused = expectError(await withKey('10.01'), 409, 'IDEMPOTENCY_KEY_REUSED');
    expect(reused.details).toEqual({ idempotency_key: 'order-1' });
    expect((await allTransactions(server, token)).length).toBe(1);
  });

  it('rate limits signup and login with 429 RATE_LIMITED and Retry-After', async () => {
    const server = await start(backend, {
      env: { VAULTCRAFT_LOGIN_RATE_LIMIT: '3', VAULTCRAFT_SIGNUP_RATE_LIMIT: '1' },
    });
    const owner = await signup(server);
    const limited = await server.request('POST', '/api/v1/auth/signup', {
      body: {
        email: 'second@example.com',
        password: 'correct horse battery',
        full_name: 'Second',
        organization_name: 'Second',
      },
    });
    const signupError = expectError(limited, 429, 'RATE_LIMITED');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 3600).toBe(true);
    expect(signupError.details).toEqual({ retry_after_seconds: retryAfter });

    const login = (email: string, password: string) =>
      server.request('POST', '/api/v1/auth/login', { body: { email, password } });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expectError(
        await login(owner.email, `wrong password ${attempt}`),
        401,
        'INVALID_CREDENTIALS',
      );
    }
    // The fourth attempt is refused even with the right password, before it is checked.
    const blocked = await login(owner.email, 'correct horse battery');
    expectError(blocked, 429, 'RATE_LIMITED');
    const loginRetry = Number(blocked.headers.get('retry-after'));
    expect(Number.isInteger(loginRetry) && loginRetry >= 1 && loginRetry <= 60).toBe(true);
    // The limit counts per IP and email: another email is still answered.
    expectError(await login('other@example.com', 'whatever password'), 401, 'INVALID_CREDENTIALS');
  });

  it('answers 503 (unhealthy, UNAVAILABLE with Retry-After) when the ledger database is gone', async () => {
    const server = await start(backend);
    const { token } = await signup(server);
    const wallet = await createWallet(server, token);
    await server.server.vault.close();
    const health = await server.request('GET', '/health');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({
      status: 'unhealthy',
      database: 'unavailable',
      version: expect.any(String),
    });
    for (const [method, path, body] of [
      ['GET', '/api/v1/wallets', undefined],
      ['GET', `/api/v1/wallets/${wallet.id}/balance`, undefined],
      ['POST', '/api/v1/transactions/deposit', { wallet_id: wallet.id, amount: '1' }],
    ] as const) {
      const response = await server.request(method, path, {
        token,
        ...(body !== undefined && { body }),
      });
      expectError(response, 503, 'UNAVAILABLE');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
  });

  // biome-ignore lint/correctness/noEmptyPattern: vitest reads the hook's context by destructuring
  afterAll(({}, suite) => {
    if (!ranEveryTest(suite as RunnerTestSuite)) return;
    const expected = Object.keys(apiErrors).filter((code) => code !== 'INTERNAL');
    expect([...seenCodes].sort()).toEqual(expected.sort());
  });
});
