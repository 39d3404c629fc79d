import { requestIdSchema, wireLimits } from '@vaultcraft/client/contract';
import type { IdGenerator } from '@vaultcraft/core';
import Fastify, { type FastifyInstance } from 'fastify';
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
    forceCloseConnections: 'idle',
  });

  // Every body is read as JSON whatever its Content-Type (curl -d sends form encoding).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(malformedJson((error as Error).message), undefined);
    }
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
