import { type EndpointResponse, emailSchema } from '@vaultcraft/client/contract';
import { ConflictError, VaultError } from '@vaultcraft/core';
import { generateApiKey } from '../identity/api-key-secret.js';
import {
  EmailTakenError,
  type StoredResponse,
  type UserRecord,
} from '../identity/identity-store.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../identity/password-hash.js';
import { listApiKeysPage } from './api-key-pages.js';
import { RateLimitedError } from './error-reply.js';
import { type Call, callerOf, type Handlers } from './handler-types.js';
import { wireApiKey, wireApiKeyIdentity, wireOrganization, wireUser } from './wire-mappers.js';

type IdentityHandlers = Pick<
  Handlers,
  | 'health.check'
  | 'auth.signup'
  | 'auth.login'
  | 'auth.me'
  | 'organization.retrieve'
  | 'users.create'
  | 'apiKeys.create'
  | 'apiKeys.list'
  | 'apiKeys.revoke'
>;

/** Turns an answer into the stored response kept with the row it reports. */
type Keep<T> = (answer: T) => StoredResponse;

function emailTaken(): ConflictError {
  return new ConflictError('EMAIL_TAKEN', 'A user with this email already exists');
}

async function issueToken(call: Call, user: UserRecord): Promise<EndpointResponse<'auth.login'>> {
  const { tokens } = call.services;
  const accessToken = await tokens.issue({
    userId: user.id,
    organizationId: user.organizationId,
    role: user.role,
  });
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: tokens.ttlSeconds,
    user: wireUser(user),
  };
}

function limit(call: Call, limiter: 'signup' | 'login' | 'loginPerIp', key: string): void {
  const verdict = call.services.rateLimits[limiter].hit(key);
  if (!verdict.allowed) {
    throw new RateLimitedError(verdict.retryAfterSeconds);
  }
}

/** Health, signup, login, the caller, the organization, its users and API keys. */
export const identityHandlers: IdentityHandlers = {
  async 'health.check'(_request, call) {
    const { vault, identity, version } = call.services;
    try {
      await Promise.all([vault.store.ping(), identity.ping()]);
      return { body: { status: 'healthy', database: 'ok', version } };
    } catch {
      return { status: 503, body: { status: 'unhealthy', database: 'unavailable', version } };
    }
  },

  async 'auth.signup'({ body }, call) {
    limit(call, 'signup', call.ip);
    const { vault, identity, ids, clock } = call.services;
    const email = body.email.toLowerCase();
    // Checked first so that a taken email creates no organization. Two signups racing for
    // one email can still both pass this check: the loser's organization then stays empty
    // (no user, no wallet, unreachable), documented in docs/server.md.
    if ((await identity.findUserByEmail(email)) !== null) {
      throw emailTaken();
    }
    const passwordHash = await hashPassword(body.password);
    const organization = await vault.organizations.create({ name: body.organization_name });
    const user: UserRecord = {
      id: ids(),
      organizationId: organization.id,
      email,
      fullName: body.full_name,
      role: 'OWNER',
      passwordHash,
      createdAt: clock(),
    };
    try {
      await identity.insertUser(user);
    } catch (error) {
      throw error instanceof EmailTakenError ? emailTaken() : error;
    }
    return { body: await issueToken(call, user) };
  },

  async 'auth.login'({ body }, call) {
    const email = body.email.toLowerCase();
    limit(call, 'loginPerIp', call.ip);
    limit(call, 'login', `${call.ip} ${email}`);
    // An email no signup could have stored names no user, and is not looked up: a NUL in it
    // would reach PostgreSQL, which refuses it in text (a 500 instead of this 401).
    const user = emailSchema.safeParse(email).success
      ? await call.services.identity.findUserByEmail(email)
      : null;
    // An unknown email costs one scrypt too: the answer and its timing do not tell whether
    // the email exists.
    const valid = await verifyPassword(
      body.password,
      user?.passwordHash ?? (await dummyPasswordHash()),
    );
    if (user === null || !valid) {
      throw new VaultError('INVALID_CREDENTIALS', 'Invalid email or password');
    }
    return { body: await issueToken(call, user) };
  },

  async 'auth.me'(_request, call) {
    const caller = callerOf(call);
    return {
      body: caller.kind === 'user' ? wireUser(caller.user) : wireApiKeyIdentity(caller.apiKey),
    };
  },

  async 'organization.retrieve'(_request, call) {
    const caller = callerOf(call);
    const organization = await call.services.vault.organizations.retrieve(caller.organizationId);
    return { body: wireOrganization(organization) };
  },

  async 'users.create'({ body }, call) {
    const caller = callerOf(call);
    if (body.role === 'OWNER' && caller.role !== 'OWNER') {
      throw new VaultError('FORBIDDEN', 'Only an OWNER may create an OWNER');
    }
    const { identity, ids, clock } = call.services;
    const email = body.email.toLowerCase();
    const create = async (store?: Keep<EndpointResponse<'users.create'>>) => {
      if ((await identity.findUserByEmail(email)) !== null) {
        throw emailTaken();
      }
      const user: UserRecord = {
        id: ids(),
        organizationId: caller.organizationId,
        email,
        fullName: body.full_name,
        role: body.role,
        passwordHash: await hashPassword(body.password),
        createdAt: clock(),
      };
      const answer = wireUser(user);
      try {
        await identity.insertUser(user, store?.(answer));
      } catch (error) {
        throw error instanceof EmailTakenError ? emailTaken() : error;
      }
      return answer;
    };
    if (call.idempotencyKey === undefined) {
      return { body: await create() };
    }
    return call.services.storedResponses.run(
      {
        organizationId: caller.organizationId,
        key: call.idempotencyKey,
        method: call.method,
        path: call.path,
        // The password is part of the request, but only a keyed digest is kept (the fingerprint).
        body,
        principal: caller.kind === 'user' ? caller.user.id : caller.apiKey.id,
        status: 201,
        now: clock(),
      },
      create,
    );
  },

  async 'apiKeys.create'({ body }, call) {
    const caller = callerOf(call);
    if (body.role === 'OWNER' && caller.role !== 'OWNER') {
      throw new VaultError('FORBIDDEN', 'Only an OWNER may create an OWNER key');
    }
    const { identity, ids, clock } = call.services;
    const create = async (store?: Keep<EndpointResponse<'apiKeys.create'>>) => {
      const secret = generateApiKey();
      const record = {
        id: ids(),
        organizationId: caller.organizationId,
        name: body.name,
        role: body.role,
        prefix: secret.prefix,
        keyHash: secret.keyHash,
        createdAt: clock(),
        revokedAt: null,
      };
      const answer = { ...wireApiKey(record), key: secret.key };
      await identity.insertApiKey(record, store?.(answer));
      return answer;
    };
    if (call.idempotencyKey === undefined) {
      return { body: await create() };
    }
    return call.services.storedResponses.run(
      {
        organizationId: caller.organizationId,
        key: call.idempotencyKey,
        method: call.method,
        path: call.path,
        body,
        principal: caller.kind === 'user' ? caller.user.id : caller.apiKey.id,
        status: 201,
        now: clock(),
      },
      create,
    );
  },

  async 'apiKeys.list'({ query }, call) {
    const caller = callerOf(call);
    const page = await listApiKeysPage(call.services.identity, caller.organizationId, query);
    return { body: { ...page, items: page.items.map(wireApiKey) } };
  },

  async 'apiKeys.revoke'({ params }, call) {
    const caller = callerOf(call);
    const revoked = await call.services.identity.revokeApiKey(
      caller.organizationId,
      params.id,
      call.services.clock(),
    );
    if (!revoked) {
      throw new VaultError('NOT_FOUND', `api key ${params.id} not found`, {
        details: { resource: 'api_key', id: params.id },
      });
    }
    return { body: undefined };
  },
};
