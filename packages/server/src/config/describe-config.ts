import type { DatabaseConfig, ServerConfig } from './server-config.js';

/**
 * The effective configuration for the start-up banner and logs, without secrets: the JWT
 * secret shows as `(set)` or `(generated, kept in <file>)`, and a PostgreSQL URL has its
 * password (in the user info or a `password` query parameter) replaced by `***`.
 *
 * @example
 * ```ts
 * for (const [name, value] of Object.entries(describeConfig(config))) {
 *   console.log(`${name}: ${value}`);
 * }
 * ```
 */
export function describeConfig(config: ServerConfig): Record<string, string | number | boolean> {
  const currencies = Object.entries(config.currencies)
    .map(([code, scale]) => `${code}:${scale}`)
    .join(',');
  return {
    production: config.production,
    host: config.host,
    port: config.port,
    database: describeDatabase(config.database),
    dataDir: config.dataDir,
    'jwt.secret':
      config.jwt.secretFile === null ? '(set)' : `(generated, kept in ${config.jwt.secretFile})`,
    'jwt.issuer': config.jwt.issuer,
    'jwt.audience': config.jwt.audience,
    'jwt.tokenTtlSeconds': config.jwt.tokenTtlSeconds,
    logLevel: config.logLevel,
    'rateLimits.signupPerHour': config.rateLimits.signupPerHour,
    'rateLimits.loginPerMinute': config.rateLimits.loginPerMinute,
    currencies: currencies === '' ? '(ISO 4217 only)' : `ISO 4217 + ${currencies}`,
    trustProxy: config.trustProxy,
  };
}

export function describeDatabase(database: DatabaseConfig): string {
  if (database.kind === 'sqlite') {
    return `sqlite ${database.path}`;
  }
  return `postgres ${maskPostgresUrl(database.url)}`;
}

/**
 * The URL with its password hidden. A URL that does not parse is not shown at all: hiding
 * the password of a string that is not a URL cannot be done reliably.
 */
function maskPostgresUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return '(URL hidden: it does not parse)';
  }
  if (url.password !== '') {
    url.password = '***';
  }
  if (url.searchParams.has('password')) {
    url.searchParams.set('password', '***');
  }
  return url.href;
}
