import {
  type Endpoint,
  type EndpointName,
  endpoints,
  idempotencyKeySchema,
  requestIdSchema,
} from '@vaultcraft/client/contract';
import { buildOperation, componentNames } from './build-operation.js';
import type { OpenApiDocument, OpenApiOperation, OpenApiPathItem } from './openapi-document.js';
import { SchemaComponents } from './schema-components.js';

const tags: OpenApiDocument['tags'] = [
  { name: 'health', description: 'Whether the server and its database answer.' },
  { name: 'auth', description: 'Signup, login and the calling identity.' },
  { name: 'organization', description: "The caller's organization and its users." },
  { name: 'api-keys', description: "The organization's API keys (OWNER or ADMIN)." },
  { name: 'wallets', description: 'Wallets, their balances, statements and freezing.' },
  { name: 'transactions', description: 'Deposits, withdrawals, transfers, holds and reversals.' },
];

const description = `The wire contract of VaultCraft, a multi-tenant wallet and double-entry ledger.

- **Authentication**: \`Authorization: Bearer <token>\`, a JWT from signup or login or an organization API key (\`vc_live_...\`). Every endpoint under \`/api/v1\` except signup and login needs it.
- **Money is a decimal string**, never a JSON number (\`"10.50"\`): inputs have at most the currency's fraction digits and are never rounded; outputs carry exactly the currency's scale.
- **Errors** always answer \`{"error": {"code", "message", "details", "request_id"}}\`; the \`code\` is stable, the message is for people. Every response carries \`X-Request-Id\`.
- **Pagination**: lists take \`page\` and \`page_size\` (1..100, default 20), or \`cursor\` (the \`next_cursor\` of the previous page) for deep lists, and answer a Page, newest first.
- **Idempotency**: every authenticated POST accepts an \`Idempotency-Key\`; a repeat with the same body answers the original response again with \`Idempotent-Replayed: true\`, a repeat with another body answers 409 \`IDEMPOTENCY_KEY_REUSED\`.
- Unknown request fields and query parameters are rejected (422); request bodies are limited to 1 MiB (413).`;

/**
 * The OpenAPI 3.1.0 document of REST API v1, generated from the endpoint table and zod
 * schemas of `@vaultcraft/client/contract`: one operation per endpoint (operationId
 * `walletsCreate` for `wallets.create`), the named schemas (`Wallet`, `Transaction`, `Error`,
 * ...) as components, the error codes of each endpoint grouped by HTTP status, and bearer
 * authentication on every endpoint that needs it.
 *
 * @param options.version - The server's version, written to `info.version`.
 * @param options.serverUrl - The base URL to list under `servers`, if known.
 * @throws InternalError (`INTERNAL`) when the contract defines a named schema twice with
 *   different contents.
 *
 * @example
 * ```ts
 * const document = buildOpenApiDocument({ version: '0.1.0' });
 * document.paths['/api/v1/wallets']?.post?.operationId; // 'walletsCreate'
 * ```
 */
export function buildOpenApiDocument(options: {
  version: string;
  serverUrl?: string;
}): OpenApiDocument {
  const components = new SchemaComponents();
  const paths: Record<string, OpenApiPathItem> = {};
  for (const [name, endpoint] of Object.entries(endpoints) as [EndpointName, Endpoint][]) {
    const operation: OpenApiOperation = buildOperation({
      operationId: operationIdOf(name),
      endpoint,
      components,
    });
    const method = endpoint.method.toLowerCase() as 'get' | 'post' | 'delete';
    paths[endpoint.path] = { ...paths[endpoint.path], [method]: operation };
  }
  // Converted before the schemas are collected, so that any named schema they use is listed.
  const shared = sharedComponents(components);
  return {
    openapi: '3.1.0',
    info: { title: 'VaultCraft REST API', version: options.version, description },
    ...(options.serverUrl === undefined ? {} : { servers: [{ url: options.serverUrl }] }),
    tags,
    paths,
    components: {
      schemas: components.toRecord(),
      ...shared,
    },
  };
}

/** The parameters, headers and security scheme that the operations refer to. */
function sharedComponents(
  components: SchemaComponents,
): Omit<OpenApiDocument['components'], 'schemas'> {
  return {
    parameters: {
      [componentNames.idempotencyKey]: {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'Makes the request safe to retry: the same key with the same body answers the ' +
          'original response again and writes nothing new. Scoped to the organization, kept ' +
          'at least 24 hours. 1 to 255 printable ASCII characters.',
        schema: components.convert(idempotencyKeySchema, 'input'),
      },
    },
    headers: {
      [componentNames.requestId]: {
        description:
          "The request's id, equal to `error.request_id` on errors (a client-sent " +
          'X-Request-Id of 1 to 128 printable characters is kept).',
        schema: components.convert(requestIdSchema, 'output'),
      },
      [componentNames.replayed]: {
        description:
          '`true` when this response is the stored answer to an earlier request with the ' +
          'same Idempotency-Key and body.',
        schema: { type: 'string', enum: ['true'] },
      },
      [componentNames.retryAfter]: {
        description: 'Seconds to wait before trying again.',
        schema: { type: 'string', pattern: '^[0-9]+$' },
      },
    },
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT or API key (vc_live_...)',
        description:
          'A JWT from signup or login, or an organization API key (`vc_live_...`), as ' +
          '`Authorization: Bearer <token>`.',
      },
    },
  };
}

/** `wallets.create` -> `walletsCreate`, `apiKeys.list` -> `apiKeysList`. */
export function operationIdOf(name: string): string {
  return name
    .split('.')
    .map((part, index) => (index === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');
}
