import { ConnectionError, TimeoutError } from '../errors/client-errors.js';
import type { VaultCraftError } from '../errors/vaultcraft-error.js';
import { abortErrorOf } from './sleep.js';

/** A response read to its end. */
export interface AnsweredAttempt {
  readonly kind: 'answered';
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** No (complete) response: a transport failure or the attempt's timeout. */
export interface FailedAttempt {
  readonly kind: 'failed';
  readonly error: VaultCraftError;
}

const ignore = () => {};

/**
 * Runs `work` until it settles or `aborted` rejects. `fetch` implementations that ignore the
 * signal (some test doubles and older polyfills) still cannot hold a call past its timeout.
 */
function raceAbort<T>(work: Promise<T>, aborted: Promise<never>): Promise<T> {
  work.catch(ignore);
  return Promise.race([work, aborted]);
}

/**
 * One HTTP exchange, response body included, within `timeoutMs`. The caller's `signal`
 * aborts it at once with `AbortError` (thrown: never retried); a timeout or a transport
 * failure is returned as a failed attempt, which the caller may retry.
 */
export async function sendAttempt(input: {
  fetch: typeof fetch;
  url: string;
  init: RequestInit;
  timeoutMs: number;
  signal: AbortSignal | undefined;
}): Promise<AnsweredAttempt | FailedAttempt> {
  const { signal, timeoutMs } = input;
  if (signal?.aborted) throw abortErrorOf(signal);
  const controller = new AbortController();
  let timedOut = false;
  const aborted = new Promise<never>((_resolve, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), {
      once: true,
    });
  });
  aborted.catch(ignore);
  const onCallerAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onCallerAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const response = await raceAbort(
      input.fetch(input.url, { ...input.init, signal: controller.signal }),
      aborted,
    );
    const text = await raceAbort(response.text(), aborted);
    return { kind: 'answered', status: response.status, headers: response.headers, text };
  } catch (cause) {
    if (signal?.aborted) throw abortErrorOf(signal);
    const error = timedOut
      ? new TimeoutError({ message: `No response within ${timeoutMs} ms`, cause })
      : new ConnectionError({ message: `The request failed: ${messageOf(cause)}`, cause });
    return { kind: 'failed', error };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCallerAbort);
  }
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
