import {
  type Endpoint,
  type EndpointName,
  endpoints,
  idempotencyKeySchema,
} from '@vaultcraft/client/contract';
import { InternalError, toFieldIssues, VaultError } from '@vaultcraft/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authenticate } from './authenticate.js';
import { type Caller, isAdmin } from './caller.js';
import { WireValidationError } from './error-reply.js';
import type { Call, Handlers, Services } from './handler-types.js';

const noQuery = z.strictObject({});
const fieldIssuesMax = 20;

function parseOrThrow(schema: z.ZodType, input: unknown, prefix: string): unknown {
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  // Bounded: a 1 MiB body of unknown keys must not become a 5 MB answer.
  const fields = toFieldIssues(result.error.issues, prefix);
  throw new WireValidationError(
    fields.length <= fieldIssuesMax
      ? fields
      : [
          ...fields.slice(0, fieldIssuesMax),
          { path: '', message: `and ${fields.length - fieldIssuesMax} more invalid fields` },
        ],
  );
}

function parseParams(endpoint: Endpoint, params: unknown): unknown {
  if (endpoint.params === undefined) {
    return undefined;
  }
  const result = endpoint.params.safeParse(params);
  if (!result.success) {
    // A path id that is not even a UUID names nothing: the same 404 as an unknown id.
    throw new VaultError('NOT_FOUND', 'No such resource', {
      details: { id: String((params as { id?: unknown }).id ?? '') },
    });
  }
  const parsed = result.data as { id?: string };
  return parsed.id === undefined ? parsed : { ...parsed, id: parsed.id.toLowerCase() };
}

function parseBody(endpoint: Endpoint, body: unknown): unknown {
  if (endpoint.body === undefined) {
    if (body !== undefined) {
      throw new WireValidationError([{ path: '', message: 'this endpoint takes no request body' }]);
    }
    return undefined;
  }
  if (body === undefined && endpoint.bodyOptional === true) {
    return parseOrThrow(endpoint.body, {}, '');
  }
  if (body === undefined) {
    throw new WireValidationError([{ path: '', message: 'a JSON request body is required' }]);
  }
  return parseOrThrow(endpoint.body, body, '');
}

function parseIdempotencyKey(
  endpoint: Endpoint,
  rawHeaders: readonly string[],
): string | undefined {
  if (!endpoint.idempotent) {
    return undefined;
  }
  // From the raw headers: Node joins repeated headers with ", ", which would make two keys
  // look like one.
  const value: string[] = [];
  for (let index = 0; index < rawHeaders.length; index += 2) {
    if (rawHeaders[index]!.toLowerCase() === 'idempotency-key') {
      value.push(rawHeaders[index + 1]!);
    }
  }
  if (value.length === 0) {
    return undefined;
  }
  const result = value.length === 1 ? idempotencyKeySchema.safeParse(value[0]) : undefined;
  if (result === undefined || !result.success) {
    throw new WireValidationError([
      {
        path: 'Idempotency-Key',
        message: 'must be one header of 1..255 printable ASCII characters',
      },
    ]);
  }
  return result.data;
}

async function resolveCaller(
  endpoint: Endpoint,
  request: FastifyRequest,
  services: Services,
): Promise<Caller | null> {
  if (endpoint.access === 'none') {
    return null;
  }
  const caller = await authenticate(request.headers.authorization, services);
  if (endpoint.access === 'admin' && !isAdmin(caller)) {
    throw new VaultError(
      'FORBIDDEN',
      `Only an OWNER or ADMIN may call ${endpoint.method} ${endpoint.path}`,
    );
  }
  return caller;
}

/**
 * Registers every endpoint of the contract with its handler. Each request goes through the
 * same steps, in this order: authenticate (401) and check the role the endpoint needs (403),
 * resolve path ids (404), validate the query and the body (422), the `Idempotency-Key`
 * header (422), run the handler, then check the answer against the contract's response
 * schema: an answer that does not match is a 500, never a silently different body.
 */
export function registerEndpoints(
  app: FastifyInstance,
  services: Services,
  handlers: Handlers,
): void {
  for (const [name, endpoint] of Object.entries(endpoints) as [EndpointName, Endpoint][]) {
    const handler = handlers[name] as unknown as (
      request: unknown,
      call: Call,
    ) => ReturnType<Handlers[EndpointName]>;
    app.route({
      method: endpoint.method,
      url: endpoint.path.replace(/\{(\w+)\}/g, ':$1'),
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const caller = await resolveCaller(endpoint, request, services);
        const params = parseParams(endpoint, request.params);
        const query = parseOrThrow(endpoint.query ?? noQuery, request.query ?? {}, '');
        const body = parseBody(endpoint, request.body);
        const idempotencyKey = parseIdempotencyKey(endpoint, request.raw.rawHeaders);
        const call: Call = {
          services,
          caller,
          idempotencyKey,
          method: endpoint.method,
          path: request.url.split('?', 1)[0]!,
          ip: request.ip,
        };
        const result = await handler({ params, query, body }, call);
        reply.code(result.status ?? endpoint.status);
        if (result.replayed === true) {
          reply.header('idempotent-replayed', 'true');
        }
        if (endpoint.response === null) {
          return reply.send();
        }
        const checked = endpoint.response.safeParse(result.body);
        if (!checked.success) {
          throw new InternalError(`The answer of ${name} does not match the contract`, {
            details: {
              issues: checked.error.issues
                .slice(0, 5)
                .map((issue) => `${issue.path.join('.')}: ${issue.message}`),
            },
          });
        }
        return reply.type('application/json; charset=utf-8').send(JSON.stringify(result.body));
      },
    });
  }
}
