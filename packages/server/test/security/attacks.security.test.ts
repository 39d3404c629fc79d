// Proves that hostile callers get nothing, on SQLite and PostgreSQL, against one server per
// backend holding a victim and an attacker organization (each test either only sends refused
// requests or works on resources it creates itself): forged JWTs (alg none, wrong secret,
// other HMAC sizes, RS256/ES256 with keys of their own, an HS256 token keyed by a public key,
// expired, not yet valid, wrong issuer or audience, each claim missing or mistyped), the token
// of a deleted user, revoked and altered API keys answer 401; another organization's ids and
// wallets answer 404 on every endpoint that names one; a MEMBER user and a MEMBER key get 403
// on every admin endpoint of the table and on money they do not own. Every refused request
// leaves the database snapshot unchanged and carries the error body of API.md and the security
// headers; after each test no answer or log line shows a password, token, key, key hash or
// stored password hash (read from the database). Login brute force meets the rate limit.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../e2e/e2e-harness.js';
import type { TestResponse } from '../test-server.js';
import {
  adminEndpoints,
  crossTenantProbes,
  endpointsNamingResources,
  memberForbiddenProbes,
  type Probe,
} from './attack-probes.js';
import {
  closeScene,
  credentialProbes,
  expectNoSecretShown,
  expectRefused,
  openScene,
  type Scene,
} from './attack-scene.js';
import { type Answer, expectErrorAnswer, expectSecurityHeaders } from './expect-answer.js';
import { forgedTokens, hmacToken, validPayload } from './forge-token.js';
import { fixturePassword } from './security-fixture.js';
import { sendRaw } from './send-request.js';

describe.each(backends)('attacks (%s)', (backend) => {
  let scene: Scene;
  beforeAll(async () => {
    scene = await openScene(backend);
  });
  afterEach(async () => {
    await expectNoSecretShown(scene);
  });
  afterAll(async () => {
    console.info(`attacks (${backend}): ${scene?.server.exchanges.length} requests recorded`);
    await closeScene(scene);
  });

  it('answers 401 to forged, expired and mis-addressed tokens, and accepts the control', async () => {
    const { victim, attacker, server } = scene;
    const claims = { sub: victim.ownerId, org: victim.organizationId, role: 'OWNER' };
    // The control: a token made the same way with nothing changed is accepted.
    const control = await server.request('GET', '/api/v1/auth/me', {
      token: hmacToken({ payload: validPayload(claims) }),
    });
    expect(control.status, control.text).toBe(200);
    expectSecurityHeaders(control);
    const forged = await forgedTokens({ claims, otherOrganizationId: attacker.organizationId });
    await expectRefused(scene, {
      probes: credentialProbes(victim),
      credentials: forged,
      code: 'UNAUTHORIZED',
    });
  });

  it("answers 401 to a deleted user's token, and acts on the stored role, not the token's", async () => {
    const { victim, server, database } = scene;
    const email = `doomed-${backend}@example.com`;
    const created = await server.request('POST', '/api/v1/organization/users', {
      token: victim.ownerToken,
      body: { email, password: fixturePassword, full_name: 'Doomed', role: 'MEMBER' },
    });
    expect(created.status, created.text).toBe(201);
    const login = await server.request('POST', '/api/v1/auth/login', {
      body: { email, password: fixturePassword },
    });
    const token = login.body.access_token as string;
    // Its token claiming OWNER, signed with the server's own secret, still acts as a MEMBER.
    const claimsOwner = hmacToken({
      payload: validPayload({ sub: created.body.id, org: victim.organizationId, role: 'OWNER' }),
    });
    const [, ...adminProbes] = credentialProbes(victim);
    const credentials = { 'MEMBER token claiming OWNER': claimsOwner };
    await expectRefused(scene, { probes: adminProbes, credentials, code: 'FORBIDDEN' });
    expect((await server.request('GET', '/api/v1/auth/me', { token })).body?.role).toBe('MEMBER');
    await database.deleteUser(created.body.id);
    await expectRefused(scene, {
      probes: credentialProbes(victim),
      credentials: { 'deleted user': token, 'deleted user claiming OWNER': claimsOwner },
      code: 'UNAUTHORIZED',
    });
  });

  it('answers 401 to a revoked API key and to every one-character change of a live key', async () => {
    const { victim, server } = scene;
    const created = await server.request('POST', '/api/v1/api-keys', {
      token: victim.ownerToken,
      body: { name: 'soon revoked', role: 'ADMIN' },
    });
    const revoked = created.body.key as string;
    expect((await server.request('GET', '/api/v1/auth/me', { token: revoked })).status).toBe(200);
    const revocation = await server.request('DELETE', `/api/v1/api-keys/${created.body.id}`, {
      token: victim.ownerToken,
    });
    expect(revocation.status).toBe(204);
    expectSecurityHeaders(revocation);
    await expectRefused(scene, {
      probes: credentialProbes(victim),
      credentials: { revoked },
      code: 'UNAUTHORIZED',
    });
    const key = victim.adminKey;
    const altered: Record<string, string> = {
      'upper-cased': key.toUpperCase(),
      'one more character': `${key}A`,
      // Prefixes of the key show in the answer that created it: not sent through the scan.
      'one character less': key.slice(0, -1),
      'the prefix only': key.slice(0, 16),
    };
    for (let index = 0; index < key.length; index += 1) {
      const replacement = key[index] === 'A' ? 'B' : 'A';
      altered[`character ${index} changed`] =
        `${key.slice(0, index)}${replacement}${key.slice(index + 1)}`;
    }
    await expectRefused(scene, {
      probes: credentialProbes(victim).slice(0, 1),
      credentials: altered,
      code: 'UNAUTHORIZED',
      unrecorded: true,
    });
    // The key itself still works: each refusal above was for the change alone.
    expect((await server.request('GET', '/api/v1/auth/me', { token: key })).status).toBe(200);
  });

  it("answers 404 on every endpoint naming another organization's id or wallet", async () => {
    const { victim, attacker } = scene;
    const probes = crossTenantProbes(victim, attacker);
    const covered = new Set(probes.map((probe) => probe.endpoint));
    expect(covered).toEqual(new Set(endpointsNamingResources()));
    await expectRefused(scene, {
      probes,
      credentials: { 'owner token': attacker.ownerToken, 'admin key': attacker.adminKey },
      code: 'NOT_FOUND',
    });
  });

  it('answers 403 to a MEMBER user and key on every admin endpoint and on money they do not own', async () => {
    const { victim } = scene;
    const probes = memberForbiddenProbes(victim);
    const covered = new Set(probes.map((probe) => probe.endpoint));
    for (const name of adminEndpoints()) expect(covered, name).toContain(name);
    await expectRefused(scene, {
      probes,
      credentials: { 'MEMBER user': victim.memberToken, 'MEMBER key': victim.memberKey },
      code: 'FORBIDDEN',
    });
    // An ADMIN may do all of that, except create an OWNER.
    const owners: Probe[] = [
      {
        endpoint: 'users.create',
        label: 'an OWNER user',
        method: 'POST',
        path: '/api/v1/organization/users',
        body: { email: 'o2@example.com', password: fixturePassword, full_name: 'O', role: 'OWNER' },
      },
      {
        endpoint: 'apiKeys.create',
        label: 'an OWNER key',
        method: 'POST',
        path: '/api/v1/api-keys',
        body: { name: 'o', role: 'OWNER' },
      },
    ];
    const credentials = { 'ADMIN key': victim.adminKey };
    await expectRefused(scene, { probes: owners, credentials, code: 'FORBIDDEN' });
  });

  it('sends the security headers and the error body with every kind of error', async () => {
    const { server, victim } = scene;
    const token = victim.ownerToken;
    const usd = victim.wallets.usd;
    const post = (path: string, body: unknown) => server.request('POST', path, { token, body });
    const errors: Record<string, [string, Answer]> = {
      'malformed JSON': [
        'MALFORMED_JSON',
        await server.request('POST', '/api/v1/wallets', { token, rawBody: '{' }),
      ],
      unauthorized: ['UNAUTHORIZED', await server.request('GET', '/api/v1/wallets')],
      forbidden: [
        'FORBIDDEN',
        await server.request('GET', '/api/v1/api-keys', { token: victim.memberToken }),
      ],
      'unknown id': [
        'NOT_FOUND',
        await server.request('GET', `/api/v1/wallets/${victim.ownerId}`, { token }),
      ],
      'unknown route': ['NOT_FOUND', await server.request('GET', '/api/v1/nothing', { token })],
      'bad percent-encoding': [
        'NOT_FOUND',
        await server.request('GET', '/api/v1/wallets/%zz', { token }),
      ],
      conflict: [
        'PRIMARY_WALLET_EXISTS',
        await post('/api/v1/wallets', { name: 'Twice', wallet_type: 'PRIMARY', currency: 'USD' }),
      ],
      'too large': [
        'PAYLOAD_TOO_LARGE',
        await server.request('POST', '/api/v1/wallets', {
          token,
          rawBody: `{"name":"${'x'.repeat(1024 * 1024)}"}`,
        }),
      ],
      validation: [
        'VALIDATION_ERROR',
        await server.request('GET', '/api/v1/wallets?page=0', { token }),
      ],
      'business rule': [
        'SAME_WALLET',
        await post('/api/v1/transactions/transfer', {
          from_wallet_id: usd,
          to_wallet_id: usd,
          amount: '1',
        }),
      ],
      // What Node's HTTP parser refuses is answered the same way (it once got Fastify's body).
      'unreadable request': [
        'MALFORMED_JSON',
        await sendRaw(
          server.url,
          'GET /api/v1/wallets HTTP/1.1\r\nHost: x\r\nX-Request-Id: a\u0001b\r\nConnection: close\r\n\r\n',
        ),
      ],
    };
    for (const [label, [code, response]] of Object.entries(errors)) {
      expect(`${label}: ${expectErrorAnswer(response).code}`).toBe(`${label}: ${code}`);
    }
  });
});

// The rate limiters live in the HTTP layer, the same for both stores.
describe('login brute force (sqlite)', () => {
  let scene: Scene;
  beforeAll(async () => {
    scene = await openScene('sqlite', {
      VAULTCRAFT_LOGIN_RATE_LIMIT: '1',
      VAULTCRAFT_SIGNUP_RATE_LIMIT: '3',
    });
  });
  afterAll(() => closeScene(scene));

  it('answers 429 with Retry-After once attempts run out, per IP and email, then per IP', async () => {
    const { server, victim, database } = scene;
    const login = (email: string, password: string) =>
      server.request('POST', '/api/v1/auth/login', { body: { email, password } });
    const expectLimited = (response: TestResponse, windowSeconds: number) => {
      const error = expectErrorAnswer(response);
      expect(error.code, response.text).toBe('RATE_LIMITED');
      const retryAfter = Number(response.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
      expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
      expect(error.details).toEqual({ retry_after_seconds: retryAfter });
    };
    const before = await database.snapshot();
    // One attempt per IP and email per minute: the second is refused, the right password too.
    expect(expectErrorAnswer(await login(victim.ownerEmail, 'wrong horse battery')).code).toBe(
      'INVALID_CREDENTIALS',
    );
    expectLimited(await login(victim.ownerEmail, fixturePassword), 60);
    expectLimited(await login(victim.ownerEmail.toUpperCase(), fixturePassword), 60);
    // Rotating emails buys at most ten attempts per minute from one IP: the fixture's two
    // MEMBER logins and the three attempts above (refused ones count) leave five.
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      statuses.push((await login(`guess-${attempt}@example.com`, fixturePassword)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expectLimited(await login('late@example.com', fixturePassword), 60);
    // Signup: the two fixture organizations used two of the three signups of this IP.
    const signupBody = (email: string) => ({
      email,
      password: fixturePassword,
      full_name: 'Late',
      organization_name: 'Late',
    });
    const third = await server.request('POST', '/api/v1/auth/signup', {
      body: signupBody('third@example.com'),
    });
    expect(third.status, third.text).toBe(201);
    expectLimited(
      await server.request('POST', '/api/v1/auth/signup', {
        body: signupBody('fourth@example.com'),
      }),
      3600,
    );
    // Only the third signup wrote: one more organization and user.
    const count = (lines: string[], table: string) =>
      Number(lines.find((line) => line.startsWith(`${table} `))?.split(' ')[1]);
    const after = await database.snapshot();
    expect(count(after, 'users')).toBe(count(before, 'users') + 1);
    expect(count(after, 'organizations')).toBe(count(before, 'organizations') + 1);
    await expectNoSecretShown(scene);
  });
});
