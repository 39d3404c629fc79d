import { dirname, resolve } from 'node:path';
import { ConfigurationError } from '@vaultcraft/core';
import { checkUnknownVariables } from './check-unknown-variables.js';
import { loadDevelopmentJwtSecret } from './development-jwt-secret.js';
import { type ParsedEnvironment, parseEnvironment } from './parse-environment.js';
import type { JwtConfig, ServerConfig } from './server-config.js';

/**
 * Reads the server's configuration from environment variables, validates it and fills in the
 * defaults. Variables, in the order they are checked (an empty value counts as unset):
 *
 * | variable | default | accepted |
 * | --- | --- | --- |
 * | `NODE_ENV` | - | `production` turns on the production rules |
 * | `PORT` | 8000 | an integer 0..65535 (0 picks a free port) |
 * | `HOST` | `127.0.0.1` | a host name or IP; set `0.0.0.0` in a container or behind a proxy |
 * | `DATABASE_URL` | `./data/vaultcraft.db` | a SQLite path, `sqlite:<path>`, `sqlite://<path>`, `file:<path>`, `postgres://...`, `postgresql://...` |
 * | `VAULTCRAFT_DATA_DIR` | the SQLite file's directory, else `./data` | a directory |
 * | `VAULTCRAFT_JWT_SECRET` | generated in development | at least 32 characters; required in production |
 * | `VAULTCRAFT_JWT_ISSUER` | `vaultcraft` | printable ASCII |
 * | `VAULTCRAFT_JWT_AUDIENCE` | `vaultcraft-api` | printable ASCII |
 * | `VAULTCRAFT_TOKEN_TTL_SECONDS` | 3600 | 60..2592000 (30 days) |
 * | `LOG_LEVEL` | `info` | fatal, error, warn, info, debug, trace, silent |
 * | `VAULTCRAFT_SIGNUP_RATE_LIMIT` | 30 | signups per hour per IP, 0..1000000, 0 disables |
 * | `VAULTCRAFT_LOGIN_RATE_LIMIT` | 10 | logins per minute per IP and email, 0..1000000, 0 disables |
 * | `VAULTCRAFT_CURRENCIES` | none | custom assets `CODE:scale,...` (`POINTS:0,GOLD:4`), never an ISO 4217 code |
 * | `VAULTCRAFT_TRUST_PROXY` | false | true, false, 1, 0 |
 *
 * `HOST` defaults to the loopback interface so that a development server is not reachable
 * from the network by accident; a deployment sets it. Any other `VAULTCRAFT_*` variable is an
 * error (a misspelt setting must not be ignored), except those of the project's test tooling
 * (`VAULTCRAFT_TEST_*`, `VAULTCRAFT_PRINT_PLANS`). Relative paths are resolved against `cwd`.
 *
 * No `.env` file is read, ever: the original service loaded one from the working directory,
 * and it silently overrode the configuration that operators had set. The environment given
 * here is the only source.
 *
 * Without `VAULTCRAFT_JWT_SECRET` outside production, a secret is generated once into
 * `<dataDir>/jwt-secret` (mode 0600) and reused on later starts, and `warnings` says so.
 *
 * @throws ConfigurationError (`CONFIGURATION_ERROR`) whose `setting` is the name of the first
 *   bad variable and whose message says what is wrong and what is expected.
 *
 * @example
 * ```ts
 * const config = await loadConfig({ PORT: '3000', VAULTCRAFT_JWT_SECRET: secret });
 * config.port; // 3000
 * config.database; // { kind: 'sqlite', path: '<cwd>/data/vaultcraft.db' }
 * ```
 */
export async function loadConfig(
  env: Record<string, string | undefined> = process.env,
  options: { cwd?: string } = {},
): Promise<ServerConfig> {
  const cwd = resolve(options.cwd ?? process.cwd());
  checkUnknownVariables(env);
  const parsed = parseEnvironment({ env, cwd });
  const production = parsed.NODE_ENV === 'production';
  const dataDir = resolveDataDir(parsed, cwd);
  const warnings: string[] = [];
  const jwt = await settleJwt({ parsed, production, dataDir, warnings });
  return Object.freeze({
    port: parsed.PORT,
    host: parsed.HOST,
    database: Object.freeze(parsed.DATABASE_URL),
    jwt,
    logLevel: parsed.LOG_LEVEL,
    rateLimits: Object.freeze({
      signupPerHour: parsed.VAULTCRAFT_SIGNUP_RATE_LIMIT,
      loginPerMinute: parsed.VAULTCRAFT_LOGIN_RATE_LIMIT,
    }),
    currencies: parsed.VAULTCRAFT_CURRENCIES,
    trustProxy: parsed.VAULTCRAFT_TRUST_PROXY,
    production,
    dataDir,
    warnings: Object.freeze(warnings),
  });
}

/** The part of the configuration that names the database: what `migrate` and `verify` need. */
export type DatabaseSettings = Pick<
  ServerConfig,
  'database' | 'currencies' | 'dataDir' | 'production'
>;

/**
 * Validates the environment like {@link loadConfig} but settles only the database settings:
 * `vaultcraft migrate` and `vaultcraft verify` need no JWT secret, so they neither demand one
 * in production nor write a development secret next to the database.
 *
 * @throws ConfigurationError (`CONFIGURATION_ERROR`) naming the first bad variable.
 * @example
 * ```ts
 * const { database } = loadDatabaseSettings({ DATABASE_URL: 'postgres://localhost/ledger' });
 * ```
 */
export function loadDatabaseSettings(
  env: Record<string, string | undefined> = process.env,
  options: { cwd?: string } = {},
): DatabaseSettings {
  const cwd = resolve(options.cwd ?? process.cwd());
  checkUnknownVariables(env);
  const parsed = parseEnvironment({ env: { ...env, VAULTCRAFT_JWT_SECRET: undefined }, cwd });
  return Object.freeze({
    database: Object.freeze(parsed.DATABASE_URL),
    currencies: parsed.VAULTCRAFT_CURRENCIES,
    dataDir: resolveDataDir(parsed, cwd),
    production: parsed.NODE_ENV === 'production',
  });
}

function resolveDataDir(parsed: ParsedEnvironment, cwd: string): string {
  if (parsed.VAULTCRAFT_DATA_DIR !== undefined) {
    return resolve(cwd, parsed.VAULTCRAFT_DATA_DIR);
  }
  const database = parsed.DATABASE_URL;
  if (database.kind === 'sqlite' && database.path !== ':memory:') {
    return dirname(database.path);
  }
  return resolve(cwd, 'data');
}

async function settleJwt(options: {
  parsed: ParsedEnvironment;
  production: boolean;
  dataDir: string;
  warnings: string[];
}): Promise<JwtConfig> {
  const { parsed } = options;
  const common = {
    issuer: parsed.VAULTCRAFT_JWT_ISSUER,
    audience: parsed.VAULTCRAFT_JWT_AUDIENCE,
    tokenTtlSeconds: parsed.VAULTCRAFT_TOKEN_TTL_SECONDS,
  };
  // A too-short secret was refused while parsing, in production or not.
  if (parsed.VAULTCRAFT_JWT_SECRET !== undefined) {
    return Object.freeze({ secret: parsed.VAULTCRAFT_JWT_SECRET, secretFile: null, ...common });
  }
  if (options.production) {
    throw new ConfigurationError(
      'VAULTCRAFT_JWT_SECRET',
      'is required when NODE_ENV=production: a secret of at least 32 characters, shared by ' +
        'every server process (generate one with: openssl rand -base64 48)',
    );
  }
  const kept = await loadDevelopmentJwtSecret(options.dataDir);
  options.warnings.push(
    `VAULTCRAFT_JWT_SECRET is not set: ${kept.created ? 'generated a development secret into' : 'using the development secret kept in'} ${kept.file}. Set VAULTCRAFT_JWT_SECRET in production.`,
  );
  return Object.freeze({ secret: kept.secret, secretFile: kept.file, ...common });
}
