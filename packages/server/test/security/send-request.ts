// Two ways to send a hostile request: fetch (for everything fetch can express) and a raw TCP
// socket, for bytes fetch refuses to send: control characters in headers, broken framing,
// conflicting lengths, over-long header blocks.
import { connect } from 'node:net';
import type { Answer } from './expect-answer.js';
import { hugeBodyText } from './fuzz-bodies.js';
import type { FuzzRequest } from './fuzz-requests.js';

/** Sends a generated request with fetch and reads the whole answer. */
export async function sendFuzz(url: string, request: FuzzRequest): Promise<Answer> {
  const body = request.hugeBody === undefined ? request.body : hugeBodyText(request.hugeBody);
  const response = await fetch(`${url}${request.path}`, {
    method: request.method,
    headers: request.headers,
    ...(body !== undefined && { body }),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const rawTimeoutMs = 10_000;

/**
 * Writes `bytes` (Latin-1, one byte per character) to the server and reads until the server
 * closes the connection (send `Connection: close`, or a request the server refuses).
 *
 * @throws when the server neither answers nor closes within 10 s.
 */
export function sendRaw(url: string, bytes: string): Promise<Answer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(`no answer within ${rawTimeoutMs} ms to ${JSON.stringify(bytes.slice(0, 200))}`),
      );
    }, rawTimeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    // The server may close while we still write: what it answered is what counts.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseRawAnswer(Buffer.concat(chunks)));
    });
    // Not end(): a half-closed connection makes Node abort the request it is serving.
    socket.write(Buffer.from(bytes, 'latin1'));
  });
}

/** Splits an HTTP/1.1 answer into status, headers and body (a single answer, not chunked). */
export function parseRawAnswer(raw: Buffer): Answer {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, split === -1 ? raw.length : split).toString('latin1');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = new Headers();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const text = split === -1 ? '' : raw.subarray(split + 4).toString('utf8');
  return { status, headers, text };
}
