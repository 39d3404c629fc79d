/** Bounds of the client's options: a typo such as `timeoutMs: 30` (seconds) fails loudly. */
export const timeoutMsMin = 1;
/** The largest delay `setTimeout` accepts (2^31 - 1 ms, about 24.8 days). */
export const timeoutMsMax = 2_147_483_647;
export const maxRetriesMax = 10;

/** @throws RangeError when `value` is not an integer number of milliseconds in range. */
export function checkTimeoutMs(value: number): number {
  if (!Number.isInteger(value) || value < timeoutMsMin || value > timeoutMsMax) {
    throw new RangeError(`timeoutMs must be an integer from ${timeoutMsMin} to ${timeoutMsMax}`);
  }
  return value;
}

/** @throws RangeError when `value` is not an integer from 0 to {@link maxRetriesMax}. */
export function checkMaxRetries(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > maxRetriesMax) {
    throw new RangeError(`maxRetries must be an integer from 0 to ${maxRetriesMax}`);
  }
  return value;
}
