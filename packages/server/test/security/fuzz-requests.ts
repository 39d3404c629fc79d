// Whole requests for every endpoint of the contract's table: a path id (own, upper-case,
// another organization's, of the wrong kind, not a UUID, not even a valid URL segment), a
// query string (known parameters with good and bad values, unknown and repeated ones, raw
// fragments), a body (see fuzz-bodies.ts) and headers (credentials of every kind and malformed
// ones, odd Idempotency-Key, X-Request-Id and Content-Type values).
import { type Endpoint, type EndpointName, endpoints } from '@vaultcraft/client/contract';
import fc from 'fast-check';
import { bodyOf } from './fuzz-bodies.js';
import type { FixtureFields } from './fuzz-fields.js';
import { junkString, strangeId } from './fuzz-values.js';
import type { OrganizationFixture } from './security-fixture.js';

/** One generated request, printable as the counterexample of a failing property. */
export interface FuzzRequest {
  readonly method: Endpoint['method'];
  /** Path and query string, ready to append to the server's URL. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as sent (absent: no body). */
  readonly body?: string;
  /** Instead of `body`: a JSON body of exactly this many bytes (kept short in reports). */
  readonly hugeBody?: number;
}

/** Percent-encodes a string, lone surrogates too (as the bytes of their WTF-8 form). */
export function encodeComponent(value: string): string {
  return value.replace(/[\s\S]/gu, (character) => {
    try {
      return encodeURIComponent(character);
    } catch {
      const code = character.charCodeAt(0);
      return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    }
  });
}

/** Segments that are not ids: bad percent-encodings, dot segments, over-long, encoded slashes. */
const rawSegment = fc.constantFrom(
  '%',
  '%zz',
  '%00',
  '%FF',
  '..',
  '.',
  '%2F',
  '%252F',
  ';x',
  'a'.repeat(101),
);

function pathIdOf(valid: readonly string[], fields: FixtureFields): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...valid), weight: 4 },
    { arbitrary: fc.constantFrom(...valid).map((id) => id.toUpperCase()), weight: 1 },
    {
      arbitrary: fc
        .oneof(fields.walletId, fields.transactionId)
        .map((id) => encodeComponent(typeof id === 'string' ? id : JSON.stringify(id))),
      weight: 2,
    },
    { arbitrary: fc.oneof(strangeId, junkString).map(encodeComponent), weight: 2 },
    { arbitrary: rawSegment, weight: 1 },
  );
}

function queryValue(fields: FixtureFields, key: string): fc.Arbitrary<unknown> {
  const integer = (valid: string[]) =>
    fc.oneof(
      fc.constantFrom(...valid),
      fc.constantFrom(
        '0',
        '-1',
        '1.5',
        '1e3',
        '+1',
        '0x1',
        ' 1',
        '',
        '１',
        '1000001',
        '9999999999',
      ),
      junkString,
    );
  switch (key) {
    case 'page':
      return integer(['1', '2', '1000000']);
    case 'page_size':
      return integer(['1', '20', '100', '101']);
    case 'wallet_id':
      return fields.walletId;
    case 'owner_id':
      return fields.ownerId;
    case 'wallet_type':
      return fields.walletType;
    case 'currency':
      return fields.currency;
    case 'status':
      return fc.oneof(fields.walletStatus, fields.transactionStatus);
    case 'transaction_type':
      return fields.transactionType;
    default:
      return fields.instant;
  }
}

/** The query parameter names an endpoint takes (from its zod schema). */
function queryKeys(endpoint: Endpoint): string[] {
  const shape = (endpoint.query as { shape?: object } | undefined)?.shape;
  return shape === undefined ? [] : Object.keys(shape);
}

function queryOf(
  endpoint: Endpoint,
  fields: FixtureFields,
  cursors: readonly string[],
): fc.Arbitrary<string> {
  const keys = queryKeys(endpoint).filter((key) => key !== 'cursor');
  const cursor = fc.oneof(
    fc.constantFrom(...cursors),
    fc.constantFrom(...cursors).map((text) => `${text.slice(0, -2)}${text.at(-1)}${text.at(-2)}`),
    fc.constantFrom(
      Buffer.from('{"created_at":"\' OR 1=1 --","id":"x"}').toString('base64url'),
      Buffer.from('[1e400,null]').toString('base64url'),
    ),
    junkString,
  );
  const known = [
    ...keys.map((key) => queryValue(fields, key).map((value) => [key, value] as const)),
    ...(keys.length > 0 ? [cursor.map((value) => ['cursor', value] as const)] : []),
  ];
  const pair = fc.oneof(
    ...(known.length > 0 ? [{ arbitrary: fc.oneof(...known), weight: 6 }] : []),
    { arbitrary: fc.tuple(junkString, junkString), weight: 1 },
    {
      arbitrary: fc.constantFrom(
        ['__proto__', 'x'] as const,
        ['constructor[prototype][admin]', '1'] as const,
        ['page[]', '1'] as const,
      ),
      weight: 1,
    },
  );
  const encoded = pair.map(([key, value]) =>
    typeof value === 'string'
      ? `${encodeComponent(key)}=${encodeComponent(value)}`
      : `${encodeComponent(key)}=${encodeComponent(JSON.stringify(value) ?? '')}`,
  );
  const fragment = fc.constantFrom(
    '%',
    '%zz',
    '&&',
    '=',
    '=x',
    'page',
    'page=',
    '%00=1',
    'a=%ED%A0%80',
  );
  const parts = fc.array(fc.oneof({ arbitrary: encoded, weight: 5 }, fragment), {
    minLength: 1,
    maxLength: 4,
  });
  return fc.oneof(
    { arbitrary: fc.constant(''), weight: keys.length > 0 ? 2 : 6 },
    { arbitrary: parts.map((list) => `?${list.join('&')}`), weight: 2 },
  );
}

/** Header values fetch can send: tab, printable ASCII and Latin-1 (controls go raw). */
const latin1String = fc.string({
  unit: fc
    .oneof(
      fc.constant(0x09),
      fc.integer({ min: 0x20, max: 0x7e }),
      fc.integer({ min: 0x80, max: 0xff }),
    )
    .map((code) => String.fromCharCode(code)),
  maxLength: 140,
});

function headersOf(
  endpoint: Endpoint,
  own: OrganizationFixture,
  other: OrganizationFixture,
  hasBody: boolean,
): fc.Arbitrary<Record<string, string>> {
  const token = own.ownerToken;
  const malformed = fc.oneof(
    fc.constantFrom(
      '',
      'Bearer',
      'Bearer ',
      `bearer ${token}`,
      `Bearer  ${token}`,
      `Bearer\t${token}`,
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      `Basic ${Buffer.from('owner:password').toString('base64')}`,
      `Token ${token}`,
      `Bearer ${token}, Bearer ${token}`,
      'Bearer vc_live_',
      `Bearer vc_live_${'A'.repeat(43)}`,
      `Bearer ${own.adminKey.toUpperCase()}`,
      `Bearer ${'a'.repeat(5000)}`,
    ),
    latin1String,
  );
  const authorization = fc.oneof(
    { arbitrary: fc.constant(`Bearer ${token}`), weight: endpoint.access === 'none' ? 1 : 12 },
    {
      arbitrary: fc
        .constantFrom(own.adminKey, own.memberToken, own.memberKey, other.ownerToken)
        .map((credential) => `Bearer ${credential}`),
      weight: 3,
    },
    { arbitrary: malformed, weight: 2 },
    { arbitrary: fc.constant(undefined), weight: endpoint.access === 'none' ? 12 : 1 },
  );
  const idempotencyKey = fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 6 },
    { arbitrary: fc.constantFrom('fuzz-key-1', 'fuzz-key-2', 'a'.repeat(255)), weight: 2 },
    { arbitrary: fc.oneof(latin1String, fc.constantFrom('', 'a'.repeat(256), 'é')), weight: 2 },
  );
  const requestId = fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 6 },
    {
      arbitrary: fc.oneof(latin1String, fc.constantFrom('a'.repeat(128), 'a'.repeat(129))),
      weight: 3,
    },
  );
  const contentType = fc.oneof(
    { arbitrary: fc.constant('application/json'), weight: 6 },
    {
      arbitrary: fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=utf-16',
        'multipart/form-data; boundary=x',
        'application/xml',
        '',
      ),
      weight: 1,
    },
  );
  return fc.record({ authorization, idempotencyKey, requestId, contentType }).map((drawn) => {
    const headers: Record<string, string> = {};
    if (drawn.authorization !== undefined) headers.authorization = drawn.authorization;
    if (drawn.idempotencyKey !== undefined) headers['idempotency-key'] = drawn.idempotencyKey;
    if (drawn.requestId !== undefined) headers['x-request-id'] = drawn.requestId;
    if (hasBody) headers['content-type'] = drawn.contentType;
    return headers;
  });
}

/** Ids a path of each endpoint names when it is valid. */
function validPathIds(name: EndpointName, own: OrganizationFixture): readonly string[] {
  if (name === 'apiKeys.revoke') return [own.spareKeyId, own.memberKeyId];
  if (name.startsWith('wallets.')) return Object.values(own.wallets);
  return Object.values(own.transactions);
}

/** The request generator of endpoint `name`. */
export function requestsOf(
  name: EndpointName,
  context: { own: OrganizationFixture; other: OrganizationFixture; fields: FixtureFields },
): fc.Arbitrary<FuzzRequest> {
  const endpoint: Endpoint = endpoints[name];
  const { own, other, fields } = context;
  const path = endpoint.path.includes('{id}')
    ? pathIdOf(validPathIds(name, own), fields).map((id) => endpoint.path.replace('{id}', id))
    : fc.constant(endpoint.path);
  const body = bodyOf(name, fields);
  return fc
    .tuple(path, queryOf(endpoint, fields, own.cursors), body)
    .chain(([base, query, drawn]) =>
      headersOf(endpoint, own, other, drawn.body !== undefined || drawn.hugeBody !== undefined).map(
        (headers): FuzzRequest => ({
          method: endpoint.method,
          path: `${base}${query}`,
          headers,
          ...drawn,
        }),
      ),
    );
}
