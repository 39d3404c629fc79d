import { buildOpenApiDocument } from '../openapi/build-openapi-document.js';
import { serverVersion } from '../server-version.js';
import type { CliIo } from './run-cli.js';

/** `vaultcraft openapi`: prints the OpenAPI 3.1 document (no database, no config needed). */
export function openapiCommand(io: CliIo): number {
  io.out(JSON.stringify(buildOpenApiDocument({ version: serverVersion }), null, 2));
  return 0;
}
