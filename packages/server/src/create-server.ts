import { openPostgresStore } from '@vaultcraft/adapters/postgres';
import { openSqliteStore } from '@vaultcraft/adapters/sqlite';
import {
  type Clock,
  ConfigurationError,
  createVault,
  isVaultError,
  type LedgerStore,
  systemClock,
  uuidV7Generator,
  type Vault,
} from '@vaultcraft/core';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from './config/server-config.js';
import { buildApp, type LogOptions } from './http/build-app.js';
import type { Services } from './http/handler-types.js';
import { identityHandlers } from './http/identity-handlers.js';
import { ledgerHandlers } from './http/ledger-handlers.js';
import { createRateLimiter } from './http/rate-limiter.js';
import { createStoredResponses } from './http/stored-responses.js';
import { createTokenService } from './http/token-service.js';
import type { IdentityStore } from './identity/identity-store.js';
import { openPostgresIdentityStore } from './identity/postgres-identity-store.js';
import { openSqliteIdentityStore } from './identity/sqlite-identity-store.js';
import { buildOpenApiDocument } from './openapi/build-openapi-document.js';
import { renderDocsPage } from './openapi/render-docs-page.js';
import { serverVersion } from './server-version.js';

/** Options of {@link createServer}. */
export interface CreateServerOptions {
  readonly config: ServerConfig;
  /** Log level and destination; defaults to the config's level on stdout. */
  readonly log?: Partial<LogOptions>;
  /** The clock of the ledger and of tokens' records (tests). */
  readonly clock?: Clock;
}

/** A server, opened but not yet listening. */
export interface VaultCraftServer {
  readonly app: FastifyInstance;
  readonly vault: Vault;
  readonly config: ServerConfig;
  /** Starts listening on the configured host and port; resolves to the URL it listens on. */
  listen(): Promise<string>;
  /**
   * Stops accepting connections, lets in-flight requests finish, then closes the database
   * connections. Idempotent.
   */
  close(): Promise<void>;
}

/**
 * The adapters name their own options (`url`, `path`); whoever runs the server knows only
 * `DATABASE_URL`, so that is the setting a database configuration error names.
 */
function asDatabaseUrlError(error: unknown): unknown {
  if (!isVaultError(error) || error.code !== 'CONFIGURATION_ERROR') {
    return error;
  }
  const { setting } = error.details as { setting?: unknown };
  if (setting !== 'url' && setting !== 'path') {
    return error;
  }
  return new ConfigurationError('DATABASE_URL', error.message.slice(setting.length + 2), {
    cause: error,
  });
}

async function openStores(
  config: ServerConfig,
): Promise<{ store: LedgerStore; identity: IdentityStore }> {
  try {
    return await openDatabase(config);
  } catch (error) {
    throw asDatabaseUrlError(error);
  }
}

async function openDatabase(
  config: ServerConfig,
): Promise<{ store: LedgerStore; identity: IdentityStore }> {
  const { database } = config;
  if (database.kind === 'sqlite') {
    const store = await openSqliteStore({ path: database.path });
    try {
      return { store, identity: await openSqliteIdentityStore({ path: database.path }) };
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  const store = await openPostgresStore({ url: database.url });
  try {
    return { store, identity: await openPostgresIdentityStore({ url: database.url }) };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Stored answers of idempotent server-side POSTs are kept 24 h (API.md: at least 24 h). */
const storedResponsesKeptMs = 24 * 3_600_000;

/**
 * Deletes expired stored answers once an hour. The timer does not keep the process alive, and
 * a failed purge (database away) is logged and retried at the next tick.
 */
function schedulePurgeOfStoredResponses(
  identity: IdentityStore,
  clock: Clock,
  app: FastifyInstance,
): NodeJS.Timeout {
  const timer = setInterval(() => {
    identity
      .deleteResponsesBefore(new Date(clock().getTime() - storedResponsesKeptMs))
      .catch((error: unknown) => app.log.warn({ err: error }, 'purge of stored responses failed'));
  }, 3_600_000);
  timer.unref();
  return timer;
}

/**
 * Opens the database (applying pending migrations of the ledger and of the server's own
 * tables, the same code path as `vaultcraft migrate`) and builds the application. Nothing
 * listens until {@link VaultCraftServer.listen}.
 *
 * @throws `CONFIGURATION_ERROR` naming `DATABASE_URL` when the database cannot be opened.
 * @example
 * ```ts
 * import { createServer, loadConfig } from '@vaultcraft/server';
 *
 * const server = await createServer({ config: await loadConfig() });
 * console.log(`listening on ${await server.listen()}`);
 * ```
 */
export async function createServer(options: CreateServerOptions): Promise<VaultCraftServer> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const ids = uuidV7Generator(() => clock().getTime());
  const { store, identity } = await openStores(config);
  const vault = createVault({ store, clock, ids, currencies: config.currencies });
  const version = serverVersion;
  const services: Services = {
    vault,
    identity,
    tokens: createTokenService({
      secret: config.jwt.secret,
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      ttlSeconds: config.jwt.tokenTtlSeconds,
    }),
    storedResponses: createStoredResponses({ identity, vault, secret: config.jwt.secret }),
    rateLimits: {
      signup: createRateLimiter({ limit: config.rateLimits.signupPerHour, windowMs: 3_600_000 }),
      login: createRateLimiter({ limit: config.rateLimits.loginPerMinute, windowMs: 60_000 }),
      // Ten emails' worth per IP: enough for a shared office NAT, not for spraying emails.
      loginPerIp: createRateLimiter({
        limit: config.rateLimits.loginPerMinute * 10,
        windowMs: 60_000,
      }),
    },
    clock,
    ids,
    version,
  };
  const openApi = buildOpenApiDocument({ version });
  const app = buildApp({
    services,
    handlers: { ...identityHandlers, ...ledgerHandlers },
    log: {
      level: options.log?.level ?? config.logLevel,
      ...(options.log?.stream && { stream: options.log.stream }),
    },
    trustProxy: config.trustProxy,
    documents: { openApiJson: JSON.stringify(openApi), docsHtml: renderDocsPage(openApi) },
    requestIds: uuidV7Generator(),
  });
  const purge = schedulePurgeOfStoredResponses(identity, clock, app);
  let closing: Promise<void> | undefined;
  return {
    app,
    vault,
    config,
    async listen() {
      const address = await app.listen({ port: config.port, host: config.host });
      return address;
    },
    close() {
      closing ??= (async () => {
        clearInterval(purge);
        try {
          await app.close();
        } finally {
          await Promise.allSettled([vault.close(), identity.close()]);
        }
      })();
      return closing;
    },
  };
}
