import { AbortError } from '../errors/client-errors.js';

/** Waits `ms` milliseconds; rejects with `AbortError` as soon as `signal` fires. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortErrorOf(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortErrorOf(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The error of a call whose caller aborted it; the signal's reason is kept as `cause`. */
export function abortErrorOf(signal: AbortSignal): AbortError {
  return new AbortError({ message: 'The request was aborted by the caller', cause: signal.reason });
}
