/**
 * `@vaultcraft/server`: the VaultCraft REST API v1 (Fastify) over the ledger engine, with
 * JWT and API-key authentication, roles, idempotency keys, OpenAPI, and the `vaultcraft` CLI.
 * Importing it opens nothing and listens nowhere.
 *
 * @example
 * ```ts
 * import { createServer, loadConfig } from '@vaultcraft/server';
 *
 * const server = await createServer({ config: await loadConfig({ DATABASE_URL: './data/app.db' }) });
 * console.log(await server.listen());
 * ```
 *
 * @packageDocumentation
 */

// The server.
export { createServer } from './create-server.js';
export type { CreateServerOptions, VaultCraftServer } from './create-server.js';
export type { LogOptions } from './http/build-app.js';

// Configuration.
export { loadConfig } from './config/load-config.js';
export type {
  DatabaseConfig,
  JwtConfig,
  RateLimitsConfig,
  ServerConfig,
} from './config/server-config.js';
export { describeConfig } from './config/describe-config.js';

// The CLI, for embedding it in another command.
export { runCli } from './cli/run-cli.js';
export type { CliIo } from './cli/run-cli.js';

// The OpenAPI document.
export { buildOpenApiDocument } from './openapi/build-openapi-document.js';
export type {
  JsonSchema,
  OpenApiDocument,
  OpenApiHeader,
  OpenApiJsonContent,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiPathItem,
  OpenApiReference,
  OpenApiResponse,
} from './openapi/openapi-document.js';
export { serverVersion } from './server-version.js';
