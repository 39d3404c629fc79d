// Small HTTP helpers for the process tests: JSON requests to a server started in another
// process, a sign-up, exact money arithmetic on the wire's decimal strings, and a bounded
// concurrent map for load.
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';

/** The answer to one request. */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field
  readonly body: any;
}

/** Sends one JSON request to `baseUrl + path`. */
export async function api(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

/** Signs up a new organization; returns its owner's token, email and password. */
export async function signupOwner(
  baseUrl: string,
): Promise<{ token: string; email: string; password: string }> {
  const email = `owner-${Math.random().toString(36).slice(2)}@example.com`;
  const password = 'correct horse battery';
  const response = await api(baseUrl, 'POST', '/api/v1/auth/signup', {
    body: { email, password, full_name: 'Owner', organization_name: 'Process test' },
  });
  if (response.status !== 201) throw new Error(`signup: ${response.status} ${response.text}`);
  return { token: response.body.access_token, email, password };
}

/** Creates a USD wallet and deposits `deposit` into it (when not "0.00"); returns its id. */
export async function fundedWallet(
  baseUrl: string,
  options: { token: string; name: string; deposit: string },
): Promise<string> {
  const { token, name, deposit } = options;
  const created = await api(baseUrl, 'POST', '/api/v1/wallets', {
    token,
    body: { name, wallet_type: 'PRIMARY', currency: 'USD', owner_id: `owner-${name}` },
  });
  if (created.status !== 201) throw new Error(`wallet: ${created.status} ${created.text}`);
  if (deposit !== '0.00') {
    const deposited = await api(baseUrl, 'POST', '/api/v1/transactions/deposit', {
      token,
      body: { wallet_id: created.body.id, amount: deposit },
    });
    if (deposited.status !== 201) throw new Error(`deposit: ${deposited.status} ${deposited.text}`);
  }
  return created.body.id;
}

/** Minor units of a decimal string with two fraction digits ("-12.30" → -1230n). */
export function toCents(amount: string): bigint {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(amount);
  if (match === null) throw new Error(`not a USD amount: ${amount}`);
  const cents = BigInt(match[2]!) * 100n + BigInt(match[3]!);
  return match[1] === '-' ? -cents : cents;
}

/** The decimal string of `cents` minor units (1230n → "12.30"). */
export function fromCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const absolute = cents < 0n ? -cents : cents;
  return `${sign}${absolute / 100n}.${String(absolute % 100n).padStart(2, '0')}`;
}

/** Maps `items` through `work` with at most `limit` calls in flight; keeps the order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** Resolves to the error code of a new TCP connection to `url`'s host and port, or "connected". */
export function tryConnect(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** A request whose body is sent in two parts: it stays in flight until `finish()`. */
export interface PartialRequest {
  /** Sends the rest of the body; resolves to the answer. */
  finish(): Promise<ApiResponse>;
}

/**
 * Sends the headers and the first half of a JSON POST, then waits: the server has begun the
 * request (routed it, logged it) and waits for the rest of the body, with its event loop free.
 * The connection is kept alive with no idle timeout on this side, as a proxy's would be: only
 * the server can close it.
 */
export function startPartialRequest(
  baseUrl: string,
  options: { path: string; token: string; body: unknown },
): PartialRequest {
  const payload = Buffer.from(JSON.stringify(options.body));
  const request = httpRequest(`${baseUrl}${options.path}`, {
    method: 'POST',
    agent: new Agent({ keepAlive: true }),
    headers: {
      authorization: `Bearer ${options.token}`,
      'content-type': 'application/json',
      'content-length': String(payload.length),
    },
  });
  const answer = new Promise<ApiResponse>((resolve, reject) => {
    request.once('error', reject);
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', reject);
      response.once('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          if (typeof value === 'string') headers.set(name, value);
        }
        resolve({ status: response.statusCode ?? 0, headers, text, body: JSON.parse(text) });
      });
    });
  });
  // Without a listener, a rejection before finish() would be unhandled.
  answer.catch(() => {});
  const half = Math.floor(payload.length / 2);
  request.write(payload.subarray(0, half));
  return {
    finish() {
      request.end(payload.subarray(half));
      return answer;
    },
  };
}
