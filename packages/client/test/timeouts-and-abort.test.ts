// Proves timeouts and cancellation with a scripted fetch that never answers and fake timers:
// an attempt that exceeds timeoutMs fails with TimeoutError and is retried (then thrown), a
// slow body counts against the timeout, and a caller's AbortSignal ends the call at once
// (before sending, while waiting for the answer, or during a backoff) with AbortError and no
// further attempt.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortError, ConnectionError, TimeoutError, VaultCraft } from '../src/index.js';
import { errorBody, fakeFetch, type Reply, settle } from './fake-fetch.js';
import { walletId } from './fixtures.js';

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function clientWith(replies: Reply[], options: { timeoutMs?: number; maxRetries?: number } = {}) {
  const fake = fakeFetch(replies);
  const client = new VaultCraft({ baseUrl: 'http://vault.test', fetch: fake.fetch, ...options });
  return { client, requests: fake.requests };
}

describe('timeouts', () => {
  it('fails an attempt after timeoutMs, retries it, then throws TimeoutError', async () => {
    const { client, requests } = clientWith([{ hang: true }], { timeoutMs: 1000, maxRetries: 1 });
    const result = settle(client.wallets.retrieve(walletId));
    await vi.advanceTimersByTimeAsync(999);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests[0]?.signal?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(250);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(result.error).toBeInstanceOf(TimeoutError);
    expect(result.error).toBeInstanceOf(ConnectionError);
    expect(result.error).toMatchObject({ code: 'TIMEOUT', retryable: true, status: null });
  });

  it('times out even when the fetch ignores the signal, and a per-request timeout wins', async () => {
    const neverSettles = (() => new Promise<Response>(() => {})) as typeof fetch;
    const client = new VaultCraft({
      baseUrl: 'http://vault.test',
      fetch: neverSettles,
      maxRetries: 0,
    });
    const result = settle(client.wallets.retrieve(walletId, { timeoutMs: 50 }));
    await vi.advanceTimersByTimeAsync(50);
    expect(result.error).toBeInstanceOf(TimeoutError);
  });

  it('counts a body that never finishes against the timeout', async () => {
    const stalledBody = (async () =>
      new Response(new ReadableStream({ start() {} }), { status: 200 })) as typeof fetch;
    const client = new VaultCraft({
      baseUrl: 'http://vault.test',
      fetch: stalledBody,
      timeoutMs: 100,
      maxRetries: 0,
    });
    const result = settle(client.wallets.retrieve(walletId));
    await vi.advanceTimersByTimeAsync(100);
    expect(result.error).toBeInstanceOf(TimeoutError);
  });
});

describe("the caller's signal", () => {
  it('aborts a call in flight at once, with no retry', async () => {
    const { client, requests } = clientWith([{ hang: true }], { timeoutMs: 60_000 });
    const controller = new AbortController();
    const result = settle(client.wallets.retrieve(walletId, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error('user left the page'));
    await vi.advanceTimersByTimeAsync(0);
    expect(result.error).toBeInstanceOf(AbortError);
    expect(result.error).toMatchObject({ name: 'AbortError', code: 'ABORTED', retryable: false });
    expect((result.error as AbortError).cause).toEqual(new Error('user left the page'));
    await vi.runAllTimersAsync();
    expect(requests).toHaveLength(1);
  });

  it('aborts during the backoff before a retry', async () => {
    const { client, requests } = clientWith([{ status: 503, body: errorBody('UNAVAILABLE') }]);
    const controller = new AbortController();
    const result = settle(client.wallets.retrieve(walletId, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(100);
    expect(result.done).toBe(false);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(result.error).toBeInstanceOf(AbortError);
    await vi.runAllTimersAsync();
    expect(requests).toHaveLength(1);
  });

  it('sends nothing when the signal has already fired', async () => {
    const { client, requests } = clientWith([{ hang: true }]);
    const result = settle(
      client.transactions.deposit(
        { wallet_id: walletId, amount: '1.00' },
        { signal: AbortSignal.abort() },
      ),
    );
    await vi.runAllTimersAsync();
    expect(result.error).toBeInstanceOf(AbortError);
    expect(requests).toHaveLength(0);
  });
});
