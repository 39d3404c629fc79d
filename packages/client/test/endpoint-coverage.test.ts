// Proves that the client and the contract cannot drift: every endpoint of the contract's
// table has a client method (the map is typed by the table, and each method is called here
// with a scripted fetch to check the method, path, credentials and idempotency key it sends),
// and every operation of the server's OpenAPI document has a client method.
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../server/src/openapi/build-openapi-document.js';
import { type Endpoint, type EndpointName, endpoints } from '../src/contract.js';
import { VaultCraft } from '../src/index.js';
import { endpointMethods } from '../src/internal/endpoint-methods.js';
import { fakeFetch } from './fake-fetch.js';
import { walletId } from './fixtures.js';
import { methodAt } from './method-at.js';

const entries = Object.entries(endpoints) as [EndpointName, Endpoint][];
const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

describe('every endpoint of the contract', () => {
  it('has exactly one entry in the method map', () => {
    expect(Object.keys(endpointMethods).sort()).toEqual(Object.keys(endpoints).sort());
  });

  it.each(entries)('%s is sent by its client method', async (name, endpoint) => {
    const { fetch, requests } = fakeFetch([{ status: 418, text: '' }]);
    const client = new VaultCraft({
      baseUrl: 'http://vault.test',
      token: 'jwt',
      fetch,
      maxRetries: 0,
    });
    const method = methodAt(client, endpointMethods[name]);
    expect(method, `client.${endpointMethods[name]}`).toBeTypeOf('function');
    const args = [
      ...(endpoint.path.includes('{id}') ? [walletId] : []),
      ...(endpoint.body !== undefined || endpoint.query !== undefined ? [{}] : []),
    ];
    await Promise.resolve(method?.(...args)).catch(() => undefined);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe(endpoint.method);
    expect(new URL(request?.url ?? '').pathname).toBe(endpoint.path.replace('{id}', walletId));
    expect(request?.headers.has('idempotency-key')).toBe(endpoint.idempotent);
    expect(request?.headers.get('authorization')).toBe(
      endpoint.access === 'none' ? null : 'Bearer jwt',
    );
    expect(request?.body === undefined).toBe(endpoint.method !== 'POST');
  });
});

describe("every operation of the server's OpenAPI document", () => {
  it('has a client method', () => {
    const document = buildOpenApiDocument({ version: '0.0.0' });
    const client = new VaultCraft({ baseUrl: 'http://vault.test', fetch: fakeFetch([]).fetch });
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item as object)
        .filter((key) => httpMethods.includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.length).toBeGreaterThanOrEqual(entries.length);
    const uncovered = operations.filter((operation) => {
      const match = entries.find(
        ([, endpoint]) => `${endpoint.method} ${endpoint.path}` === operation,
      );
      return match === undefined || methodAt(client, endpointMethods[match[0]]) === undefined;
    });
    expect(uncovered).toEqual([]);
  });
});
