// Proves that loadConfig accepts every variable at both ends of its range, applies the
// defaults, and refuses each bad value with a ConfigurationError naming that variable and
// saying what is expected, by calling it with hand-made environments in a fresh temp cwd.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isVaultError } from '@vaultcraft/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';
import type { ServerConfig } from './server-config.js';

const secret = 's'.repeat(32);
let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'vaultcraft-config-'));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

function load(env: Record<string, string | undefined>): Promise<ServerConfig> {
  return loadConfig({ VAULTCRAFT_JWT_SECRET: secret, ...env }, { cwd });
}

async function loadError(env: Record<string, string | undefined>) {
  const error: unknown = await load(env).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isVaultError(error) || error.code !== 'CONFIGURATION_ERROR') {
    throw new Error(`expected a ConfigurationError, got ${String(error)}`);
  }
  return error as typeof error & { setting: string };
}

describe('loadConfig defaults', () => {
  it('fills in every default from an environment with only the secret', async () => {
    const config = await load({});
    expect(config).toMatchObject({
      port: 8000,
      host: '127.0.0.1',
      database: { kind: 'sqlite', path: join(cwd, 'data', 'vaultcraft.db') },
      jwt: {
        secret,
        secretFile: null,
        issuer: 'vaultcraft',
        audience: 'vaultcraft-api',
        tokenTtlSeconds: 3600,
      },
      logLevel: 'info',
      rateLimits: { signupPerHour: 30, loginPerMinute: 10 },
      currencies: {},
      trustProxy: false,
      production: false,
      dataDir: join(cwd, 'data'),
      warnings: [],
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('treats an empty value as unset', async () => {
    const config = await load({ PORT: '', LOG_LEVEL: '', VAULTCRAFT_CURRENCIES: '' });
    expect(config.port).toBe(8000);
    expect(config.logLevel).toBe('info');
    expect(config.currencies).toEqual({});
  });
});

// One row per accepted value at a limit: [variable, value, path in the config, expected].
const accepted: [string, string, (config: ServerConfig) => unknown, unknown][] = [
  ['PORT', '0', (c) => c.port, 0],
  ['PORT', '65535', (c) => c.port, 65_535],
  ['HOST', '0.0.0.0', (c) => c.host, '0.0.0.0'],
  ['HOST', '::1', (c) => c.host, '::1'],
  ['HOST', 'h'.repeat(253), (c) => c.host, 'h'.repeat(253)],
  [
    'VAULTCRAFT_JWT_ISSUER',
    'https://issuer.example',
    (c) => c.jwt.issuer,
    'https://issuer.example',
  ],
  ['VAULTCRAFT_JWT_AUDIENCE', 'a'.repeat(255), (c) => c.jwt.audience, 'a'.repeat(255)],
  ['VAULTCRAFT_TOKEN_TTL_SECONDS', '60', (c) => c.jwt.tokenTtlSeconds, 60],
  ['VAULTCRAFT_TOKEN_TTL_SECONDS', '2592000', (c) => c.jwt.tokenTtlSeconds, 2_592_000],
  ['LOG_LEVEL', 'silent', (c) => c.logLevel, 'silent'],
  ['LOG_LEVEL', 'trace', (c) => c.logLevel, 'trace'],
  ['VAULTCRAFT_SIGNUP_RATE_LIMIT', '0', (c) => c.rateLimits.signupPerHour, 0],
  ['VAULTCRAFT_SIGNUP_RATE_LIMIT', '1000000', (c) => c.rateLimits.signupPerHour, 1_000_000],
  ['VAULTCRAFT_LOGIN_RATE_LIMIT', '0', (c) => c.rateLimits.loginPerMinute, 0],
  ['VAULTCRAFT_LOGIN_RATE_LIMIT', '1000000', (c) => c.rateLimits.loginPerMinute, 1_000_000],
  ['VAULTCRAFT_TRUST_PROXY', 'true', (c) => c.trustProxy, true],
  ['VAULTCRAFT_TRUST_PROXY', '1', (c) => c.trustProxy, true],
  ['VAULTCRAFT_TRUST_PROXY', 'false', (c) => c.trustProxy, false],
  ['VAULTCRAFT_TRUST_PROXY', '0', (c) => c.trustProxy, false],
  ['VAULTCRAFT_CURRENCIES', 'POINTS:0, GOLD:4', (c) => c.currencies, { POINTS: 0, GOLD: 4 }],
  ['VAULTCRAFT_CURRENCIES', 'AB:18', (c) => c.currencies, { AB: 18 }],
  [
    'VAULTCRAFT_CURRENCIES',
    `A${'B'.repeat(15)}:0`,
    (c) => c.currencies,
    { [`A${'B'.repeat(15)}`]: 0 },
  ],
  ['VAULTCRAFT_JWT_SECRET', 'k'.repeat(32), (c) => c.jwt.secret, 'k'.repeat(32)],
  ['NODE_ENV', 'production', (c) => c.production, true],
  ['NODE_ENV', 'development', (c) => c.production, false],
];

describe('loadConfig accepts each variable at its limits', () => {
  it.each(accepted)('%s=%s', async (name, value, read, expected) => {
    expect(read(await load({ [name]: value }))).toEqual(expected);
  });
});

// One row per refused value: [variable, value, a fragment of the message].
const refused: [string, string, RegExp][] = [
  ['PORT', 'abc', /^PORT: must be an integer from 0 to 65535 .*got "abc"$/],
  ['PORT', '65536', /integer from 0 to 65535.*got "65536"/],
  ['PORT', '-1', /got "-1"/],
  ['PORT', '80.5', /got "80.5"/],
  ['PORT', ' 80', /got " 80"/],
  ['HOST', 'h'.repeat(254), /host name or IP address of at most 253 characters/],
  ['HOST', 'local host', /host name or IP address.*got "local host"/],
  ['VAULTCRAFT_JWT_SECRET', 'k'.repeat(31), /at least 32 characters, got 31/],
  [
    'VAULTCRAFT_JWT_ISSUER',
    'has space',
    /printable ASCII characters without spaces, got "has space"/,
  ],
  ['VAULTCRAFT_JWT_AUDIENCE', 'a'.repeat(256), /1 to 255 printable ASCII/],
  ['VAULTCRAFT_TOKEN_TTL_SECONDS', '59', /integer from 60 to 2592000, got "59"/],
  ['VAULTCRAFT_TOKEN_TTL_SECONDS', '2592001', /got "2592001"/],
  ['LOG_LEVEL', 'verbose', /one of fatal, error, warn, info, debug, trace, silent, got "verbose"/],
  ['LOG_LEVEL', 'INFO', /got "INFO"/],
  ['VAULTCRAFT_SIGNUP_RATE_LIMIT', '1000001', /integer from 0 to 1000000 .*got "1000001"/],
  ['VAULTCRAFT_SIGNUP_RATE_LIMIT', 'none', /0 disables the limit/],
  ['VAULTCRAFT_LOGIN_RATE_LIMIT', '1000001', /got "1000001"/],
  ['VAULTCRAFT_LOGIN_RATE_LIMIT', '-5', /got "-5"/],
  ['VAULTCRAFT_TRUST_PROXY', 'yes', /true, false, 1 or 0, got "yes"/],
  ['VAULTCRAFT_TRUST_PROXY', 'TRUE', /got "TRUE"/],
  ['VAULTCRAFT_CURRENCIES', 'POINTS', /not CODE:scale/],
  ['VAULTCRAFT_CURRENCIES', 'POINTS:0,,GOLD:4', /item "" that is not CODE:scale/],
  ['VAULTCRAFT_CURRENCIES', 'points:0', /code "points"/],
  ['VAULTCRAFT_CURRENCIES', 'P:0', /code "P"/],
  ['VAULTCRAFT_CURRENCIES', `A${'B'.repeat(16)}:0`, /2 to 16 upper-case/],
  ['VAULTCRAFT_CURRENCIES', 'POINTS:19', /scale "19"; a scale is an integer from 0 to 18/],
  ['VAULTCRAFT_CURRENCIES', 'POINTS:-1', /scale "-1"/],
  ['VAULTCRAFT_CURRENCIES', 'USD:2', /USD, which is an ISO 4217 currency \(scale 2\)/],
  ['VAULTCRAFT_CURRENCIES', 'JPY:2', /JPY, which is an ISO 4217 currency \(scale 0\)/],
  ['VAULTCRAFT_CURRENCIES', 'GOLD:4,GOLD:2', /declares GOLD twice/],
  ['VAULTCRAFT_JWT_SECRTE', 'x', /not a VaultCraft setting; did you mean VAULTCRAFT_JWT_SECRET\?/],
  ['VAULTCRAFT_PORT', '8000', /not a VaultCraft setting; the server reads/],
];

describe('loadConfig refuses bad values, naming the variable', () => {
  it.each(refused)('%s=%s', async (name, value, message) => {
    const error = await loadError({ [name]: value });
    expect(error.setting).toBe(name);
    expect(error.details).toMatchObject({ setting: name });
    expect(error.message.startsWith(`${name}: `)).toBe(true);
    expect(error.message).toMatch(message);
  });

  it('refuses more than 1000 custom assets', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => `A${i}:0`).join(',');
    const error = await loadError({ VAULTCRAFT_CURRENCIES: many });
    expect(error.setting).toBe('VAULTCRAFT_CURRENCIES');
    expect(error.message).toMatch(/at most 1000/);
  });

  it('reports the first bad variable in the documented order', async () => {
    const error = await loadError({ LOG_LEVEL: 'loud', PORT: 'abc', VAULTCRAFT_TRUST_PROXY: 'x' });
    expect(error.setting).toBe('PORT');
  });

  it('ignores the variables of the test tooling and other programs', async () => {
    const config = await load({
      VAULTCRAFT_TEST_DATABASE_URL: 'postgres://localhost/x',
      VAULTCRAFT_PRINT_PLANS: '1',
      PATH: '/usr/bin',
      HOME: '/home/someone',
    });
    expect(config.port).toBe(8000);
  });

  it('never quotes a rejected secret in its message', async () => {
    const error = await loadError({ VAULTCRAFT_JWT_SECRET: 'tooshort-but-secret' });
    expect(error.message).not.toContain('tooshort-but-secret');
  });
});
