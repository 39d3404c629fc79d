import {
  type ApiErrorCode,
  apiErrors,
  type Endpoint,
  errorBodySchema,
} from '@vaultcraft/client/contract';
import type {
  JsonSchema,
  OpenApiHeader,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiReference,
  OpenApiResponse,
} from './openapi-document.js';
import type { SchemaComponents } from './schema-components.js';

/** The names of the shared parameters and headers in `components`. */
export const componentNames = {
  idempotencyKey: 'IdempotencyKey',
  requestId: 'X-Request-Id',
  replayed: 'Idempotent-Replayed',
  retryAfter: 'Retry-After',
} as const;

const reasonPhrases: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

// The pagination parameters mean the same on every list; their schemas alone do not say how.
const parameterDescriptions: Readonly<Record<string, string>> = {
  page: 'Page number, from 1 (default 1). Excludes `cursor`.',
  page_size: 'Items per page, 1 to 100 (default 20).',
  cursor: 'The `next_cursor` of the previous page, for keyset pagination. Excludes `page`.',
};

// Where an error status answers something other than the Error object: the health check
// answers its own Health object (status "unhealthy") when the database does not answer.
const successBodyErrorStatuses: Readonly<Record<string, readonly number[]>> = {
  '/health': [503],
};

const registryOrder = Object.keys(apiErrors) as ApiErrorCode[];

/**
 * The OpenAPI operation of one endpoint of the contract: its parameters, request body,
 * success response and error responses grouped by status.
 */
export function buildOperation(options: {
  operationId: string;
  endpoint: Endpoint;
  components: SchemaComponents;
}): OpenApiOperation {
  const { endpoint, components } = options;
  const parameters = buildParameters(endpoint, components);
  return {
    operationId: options.operationId,
    summary: endpoint.summary,
    tags: [endpoint.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(endpoint.body
      ? {
          requestBody: {
            required: endpoint.bodyOptional !== true,
            content: { 'application/json': { schema: components.convert(endpoint.body, 'input') } },
          },
        }
      : {}),
    responses: buildResponses(endpoint, components),
    security: endpoint.access === 'none' ? [] : [{ bearer: [] }],
  };
}

function buildParameters(
  endpoint: Endpoint,
  components: SchemaComponents,
): (OpenApiParameter | OpenApiReference)[] {
  const parameters: (OpenApiParameter | OpenApiReference)[] = [
    ...objectParameters(endpoint.params, 'path', components),
    ...objectParameters(endpoint.query, 'query', components),
  ];
  if (endpoint.idempotent) {
    parameters.push({ $ref: `#/components/parameters/${componentNames.idempotencyKey}` });
  }
  return parameters;
}

/** One parameter per property of an object schema; path parameters are always required. */
function objectParameters(
  schema: Endpoint['params'],
  location: 'path' | 'query',
  components: SchemaComponents,
): OpenApiParameter[] {
  if (schema === undefined) {
    return [];
  }
  const json = components.convert(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    const text = typeof description === 'string' ? description : parameterDescriptions[name];
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(text === undefined ? {} : { description: text }),
      schema: propertySchema,
    };
  });
}

function buildResponses(
  endpoint: Endpoint,
  components: SchemaComponents,
): Record<string, OpenApiResponse> {
  const requestId = { $ref: `#/components/headers/${componentNames.requestId}` };
  const successHeaders: Record<string, OpenApiReference> = { 'X-Request-Id': requestId };
  if (endpoint.idempotent) {
    successHeaders['Idempotent-Replayed'] = {
      $ref: `#/components/headers/${componentNames.replayed}`,
    };
  }
  const responses: Record<string, OpenApiResponse> = {
    [endpoint.status]: {
      description: reasonPhrases[endpoint.status]!,
      headers: successHeaders,
      ...(endpoint.response === null
        ? {}
        : {
            content: {
              'application/json': { schema: components.convert(endpoint.response, 'output') },
            },
          }),
    },
  };
  const errorSchema = components.convert(errorBodySchema, 'output');
  for (const [status, codes] of errorCodesByStatus(endpoint)) {
    const headers: Record<string, OpenApiReference | OpenApiHeader> = { 'X-Request-Id': requestId };
    if (status === 429) {
      headers['Retry-After'] = { $ref: `#/components/headers/${componentNames.retryAfter}` };
    }
    const alsoSuccessBody =
      endpoint.response !== null && successBodyErrorStatuses[endpoint.path]?.includes(status);
    const schema = alsoSuccessBody
      ? { anyOf: [components.convert(endpoint.response!, 'output'), errorSchema] }
      : errorSchema;
    responses[status] = {
      description: `${reasonPhrases[status] ?? 'Error'}: ${codes.join(', ')}`,
      headers,
      content: { 'application/json': { schema } },
      'x-error-codes': codes,
    };
  }
  return responses;
}

/**
 * The error codes an endpoint may answer, grouped by HTTP status in ascending order: its own
 * plus those every endpoint of its kind may answer.
 */
export function errorCodesByStatus(endpoint: Endpoint): [number, ApiErrorCode[]][] {
  const codes = new Set<ApiErrorCode>(endpoint.errors);
  if (endpoint.access !== 'none') codes.add('UNAUTHORIZED');
  if (endpoint.access === 'admin') codes.add('FORBIDDEN');
  if (endpoint.body !== undefined) codes.add('MALFORMED_JSON');
  codes.add('PAYLOAD_TOO_LARGE');
  codes.add('INTERNAL');
  codes.add('UNAVAILABLE');
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of registryOrder.filter((candidate) => codes.has(candidate))) {
    const status = apiErrors[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return [...byStatus.entries()].sort(([a], [b]) => a - b);
}
