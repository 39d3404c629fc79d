/**
 * The server's effective configuration, read once at start from the environment by
 * `loadConfig`. Every field is validated and defaulted; nothing else in the server reads
 * `process.env`.
 */

/** Where the ledger and the server's own tables live. */
export type DatabaseConfig =
  /** A SQLite file (an absolute path), or `':memory:'` for a throwaway database. */
  | { readonly kind: 'sqlite'; readonly path: string }
  /** A PostgreSQL connection URL, as given (it may hold a password: never log it as is). */
  | { readonly kind: 'postgres'; readonly url: string };

/** The levels of the server's logger (pino's), `silent` logging nothing. */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A level of the server's logger. */
export type LogLevel = (typeof logLevels)[number];

/** How the server signs and checks the JWTs it issues at signup and login. */
export interface JwtConfig {
  /** The HMAC secret, at least 32 characters. Never log it. */
  readonly secret: string;
  /**
   * The file a development secret was generated into and is reused from, or `null` when the
   * secret came from `VAULTCRAFT_JWT_SECRET`.
   */
  readonly secretFile: string | null;
  readonly issuer: string;
  readonly audience: string;
  readonly tokenTtlSeconds: number;
}

/** Per-IP limits of the unauthenticated endpoints; 0 disables a limit. */
export interface RateLimitsConfig {
  /** Signups per hour per client IP. */
  readonly signupPerHour: number;
  /** Login attempts per minute per client IP and email. */
  readonly loginPerMinute: number;
}

/** The validated configuration of one server process. */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  readonly jwt: JwtConfig;
  readonly logLevel: LogLevel;
  readonly rateLimits: RateLimitsConfig;
  /**
   * The custom assets this installation accepts besides ISO 4217, code -> scale (fraction
   * digits): exactly what `new CurrencyRegistry(customAssets)` of `@vaultcraft/core` takes.
   */
  readonly currencies: Readonly<Record<string, number>>;
  /** Whether `X-Forwarded-For` and friends are trusted (only behind a proxy you run). */
  readonly trustProxy: boolean;
  /** `NODE_ENV=production`: no generated secrets, no development conveniences. */
  readonly production: boolean;
  /** An absolute directory for the server's files (the development JWT secret). */
  readonly dataDir: string;
  /** Things an operator should know at start (a generated secret, ...), one sentence each. */
  readonly warnings: readonly string[];
}
