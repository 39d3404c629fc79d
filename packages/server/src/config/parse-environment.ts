import { ConfigurationError } from '@vaultcraft/core';
import { z } from 'zod';
import { parseCurrencies } from './parse-currencies.js';
import { parseDatabaseUrl } from './parse-database-url.js';
import { type LogLevel, logLevels } from './server-config.js';

/** The shortest JWT secret accepted: 32 characters (256 bits of base64url or hex and more). */
export const jwtSecretLengthMin = 32;

const tokenTtlSecondsMax = 86_400 * 30;
// A rate limit above this is no limit at all; bounding it keeps the counters small.
const rateLimitMax = 1_000_000;
const hostLengthMax = 253;
const textLengthMax = 255;

function quote(value: string): string {
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}...` : value);
}

function integer(options: { min: number; max: number; fallback: number; note?: string }) {
  const expected = `must be an integer from ${options.min} to ${options.max}${options.note ?? ''}`;
  return z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined) {
        return options.fallback;
      }
      const number = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
      if (!(number >= options.min && number <= options.max)) {
        context.addIssue({ code: 'custom', message: `${expected}, got ${quote(value)}` });
        return z.NEVER;
      }
      return number;
    });
}

const boolean = z
  .string()
  .optional()
  .transform((value, context) => {
    if (value === undefined || value === 'false' || value === '0') {
      return false;
    }
    if (value === 'true' || value === '1') {
      return true;
    }
    context.addIssue({
      code: 'custom',
      message: `must be true, false, 1 or 0, got ${quote(value)}`,
    });
    return z.NEVER;
  });

function got(expected: string) {
  return {
    error: (issue: { input?: unknown }) => `${expected}, got ${quote(String(issue.input))}`,
  };
}

function text(fallback: string) {
  const expected = `must be 1 to ${textLengthMax} printable ASCII characters without spaces`;
  return z
    .string()
    .max(textLengthMax, got(expected))
    .regex(/^[\x21-\x7e]+$/, got(expected))
    .default(fallback);
}

// HOST is not resolved here: a name that does not resolve fails the listen, which says so.
const hostExpected = `must be a host name or IP address of at most ${hostLengthMax} characters`;
const host = z
  .string()
  .max(hostLengthMax, got(hostExpected))
  .regex(/^[^\s/]+$/, got(`${hostExpected} (0.0.0.0 listens on every interface)`))
  .default('127.0.0.1');

const logLevel = z
  .string()
  .optional()
  .transform((value, context): LogLevel => {
    const level = logLevels.find((candidate) => candidate === (value ?? 'info'));
    if (level === undefined) {
      context.addIssue({
        code: 'custom',
        message: `must be one of ${logLevels.join(', ')}, got ${quote(value ?? '')}`,
      });
      return z.NEVER;
    }
    return level;
  });

// Only the length of a secret is ever reported, never its value.
const jwtSecret = z
  .string()
  .optional()
  .refine((value) => value === undefined || value.length >= jwtSecretLengthMin, {
    error: (issue) =>
      `must be at least ${jwtSecretLengthMin} characters, got ${String(issue.input).length}; ` +
      'generate one with: openssl rand -base64 48',
  });

function createEnvironmentSchema(cwd: string) {
  // The keys are in the order the variables are checked: the first bad one is reported.
  return z.object({
    NODE_ENV: z.string().optional(),
    PORT: integer({ min: 0, max: 65_535, fallback: 8000, note: ' (0 picks a free port)' }),
    HOST: host,
    DATABASE_URL: z
      .string()
      .optional()
      .transform((value, context) => {
        const result = parseDatabaseUrl({ value, cwd });
        if (!result.ok) {
          context.addIssue({ code: 'custom', message: result.message });
          return z.NEVER;
        }
        return result.database;
      }),
    VAULTCRAFT_DATA_DIR: z.string().optional(),
    VAULTCRAFT_JWT_SECRET: jwtSecret,
    VAULTCRAFT_JWT_ISSUER: text('vaultcraft'),
    VAULTCRAFT_JWT_AUDIENCE: text('vaultcraft-api'),
    VAULTCRAFT_TOKEN_TTL_SECONDS: integer({ min: 60, max: tokenTtlSecondsMax, fallback: 3600 }),
    LOG_LEVEL: logLevel,
    VAULTCRAFT_SIGNUP_RATE_LIMIT: integer({
      min: 0,
      max: rateLimitMax,
      fallback: 30,
      note: ' (signups per hour per IP; 0 disables the limit)',
    }),
    VAULTCRAFT_LOGIN_RATE_LIMIT: integer({
      min: 0,
      max: rateLimitMax,
      fallback: 10,
      note: ' (login attempts per minute per IP and email; 0 disables the limit)',
    }),
    VAULTCRAFT_CURRENCIES: z
      .string()
      .optional()
      .transform((value, context) => {
        const result = parseCurrencies(value);
        if (!result.ok) {
          context.addIssue({ code: 'custom', message: result.message });
          return z.NEVER;
        }
        return result.currencies;
      }),
    VAULTCRAFT_TRUST_PROXY: boolean,
  });
}

/** The environment's settings, validated and defaulted, before the JWT secret is settled. */
export type ParsedEnvironment = z.output<ReturnType<typeof createEnvironmentSchema>>;

/**
 * Validates the variables the server reads, in a fixed order. An empty value counts as unset
 * (`PORT=` in a compose file means "default", not "port zero").
 *
 * @throws ConfigurationError (`CONFIGURATION_ERROR`) naming the first bad variable, saying
 *   what is wrong and what is expected.
 */
export function parseEnvironment(options: {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}): ParsedEnvironment {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.env)) {
    if (value !== undefined && value !== '') {
      values[name] = value;
    }
  }
  const result = createEnvironmentSchema(options.cwd).safeParse(values);
  if (result.success) {
    return result.data;
  }
  const issue = result.error.issues[0]!;
  const setting = String(issue.path[0] ?? 'environment');
  throw new ConfigurationError(setting, issue.message);
}
