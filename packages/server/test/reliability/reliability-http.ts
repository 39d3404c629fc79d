// One bounded HTTP request for the reliability suites: an answer, or the reason none came (the
// server was killed, the request timed out). Never throws for a lost request, since losing
// requests is what these suites provoke.
import { expect } from 'vitest';

/** An answer the server gave. */
export interface Answered {
  readonly kind: 'answered';
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: suites read answers field by field
  readonly body: any;
}

/** A request that got no answer: the connection broke or the timeout passed. */
export interface Lost {
  readonly kind: 'lost';
  readonly reason: string;
  readonly timedOut: boolean;
}

/** What became of one request. */
export type Answer = Answered | Lost;

/** Options of {@link send}. */
export interface SendOptions {
  readonly token?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Abort after this long (default 20 s): a hang is a failure, never a stuck test. */
  readonly timeoutMs?: number;
}

/** Sends one JSON request to `baseUrl + path` and reports what became of it. */
export async function send(
  baseUrl: string,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return {
      kind: 'answered',
      status: response.status,
      headers: response.headers,
      text,
      body: parsed,
    };
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      kind: 'lost',
      reason: cause?.code ?? cause?.message ?? String(error),
      timedOut,
    };
  }
}

/** Whether `answer` is the API's 503 `UNAVAILABLE`, with `Retry-After` and the error body. */
export function isUnavailable(answer: Answer): boolean {
  return (
    answer.kind === 'answered' &&
    answer.status === 503 &&
    answer.body?.error?.code === 'UNAVAILABLE' &&
    answer.headers.get('retry-after') !== null
  );
}

/**
 * Asserts that `answer` is an error answer of API.md: `status`, and the body
 * `{error: {code, message, details, request_id}}` with `X-Request-Id` equal to its request id
 * and, for 503 and 429, a `Retry-After` of whole seconds.
 */
export function expectErrorAnswer(answer: Answer, status: number, code: string): void {
  expect(answer.kind, JSON.stringify(answer)).toBe('answered');
  if (answer.kind !== 'answered') return;
  expect([answer.status, answer.body?.error?.code], answer.text).toEqual([status, code]);
  const { error } = answer.body;
  expect(Object.keys(error).sort()).toEqual(['code', 'details', 'message', 'request_id']);
  expect(typeof error.message).toBe('string');
  expect(typeof error.details).toBe('object');
  expect(answer.headers.get('x-request-id')).toBe(error.request_id);
  if (status === 503 || status === 429) {
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
  }
  // Never a stack trace or SQL in an answer.
  expect(answer.text).not.toMatch(/\bat .+\(.*:\d+:\d+\)|SELECT |INSERT |UPDATE /);
}

/**
 * Resolves once `condition()` holds, checking every 25 ms; rejects naming `what` after
 * `timeoutMs` (default 30 s). A bounded wait for a state, never a timing assertion.
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  options: { what: string; timeoutMs?: number },
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${options.what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
