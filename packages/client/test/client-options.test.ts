// Proves the client's options and request shaping with a scripted fetch: credentials (token
// over API key, setToken/setApiKey, none on public endpoints, signup/login storing the token
// unless told not to), headers (User-Agent, defaults, per-request overrides, JSON content
// type), URLs (base URL slashes, encoded ids, query parameters, balance as of a Date), the
// validation of the options themselves, and generated idempotency keys.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clientVersion, VaultCraft } from '../src/index.js';
import { randomIdempotencyKey } from '../src/internal/random-idempotency-key.js';
import { fakeFetch, type Reply } from './fake-fetch.js';
import { organizationId, wallet, walletId } from './fixtures.js';

const user = {
  id: walletId,
  email: 'owner@example.com',
  full_name: 'Owner',
  organization_id: organizationId,
  role: 'OWNER',
  created_at: '2026-01-02T03:04:05.678Z',
} as const;
const token = {
  access_token: 'jwt-from-login',
  token_type: 'bearer',
  expires_in: 3600,
  user,
} as const;
const login = { email: 'owner@example.com', password: 'correct horse battery' };

function clientWith(
  replies: Reply[],
  options: Partial<ConstructorParameters<typeof VaultCraft>[0]> = {},
) {
  const fake = fakeFetch(replies);
  const client = new VaultCraft({ baseUrl: 'http://vault.test/', fetch: fake.fetch, ...options });
  return { client, requests: fake.requests };
}

describe('credentials', () => {
  it('sends the API key, prefers a token, and follows setToken/setApiKey', async () => {
    const { client, requests } = clientWith([{ status: 200, body: wallet() }], {
      apiKey: 'vc_live_a',
    });
    await client.wallets.retrieve(walletId);
    client.setToken('jwt-1');
    await client.wallets.retrieve(walletId);
    client.setToken(null);
    client.setApiKey('vc_live_b');
    await client.wallets.retrieve(walletId);
    client.setApiKey(null);
    await client.wallets.retrieve(walletId);
    expect(requests.map((request) => request.headers.get('authorization'))).toEqual([
      'Bearer vc_live_a',
      'Bearer jwt-1',
      'Bearer vc_live_b',
      null,
    ]);
  });

  it('stores the token of login and signup, unless setToken is false', async () => {
    const { client, requests } = clientWith([
      { status: 200, body: token },
      { status: 200, body: user },
      { status: 200, body: token },
      { status: 200, body: user },
    ]);
    await client.auth.login(login, { setToken: false });
    await client.auth.me();
    expect(requests[1]?.headers.get('authorization')).toBeNull();
    const answer = await client.auth.login(login);
    expect(answer.access_token).toBe('jwt-from-login');
    await client.auth.me();
    expect(requests[3]?.headers.get('authorization')).toBe('Bearer jwt-from-login');
    expect(requests[2]?.headers.get('authorization')).toBeNull();
  });
});

describe('requests', () => {
  it('sends JSON with the User-Agent, default and per-request headers', async () => {
    const { client, requests } = clientWith([{ status: 201, body: wallet() }], {
      defaultHeaders: { 'x-tenant-hint': 'acme', 'x-trace': 'default' },
    });
    const body = {
      name: 'Alice',
      wallet_type: 'PRIMARY',
      currency: 'USD',
      owner_id: 'alice',
    } as const;
    await client.wallets.create(body, { headers: { 'x-trace': 'call' } });
    const [request] = requests;
    expect(request?.url).toBe('http://vault.test/api/v1/wallets');
    expect(request?.body).toBe(JSON.stringify(body));
    expect(Object.fromEntries(request?.headers ?? [])).toMatchObject({
      accept: 'application/json',
      'content-type': 'application/json',
      'user-agent': `vaultcraft-client/${clientVersion}`,
      'x-tenant-hint': 'acme',
      'x-trace': 'call',
    });
  });

  it('sends {} for a POST without a body and nothing for a GET', async () => {
    const { client, requests } = clientWith([{ status: 200, body: wallet() }], {
      userAgent: 'billing/2',
    });
    await client.wallets.freeze(walletId);
    await client.wallets.retrieve(walletId);
    expect(requests.map((request) => request.body)).toEqual(['{}', undefined]);
    expect(requests[1]?.headers.get('content-type')).toBeNull();
    expect(requests[1]?.headers.get('user-agent')).toBe('billing/2');
  });

  it('encodes ids into the path and sets only the query parameters given', async () => {
    const balance = {
      wallet_id: walletId,
      currency: 'USD',
      balance: '1.00',
      available_balance: null,
      as_of: '2026-01-31T00:00:00.000Z',
    };
    const { client, requests } = clientWith([{ status: 200, body: balance }]);
    await client.wallets.balance('a/../b?c', { asOf: new Date('2026-01-31T00:00:00Z') });
    await client.wallets.balance(walletId);
    expect(requests[0]?.url).toBe(
      'http://vault.test/api/v1/wallets/a%2F..%2Fb%3Fc/balance?as_of=2026-01-31T00%3A00%3A00.000Z',
    );
    expect(requests[1]?.url).toBe(`http://vault.test/api/v1/wallets/${walletId}/balance`);
  });
});

describe('options', () => {
  it('rejects a base URL that is not http(s)', () => {
    expect(() => new VaultCraft({ baseUrl: 'localhost:8000' })).toThrow(TypeError);
    expect(() => new VaultCraft({ baseUrl: 'ftp://vault.test' })).toThrow(/http/);
  });

  it('rejects out-of-range timeouts and retry counts, on the client and per request', async () => {
    expect(() => new VaultCraft({ baseUrl: 'http://x', timeoutMs: 0 })).toThrow(RangeError);
    expect(() => new VaultCraft({ baseUrl: 'http://x', timeoutMs: 1.5 })).toThrow(RangeError);
    expect(() => new VaultCraft({ baseUrl: 'http://x', maxRetries: -1 })).toThrow(RangeError);
    expect(() => new VaultCraft({ baseUrl: 'http://x', maxRetries: 11 })).toThrow(RangeError);
    expect(
      () => new VaultCraft({ baseUrl: 'http://x', maxRetries: 10, timeoutMs: 1 }),
    ).not.toThrow();
    const { client, requests } = clientWith([{ status: 200, body: wallet() }]);
    await expect(client.wallets.retrieve(walletId, { maxRetries: 100 })).rejects.toThrow(
      RangeError,
    );
    expect(requests).toHaveLength(0);
  });

  it('uses the global fetch by default', () => {
    expect(() => new VaultCraft({ baseUrl: 'http://vault.test' })).not.toThrow();
  });

  it('announces the version of package.json', () => {
    const packageJson = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    );
    expect(clientVersion).toBe(packageJson.version);
  });
});

describe('generated idempotency keys', () => {
  it('are version 4 UUIDs, also where crypto.randomUUID is missing (insecure browser pages)', () => {
    const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(randomIdempotencyKey()).toMatch(uuidV4);
    // randomUUID lives on Crypto.prototype: an own property hides it until deleted.
    Object.defineProperty(globalThis.crypto, 'randomUUID', {
      value: undefined,
      configurable: true,
    });
    try {
      const keys = new Set(Array.from({ length: 100 }, () => randomIdempotencyKey()));
      expect(keys.size).toBe(100);
      for (const key of keys) expect(key).toMatch(uuidV4);
    } finally {
      Reflect.deleteProperty(globalThis.crypto, 'randomUUID');
    }
    expect(globalThis.crypto.randomUUID).toBeTypeOf('function');
  });
});
