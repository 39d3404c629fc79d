import {
  type Endpoint,
  type EndpointName,
  type EndpointResponse,
  endpoints,
} from '../contract/endpoints.js';
import { apiErrors, isApiErrorCode } from '../contract/errors.js';
import { errorFromResponse, isRetryableStatus } from '../errors/error-from-response.js';
import type { VaultCraftError } from '../errors/vaultcraft-error.js';
import type { IdempotentRequestOptions } from '../request-options.js';
import { buildUrl, type QueryValue } from './build-url.js';
import { checkMaxRetries, checkTimeoutMs } from './check-options.js';
import { failResponse, parseResponse } from './parse-response.js';
import { randomIdempotencyKey } from './random-idempotency-key.js';
import { retryDelayMs } from './retry-delay.js';
import { type AnsweredAttempt, sendAttempt } from './send-attempt.js';
import { sleep } from './sleep.js';

/** What every call of one client shares. */
export interface TransportConfig {
  /** Without a trailing slash. */
  readonly baseUrl: string;
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** `User-Agent` and the caller's default headers. */
  readonly headers: Readonly<Record<string, string>>;
}

/** One call of an endpoint of the contract. */
export interface ApiCall<N extends EndpointName> {
  readonly endpoint: N;
  readonly id?: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  readonly options?: IdempotentRequestOptions | undefined;
  /** Statuses other than 2xx whose body is still the endpoint's response (health's 503). */
  readonly acceptStatuses?: readonly number[];
}

type Settled<T> =
  | { readonly value: T }
  | {
      readonly error: VaultCraftError;
      readonly retry: boolean;
      readonly retryAfter: string | null;
    };

/**
 * Sends calls of the contract's endpoints: credentials, idempotency keys, timeouts, retries,
 * response validation and error rebuilding. Internal; resources are its only users.
 */
export class Transport {
  token: string | null;
  apiKey: string | null;
  readonly #config: TransportConfig;

  constructor(
    config: TransportConfig,
    credentials: { token: string | null; apiKey: string | null },
  ) {
    this.#config = config;
    this.token = credentials.token;
    this.apiKey = credentials.apiKey;
  }

  /**
   * Calls `call.endpoint` and answers its validated response. The idempotency key is chosen
   * once, before the first attempt, so that every retry is the same request to the server.
   */
  async request<N extends EndpointName>(call: ApiCall<N>): Promise<EndpointResponse<N>> {
    const endpoint: Endpoint = endpoints[call.endpoint];
    const options = call.options ?? {};
    const idempotencyKey = endpoint.idempotent
      ? (options.idempotencyKey ?? randomIdempotencyKey())
      : undefined;
    const maxRetries = checkMaxRetries(options.maxRetries ?? this.#config.maxRetries);
    const timeoutMs = checkTimeoutMs(options.timeoutMs ?? this.#config.timeoutMs);
    // A POST without a key may have been applied although its response was lost on the way
    // back; repeating it could apply it twice, so only an answer from the server allows a retry.
    const retryOnTransportFailure = endpoint.method !== 'POST' || idempotencyKey !== undefined;
    const url = buildUrl({
      baseUrl: this.#config.baseUrl,
      path: endpoint.path,
      id: call.id,
      query: call.query,
    });
    const body = endpoint.method === 'POST' ? JSON.stringify(call.body ?? {}) : undefined;
    const init: RequestInit = {
      method: endpoint.method,
      headers: this.#headers({ endpoint, idempotencyKey, body, options }),
      ...(body !== undefined && { body }),
    };
    for (let retryIndex = 0; ; retryIndex += 1) {
      const attempt = await sendAttempt({
        fetch: this.#config.fetch,
        url,
        init,
        timeoutMs,
        signal: options.signal,
      });
      const settled: Settled<EndpointResponse<N>> =
        attempt.kind === 'failed'
          ? { error: attempt.error, retry: retryOnTransportFailure, retryAfter: null }
          : settle(endpoint, call, attempt);
      if ('value' in settled) return settled.value;
      if (!settled.retry || retryIndex >= maxRetries) throw settled.error;
      const delay = retryDelayMs({
        retryIndex,
        retryAfter: settled.retryAfter,
        now: Date.now(),
        random: Math.random,
      });
      await sleep(delay, options.signal);
    }
  }

  #headers(input: {
    endpoint: Endpoint;
    idempotencyKey: string | undefined;
    body: string | undefined;
    options: IdempotentRequestOptions;
  }): Headers {
    const headers = new Headers({ accept: 'application/json', ...this.#config.headers });
    const credential = this.token ?? this.apiKey;
    if (input.endpoint.access !== 'none' && credential !== null) {
      headers.set('authorization', `Bearer ${credential}`);
    }
    if (input.body !== undefined) headers.set('content-type', 'application/json');
    if (input.idempotencyKey !== undefined) headers.set('idempotency-key', input.idempotencyKey);
    for (const [name, value] of Object.entries(input.options.headers ?? {})) {
      headers.set(name, value);
    }
    return headers;
  }
}

/** The value of an answered attempt, or its error and whether a retry may help. */
function settle<N extends EndpointName>(
  endpoint: Endpoint,
  call: ApiCall<N>,
  attempt: AnsweredAttempt,
): Settled<EndpointResponse<N>> {
  const { status, headers } = attempt;
  const json = parseJson(attempt.text);
  const context = { status, headers, requestId: headers.get('x-request-id') };
  if (status >= 200 && status < 300) {
    if (endpoint.response === null) return { value: undefined as EndpointResponse<N> };
    if (json === notJson) {
      failResponse({
        ...context,
        issues: [{ code: 'invalid_json', path: [], message: 'the body is not JSON' }],
        message: "The server's response is not JSON",
      });
    }
    return { value: parseResponse(endpoint.response, json, context) };
  }
  if (endpoint.response !== null && call.acceptStatuses?.includes(status)) {
    const accepted = endpoint.response.safeParse(json);
    if (accepted.success) return { value: accepted.data as EndpointResponse<N> };
  }
  const error = errorFromResponse({ status, headers, json: json === notJson ? null : json });
  return {
    error,
    retry: isRetryableAnswer(status, error.code),
    retryAfter: headers.get('retry-after'),
  };
}

/**
 * 408, 429 and 5xx say "try again"; a 409 only when its code is retryable in the registry
 * (none is today). Every other 4xx is a business answer that a repeat would only repeat.
 */
function isRetryableAnswer(status: number, code: string): boolean {
  if (status === 409) return isApiErrorCode(code) && apiErrors[code].retryable;
  return isRetryableStatus(status);
}

const notJson = Symbol('not JSON');

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return notJson;
  }
}
