// Proves that the generated OpenAPI document is valid OpenAPI 3.1 (swagger-parser), holds every
// endpoint of the contract's table with its method, path, operationId, parameters, body,
// security and error codes, and that its named components exist and are all referenced.
import SwaggerParser from '@apidevtools/swagger-parser';
import { apiErrors, type Endpoint, endpoints } from '@vaultcraft/client/contract';
import { isVaultError } from '@vaultcraft/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildOpenApiDocument, operationIdOf } from './build-openapi-document.js';
import { buildOperation } from './build-operation.js';
import type { OpenApiOperation, OpenApiParameter } from './openapi-document.js';
import { SchemaComponents } from './schema-components.js';

const document = buildOpenApiDocument({ version: '1.2.3', serverUrl: 'https://api.example' });
const table = Object.entries(endpoints) as [string, Endpoint][];

function operationOf(endpoint: Endpoint): OpenApiOperation {
  const method = endpoint.method.toLowerCase() as 'get' | 'post' | 'delete';
  const operation = document.paths[endpoint.path]?.[method];
  if (operation === undefined) throw new Error(`${endpoint.method} ${endpoint.path} is missing`);
  return operation;
}

function collectRefs(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') into.push(item);
      else collectRefs(item, into);
    }
  }
  return into;
}

describe('buildOpenApiDocument', () => {
  it('is a valid OpenAPI 3.1.0 document', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'VaultCraft REST API', version: '1.2.3' });
    expect(document.info.description).toMatch(/decimal string/);
    expect(document.servers).toEqual([{ url: 'https://api.example' }]);
    expect(buildOpenApiDocument({ version: '1' }).servers).toBeUndefined();
  });

  it('has one operation per endpoint, with its method, path, operationId, summary and tag', () => {
    const count = Object.values(document.paths).reduce(
      (sum, item) => sum + Object.keys(item).length,
      0,
    );
    expect(count).toBe(table.length);
    for (const [name, endpoint] of table) {
      expect(operationOf(endpoint)).toMatchObject({
        operationId: operationIdOf(name),
        summary: endpoint.summary,
        tags: [endpoint.tag],
      });
    }
    expect(operationOf(endpoints['wallets.create']).operationId).toBe('walletsCreate');
    expect(operationOf(endpoints['apiKeys.revoke']).operationId).toBe('apiKeysRevoke');
  });

  it('puts the named schemas in components, and every component is referenced and exists', () => {
    const names = Object.keys(document.components.schemas);
    expect(names).toEqual(
      expect.arrayContaining(['Error', 'Wallet', 'Transaction', 'Entry', 'User', 'Token']),
    );
    const refs = collectRefs(document);
    for (const name of names) expect(refs).toContain(`#/components/schemas/${name}`);
    for (const ref of refs) {
      const [, , section, name] = ref.split('/') as [string, string, string, string];
      const components = document.components as unknown as Record<string, Record<string, unknown>>;
      expect(components[section]?.[name], ref).toBeDefined();
    }
    expect(JSON.stringify(document)).not.toContain('$defs');
  });

  it('describes path, query and header parameters', () => {
    const balance = operationOf(endpoints['wallets.balance']).parameters as OpenApiParameter[];
    expect(balance).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
      expect.objectContaining({ name: 'as_of', in: 'query', required: false }),
    ]);
    const list = operationOf(endpoints['wallets.list']).parameters as OpenApiParameter[];
    expect(list.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['owner_id', 'currency', 'page', 'page_size', 'cursor']),
    );
    for (const [, endpoint] of table) {
      const parameters = operationOf(endpoint).parameters ?? [];
      const idempotency = parameters.some(
        (p) => '$ref' in p && p.$ref === '#/components/parameters/IdempotencyKey',
      );
      expect(idempotency, endpoint.path).toBe(endpoint.idempotent);
    }
    expect(document.components.parameters.IdempotencyKey).toMatchObject({
      name: 'Idempotency-Key',
      in: 'header',
    });
  });

  it('marks a query parameter required when its schema requires it', () => {
    const endpoint: Endpoint = {
      ...endpoints['wallets.list'],
      query: z.strictObject({ needed: z.string(), extra: z.string().optional() }),
    };
    const operation = buildOperation({
      operationId: 'x',
      endpoint,
      components: new SchemaComponents(),
    });
    expect(operation.parameters).toEqual([
      expect.objectContaining({ name: 'needed', in: 'query', required: true }),
      expect.objectContaining({ name: 'extra', in: 'query', required: false }),
    ]);
  });

  it('gives a request body to the endpoints with one, optional where the table says so', () => {
    for (const [, endpoint] of table) {
      const body = operationOf(endpoint).requestBody;
      if (endpoint.body === undefined) expect(body, endpoint.path).toBeUndefined();
      else expect(body?.required, endpoint.path).toBe(endpoint.bodyOptional !== true);
    }
    const transfer = operationOf(endpoints['transactions.transfer']).requestBody!.content[
      'application/json'
    ].schema;
    expect(transfer).toMatchObject({
      type: 'object',
      required: ['from_wallet_id', 'to_wallet_id', 'amount'],
    });
  });

  it('answers the success status with its schema, 204 without content, and the response headers', () => {
    for (const [, endpoint] of table) {
      const success = operationOf(endpoint).responses[String(endpoint.status)]!;
      expect(success.headers?.['X-Request-Id'], endpoint.path).toBeDefined();
      expect(success.headers?.['Idempotent-Replayed'] !== undefined, endpoint.path).toBe(
        endpoint.idempotent,
      );
      expect(success.content === undefined, endpoint.path).toBe(endpoint.response === null);
    }
    expect(operationOf(endpoints['apiKeys.revoke']).responses['204']).not.toHaveProperty('content');
    expect(operationOf(endpoints['wallets.retrieve']).responses['200']!.content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/Wallet' } },
    });
  });

  it('lists every error code of an endpoint under its HTTP status with the Error schema', () => {
    for (const [, endpoint] of table) {
      const operation = operationOf(endpoint);
      const expected = new Set<string>([
        ...endpoint.errors,
        'PAYLOAD_TOO_LARGE',
        'INTERNAL',
        'UNAVAILABLE',
      ]);
      if (endpoint.access !== 'none') expected.add('UNAUTHORIZED');
      if (endpoint.access === 'admin') expected.add('FORBIDDEN');
      if (endpoint.body !== undefined) expected.add('MALFORMED_JSON');
      const listed = Object.entries(operation.responses).flatMap(([status, response]) =>
        (response['x-error-codes'] ?? []).map((code) => {
          expect(apiErrors[code as keyof typeof apiErrors].status, code).toBe(Number(status));
          expect(response.description, code).toContain(code);
          return code;
        }),
      );
      expect(new Set(listed), endpoint.path).toEqual(expected);
    }
    const transfer = operationOf(endpoints['transactions.transfer']).responses;
    expect(transfer['400']!['x-error-codes']).toEqual(
      expect.arrayContaining([
        'INSUFFICIENT_FUNDS',
        'CURRENCY_MISMATCH',
        'SAME_WALLET',
        'WALLET_FROZEN',
        'MALFORMED_JSON',
      ]),
    );
    expect(transfer['409']!.content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/Error' } },
    });
    expect(operationOf(endpoints['auth.login']).responses['429']!.headers).toHaveProperty(
      'Retry-After',
    );
    expect(
      operationOf(endpoints['health.check']).responses['503']!.content!['application/json'].schema,
    ).toEqual({
      anyOf: [{ $ref: '#/components/schemas/Health' }, { $ref: '#/components/schemas/Error' }],
    });
  });

  it('requires bearer authentication everywhere except on public endpoints', () => {
    expect(document.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    for (const [, endpoint] of table) {
      const expected = endpoint.access === 'none' ? [] : [{ bearer: [] }];
      expect(operationOf(endpoint).security, endpoint.path).toEqual(expected);
    }
  });
});

describe('SchemaComponents', () => {
  it('refuses one schema name with two different contents', () => {
    const probe = z
      .strictObject({ count: z.string().pipe(z.coerce.number()) })
      .meta({ id: 'ConflictProbe' });
    const components = new SchemaComponents();
    components.convert(probe, 'input');
    let caught: unknown;
    try {
      components.convert(probe, 'output');
    } catch (error) {
      caught = error;
    }
    expect(isVaultError(caught) && caught.code).toBe('INTERNAL');
    expect((caught as Error).message).toMatch(/ConflictProbe twice/);
  });
});
