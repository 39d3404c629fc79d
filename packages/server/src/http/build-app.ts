import { type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { requestIdSchema, wireLimits } from '@vaultcraft/client/contract';
import { type IdGenerator, VaultError } from '@vaultcraft/core';
import Fastify, { type ConnectionError, type FastifyInstance, type FastifyReply } from 'fastify';
import { errorReply, malformedJson } from './error-reply.js';
import type { Handlers, Services } from './handler-types.js';
import { registerEndpoints } from './register-endpoints.js';

/** Where the server logs (pino, one JSON object per line). */
export interface LogOptions {
  readonly level: string;
  /** Defaults to stdout; tests pass a stream to read the lines back. */
  readonly stream?: NodeJS.WritableStream;
}

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  readonly services: Services;
  readonly handlers: Handlers;
  readonly log: LogOptions;
  readonly trustProxy: boolean;
  /** Extra documents served as is: `/openapi.json` and `/docs`. */
  readonly documents: { readonly openApiJson: string; readonly docsHtml: string };
  readonly requestIds: IdGenerator;
}

// Secrets never reach a log line, whatever a future log call passes along.
const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.password',
  '*.access_token',
  '*.key',
  '*.keyHash',
  '*.passwordHash',
  '*.secret',
];

const apiHeaders = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};

const docsHeaders = {
  ...apiHeaders,
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'cache-control': 'no-cache',
};

// Iterative: a recursive walk overflowed the stack on a body nested a few thousand levels deep
// that held the text "__proto__" anywhere (a 500). The body is at most 1 MiB, so is the walk.
function hasProtoKey(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (value === null || typeof value !== 'object') {
      continue;
    }
    if (Object.hasOwn(value, '__proto__')) {
      return true;
    }
    for (const item of Object.values(value)) {
      pending.push(item);
    }
  }
  return false;
}

/**
 * Answers a request Node's HTTP parser refused (a control character in a header, a bad
 * Content-Length or chunk, a request line and headers over 16 KiB) with the error body, the
 * request id and the security headers of every other answer, instead of Fastify's own body.
 * Logs the parser's code only: the raw packet it carries holds the Authorization header.
 */
function answerClientError(
  error: ConnectionError,
  socket: Socket,
  options: { requestId: string; log: FastifyInstance['log'] },
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) {
    return;
  }
  options.log.info({ reqId: options.requestId, code: error.code }, 'unreadable HTTP request');
  // Bytes pipelined after a complete request still being served: that request's own answer
  // goes out first, then the connection closes. A 400 written now would reach the client as
  // the answer to that request, which may already have been applied. (Node keeps the response
  // in flight in `_httpMessage`.) An error in the request's own body is answered at once.
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (inFlight?.req.complete === true) {
    if (!inFlight.headersSent) {
      inFlight.shouldKeepAlive = false;
    }
    inFlight.once('close', () => socket.destroy());
    return;
  }
  const known =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new VaultError('PAYLOAD_TOO_LARGE', 'The request line and headers are too large')
      : new VaultError('MALFORMED_JSON', 'The HTTP request could not be read');
  const answer = errorReply(known, options.requestId);
  const body = JSON.stringify(answer.body);
  const headers = {
    ...apiHeaders,
    'x-request-id': options.requestId,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  if (socket.writable) {
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\n${lines.join('')}\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * The Fastify application of REST API v1: every endpoint of the contract, JSON parsing with
 * `MALFORMED_JSON` and the 1 MiB limit, request ids, security headers, structured logs, and
 * one error body for every failure. Opens nothing and listens nowhere: the caller does.
 */
export function buildApp(options: BuildAppOptions): FastifyInstance {
  const app = Fastify({
    logger: {
      level: options.log.level,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      ...(options.log.stream !== undefined && { stream: options.log.stream }),
    },
    bodyLimit: wireLimits.bodyBytesMax,
    trustProxy: options.trustProxy,
    // A valid client-sent X-Request-Id is kept (API.md); anything else gets a fresh id.
    genReqId: (request) => {
      const sent = request.headers['x-request-id'];
      return typeof sent === 'string' && requestIdSchema.safeParse(sent).success
        ? sent
        : options.requestIds();
    },
    requestIdHeader: false,
    return503OnClosing: true,
    // Router errors (a malformed percent-encoding, a path parameter over 100 characters) skip
    // the error handler: answer them like any unknown resource, with our body and headers.
    frameworkErrors: (error, request, reply) => {
      const answer = errorReply(
        error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? new VaultError('NOT_FOUND', 'No such resource')
          : error,
        request.id,
      );
      // Typed loosely by Fastify here (the reply of a request that matched no route).
      void (reply as unknown as FastifyReply)
        .code(answer.status)
        .headers({ ...apiHeaders, ...answer.headers, 'x-request-id': request.id })
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(answer.body));
    },
    forceCloseConnections: 'idle',
    // Fastify calls it with the instance as `this`.
    clientErrorHandler(this: FastifyInstance, error, socket) {
      answerClientError(error, socket, { requestId: options.requestIds(), log: this.log });
    },
  });

  // Every body is read as JSON whatever its Content-Type (curl -d sends form encoding).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      // The position only: JSON.parse's message quotes the body, which is not ours to echo.
      const position = /position (\d+)/.exec((error as Error).message)?.[1];
      done(
        malformedJson(
          position === undefined ? 'it does not parse' : `syntax error at position ${position}`,
        ),
        undefined,
      );
      return;
    }
    // A "__proto__" key is dropped by zod records and objects; refuse it outright instead.
    if (text.includes('__proto__') && hasProtoKey(parsed)) {
      done(malformedJson('"__proto__" is not allowed as a key'), undefined);
      return;
    }
    done(null, parsed);
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.headers(request.url === '/docs' ? docsHeaders : apiHeaders);
  });

  app.setErrorHandler((error, request, reply) => {
    const answer = errorReply(error, request.id);
    if (answer.internal) {
      request.log.error({ err: error }, 'internal error');
    } else if (answer.status >= 500) {
      request.log.warn(
        { code: answer.body.error.code, message: answer.body.error.message },
        'unavailable',
      );
    }
    return reply
      .code(answer.status)
      .headers(answer.headers)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(answer.body));
  });

  app.setNotFoundHandler((request, reply) => {
    const body = {
      error: {
        code: 'NOT_FOUND',
        message: `No route ${request.method} ${request.url.split('?', 1)[0]}`,
        details: {},
        request_id: request.id,
      },
    };
    return reply.code(404).type('application/json; charset=utf-8').send(JSON.stringify(body));
  });

  registerEndpoints(app, options.services, options.handlers);
  app.get('/openapi.json', (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(options.documents.openApiJson),
  );
  app.get('/docs', (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(options.documents.docsHtml),
  );
  return app;
}
