import type { EndpointName, EndpointRequest, EndpointResponse } from '@vaultcraft/client/contract';
import type { Clock, IdGenerator, Vault } from '@vaultcraft/core';
import type { IdentityStore } from '../identity/identity-store.js';
import type { Caller } from './caller.js';
import type { RateLimiter } from './rate-limiter.js';
import type { StoredResponses } from './stored-responses.js';
import type { TokenService } from './token-service.js';

/** What the handlers work with; one instance per server. */
export interface Services {
  readonly vault: Vault;
  readonly identity: IdentityStore;
  readonly tokens: TokenService;
  readonly storedResponses: StoredResponses;
  readonly rateLimits: {
    readonly signup: RateLimiter;
    /** Per IP and email. */
    readonly login: RateLimiter;
    /** Per IP whatever the email: rotating emails must not buy unlimited password hashing. */
    readonly loginPerIp: RateLimiter;
  };
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly version: string;
}

/** One call, as a handler sees it. */
export interface Call {
  readonly services: Services;
  /** `null` only for public endpoints. */
  readonly caller: Caller | null;
  /** The validated `Idempotency-Key` of an idempotent endpoint, if sent. */
  readonly idempotencyKey: string | undefined;
  readonly method: string;
  /** The request path without the query string (part of a stored answer's fingerprint). */
  readonly path: string;
  readonly ip: string;
}

/** A handler's answer: the body (validated against the contract before it is sent). */
export interface HandlerResult<T> {
  readonly body: T;
  /** Whether it was replayed from an idempotency key (`Idempotent-Replayed: true`). */
  readonly replayed?: boolean;
  /** A status other than the endpoint's success status (the health check's 503). */
  readonly status?: number;
}

/** The handler of endpoint `N`. */
export type Handler<N extends EndpointName> = (
  request: EndpointRequest<N>,
  call: Call,
) => Promise<HandlerResult<EndpointResponse<N>>>;

/** One handler per endpoint of the contract: a missing one is a type error. */
export type Handlers = { readonly [N in EndpointName]: Handler<N> };

/** The caller of an authenticated endpoint (the registrar guarantees there is one). */
export function callerOf(call: Call): Caller {
  if (call.caller === null) {
    throw new TypeError('an authenticated endpoint was called without a caller');
  }
  return call.caller;
}
