// Proves the retry policy with a scripted fetch and fake timers: which failures are retried
// (transport failures, 408, 429, 5xx) and which never are (4xx business errors, a POST
// without a key after a transport failure), the full-jitter exponential backoff and its cap,
// Retry-After in seconds and as an HTTP date, the maxRetries bound, and one Idempotency-Key
// reused by every attempt. Time only moves when the test advances it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isVaultCraftError, VaultCraft } from '../src/index.js';
import { retryDelayMs } from '../src/internal/retry-delay.js';
import { errorBody, fakeFetch, type Reply, settle } from './fake-fetch.js';
import { transaction, wallet, walletId } from './fixtures.js';

const baseUrl = 'http://vault.test';
const depositBody = { wallet_id: walletId, amount: '10.00' };

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function clientWith(replies: Reply[], options: { maxRetries?: number } = {}) {
  const fake = fakeFetch(replies);
  const client = new VaultCraft({ baseUrl, apiKey: 'vc_live_test', fetch: fake.fetch, ...options });
  return { client, requests: fake.requests };
}

describe('backoff delays', () => {
  it('waits a uniformly random time below base * 2^n, capped at 8 s', () => {
    const delays = [0, 1, 2, 3, 4, 5, 10].map((retryIndex) =>
      retryDelayMs({ retryIndex, retryAfter: null, now: 0, random: () => 0.999999 }),
    );
    expect(delays).toEqual([499, 999, 1999, 3999, 7999, 7999, 7999]);
    expect(retryDelayMs({ retryIndex: 3, retryAfter: null, now: 0, random: () => 0 })).toBe(0);
  });

  it('honours Retry-After in seconds and as an HTTP date, capped at 60 s, never negative', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const delay = (retryAfter: string) =>
      retryDelayMs({ retryIndex: 0, retryAfter, now, random: () => 0.5 });
    expect(delay('3')).toBe(3000);
    expect(delay('1.5')).toBe(1500);
    expect(delay('Thu, 01 Jan 2026 00:00:07 GMT')).toBe(7000);
    expect(delay('Wed, 31 Dec 2025 23:59:00 GMT')).toBe(0);
    expect(delay('3600')).toBe(60_000);
    expect(delay('soon')).toBe(250);
  });
});

describe('what is retried', () => {
  it('retries a 503 after the backoff delay and answers the success', async () => {
    const { client, requests } = clientWith([
      { status: 503, body: errorBody('UNAVAILABLE') },
      { status: 200, body: wallet() },
    ]);
    const result = settle(client.wallets.retrieve(walletId));
    await vi.advanceTimersByTimeAsync(249);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(result.value).toEqual(wallet());
  });

  it.each([408, 429, 500, 502, 504])('retries status %i', async (status) => {
    const { client, requests } = clientWith([
      { status, text: 'busy' },
      { status: 200, body: wallet() },
    ]);
    const result = settle(client.wallets.retrieve(walletId));
    await vi.runAllTimersAsync();
    expect(requests).toHaveLength(2);
    expect(result.value).toEqual(wallet());
  });

  it('doubles the delay on each retry and stops after maxRetries, throwing the last error', async () => {
    const { client, requests } = clientWith([{ status: 500, body: errorBody('INTERNAL') }], {
      maxRetries: 3,
    });
    const result = settle(client.wallets.retrieve(walletId));
    const seen: number[] = [];
    for (const delay of [0, 250, 500, 1000]) {
      await vi.advanceTimersByTimeAsync(delay);
      seen.push(requests.length);
    }
    expect(seen).toEqual([1, 2, 3, 4]);
    await vi.runAllTimersAsync();
    expect(requests).toHaveLength(4);
    expect(isVaultCraftError(result.error) && result.error.code).toBe('INTERNAL');
  });

  it('waits what Retry-After says instead of the backoff', async () => {
    const { client, requests } = clientWith([
      { status: 429, body: errorBody('RATE_LIMITED'), headers: { 'retry-after': '2' } },
      { status: 200, body: wallet() },
    ]);
    settle(client.wallets.retrieve(walletId));
    await vi.advanceTimersByTimeAsync(1999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
  });

  it.each([
    [400, 'INSUFFICIENT_FUNDS'],
    [401, 'UNAUTHORIZED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [409, 'IDEMPOTENCY_KEY_REUSED'],
    [409, 'SOME_FUTURE_CONFLICT'],
    [422, 'VALIDATION_ERROR'],
  ])('never retries a %i %s', async (status, code) => {
    const { client, requests } = clientWith([{ status, body: errorBody(code) }]);
    const result = settle(client.transactions.deposit(depositBody));
    await vi.runAllTimersAsync();
    expect(requests).toHaveLength(1);
    expect(isVaultCraftError(result.error) && result.error.code).toBe(code);
  });

  it('retries a transport failure of an idempotent POST with the same Idempotency-Key', async () => {
    const { client, requests } = clientWith([
      { networkError: 'socket hang up' },
      { status: 502, text: '<html>bad gateway</html>' },
      { status: 201, body: transaction({ transaction_type: 'DEPOSIT' }) },
    ]);
    const result = settle(client.transactions.deposit(depositBody));
    await vi.runAllTimersAsync();
    expect(result.value?.transaction_type).toBe('DEPOSIT');
    const keys = requests.map((request) => request.headers.get('idempotency-key'));
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
    expect(requests.map((request) => request.body)).toEqual(
      Array(3).fill(JSON.stringify(depositBody)),
    );
  });

  it("sends the caller's idempotency key on every attempt, and a new key per call", async () => {
    const { client, requests } = clientWith([
      { networkError: 'reset' },
      { status: 201, body: transaction() },
    ]);
    settle(client.transactions.deposit(depositBody, { idempotencyKey: 'order-42' }));
    await vi.runAllTimersAsync();
    expect(requests.map((request) => request.headers.get('idempotency-key'))).toEqual([
      'order-42',
      'order-42',
    ]);
    settle(client.transactions.deposit(depositBody));
    settle(client.transactions.deposit(depositBody));
    await vi.runAllTimersAsync();
    const [third, fourth] = requests
      .slice(2)
      .map((request) => request.headers.get('idempotency-key'));
    expect(third).not.toBe(fourth);
  });

  it('does not retry a POST without a key (signup) after a transport failure, but does after a 503', async () => {
    const signupBody = {
      email: 'a@example.com',
      password: 'long enough pw',
      full_name: 'A',
      organization_name: 'Acme',
    };
    const dropped = clientWith([{ networkError: 'reset' }]);
    const result = settle(dropped.client.auth.signup(signupBody));
    await vi.runAllTimersAsync();
    expect(dropped.requests).toHaveLength(1);
    expect(isVaultCraftError(result.error) && result.error.code).toBe('CONNECTION_ERROR');
    expect(dropped.requests[0]?.headers.has('idempotency-key')).toBe(false);

    const unavailable = clientWith([{ status: 503, body: errorBody('UNAVAILABLE') }]);
    settle(unavailable.client.auth.signup(signupBody));
    await vi.runAllTimersAsync();
    expect(unavailable.requests).toHaveLength(3);
  });

  it('does not retry at all with maxRetries 0 per request', async () => {
    const { client, requests } = clientWith([{ status: 503, body: errorBody('UNAVAILABLE') }]);
    const result = settle(client.wallets.retrieve(walletId, { maxRetries: 0 }));
    await vi.runAllTimersAsync();
    expect(requests).toHaveLength(1);
    expect(isVaultCraftError(result.error) && result.error.retryable).toBe(true);
  });
});
