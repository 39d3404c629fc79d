// Proves the fixes of the independent review, over real HTTP on SQLite and PostgreSQL: instants
// outside years 1..9999 (UTC) are refused before anything is written, crafted cursors and
// router errors answer 4xx with the API's error body, a MEMBER cannot withdraw by moving money
// into a SYSTEM wallet (with details.index in a batch), repeated Idempotency-Key headers and
// "__proto__" keys are refused, a malformed body is not echoed, validation answers are
// bounded, a stored API-key answer is replayed only to its creator, and login is limited per IP.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { signup } from '../test-server.js';
import {
  allTransactions,
  backends,
  balanceOf,
  createWallet,
  deposit,
  expectError,
  expectStatus,
  serversPerTest,
  transfer,
} from './e2e-harness.js';

const start = serversPerTest();

/** Sends a POST over a raw socket, with the header list as given (repeated names allowed). */
function rawPost(
  url: string,
  path: string,
  headers: [string, string][],
  body: string,
): Promise<{ status: number; body: string }> {
  const target = new URL(path, url);
  const head = [
    `POST ${target.pathname} HTTP/1.1`,
    `host: ${target.host}`,
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    ...headers.map(([name, value]) => `${name}: ${value}`),
  ];
  return new Promise((resolve, reject) => {
    const socket = connect(Number(target.port), target.hostname, () => {
      // write, not end: a half-closed client socket may be dropped before the answer is sent.
      socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
    });
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
  });
}

describe.each(backends)('hardening (%s)', (backend) => {
  it('refuses instants outside years 1..9999 UTC before writing anything', async () => {
    const server = await start(backend);
    const { token } = await signup(server);
    const from = await createWallet(server, token);
    const to = await createWallet(server, token, { wallet_type: 'BONUS' });
    await deposit(server, { token, walletId: from.id, amount: '10.00' });
    const before = await balanceOf(server, { token: token, walletId: from.id });
    const hold = await transfer(server, {
      token,
      body: {
        from_wallet_id: from.id,
        to_wallet_id: to.id,
        amount: '1.00',
        hold: true,
        expires_at: '9999-12-31T23:59:59-14:00',
      },
    });
    expect(expectError(hold, 422, 'VALIDATION_ERROR').details.fields).toEqual([
      expect.objectContaining({ path: 'expires_at' }),
    ]);
    expect(await balanceOf(server, { token: token, walletId: from.id })).toEqual(before);
    expect((await allTransactions(server, token)).length).toBe(1);
    const early = await server.request(
      'GET',
      `/api/v1/wallets/${from.id}/balance?as_of=${encodeURIComponent('0001-01-01T00:00:00+14:00')}`,
      { token },
    );
    expectError(early, 422, 'VALIDATION_ERROR');
    expectStatus(await server.request('GET', '/api/v1/transactions', { token }), 200);
  });

  it('answers crafted API-key cursors and router errors with the error body', async () => {
    const server = await start(backend);
    const { token } = await signup(server);
    for (const t of [253_402_300_800_000, 9_007_199_254_740_991, -62_198_755_200_000]) {
      const cursor = Buffer.from(
        JSON.stringify({ k: 'api_keys', t, i: '01234567-89ab-7def-8123-456789abcdef' }),
      ).toString('base64url');
      expectError(
        await server.request('GET', `/api/v1/api-keys?cursor=${cursor}`, { token }),
        422,
        'VALIDATION_ERROR',
      );
    }
    expectError(await server.request('GET', '/api/v1/wallets/%zz', { token }), 404, 'NOT_FOUND');
    const long = await server.request('GET', `/api/v1/wallets/${'a'.repeat(200)}`, { token });
    expectError(long, 404, 'NOT_FOUND');
    expect(long.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('keeps a MEMBER from moving money into a SYSTEM wallet, with details.index in a batch', async () => {
    const server = await start(backend);
    const owner = await signup(server);
    const memberEmail = `member-${Date.now()}@example.com`;
    expectStatus(
      await server.request('POST', '/api/v1/organization/users', {
        token: owner.token,
        body: { email: memberEmail, password: 'member password', full_name: 'M', role: 'MEMBER' },
      }),
      201,
    );
    const login = await server.request('POST', '/api/v1/auth/login', {
      body: { email: memberEmail, password: 'member password' },
    });
    const member = expectStatus(login, 200).access_token as string;
    const mine = await createWallet(server, member);
    const other = await createWallet(server, member, { wallet_type: 'BONUS' });
    const funding = await deposit(server, {
      token: owner.token,
      walletId: mine.id,
      amount: '5.00',
    });
    const system = funding.from_wallet_id as string;
    const out = await transfer(server, {
      token: member,
      body: { from_wallet_id: mine.id, to_wallet_id: system, amount: '1.00' },
    });
    expectError(out, 403, 'FORBIDDEN');
    const batch = await server.request('POST', '/api/v1/transactions/batch', {
      token: member,
      body: {
        transfers: [
          { from_wallet_id: mine.id, to_wallet_id: other.id, amount: '1.00' },
          { from_wallet_id: mine.id, to_wallet_id: system, amount: '1.00' },
        ],
      },
    });
    expect(expectError(batch, 403, 'FORBIDDEN').details.index).toBe(1);
    expect((await balanceOf(server, { token: owner.token, walletId: mine.id })).balance).toBe(
      '5.00',
    );
  });

  it('refuses repeated Idempotency-Key headers, "__proto__" keys, and does not echo bad JSON', async () => {
    const server = await start(backend);
    const { token } = await signup(server);
    const wallet = await createWallet(server, token);
    const body = JSON.stringify({ wallet_id: wallet.id, amount: '1.00' });
    const twice = await rawPost(
      server.url,
      '/api/v1/transactions/deposit',
      [
        ['authorization', `Bearer ${token}`],
        ['content-type', 'application/json'],
        ['idempotency-key', 'a'],
        ['idempotency-key', 'b'],
      ],
      body,
    );
    expect(twice.status, twice.body).toBe(422);
    const proto = await server.request('POST', '/api/v1/transactions/deposit', {
      token,
      rawBody: `{"wallet_id":"${wallet.id}","amount":"1.00","metadata":{"__proto__":"x"}}`,
    });
    expectError(proto, 400, 'MALFORMED_JSON');
    const secret = 'SECRET-BODY-TEXT';
    const malformed = await server.request('POST', '/api/v1/transactions/deposit', {
      token,
      rawBody: `{"wallet_id": ${secret}}`,
    });
    expect(expectError(malformed, 400, 'MALFORMED_JSON').message).not.toContain(secret);
    expect((await balanceOf(server, { token: token, walletId: wallet.id })).balance).toBe('0.00');
  });

  it('bounds the fields listed in a validation answer', async () => {
    const server = await start(backend);
    const junk = Object.fromEntries(Array.from({ length: 5000 }, (_, index) => [`k${index}`, 1]));
    const answer = await server.request('POST', '/api/v1/auth/login', { body: junk });
    const error = expectError(answer, 422, 'VALIDATION_ERROR');
    expect((error.details.fields as unknown[]).length).toBeLessThanOrEqual(21);
    expect(answer.text.length).toBeLessThan(5000);
  });

  it('replays a stored API key only to the caller who created it', async () => {
    const server = await start(backend);
    const owner = await signup(server);
    const adminEmail = `admin-${Date.now()}@example.com`;
    expectStatus(
      await server.request('POST', '/api/v1/organization/users', {
        token: owner.token,
        body: { email: adminEmail, password: 'admin password', full_name: 'A', role: 'ADMIN' },
      }),
      201,
    );
    const admin = expectStatus(
      await server.request('POST', '/api/v1/auth/login', {
        body: { email: adminEmail, password: 'admin password' },
      }),
      200,
    ).access_token as string;
    const create = (token: string) =>
      server.request('POST', '/api/v1/api-keys', {
        token,
        body: { name: 'ci', role: 'ADMIN' },
        headers: { 'idempotency-key': 'key-1' },
      });
    const first = expectStatus(await create(owner.token), 201);
    const again = await create(owner.token);
    expect(expectStatus(again, 201).key).toBe(first.key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const stolen = await create(admin);
    expectError(stolen, 409, 'IDEMPOTENCY_KEY_REUSED');
    expect(stolen.text).not.toContain(first.key);
  });

  it('limits logins per IP whatever the email', async () => {
    const server = await start(backend, { env: { VAULTCRAFT_LOGIN_RATE_LIMIT: '1' } });
    const answers = [];
    for (let index = 0; index < 11; index += 1) {
      answers.push(
        await server.request('POST', '/api/v1/auth/login', {
          body: { email: `nobody-${index}@example.com`, password: 'whatever password' },
        }),
      );
    }
    expect(answers.slice(0, 10).map((answer) => answer.status)).toEqual(Array(10).fill(401));
    expectError(answers[10]!, 429, 'RATE_LIMITED');
    expect(Number(answers[10]!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
