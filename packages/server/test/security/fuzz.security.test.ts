// Proves that no request, however malformed, makes the server fail or write: fast-check
// generates requests for every endpoint of the contract's table (bodies, query strings, path
// ids and headers, see fuzz-requests.ts) and raw HTTP requests with bytes fetch cannot send,
// against one server per backend holding two pre-built organizations. Every answer must be
// the endpoint's success or a documented 4xx with the exact error body of API.md, X-Request-Id
// equal to error.request_id and the security headers; never a 5xx. After every rejected
// request the database snapshot (every wallet's balance, held amount, status and last change,
// every transaction's state, API keys, and the row count of every other table) is unchanged.
// VAULTCRAFT_FUZZ_RUNS sets the cases per endpoint (default 50), VAULTCRAFT_FUZZ_SEED the seed.
import { type EndpointName, endpoints, requestIdSchema } from '@vaultcraft/client/contract';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../e2e/e2e-harness.js';
import { startTestServer, type TestServer } from '../test-server.js';
import { type DatabaseProbe, openDatabaseProbe } from './database-probe.js';
import { type Answer, expectEndpointAnswer, expectErrorAnswer } from './expect-answer.js';
import { type FixtureFields, fixtureFields } from './fuzz-fields.js';
import { type FuzzRequest, requestsOf } from './fuzz-requests.js';
import { buildOrganization, type OrganizationFixture } from './security-fixture.js';
import { sendFuzz, sendRaw } from './send-request.js';

const runs = Number(process.env.VAULTCRAFT_FUZZ_RUNS ?? 50);
const seed = process.env.VAULTCRAFT_FUZZ_SEED;
const settings = { numRuns: runs, ...(seed !== undefined && { seed: Number(seed) }) };
const names = Object.keys(endpoints) as EndpointName[];

/** Strips what fetch strips from a header value: leading and trailing spaces and tabs. */
function normalizedHeader(value: string): string {
  return value.replace(/^[\t ]+|[\t ]+$/g, '');
}

/** Percent-decodes a path and query part by part: one bad escape leaves the others decoded. */
function decoded(path: string): string {
  return path
    .split(/([/?&=])/)
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    })
    .join('');
}

/**
 * A password a request carries: a secret that no error answer or log line may show. Not when
 * the same text is also elsewhere in the request (an unknown query parameter's name is echoed
 * in a validation answer, and may happen to equal the password).
 */
function passwordOf(request: FuzzRequest): string | undefined {
  let body: { password?: unknown } | null;
  try {
    body = JSON.parse(request.body ?? 'null') as { password?: unknown } | null;
  } catch {
    return undefined;
  }
  const password = body?.password;
  if (typeof password !== 'string' || password.length < 8) return undefined;
  // From the text, not re-serialized: a body nested 5,000 levels deep overflows stringify.
  const quoted = JSON.stringify(password);
  const elsewhere = `${decoded(request.path)} ${(request.body ?? '').replace(quoted, '')}`;
  return elsewhere.includes(password) || elsewhere.includes(quoted.slice(1, -1))
    ? undefined
    : password;
}

/**
 * Requests that once failed, run first on every run (as fast-check examples): a body nested
 * 5,000 levels deep holding the text "__proto__" was a 500; a NUL in a login email was a 500
 * on PostgreSQL; an unknown query parameter, a body on DELETE, a wallet filter naming no
 * wallet and a deposit or withdrawal naming the SYSTEM wallet answered codes the OpenAPI
 * document did not list; a URL over 16 KiB got Fastify's own body, without the request id
 * and the security headers.
 */
function regressions(name: EndpointName, own: OrganizationFixture): FuzzRequest[] {
  const owner = { authorization: `Bearer ${own.ownerToken}` };
  const json = { 'content-type': 'application/json' };
  const endpoint = endpoints[name];
  const path = endpoint.path.replace('{id}', own.wallets.usd);
  const examples: FuzzRequest[] = [
    { method: endpoint.method, path: `${path}?__proto__=x`, headers: owner },
    { method: endpoint.method, path: `${path}?q=${'x'.repeat(20_000)}`, headers: owner },
  ];
  if (endpoint.method !== 'GET') {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const body = `{"note":"__proto__","deep":${deep}}`;
    examples.push({ method: endpoint.method, path, headers: { ...owner, ...json }, body });
  }
  if (name === 'auth.login') {
    const body = JSON.stringify({ email: 'a\u0000b@example.com', password: 'whatever password' });
    examples.push({ method: 'POST', path, headers: json, body });
  }
  if (name === 'transactions.deposit' || name === 'transactions.withdrawal') {
    const body = JSON.stringify({ wallet_id: own.wallets.system, amount: '1.00' });
    examples.push({ method: 'POST', path, headers: { ...owner, ...json }, body });
  }
  if (name === 'transactions.list') {
    examples.push({ method: 'GET', path: `${path}?wallet_id=${own.ownerId}`, headers: owner });
  }
  if (name === 'apiKeys.revoke') {
    examples.push({ method: 'DELETE', path, headers: { ...owner, ...json }, body: '{"a":' });
  }
  return examples;
}

/** Header lines that break HTTP framing or carry bytes fetch refuses to send. */
const rawHeaderLines = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('X-Request-Id', 'Idempotency-Key', 'Authorization', 'Content-Type', 'X-Any'),
      fc.string({
        unit: fc.integer({ min: 0, max: 0xff }).map((code) => String.fromCharCode(code)),
        minLength: 1,
        maxLength: 40,
      }),
    )
    .map(([name, value]) => `${name}: ${value.replace(/\r\n/g, '\n')}\r\n`),
  fc.constantFrom(
    'Content-Length: abc\r\n',
    'Content-Length: 5\r\nContent-Length: 6\r\n',
    'Transfer-Encoding: chunked\r\n',
    'Transfer-Encoding: chunked\r\nContent-Length: 2\r\n',
    'Transfer-Encoding: gzip, chunked\r\n',
    `X-Big: ${'a'.repeat(20_000)}\r\n`,
    'Bad Header Name: x\r\n',
    ' folded continuation\r\n',
    'X-Request-Id: a\r\nX-Request-Id: b\r\n',
    'Idempotency-Key: a\r\nIdempotency-Key: b\r\n',
  ),
);

describe.each(backends)('fuzz (%s)', (backend) => {
  let server: TestServer;
  let probe: DatabaseProbe;
  let own: OrganizationFixture;
  let other: OrganizationFixture;
  let fields: FixtureFields;
  let baseline: string[];
  const counts = { cases: 0, successes: 0, rejections: 0 };

  beforeAll(async () => {
    // The rate limits are off: the fuzz is about validation, the attack suite tests the limits.
    server = await startTestServer(backend, {
      env: { VAULTCRAFT_LOGIN_RATE_LIMIT: '0', VAULTCRAFT_SIGNUP_RATE_LIMIT: '0' },
    });
    own = await buildOrganization(server, 'Fuzz A');
    other = await buildOrganization(server, 'Fuzz B');
    fields = fixtureFields(own, other);
    probe = await openDatabaseProbe(server);
    baseline = await probe.snapshot();
  });

  afterAll(async () => {
    await probe?.close();
    await server?.close();
    console.info(`fuzz (${backend}): ${JSON.stringify(counts)}`);
  });

  /** A rejected request left the database as it was; a success moves the baseline. */
  async function expectUnchangedUnless(outcome: 'success' | object): Promise<void> {
    const now = await probe.snapshot();
    if (outcome === 'success') {
      counts.successes += 1;
      baseline = now;
    } else {
      counts.rejections += 1;
      expect(now).toEqual(baseline);
    }
  }

  it.each(names)(
    'answers every generated %s request with its success or a documented 4xx, changing nothing when rejected',
    async (name) => {
      const endpoint = endpoints[name];
      await fc.assert(
        fc.asyncProperty(requestsOf(name, { own, other, fields }), async (request) => {
          counts.cases += 1;
          const logStart = server.logs.length;
          const answer = await sendFuzz(server.url, request);
          if (answer.status >= 500) {
            const errors = server.logs
              .slice(logStart)
              .filter((line) => line.includes('"level":50'));
            expect.fail(`${answer.status} ${answer.text}\n${errors.join('\n').slice(0, 2000)}`);
          }
          const outcome = expectEndpointAnswer(endpoint, answer);
          const sentId = request.headers['x-request-id'];
          // Node refuses a request line and headers over 16 KiB before anyone reads the id.
          const headBytes = request.path.length + JSON.stringify(request.headers).length;
          if (sentId !== undefined && headBytes < 16_000) {
            const kept = requestIdSchema.safeParse(normalizedHeader(sentId)).success;
            const echoed = answer.headers.get('x-request-id') === normalizedHeader(sentId);
            expect(echoed, `X-Request-Id ${JSON.stringify(sentId)} kept: ${kept}`).toBe(kept);
          }
          const password = passwordOf(request);
          if (password !== undefined) {
            const shown = JSON.stringify(password).slice(1, -1);
            if (outcome !== 'success') {
              expect(answer.text.includes(shown), `password in ${answer.text}`).toBe(false);
            }
            for (const line of server.logs.slice(logStart)) {
              expect(line.includes(shown), line).toBe(false);
            }
          }
          await expectUnchangedUnless(outcome);
        }),
        { ...settings, examples: regressions(name, own).map((request) => [request]) },
      );
    },
  );

  it("answers a request followed by unreadable bytes with that request's own answer", async () => {
    const created = await server.request('POST', '/api/v1/api-keys', {
      token: own.ownerToken,
      body: { name: 'pipelined', role: 'MEMBER' },
    });
    expect(created.status, created.text).toBe(201);
    // No Content-Length: "0\r\n\r\n" is the next pipelined request, which Node cannot parse.
    // That once wrote a 400 as the answer to the DELETE, which had revoked the key.
    const answer = await sendRaw(
      server.url,
      `DELETE /api/v1/api-keys/${created.body.id} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${own.ownerToken}\r\nConnection: close\r\n\r\n0\r\n\r\n`,
    );
    expect(answer.status, answer.text).toBe(204);
    const keys = await server.request('GET', '/api/v1/api-keys?page_size=100', {
      token: own.ownerToken,
    });
    expect(keys.body.items.map((key: { id: string }) => key.id)).not.toContain(created.body.id);
    baseline = await probe.snapshot();
  });

  it('answers raw requests with broken framing or control bytes in headers with the error body', async () => {
    const targets = [
      'GET /api/v1/wallets',
      'POST /api/v1/transactions/transfer',
      `GET /api/v1/wallets/${own.wallets.usd}/balance`,
      `DELETE /api/v1/api-keys/${own.spareKeyId}`,
    ];
    const rawRequest = fc.record({
      target: fc.constantFrom(...targets),
      lines: fc.array(rawHeaderLines, { minLength: 1, maxLength: 3 }),
      // Never a body the server must wait for (chunked without its last chunk): it would.
      body: fc.constantFrom('{}', 'zz\r\n', '0\r\n\r\n', '{"amount":"1"'),
    });
    await fc.assert(
      fc.asyncProperty(rawRequest, async ({ target, lines, body }) => {
        counts.cases += 1;
        const answer: Answer = await sendRaw(
          server.url,
          `${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${own.ownerToken}\r\n${lines.join('')}Connection: close\r\n\r\n${body}`,
        );
        expect(answer.status, answer.text).not.toBe(0);
        const outcome = answer.status < 300 ? 'success' : expectErrorAnswer(answer);
        await expectUnchangedUnless(outcome);
      }),
      {
        ...settings,
        // Once answered with Fastify's own body, without the request id and security headers.
        examples: [
          [{ target: targets[0]!, lines: ['X-Request-Id: \u0001\r\n'], body: '' }],
          [{ target: targets[1]!, lines: ['Content-Length: abc\r\n'], body: '{}' }],
        ],
      },
    );
  });

  // Runs last: over every log line the fuzz produced.
  it('never logged a credential, a stored hash or a password hash', async () => {
    const { passwordHashes, apiKeyHashes } = await probe.secrets();
    const secrets = [
      ...[own, other].flatMap((fixture) => [
        fixture.ownerToken,
        fixture.memberToken,
        fixture.adminKey,
        fixture.memberKey,
      ]),
      ...passwordHashes,
      ...apiKeyHashes,
    ];
    expect(server.logs.length).toBeGreaterThan(counts.cases);
    for (const line of server.logs) {
      expect(line).not.toMatch(/scrypt\$/);
      for (const secret of secrets) {
        expect(line.includes(secret), line.slice(0, 300)).toBe(false);
      }
    }
  });
});
