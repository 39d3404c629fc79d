// A scripted fetch for unit tests: it records every request and answers from a queue of
// replies, so the client's behaviour is observed without any network.

/** One request as the client sent it. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  readonly signal: AbortSignal | undefined;
}

/** How the fake answers one request. */
export type Reply =
  | { readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string> }
  | { readonly status: number; readonly text: string; readonly headers?: Record<string, string> }
  /** The request fails like a dropped connection. */
  | { readonly networkError: string }
  /** No answer until the request's signal aborts. */
  | { readonly hang: true };

/** A fetch that answers `replies` in order (the last one repeats) and records the requests. */
export function fakeFetch(replies: readonly Reply[]): {
  fetch: typeof fetch;
  requests: RecordedRequest[];
} {
  const requests: RecordedRequest[] = [];
  const fetchFunction = async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    requests.push({
      method: init?.method ?? 'GET',
      url: String(input),
      headers,
      body: typeof init?.body === 'string' ? init.body : undefined,
      signal: init?.signal ?? undefined,
    });
    const reply = replies[Math.min(requests.length - 1, replies.length - 1)];
    if (reply === undefined) throw new Error('fakeFetch has no reply');
    return answer(reply, init?.signal ?? undefined);
  };
  return { fetch: fetchFunction as typeof fetch, requests };
}

function answer(reply: Reply, signal: AbortSignal | undefined): Promise<Response> {
  if ('networkError' in reply) {
    return Promise.reject(new TypeError(reply.networkError));
  }
  if ('hang' in reply) {
    return new Promise((_resolve, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }
  const text =
    'text' in reply ? reply.text : reply.body === undefined ? null : JSON.stringify(reply.body);
  return Promise.resolve(
    new Response(reply.status === 204 ? null : text, {
      status: reply.status,
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-test', ...reply.headers },
    }),
  );
}

/** An error body of REST API v1. */
export function errorBody(code: string, details: Record<string, unknown> = {}) {
  return { error: { code, message: `${code} happened`, details, request_id: 'req-body' } };
}

/** Observes `promise` without awaiting it, so a test can advance fake timers meanwhile. */
export function settle<T>(promise: Promise<T>): { value?: T; error?: unknown; done: boolean } {
  const state: { value?: T; error?: unknown; done: boolean } = { done: false };
  promise.then(
    (value) => Object.assign(state, { value, done: true }),
    (error: unknown) => Object.assign(state, { error, done: true }),
  );
  return state;
}
