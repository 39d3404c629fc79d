// The checks every answer of the security suites must pass: the security headers, the exact
// error body of API.md (a known code whose status is the answer's, four fields, X-Request-Id
// equal to error.request_id), a code the endpoint documents, and never a 5xx.
import { apiErrors, type Endpoint, isApiErrorCode } from '@vaultcraft/client/contract';
import { expect } from 'vitest';
import { errorCodesByStatus } from '../../src/openapi/build-operation.js';

/** What these checks read of an answer (a fetch answer or one read off a raw socket). */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** The error body of API.md. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details: Record<string, unknown>;
  readonly request_id: string;
}

/** The headers every API answer carries, success or error (docs/server.md, security). */
export const securityHeaders: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};

/** Expects every security header, with its value, and an `X-Request-Id`. */
export function expectSecurityHeaders(answer: Answer): void {
  const seen = Object.fromEntries(
    Object.keys(securityHeaders).map((name) => [name, answer.headers.get(name)]),
  );
  expect(seen, `${answer.status} ${answer.text.slice(0, 200)}`).toEqual(securityHeaders);
  expect(answer.headers.get('x-request-id')).toMatch(/^[\x21-\x7e]{1,128}$/);
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Expects an error answer of any code: a 4xx (never a 5xx), the body of API.md with exactly
 * its four fields, a code of the registry whose status is the answer's, and `X-Request-Id`
 * equal to `error.request_id`. Returns the error.
 */
export function expectErrorAnswer(answer: Answer): ErrorBody {
  const label = `${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, label).toBeGreaterThanOrEqual(400);
  expect(answer.status, label).toBeLessThan(500);
  expect(answer.headers.get('content-type'), label).toMatch(/^application\/json/);
  const body = parse(answer.text) as { error?: ErrorBody } | undefined;
  expect(Object.keys(body ?? {}), label).toEqual(['error']);
  const error = body!.error!;
  expect(Object.keys(error).sort(), label).toEqual(['code', 'details', 'message', 'request_id']);
  expect(isApiErrorCode(error.code), label).toBe(true);
  expect(apiErrors[error.code as keyof typeof apiErrors].status, label).toBe(answer.status);
  expect(typeof error.message === 'string' && error.message.length > 0, label).toBe(true);
  expect(
    typeof error.details === 'object' && error.details !== null && !Array.isArray(error.details),
    label,
  ).toBe(true);
  expect(error.request_id, label).toBe(answer.headers.get('x-request-id'));
  expectSecurityHeaders(answer);
  return error;
}

/**
 * Checks an answer of `endpoint`: either its success (status and response schema of the
 * contract) or an error answer (see {@link expectErrorAnswer}) whose code the endpoint
 * documents in the OpenAPI document. Returns which of the two it was.
 */
export function expectEndpointAnswer(endpoint: Endpoint, answer: Answer): 'success' | ErrorBody {
  if (answer.status === endpoint.status) {
    expectSecurityHeaders(answer);
    if (endpoint.response === null) {
      expect(answer.text).toBe('');
    } else {
      const checked = endpoint.response.safeParse(parse(answer.text));
      expect(checked.success, answer.text.slice(0, 300)).toBe(true);
    }
    return 'success';
  }
  const error = expectErrorAnswer(answer);
  const documented = errorCodesByStatus(endpoint).flatMap(([, codes]) => codes as string[]);
  expect(documented, `${endpoint.method} ${endpoint.path} answered ${error.code}`).toContain(
    error.code,
  );
  return error;
}
