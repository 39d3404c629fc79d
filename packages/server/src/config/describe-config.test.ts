// Proves that describeConfig shows the effective settings without secrets: the JWT secret
// never appears, and a PostgreSQL password (user info or query) is replaced by ***. It
// describes configs loaded by loadConfig in a fresh temp cwd.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeConfig } from './describe-config.js';
import { loadConfig } from './load-config.js';

const secret = 'super-secret-value-0123456789abcdef';
let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'vaultcraft-describe-'));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('describeConfig', () => {
  it('lists every setting, the given secret as (set)', async () => {
    const config = await loadConfig(
      { VAULTCRAFT_JWT_SECRET: secret, VAULTCRAFT_CURRENCIES: 'POINTS:0,GOLD:4', PORT: '3000' },
      { cwd },
    );
    const description = describeConfig(config);
    expect(description).toEqual({
      production: false,
      host: '127.0.0.1',
      port: 3000,
      database: `sqlite ${join(cwd, 'data', 'vaultcraft.db')}`,
      dataDir: join(cwd, 'data'),
      'jwt.secret': '(set)',
      'jwt.issuer': 'vaultcraft',
      'jwt.audience': 'vaultcraft-api',
      'jwt.tokenTtlSeconds': 3600,
      logLevel: 'info',
      'rateLimits.signupPerHour': 30,
      'rateLimits.loginPerMinute': 10,
      currencies: 'ISO 4217 + POINTS:0,GOLD:4',
      trustProxy: false,
    });
    expect(JSON.stringify(description)).not.toContain(secret);
  });

  it('shows where a generated secret is kept, never the secret', async () => {
    const config = await loadConfig({}, { cwd });
    const description = describeConfig(config);
    expect(description['jwt.secret']).toBe(
      `(generated, kept in ${join(cwd, 'data', 'jwt-secret')})`,
    );
    expect(JSON.stringify(description)).not.toContain(config.jwt.secret);
    expect(description.currencies).toBe('(ISO 4217 only)');
  });

  it.each([
    [
      'postgres://vault:hunter2@db.example:5432/ledger',
      'postgres://vault:***@db.example:5432/ledger',
    ],
    [
      'postgresql://vault@db.example/ledger?password=hunter2&sslmode=require',
      'postgresql://vault@db.example/ledger?password=***&sslmode=require',
    ],
    ['postgres://db.example/ledger', 'postgres://db.example/ledger'],
  ])('hides the password of %s', async (url, shown) => {
    const config = await loadConfig({ VAULTCRAFT_JWT_SECRET: secret, DATABASE_URL: url }, { cwd });
    const description = describeConfig(config);
    expect(description.database).toBe(`postgres ${shown}`);
    expect(JSON.stringify(description)).not.toContain('hunter2');
  });
});
